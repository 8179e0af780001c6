"""Report lists as plain rows: the columns a list shows, and each report's last few events.

A 50-report inbox built a Tortoise model per report, converting every column (the body it never
shows included), and read every event of the page to show the last three of each. Here the list's
query is still built by Tortoise from the domain's filters (the policy's visibility filter, order and
keyset included), but it selects only ``ReportRow``'s columns, converted with the model fields' own
converters (``projections.row_converter``); the body is read by id when a client asks for it; and a
window query reads only the last N events of each report that the viewer may see.
"""

from __future__ import annotations

import functools
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from dataclasses import fields as dataclass_fields
from datetime import date, datetime
from typing import Any

from pypika_tortoise.terms import Field
from tortoise.connection import connections
from tortoise.queryset import QuerySet

from .models import Report, ReportEvent
from .projections import EventRow, row_converter


@dataclass(frozen=True, slots=True)
class ReportRow:
    """A ``report`` row without its body (and the columns only commands use), with the model's names."""

    id: int
    tracking_number: str
    title: str
    classification: str
    category: str
    location_text: str
    latitude: float | None
    longitude: float | None
    incident_date: date | None
    is_anonymous: bool
    is_confidential: bool
    reporter_id: int | None
    agency_id: int | None
    status: str
    stage: str
    stage_labels: dict[str, str]
    deadline: datetime | None
    is_overdue: bool
    pending_actions: list[dict[str, object]]
    created_at: datetime
    updated_at: datetime
    rating_score: int | None
    rating_comment: str
    rated_at: datetime | None


_REPORT_COLUMNS = tuple(f.name for f in dataclass_fields(ReportRow))
_REPORT_FIELDS = tuple((Report, column) for column in _REPORT_COLUMNS)
# row_converter leaves dates alone (asyncpg returns them as such); SQLite returns ISO text.
_INCIDENT_DATE = _REPORT_COLUMNS.index("incident_date")
_EVENT_COLUMNS = tuple(f.name for f in dataclass_fields(EventRow))
_EVENT_SELECT = ", ".join(f'"{column}"' for column in _EVENT_COLUMNS)
_EVENT_FIELDS = tuple((ReportEvent, column) for column in _EVENT_COLUMNS)


@functools.cache
def _report_select() -> tuple[Field, ...]:
    table = Report._meta.basetable
    return tuple(table[Report._meta.fields_db_projection[column]] for column in _REPORT_COLUMNS)


async def report_rows(query: QuerySet[Report]) -> list[ReportRow]:
    """What ``await query`` would return, as rows: same filters, order, limit. Uses ``query`` up."""
    # The statement awaiting it would run (QuerySet.__await__'s steps; tortoise-orm is pinned), with
    # ReportRow's columns in place of every column. Tortoise builds a model query from a prepared
    # template, where values_list() would build and alias each column anew (0.2-0.3 ms more a list,
    # about what the rows save on a 20-report page) and then convert each value itself.
    query._choose_db_if_not_chosen()
    query._make_query()
    query.query._selects = list(_report_select())
    sql, values = query.query.get_parameterized_sql()
    convert = row_converter(_REPORT_FIELDS)
    to_date = Report._meta.fields_map["incident_date"].to_python_value
    found = []
    for row in await _rows(sql, list(values)):
        converted = convert(row)
        if converted[_INCIDENT_DATE] is not None:
            converted[_INCIDENT_DATE] = to_date(converted[_INCIDENT_DATE])
        found.append(ReportRow(*converted))
    return found


async def report_bodies(report_ids: Sequence[int]) -> dict[int, str]:
    """The body of each of these reports (that exists), by id."""
    if not report_ids:
        return {}
    sql = f'SELECT "id", "body" FROM "report" WHERE "id" IN ({_placeholders(1, len(report_ids))})'
    return {int(row[0]): row[1] for row in await _rows(sql, list(report_ids))}


async def last_events_of_reports(
    report_ids: Collection[int], with_internal: Collection[int], last: int
) -> list[EventRow]:
    """The last ``last`` events of each report, oldest first: of the reports in ``with_internal``
    counting every event, of the others only the public ones (what ``reports.events_for`` keeps for a
    viewer who may not see internal notes), so each report gets its last ``last`` *visible* events."""
    ids = list(report_ids)
    if not ids or last <= 0:
        return []
    values: list[Any] = [*ids]
    where = f'"report_id" IN ({_placeholders(1, len(ids))})'
    internal = [i for i in ids if i in with_internal]
    if not internal:
        where += ' AND "is_public"'
    elif len(internal) < len(ids):
        where += f' AND ("is_public" OR "report_id" IN ({_placeholders(len(values) + 1, len(internal))}))'
        values += internal
    values.append(last)
    # ROW_NUMBER needs SQLite 3.25 or later; PostgreSQL has it. The (report_id, id) index serves it.
    sql = (
        f"SELECT {_EVENT_SELECT} FROM ("
        f" SELECT {_EVENT_SELECT},"
        ' ROW_NUMBER() OVER (PARTITION BY "report_id" ORDER BY "id" DESC) AS "recent"'
        f' FROM "report_event" WHERE {where}'
        f') AS "latest" WHERE "recent" <= {_placeholders(len(values), 1)} ORDER BY "id"'
    )
    convert = row_converter(_EVENT_FIELDS)
    return [EventRow(*convert(row)) for row in await _rows(sql, values)]


async def _rows(sql: str, values: list[Any]) -> Sequence[Sequence[Any]]:
    # The open transaction's connection inside in_transaction, as Tortoise's own queries use.
    _, rows = await connections.get("default").execute_query(sql, values)
    return rows


def _placeholders(first: int, count: int) -> str:
    """``count`` parameters numbered from ``first`` (PostgreSQL's $n), or SQLite's ``?``."""
    if connections.get("default").capabilities.dialect == "postgres":
        return ", ".join(f"${n}" for n in range(first, first + count))
    return ", ".join("?" for _ in range(count))
