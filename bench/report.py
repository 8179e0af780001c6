"""The Markdown of a run: the full report (``results/latest.md``) and the tables for the README's
Performance section (``results/readme_table.md``: the requests per side, then the issue's targets with
each database's figure; ``python -m bench.report [latest.json]`` prints them again from a saved run)."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from .targets import verdicts

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


def _mib_1(n: int | None) -> str:
    return "–" if n is None else f"{n / 2**20:,.1f} MiB"


def _met(met: bool | None) -> str:
    return "–" if met is None else ("✓" if met else "✗")


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
    if any("storage" in r for r in report["results"]):
        lines += [
            "",
            "## Storage (read from the database right after seeding)",
            "",
            "Workflow state per report: the average of the states' text (PostgreSQL: `octet_length`;"
            " *stored*: `pg_column_size`, after TOAST compression). *report_workflow*: the table with its"
            " indexes (PostgreSQL `pg_total_relation_size`, SQLite `dbstat`). *database*:"
            " `pg_database_size` / the SQLite file after a WAL checkpoint.",
            "",
            "| database | reports | workflows | state / report | stored / report | report_workflow"
            " | database |",
            "|---|---:|---:|---:|---:|---:|---:|",
        ]
        for r in report["results"]:
            st = r.get("storage")
            if st:
                lines.append(
                    f"| {r['database']} | {r['reports']:,} | {st['workflows']:,}"
                    f" | {st['state_bytes_avg'] / 1024:,.1f} KiB"
                    f" | {st['state_stored_bytes_avg'] / 1024:,.1f} KiB"
                    f" | {_mib_1(st['workflow_table_bytes'])} | {_mib_1(st['database_bytes'])} |"
                )
    if any("memory" in r for r in report["results"]):
        lines += [
            "",
            "## (m) Memory of a worker after mixed requests",
            "",
            "Freshly started servers (one uvicorn worker each); the mix cycles (a), (b), (c) in turn with a"
            " `reportFollowUp` on an IN_PROGRESS report after every 24 reads, driven by `wrk` in chunks;"
            " after each chunk the worker's `VmRSS` and `VmHWM` (peak) from `/proc/<pid>/status`.",
            "",
            "| database | side | at start (peak of the startup) | after requests: RSS / peak | req/s"
            " | server CPU / req"
            " | p50 / p99 | errors |",
            "|---|---|---:|---|---:|---:|---:|---:|",
        ]
        for r in report["results"]:
            mem = r.get("memory")
            if not mem:
                continue
            for side, v in mem["sides"].items():
                readings = "; ".join(
                    f"{x['requests']:,}: {x['rss'] / 2**20:.0f} / {x['peak'] / 2**20:.0f} MiB"
                    for x in v["readings"]
                )
                lines.append(
                    f"| {r['database']} | {SIDE.get(side, side)} | {v['start']['rss'] / 2**20:.0f} MiB"
                    f" (peak {v['start']['peak'] / 2**20:.0f})"
                    f" | {readings} | {v['rps']:,.1f} | {v['server_cpu_ms']:.2f} ms"
                    f" | {v['p50_ms']:.1f} / {v['p99_ms']:.1f} ms | {v['errors']} |"
                )
            after = r.get("memory_after_workloads")
            if after:
                held = ", ".join(
                    f"{SIDE.get(n, n)} {x['rss'] / 2**20:.0f} MiB (peak {x['peak'] / 2**20:.0f})"
                    for n, x in after.items()
                )
                lines.append(f"\n{r['database']}: the servers of (a)–(d) held, after them: {held}.\n")
            if any(v["errors"] for v in mem["sides"].values()):
                first = next(v["first_error"] for v in mem["sides"].values() if v["errors"])
                lines.append(f"\n{r['database']}: first error of (m): `{first[:300]}`\n")
    for r in report["results"]:
        for error in r.get("errors", []):
            lines.append(f"\n**{r['database']}: phase failed** — `{error}`")
    lines += ["", "## Wall time of the run", ""]
    for r in report["results"]:
        parts = [f"seed {r['seed']['seed_seconds']:.0f} s"]
        parts += [f"({k}) {w.get('seconds', 0):.0f} s" for k, w in r["workloads"].items()]
        if "query_counts" in r:
            parts.append(f"(f) {r['query_counts']['seconds']:.0f} s")
        if "memory" in r:
            parts.append(f"(m) {r['memory'].get('seconds', 0):.0f} s")
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
    """The README's Performance tables: per workload, ours beside the baseline (and, for (b), the
    peer), with throughput, server CPU per request, latency percentiles and the paired ratios; the (e)
    and (f) figures; then the issue's targets with each database's figure (``targets_table``)."""
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
            per = sorted(p["ms_per_report"] for p in phases)[len(phases) // 2]
            db = DB.get(r["database"], r["database"])
            if sweep.get("ratio") is None:  # one size: N is not above the smaller open set
                lines.append(
                    f"\n(e) {db}: one sweep of 1 000 due reports among {large:,} open (no ratio: it needs"
                    f" more than 10,000 reports), about {per:.1f} ms per due report."
                )
            else:
                lines.append(
                    f"\n(e) {db}: a sweep of 1 000 due reports among {large:,} open vs. among {small:,}:"
                    f" **{sweep['ratio']:.2f}×** (median of {len(sweep['ratio_per_round'])} paired rounds),"
                    f" about {per:.1f} ms per due report."
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
    lines += ["", *targets_table(report)]
    return "\n".join(lines) + "\n"


def targets_table(report: dict[str, Any]) -> list[str]:
    """The issue's targets, one row each, with every database's measured figure and ✓ / ✗ (– : not
    measured in this run, or the run is not the one the target is defined for)."""
    # PostgreSQL first: the targets are defined on it.
    results = sorted(report["results"], key=lambda r: r["database"] != "postgres")
    if not results:
        return []
    columns = [verdicts(r) for r in results]
    names = [DB.get(r["database"], r["database"]) for r in results]
    lines = [
        "Targets of the performance issue (ratios: ours ÷ the baseline, medians of paired rounds;"
        " (a)–(c) are met when both the time and the CPU ratio are; the database size is judged at"
        " 100,000 reports only).",
        "",
        "| workload | target | " + " | ".join(f"{n} | met" for n in names) + " |",
        "|---|---|" + "---|:-:|" * len(names),
    ]
    for i, first in enumerate(columns[0]):
        cells = " | ".join(f"{col[i].measured} | {_met(col[i].met)}" for col in columns)
        lines.append(f"| {first.workload} | {first.target} | {cells} |")
    return lines


def main() -> None:
    path = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).parent / "results" / "latest.json"
    print(readme_table(json.loads(path.read_text())))


if __name__ == "__main__":
    main()
