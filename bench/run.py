"""``python -m bench``: seed, serve ours and the baseline, run the workloads interleaved, measure the
storage and a worker's memory, report against the targets of the performance issue.

See bench/README.md.
"""

from __future__ import annotations

import argparse
import asyncio
import hashlib
import json
import os
import platform
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
import traceback
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import asyncpg

from . import servers
from .inprocess import query_counts, timer_sweep
from .rawdb import discard_database, pg_database, pg_dsn
from .rawhttp import run_count
from .report import markdown, readme_table
from .seed import Seeded, seed
from .storage import storage
from .workloads import BUILDERS, Workload, follow_up_reports, mixed, verify
from .wrk import Measured, Wrk, require_wrk

RESULTS = Path(__file__).resolve().parent / "results"
DEFAULT_PG = "postgres://postgres@127.0.0.1:5432/lapor_bench"
DEFAULT_SQLITE = "sqlite:///tmp/lapor_bench.sqlite3"
ALL_WORKLOADS = "a,b,c,d,m,e,f"
# (m): memory readings along the way (a worker that keeps growing shows it), and each chunk's time limit.
MEMORY_CHUNKS = 4
MEMORY_CHUNK_LIMIT_S = 1800
# The last DISPOSED reports of the pool are kept for the in-process follow-up count and profile.
RESERVED_FOR_PROFILE = 40


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    p = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    p.add_argument(
        "--database",
        default="sqlite",
        help="sqlite | postgres | both | a sqlite:// or postgres:// URL (default: sqlite)",
    )
    p.add_argument("--reports", type=int, default=10_000, help="reports to seed (default 10000)")
    p.add_argument("--rounds", type=int, default=5, help="paired rounds per workload (default 5)")
    p.add_argument(
        "--duration", type=int, default=5, help="seconds per read round and side, whole (default 5)"
    )
    p.add_argument("--concurrency", type=int, default=8, help="concurrent client requests (default 8)")
    p.add_argument("--transitions", type=int, default=150, help="mutations per round and side for (d)")
    p.add_argument(
        "--sweep-rounds", type=int, default=3, help="paired rounds of the two sweeps of (e) (default 3)"
    )
    p.add_argument(
        "--memory-requests",
        type=int,
        default=20_000,
        help="mixed requests per side for (m), the worker's memory (default 20000, the target's)",
    )
    p.add_argument("--workloads", default=ALL_WORKLOADS, help=f"comma-separated subset of {ALL_WORKLOADS}")
    p.add_argument("--keep", action="store_true", help="keep the database afterwards")
    p.add_argument("--out", type=Path, default=RESULTS, help="where latest.md / latest.json go")
    p.add_argument("--child-json", type=Path, help=argparse.SUPPRESS)
    return p.parse_args(argv)


def database_urls(choice: str) -> list[tuple[str, str]]:
    if choice == "sqlite":
        return [("sqlite", DEFAULT_SQLITE)]
    if choice == "postgres":
        return [("postgres", DEFAULT_PG)]
    if choice == "both":
        return [("sqlite", DEFAULT_SQLITE), ("postgres", DEFAULT_PG)]
    if choice.startswith("sqlite:"):
        return [("sqlite", choice)]
    if choice.startswith(("postgres://", "postgresql://")):
        return [("postgres", choice)]
    raise SystemExit(f"--database: unknown {choice!r}")


# ---------------------------------------------------------------------------------- machine


def machine() -> dict[str, Any]:
    cpu = platform.processor() or "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    sources = sorted((servers.ROOT / "lapor_gql").rglob("*.py"))
    digest = hashlib.sha256(b"".join(p.read_bytes() for p in sources)).hexdigest()[:12]
    return {
        "code": f"lapor_gql sources sha256 {digest}",
        "cpu": cpu,
        "cores": os.cpu_count(),
        "python": platform.python_version(),
        "platform": platform.platform(),
        "date": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
    }


async def database_version(kind: str, url: str) -> str:
    if kind == "sqlite":
        return f"SQLite {sqlite3.sqlite_version}"
    conn = await asyncpg.connect(pg_dsn(url))
    try:
        return "PostgreSQL " + str(await conn.fetchval("SHOW server_version"))
    finally:
        await conn.close()


# ---------------------------------------------------------------------------------- one database


