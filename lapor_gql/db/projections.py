"""Rows read as plain values where nothing is saved back.

A timeline page reads hundreds of events: building a Tortoise model for each, or even a values-list
row, cost more than the database took to send them. Here the SQL is written out once and only the
columns that need it are converted, with the model fields' own converters.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable
from dataclasses import dataclass, fields
from datetime import datetime
from typing import Any

from tortoise.connection import connections

from .models import ReportEvent


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


_EVENT_COLUMNS = tuple(f.name for f in fields(EventRow))
_EVENT_SELECT = ", ".join(f'"{column}"' for column in _EVENT_COLUMNS)


@functools.cache
def _converters() -> tuple[Callable[[Any], Any] | None, ...]:
    # Text and integer columns arrive as Python values from both drivers; these three do not (SQLite
    # sends booleans as 0/1 and datetimes as text, both send JSON as text).
    field_of = ReportEvent._meta.fields_map
    return tuple(
        field_of[column].to_python_value if column in {"is_public", "details", "created_at"} else None
        for column in _EVENT_COLUMNS
    )


async def events_of_reports(report_ids: Iterable[int]) -> list[EventRow]:
    """Every event of these reports, oldest first."""
    ids = list(report_ids)
    if not ids:
        return []
    connection = connections.get("default")
    if connection.capabilities.dialect == "postgres":
        marks = ", ".join(f"${n}" for n in range(1, len(ids) + 1))
    else:
        marks = ", ".join("?" for _ in ids)
    sql = f'SELECT {_EVENT_SELECT} FROM "report_event" WHERE "report_id" IN ({marks}) ORDER BY "id"'
    _, rows = await connection.execute_query(sql, ids)
    converters = _converters()
    return [
        EventRow(
            *[
                value if convert is None else convert(value)
                for convert, value in zip(converters, row, strict=True)
            ]
        )
        for row in rows
    ]
