"""``python -m bench.statistics``: the statistics dashboard over N reports (issue 14), in-process.

1. **Seed** a fresh database with the project's own migrations (``lapor_gql.db.apply_migrations``),
   then the facts straight into the tables by bulk insert (COPY on PostgreSQL, ``executemany`` on
   SQLite): the province with 30 agencies and 10 sub-units (UPT) under four of them, two liaisons per
   agency, and N rows each of ``report`` (its NOT NULL columns, minimal values: no workflow state,
   no timeline — the dashboard never reads them), ``report_fact`` and ``disposition_fact``
   (≈ 1.1 rounds per disposed report), then ``VACUUM ANALYZE`` / ``ANALYZE``. The distributions are
   in ``generate`` below; the rows come from a seeded ``random.Random``, so a run is repeatable.
2. **Measure** the real code path: ``domain.statistics.statistics`` (as an admin) and
   ``public_statistics``, called in-process with Tortoise opened as the app opens it, for each case
   of ``CASES``: a warm-up, then ``--repeats`` calls, each call's wall time and each SQL statement's
   (the connection's ``execute_query`` is wrapped, so driver and row decoding are included).
3. **Plans**: every statement of each case once more under ``EXPLAIN (ANALYZE, BUFFERS)``
   (PostgreSQL) or ``EXPLAIN QUERY PLAN`` (SQLite), with the same parameters.

Writes ``statistics_<database>.md`` / ``.json`` and ``statistics_plans_<database>.txt`` under
``--out`` (bench/results). See bench/README.md, "Statistics dashboard".
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import hashlib
import json
import random
import re
import statistics as stats
import sys
import time
from collections.abc import Awaitable, Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from tortoise.connection import connections

from lapor_gql.config import Settings
from lapor_gql.db import apply_migrations, close_database, open_database
from lapor_gql.db.models import Role
from lapor_gql.domain.actors import Actor
from lapor_gql.domain.processes import Runtime
from lapor_gql.domain.statistics import (
    ComplianceBands,
    StatisticsQuery,
    public_statistics,
    statistics,
)

from .rawdb import RawDB, discard_database
from .run import database_version, machine
from .seed import reset_database

RESULTS = Path(__file__).resolve().parent / "results"
DEFAULT_PG = "postgres://postgres@127.0.0.1:5432/lapor_bench_statistics"
DEFAULT_SQLITE = "sqlite:///tmp/lapor_bench_statistics.sqlite3"
CHUNK = 50_000
SPAN_DAYS = 3 * 365  # submissions over the last three years
WORKING_DAY = timedelta(days=7 / 5)  # a working day on the wall clock, on average (weekends)
DEADLINE_WORKING_DAYS = 3  # the source document's rule: a disposition is settled within 3 days

CATEGORIES = [
    "Infrastruktur Jalan", "Kesehatan", "Pendidikan", "Air Bersih", "Lingkungan Hidup",
    "Pelayanan Kependudukan", "Perhubungan", "Bantuan Sosial", "Ketenagakerjaan", "Perizinan",
    "Listrik dan Penerangan Jalan", "Sampah dan Kebersihan", "Pertanian", "Perikanan", "Pariwisata",
    "Keamanan dan Ketertiban", "Perumahan", "Pajak Daerah", "Kepegawaian", "Lainnya",
]  # fmt: skip
DINAS = [
    "Dinas Pekerjaan Umum dan Penataan Ruang", "Dinas Kesehatan", "Dinas Pendidikan", "Dinas Perhubungan",
    "Dinas Sosial", "Dinas Lingkungan Hidup", "Dinas Kependudukan dan Catatan Sipil", "Dinas Pariwisata",
    "Dinas Kelautan dan Perikanan", "Dinas Pertanian", "Dinas Perindustrian", "Dinas Tenaga Kerja",
    "Dinas Koperasi dan UKM", "Dinas Pemuda dan Olahraga", "Dinas Perumahan", "Dinas Energi dan SDM",
    "Dinas Komunikasi dan Informatika", "Dinas Perpustakaan", "Dinas Pemberdayaan Perempuan",
    "Dinas Ketahanan Pangan", "Dinas Penanaman Modal", "Badan Pendapatan Daerah",
    "Badan Kepegawaian Daerah", "Badan Penanggulangan Bencana Daerah", "Satuan Polisi Pamong Praja",
    "RSUD Provinsi", "Biro Hukum", "Biro Umum", "Inspektorat", "Badan Kesatuan Bangsa dan Politik",
]  # fmt: skip
# Sub-units (UPT) under the first four agencies: (parent index in DINAS, how many).
UNITS = [(0, 4), (1, 3), (2, 2), (3, 1)]
PROVINCE_ID = 1
PU_ID = 2  # Dinas PU: the agency with the most sub-units, for the "agency with units" case


# --------------------------------------------------------------------------------------- seed


@dataclass
class World:
    """The agencies and liaisons the facts point at, and how each agency behaves."""

    agency_rows: list[list[object]]
    user_rows: list[list[object]]
    agencies: list[int]  # those that receive dispositions (not the province)
    weights: list[float]  # how many reports each receives, relatively
    on_time: dict[int, float]  # the chance an answer comes before the deadline
    liaisons: dict[int, list[int]]


def world(now: datetime, rng: random.Random) -> World:
    agency_rows: list[list[object]] = [
        [PROVINCE_ID, "BABEL", "Pemerintah Provinsi Kepulauan Bangka Belitung", None, now]
    ]
    weights: list[float] = []
    for k, name in enumerate(DINAS):
        agency_rows.append([k + 2, f"PD{k + 1:02d}", name, PROVINCE_ID, now])
        weights.append(1 / (k + 1) ** 0.8)  # a few agencies receive most reports
    for parent, count in UNITS:
        for u in range(count):
            agency_id = len(agency_rows) + 1
            agency_rows.append([agency_id, f"UPT{parent + 1:02d}{u + 1}", f"UPT {u + 1} {DINAS[parent]}",
                                parent + 2, now])  # fmt: skip
            weights.append(0.15)
    agencies = [int(str(row[0])) for row in agency_rows[1:]]
    # Compliance from poor (red) to exemplary (green), so the ranking has all three bands.
    on_time = {a: 0.55 + 0.43 * rng.random() for a in agencies}
    admin = [1, "Admin Statistik", "admin@stat.bench", "x", Role.ADMIN.value, None, now]
    user_rows: list[list[object]] = [admin]
    liaisons: dict[int, list[int]] = {}
    for a in agencies:
        liaisons[a] = []
        for k in range(2):
            user_id = len(user_rows) + 1
            name, email = f"Penghubung {a}-{k}", f"l{a}-{k}@stat.bench"
            user_rows.append([user_id, name, email, "x", Role.LIAISON.value, a, now])
            liaisons[a].append(user_id)
    return World(agency_rows, user_rows, agencies, weights, on_time, liaisons)


REPORT_COLUMNS = [
    "id", "tracking_number", "title", "body", "classification", "category", "location_text",
    "is_anonymous", "is_confidential", "status", "deadline", "is_overdue", "pending_actions", "version",
    "created_at", "updated_at", "agency_id",
]  # fmt: skip
FACT_COLUMNS = [
    "report_id", "agency_id", "classification", "category", "is_confidential", "status", "deadline",
    "submitted_at", "submitted_on", "submitted_month", "first_disposed_at", "first_answer_at",
    "first_closed_at", "days_to_disposition", "days_to_first_answer", "days_to_closure", "auto_closed",
    "reopen_count", "escalated", "not_authority_requested", "not_authority_accepted",
    "not_authority_rejected",
]  # fmt: skip
ROUND_COLUMNS = [
    "id", "report_id", "agency_id", "cause", "classification", "category", "is_confidential",
    "started_at", "started_on", "started_month", "deadline", "first_answer_at", "first_answer_by_id",
    "days_to_answer", "ended_at",
]  # fmt: skip


def _days(delta: timedelta) -> float:
    """A wall-clock span as working days (the average week; the real app counts the calendar), in
    hundredths as the app stores them."""
    return round(delta / WORKING_DAY, 2)


@dataclass
class Rows:
    reports: list[list[object]] = field(default_factory=list)
    facts: list[list[object]] = field(default_factory=list)
    rounds: list[list[object]] = field(default_factory=list)


def generate(first_id: int, count: int, next_round: int, now: datetime, w: World, rng: random.Random) -> Rows:
    """``count`` reports from id ``first_id``, with their fact row and rounds.

    Submissions over three years (more in recent months); 75 % complaints, 15 % aspirations, 10 %
    information requests; 20 categories and the agencies skewed (a few receive most); 8 % confidential.
    ≈ 87 % disposed after 0–10 working days (mostly under one; the newest ones not yet); the rest
    archived, or waiting (submitted, on hold) when recent. A round's answer comes before its 3-day
    deadline with the agency's own chance (55–98 %), else late (3–10 working days), and 4 % never;
    7 % of dispositions get a not-authority request (70 % accepted: a new round at another agency),
    5 % of closures are reopened (a new round at the same agency). ≈ 90 % of answered reports close
    (35 % of them by the auto-close timer); answers and closures not yet due leave the report open.
    """
    out = Rows()
    offset = ZoneInfo(Settings.from_environment().time_zone).utcoffset(now) or timedelta()
    rand, choices, expo = rng.random, rng.choices, rng.expovariate
    classifications = ["COMPLAINT", "ASPIRATION", "INFORMATION_REQUEST"]
    category_weights = [1 / (k + 1) for k in range(len(CATEGORIES))]

    def local(moment: datetime) -> tuple[date, int]:
        day = (moment + offset).date()
        return day, day.year * 100 + day.month

    for rid in range(first_id, first_id + count):
        age = SPAN_DAYS * rand() ** 1.2
        submitted = now - timedelta(days=age)
        on, month = local(submitted)
        classification = choices(classifications, (75, 15, 10))[0]
        category = choices(CATEGORIES, category_weights)[0]
        confidential = rand() < 0.08
        agency: int | None = None
        deadline: datetime | None = None
        disposed_at = answered_at = closed_at = None
        days_disposition = days_answer = days_closure = None
        auto_closed = escalated = False
        reopens = na_requested = na_accepted = na_rejected = 0
        updated = submitted
        if rand() >= (0.5 if age < 2 else 0.875):  # never disposed
            if age < 14:
                status = "ON_HOLD" if rand() < 0.15 else "SUBMITTED"
                deadline = submitted + DEADLINE_WORKING_DAYS * WORKING_DAY  # the admin's own verification
            else:
                status = "ARCHIVED"
                updated = submitted + rand() * 3 * WORKING_DAY
        else:
            disposed_at = min(submitted + min(10.0, expo(1 / 0.8)) * WORKING_DAY, now - timedelta(minutes=5))
            days_disposition = _days(disposed_at - submitted)
            agency = choices(w.agencies, w.weights)[0]
            start, cause = disposed_at, "DISPOSED"
            while True:  # one round per pass
                round_id = next_round
                next_round += 1
                deadline = start + DEADLINE_WORKING_DAYS * WORKING_DAY
                s_on, s_month = local(start)
                row: list[object] = [round_id, rid, agency, cause, classification, category, confidential,
                                     start, s_on, s_month, deadline, None, None, None, None]  # fmt: skip
                out.rounds.append(row)
                u = rand()
                if u < 0.04:
                    answer = None
                elif u < 0.04 + 0.96 * w.on_time[agency]:
                    answer = start + DEADLINE_WORKING_DAYS * rand() ** 1.3 * WORKING_DAY
                else:
                    answer = start + min(10.0, DEADLINE_WORKING_DAYS + expo(1 / 2.0)) * WORKING_DAY
                if answer is not None and answer > now:
                    answer = None  # not yet
                if cause == "DISPOSED" and rand() < 0.07:  # "not our authority"
                    na_requested += 1
                    asked = start + rand() * 0.5 * WORKING_DAY
                    decided = asked + WORKING_DAY
                    if decided > now:
                        status, deadline, updated = "NOT_AUTHORITY_REQUESTED", decided, asked
                        break
                    if rand() < 0.7:
                        na_accepted += 1
                        row[14] = decided
                        agency = choices([a for a in w.agencies if a != agency])[0]
                        start, cause, updated = decided, "REASSIGNED", decided
                        continue
                    na_rejected += 1
                if answer is None:
                    status = "DISPOSED"
                    escalated = escalated or deadline < now
                    break
                row[11], row[12] = answer, choices(w.liaisons[agency])[0]
                row[13] = _days(answer - start)
                escalated = escalated or answer > deadline
                updated = answer
                if answered_at is None:
                    answered_at, days_answer = answer, _days(answer - submitted)
                closing = answer + expo(1 / 1.5) * WORKING_DAY  # the reporter's verification, or its timer
                if closing > now or rand() < 0.1:
                    status, deadline = "IN_PROGRESS", answer + 5 * WORKING_DAY
                    break
                status, deadline, updated = "CLOSED", None, closing
                row[14] = closing
                if closed_at is None:
                    closed_at, days_closure = closing, _days(closing - submitted)
                    auto_closed = rand() < 0.35
                reopen_at = closing + rng.uniform(0.5, 5) * WORKING_DAY
                if reopens < 2 and rand() < 0.05 and reopen_at < now:
                    reopens += 1
                    start, cause, updated = reopen_at, "REOPENED", reopen_at
                    continue
                break
        finished = status in ("CLOSED", "ARCHIVED")
        out.reports.append([
            rid, f"LPR-{on.year}-{rid:07d}", f"Laporan {rid}", "", classification, category, "", False,
            confidential, status, deadline, bool(deadline and not finished and deadline < now), "[]", 1,
            submitted, updated, agency,
        ])  # fmt: skip
        out.facts.append([
            rid, agency, classification, category, confidential, status, deadline, submitted, on, month,
            disposed_at, answered_at, closed_at, days_disposition, days_answer, days_closure, auto_closed,
            reopens, escalated, na_requested, na_accepted, na_rejected,
        ])  # fmt: skip
    return out


async def seed(url: str, n_reports: int, seed_value: int = 2026) -> dict[str, Any]:
    started = time.perf_counter()
    rng = random.Random(seed_value)
    now = datetime.now(UTC).replace(microsecond=0)
    print(f"[seed] fresh database {url}, migrations", flush=True)
    await reset_database(url)
    await apply_migrations(url)
    raw = await RawDB(url).open(bulk=True)
    try:
        w = world(now, rng)
        await raw.insert_rows(
            "agency",
            ["id", "code", "name", "parent_id", "created_at", "address", "phone", "email", "website",
             "description", "is_active"],
            [[*row, "", "", "", "", "", True] for row in w.agency_rows],
        )  # fmt: skip
        await raw.insert_rows(
            "app_user",
            ["id", "name", "email", "password_hash", "role", "agency_id", "created_at", "is_active"],
            [[*row, True] for row in w.user_rows],
        )
        done, next_round, rounds = 0, 1, 0
        t0 = time.perf_counter()
        while done < n_reports:
            size = min(CHUNK, n_reports - done)
            rows = generate(done + 1, size, next_round, now, w, rng)
            next_round += len(rows.rounds)
            await raw.insert_rows("report", REPORT_COLUMNS, rows.reports)
            await raw.insert_rows("report_fact", FACT_COLUMNS, rows.facts)
            await raw.insert_rows("disposition_fact", ROUND_COLUMNS, rows.rounds)
            done += size
            rounds += len(rows.rounds)
            elapsed = time.perf_counter() - t0
            print(f"[seed] {done:>9}/{n_reports} reports, {rounds:>9} rounds, {elapsed:6.1f} s", flush=True)
        if raw.is_pg:
            for table in ("agency", "app_user", "report", "disposition_fact"):
                await raw.execute(
                    f"SELECT setval(pg_get_serial_sequence('{table}', 'id'),"
                    f' (SELECT MAX(id) FROM "{table}"))'
                )
            await raw.execute("VACUUM ANALYZE")  # the visibility map too, as on a long-lived table
            size_rows = await raw.fetch(
                "SELECT pg_database_size(current_database()), pg_total_relation_size('report_fact'),"
                " pg_total_relation_size('disposition_fact')"
            )
            sizes = [int(v) for v in size_rows[0]]
        else:
            await raw.execute("ANALYZE")
            await raw.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            sizes = [Path(url.split("://", 1)[1].split("?", 1)[0]).stat().st_size, 0, 0]
        [counts] = await raw.fetch(
            "SELECT COUNT(*), COUNT(first_disposed_at), SUM(CASE WHEN status = 'CLOSED' THEN 1 ELSE 0 END),"
            " SUM(CASE WHEN reopen_count > 0 THEN 1 ELSE 0 END),"
            " SUM(CASE WHEN is_confidential THEN 1 ELSE 0 END) FROM report_fact"
        )
        [answered] = await raw.fetch(
            "SELECT COUNT(*), COUNT(first_answer_at),"
            " SUM(CASE WHEN first_answer_at <= deadline THEN 1 ELSE 0 END) FROM disposition_fact"
        )
    finally:
        await raw.close()
    seeded = {
        "reports": int(counts[0]),
        "disposed": int(counts[1]),
        "closed": int(counts[2]),
        "reopened": int(counts[3]),
        "confidential": int(counts[4]),
        "rounds": int(answered[0]),
        "rounds_answered": int(answered[1]),
        "rounds_on_time": int(answered[2]),
        "rounds_per_disposed": round(int(answered[0]) / max(1, int(counts[1])), 3),
        "db_bytes": sizes[0],
        "report_fact_bytes": sizes[1],
        "disposition_fact_bytes": sizes[2],
        "seed_seconds": round(time.perf_counter() - started, 1),
    }
    print(f"[seed] {seeded}", flush=True)
    return seeded


# --------------------------------------------------------------------------------------- measure


@dataclass
class Statement:
    sql: str
    values: list[Any]
    ms: float


@contextlib.contextmanager
def recording() -> Iterator[list[Statement]]:
    """Every statement sent through the default connection's ``execute_query`` (what the statistics
    queries, the calendar's fingerprint and the ORM's selects use), with its wall time."""
    client_class = type(connections.get("default"))
    original = client_class.execute_query
    sink: list[Statement] = []

    async def timed(self: Any, query: str, values: list[Any] | None = None) -> Any:
        t0 = time.perf_counter()
        try:
            return await original(self, query, values)
        finally:
            sink.append(Statement(query, list(values or []), (time.perf_counter() - t0) * 1000))

    client_class.execute_query = timed
    try:
        yield sink
    finally:
        client_class.execute_query = original


def label(sql: str) -> str:
    """A short name for a statement: its table and grouping."""
    tables = re.findall(r'FROM "?(\w+)"?', sql)
    table = tables[-1] if "ranked" in sql and tables else (tables[0] if tables else "?")
    group = re.search(r"(?:GROUP BY|PARTITION BY) (\w+)", sql)
    kind = "percentiles" if "percentile_disc" in sql or "ROW_NUMBER" in sql else "counts"
    if "percentile_disc" in sql and "CASE WHEN" in sql:
        kind = "counts+percentiles"
    if table in ("holiday", "agency", "app_user"):
        kind = "lookup"
    return f"{table} {kind}" + (f" by {group.group(1)}" if group else "")


@dataclass(frozen=True)
class Case:
    key: str
    title: str
    call: Callable[[Runtime], Awaitable[object]]


def cases(today: date) -> list[Case]:
    admin = Actor(1, Role.ADMIN)
    bands = ComplianceBands()
    three_years = StatisticsQuery(date_from=today - timedelta(days=SPAN_DAYS), date_to=today)
    return [
        Case("default", "dashboard, last 12 months, all agencies (the default)",
             lambda rt: statistics(rt, admin, StatisticsQuery(), bands)),
        Case("agency", f"one agency with its {UNITS[0][1]} sub-units, 12 months",
             lambda rt: statistics(rt, admin, StatisticsQuery(agency_id=PU_ID), bands)),
        Case("category", f"category {CATEGORIES[0]!r} (the largest), 12 months",
             lambda rt: statistics(rt, admin, StatisticsQuery(category=CATEGORIES[0]), bands)),
        Case("three_years", "whole 3 years, all agencies",
             lambda rt: statistics(rt, admin, three_years, bands)),
        Case("public", "publicStatistics, 12 months",
             lambda rt: public_statistics(rt, StatisticsQuery(), bands)),
        Case("public_three_years", "publicStatistics, whole 3 years",
             lambda rt: public_statistics(rt, three_years, bands)),
    ]  # fmt: skip


async def measure(case: Case, rt: Runtime, warmup: int, repeats: int) -> dict[str, Any]:
    for _ in range(warmup):
        await case.call(rt)
    walls: list[float] = []
    per_statement: list[list[float]] = []
    labels: list[str] = []
    first: list[Statement] = []
    for _ in range(repeats):
        with recording() as sink:
            t0 = time.perf_counter()
            await case.call(rt)
            walls.append((time.perf_counter() - t0) * 1000)
        if not first:
            first, labels = sink, [label(s.sql) for s in sink]
            per_statement = [[] for _ in sink]
        for k, statement in enumerate(sink[: len(per_statement)]):
            per_statement[k].append(statement.ms)
    result: dict[str, Any] = {
        "title": case.title,
        "median_ms": round(stats.median(walls), 1),
        "max_ms": round(max(walls), 1),
        "min_ms": round(min(walls), 1),
        "calls_ms": [round(x, 1) for x in walls],
        "statements": [
            {
                "label": labels[k],
                "median_ms": round(stats.median(ms), 2),
                "max_ms": round(max(ms), 2),
                "sql": first[k].sql,
            }
            for k, ms in enumerate(per_statement)
        ],  # fmt: skip
        "_first": first,
    }
    print(
        f"  {case.key:<20} median {result['median_ms']:8.1f} ms  max {result['max_ms']:8.1f} ms"
        f"  ({len(first)} statements)",
        flush=True,
    )
    for s in result["statements"]:
        print(f"      {s['median_ms']:8.2f} ms  (max {s['max_ms']:8.2f})  {s['label']}", flush=True)
    return result


async def explain(statements: list[Statement], postgres: bool) -> list[str]:
    conn = connections.get("default")
    plans = []
    for s in statements:
        prefix = "EXPLAIN (ANALYZE, BUFFERS) " if postgres else "EXPLAIN QUERY PLAN "
        _, rows = await conn.execute_query(prefix + s.sql, s.values)
        lines = [str(row[0]) for row in rows] if postgres else [str(row[-1]) for row in rows]
        plans.append("\n".join(lines))
    return plans


# --------------------------------------------------------------------------------------- report


def markdown(report: dict[str, Any]) -> str:
    m, s = report["machine"], report["seed"]
    out = [
        f"# Statistics dashboard, {report['database']} — {s['reports']:,} reports",
        "",
        f"{report['version']}; {m['cpu']}, {m['cores']} cores; Python {m['python']}; {m['date']};"
        f" {m['code']}",
        f"Command: `{report['command']}`",
        "",
        f"Seeded in {s['seed_seconds']} s: {s['reports']:,} reports, {s['disposed']:,} disposed, "
        f"{s['rounds']:,} rounds ({s['rounds_per_disposed']} per disposed report, "
        f"{s['rounds_answered']:,} answered, {s['rounds_on_time']:,} on time), {s['closed']:,} closed, "
        f"{s['reopened']:,} reopened, {s['confidential']:,} confidential; database "
        f"{s['db_bytes'] / 2**20:,.0f} MiB"
        + (
            f" (report_fact {s['report_fact_bytes'] / 2**20:,.0f} MiB, disposition_fact "
            f"{s['disposition_fact_bytes'] / 2**20:,.0f} MiB incl. indexes)."
            if s["report_fact_bytes"]
            else "."
        ),
        "",
        f"Each call in-process (`domain.statistics`), after {report['warmup']} warm-up call(s), "
        f"{report['repeats']} timed calls; per statement the wall time around the connection's "
        "`execute_query` (driver and row decoding included).",
        "",
        "| case | median ms | max ms | statements |",
        "|---|---:|---:|---:|",
    ]
    for key, c in report["cases"].items():
        out.append(
            f"| {key}: {c['title']} | {c['median_ms']:.0f} | {c['max_ms']:.0f} | {len(c['statements'])} |"
        )
    for key, c in report["cases"].items():
        out += [
            "",
            f"## {key}: {c['title']}",
            "",
            "| # | statement | median ms | max ms |",
            "|---:|---|---:|---:|",
        ]
        for k, st in enumerate(c["statements"], start=1):
            out.append(f"| {k} | {st['label']} | {st['median_ms']:.1f} | {st['max_ms']:.1f} |")
    out.append("")
    return "\n".join(out)


# --------------------------------------------------------------------------------------- main


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    p = argparse.ArgumentParser(prog="python -m bench.statistics", description=__doc__.split("\n")[0])
    p.add_argument("--database", default="postgres", help="postgres | sqlite | a URL")
    p.add_argument("--reports", type=int, default=1_000_000, help="reports to seed (default 1000000)")
    p.add_argument("--repeats", type=int, default=10, help="timed calls per case (default 10)")
    p.add_argument("--warmup", type=int, default=2, help="untimed calls per case first (default 2)")
    p.add_argument("--cases", default="", help="comma-separated subset of the cases (default: all)")
    p.add_argument("--keep", action="store_true", help="keep the database afterwards")
    p.add_argument("--reuse", action="store_true", help="measure a database kept by --keep, no seeding")
    p.add_argument("--out", type=Path, default=RESULTS, help="where the results go (default bench/results)")
    return p.parse_args(argv)


def database_url(choice: str) -> tuple[str, str]:
    if choice == "postgres":
        return "postgres", DEFAULT_PG
    if choice == "sqlite":
        return "sqlite", DEFAULT_SQLITE
    if choice.startswith(("postgres://", "postgresql://")):
        return "postgres", choice
    if choice.startswith("sqlite:"):
        return "sqlite", choice
    raise SystemExit(f"--database: unknown {choice!r}")


async def run(args: argparse.Namespace, argv: list[str]) -> dict[str, Any]:
    kind, url = database_url(args.database)
    version = await database_version(kind, url.rsplit("/", 1)[0] + "/postgres" if kind == "postgres" else url)
    print(f"== statistics on {version}, {args.reports:,} reports", flush=True)
    try:
        seeded = json.loads(_seed_file(url).read_text()) if args.reuse else await seed(url, args.reports)
        _seed_file(url).write_text(json.dumps(seeded))
        await open_database(url)
        try:
            rt = Runtime()
            today = datetime.now(ZoneInfo(Settings.from_environment().time_zone)).date()
            wanted = {k.strip() for k in args.cases.split(",") if k.strip()}
            results: dict[str, Any] = {}
            plans: list[str] = []
            for case in cases(today):
                if wanted and case.key not in wanted:
                    continue
                results[case.key] = measure_result = await measure(case, rt, args.warmup, args.repeats)
                first = measure_result.pop("_first")
                for k, (statement, plan) in enumerate(
                    zip(first, await explain(first, kind == "postgres"), strict=True), start=1
                ):
                    plans.append(
                        f"=== {case.key} #{k}: {label(statement.sql)}\n{statement.sql}\n"
                        f"-- parameters: {statement.values!r}\n{plan}\n"
                    )
        finally:
            await close_database()
    finally:
        if not args.keep:
            await discard_database(kind, url)
            _seed_file(url).unlink(missing_ok=True)
    report = {
        "database": kind,
        "version": version,
        "machine": machine(),
        "command": "python -m bench.statistics " + " ".join(argv),
        "warmup": args.warmup,
        "repeats": args.repeats,
        "seed": seeded,
        "cases": results,
    }
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / f"statistics_{kind}.md").write_text(markdown(report))
    (args.out / f"statistics_{kind}.json").write_text(json.dumps(report, indent=2, default=str))
    (args.out / f"statistics_plans_{kind}.txt").write_text(
        f"# {version}, {seeded['reports']:,} reports; {report['command']}\n\n" + "\n".join(plans)
    )
    print(markdown(report))
    print(f"written: {args.out}/statistics_{kind}.md, .json, statistics_plans_{kind}.txt", flush=True)
    return report


def _seed_file(url: str) -> Path:
    # What was seeded, kept beside a --keep database so a --reuse run can report it.
    return Path("/tmp") / f"lapor_bench_statistics_{hashlib.sha256(url.encode()).hexdigest()[:12]}.json"


def main(argv: list[str] | None = None) -> None:
    argv = sys.argv[1:] if argv is None else argv
    asyncio.run(run(parse_args(argv), argv))


if __name__ == "__main__":
    main()
