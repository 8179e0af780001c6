"""Exploring a diagram before it is deployed: every path a report can take, on a fake clock.

The process is driven with the real ``WorkflowEngine`` for each sample of the report's facts that
the diagram can tell apart (only the facts its expressions read matter): from every state reached,
every action waiting in a lane where people act is taken (with each variant of its data), and the
next timer is let fire. States are told apart by what a report can still do from them (the elements
it waits at, the data and facts that the rest of the diagram reads), so the work stays bounded.

It refuses what would strand or break a real report: a state where nobody can act and no timer
leaves, a report waiting for its agency's liaison without an agency, an expression that fails for
some report, a waiting step without a status, a process no report finishes or waits in. It warns of
timers chained after a non-interrupting escalation, and of people's steps no report ever reaches.
"""

from __future__ import annotations

import itertools
import json
import time
from collections import deque
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from lapor_gql.clock import FakeClock

from .contract import DiagramProblem, PendingAction, Severity, Snapshot, Step, WorkflowError
from .dataflow import AGENCIES, DataFlow
from .declarations import RATING_SCORES
from .diagram import ProcessDiagram, properties_of
from .engine import AGENCY_FACT, PARENT_AGENCY_FACT, Agencies, WorkflowEngine
from .rules import Facts, ValidationRules, sample_brief
from .state_format import expanded_tasks

# Where the exploration starts its fake clock: a Monday morning, so working-day timers behave
# ordinarily.
EXPLORATION_START = datetime(2025, 1, 6, 9, 0, tzinfo=UTC)
# Letting time pass moves the clock at least this far, so a timer due "now" still moves on.
_MIN_STEP = timedelta(minutes=1)
_PAST_DUE = timedelta(seconds=1)
# Bounds that keep a validation quick whatever the diagram; the shipped one needs a few dozen states.
_MAX_STATES = 500
_MAX_SECONDS = 30.0
# Every combination of the facts a diagram reads is explored up to this many; beyond, every pair.
_MAX_FULL_SAMPLES = 48
_MAX_DEPTH = 60
_MAX_DATA_VARIANTS = 16
# A count (reopenings, not-authority requests) the diagram reads is told apart up to this value.
_COUNT_CAP = 3
# Elements a token stops at until a person, a message or a timer moves it on.
_STOPS = frozenset(
    {
        "userTask",
        "manualTask",
        "task",
        "receiveTask",
        "intermediateCatchEvent",
        "eventBasedGateway",
        "subProcess",
        "callActivity",
        "transaction",
    }
)
# Spiff's task states in a serialized workflow (SpiffWorkflow.util.task.TaskState).
_WAITING, _READY, _COMPLETED = 8, 16, 64

CHAINED_TIMER_PATTERN = (
    "a repeated escalation is a second boundary timer with cumulative days, never a timer chained "
    "after the first"
)


@dataclass(frozen=True)
class Exploration:
    """What the explorer did with a diagram, and what it found."""

    problems: tuple[DiagramProblem, ...]
    states: int
    """Distinct states reached (told apart as described in the module docstring)."""
    samples: int
    """Samples of facts explored: those that differ in a fact the diagram reads (one if none)."""
    runs: int
    """Samples times the agency cases (two when a rule disposes: every agency exists, none does)."""
    actions: int
    """Actions performed."""
    timers: int
    """Times the clock was moved on to let a timer fire."""
    reached: frozenset[str]
    """User tasks and catch events some report waited at."""
    waiting_elements: frozenset[str]
    """Every user task and catch event of the diagram."""
    read_facts: frozenset[str]
    """The facts the diagram's expressions read."""
    seconds: float
    complete: bool
    """False when a bound stopped the exploration before every state was seen."""

    @property
    def unreached(self) -> tuple[str, ...]:
        return tuple(sorted(self.waiting_elements - self.reached))

    def summary(self) -> str:
        """``explored 28 states for 1 sample in 0.4 s (…); every user task and catch event reached``"""
        cases = (
            f" × {self.runs // self.samples} agency cases"
            if self.samples and self.runs > self.samples
            else ""
        )
        reads = ", ".join(sorted(self.read_facts)) or "no fact"
        text = (
            f"explored {self.states} states for {self.samples} sample{'s' if self.samples != 1 else ''} of "
            f"facts{cases} in {self.seconds:.1f} s ({self.actions} actions, {self.timers} timers; the "
            f"diagram reads {reads})"
        )
        if not self.complete:
            text += f"; stopped at the bound of {_MAX_STATES} states"
        if self.unreached:
            return f"{text}; never reached: {', '.join(self.unreached)}"
        return f"{text}; every user task and catch event reached"


