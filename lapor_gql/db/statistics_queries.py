"""The statistics in SQL, over the facts tables (``report_fact``, ``disposition_fact``).

Each figure is one aggregate over indexed fact rows; nothing is computed per report in Python. The
same definitions run on both databases. Percentiles are nearest-rank (the smallest value with at least
p % of the values at or below it): ``percentile_disc`` on PostgreSQL, which answers a whole grouping
in one pass, and the same rank picked from ``ROW_NUMBER()`` on SQLite, which has no ordered-set
aggregates. On PostgreSQL the totals and the per-agency rows come from one scan (``GROUPING SETS``).

What a round's outcome is depends on the clock (an unanswered round becomes missed when its deadline
passes), so the outcome is decided here against ``Scope.now``, not stored.
"""

from __future__ import annotations

import re
from collections.abc import AsyncIterator, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from tortoise.connection import connections

from .models import Agency, DispositionFact, Report, ReportFact
from .projections import row_converter

# Statuses where a report is no longer open (the status vocabulary: domain.labels.STATUS_LABELS).
FINISHED_STATUSES = ("CLOSED", "ARCHIVED")
ARCHIVED_STATUS = "ARCHIVED"
PERCENTILES = (50, 90)
# The key of the whole scope's figures among the per-agency ones.
_TOTAL = "total"
_MARKERS = re.compile(r"\{now\}|\{archived\}|\{finished\}")
EXPORT_BATCH = 1000


@dataclass(frozen=True)
class Scope:
    """Which facts a figure counts: reports submitted, and rounds begun, on these local dates."""

    date_from: date
    date_to: date
    agency_ids: tuple[int, ...] | None
    """None: every agency (and, for report figures, reports not yet disposed)."""
    classification: str | None
    category: str | None
    now: datetime


@dataclass(frozen=True)
class Spread:
    """How many values there are, and their median and 90th percentile (nearest rank)."""

    count: int = 0
    median: float | None = None
    p90: float | None = None


@dataclass(frozen=True)
class Compliance:
    """The rounds begun in the period, by how their first answer stands against their deadline."""

    met: int = 0
    missed: int = 0
    pending: int = 0
    """Unanswered, the deadline still ahead."""
    withdrawn: int = 0
    """Moved on (another agency, closed by the admin) before the deadline, unanswered: not measured."""
    without_deadline: int = 0
    answer_days: Spread = Spread()
    """Working days from the round's start to its first answer, of the answered rounds."""

    @property
    def measured(self) -> int:
        return self.met + self.missed

    @property
    def rate(self) -> float | None:
        return self.met / self.measured if self.measured else None


@dataclass(frozen=True)
class ReportFigures:
    """The reports submitted in the period: the milestones they passed and where they are now."""

    received: int = 0
    disposed: int = 0
    followed_up: int = 0
    closed: int = 0
    auto_closed: int = 0
    archived: int = 0
    reopened: int = 0
    not_authority_requested: int = 0
    not_authority_accepted: int = 0
    not_authority_rejected: int = 0
    open_now: int = 0
    overdue_now: int = 0
    escalated: int = 0
    days_to_disposition: Spread = Spread()
    days_to_first_answer: Spread = Spread()
    days_to_closure: Spread = Spread()

    @property
    def reopen_rate(self) -> float | None:
        return self.reopened / self.closed if self.closed else None

    @property
    def escalated_share(self) -> float | None:
        return self.escalated / self.disposed if self.disposed else None


@dataclass(frozen=True)
class Figures:
    reports: ReportFigures = ReportFigures()
    dispositions: int = 0
    """Rounds begun in the period (dispositions, reassignments and reopens)."""
    compliance: Compliance = Compliance()


@dataclass(frozen=True)
class MonthFigures:
    month: str
    """``YYYY-MM`` in the statistics time zone."""
    received: int
    closed: int
    dispositions: int
    compliance: Compliance


@dataclass(frozen=True)
class LiaisonFigures:
    user_id: int
    name: str
    agency_id: int | None
    answers: int
    """Rounds of the period this person gave the first answer of."""
    answer_days: Spread


