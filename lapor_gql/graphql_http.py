"""GraphQL over HTTP (https://graphql.github.io/graphql-over-http/draft/): which media type answers a
request, and which results are request errors.

Two media types answer a POST. ``application/json`` is the legacy one: every well-formed request gets
200, whatever went wrong, and clients read ``errors``. ``application/graphql-response+json`` says with
its status code whether the request ran at all: a document that does not parse or validate, variables
that do not coerce or an operation that is not in the document answer 4xx, without ``data``; once
execution has started the answer is 200, also when ``data`` is null.
"""

from __future__ import annotations

from collections.abc import Sequence

from graphql import GraphQLError

GRAPHQL_RESPONSE_JSON = "application/graphql-response+json"
JSON = "application/json"
REQUEST_ERROR_STATUS = 400


def response_media_type(accept: str | None) -> str:
    """The media type to answer a request with ``Accept: accept``.

    The best quality wins, ties going to the client's order; ``*/*`` and ``application/*`` mean
    application/json, as the spec asks of servers while clients move over. A request that accepts
    neither gets application/json too: the spec allows that instead of a 406, and it keeps old
    clients with odd Accept headers working.
    """
    best, best_quality = JSON, 0.0
    for media_range in (accept or "").split(","):
        media_type, _, parameters = media_range.partition(";")
        candidate = _candidate(media_type.strip().lower())
        quality = _quality(parameters)
        if candidate is not None and quality > best_quality:
            best, best_quality = candidate, quality
    return best


def content_type(media_type: str) -> str:
    # The spec's examples name the charset of the new type; application/json has no charset parameter.
    return f"{media_type}; charset=utf-8" if media_type == GRAPHQL_RESPONSE_JSON else media_type


def _candidate(media_type: str) -> str | None:
    if media_type == GRAPHQL_RESPONSE_JSON:
        return GRAPHQL_RESPONSE_JSON
    if media_type in (JSON, "application/*", "*/*"):
        return JSON
    return None


def _quality(parameters: str) -> float:
    for parameter in parameters.split(";"):
        name, _, value = parameter.partition("=")
        if name.strip().lower() == "q":
            try:
                return max(0.0, min(1.0, float(value.strip())))
            except ValueError:
                return 0.0
    return 1.0


def is_request_error(data: object, errors: Sequence[GraphQLError] | None) -> bool:
    """Whether a result failed before execution (parse, validation, variable coercion, unknown
    operation): no data, and no error belongs to a field, since every execution error has a path."""
    return data is None and bool(errors) and all(error.path is None for error in errors or ())
