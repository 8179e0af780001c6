"""Hot reads as plain rows, with the SQL written out once.

Every request looks its token up, a runtime reads the holiday calendar and the deployed diagrams
whenever they may have changed (``domain.catalog``), and a timeline page reads hundreds of events.
For these, building the query with Tortoise and a model per row cost more than the database took to
answer, so the statements are written here and only the columns that need it are converted, with
the model fields' own converters. They run on ``connections.get``, which is the open transaction's
connection inside ``in_transaction``.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from dataclasses import fields as dataclass_fields
from datetime import datetime
from typing import Any

from tortoise import fields
from tortoise.connection import connections
from tortoise.models import Model

from .models import AccessToken, ReportEvent, User


@dataclass(frozen=True, slots=True)
class EventRow:
    """One ``report_event`` row, with the model's attribute names."""

    id: int
    report_id: int
    actor_id: int | None
    actor_role: str
    action: str
    from_status: str | None
    to_status: str | None
    message: str
    internal_note: str
    is_public: bool
    details: dict[str, object]
    created_at: datetime


@dataclass(frozen=True, slots=True)
class TokenRow:
    """An access token with what a request needs of its user."""

    id: int
    revoked_at: datetime | None
    expires_at: datetime
    user_id: int
    user_is_active: bool
    user_role: str
    user_agency_id: int | None


_EVENT_COLUMNS = tuple(f.name for f in dataclass_fields(EventRow))
_EVENT_SELECT = ", ".join(f'"{column}"' for column in _EVENT_COLUMNS)
_EVENT_FIELDS = tuple((ReportEvent, column) for column in _EVENT_COLUMNS)
_TOKEN_FIELDS = (
    (AccessToken, "id"),
    (AccessToken, "revoked_at"),
    (AccessToken, "expires_at"),
    (User, "id"),
    (User, "is_active"),
    (User, "role"),
    (User, "agency_id"),
)
# Text and integer columns arrive as Python values from both drivers; booleans (0/1 on SQLite),
# datetimes (text on SQLite) and JSON (text on both) do not.
_CONVERTED_FIELDS = (fields.BooleanField, fields.DatetimeField, fields.JSONField)


async def events_of_reports(report_ids: Iterable[int]) -> list[EventRow]:
    """Every event of these reports, oldest first."""
    ids = list(report_ids)
    if not ids:
        return []
    wanted = _placeholders(len(ids))
    sql = f'SELECT {_EVENT_SELECT} FROM "report_event" WHERE "report_id" IN ({wanted}) ORDER BY "id"'
    convert = row_converter(_EVENT_FIELDS)
    return [EventRow(*convert(row)) for row in await _rows(sql, ids)]


async def token_by_hash(token_hash: str) -> TokenRow | None:
    sql = (
        'SELECT t."id", t."revoked_at", t."expires_at", u."id", u."is_active", u."role", u."agency_id"'
        ' FROM "access_token" t JOIN "app_user" u ON u."id" = t."user_id"'
        f' WHERE t."token_hash" = {_placeholders(1)}'
    )
    rows = await _rows(sql, [token_hash])
    if not rows:
        return None
    return TokenRow(*row_converter(_TOKEN_FIELDS)(rows[0]))


async def holiday_fingerprint() -> tuple[int, int | None]:
    """How many holidays there are and the highest id: changes with every holiday added or removed."""
    [row] = await _rows('SELECT COUNT("id"), MAX("id") FROM "holiday"', [])
    return int(row[0]), None if row[1] is None else int(row[1])


async def process_definition_ids() -> set[int]:
    return {int(row[0]) for row in await _rows('SELECT "id" FROM "process_definition"', [])}


async def _rows(sql: str, values: list[Any]) -> Sequence[Sequence[Any]]:
    _, rows = await connections.get("default").execute_query(sql, values)
    return rows


def _datetime_converter(to_python: Callable[[Any], Any]) -> Callable[[Any], Any]:
    # SQLite stores ISO text; the field parses it with the iso8601 package, many times slower than
    # datetime.fromisoformat. The field still normalises the parsed value (time zone included).
    def convert(value: Any) -> Any:
        if isinstance(value, str):
            try:
                parsed = datetime.fromisoformat(value)
            except ValueError:
                return to_python(value)
            return to_python(parsed if parsed.tzinfo is not None else value)
        return to_python(value)

    return convert


def _placeholders(count: int) -> str:
    if connections.get("default").capabilities.dialect == "postgres":
        return ", ".join(f"${n}" for n in range(1, count + 1))
    return ", ".join("?" for _ in range(count))


@functools.cache
def row_converter(columns: tuple[tuple[type[Model], str], ...]) -> Callable[[Sequence[Any]], list[Any]]:
    converters: list[Callable[[Any], Any] | None] = []
    for model, column in columns:
        field = model._meta.fields_map[column]
        if isinstance(field, fields.DatetimeField):
            converters.append(_datetime_converter(field.to_python_value))
        else:
            converters.append(field.to_python_value if isinstance(field, _CONVERTED_FIELDS) else None)

    def convert(row: Sequence[Any]) -> list[Any]:
        return [value if conv is None else conv(value) for conv, value in zip(converters, row, strict=True)]

    return convert
