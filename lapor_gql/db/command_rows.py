"""The statements of a report command that Tortoise would split or build slowly, written out once.

A command locks and reads the report, its workflow and the agency handling it in one statement, reads
the statistics facts it moves on in another, writes the report and its workflow in a third (with the
change's NOTIFY on PostgreSQL), and the outbox rows of a notice with the people it goes to in a
fourth: each used to cost two or three round trips. The rows become the same
models Tortoise builds (``Model._init_from_db`` converts each column as Tortoise does), so the code
after them is unchanged. They run on ``connections.get``, the open transaction's connection.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, TypeVar

from tortoise.connection import connections
from tortoise.models import Model

from .models import Agency, DispositionFact, Notification, Report, ReportFact, ReportWorkflow, Role

M = TypeVar("M", bound=Model)


@dataclass(frozen=True)
class LockedReport:
    report: Report
    workflow: ReportWorkflow
    agency: Agency | None
    """The agency handling the report when it was locked."""
    parent_code: str | None
    """The code of that agency's parent."""


def _columns(model: type[Model]) -> list[str]:
    return list(model._meta.fields_db_projection.values())


def _select(alias: str, model: type[Model]) -> str:
    return ", ".join(f'{alias}."{column}"' for column in _columns(model))


def _built(model: type[M], columns: Sequence[str], values: Sequence[Any]) -> M:
    return model._init_from_db(**dict(zip(columns, values, strict=True)))


def _is_postgres() -> bool:
    return connections.get("default").capabilities.dialect == "postgres"


def _placeholder(n: int) -> str:
    # Numbered on both (SQLite reads "?N"), so a statement may use one value twice.
    return f"${n}" if _is_postgres() else f"?{n}"


async def _rows(sql: str, values: list[Any]) -> Sequence[Sequence[Any]]:
    _, rows = await connections.get("default").execute_query(sql, values)
    return [tuple(row.values()) if isinstance(row, Mapping) else tuple(row) for row in rows]


# The open round of a report: the newest of its rounds not ended.
_OPEN_ROUND = (
    'LEFT JOIN "disposition_fact" d ON d."id" = (SELECT MAX(o."id") FROM "disposition_fact" o'
    ' WHERE o."report_id" = f."report_id" AND o."ended_at" IS NULL)'
)


class _Row:
    """Takes a joined row apart, table by table."""

    def __init__(self, row: Sequence[Any]) -> None:
        self._row, self._at = row, 0

    def take(self, model: type[M], *, optional: bool = False) -> M | None:
        columns = _columns(model)
        values = self._row[self._at : self._at + len(columns)]
        self._at += len(columns)
        if optional and values[columns.index(model._meta.db_pk_column)] is None:
            return None
        return _built(model, columns, values)

    def rest(self) -> Sequence[Any]:
        return self._row[self._at :]


async def lock_report(report_id: int) -> LockedReport | None:
    """The report and its workflow, locked for the rest of the transaction (``FOR UPDATE`` of both on
    PostgreSQL; SQLite has one writer), with the agency handling it, in one statement. Who may see it
    is the caller's to check.

    Only what it locks is certain to be current: when the statement waited for another command's
    lock, PostgreSQL (READ COMMITTED) hands over the newest report and workflow but joins the rows of
    other tables as they were when the statement began. So the agency comes back None when the
    report had moved to another one meanwhile (read it again then), and what another command writes
    under the same lock (the statistics facts) is not read here.
    """
    lock = " FOR UPDATE OF r, w" if _is_postgres() else ""
    sql = (
        f'SELECT {_select("r", Report)}, {_select("w", ReportWorkflow)}, {_select("a", Agency)}, p."code"'
        ' FROM "report" r JOIN "report_workflow" w ON w."report_id" = r."id"'
        ' LEFT JOIN "agency" a ON a."id" = r."agency_id" LEFT JOIN "agency" p ON p."id" = a."parent_id"'
        f' WHERE r."id" = {_placeholder(1)}{lock}'
    )
    rows = await _rows(sql, [report_id])
    if not rows:
        return None
    row = _Row(rows[0])
    report, workflow = row.take(Report), row.take(ReportWorkflow)
    assert report is not None and workflow is not None
    agency = row.take(Agency, optional=True)
    if agency is not None and agency.id != report.agency_id:
        agency = None  # joined as it was before a wait for the lock: not the report's agency now
    [parent_code] = row.rest()
    return LockedReport(report, workflow, agency, parent_code if agency is not None else None)


async def fact_and_open_round(report_id: int) -> tuple[ReportFact | None, DispositionFact | None]:
    """The report's statistics fact and its open round, in one statement."""
    sql = (
        f'SELECT {_select("f", ReportFact)}, {_select("d", DispositionFact)} FROM "report_fact" f'
        f' {_OPEN_ROUND} WHERE f."report_id" = {_placeholder(1)}'
    )
    rows = await _rows(sql, [report_id])
    if not rows:
        return None, None
    row = _Row(rows[0])
    return row.take(ReportFact), row.take(DispositionFact, optional=True)


