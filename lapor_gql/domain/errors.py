"""Errors the domain raises. Each carries a code; the words shown to people come from ``labels``.

LaporError                 expected failures, shown to clients as payload ``errors``
├── NotFound               unknown id, or an object the actor may not see (indistinguishable on purpose)
├── InvalidInput           one or more fields failed validation (carries every problem)
├── ActionNotAvailable     the lifecycle does not offer this action to this actor now
├── Conflict               another command changed the report first
└── NobodyCanAct           the step would leave the report where nobody can act (a diagram bug)
AccessDenied               authentication or authorization failure: a top-level GraphQL error
"""

from __future__ import annotations

from dataclasses import dataclass
from dataclasses import field as dataclass_field


@dataclass(frozen=True)
class FieldProblem:
    # The input field by the command's own (Python) name, e.g. ``location_text`` or
    # ``officials.0.name``; the schema turns it into the name the client sent. None: no one field.
    field: str | None
    code: str
    params: dict[str, object] = dataclass_field(default_factory=dict)


class LaporError(Exception):
    code = "ERROR"

    def __init__(self, field: str | None = None) -> None:
        super().__init__(f"{self.code} ({field})" if field else self.code)
        self.field = field

    @property
    def problems(self) -> list[FieldProblem]:
        return [FieldProblem(self.field, self.code)]


class NotFound(LaporError):
    code = "NOT_FOUND"


class ActionNotAvailable(LaporError):
    code = "ACTION_NOT_AVAILABLE"


class Conflict(LaporError):
    code = "CONFLICT"


class NobodyCanAct(LaporError):
    """The workflow would wait only for the agency's liaisons while the report has no agency.

    A diagram the validator accepted never gets there; if one does anyway, the step is refused and
    nothing of it is stored, rather than strand the report."""

    code = "NOBODY_CAN_ACT"


# Refusals that say "not now" rather than "no": the same request may succeed later (the throttle's
# TOO_MANY_ATTEMPTS, a Conflict). An ``Idempotency-Key`` does not record an answer made only of these.
TEMPORARY_CODES = frozenset({"TOO_MANY_ATTEMPTS", Conflict.code})


class InvalidInput(LaporError):
    code = "INVALID"

    def __init__(self, problems: list[FieldProblem]) -> None:
        super().__init__(", ".join(f"{p.field}:{p.code}" for p in problems))
        self._problems = problems

    @property
    def problems(self) -> list[FieldProblem]:
        return list(self._problems)


class AccessDenied(Exception):
    """Missing, expired or forged credentials, or a role that may never do this."""

    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code
