"""Measurements inside the bench process, on the seeded database, with the servers stopped:

* (f) SQL statements and round trips per request, counted at the driver level (asyncpg / aiosqlite,
  with ``tests/query_count.py``: executemany rows and BEGIN/COMMIT included) for the real app and for
  the baseline, both served in-process over httpx's ASGITransport, warm;
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
import statistics
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
from lapor_gql.domain import live
from lapor_gql.domain.processes import Runtime
from lapor_gql.domain.reports import fire_due_timers
from tests.query_count import count_queries

from . import baseline as baseline_app
from .rawdb import RawDB
from .seed import Seeded
from .workloads import CLOSE, DETAIL, FOLLOW_UP, INBOX, PUBLIC, bearer, gid, graphql


@contextlib.asynccontextmanager
async def app_client(url: str) -> Any:
    os.environ["LAPOR_DATABASE_URL"] = url
    os.environ["LAPOR_ENV"] = "production"
    await open_database(url)
    try:
        settings = Settings.from_environment()
        # The change feed a server of this database runs (on PostgreSQL: LISTEN/NOTIFY, which the
        # runtime's catalog needs to trust what it read). ASGITransport runs no lifespan: run it here.
        runtime = Runtime(changes=live.change_feed_for(settings.database_url, settings.change_feed))
        app = create_app(settings, runtime, manage_database=False)
        async with (
            live.running(runtime.changes),
            httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://bench") as http,
        ):
            yield http
    finally:
        await close_database()


# Warm-up requests before a counted one: more than the pool's 5 connections, each of which keeps its own
# prepared statements, so that "warm" means warm on whichever connection the counted request gets.
WARM = 8


@contextlib.asynccontextmanager
async def baseline_client(url: str) -> Any:
    served = baseline_app.Baseline(url)
    await served.start()
    try:
        app = baseline_app.create_app(served)
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://bench") as http:
            yield http
    finally:
        await served.close()


async def _rest(http: httpx.AsyncClient, method: str, path: str, token: str | None, **kw: Any) -> None:
    response = await http.request(method, path, headers=bearer(token) if token else None, **kw)
    if response.status_code != 200:
        raise RuntimeError(f"baseline {path}: HTTP {response.status_code} {response.text[:300]}")


def _counted(statements: Any) -> dict[str, Any]:
    return {**statements.summary(), "sql": list(statements)}


async def query_counts(seeded: Seeded, profile_dir: Path) -> dict[str, Any]:
    """(f) for ours and the baseline, plus a profile of 30 inboxes and 30 follow-ups (ours). Uses
    reports from the end of the DISPOSED pool, which (d) leaves alone."""
    a = seeded.agency_ids[0]
    token = seeded.liaison_tokens[a]
    rid, ra = seeded.detail_ids[0]
    counts: dict[str, dict[str, Any]] = {}
    profiles: dict[str, str] = {}
    spare = seeded.disposed[-40:]
    # ours: warm-up follow-up, counted follow-up, counted close; the baseline the same; then profiles
    ours_fu_warm, ours_fu, ours_close, base_fu_warm, base_fu, base_close = spare[:6]
    profile_reports, engine_rid = spare[6:36], spare[36][0]

    async with baseline_client(seeded.url) as http:
        cases: list[tuple[str, str, str, str | None]] = [
            ("inbox_5", "GET", f"/inbox?agency={a}&first=5", token),
            ("inbox_50", "GET", f"/inbox?agency={a}&first=50", token),
            ("public_20", "GET", "/public?first=20", None),
            ("detail", "GET", f"/report/{rid}", seeded.liaison_tokens[ra]),
        ]
        for name, method, path, tok in cases:
            for _ in range(WARM):  # every pooled connection has its statements prepared
                await _rest(http, method, path, tok)
            with count_queries() as statements:
                await _rest(http, method, path, tok)
            counts.setdefault(name, {})["baseline"] = _counted(statements)
        for name, (report_id, agency_id), warm in (
            ("follow_up", base_fu, base_fu_warm),
            ("close", base_close, None),
        ):
            action = "follow_up" if name == "follow_up" else "close"
            if warm is not None:
                await _rest(
                    http,
                    "POST",
                    f"/report/{warm[0]}/follow_up",
                    seeded.liaison_tokens[warm[1]],
                    json={"text": "Ok."},
                )
            with count_queries() as statements:
                await _rest(
                    http, "POST", f"/report/{report_id}/{action}", seeded.liaison_tokens[agency_id],
                    json={"text": "Ok."},
                )  # fmt: skip
            counts.setdefault(name, {})["baseline"] = _counted(statements)

    async with app_client(seeded.url) as http:
        gql_cases = [
            ("inbox_5", INBOX, "LiaisonInbox", {"agencyId": gid("Agency", a), "first": 5}, token),
            ("inbox_50", INBOX, "LiaisonInbox", {"agencyId": gid("Agency", a), "first": 50}, token),
            ("public_20", PUBLIC, "PublicReports", {"first": 20}, None),
            ("detail", DETAIL, "ReportDetail", {"id": gid("Report", rid)}, seeded.liaison_tokens[ra]),
        ]
        for name, query, op, variables, tok in gql_cases:
            for _ in range(WARM):  # every pooled connection has its statements prepared
                await graphql(http, query, op, variables, tok)
            with count_queries() as statements:
                await graphql(http, query, op, variables, tok)
            counts[name] = {"ours": _counted(statements), **counts.get(name, {})}

        async def follow_up(report_id: int, agency_id: int) -> None:
            variables = {"id": gid("Report", report_id), "message": "Ok."}
            await graphql(http, FOLLOW_UP, "FollowUp", variables, seeded.liaison_tokens[agency_id])

        await follow_up(*ours_fu_warm)
        with count_queries() as statements:
            await follow_up(*ours_fu)
        counts["follow_up"] = {"ours": _counted(statements), **counts.get("follow_up", {})}
        with count_queries() as statements:
            variables = {"id": gid("Report", ours_close[0]), "resolution": "Ok."}
            await graphql(http, CLOSE, "Close", variables, seeded.liaison_tokens[ours_close[1]])
        counts["close"] = {"ours": _counted(statements), **counts.get("close", {})}

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
        for prid, pa in profile_reports:
            await follow_up(prid, pa)
        profiler.disable()
        profiles["follow_up"] = _summarise(profiler, profile_dir / f"profile_follow_up_{seeded.database}.txt")
    profiles["engine_perform"], engine = await _engine_profile(seeded, engine_rid, profile_dir)
    return {
        "counts": counts,
        "profiles": profiles,
        "engine": engine,
    }


async def _engine_profile(seeded: Seeded, report_id: int, profile_dir: Path) -> tuple[str, dict[str, float]]:
    """The engine alone on a DISPOSED report's state: a follow-up, and its parts (load = JSON → workflow,
    dump = workflow → JSON). The app runs the engine in a worker thread, which cProfile of the event
    loop does not see; here it runs in the main thread. Uses the adapter's private helpers, to measure."""
    from lapor_gql.workflow import WorkflowEngine

    from .baseline import diagram_of_definition

    raw = await RawDB(seeded.url).open()
    try:
        row = (
            await raw.fetch("SELECT state, definition_id FROM report_workflow WHERE report_id = ?", report_id)
        )[0]
        state = str(row[0])
        # The state references its diagram (workflow.state_format): the engine is given it, as the app's.
        engine = WorkflowEngine(diagrams=[await diagram_of_definition(raw, int(row[1]))])
    finally:
        await raw.close()
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


