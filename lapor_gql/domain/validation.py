"""Collects every problem of one input before failing, so a form can show them all at once."""

from __future__ import annotations

from .errors import FieldProblem, InvalidInput


class InputCheck:
    def __init__(self) -> None:
        self.problems: list[FieldProblem] = []

    def text(self, field: str, value: str | None, *, max_length: int, required: bool) -> str:
        cleaned = (value or "").strip()
        if required and not cleaned:
            self.problems.append(FieldProblem(field, "REQUIRED"))
        elif len(cleaned) > max_length:
            self.problems.append(FieldProblem(field, "TOO_LONG", {"max": max_length}))
        return cleaned

    def fail(self, field: str, code: str, **params: object) -> None:
        self.problems.append(FieldProblem(field, code, dict(params)))

    def raise_if_any(self) -> None:
        if self.problems:
            raise InvalidInput(self.problems)