def explore(diagram: ProcessDiagram, rules: ValidationRules) -> Exploration:
    return _Explorer(diagram, rules).run()


# --------------------------------------------------------------------------------- exploring


@dataclass(frozen=True)
class _Run:
    """One sample of facts with one assumption about the agencies a rule may name."""

    facts: Facts
    agencies: Agencies | None

    def describe(self, routing: bool) -> str:
        text = f"report facts {sample_brief(self.facts)}"
        if routing:
            text += (
                "; every agency a rule names exists"
                if self.agencies is None
                else "; no agency a rule names exists"
            )
        return text


@dataclass
class _Node:
    snapshot: Snapshot
    moment: datetime
    facts: dict[str, object]
    run: _Run
    path: tuple[str, ...]
    routing_problem: str = ""
    """The last rule on the way here that could not dispose, and why."""
    tasks: list[tuple[str, int, Mapping[str, object]]] = field(default_factory=list)


class _Explorer:
    def __init__(self, diagram: ProcessDiagram, rules: ValidationRules) -> None:
        self.diagram = diagram
        self.rules = rules
        self.graph = DataFlow(diagram, rules)
        self.fact_names = rules.fact_names
        self.clock = FakeClock(EXPLORATION_START)
        self.engine = WorkflowEngine(clock=self.clock)
        self.routing = diagram.has_routing
        self.bpmn_ids = {spec.name: spec.bpmn_id for spec in diagram.task_specs() if spec.bpmn_id}
        self.problems: dict[tuple[str | None, str], DiagramProblem] = {}
        self.seen: set[tuple[object, ...]] = set()
        self.queue: deque[_Node] = deque()
        self.reached: set[str] = set()
        self.actions = self.timers = 0
        self.complete = True
        self.settled = False
        """Whether some report finished or waits at a step with a status."""

    # ---------------------------------------------------------------- driving

    def run(self) -> Exploration:
        began = time.perf_counter()
        samples = self._samples()
        # With a rule that disposes: once where every agency it names exists, once where none does
        # (its fallback path).
        cases: tuple[Agencies | None, ...] = (None, {}) if self.routing else (None,)
        runs = [_Run(sample, agencies) for agencies in cases for sample in samples]
        for run in runs:
            self._start(run)
        while self.queue:
            if time.perf_counter() - began > _MAX_SECONDS:
                # Expressions may be slow on purpose or by mistake; a validation must still end.
                self.complete = False
                self._problem(
                    None,
                    "too slow",
                    f"the exploration took longer than {_MAX_SECONDS:.0f} s and was stopped: an expression "
                    "is too slow, or the diagram has too many paths; simplify it",
                )
                break
            node = self.queue.popleft()
            self._examine(node)
            if node.snapshot.is_completed:
                continue
            if len(node.path) >= _MAX_DEPTH:
                self.complete = False
                continue
            self._act(node)
            self._let_time_pass(node)
        self._conclude()
        return Exploration(
            problems=tuple(self.problems.values()),
            states=len(self.seen),
            samples=len(samples),
            runs=len(runs),
            actions=self.actions,
            timers=self.timers,
            reached=frozenset(self.reached & self.graph.waiting_elements()),
            waiting_elements=self.graph.waiting_elements(),
            read_facts=self.graph.every_read & self.fact_names,
            seconds=time.perf_counter() - began,
            complete=self.complete,
        )

    def _samples(self) -> list[Facts]:
        """One sample for each combination of the facts the diagram reads (one if it reads none);
        past ``_MAX_FULL_SAMPLES`` combinations, a set in which every pair of values of two facts
        occurs (timers are still evaluated with every combination, by the lint)."""
        read = sorted(self.graph.every_read & self.fact_names)
        chosen: dict[tuple[str, ...], Facts] = {}
        for sample in self.rules.fact_samples or ({},):
            chosen.setdefault(tuple(repr(sample.get(name)) for name in read), sample)
        if len(chosen) <= _MAX_FULL_SAMPLES:
            return list(chosen.values())
        return _covering_pairs(chosen)

    def _start(self, run: _Run) -> None:
        self.clock.set(EXPLORATION_START)
        facts = dict(run.facts)
        try:
            snapshot = self.engine.start(self.diagram, None, None, facts, run.agencies)
        except WorkflowError as err:
            self._failed(err, run, ("start",))
            return
        self._add(snapshot, EXPLORATION_START, facts, run, ("start",), "")

    def _act(self, node: _Node) -> None:
        taken: set[tuple[str, str]] = set()
        for pending in self._acting(node):
            if (pending.action, pending.lane) in taken:
                continue
            taken.add((pending.action, pending.lane))
            for data in self._data_variants(pending):
                facts = dict(self.rules.facts_after_action(pending.action, data, node.facts))
                step = _action_label(pending, data)
                self.clock.set(node.moment)
                self.actions += 1
                try:
                    snapshot = self.engine.perform(
                        node.snapshot.state,
                        pending.action,
                        [pending.lane],
                        data,
                        None,
                        facts,
                        node.run.agencies,
                        diagram=self.diagram,
                    )
                except WorkflowError as err:
                    self._failed(err, node.run, (*node.path, step))
                    continue
                self._add(snapshot, node.moment, facts, node.run, (*node.path, step), node.routing_problem)

    def _acting(self, node: _Node) -> list[PendingAction]:
        """The actions someone can take: in a lane where people act, and for an agency's lane, only
        when the report has an agency."""
        lanes = self.rules.acting_lanes
        if node.facts.get(AGENCY_FACT) in (None, ""):
            lanes = lanes - self.rules.agency_lanes
        return [pending for pending in node.snapshot.pending_actions if pending.lane in lanes]

    def _let_time_pass(self, node: _Node) -> None:
        due = node.snapshot.next_timer_due_at
        # Every timer fires however far away it is (a fake clock costs nothing to move), so no
        # step behind a long timer goes unchecked; cycles end in states already seen.
        if due is None:
            return
        # Spiff fires a timer once the clock is past its due time, not at it.
        when = max(due + _PAST_DUE, node.moment + _MIN_STEP)
        step = f"time passes to {when:%a %Y-%m-%d %H:%M:%S}"
        self.clock.set(when)
        self.timers += 1
        try:
            snapshot = self.engine.fire_due_timers(
                node.snapshot.state, None, node.facts, node.run.agencies, diagram=self.diagram
            )
        except WorkflowError as err:
            self._failed(err, node.run, (*node.path, step))
            return
        self._add(snapshot, when, dict(node.facts), node.run, (*node.path, step), node.routing_problem)

    def _data_variants(self, pending: PendingAction) -> list[dict[str, object]]:
        if pending.declaration is None:
            return [dict(data) for data in self.rules.action_data_variants.get(pending.action) or ({},)]
        axes: list[list[tuple[str, object]]] = []
        for field_ in pending.declaration.inputs:
            if field_.kind == "yesno":
                axes.append([(field_.name, True), (field_.name, False)])
            elif field_.kind == "choice" and field_.choices:
                axes.append([(field_.name, choice.code) for choice in field_.choices])
            elif field_.kind == "agency":
                axes.append([(field_.name, self.rules.active_sample_agency)])
            elif field_.kind == "rating":
                # Every score: a gateway may branch on any threshold (a state that does not read
                # the score is seen once, its signature being the same).
                axes.append([(field_.name, score) for score in RATING_SCORES])
        combinations = itertools.islice(itertools.product(*axes), _MAX_DATA_VARIANTS)
        return [dict(combination) for combination in combinations]

    def _add(
        self,
        snapshot: Snapshot,
        moment: datetime,
        facts: dict[str, object],
        run: _Run,
        path: tuple[str, ...],
        routing_problem: str,
    ) -> None:
        facts, routing_problem = self._after_routing(snapshot.steps, facts, run, routing_problem)
        node = _Node(snapshot, moment, facts, run, path, routing_problem, _live_tasks(snapshot.state))
        for name, state, _data in node.tasks:
            if state in (_WAITING, _READY, _COMPLETED) and (element_id := self.bpmn_ids.get(name)):
                self.reached.add(element_id)
        self.reached.update(pending.element_id for pending in snapshot.pending_actions)
        # Elements with audit, notify or dispose_to the call passed (a rule task among them).
        self.reached.update(step.element_id for step in snapshot.steps)
        signature = self._signature(node)
        if signature in self.seen:
            return
        if len(self.seen) >= _MAX_STATES:
            self.complete = False
            return
        self.seen.add(signature)
        self.queue.append(node)

    def _after_routing(
        self, steps: Sequence[Step], facts: dict[str, object], run: _Run, routing_problem: str
    ) -> tuple[dict[str, object], str]:
        """The facts as the domain keeps them after a rule disposed (the engine did the same inside
        the call), and the last rule that could not."""
        for step in steps:
            if not step.disposes:
                continue
            if step.agency_code:
                entry = run.agencies.get(step.agency_code) if run.agencies is not None else None
                facts = {
                    **facts,
                    AGENCY_FACT: step.agency_code,
                    PARENT_AGENCY_FACT: entry.parent_code if entry is not None else None,
                }
                routing_problem = ""
            else:
                routing_problem = f"rule {step.element_id}: {step.routing_problem}"
        return facts, routing_problem

    def _signature(self, node: _Node) -> tuple[object, ...]:
        """What the rest of the process can depend on: where the report waits, and the data and
        facts that the elements from there on read."""
        waiting = sorted(
            {
                element_id
                for name, state, _data in node.tasks
                if state in (_WAITING, _READY) and (element_id := self.bpmn_ids.get(name))
            }
        )
        ahead: set[str] = set()
        for element_id in waiting:
            ahead |= self.graph.read_ahead(element_id)
        data = sorted(
            {
                (key, repr(value))
                for _name, state, task_data in node.tasks
                if state in (_WAITING, _READY)
                for key, value in task_data.items()
                if key in ahead and key not in self.fact_names
            }
        )
        facts = tuple((name, _capped(node.facts.get(name))) for name in sorted(ahead & self.fact_names))
        agencies = (node.run.agencies is None) if AGENCIES in ahead else None
        return (
            tuple(waiting),
            tuple(data),
            facts,
            node.facts.get(AGENCY_FACT) in (None, ""),
            agencies,
            node.snapshot.is_completed,
            node.snapshot.status,
        )

    # ---------------------------------------------------------------- judging

    def _examine(self, node: _Node) -> None:
        snapshot = node.snapshot
        if snapshot.is_completed:
            self.settled = True
            return
        waiting_at = [
            self.bpmn_ids[name]
            for name, state, _data in node.tasks
            if state in (_WAITING, _READY) and name in self.bpmn_ids
        ]
        where = f"({node.run.describe(self.routing)}; after {' → '.join(node.path)})"
        if snapshot.status is None:
            element = waiting_at[0] if waiting_at else None
            self._problem(
                element,
                "no status",
                f"the report waits here without a status: give the element it waits at a 'status' "
                f"property {where}",
            )
        else:
            self.settled = True
        acting = [p for p in snapshot.pending_actions if p.lane in self.rules.acting_lanes]
        if acting and not self._acting(node):
            if node.routing_problem:
                advice = (
                    f"; {node.routing_problem}. Give the rule a fallback path to the admin's verification "
                    "for a report it cannot dispose"
                )
            else:
                advice = (
                    ". Dispose the report before it gets here (the admin's dispose, or a rule with "
                    "dispose_to)"
                )
            self._problem(
                acting[0].element_id,
                "no agency",
                f"waits in the {acting[0].lane} lane without an agency: nobody can act on the report "
                f"(status {snapshot.status}){advice} {where}",
            )
        elif not acting and snapshot.next_timer_due_at is None:
            elsewhere = [p for p in snapshot.pending_actions if p.lane not in self.rules.acting_lanes]
            if elsewhere:
                element = elsewhere[0].element_id
                why = (
                    f"its action {elsewhere[0].action!r} waits in lane {elsewhere[0].lane!r}, where nobody "
                    f"acts (people act in: {', '.join(sorted(self.rules.acting_lanes))})"
                )
            else:
                element = waiting_at[0] if waiting_at else None
                why = "no action waits in any lane"
            self._problem(
                element,
                "stranded",
                f"stranded: the report waits (status {snapshot.status}) and nobody can move it on: {why}, "
                f"and no timer is pending {where}",
            )

    def _failed(self, err: WorkflowError, run: _Run, path: tuple[str, ...]) -> None:
        cause = _cause_of(err)
        before = " → ".join(path[:-1]) or "nothing"
        self._problem(
            _element_of(err), cause, f"{cause} ({run.describe(self.routing)}; at {path[-1]} after {before})"
        )

    def _problem(self, element_id: str | None, key: str, message: str, severity: Severity = "error") -> None:
        # One problem per element and cause: the first found is the one with the shortest path.
        self.problems.setdefault((element_id, key), DiagramProblem(element_id, message, severity))

    def _conclude(self) -> None:
        if not self.settled and not any(p.severity == "error" for p in self.problems.values()):
            self._problem(
                None,
                "never settles",
                "no report finishes or waits at a step with a status, for any sample of facts",
            )
        for warning in _chained_waits(self.graph):
            self.problems.setdefault((warning.element_id, "chained"), warning)
        if not self.complete:
            self._problem(
                None,
                "incomplete",
                f"the exploration stopped at its bound ({_MAX_STATES} states, paths of {_MAX_DEPTH} steps): "
                "what lies beyond was not checked; a diagram this large is better split or simplified",
                "warning",
            )
        elif not any(p.severity == "error" for p in self.problems.values()):
            rules = {
                spec.bpmn_id
                for spec in self.diagram.task_specs()
                if spec.bpmn_id and properties_of(spec).get("dispose_to", "").strip()
            }
            for element_id in sorted((self.graph.waiting_elements() | rules) - self.reached):
                self._problem(
                    element_id,
                    "unreached",
                    "no report ever reaches this element, for any sample of facts and any action: "
                    "check the flows and conditions that lead to it",
                    "warning",
                )


