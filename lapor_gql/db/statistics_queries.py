"""The statistics in SQL, over the facts tables (``report_fact``, ``disposition_fact``).

Each figure is one aggregate over indexed fact rows; nothing is computed per report in Python, and the
same statements run on both databases. Every statement is a hash-grouped scan, never a sort of the
rows: at a million reports a sort per percentile (``percentile_disc``) spilled to disk and took
seconds. Percentiles are nearest-rank (the smallest value with at least p % of the values at or below
it), read off the running sum of a histogram: times are stored in hundredths of a working day, so the
histogram of a group has at most a few thousand bins and the percentile is exact for what is stored.

What a round's outcome is depends on the clock (an unanswered round becomes missed when its deadline
passes), so the outcome is decided here against ``Scope.now``, not stored.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import AsyncIterator, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from tortoise.connection import connections
from tortoise.transactions import in_transaction

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


@contextlib.asynccontextmanager
async def reading() -> AsyncIterator[None]:
    """One transaction for a dashboard's statements, so its figures agree with each other. On
    PostgreSQL without JIT: each statement is a short scan that JIT compilation (on by cost, at a
    million rows) made tens of milliseconds slower, never faster."""
    async with in_transaction():
        if _dialect() == "postgres":
            await connections.get("default").execute_script("SET LOCAL jit = off")
        yield


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
    rounds = await _grouped(
        "disposition_fact", "started_on", _ROUND_COUNTS, _ROUND_SPREADS, scope, "started_month"
    )
    rounds.pop(_TOTAL, None)
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
    histograms = await _histograms(
        "disposition_fact", "started_on", ("days_to_answer",), scope, "first_answer_by_id"
    )
    spreads = {key: found[0] for key, found in histograms.items() if key is not None and key != _TOTAL}
    ids = [int(key) for key in spreads]
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
    reports = await _grouped(
        "report_fact", "submitted_on", _REPORT_COUNTS, _REPORT_SPREADS, scope, "agency_id"
    )
    rounds = await _grouped(
        "disposition_fact", "started_on", _ROUND_COUNTS, _ROUND_SPREADS, scope, "agency_id"
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


async def _grouped(
    table: str,
    date_column: str,
    counts: Sequence[str],
    spread_columns: Sequence[str],
    scope: Scope,
    group: str,
) -> dict[Any, tuple[Sequence[int], list[Spread]]]:
    """The counts and the spreads of ``spread_columns`` per ``group`` value, and in total (``_TOTAL``):
    two statements, each one hash-grouped scan of the scope's rows. Counts add up, so the total's are
    the sum of the groups'; percentiles do not, so the histogram statement ranks the total too."""
    # Values are added in the order their placeholders appear in the text (SQLite's ``?``).
    sql = _Sql()
    selected = ", ".join(sql.fill(count, scope) for count in counts)
    where = _where(sql, scope, date_column)
    rows = await sql.rows(f"SELECT {group}, {selected} FROM {table} WHERE {where} GROUP BY {group}")
    histograms = await _histograms(table, date_column, spread_columns, scope, group)
    found: dict[Any, tuple[Sequence[int], list[Spread]]] = {}
    total = [0] * len(counts)
    for row in rows:
        values = [int(value or 0) for value in row[1:]]
        total = [a + b for a, b in zip(total, values, strict=True)]
        found[row[0]] = (values, histograms.get(row[0], [Spread()] * len(spread_columns)))
    found[_TOTAL] = (total, histograms.get(_TOTAL, [Spread()] * len(spread_columns)))
    return found


async def _histograms(
    table: str, date_column: str, columns: Sequence[str], scope: Scope, group: str
) -> dict[Any, list[Spread]]:
    """Each column's count, median and 90th percentile per ``group`` value and in total (``_TOTAL``),
    from one scan: the rows are counted per distinct value (times are stored in hundredths of a working
    day, so a group has at most a few thousand), and the nearest rank is read off the running sum of
    those counts. No sort of the rows themselves, on either database."""
    sql = _Sql()
    measures = " UNION ALL ".join(f"SELECT {k} AS k" for k in range(len(columns)))
    value = "CASE m.k " + " ".join(f"WHEN {k} THEN {column}" for k, column in enumerate(columns)) + " END"
    picks = ", ".join(f"MIN(CASE WHEN cum * 100 >= {p} * n THEN v END)" for p in PERCENTILES)
    rows = await sql.rows(
        f"WITH h AS (SELECT {group} AS g, m.k AS k, {value} AS v, COUNT(*) AS c"
        f" FROM {table} CROSS JOIN ({measures}) AS m WHERE {_where(sql, scope, date_column)}"
        f" GROUP BY {group}, m.k, {value}),"
        " counted AS (SELECT k, 0 AS t, g, v, c FROM h WHERE v IS NOT NULL"
        " UNION ALL SELECT k, 1 AS t, NULL AS g, v, SUM(c) AS c FROM h WHERE v IS NOT NULL GROUP BY k, v),"
        " ranked AS (SELECT k, t, g, v, SUM(c) OVER (PARTITION BY k, t, g ORDER BY v) AS cum,"
        " SUM(c) OVER (PARTITION BY k, t, g) AS n FROM counted)"
        f" SELECT k, t, g, MAX(n), {picks} FROM ranked GROUP BY k, t, g"
    )
    found: dict[Any, list[Spread]] = {}
    for k, is_total, key, *spread in rows:
        found.setdefault(_TOTAL if is_total else key, [Spread()] * len(columns))[int(k)] = _spread(spread)
    return found


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