SIDE_NAMES = {
    "ours": "ours (lapor-gql)",
    "baseline": "baseline (hand-written SQL)",
    "peer": "peer: plain Strawberry + Tortoise + DataLoader",
    "peer_cached": "peer + parser/validation caches",
}
# (numerator, denominator) of each paired ratio, by the sides a workload has.
COMPARISONS = [("ours", "baseline"), ("ours", "peer"), ("ours", "peer_cached")]
GENERATOR_LIMIT = 0.25  # the load generator's CPU per request must stay under this share of the server's


def _median(values: list[float]) -> float:
    return statistics.median(values) if values else 0.0


def summarise(w: Workload, rounds: list[dict[str, Measured]]) -> dict[str, Any]:
    """Per side the medians over rounds; per comparison the median of the per-round ratios."""
    sides: dict[str, Any] = {}
    for side in w.sides:
        ms = [r[side] for r in rounds]
        db = [m.db_cpu_ms for m in ms if m.db_cpu_ms is not None]
        sides[side] = {
            "rps": round(_median([m.rps for m in ms]), 1),
            "p50_ms": round(_median([m.p50_ms for m in ms]), 2),
            "p90_ms": round(_median([m.p90_ms for m in ms]), 2),
            "p99_ms": round(_median([m.p99_ms for m in ms]), 2),
            "server_cpu_ms": round(_median([m.server_cpu_ms for m in ms]), 3),
            "client_cpu_ms": round(_median([m.client_cpu_ms for m in ms]), 3),
            "db_cpu_ms": round(_median(db), 3) if db else None,
            "requests": sum(m.requests for m in ms),
            "errors": sum(m.errors for m in ms),
            "first_error": next((m.first_error for m in ms if m.first_error), ""),
            "rounds": [m.as_dict() for m in ms],
        }
    ratios: dict[str, Any] = {}
    for num, den in COMPARISONS:
        if num not in sides or den not in sides:
            continue
        if w.higher_is_better_ratio:  # throughput of ours over the other's
            per_round = [r[num].rps / r[den].rps for r in rounds if r[den].rps]
        else:  # time per request of ours over the other's (= their req/s over ours)
            per_round = [r[den].rps / r[num].rps for r in rounds if r[num].rps]
        cpu = [r[num].server_cpu_ms / r[den].server_cpu_ms for r in rounds if r[den].server_cpu_ms]
        ratios[f"{num}/{den}"] = {
            "ratio": round(_median(per_round), 2),
            "per_round": [round(x, 2) for x in per_round],
            "cpu_ratio": round(_median(cpu), 2),
            "cpu_per_round": [round(x, 2) for x in cpu],
        }
    # The load generator's CPU per request over the CPU per request of the server it loaded, per side
    # and round; the worst (in practice: against the fastest server) must stay under a quarter.
    shares = [m.client_cpu_ms / m.server_cpu_ms for r in rounds for m in r.values() if m.server_cpu_ms > 0]
    return {
        "title": w.title,
        "sides": sides,
        "ratios": ratios,
        "generator_share": round(max(shares), 3) if shares else None,
        "generator": "wrk" if not w.by_count else "bench.rawhttp",
    }


def _log(w: Workload, r: int, rounds: int, side: str, m: Measured) -> None:
    db = f" db {m.db_cpu_ms:6.2f}" if m.db_cpu_ms is not None else ""
    err = f"  ! {m.errors} errors: {m.first_error[:200]}" if m.errors else ""
    print(
        f"  ({w.key}) round {r + 1}/{rounds} {side:<11} {m.rps:8.1f} req/s  n={m.requests:<6}"
        f" p50 {m.p50_ms:6.1f} p99 {m.p99_ms:6.1f} ms  cpu/req: server {m.server_cpu_ms:6.2f}"
        f"{db} generator {m.client_cpu_ms:5.3f} ms{err}",
        flush=True,
    )


def _order(sides: list[str], r: int) -> list[str]:
    """Rotate who goes first from round to round, so no side always runs on a warmer machine."""
    k = r % len(sides)
    return sides[k:] + sides[:k]


