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

import asyncio
import contextlib
import re
import weakref
from collections.abc import AsyncIterator, Awaitable, Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from tortoise.backends.base.client import TransactionalDBClient
from tortoise.connection import connections
from tortoise.transactions import in_transaction

from .models import Agency, DispositionFact, Report, ReportFact
from .projections import row_converter

# Statuses where a report is no longer open (the status vocabulary: domain.labels.STATUS_LABELS).
FINISHED_STATUSES = ("CLOSED", "ARCHIVED")
ARCHIVED_STATUS = "ARCHIVED"
CLOSED_STATUS = "CLOSED"
# The scores of a rating (workflow.declarations.RATING_SCORES), counted each.
RATING_SCORES = (1, 2, 3, 4, 5)
PERCENTILES = (50, 90)
# The key of the whole scope's figures among the per-agency ones.
_TOTAL = "total"
_MARKERS = re.compile(r"\{now\}|\{archived\}|\{finished\}|\{closed\}")
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
class Satisfaction:
    """The reporters' ratings of the reports closed now: the rating standing on each (a reopening may
    have cleared an earlier one), from 1 to 5."""

    closed_now: int = 0
    rated: int = 0
    score_sum: int = 0
    distribution: tuple[int, ...] = (0,) * len(RATING_SCORES)
    """How many ratings gave each score, 1 to 5."""

    @property
    def average(self) -> float | None:
        return self.score_sum / self.rated if self.rated else None

    @property
    def share_rated(self) -> float | None:
        """rated / closed now (a rating stands on a closed report only, in the shipped diagram)."""
        return self.rated / self.closed_now if self.closed_now else None


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
    satisfaction: Satisfaction = Satisfaction()

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
    rating_score: int | None
    report_id: int


# --- the figures ----------------------------------------------------------------------------


# At most this many statistics statements at once in a process, whoever asks (publicStatistics needs no
# login, and a document may alias it twenty times): each holds a pooled connection for as long as its
# scan takes, and the commands must still find one.
STATEMENTS_AT_ONCE = 2
_slots: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, asyncio.Semaphore] = weakref.WeakKeyDictionary()


def _statement_slot() -> asyncio.Semaphore:
    """The process's statistics slots (one set per event loop: a semaphore belongs to its loop)."""
    loop = asyncio.get_running_loop()
    slots = _slots.get(loop)
    if slots is None:
        slots = _slots[loop] = asyncio.Semaphore(STATEMENTS_AT_ONCE)
    return slots


@contextlib.asynccontextmanager
async def _reading() -> AsyncIterator[None]:
    """A transaction for one statement of a dashboard: on PostgreSQL without JIT (each statement is one
    scan that JIT compilation, switched on by cost at a million rows, made slower, never faster) and
    with room to hash a year's histograms in memory."""
    async with in_transaction():
        if _dialect() == "postgres":
            await connections.get("default").execute_script(
                "SET LOCAL jit = off; SET LOCAL work_mem = '32MB'"
            )
        yield


async def _at_once(*statements: Callable[[], Awaitable[Any]]) -> list[Any]:
    """Run the statements each in a transaction of its own: at once on PostgreSQL, where each takes a
    connection of the pool and a core of the server; one after another on SQLite, which has one."""

    async def one(statement: Callable[[], Awaitable[Any]]) -> Any:
        async with _statement_slot(), _reading():
            return await statement()

    if _dialect() != "postgres":
        return [await one(statement) for statement in statements]
    # Each task opens a transaction of its own: called inside a transaction, they would share its one
    # connection (the context is inherited) and collide. A failing statement cancels the others.
    if isinstance(connections.get("default"), TransactionalDBClient):
        raise RuntimeError("a dashboard runs its statements at once: call it outside a transaction")
    async with asyncio.TaskGroup() as group:
        tasks = [group.create_task(one(statement)) for statement in statements]
    return [task.result() for task in tasks]


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
    # satisfaction: closed now, rated, the sum of the scores, and how many gave each score. Only closed
    # reports count: a reopened report may keep its rating (a diagram without rating=clear), but the
    # figures are about resolutions, and "share rated" must not pass 100 %.
    "SUM(CASE WHEN status = {closed} THEN 1 ELSE 0 END)",
    "SUM(CASE WHEN status = {closed} AND rating_score IS NOT NULL THEN 1 ELSE 0 END)",
    "SUM(CASE WHEN status = {closed} THEN rating_score ELSE 0 END)",
    *(
        f"SUM(CASE WHEN status = {{closed}} AND rating_score = {score} THEN 1 ELSE 0 END)"
        for score in RATING_SCORES
    ),
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


@dataclass(frozen=True)
class Dashboard:
    totals: Figures
    agencies: list[tuple[int, Figures]]
    """By agency id: its reports (those it handles now) and its rounds."""
    months: list[MonthFigures]
    liaisons: list[LiaisonFigures]