async def store_step(
    report_id: int,
    version: int,
    changes: Mapping[str, object],
    state: str,
    next_timer_due_at: datetime | None,
    now: datetime,
    notify: tuple[str, str] | None = None,
) -> bool:
    """Write a step's projected ``changes`` into the report, if it is still at ``version``, and the
    workflow's state; False (and the workflow written all the same: roll back) if the report had
    moved on. One statement on PostgreSQL (the workflow's UPDATE in a WITH), two on SQLite.

    ``notify``: a (channel, message) the same statement sends with ``pg_notify`` (PostgreSQL only),
    which goes out when the transaction commits and not at all if it rolls back."""
    values: list[Any] = []

    def bind(model: type[Model], name: str, value: object) -> str:
        values.append(model._meta.fields_map[name].to_db_value(value, model))
        return _placeholder(len(values))

    workflow_sql = (
        f'UPDATE "report_workflow" SET "state" = {bind(ReportWorkflow, "state", state)},'
        f' "next_timer_due_at" = {bind(ReportWorkflow, "next_timer_due_at", next_timer_due_at)},'
        f' "updated_at" = {bind(ReportWorkflow, "updated_at", now)}'
        f' WHERE "report_id" = {bind(Report, "id", report_id)}'
    )
    key = _placeholder(len(values))
    projection = Report._meta.fields_db_projection
    assignments = ", ".join(
        f'"{projection[name]}" = {bind(Report, name, value)}' for name, value in changes.items()
    )
    report_sql = (
        f'UPDATE "report" SET {assignments} WHERE "id" = {key}'
        f' AND "version" = {bind(Report, "version", version)}'
    )
    connection = connections.get("default")
    if _is_postgres():
        returning = '"id"'
        if notify is not None:
            returning += f", pg_notify({_placeholder(len(values) + 1)}, {_placeholder(len(values) + 2)})"
            values += list(notify)
        _, rows = await connection.execute_query(
            f"WITH w AS ({workflow_sql} RETURNING 1) {report_sql} RETURNING {returning}", values
        )
        return len(rows) == 1
    if notify is not None:
        raise ValueError("pg_notify is PostgreSQL's")
    workflow_values = values[:4]
    updated, _ = await connection.execute_query(report_sql, values)
    await connection.execute_query(workflow_sql, workflow_values)
    return updated == 1


async def queue_notifications(
    *,
    report_id: int,
    kind: str,
    payload: dict[str, object],
    now: datetime,
    liaisons_of: int | None,
    admins: bool,
    user_ids: Collection[int],
    skipped: int | None,
) -> None:
    """One PENDING outbox row for each active account among the liaisons of ``liaisons_of``, the
    admins (``admins``) and ``user_ids``, except ``skipped``, each once, in the order liaisons,
    admins, the others (each by id), as an INSERT of what the same statement selects: the
    recipients are not read in a round trip of their own."""
    conditions: list[tuple[str, list[Any]]] = []
    if liaisons_of is not None:
        conditions.append(('u."role" = {} AND u."agency_id" = {}', [Role.LIAISON.value, liaisons_of]))
    if admins:
        conditions.append(('u."role" = {}', [Role.ADMIN.value]))
    for user_id in user_ids:
        conditions.append(('u."id" = {}', [user_id]))
    if not conditions:
        return
    values: list[Any] = []

    def bind(*given: Any) -> list[str]:
        marks = []
        for value in given:
            values.append(value)
            marks.append(_placeholder(len(values)))
        return marks

    fields = Notification._meta.fields_map
    stamp = fields["created_at"].to_db_value(now, Notification)
    constants = bind(
        report_id,
        kind,
        fields["payload"].to_db_value(payload, Notification),
        fields["status"].to_db_value(fields["status"].default, Notification),
        0,
        stamp,
        "",
        stamp,
    )
    if _is_postgres():
        # A parameter in a SELECT list has no type PostgreSQL could infer from the INSERT's columns.
        types = ("integer", "varchar", "jsonb", "varchar", "integer", "timestamptz", "text", "timestamptz")
        constants = [f"{mark}::{name}" for mark, name in zip(constants, types, strict=True)]
    matched = [template.format(*bind(*arguments)) for template, arguments in conditions]
    where = " OR ".join(f"({condition})" for condition in matched)
    # The first condition a person meets places them, as a list of each role's people would.
    rank = " ".join(f"WHEN {condition} THEN {i}" for i, condition in enumerate(matched))
    excluded = f' AND u."id" <> {bind(skipped)[0]}' if skipped is not None else ""
    sql = (
        'INSERT INTO "notification" ("report_id", "kind", "payload", "status", "attempts",'
        ' "next_attempt_at", "last_error", "created_at", "recipient_id")'
        f' SELECT {", ".join(constants)}, u."id" FROM "app_user" u'
        f' WHERE u."is_active" AND ({where}){excluded} ORDER BY CASE {rank} END, u."id"'
    )
    await connections.get("default").execute_query(sql, values)
