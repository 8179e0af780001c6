"""``python -m bench``: seed, serve ours and the baseline, run the workloads interleaved, report.

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
import subprocess
import sys
import tempfile
import time
import traceback
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import asyncpg
import httpx

from . import servers
from .inprocess import query_counts, timer_sweep
from .load import Series, run_round
from .rawdb import discard_database, pg_dsn
from .seed import Seeded, seed
from .workloads import BUILDERS, Workload

RESULTS = Path(__file__).resolve().parent / "results"
DEFAULT_PG = "postgres://postgres@127.0.0.1:5432/lapor_bench"
DEFAULT_SQLITE = "sqlite:///tmp/lapor_bench.sqlite3"
ALL_WORKLOADS = "a,b,c,d,e,f"
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
    p.add_argument(
        "--rounds", type=int, default=3, help="interleaved rounds per workload and side (default 3)"
    )
    p.add_argument("--duration", type=float, default=5.0, help="seconds per read round (default 5)")
    p.add_argument("--concurrency", type=int, default=8, help="concurrent client requests (default 8)")
    p.add_argument("--transitions", type=int, default=150, help="mutations per round and side for (d)")
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


async def run_workload(
    w: Workload, ours_url: str, base_url: str, args: argparse.Namespace, seeded: Seeded
) -> dict[str, Any]:
    ours, base = Series(), Series()
    limits = httpx.Limits(max_connections=args.concurrency, max_keepalive_connections=args.concurrency)
    async with (
        httpx.AsyncClient(base_url=ours_url, timeout=120, limits=limits) as co,
        httpx.AsyncClient(base_url=base_url, timeout=120, limits=limits) as cb,
    ):
        cursor = 0
        per_round = 0
        if w.by_count:
            usable = len(seeded.disposed) - RESERVED_FOR_PROFILE - 2 * args.concurrency
            per_round = max(0, min(args.transitions, usable // (2 * args.rounds)))
            if per_round < args.concurrency:
                return {"title": w.title, "skipped": f"only {len(seeded.disposed)} DISPOSED reports"}
            for client, request in ((co, w.ours), (cb, w.baseline)):  # warm-up, on reports of its own
                await run_round(
                    client, request, concurrency=args.concurrency, count=args.concurrency, start_index=cursor
                )
                cursor += args.concurrency
        else:
            for client, request in ((co, w.ours), (cb, w.baseline)):
                await run_round(client, request, concurrency=args.concurrency, count=3 * args.concurrency)
        for r in range(args.rounds):
            for name, client, request, series in (
                ("ours", co, w.ours, ours),
                ("baseline", cb, w.baseline, base),
            ):
                if w.by_count:
                    rnd = await run_round(
                        client, request, concurrency=args.concurrency, count=per_round, start_index=cursor
                    )
                    cursor += per_round
                else:
                    rnd = await run_round(
                        client,
                        request,
                        concurrency=args.concurrency,
                        duration=args.duration,
                        start_index=r * 100_000,
                    )
                series.rounds.append(rnd)
                print(
                    f"  ({w.key}) round {r + 1}/{args.rounds} {name:<8} {rnd.rps:8.1f} req/s"
                    f"  n={rnd.requests:<6} errors={rnd.errors}  client cpu {rnd.client_cpu:.0%}",
                    flush=True,
                )
    o, b = ours.summary(), base.summary()
    if w.higher_is_better_ratio:
        ratio = o["rps"] / b["rps"] if b["rps"] else 0.0
    else:
        ratio = b["rps"] / o["rps"] if o["rps"] else 0.0  # ours time per request / baseline's
    return {
        "title": w.title,
        "ours": o,
        "baseline": b,
        "ratio": round(ratio, 2),
        "per_round": per_round or None,
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
        k: getattr(seeded, k)
        for k in ("seed_seconds", "template_seconds", "bulk_seconds", "db_bytes", "workflow_bytes",
                  "state_bytes_avg", "events", "status_counts", "open_reports")
    }  # fmt: skip
    result["workloads"] = {}
    result["errors"] = []
    http_keys = [k for k in selected if k in BUILDERS]

    def failed(phase: str, exc: BaseException) -> None:
        # One broken phase (a server that died, a module mid-edit) must not lose the others' numbers.
        traceback.print_exc()
        result["errors"].append(f"{phase}: {exc!r}"[:500])

    try:
        if http_keys:
            log_dir = Path(tempfile.mkdtemp(prefix="lapor-bench-logs-"))
            with servers.serving(url, log_dir) as (ours, baseline):
                print(f"[serve] ours on {ours.base_url}, baseline on {baseline.base_url} (logs in {log_dir})")
                for key in http_keys:
                    w = BUILDERS[key](seeded)
                    print(f"[{key}] {w.title}", flush=True)
                    t0 = time.perf_counter()
                    try:
                        outcome = await run_workload(w, ours.base_url, baseline.base_url, args, seeded)
                    except Exception as exc:  # noqa: BLE001
                        failed(key, exc)
                        continue
                    outcome["seconds"] = round(time.perf_counter() - t0, 1)
                    result["workloads"][key] = outcome
        if "f" in selected:
            print("[f] SQL statements per request, and profiles (in-process)", flush=True)
            t0 = time.perf_counter()
            try:
                result["query_counts"] = await query_counts(seeded, args.out)
                for name, c in result["query_counts"]["counts"].items():
                    print(f"  {name:<10} {c['statements']} statements")
                result["query_counts"]["seconds"] = round(time.perf_counter() - t0, 1)
            except Exception as exc:  # noqa: BLE001
                failed("f", exc)
        if "e" in selected:
            print(
                "[e] timer sweeps of 1000 due reports among 10 000 and among N open (in-process)", flush=True
            )
            try:
                result["sweep"] = await timer_sweep(seeded)
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


def _mib(n: int) -> str:
    return f"{n / 2**20:,.0f} MiB"


def markdown(report: dict[str, Any]) -> str:
    m, args = report["machine"], report["args"]
    lines = [
        "# lapor-gql benchmark",
        "",
        f"{m['date']} · {m['cpu']} · {m['cores']} cores · Python {m['python']} · {m['platform']}"
        f" · {m.get('code', '')}",
        "",
        f"Command: `{report['command']}`; concurrency {args['concurrency']},"
        f" {args['rounds']} interleaved rounds per side, {args['duration']} s per read round,"
        f" {args['transitions']} mutations per round (d);"
        " 1 uvicorn worker each; client and servers share the machine.",
        "",
        "## Seeding",
        "",
        "| database | version | reports | events | seed time | of which bulk copy | database size |"
        " report_workflow | state / report | open (timer set) |",
        "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in report["results"]:
        s = r["seed"]
        lines.append(
            f"| {r['database']} | {r['version']} | {r['reports']:,} | {s['events']:,}"
            f" | {s['seed_seconds']:.1f} s"
            f" | {s['bulk_seconds']:.1f} s | {_mib(s['db_bytes'])} | {_mib(s['workflow_bytes'])}"
            f" | {s['state_bytes_avg'] / 1024:.0f} KiB | {s['open_reports']:,} |"
        )
    lines += [
        "",
        "## Requests: ours (GraphQL app) vs. baseline (hand-written SQL + JSON)",
        "",
        "Ratio: ours time per request / baseline time per request (= baseline req/s ÷ ours req/s); for (d)"
        " ours throughput / baseline throughput. req/s is the median of the rounds; p50/p99 over all"
        " requests.",
        "",
        "| database | N | workload | ours req/s | ours p50 | ours p99 | baseline req/s | baseline p50 |"
        " baseline p99 | ratio |",
        "|---|---:|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in report["results"]:
        for key, w in r["workloads"].items():
            if "skipped" in w:
                lines.append(
                    f"| {r['database']} | {r['reports']:,} | ({key}) {w['title']} | skipped: {w['skipped']} |"
                )
                continue
            o, b = w["ours"], w["baseline"]
            mark = " (ours/base thrpt)" if key == "d" else ""
            errs = f" ⚠ {o['errors']}+{b['errors']} errors" if o["errors"] or b["errors"] else ""
            lines.append(
                f"| {r['database']} | {r['reports']:,} | ({key}) {w['title']}{errs} | {o['rps']:,.1f}"
                f" | {o['p50_ms']:.1f} ms"
                f" | {o['p99_ms']:.1f} ms | {b['rps']:,.1f} | {b['p50_ms']:.1f} ms | {b['p99_ms']:.1f} ms"
                f" | {w['ratio']:.2f}{mark} |"
            )
    if any("query_counts" in r for r in report["results"]):
        lines += [
            "",
            "## (f) SQL statements per request (in-process, warm)",
            "",
            "| database | request | ours | baseline |",
            "|---|---|---:|---:|",
        ]
        for r in report["results"]:
            q = r.get("query_counts")
            if not q:
                continue
            base = q["baseline_statements"]
            for name, c in q["counts"].items():
                lines.append(f"| {r['database']} | {name} | {c['statements']} | {base.get(name, '')} |")
    if any("sweep" in r for r in report["results"]):
        lines += [
            "",
            "## (e) Timer sweep: 1 000 due reports, `fire_due_timers` in-process",
            "",
            "Open: reports with a pending timer, the rows the sweep searches (*waiting*: how many of them"
            " really wait on a timer in their workflow; the rest are closed reports given a far timer).",
            "",
            "| database | N | open reports | waiting | due | fired | wall time | per report | audit events"
            " | vs. the smaller |",
            "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
        ]
        for r in report["results"]:
            phases = r.get("sweep", {}).get("phases", [])
            for s in phases:
                ratio = s["seconds"] / phases[0]["seconds"] if phases[0]["seconds"] else 0.0
                lines.append(
                    f"| {r['database']} | {r['reports']:,} | {s['open_reports']:,} | {s['really_waiting']:,}"
                    f" | {s['due']:,} | {s['fired']:,} | {s['seconds']:.1f} s | {s['ms_per_report']:.1f} ms"
                    f" | {s['events_written']:,} | {ratio:.2f}× |"
                )
    for r in report["results"]:
        for error in r.get("errors", []):
            lines.append(f"\n**{r['database']}: phase failed** — `{error}`")
    lines += ["", "## Wall time of the run", ""]
    for r in report["results"]:
        parts = [f"seed {r['seed']['seed_seconds']:.0f} s"]
        parts += [f"({k}) {w.get('seconds', 0):.0f} s" for k, w in r["workloads"].items()]
        if "query_counts" in r:
            parts.append(f"(f) {r['query_counts']['seconds']:.0f} s")
        if "sweep" in r:
            parts.append(f"(e) {r['sweep']['seconds']:.0f} s")
        lines.append(f"- {r['database']}: {r['total_seconds']:.0f} s total ({', '.join(parts)})")
    profiles = [
        (r["database"], r["query_counts"]["profiles"]) for r in report["results"] if "query_counts" in r
    ]
    if profiles:
        lines += ["", "## cProfile, own time by package (in-process, 30 requests each)", ""]
        for db, ps in profiles:
            for name, text in ps.items():
                lines += [f"{db}, {name}:", "", "```", text, "```", ""]
    return "\n".join(lines) + "\n"


def write_report(results: list[dict[str, Any]], args: argparse.Namespace, argv: list[str]) -> None:
    report = {
        "machine": machine(),
        "command": "python -m bench " + " ".join(argv),
        "args": {
            k: (str(v) if isinstance(v, Path) else v) for k, v in vars(args).items() if k != "child_json"
        },
        "results": results,
    }
    for r in results:  # the SQL texts are long; keep counts only in the JSON summary
        for c in r.get("query_counts", {}).get("counts", {}).values():
            c["sql"] = [s[:300] for s in c["sql"]]
    text = markdown(report)
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "latest.md").write_text(text)
    (args.out / "latest.json").write_text(json.dumps(report, indent=2, default=str))
    print()
    print(text)
    print(f"written: {args.out / 'latest.md'}, {args.out / 'latest.json'}")


def main(argv: list[str] | None = None) -> None:
    argv = sys.argv[1:] if argv is None else argv
    args = parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    targets = database_urls(args.database)
    if args.child_json is not None or len(targets) == 1:
        kind, url = targets[0]
        result = asyncio.run(run_database(kind, url, args))
        if args.child_json is not None:
            args.child_json.write_text(json.dumps(result, default=str))
        else:
            write_report([result], args, argv)
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
    write_report(results, args, argv)


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
