"""Collects every problem of one input before failing, so a form can show them all at once."""

from __future__ import annotations

import unicodedata

from .errors import FieldProblem, InvalidInput

# Line breaks and tabs belong in report text; every other control character is refused, NUL
# above all (PostgreSQL cannot store it in text).
_ALLOWED_CONTROLS = {"\n", "\r", "\t"}
# Invisible characters that would make a blank-looking title pass as filled in.
_INVISIBLE = "\u200b\u200c\u200d\u2060\ufeff"


def is_clean_text(value: str) -> bool:
    """Encodable as UTF-8 (no lone surrogates) and free of control characters other than line breaks."""
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return not any(unicodedata.category(char) == "Cc" and char not in _ALLOWED_CONTROLS for char in value)


def is_blank(value: str) -> bool:
    """Nothing a reader would see: white space and invisible characters only."""
    return not value.strip(_INVISIBLE + " \n\r\t")


class InputCheck:
    def __init__(self) -> None:
        self.problems: list[FieldProblem] = []

    def text(self, field: str, value: str | None, *, max_length: int, required: bool) -> str:
        cleaned = (value or "").strip()
        if not is_clean_text(cleaned):
            self.problems.append(FieldProblem(field, "INVALID"))
        elif required and is_blank(cleaned):
            self.problems.append(FieldProblem(field, "REQUIRED"))
        elif len(cleaned) > max_length:
            self.problems.append(FieldProblem(field, "TOO_LONG", {"max": max_length}))
        return cleaned

    def fail(self, field: str, code: str, **params: object) -> None:
        self.problems.append(FieldProblem(field, code, dict(params)))

    def raise_if_any(self) -> None:
        if self.problems:
            raise InvalidInput(self.problems)