# --------------------------------------------------------------------------------- helpers


def _chained_waits(flow: DataFlow) -> Iterator[DiagramProblem]:
    """Non-interrupting boundary events whose path waits again (the chained-timer bug): what waits
    there outlives the task it was attached to, and fires for reports long past it."""
    for event_id, host in flow.hosts.items():
        if event_id not in flow.non_interrupting:
            continue
        seen, stack = {event_id}, [event_id]
        found: str | None = None
        while stack and found is None:
            current = stack.pop()
            for following in sorted(flow.following(current) - seen):
                seen.add(following)
                if flow.kinds.get(following, "") in _STOPS:
                    found = following
                    break
                stack.append(following)
        if found is not None:
            what = "a timer chained after it" if found in flow.timers else f"a {flow.kinds[found]} that waits"
            yield DiagramProblem(
                event_id,
                f"non-interrupting boundary event leads to {found}, {what}: it keeps waiting after {host} "
                f"ended, even after the report closed, and then fires for a report that has moved on; "
                f"{CHAINED_TIMER_PATTERN}",
                "warning",
            )


def _capped(value: object) -> object:
    if isinstance(value, int) and not isinstance(value, bool):
        return min(value, _COUNT_CAP)
    return value


def _action_label(pending: PendingAction, data: Mapping[str, object]) -> str:
    shown = ", ".join(f"{key}={value!r}" for key, value in data.items())
    return f"{pending.action} ({pending.lane}{', ' + shown if shown else ''})"


