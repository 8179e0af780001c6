"""Measurements inside the bench process, on the seeded database, with the servers stopped:

* (f) SQL statements per request: the real app over httpx's ASGITransport, with the Tortoise client's
  execute methods wrapped to count (as ``tests/query_count.py`` does);
* a cProfile of the inbox and of a transition, summarised by package;
* (e) one timer sweep of exactly 1 000 due reports with ``fire_due_timers`` on a FakeClock.
"""

from __future__ import annotations

import contextlib
import cProfile
import io
import os
import pstats
import random
import time
from collections import defaultdict
from datetime import timedelta
from pathlib import Path
from typing import Any

import httpx
from tortoise.connection import get_connection

# Imported up front: other people edit lapor_gql while benchmarks run, and a late import could
# catch a half-saved module.
from lapor_gql.app import create_app
from lapor_gql.clock import FakeClock, system_clock
from lapor_gql.config import Settings
from lapor_gql.db import close_database, open_database
from lapor_gql.domain.processes import Runtime
from lapor_gql.domain.reports import fire_due_timers
from tests.query_count import count_queries

from .rawdb import RawDB
from .seed import Seeded
from .workloads import DETAIL, FOLLOW_UP, INBOX, PUBLIC, gid, graphql

# What the baseline sends for the same request (fixed by its code in bench/baseline.py).
# follow_up: token, BEGIN, report, workflow, 2 UPDATEs, INSERT event, INSERT notification, COMMIT.
BASELINE_STATEMENTS = {"inbox_5": 3, "inbox_50": 3, "public_20": 1, "detail": 3, "follow_up": 9}


@contextlib.asynccontextmanager
async def app_client(url: str) -> Any:
    os.environ["LAPOR_DATABASE_URL"] = url
    os.environ["LAPOR_ENV"] = "production"
    await open_database(url)
    try:
        runtime = Runtime()
        app = create_app(Settings.from_environment(), runtime, manage_database=False)
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://bench") as http:
            yield http
    finally:
        await close_database()


async def query_counts(seeded: Seeded, profile_dir: Path) -> dict[str, Any]:
    """(f), plus a profile of 30 inboxes and 30 follow-ups. Uses reports from the end of the DISPOSED pool."""
    a = seeded.agency_ids[0]
    token = seeded.liaison_tokens[a]
    rid, ra = seeded.detail_ids[0]
    counts: dict[str, Any] = {}
    profiles: dict[str, str] = {}
    async with app_client(seeded.url) as http:
        cases = [
            ("inbox_5", INBOX, "LiaisonInbox", {"agencyId": gid("Agency", a), "first": 5}, token),
            ("inbox_50", INBOX, "LiaisonInbox", {"agencyId": gid("Agency", a), "first": 50}, token),
            ("public_20", PUBLIC, "PublicReports", {"first": 20}, None),
            ("detail", DETAIL, "ReportDetail", {"id": gid("Report", rid)}, seeded.liaison_tokens[ra]),
        ]
        for name, query, op, variables, tok in cases:
            await graphql(http, query, op, variables, tok)  # warm caches first
            with count_queries() as statements:
                await graphql(http, query, op, variables, tok)
            counts[name] = {"statements": len(statements), "sql": statements}
        spare = seeded.disposed[-40:]
        srid, sa = spare[0]

        async def follow_up(report_id: int, agency_id: int) -> None:
            variables = {"id": gid("Report", report_id), "message": "Ok."}
            await graphql(http, FOLLOW_UP, "FollowUp", variables, seeded.liaison_tokens[agency_id])

        with count_queries() as statements:
            await follow_up(srid, sa)
        counts["follow_up"] = {"statements": len(statements), "sql": statements}

        # Profiles: where the time of a request goes, by package.
        variables = {"agencyId": gid("Agency", a), "first": 50}
        profiler = cProfile.Profile()
        profiler.enable()
        for _ in range(30):
            await graphql(http, INBOX, "LiaisonInbox", variables, token)
        profiler.disable()
        profiles["inbox_50"] = _summarise(profiler, profile_dir / f"profile_inbox_{seeded.database}.txt")
        profiler = cProfile.Profile()
        profiler.enable()
        for prid, pa in spare[1:31]:
            await follow_up(prid, pa)
        profiler.disable()
        profiles["follow_up"] = _summarise(profiler, profile_dir / f"profile_follow_up_{seeded.database}.txt")
        engine_rid = spare[31][0]
    profiles["engine_perform"], engine = await _engine_profile(seeded, engine_rid, profile_dir)
    return {
        "counts": counts,
        "baseline_statements": BASELINE_STATEMENTS,
        "profiles": profiles,
        "engine": engine,
    }


