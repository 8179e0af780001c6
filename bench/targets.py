"""The targets of the performance issue (issue 15) and how one database's run measures against them:
one row per target with what was measured and whether it is met (None: not measured in this run, or
the run is not the one the target is defined for)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

KIB = 1024
MIB = 2**20
READ_RATIO = 2.0  # (a)-(c): ours time and server CPU per request ÷ the baseline's
TRANSITION_THROUGHPUT = 0.8  # (d): ours throughput ÷ the baseline's
SWEEP_RATIO = 1.2  # (e)
FOLLOW_UP_ROUND_TRIPS = 12  # (f)
STATE_BYTES = 12 * KIB
DATABASE_BYTES = 350 * MIB
DATABASE_REPORTS = 100_000  # the database bound is for this many reports
WORKER_RSS = 100 * MIB
MIXED_REQUESTS = 20_000


@dataclass(frozen=True)
class Verdict:
    workload: str
    target: str
    measured: str
    met: bool | None


def _mib(n: float) -> str:
    return f"{n / MIB:,.0f} MiB"


def _kib(n: float) -> str:
    return f"{n / KIB:,.1f} KiB"


def _reads(result: dict[str, Any], key: str, title: str) -> Verdict:
    target = f"≤ {READ_RATIO:.1f}× the baseline (time and CPU per request)"
    w = result.get("workloads", {}).get(key)
    x = (w or {}).get("ratios", {}).get("ours/baseline")
    if not x:
        return Verdict(title, target, "not run", None)
    met = x["ratio"] <= READ_RATIO and x["cpu_ratio"] <= READ_RATIO
    return Verdict(title, target, f"{x['ratio']:.2f}× (CPU {x['cpu_ratio']:.2f}×)", met)


def _transitions(result: dict[str, Any]) -> Verdict:
    title, target = "(d) transitions", f"≥ {TRANSITION_THROUGHPUT} of the baseline's throughput"
    w = result.get("workloads", {}).get("d")
    x = (w or {}).get("ratios", {}).get("ours/baseline")
    if not x:
        return Verdict(title, target, (w or {}).get("skipped", "not run"), None)
    met = x["ratio"] >= TRANSITION_THROUGHPUT
    return Verdict(title, target, f"{x['ratio']:.2f} (CPU {x['cpu_ratio']:.2f}×)", met)


def _sweep(result: dict[str, Any]) -> Verdict:
    title = "(e) sweep, 1,000 due among 10,000 vs. N open"
    target = f"≤ {SWEEP_RATIO}×"
    sweep = result.get("sweep")
    if not sweep:
        return Verdict(title, target, "not run", None)
    if not sweep.get("phases"):
        return Verdict(title, target, "no sweep (fewer than 1,000 reports wait on a timer)", None)
    if sweep.get("ratio") is None:
        return Verdict(title, target, "one size only (needs more than 10,000 reports)", None)
    rounds = len(sweep.get("ratio_per_round", []))
    return Verdict(title, target, f"{sweep['ratio']:.2f}× ({rounds} rounds)", sweep["ratio"] <= SWEEP_RATIO)


def _counts(result: dict[str, Any]) -> list[Verdict]:
    inbox_title, inbox_target = "(f) inbox of 5 vs. of 50", "equal statements and round trips"
    fu_title, fu_target = "(f) follow-up", f"≤ {FOLLOW_UP_ROUND_TRIPS} round trips"
    counts = (result.get("query_counts") or {}).get("counts")
    if not counts:
        return [
            Verdict(inbox_title, inbox_target, "not run", None),
            Verdict(fu_title, fu_target, "not run", None),
        ]
    verdicts = []
    small, large = (counts.get(n, {}).get("ours") for n in ("inbox_5", "inbox_50"))
    if small and large:
        pair = [(c["statements"], c["round_trips"]) for c in (small, large)]
        measured = " vs. ".join(f"{s}/{t}" for s, t in pair) + " (statements/round trips)"
        verdicts.append(Verdict(inbox_title, inbox_target, measured, pair[0] == pair[1]))
    else:
        verdicts.append(Verdict(inbox_title, inbox_target, "not counted", None))
    fu = counts.get("follow_up", {}).get("ours")
    if fu:
        measured = f"{fu['round_trips']} round trips ({fu['statements']} statements)"
        verdicts.append(Verdict(fu_title, fu_target, measured, fu["round_trips"] <= FOLLOW_UP_ROUND_TRIPS))
    else:
        verdicts.append(Verdict(fu_title, fu_target, "not counted", None))
    return verdicts


def _storage(result: dict[str, Any]) -> list[Verdict]:
    state_title, state_target = "storage: workflow state per report", f"≤ {_kib(STATE_BYTES)} (average)"
    db_title = f"storage: database for {DATABASE_REPORTS:,} reports"
    db_target = f"≤ {_mib(DATABASE_BYTES)}"
    s = result.get("storage")
    seed = result.get("seed", {})
    if s:
        state, stored = s["state_bytes_avg"], s["state_stored_bytes_avg"]
        database, table = s["database_bytes"], s["workflow_table_bytes"]
        source = ""
    else:  # a run from before the harness read the sizes itself: the seeder's figures
        state, stored = seed.get("state_bytes_avg", 0), None
        database, table = seed.get("db_bytes", 0), seed.get("workflow_bytes")
        source = " (seed templates)"
    compressed = f", {_kib(stored)} stored" if stored is not None and stored != state else ""
    verdicts = [
        Verdict(state_title, state_target, f"{_kib(state)}{compressed}{source}", state <= STATE_BYTES)
    ]
    reports = int(result.get("reports", 0))
    measured = _mib(database)
    if table is not None:
        measured += f" (report_workflow {_mib(table)})"
    if reports != DATABASE_REPORTS:
        measured += f" at {reports:,} reports"
    met = database <= DATABASE_BYTES if reports == DATABASE_REPORTS else None
    verdicts.append(Verdict(db_title, db_target, measured, met))
    return verdicts


def _memory(result: dict[str, Any]) -> Verdict:
    title = "(m) memory: our worker after mixed requests"
    target = f"≤ {_mib(WORKER_RSS)} RSS after {MIXED_REQUESTS:,} requests"
    m = result.get("memory")
    ours = (m or {}).get("sides", {}).get("ours")
    if not ours or not ours.get("readings"):
        return Verdict(title, target, (m or {}).get("skipped", "not run"), None)
    last, start = ours["readings"][-1], ours["start"]
    # A peak no higher than the one the worker had before its first request was reached at startup.
    peak = f"peak {_mib(last['peak'])}" + (", at startup" if last["peak"] <= start["peak"] else "")
    measured = f"{_mib(last['rss'])} ({peak}; {_mib(start['rss'])} at start) after {last['requests']:,}"
    met = last["rss"] <= WORKER_RSS if last["requests"] >= MIXED_REQUESTS else None
    return Verdict(title, target, measured, met)


def verdicts(result: dict[str, Any]) -> list[Verdict]:
    """Every target, in the issue's order, for one database's result of ``python -m bench``."""
    return [
        _reads(result, "a", "(a) liaison inbox, 50 reports"),
        _reads(result, "b", "(b) public list, 20 reports"),
        _reads(result, "c", "(c) report detail"),
        _transitions(result),
        _sweep(result),
        *_counts(result),
        *_storage(result),
        _memory(result),
    ]
