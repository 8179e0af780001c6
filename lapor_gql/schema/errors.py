"""How domain errors reach clients: expected ones as payload ``errors``, access failures top-level."""

from __future__ import annotations

from enum import Enum

import strawberry
from graphql import GraphQLError
from strawberry.utils.str_converters import to_camel_case

from lapor_gql.domain import idempotency
from lapor_gql.domain.errors import AccessDenied, FieldProblem, LaporError
from lapor_gql.domain.idempotency import KeyOutcome
from lapor_gql.domain.labels import Language, error_message


@strawberry.enum(description="Why a mutation did not change anything.")
class ErrorCode(Enum):
    REQUIRED = "REQUIRED"
    TOO_LONG = "TOO_LONG"
    INVALID = "INVALID"
    NOT_FOUND = "NOT_FOUND"
    ACTION_NOT_AVAILABLE = "ACTION_NOT_AVAILABLE"
    CONFLICT = "CONFLICT"
    AGENCY_INACTIVE = "AGENCY_INACTIVE"
    AGENCY_IN_USE = "AGENCY_IN_USE"
    AGENCY_CODE_TAKEN = "AGENCY_CODE_TAKEN"
    AGENCY_TOO_DEEP = "AGENCY_TOO_DEEP"
    SAME_AGENCY = "SAME_AGENCY"
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


def mutation_error(field: str | None, code: str, language: Language, **params: object) -> MutationError:
    """Every payload error is built here, so its field is named as the client sent it (and the request's
    ``Idempotency-Key`` learns what it refused)."""
    idempotency.note_refusal(code)
    return MutationError(
        field=input_field_name(field),
        code=ErrorCode(code),
        message=error_message(code, language, **params),
    )


def payload_errors(error: LaporError, language: Language) -> list[MutationError]:
    return [_to_payload(problem, language) for problem in error.problems]


def _to_payload(problem: FieldProblem, language: Language) -> MutationError:
    return mutation_error(problem.field, problem.code, language, **problem.params)


def invalid_field(field: str, language: Language) -> list[MutationError]:
    return [mutation_error(field, "INVALID", language)]


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