def _live_tasks(state: str) -> list[tuple[str, int, Mapping[str, object]]]:
    """(spec name, state, data) of every task of a serialized workflow, its sub-processes included.

    Read from the serialized form, which costs a fraction of restoring the workflow: Spiff stores the
    root task's data, and for every other task what it changed from its parent's (``delta``: updated
    keys and deleted ones). Values stay in their serialized form, which is all a signature needs.
    A compact state's tasks are first written out as Spiff writes them (a task that changed nothing
    has no delta there, and inherits its parent's data).
    """
    document = json.loads(state)
    found: list[tuple[str, int, Mapping[str, object]]] = []
    for holder in (document, *(document.get("subprocesses") or {}).values()):
        tasks: dict[str, dict[str, Any]] = expanded_tasks(holder.get("tasks") or {})
        data: dict[str, dict[str, object]] = {}
        for task_id, task in tasks.items():
            # Rebuild from the nearest ancestor whose data is known, down to this task.
            lineage: list[str] = []
            current: str | None = task_id
            while current is not None and current not in data and current in tasks:
                lineage.append(current)
                current = tasks[current].get("parent")
            known: dict[str, object] = dict(data.get(current, {})) if current is not None else {}
            for ancestor in reversed(lineage):
                entry = tasks[ancestor]
                delta = entry.get("delta") or {}
                if entry.get("parent") is None or not delta:
                    known = dict(entry.get("data") or {})
                else:
                    known = {**known, **(delta.get("updates") or {})}
                    for key in delta.get("deletions") or ():
                        known.pop(key, None)
                data[ancestor] = known
            found.append((str(task.get("task_spec")), int(task.get("state") or 0), data[task_id]))
    return found


