"""The Markdown of a run: the full report (``results/latest.md``) and the table for the README's
Performance section (``results/readme_table.md``; ``python -m bench.report [latest.json]`` prints it
again from a saved run)."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

SIDE = {
    "ours": "ours",
    "baseline": "baseline",
    "peer": "peer (plain Strawberry)",
    "peer_cached": "peer + parser/validation caches",
}
AGAINST = {"ours/baseline": "baseline", "ours/peer": "peer", "ours/peer_cached": "peer + caches"}
DB = {"postgres": "PostgreSQL", "sqlite": "SQLite"}


def _mib(n: int) -> str:
    return f"{n / 2**20:,.0f} MiB"


def _ms(value: float | None, digits: int = 2) -> str:
    return "–" if value is None else f"{value:.{digits}f}"


def _spread(values: list[float]) -> str:
    return f"{min(values):.2f}–{max(values):.2f}" if values else "–"


def _duration(seconds: float) -> str:
    return f"{int(seconds // 60)} min {seconds % 60:.0f} s"


def markdown(report: dict[str, Any]) -> str:
    m, args = report["machine"], report["args"]
    lines = [
        "# lapor-gql benchmark",
        "",
        f"{m['date']} · {m['cpu']} · {m['cores']} cores · Python {m['python']} · {m['platform']}"
        f" · {m.get('code', '')}",
        "",
        f"Command: `{report['command']}`; whole run {_duration(report.get('total_seconds', 0))}.",
        "",
        f"Concurrency {args['concurrency']}; {args['rounds']} paired rounds per workload (every side once"
        f" per round, back to back, the first side rotating); {args['duration']} s per side and round for"
        f" (a)–(c), {args['transitions']} requests (at most) per side and round for (d). One uvicorn worker"
        " per server; load generator and servers share the machine. Load generators: `wrk` (1 thread,"
        " keep-alive connections, a Lua script cycling the requests) for (a)–(c); for (d), whose"
        " requests each consume a report, `bench/rawhttp.py` (asyncio, prepared bytes). CPU per request:"
        " utime + stime from `/proc/<pid>/stat` over the round ÷ requests, for the server process,"
        " for the PostgreSQL backends of the bench database (*db*), and for the load generator.",
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
        "## Requests, per side (medians over the rounds)",
        "",
        "| database | workload | side | req/s | p50 | p90 | p99 | server CPU / req | db CPU / req"
        " | generator CPU / req | errors |",
        "|---|---|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in report["results"]:
        for key, w in r["workloads"].items():
            if "skipped" in w:
                lines.append(f"| {r['database']} | ({key}) {w['title']} | skipped: {w['skipped']} |")
                continue
            for side, v in w["sides"].items():
                lines.append(
                    f"| {r['database']} | ({key}) {w['title']} | {SIDE.get(side, side)} | {v['rps']:,.1f}"
                    f" | {v['p50_ms']:.1f} ms | {v['p90_ms']:.1f} ms | {v['p99_ms']:.1f} ms"
                    f" | {_ms(v['server_cpu_ms'])} ms | {_ms(v['db_cpu_ms'])} ms"
                    f" | {_ms(v['client_cpu_ms'], 3)} ms | {v['errors']} |"
                )
    lines += [
        "",
        "## Ratios of paired rounds",
        "",
        "*time*: ours time per request ÷ the other's (their req/s ÷ ours, at the same concurrency), the"
        " median of the per-round ratios; for (d) ours throughput ÷ the other's (< 1: ours is slower)."
        " *CPU*: ours server CPU per request ÷ the other's, median of the rounds. *generator share*: the load"
        " generator's CPU per request ÷ that of the server it loaded, the worst side and round (in practice"
        " the fastest server; it must stay under 0.25).",
        "",
        "| database | workload | ours vs. | time ratio | rounds | CPU ratio | rounds | generator share |",
        "|---|---|---|---:|---|---:|---|---:|",
    ]
    for r in report["results"]:
        for key, w in r["workloads"].items():
            if "skipped" in w:
                continue
            share = w.get("generator_share")
            flag = " ⚠" if share is not None and share >= 0.25 else ""
            for name, x in w["ratios"].items():
                lines.append(
                    f"| {r['database']} | ({key}) {w['title']} | {AGAINST.get(name, name)}"
                    f" | **{x['ratio']:.2f}**{' (thrpt)' if key == 'd' else ''} | {_spread(x['per_round'])}"
                    f" | {x['cpu_ratio']:.2f} | {_spread(x['cpu_per_round'])}"
                    f" | {_ms(share, 3)}{flag} |"
                )
    if any("query_counts" in r for r in report["results"]):
        lines += [
            "",
            "## (f) Statements and round trips per request (in-process, warm, counted in the drivers)",
            "",
            "Counted in asyncpg / aiosqlite (`tests/query_count.py`): every statement, `executemany`"
            " rows and BEGIN/COMMIT included (*tx*: how many of them are transaction control). Round"
            " trips: waits on the database (PostgreSQL: each statement or pipelined batch, each prepare,"
            " and each reset asyncpg's pool sends when a connection is given back; SQLite: each hop to"
            " aiosqlite's thread).",
            "",
            "| database | request | ours statements (tx) | ours round trips (prepares, pool resets)"
            " | baseline statements (tx) | baseline round trips (prepares, pool resets) |",
            "|---|---|---:|---:|---:|---:|",
        ]
        for r in report["results"]:
            q = r.get("query_counts")
            if not q:
                continue
            for name, sides in q["counts"].items():
                cells = []
                for side in ("ours", "baseline"):
                    c = sides.get(side)
                    if c is None:
                        cells += ["–", "–"]
                        continue
                    cells.append(f"{c['statements']} ({c['transaction_control']})")
                    cells.append(f"{c['round_trips']} ({c['prepares']}, {c['pool_resets']})")
                lines.append(f"| {r['database']} | {name} | " + " | ".join(cells) + " |")
    if any("sweep" in r for r in report["results"]):
        lines += [
            "",
            "## (e) Timer sweep: 1 000 due reports, `fire_due_timers` in-process",
            "",
            "Open: reports with a pending timer, the rows the sweep searches (*waiting*: how many of them"
            " really wait on a timer in their workflow; the rest are closed reports given a far timer)."
            " Paired rounds: both sweeps back to back on fresh due reports; *ratio*: the median of the"
            " rounds' larger-over-smaller wall times.",
            "",
            "| database | round | open reports | waiting | due | fired | wall time | per report"
            " | CPU per report | audit events |",
            "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
        ]
        for r in report["results"]:
            sweep = r.get("sweep", {})
            for s in sweep.get("phases", []):
                lines.append(
                    f"| {r['database']} | {s.get('round', 1)} | {s['open_reports']:,}"
                    f" | {s['really_waiting']:,} | {s['due']:,} | {s['fired']:,} | {s['seconds']:.1f} s"
                    f" | {s['ms_per_report']:.1f} ms"
                    f" | {s.get('cpu_ms_per_report', 0):.1f} ms | {s['events_written']:,} |"
                )
            if sweep.get("ratio") is not None:
                lines.append(
                    f"\n{r['database']}: ratio **{sweep['ratio']:.2f}** (rounds:"
                    f" {', '.join(f'{x:.2f}' for x in sweep['ratio_per_round'])})\n"
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
    lines += ["", "## The table for the README", "", readme_table(report)]
    return "\n".join(lines) + "\n"


def readme_table(report: dict[str, Any]) -> str:
    """The README's Performance table: per workload, ours beside the baseline (and, for (b), the
    peer), with throughput, server CPU per request, latency percentiles and the paired ratios."""
    m, args = report["machine"], report["args"]
    reports = sorted({r["reports"] for r in report["results"]})
    lines = [
        f"Run of {m['date'][:10]} (`bench/results/latest.md`), {m['cpu']}, {m['cores']} cores, Python"
        f" {m['python']}, {', '.join(str(r['version']) for r in report['results'])},"
        f" {' / '.join(f'{n:,}' for n in reports)} reports, concurrency {args['concurrency']}, one uvicorn"
        f" worker per server, {args['rounds']} paired rounds ({args['duration']} s per side and round for"
        " (a)–(c)); load from `wrk` ((d): `bench/rawhttp.py`). *CPU/req*: the server process's CPU"
        " time per request (`/proc`). *Ratio*: ours time per request ÷ the other's, the median of the"
        " per-round ratios (for (d): ours throughput ÷ the other's); in brackets the same for CPU per"
        " request.",
        "",
        "| database | workload | server | req/s | CPU/req | p50 / p90 / p99 | ratio (CPU) |",
        "|---|---|---|---:|---:|---:|---:|",
    ]
    for r in report["results"]:
        db = DB.get(r["database"], r["database"])
        for key, w in r["workloads"].items():
            if "skipped" in w:
                continue
            for side, v in w["sides"].items():
                ratio = ""
                if side != "ours":
                    x = w["ratios"].get(f"ours/{side}")
                    if x:
                        ratio = f"**{x['ratio']:.2f}** ({x['cpu_ratio']:.2f})"
                lines.append(
                    f"| {db} | ({key}) {w['title']} | {SIDE.get(side, side)} | {v['rps']:,.0f}"
                    f" | {v['server_cpu_ms']:.2f} ms"
                    f" | {v['p50_ms']:.1f} / {v['p90_ms']:.1f} / {v['p99_ms']:.1f} ms | {ratio} |"
                )
    for r in report["results"]:
        sweep = r.get("sweep")
        if sweep and sweep.get("phases"):
            phases = sweep["phases"]
            small = min(p["open_reports"] for p in phases)
            large = max(p["open_reports"] for p in phases)
            ratio = f"**{sweep['ratio']:.2f}×**" if sweep.get("ratio") is not None else "–"
            per = sorted(p["ms_per_report"] for p in phases)[len(phases) // 2]
            lines.append(
                f"\n(e) {DB.get(r['database'], r['database'])}: a sweep of 1 000 due reports among"
                f" {large:,} open vs. among {small:,}: {ratio} (median of {len(sweep['ratio_per_round'])}"
                f" paired rounds), about {per:.1f} ms per due report."
            )
        q = r.get("query_counts")
        if q:
            cells = []
            for name, sides in q["counts"].items():
                o, b = sides.get("ours"), sides.get("baseline")
                if o and b:
                    ours, base = (
                        f"{o['statements']}/{o['round_trips']}",
                        f"{b['statements']}/{b['round_trips']}",
                    )
                    cells.append(f"{name} {ours} vs. {base}")
            lines.append(
                f"\n(f) {DB.get(r['database'], r['database'])}, statements/round trips per request, ours vs."
                f" baseline (counted in the driver): {'; '.join(cells)}."
            )
    return "\n".join(lines) + "\n"


def main() -> None:
    path = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).parent / "results" / "latest.json"
    print(readme_table(json.loads(path.read_text())))


if __name__ == "__main__":
    main()