@dataclass(frozen=True)
class ReportRow:
    """One report behind the figures, for an admin's export."""

    tracking_number: str
    title: str
    classification: str
    category: str
    is_confidential: bool
    agency_code: str | None
    agency_name: str | None
    status: str
    submitted_at: datetime
    first_disposed_at: datetime | None
    first_answer_at: datetime | None
    first_closed_at: datetime | None
    days_to_disposition: float | None
    days_to_first_answer: float | None
    days_to_closure: float | None
    reopen_count: int
    escalated: bool
    report_id: int


# --- the figures ----------------------------------------------------------------------------

_REPORT_COUNTS = (
    "COUNT(*)",
    "COUNT(first_disposed_at)",
    "COUNT(first_answer_at)",
    "COUNT(first_closed_at)",
    "SUM(CASE WHEN auto_closed THEN 1 ELSE 0 END)",
    "SUM(CASE WHEN status = {archived} THEN 1 ELSE 0 END)",
    "SUM(CASE WHEN reopen_count > 0 THEN 1 ELSE 0 END)",
    "SUM(not_authority_requested)",
    "SUM(not_authority_accepted)",
    "SUM(not_authority_rejected)",
    "SUM(CASE WHEN status NOT IN ({finished}) THEN 1 ELSE 0 END)",
    "SUM(CASE WHEN status NOT IN ({finished}) AND deadline < {now} THEN 1 ELSE 0 END)",
    "SUM(CASE WHEN escalated THEN 1 ELSE 0 END)",
)
_REPORT_SPREADS = ("days_to_disposition", "days_to_first_answer", "days_to_closure")
_ROUND_COUNTS = (
    "COUNT(*)",
    # met: answered by the deadline
    "SUM(CASE WHEN deadline IS NOT NULL AND first_answer_at <= deadline THEN 1 ELSE 0 END)",
    # missed: answered late, or unanswered when the deadline passed (the round still open, or ended after it)
    "SUM(CASE WHEN deadline IS NOT NULL AND (first_answer_at > deadline OR (first_answer_at IS NULL"
    " AND COALESCE(ended_at, {now}) > deadline)) THEN 1 ELSE 0 END)",
    # pending: unanswered, still open, deadline ahead
    "SUM(CASE WHEN deadline IS NOT NULL AND first_answer_at IS NULL AND ended_at IS NULL"
    " AND {now} <= deadline THEN 1 ELSE 0 END)",
    # withdrawn: ended unanswered before its deadline
    "SUM(CASE WHEN deadline IS NOT NULL AND first_answer_at IS NULL AND ended_at <= deadline"
    " THEN 1 ELSE 0 END)",
    "SUM(CASE WHEN deadline IS NULL THEN 1 ELSE 0 END)",
)
_ROUND_SPREADS = ("days_to_answer",)


async def figures(scope: Scope) -> tuple[Figures, list[tuple[int, Figures]]]:
    """Every figure over the whole scope, and the figures of each agency: its reports (those it handles
    now) and its rounds."""
    by_group = await _figures_grouped(scope)
    total = by_group.pop(_TOTAL, Figures())
    by_agency = [(int(key), value) for key, value in sorted(by_group.items(), key=_key) if key is not None]
    return total, by_agency


async def figures_by_month(scope: Scope) -> list[MonthFigures]:
    """Per month: reports received (and how many of those closed), rounds begun and their compliance."""
    sql = _Sql()
    reports = await sql.rows(
        f"SELECT submitted_month, COUNT(*), COUNT(first_closed_at) FROM report_fact"
        f" WHERE {_where(sql, scope, 'submitted_on')} GROUP BY submitted_month"
    )
    grouped = _pg_grouped if _dialect() == "postgres" else _sqlite_grouped
    rounds = await grouped(
        "disposition_fact", "started_on", _ROUND_COUNTS, _ROUND_SPREADS, scope, "started_month", False
    )
    received = {int(month): (int(count), int(closed)) for month, count, closed in reports}
    counted = {int(key): value for key, value in rounds.items()}
    months = sorted(set(received) | set(counted))
    return [
        MonthFigures(
            month=f"{month // 100:04d}-{month % 100:02d}",
            received=received.get(month, (0, 0))[0],
            closed=received.get(month, (0, 0))[1],
            dispositions=int(counted[month][0][0] or 0) if month in counted else 0,
            compliance=_compliance(*counted[month]) if month in counted else Compliance(),
        )
        for month in months
    ]