async def dashboard(scope: Scope, *, detail: bool) -> Dashboard:
    """The figures over the scope and per agency, and with ``detail`` per month and per liaison too.

    Four statements whatever the size, each one scan of the scope's fact rows: the counts of the reports
    and of the rounds (per agency, and per month), and the histograms of their times (the rounds' per
    agency, month and liaison). PostgreSQL groups one scan several ways (``GROUPING SETS``) and runs the
    four at once, each on a connection of its own (``_at_once``); SQLite, which cannot group one way more
    than once, answers the same statement as a ``UNION ALL`` of one grouping each, one after another."""
    report_sets = [("agency", "agency_id")] + ([("month", "submitted_month")] if detail else [])
    round_sets = [("agency", "agency_id")] + ([("month", "started_month")] if detail else [])
    answer_sets = round_sets + ([("person", "first_answer_by_id")] if detail else [])
    report_counts, report_spreads, round_counts, round_spreads = await _at_once(
        lambda: _counts("report_fact", "submitted_on", _REPORT_COUNTS, report_sets, scope),
        lambda: _histograms("report_fact", "submitted_on", _REPORT_SPREADS, report_sets[:1], scope),
        lambda: _counts("disposition_fact", "started_on", _ROUND_COUNTS, round_sets, scope),
        lambda: _histograms("disposition_fact", "started_on", _ROUND_SPREADS, answer_sets, scope),
    )

    def figures_of(key: Any) -> Figures:
        counts = round_counts.get(("agency", key), [0] * len(_ROUND_COUNTS))
        return Figures(
            reports=_report_figures(
                report_counts.get(("agency", key), [0] * len(_REPORT_COUNTS)),
                report_spreads.get(("agency", key), [Spread()] * len(_REPORT_SPREADS)),
            ),
            dispositions=counts[0],
            compliance=_compliance(counts, round_spreads.get(("agency", key), [Spread()])),
        )

    agency_ids = {key for (kind, key) in (*report_counts, *round_counts) if kind == "agency"}
    agencies = [
        (int(key), figures_of(key)) for key in sorted(k for k in agency_ids if k not in (None, _TOTAL))
    ]
    months = sorted(
        {int(key) for (kind, key) in (*report_counts, *round_counts) if kind == "month" and key is not None}
    )
    return Dashboard(
        totals=figures_of(_TOTAL),
        agencies=agencies,
        months=[_month(month, report_counts, round_counts, round_spreads) for month in months],
        liaisons=await _liaisons(round_spreads) if detail else [],
    )


def _month(
    month: int,
    report_counts: dict[tuple[str, Any], list[int]],
    round_counts: dict[tuple[str, Any], list[int]],
    round_spreads: dict[tuple[str, Any], list[Spread]],
) -> MonthFigures:
    reports = report_counts.get(("month", month), [0] * len(_REPORT_COUNTS))
    rounds = round_counts.get(("month", month), [0] * len(_ROUND_COUNTS))
    return MonthFigures(
        month=f"{month // 100:04d}-{month % 100:02d}",
        received=reports[0],
        closed=reports[3],  # in the order of _REPORT_COUNTS
        dispositions=rounds[0],
        compliance=_compliance(rounds, round_spreads.get(("month", month), [Spread()])),
    )


async def _liaisons(round_spreads: dict[tuple[str, Any], list[Spread]]) -> list[LiaisonFigures]:
    """Who gave the first answers of the scope's rounds: how many, and how fast; most answers first."""
    spreads = {
        int(key): found[0]
        for (kind, key), found in round_spreads.items()
        if kind == "person" and key is not None
    }
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
            " f.reopen_count, f.escalated, f.rating_score, f.report_id"
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
        satisfaction=Satisfaction(c[13], c[14], c[15], tuple(c[16 : 16 + len(RATING_SCORES)])),
    )


def _compliance(counts: Sequence[int], spreads: Sequence[Spread]) -> Compliance:
    # In the order of _ROUND_COUNTS and _ROUND_SPREADS.
    _, met, missed, pending, withdrawn, without = counts
    return Compliance(met, missed, pending, withdrawn, without, spreads[0])


async def _counts(
    table: str, date_column: str, counts: Sequence[str], sets: Sequence[tuple[str, str]], scope: Scope
) -> dict[tuple[str, Any], list[int]]:
    """``counts`` per value of each grouping in ``sets`` (name, column), and the total of the first
    (counts add up: the sum of its groups) under (its name, ``_TOTAL``)."""
    sql = _Sql()
    if sql.postgres:
        selected = ", ".join(sql.fill(count, scope) for count in counts)
        statement = (
            f"SELECT {_set_index(sets)}, {_set_key(sets)}, {selected} FROM {table}"
            f" WHERE {_where(sql, scope, date_column)} GROUP BY GROUPING SETS ({_sets(sets)})"
        )
    else:
        statement = " UNION ALL ".join(
            f"SELECT {index}, {column}, {', '.join(sql.fill(count, scope) for count in counts)} FROM {table}"
            f" WHERE {_where(sql, scope, date_column)} GROUP BY {column}"
            for index, (_, column) in enumerate(sets)
        )
    found: dict[tuple[str, Any], list[int]] = {}
    total = [0] * len(counts)
    for set_index, key, *values in await sql.rows(statement):
        numbers = [int(value or 0) for value in values]
        found[(sets[int(set_index)][0], key)] = numbers
        if int(set_index) == 0:
            total = [a + b for a, b in zip(total, numbers, strict=True)]
    found[(sets[0][0], _TOTAL)] = total
    return found


