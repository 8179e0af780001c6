"""How domain errors reach clients: expected ones as payload ``errors``, access failures top-level."""

from __future__ import annotations

from enum import Enum

import strawberry
from graphql import GraphQLError

from lapor_gql.domain.errors import AccessDenied, FieldProblem, LaporError
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


def payload_errors(error: LaporError, language: Language) -> list[MutationError]:
    return [_to_payload(problem, language) for problem in error.problems]


def _to_payload(problem: FieldProblem, language: Language) -> MutationError:
    return MutationError(
        field=problem.field,
        code=ErrorCode(problem.code),
        message=error_message(problem.code, language, **problem.params),
    )


def invalid_field(field: str, language: Language) -> list[MutationError]:
    return [_to_payload(FieldProblem(field, "INVALID"), language)]


class PublicError(GraphQLError):
    """A top-level error meant for the client; never masked."""


def access_error(denied: AccessDenied, language: Language) -> PublicError:
    return PublicError(error_message(denied.code, language), extensions={"code": denied.code})