def _cause_of(err: WorkflowError) -> str:
    """What went wrong, down to the real error (``NameError: name 'foo' is not defined``), which
    Spiff keeps as the context of its own exception ("Error evaluating expression …")."""
    text = str(err).removeprefix("workflow step failed: ").strip()
    cause: BaseException | None = err
    innermost: BaseException = err
    while cause is not None:
        innermost = cause
        cause = cause.__cause__ or cause.__context__
    detail = f"{type(innermost).__name__}: {innermost}"
    if innermost is err or str(innermost) in text:
        return text
    return f"{text.rstrip('. ')}: {detail}"


def _element_of(err: BaseException) -> str | None:
    """The element a failed step points at: Spiff's exception names the task it failed in."""
    cause: BaseException | None = err
    while cause is not None:
        spec = getattr(cause, "task_spec", None)
        element_id = getattr(spec, "bpmn_id", None) or getattr(cause, "id", None)
        if element_id:
            return str(element_id)
        cause = cause.__cause__ or cause.__context__
    return None


def _covering_pairs(samples: dict[tuple[str, ...], Facts]) -> list[Facts]:
    """A small subset of ``samples`` (keyed by the values of the facts read) in which every pair of
    values two facts take together somewhere in ``samples`` occurs at least once; chosen greedily,
    in a fixed order, so the same diagram is always explored the same way."""

    def pairs(key: tuple[str, ...]) -> set[tuple[int, str, int, str]]:
        return {(i, key[i], j, key[j]) for i in range(len(key)) for j in range(i + 1, len(key))}

    uncovered = set().union(*(pairs(key) for key in samples))
    chosen: list[Facts] = []
    remaining = dict(samples)
    while uncovered and remaining:
        best = max(remaining, key=lambda key: len(pairs(key) & uncovered))
        uncovered -= pairs(best)
        chosen.append(remaining.pop(best))
    return chosen