async def run_reads(
    w: Workload, srv: dict[str, servers.Server], wrk: Wrk, args: argparse.Namespace, db_cpu: Any
) -> dict[str, Any]:
    await verify(w, {name: s.base_url for name, s in srv.items()})
    for side in w.sides:  # warm-up: caches, pools, the first compilations
        s = srv[w.servers[side]]
        wrk.run(
            s.base_url, w.requests[side], seconds=1, server_pid=s.process.pid, check_graphql=w.graphql[side]
        )
    rounds: list[dict[str, Measured]] = []
    for r in range(args.rounds):
        got: dict[str, Measured] = {}
        for side in _order(w.sides, r):
            s = srv[w.servers[side]]
            got[side] = await asyncio.to_thread(
                wrk.run,
                s.base_url,
                w.requests[side],
                seconds=int(args.duration),
                server_pid=s.process.pid,
                check_graphql=w.graphql[side],
                db_cpu=db_cpu,
            )
            _log(w, r, args.rounds, side, got[side])
        rounds.append(got)
    return summarise(w, rounds)


async def run_counts(
    w: Workload, srv: dict[str, servers.Server], args: argparse.Namespace, seeded: Seeded, db_cpu: Any
) -> dict[str, Any]:
    usable = len(seeded.disposed) - RESERVED_FOR_PROFILE - 2 * args.concurrency
    per_round = max(0, min(args.transitions, usable // (2 * args.rounds)))
    if per_round < args.concurrency:
        return {"title": w.title, "skipped": f"only {len(seeded.disposed)} DISPOSED reports"}
    cursor = 0

    async def measure(side: str, count: int) -> Measured:
        nonlocal cursor
        s = srv[w.servers[side]]
        indexes = range(cursor, cursor + count)
        cursor += count
        return await run_count(
            s.base_url,
            w.build[side],
            w.check[side],
            indexes=indexes,
            concurrency=args.concurrency,
            server_pid=s.process.pid,
            db_cpu=db_cpu,
        )

    for side in w.sides:  # warm-up, on reports of its own
        await measure(side, args.concurrency)
    rounds: list[dict[str, Measured]] = []
    for r in range(args.rounds):
        got: dict[str, Measured] = {}
        for side in _order(w.sides, r):
            got[side] = await measure(side, per_round)
            _log(w, r, args.rounds, side, got[side])
        rounds.append(got)
    result = summarise(w, rounds)
    result["per_round"] = per_round
    return result


async def run_memory(
    srv: dict[str, servers.Server], wrk: Wrk, args: argparse.Namespace, seeded: Seeded, db_cpu: Any
) -> dict[str, Any]:
    """(m) on freshly started servers: ``--memory-requests`` of the mix per side, in chunks, reading the
    worker's VmRSS and VmHWM before and after each chunk."""
    w = mixed(seeded, await follow_up_reports(seeded.url))
    start = {side: servers.memory_bytes(srv[w.servers[side]].process.pid) for side in w.sides}
    await verify(w, {name: s.base_url for name, s in srv.items()})
    total = args.memory_requests
    chunk = -(-total // MEMORY_CHUNKS)
    sides: dict[str, Any] = {}
    for side in w.sides:
        s = srv[w.servers[side]]
        done, readings, chunks = 0, [], []
        while done < total:
            m = await asyncio.to_thread(
                wrk.run,
                s.base_url,
                w.requests[side],
                seconds=MEMORY_CHUNK_LIMIT_S,
                server_pid=s.process.pid,
                check_graphql=w.graphql[side],
                db_cpu=db_cpu,
                stop_after=min(chunk, total - done),
                start=done,  # go on in the list where the last chunk stopped
            )
            done += m.requests
            readings.append({"requests": done, **servers.memory_bytes(s.process.pid)})
            chunks.append(m)
            _log(w, len(chunks) - 1, MEMORY_CHUNKS, side, m)
            print(
                f"  (m) {side:<8} after {done:>6} requests: VmRSS {readings[-1]['rss'] / 2**20:6.1f} MiB,"
                f" VmHWM {readings[-1]['peak'] / 2**20:6.1f} MiB",
                flush=True,
            )
            if m.requests == 0:
                break
        seconds = sum(m.seconds for m in chunks)
        n = sum(m.requests for m in chunks)
        sides[side] = {
            "start": start[side],
            "readings": readings,
            "requests": n,
            "rps": round(n / seconds, 1) if seconds else 0.0,
            "server_cpu_ms": round(sum(m.server_cpu_ms * m.requests for m in chunks) / max(n, 1), 3),
            "p50_ms": round(_median([m.p50_ms for m in chunks]), 2),
            "p99_ms": round(_median([m.p99_ms for m in chunks]), 2),
            "errors": sum(m.errors for m in chunks),
            "first_error": next((m.first_error for m in chunks if m.first_error), ""),
        }
    follow_ups = sum(1 for r in w.requests["ours"] if r.method == "POST" and "FollowUp" in (r.body or ""))
    return {
        "title": w.title,
        "requests_per_side": total,
        "cycle": len(w.requests["ours"]),
        "follow_up_reports": follow_ups,
        "sides": sides,
    }


async def run_database(kind: str, url: str, args: argparse.Namespace) -> dict[str, Any]:
    started = time.perf_counter()
    selected = [w.strip() for w in args.workloads.split(",") if w.strip()]
    result: dict[str, Any] = {"database": kind, "url": url, "reports": args.reports}
    result["version"] = await database_version(kind, url) if kind == "sqlite" else None
    if kind == "postgres":
        # The maintenance database must answer before we drop and create ours.
        result["version"] = await database_version(kind, url.rsplit("/", 1)[0] + "/postgres")
    print(f"== {kind}: {result['version']}, {args.reports} reports", flush=True)
    seeded = await seed(url, kind, args.reports)
    result["seed"] = {
        k: getattr(seeded, k, None)
        for k in ("seed_seconds", "template_seconds", "bulk_seconds", "db_bytes", "workflow_bytes",
                  "state_bytes_avg", "events", "status_counts", "open_reports")
    }  # fmt: skip
    result["workloads"] = {}
    result["errors"] = []
    http_keys = [k for k in selected if k in BUILDERS]
    try:  # before any workload writes: the seeded N as it is
        result["storage"] = await storage(url)
        st = result["storage"]
        print(
            f"[storage] workflow state {st['state_bytes_avg'] / 1024:.1f} KiB per report"
            f" ({st['state_stored_bytes_avg'] / 1024:.1f} KiB stored), report_workflow"
            f" {(st['workflow_table_bytes'] or 0) / 2**20:,.1f} MiB,"
            f" database {st['database_bytes'] / 2**20:,.1f} MiB",
            flush=True,
        )
    except Exception as exc:  # noqa: BLE001
        traceback.print_exc()
        result["errors"].append(f"storage: {exc!r}"[:500])

    def failed(phase: str, exc: BaseException) -> None:
        # One broken phase (a server that died, a module mid-edit) must not lose the others' numbers.
        traceback.print_exc()
        result["errors"].append(f"{phase}: {exc!r}"[:500])

    try:
        log_dir = Path(tempfile.mkdtemp(prefix="lapor-bench-logs-"))
        db_cpu = servers.PostgresCpu(pg_database(url)) if kind == "postgres" else None
        if http_keys:
            wrk = Wrk(connections=args.concurrency)
            with servers.serving(url, log_dir, peer="b" in http_keys) as srv:
                names = ", ".join(f"{name} on {s.base_url} (pid {s.process.pid})" for name, s in srv.items())
                print(f"[serve] {names}; logs in {log_dir}", flush=True)
                for key in http_keys:
                    w = BUILDERS[key](seeded)
                    print(f"[{key}] {w.title}", flush=True)
                    t0 = time.perf_counter()
                    try:
                        if w.by_count:
                            outcome = await run_counts(w, srv, args, seeded, db_cpu)
                        else:
                            outcome = await run_reads(w, srv, wrk, args, db_cpu)
                    except Exception as exc:  # noqa: BLE001
                        failed(key, exc)
                        continue
                    outcome["seconds"] = round(time.perf_counter() - t0, 1)
                    result["workloads"][key] = outcome
                # What the long-running workers hold after all of it (beside (m)'s fresh ones).
                result["memory_after_workloads"] = {
                    name: servers.memory_bytes(s.process.pid) for name, s in srv.items()
                }
        if "m" in selected:
            print("[m] memory: mixed requests on freshly started servers", flush=True)
            t0 = time.perf_counter()
            try:
                with servers.serving(url, log_dir / "m") as srv:
                    result["memory"] = await run_memory(
                        srv, Wrk(connections=args.concurrency), args, seeded, db_cpu
                    )
                result["memory"]["seconds"] = round(time.perf_counter() - t0, 1)
            except Exception as exc:  # noqa: BLE001
                failed("m", exc)
        if "f" in selected:
            print("[f] SQL statements per request, and profiles (in-process)", flush=True)
            t0 = time.perf_counter()
            try:
                result["query_counts"] = await query_counts(seeded, args.out)
                for name, sides in result["query_counts"]["counts"].items():
                    for side, c in sides.items():
                        print(
                            f"  {name:<10} {side:<8} {c['statements']:>3} statements"
                            f" ({c['transaction_control']} transaction control),"
                            f" {c['round_trips']} round trips"
                            f" ({c['prepares']} prepares, {c['pool_resets']} pool resets)",
                            flush=True,
                        )
                result["query_counts"]["seconds"] = round(time.perf_counter() - t0, 1)
            except Exception as exc:  # noqa: BLE001
                failed("f", exc)
        if "e" in selected:
            print(
                "[e] timer sweeps of 1000 due reports among 10 000 and among N open (in-process)", flush=True
            )
            try:
                result["sweep"] = await timer_sweep(seeded, rounds=args.sweep_rounds)
                print(f"  {result['sweep']}", flush=True)
            except Exception as exc:  # noqa: BLE001
                failed("e", exc)
    finally:
        if not args.keep:
            await discard_database(kind, url)
    result["total_seconds"] = round(time.perf_counter() - started, 1)
    print(f"== {kind} done in {result['total_seconds']:.0f} s", flush=True)
    return result


# ---------------------------------------------------------------------------------- report


def write_report(
    results: list[dict[str, Any]], args: argparse.Namespace, argv: list[str], seconds: float
) -> None:
    report = {
        "total_seconds": round(seconds, 1),
        "machine": machine(),
        "command": "python -m bench " + " ".join(argv),
        "args": {
            k: (str(v) if isinstance(v, Path) else v) for k, v in vars(args).items() if k != "child_json"
        },
        "results": results,
    }
    for r in results:  # the SQL texts are long; keep them short in the JSON
        for sides in r.get("query_counts", {}).get("counts", {}).values():
            for c in sides.values():
                c["sql"] = [s[:300] for s in c["sql"]]
    text = markdown(report)
    table = readme_table(report)
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "latest.md").write_text(text)
    (args.out / "latest.json").write_text(json.dumps(report, indent=2, default=str))
    (args.out / "readme_table.md").write_text(table)
    print()
    print(text)
    print(f"written: {args.out / 'latest.md'}, {args.out / 'latest.json'}, {args.out / 'readme_table.md'}")


def main(argv: list[str] | None = None) -> None:
    argv = sys.argv[1:] if argv is None else argv
    args = parse_args(argv)
    started = time.perf_counter()
    if any(k.strip() in BUILDERS or k.strip() == "m" for k in args.workloads.split(",")):
        require_wrk()  # before seeding: say at once what is missing
    args.out.mkdir(parents=True, exist_ok=True)
    targets = database_urls(args.database)
    if args.child_json is not None or len(targets) == 1:
        kind, url = targets[0]
        result = asyncio.run(run_database(kind, url, args))
        if args.child_json is not None:
            args.child_json.write_text(json.dumps(result, default=str))
        else:
            write_report([result], args, argv, time.perf_counter() - started)
            _print_total(started)
        return
    # Several databases: one child process each (Tortoise keeps per-backend state in the process).
    results = []
    for kind, url in targets:
        with tempfile.NamedTemporaryFile(suffix=".json", delete=False) as handle:
            out = Path(handle.name)
        child = [a for a in argv]
        child_args = _replace_database(child, url) + ["--child-json", str(out)]
        done = subprocess.run([sys.executable, "-m", "bench", *child_args], check=False, cwd=servers.ROOT)
        if done.returncode == 0 and out.stat().st_size:
            results.append(json.loads(out.read_text()))
        else:
            print(f"!! the {kind} run failed (exit {done.returncode}); its numbers are missing", flush=True)
        out.unlink(missing_ok=True)
    write_report(results, args, argv, time.perf_counter() - started)
    _print_total(started)


def _print_total(started: float) -> None:
    total = time.perf_counter() - started
    print(f"total duration of the run: {total:.0f} s ({int(total // 60)} min {total % 60:.0f} s)", flush=True)


def _replace_database(argv: list[str], url: str) -> list[str]:
    out, skip = [], False
    for i, a in enumerate(argv):
        if skip:
            skip = False
            continue
        if a == "--database":
            skip = i + 1 < len(argv)
            continue
        if a.startswith("--database="):
            continue
        out.append(a)
    return ["--database", url, *out]
