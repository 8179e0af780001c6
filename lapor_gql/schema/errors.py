"""How domain errors reach clients: expected ones as payload ``errors``, access failures top-level.

``run_mutation`` is every mutation's one way with failures; ``refusing_access`` the same for the
queries and subscriptions that call the domain.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterator
from contextlib import contextmanager
from enum import Enum
from typing import TypeVar

import strawberry
from graphql import GraphQLError
from strawberry.utils.str_converters import to_camel_case

from lapor_gql.domain import idempotency
from lapor_gql.domain.errors import AccessDenied, FieldProblem, InvalidInput, LaporError
from lapor_gql.domain.idempotency import KeyOutcome
from lapor_gql.domain.labels import Language, error_message

from .ids import decode_id

P = TypeVar("P")


@strawberry.enum(description="Why a mutation did not change anything.")
class ErrorCode(Enum):
    REQUIRED = "REQUIRED"
    TOO_LONG = "TOO_LONG"
    INVALID = "INVALID"
    NOT_FOUND = "NOT_FOUND"
    ACTION_NOT_AVAILABLE = "ACTION_NOT_AVAILABLE"
    CONFLICT = "CONFLICT"
    NOBODY_CAN_ACT = "NOBODY_CAN_ACT"
    AGENCY_INACTIVE = "AGENCY_INACTIVE"
    AGENCY_IN_USE = "AGENCY_IN_USE"
    AGENCY_CODE_TAKEN = "AGENCY_CODE_TAKEN"
    AGENCY_TOO_DEEP = "AGENCY_TOO_DEEP"
    SAME_AGENCY = "SAME_AGENCY"
    ALREADY_RATED = "ALREADY_RATED"
    INVALID_CREDENTIALS = "INVALID_CREDENTIALS"
    ACCESS_CODE_INVALID = "ACCESS_CODE_INVALID"
    TOO_MANY_ATTEMPTS = "TOO_MANY_ATTEMPTS"
    EMAIL_TAKEN = "EMAIL_TAKEN"
    PASSWORD_WEAK = "PASSWORD_WEAK"
    SECRET_INVALID = "SECRET_INVALID"
    ADMIN_PROTECTED = "ADMIN_PROTECTED"
    HOLIDAY_EXISTS = "HOLIDAY_EXISTS"
    DIAGRAM_INVALID = "DIAGRAM_INVALID"
    SAME_VERSION = "SAME_VERSION"
    VERSION_NOT_NEWER = "VERSION_NOT_NEWER"
    UNSUPPORTED_FILE_TYPE = "UNSUPPORTED_FILE_TYPE"
    FILE_TOO_LARGE = "FILE_TOO_LARGE"
    FILE_UNREADABLE = "FILE_UNREADABLE"
    IMAGE_TOO_LARGE = "IMAGE_TOO_LARGE"
    TOO_MANY_FILES = "TOO_MANY_FILES"
    UPLOAD_NOT_FOUND = "UPLOAD_NOT_FOUND"


@strawberry.type(description="An expected failure: which input field, a stable code and a readable message.")
class MutationError:
    field: str | None
    code: ErrorCode
    message: str


def input_field_name(field: str | None) -> str | None:
    """The name the client sent a field under, for a field the domain names by its Python name.

    The domain names a field after the command parameter (``location_text``, ``officials.0.name``);
    the input types carry the same Python names and Strawberry camel-cases them in the SDL. This is the
    one place that applies the same conversion to errors, so an error's ``field`` is always spelled
    as in the client's input: ``locationText``. A name already in camelCase passes unchanged.
    """
    if field is None:
        return None
    return ".".join(part if part.isdigit() else to_camel_case(part) for part in field.split("."))


def mutation_error(
    field: str | None, code: str, language: Language, *, as_sent: bool = False, **params: object
) -> MutationError:
    """Every payload error is built here, so its field is named as the client sent it (and the request's
    ``Idempotency-Key`` learns what it refused). ``as_sent``: the domain already names the field as
    the client sent it (the name of an action's input), so it is not camel-cased."""
    idempotency.note_refusal(code)
    return MutationError(
        field=field if as_sent else input_field_name(field),
        code=ErrorCode(code),
        message=error_message(code, language, **params),
    )


def payload_errors(error: LaporError, language: Language, *, as_sent: bool = False) -> list[MutationError]:
    return [_to_payload(problem, language, as_sent) for problem in error.problems]


def _to_payload(problem: FieldProblem, language: Language, as_sent: bool) -> MutationError:
    return mutation_error(problem.field, problem.code, language, as_sent=as_sent, **problem.params)


async def run_mutation(
    language: Language,
    refused: Callable[..., P],
    command: Callable[[], Awaitable[P]],
    *,
    fields_as_sent: bool = False,
) -> P:
    """Run one mutation's work: an expected failure (a ``LaporError``, a malformed id) becomes the
    payload ``refused(errors=…)``, an access failure a top-level error. Every mutation goes through
    here, so they all answer a failure the same way."""
    try:
        return await command()
    except LaporError as error:
        return refused(errors=payload_errors(error, language, as_sent=fields_as_sent))
    except AccessDenied as denied:
        raise access_error(denied, language) from None


@contextmanager
def refusing_access(language: Language) -> Iterator[None]:
    """A query's or a subscription's access failure, as the top-level error a mutation's would be."""
    try:
        yield
    except AccessDenied as denied:
        raise access_error(denied, language) from None


def global_key(raw: str, type_name: str, field: str) -> int:
    """The database id in an input's global id; a malformed one or one of another type is the
    payload error INVALID on ``field`` (raised for ``run_mutation`` to answer)."""
    key = decode_id(raw, type_name)
    if key is None:
        raise InvalidInput([FieldProblem(field, "INVALID")])
    return key


def optional_key(raw: str | None, type_name: str, field: str) -> int | None:
    return None if raw is None else global_key(raw, type_name, field)


class PublicError(GraphQLError):
    """A top-level error meant for the client; never masked."""


def access_error(denied: AccessDenied, language: Language) -> PublicError:
    return PublicError(error_message(denied.code, language), extensions={"code": denied.code})


def decided_by_idempotency_key(error: GraphQLError) -> bool:
    """The request lost to another with its ``Idempotency-Key``, or its lost answer cannot be rebuilt:
    the HTTP layer discards this response and answers for the key. Expected, never a bug."""
    return isinstance(error.original_error, KeyOutcome)


def is_unexpected(error: GraphQLError) -> bool:
    """Validation, limit, access and idempotency-key errors are answers; anything else is a bug."""
    original = error.original_error
    return (
        original is not None
        and not isinstance(original, GraphQLError)
        and not decided_by_idempotency_key(error)
    )