async def liaison_figures(scope: Scope) -> list[LiaisonFigures]:
    """Who gave the first answers of the scope's rounds: how many, and how fast; most answers first."""
    spreads = await _spreads("disposition_fact", "started_on", "first_answer_by_id", "days_to_answer", scope)
    ids = [int(key) for key in spreads if key is not None]
    if not ids:
        return []
    sql = _Sql()
    people = {
        int(user_id): (str(name), None if agency_id is None else int(agency_id))
        for user_id, name, agency_id in await sql.rows(
            f"SELECT id, name, agency_id FROM app_user WHERE id IN ({', '.join(sql.param(i) for i in ids)})"
        )
    }
    found = [
        LiaisonFigures(
            user_id=user_id,
            name=people.get(user_id, ("", None))[0],
            agency_id=people.get(user_id, ("", None))[1],
            answers=spreads[user_id].count,
            answer_days=spreads[user_id],
        )
        for user_id in ids
    ]
    return sorted(found, key=lambda entry: (-entry.answers, entry.name, entry.user_id))


async def report_rows(scope: Scope) -> AsyncIterator[ReportRow]:
    """The reports behind the figures, oldest first, read in batches (an export streams them)."""
    last_id = 0
    convert = row_converter(_EXPORT_FIELDS)
    while True:
        sql = _Sql()
        rows = await sql.rows(
            "SELECT r.tracking_number, r.title, f.classification, f.category, f.is_confidential,"
            " a.code, a.name, f.status, f.submitted_at, f.first_disposed_at, f.first_answer_at,"
            " f.first_closed_at, f.days_to_disposition, f.days_to_first_answer, f.days_to_closure,"
            " f.reopen_count, f.escalated, f.report_id"
            " FROM report_fact f JOIN report r ON r.id = f.report_id"
            " LEFT JOIN agency a ON a.id = f.agency_id"
            f" WHERE {_where(sql, scope, 'submitted_on', prefix='f.')} AND f.report_id > {sql.param(last_id)}"
            f" ORDER BY f.report_id LIMIT {EXPORT_BATCH}"
        )
        for row in rows:
            yield ReportRow(*convert(row))
        if len(rows) < EXPORT_BATCH:
            return
        last_id = int(rows[-1][-1])


# --- internals ------------------------------------------------------------------------------


async def _figures_grouped(scope: Scope) -> dict[Any, Figures]:
    """The figures per agency, and the total under ``_TOTAL``."""
    grouped = _pg_grouped if _dialect() == "postgres" else _sqlite_grouped
    reports = await grouped(
        "report_fact", "submitted_on", _REPORT_COUNTS, _REPORT_SPREADS, scope, "agency_id", True
    )
    rounds = await grouped(
        "disposition_fact", "started_on", _ROUND_COUNTS, _ROUND_SPREADS, scope, "agency_id", True
    )
    found: dict[Any, Figures] = {}
    for key in set(reports) | set(rounds):
        report_counts, report_spreads = reports.get(key, ((0,) * len(_REPORT_COUNTS), [Spread()] * 3))
        round_counts, round_spreads = rounds.get(key, ((0,) * len(_ROUND_COUNTS), [Spread()]))
        found[key] = Figures(
            reports=_report_figures(report_counts, report_spreads),
            dispositions=int(round_counts[0] or 0),
            compliance=_compliance(round_counts, round_spreads),
        )
    return found


def _report_figures(counts: Sequence[Any], spreads: Sequence[Spread]) -> ReportFigures:
    # In the order of _REPORT_COUNTS and _REPORT_SPREADS.
    c = [int(value or 0) for value in counts]
    return ReportFigures(
        received=c[0],
        disposed=c[1],
        followed_up=c[2],
        closed=c[3],
        auto_closed=c[4],
        archived=c[5],
        reopened=c[6],
        not_authority_requested=c[7],
        not_authority_accepted=c[8],
        not_authority_rejected=c[9],
        open_now=c[10],
        overdue_now=c[11],
        escalated=c[12],
        days_to_disposition=spreads[0],
        days_to_first_answer=spreads[1],
        days_to_closure=spreads[2],
    )