async def _engine_profile(seeded: Seeded, report_id: int, profile_dir: Path) -> tuple[str, dict[str, float]]:
    """The engine alone on a DISPOSED report's state: a follow-up, and its parts (load = JSON → workflow,
    dump = workflow → JSON). The app runs the engine in a worker thread, which cProfile of the event
    loop does not see; here it runs in the main thread. Uses the adapter's private helpers, to measure."""
    from lapor_gql.workflow import WorkflowEngine

    raw = await RawDB(seeded.url).open()
    try:
        state = str(
            (await raw.fetch("SELECT state FROM report_workflow WHERE report_id = ?", report_id))[0][0]
        )
    finally:
        await raw.close()
    engine = WorkflowEngine()
    rounds = 20

    def timed(call: Any) -> float:
        started = time.perf_counter()
        for _ in range(rounds):
            call()
        return 1000 * (time.perf_counter() - started) / rounds

    workflow = engine._load(state)
    parts = {
        "state_kib": round(len(state) / 1024, 1),
        "perform_ms": round(timed(lambda: engine.perform(state, "follow_up", {"liaison"}, {})), 2),
        "load_ms": round(timed(lambda: engine._load(state)), 2),
        "dump_ms": round(timed(lambda: engine._serializer.serialize_json(workflow)), 2),
        "inspect_ms": round(timed(lambda: engine.inspect(state)), 2),
    }
    profiler = cProfile.Profile()
    profiler.enable()
    for _ in range(rounds):
        engine.perform(state, "follow_up", {"liaison"}, {})
    profiler.disable()
    summary = _summarise(profiler, profile_dir / f"profile_engine_{seeded.database}.txt")
    return summary + "\n" + "  " + ", ".join(f"{k} {v}" for k, v in parts.items()), parts


def _package(filename: str) -> str:
    if "site-packages/" in filename:
        return filename.split("site-packages/", 1)[1].split("/", 1)[0]
    if "/lapor_gql/" in filename:
        return "lapor_gql." + filename.split("/lapor_gql/", 1)[1].split("/", 1)[0].removesuffix(".py")
    if filename.startswith("<") or "/lib/python3" in filename:
        return "stdlib/builtins"
    return filename


def _summarise(profiler: cProfile.Profile, path: Path) -> str:
    """Own time (tottime) grouped by package, plus the top functions; written to ``path``."""
    stats = pstats.Stats(profiler)
    by_package: dict[str, float] = defaultdict(float)
    total = 0.0
    for (filename, _, _), (_, _, tottime, _, _) in stats.stats.items():  # type: ignore[attr-defined]
        by_package[_package(filename)] += tottime
        total += tottime
    lines = [f"total own time {total:.3f} s"]
    for package, seconds in sorted(by_package.items(), key=lambda kv: -kv[1])[:12]:
        lines.append(f"  {package:<28} {seconds:7.3f} s  {100 * seconds / total:5.1f}%")
    out = io.StringIO()
    pstats.Stats(profiler, stream=out).sort_stats("tottime").print_stats(25)
    out2 = io.StringIO()
    pstats.Stats(profiler, stream=out2).sort_stats("cumulative").print_stats(40)
    summary = "\n".join(lines)
    path.write_text(summary + "\n\n" + out.getvalue() + "\n" + out2.getvalue())
    return summary


# The smaller of the two sweep sizes the issue names; the larger one is every seeded report.
SWEEP_OPEN_SMALL = 10_000