async def _histograms(
    table: str, date_column: str, columns: Sequence[str], sets: Sequence[tuple[str, str]], scope: Scope
) -> dict[tuple[str, Any], list[Spread]]:
    """Each column's count, median and 90th percentile per value of each grouping in ``sets``, and over
    the whole scope (under (the first set's name, ``_TOTAL``)), from one scan: the rows are counted per
    distinct time (times are stored in hundredths of a working day, so a group has at most a few
    thousand), and the nearest rank is read off the running sum of those counts. No sort of the rows
    themselves, on either database."""
    sql = _Sql()
    measures = " UNION ALL ".join(f"SELECT {k} AS k" for k in range(len(columns)))
    value = "CASE m.k " + " ".join(f"WHEN {k} THEN {column}" for k, column in enumerate(columns)) + " END"
    source = f"FROM {table} CROSS JOIN ({measures}) AS m"
    if sql.postgres:
        grouped = (
            f"SELECT {_set_index(sets)} AS s, {_set_key(sets)} AS g, m.k AS k, {value} AS v, COUNT(*) AS c"
            f" {source} WHERE {_where(sql, scope, date_column)}"
            f" GROUP BY GROUPING SETS ({_sets(sets, f'm.k, {value}')})"
        )
    else:
        grouped = " UNION ALL ".join(
            f"SELECT {index} AS s, {column} AS g, m.k AS k, {value} AS v, COUNT(*) AS c {source}"
            f" WHERE {_where(sql, scope, date_column)} GROUP BY {column}, m.k, {value}"
            for index, (_, column) in enumerate(sets)
        )
    picks = ", ".join(f"MIN(CASE WHEN cum * 100 >= {p} * n THEN v END)" for p in PERCENTILES)
    rows = await sql.rows(
        f"WITH h AS ({grouped}),"
        " counted AS (SELECT s, k, 0 AS t, g, v, c FROM h WHERE v IS NOT NULL"
        " UNION ALL SELECT 0 AS s, k, 1 AS t, NULL AS g, v, SUM(c) AS c FROM h"
        " WHERE s = 0 AND v IS NOT NULL GROUP BY k, v),"
        " ranked AS (SELECT s, k, t, g, v, SUM(c) OVER (PARTITION BY s, k, t, g ORDER BY v) AS cum,"
        " SUM(c) OVER (PARTITION BY s, k, t, g) AS n FROM counted)"
        f" SELECT s, k, t, g, MAX(n), {picks} FROM ranked GROUP BY s, k, t, g"
    )
    found: dict[tuple[str, Any], list[Spread]] = {}
    for set_index, k, is_total, key, *spread in rows:
        name = sets[int(set_index)][0]
        slot = (name, _TOTAL if is_total else key)
        found.setdefault(slot, [Spread()] * len(columns))[int(k)] = _spread(spread)
    return found


def _sets(sets: Sequence[tuple[str, str]], also: str = "") -> str:
    return ", ".join(f"({column}{', ' + also if also else ''})" for _, column in sets)


def _set_index(sets: Sequence[tuple[str, str]]) -> str:
    """Which grouping a row of ``GROUPING SETS`` belongs to (GROUPING(c) is 0 where c is grouped)."""
    if len(sets) == 1:
        return "0"
    return (
        "CASE "
        + " ".join(f"WHEN GROUPING({column}) = 0 THEN {i}" for i, (_, column) in enumerate(sets))
        + " END"
    )


def _set_key(sets: Sequence[tuple[str, str]]) -> str:
    if len(sets) == 1:
        return sets[0][1]
    return "CASE " + " ".join(f"WHEN GROUPING({column}) = 0 THEN {column}" for _, column in sets) + " END"


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
        """An aggregate with its ``{now}``, ``{finished}``, ``{archived}`` and ``{closed}`` values as
        parameters."""
        replacements = {
            "{now}": lambda: self.param(scope.now),
            "{archived}": lambda: self.param(ARCHIVED_STATUS),
            "{finished}": lambda: ", ".join(self.param(status) for status in FINISHED_STATUSES),
            "{closed}": lambda: self.param(CLOSED_STATUS),
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
    (ReportFact, "rating_score"),
    (DispositionFact, "report_id"),
)