def _compliance(counts: Sequence[Any], spreads: Sequence[Spread]) -> Compliance:
    # In the order of _ROUND_COUNTS and _ROUND_SPREADS.
    _, met, missed, pending, withdrawn, without = (int(value or 0) for value in counts)
    return Compliance(met, missed, pending, withdrawn, without, spreads[0])


async def _pg_grouped(
    table: str,
    date_column: str,
    counts: Sequence[str],
    spread_columns: Sequence[str],
    scope: Scope,
    group: str,
    with_total: bool,
) -> dict[Any, tuple[Sequence[Any], list[Spread]]]:
    """One scan: the counts and every column's percentiles per ``group`` value, and with ``with_total``
    over the whole scope too (``GROUPING SETS``; the total is keyed ``_TOTAL``)."""
    sql = _Sql()
    aggregates = [sql.fill(count, scope) for count in counts]
    for column in spread_columns:
        aggregates.append(f"COUNT({column})")
        aggregates += [f"percentile_disc({p / 100}) WITHIN GROUP (ORDER BY {column})" for p in PERCENTILES]
    sets = f"GROUPING SETS (({group}), ())" if with_total else group
    where = _where(sql, scope, date_column)
    selected = ", ".join(aggregates)
    rows = await sql.rows(
        f"SELECT GROUPING({group}), {group}, {selected} FROM {table} WHERE {where} GROUP BY {sets}"
    )
    found: dict[Any, tuple[Sequence[Any], list[Spread]]] = {}
    for row in rows:
        values = row[2:]
        spreads = [
            _spread(values[len(counts) + 3 * i : len(counts) + 3 * i + 3]) for i in range(len(spread_columns))
        ]
        found[_TOTAL if row[0] else row[1]] = (values[: len(counts)], spreads)
    return found


async def _sqlite_grouped(
    table: str,
    date_column: str,
    counts: Sequence[str],
    spread_columns: Sequence[str],
    scope: Scope,
    group: str,
    with_total: bool,
) -> dict[Any, tuple[Sequence[Any], list[Spread]]]:
    """The same as ``_pg_grouped`` without ordered-set aggregates or grouping sets: the counts per group
    (and in total) in one query each, the percentiles of each column in one more each."""
    found: dict[Any, tuple[Sequence[Any], list[Spread]]] = {}
    for grouping in (group, None) if with_total else (group,):
        sql = _Sql()
        key = grouping or "NULL"
        group_by = f" GROUP BY {grouping}" if grouping else ""
        rows = await sql.rows(
            f"SELECT {key}, {', '.join(sql.fill(c, scope) for c in counts)} FROM {table}"
            f" WHERE {_where(sql, scope, date_column)}{group_by}"
        )
        spreads = [await _spreads(table, date_column, grouping, column, scope) for column in spread_columns]
        for row in rows:
            group_key = row[0] if grouping else None
            found[group_key if grouping else _TOTAL] = (
                row[1:],
                [by_group.get(group_key, Spread()) for by_group in spreads],
            )
    return found