async def timer_sweep(seeded: Seeded, due: int = 1000) -> dict[str, Any]:
    """(e): a sweep of exactly ``due`` due reports among 10 000 open reports, then among all N.

    "Open" is what the sweep sees: a report whose workflow row has a pending timer
    (``next_timer_due_at``). Per phase, every row's timer is cleared, the open set gets timers 30 days
    past the sweep's clock, and ``due`` of its reports (fresh ones each phase) get a timer just before
    it. The open set takes the reports that really wait on a timer first, then - where N has fewer of
    those than the phase asks for - closed ones with a far timer, which only fill the index the sweep
    searches. Both phases pick their due reports with the same mix of templates. The clock is 40 days
    ahead, so the due reports' own workflow timers (deadlines of at most 10 working days) have really
    run out and the engine does real work."""
    raw = await RawDB(seeded.url).open()
    try:
        # Copies of one template share status and state: (status, state length) names the template.
        kinds = await raw.fetch(
            "SELECT w.report_id, r.status, length(w.state) FROM report_workflow w"
            " JOIN report r ON r.id = w.report_id WHERE w.next_timer_due_at IS NOT NULL ORDER BY w.report_id"
        )
        everyone = [
            int(r[0]) for r in await raw.fetch("SELECT report_id FROM report_workflow ORDER BY report_id")
        ]
    finally:
        await raw.close()
    rng = random.Random(7)
    by_template: dict[tuple[str, int], list[int]] = defaultdict(list)
    for report_id, status, length in kinds:
        by_template[(str(status), int(length))].append(int(report_id))
    for members in by_template.values():
        rng.shuffle(members)
    waiting = [report_id for members in by_template.values() for report_id in members]
    waiting_set = set(waiting)
    others = [i for i in everyone if i not in waiting_set]
    rng.shuffle(others)
    sizes = sorted({min(SWEEP_OPEN_SMALL, len(everyone)), len(everyone)})
    quotas = _quotas({key: len(members) for key, members in by_template.items()}, due)
    now = system_clock() + timedelta(days=40)
    phases = []
    for phase, size in enumerate(sizes):
        # The same mix of templates in every phase, so both sweeps do the same engine work.
        chosen = [
            report_id
            for key, quota in quotas.items()
            for report_id in by_template[key][phase * quota : (phase + 1) * quota]
        ]
        picked = set(chosen)
        rest = [i for i in waiting if i not in picked][: size - len(chosen)]
        fill = others[: max(0, size - len(chosen) - len(rest))]
        phases.append(await _sweep_phase(seeded, now, chosen, rest + fill, real_open=len(rest) + len(chosen)))
    return {"phases": phases, "seconds": round(sum(p["seconds"] for p in phases), 2)}


def _quotas(sizes: dict[tuple[str, int], int], total: int) -> dict[tuple[str, int], int]:
    """``total`` split over the templates in proportion to their sizes (largest remainders)."""
    count = sum(sizes.values())
    exact = {key: total * size / count for key, size in sizes.items()}
    quotas = {key: int(value) for key, value in exact.items()}
    for key in sorted(exact, key=lambda k: exact[k] - quotas[k], reverse=True)[
        : total - sum(quotas.values())
    ]:
        quotas[key] += 1
    return quotas


async def _sweep_phase(
    seeded: Seeded, now: Any, chosen: list[int], waiting: list[int], *, real_open: int
) -> dict[str, Any]:
    raw = await RawDB(seeded.url).open()
    try:
        async with raw.transaction() as tx:
            await tx.execute("UPDATE report_workflow SET next_timer_due_at = NULL")
            await tx.executemany(
                "UPDATE report_workflow SET next_timer_due_at = ? WHERE report_id = ?",
                [(now + timedelta(days=30), rid) for rid in waiting]
                + [(now - timedelta(minutes=1), rid) for rid in chosen],
            )
        # Fresh statistics, as a database that lives with its timers would have.
        await raw.execute("VACUUM ANALYZE report_workflow" if seeded.database == "postgres" else "ANALYZE")
        events_before = int((await raw.fetch("SELECT COUNT(*) FROM report_event"))[0][0])
    finally:
        await raw.close()
    await open_database(seeded.url)
    try:
        runtime = Runtime(clock=FakeClock(now))
        started = time.perf_counter()
        fired = await fire_due_timers(runtime)
        seconds = time.perf_counter() - started
        conn = get_connection("default")
        events_after = (await conn.execute_query("SELECT COUNT(*) FROM report_event"))[1][0][0]
    finally:
        await close_database()
    return {
        "open_reports": len(waiting) + len(chosen),
        "really_waiting": real_open,
        "due": len(chosen),
        "fired": fired,
        "seconds": round(seconds, 2),
        "ms_per_report": round(1000 * seconds / max(1, fired), 2),
        "events_written": int(events_after) - events_before,
    }