async def timer_sweep(seeded: Seeded, due: int = 1000, rounds: int = 3) -> dict[str, Any]:
    """(e): a sweep of exactly ``due`` due reports among 10 000 open reports, then among all N.

    "Open" is what the sweep sees: a report whose workflow row has a pending timer
    (``next_timer_due_at``). Per phase, every row's timer is cleared, the open set gets timers 30 days
    past the sweep's clock, and ``due`` of its reports (fresh ones each phase) get a timer just before
    it. The open set takes the reports that really wait on a timer first, then - where N has fewer of
    those than the phase asks for - closed ones with a far timer, which only fill the index the sweep
    searches. Both phases pick their due reports with the same mix of templates. The clock is 40 days
    ahead, so the due reports' own workflow timers (deadlines of at most 10 working days) have really
    run out and the engine does real work.

    With two sizes, ``rounds`` paired rounds run both sweeps back to back (who goes first alternates),
    each on fresh due reports; the ratio is the median of the rounds' larger-over-smaller times."""
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
    slot = 0
    for r in range(rounds if len(sizes) > 1 else 1):
        for size in sizes if r % 2 == 0 else list(reversed(sizes)):
            # The same mix of templates in every phase, so both sweeps do the same engine work.
            chosen = [
                report_id
                for key, quota in quotas.items()
                for report_id in by_template[key][slot * quota : (slot + 1) * quota]
            ]
            slot += 1
            if len(chosen) < due * 0.95:
                break  # the seed has too few waiting reports of some template for another round
            picked = set(chosen)
            rest = [i for i in waiting if i not in picked][: size - len(chosen)]
            fill = others[: max(0, size - len(chosen) - len(rest))]
            phase = await _sweep_phase(seeded, now, chosen, rest + fill, real_open=len(rest) + len(chosen))
            phase["round"] = r + 1
            phases.append(phase)
            print(f"  (e) round {r + 1}: {phase}", flush=True)
    per_round = []
    for r in {p["round"] for p in phases}:
        pair = sorted((p for p in phases if p["round"] == r), key=lambda p: p["open_reports"])
        if len(pair) == 2 and pair[0]["seconds"]:
            per_round.append(round(pair[1]["seconds"] / pair[0]["seconds"], 3))
    return {
        "phases": phases,
        "ratio_per_round": per_round,
        "ratio": round(statistics.median(per_round), 2) if per_round else None,
        "seconds": round(sum(p["seconds"] for p in phases), 2),
    }


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
        started, cpu0 = time.perf_counter(), time.process_time()
        fired = await fire_due_timers(runtime)
        seconds, cpu = time.perf_counter() - started, time.process_time() - cpu0
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
        "cpu_ms_per_report": round(1000 * cpu / max(1, fired), 2),  # this process, engine threads included
        "events_written": int(events_after) - events_before,
    }