async def _spreads(
    table: str, date_column: str, group: str | None, column: str, scope: Scope
) -> dict[Any, Spread]:
    """``column``'s count, median and 90th percentile over the scope, per ``group`` value."""
    sql = _Sql()
    key = group or "NULL"
    where = f"{_where(sql, scope, date_column)} AND {column} IS NOT NULL"
    if _dialect() == "postgres":
        picks = ", ".join(f"percentile_disc({p / 100}) WITHIN GROUP (ORDER BY {column})" for p in PERCENTILES)
        grouping = f" GROUP BY {group}" if group else ""
        rows = await sql.rows(f"SELECT {key}, COUNT({column}), {picks} FROM {table} WHERE {where}{grouping}")
    else:
        partition = f"PARTITION BY {group} " if group else ""
        # The nearest rank of p %: the first row whose rank r has r >= p % of n, in integers.
        picks = ", ".join(f"MIN(CASE WHEN rn * 100 >= {p} * n THEN v END)" for p in PERCENTILES)
        rows = await sql.rows(
            f"SELECT g, MAX(n), {picks} FROM (SELECT {key} AS g, {column} AS v,"
            f" ROW_NUMBER() OVER ({partition}ORDER BY {column}) AS rn,"
            f" COUNT(*) OVER ({partition.strip()}) AS n FROM {table} WHERE {where}) AS ranked GROUP BY g"
        )
    return {(row[0] if group else None): _spread(row[1:]) for row in rows}


def _spread(values: Sequence[Any]) -> Spread:
    count, median, p90 = values
    return Spread(
        int(count or 0), None if median is None else float(median), None if p90 is None else float(p90)
    )


def _where(sql: _Sql, scope: Scope, date_column: str, prefix: str = "") -> str:
    conditions = [
        f"{prefix}{date_column} >= {sql.param(scope.date_from)}",
        f"{prefix}{date_column} <= {sql.param(scope.date_to)}",
    ]
    if scope.agency_ids is not None:
        if not scope.agency_ids:
            conditions.append("1 = 0")
        else:
            conditions.append(f"{prefix}agency_id IN ({', '.join(sql.param(a) for a in scope.agency_ids)})")
    if scope.classification is not None:
        conditions.append(f"{prefix}classification = {sql.param(scope.classification)}")
    if scope.category is not None:
        conditions.append(f"{prefix}category = {sql.param(scope.category)}")
    return " AND ".join(conditions)


def _key(item: tuple[Any, Figures]) -> tuple[int, int]:
    return (0, int(item[0])) if item[0] is not None else (1, 0)


def _dialect() -> str:
    return str(connections.get("default").capabilities.dialect)


class _Sql:
    """Placeholders for one statement: ``$n`` on PostgreSQL, ``?`` on SQLite, with values converted as
    the columns store them (SQLite keeps dates and UTC datetimes as ISO text)."""

    def __init__(self) -> None:
        self.values: list[Any] = []
        self.postgres = _dialect() == "postgres"

    def param(self, value: object) -> str:
        if not self.postgres:
            if isinstance(value, datetime):
                value = value.astimezone(UTC).isoformat(" ")
            elif isinstance(value, date):
                value = value.isoformat()
        self.values.append(value)
        return f"${len(self.values)}" if self.postgres else "?"

    def fill(self, template: str, scope: Scope) -> str:
        """An aggregate with its ``{now}``, ``{finished}`` and ``{archived}`` values as parameters."""
        replacements = {
            "{now}": lambda: self.param(scope.now),
            "{archived}": lambda: self.param(ARCHIVED_STATUS),
            "{finished}": lambda: ", ".join(self.param(status) for status in FINISHED_STATUSES),
        }
        # Left to right, as the markers appear: SQLite's ``?`` placeholders take the values in the
        # order they were added, so one template with two kinds of marker must add them in that order.
        return _MARKERS.sub(lambda found: replacements[found.group(0)](), template)

    async def rows(self, statement: str) -> Sequence[Sequence[Any]]:
        _, rows = await connections.get("default").execute_query(statement, self.values)
        return rows


_EXPORT_FIELDS = (
    (Report, "tracking_number"),
    (Report, "title"),
    (ReportFact, "classification"),
    (ReportFact, "category"),
    (ReportFact, "is_confidential"),
    (Agency, "code"),
    (Agency, "name"),
    (ReportFact, "status"),
    (ReportFact, "submitted_at"),
    (ReportFact, "first_disposed_at"),
    (ReportFact, "first_answer_at"),
    (ReportFact, "first_closed_at"),
    (ReportFact, "days_to_disposition"),
    (ReportFact, "days_to_first_answer"),
    (ReportFact, "days_to_closure"),
    (ReportFact, "reopen_count"),
    (ReportFact, "escalated"),
    (DispositionFact, "report_id"),
)
