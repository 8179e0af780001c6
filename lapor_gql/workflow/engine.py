"""Running report workflows: start, act, fire timers, and project the result into a Snapshot.

Every call is load → act → dump on a fresh in-memory workflow. The caller persists
``Snapshot.state`` only when the call returns; on any exception it keeps the previous state, so a
half-advanced workflow is never stored.
"""

from __future__ import annotations

import threading
from collections.abc import Collection, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from datetime import datetime, timedelta
from typing import Any

from SpiffWorkflow.bpmn import BpmnEvent, BpmnWorkflow
from SpiffWorkflow.bpmn.specs.control import BoundaryEventSplit
from SpiffWorkflow.bpmn.specs.event_definitions.timer import TimerEventDefinition
from SpiffWorkflow.bpmn.specs.mixins.events.intermediate_event import BoundaryEvent
from SpiffWorkflow.specs.base import TaskSpec
from SpiffWorkflow.spiff.specs.event_definitions import MessageEventDefinition
from SpiffWorkflow.task import Task
from SpiffWorkflow.util.task import TaskState

from lapor_gql.clock import Clock, system_clock

from .clock import current_time, moment_in_effect
from .contract import (
    ActionNotAvailable,
    AgencyEntry,
    PendingAction,
    RearmedTimer,
    Snapshot,
    Stage,
    Step,
    WorkflowError,
)
from .declarations import RATING_CLEAR, action_declaration, audit_labels, stage_labels
from .diagram import ProcessDiagram, action_of, message_catchers, message_name_of, properties_of
from .sandbox import current_facts, facts_in_effect, sandboxed_script_engine, update_current_facts
from .state_format import DiagramWorkflow, StateFormat
from .timers import (
    ARMED_AT,
    TimerToRearm,
    armed_at,
    due_of,
    fired_due_of,
    legacy_armed_at,
    stamp_armed,
    waiting_timers,
)
from .working_days import WEEKENDS_ONLY, WorkingCalendar, calendar_in_effect

# A diagram whose automatic steps keep re-arming themselves (e.g. a zero-length timer cycle) must
# not hang a request; real diagrams settle in one or two rounds.
_MAX_SETTLE_ROUNDS = 100
# Timers one call may fire, one at a time, when it comes late: a cycle every hour, a week late, fires
# 168 times; more means the diagram's timers keep falling due at the same moment.
_MAX_TIMER_FIRINGS = 500
# Spiff fires a timer only once its due time is strictly past.
_TICK = timedelta(microseconds=1)
# Where a workflow keeps the report's facts between calls (workflow data, which no expression sees
# directly: they reach expressions through the sandbox, read-only).
FACTS_KEY = "report_facts"
# The facts a rule's disposition changes within the call.
AGENCY_FACT = "agency_code"
PARENT_AGENCY_FACT = "parent_agency_code"

Agencies = Mapping[str, AgencyEntry]


class _Recorder:
    """Collects every element with ``audit`` or ``notify`` as Spiff completes it, in completion order.

    One list for every cause (a person's action, a message, a timer, the start): what completed an
    element must not decide whether it is recorded.
    """

    def __init__(self, agencies: Agencies | None) -> None:
        self.steps: list[Step] = []
        self.by_action = False
        self._agencies = agencies

    def action_begins(self) -> None:
        """From here on, what completes is the call's action or follows from it."""
        self.by_action = True

    def did_complete(self, task: Task) -> None:
        spec = task.task_spec
        properties = properties_of(spec)
        audit = properties.get("audit", "").strip()
        notify = tuple(properties.get("notify", "").split())
        variable = properties.get("dispose_to", "").strip()
        clears_rating = properties.get("rating", "").strip() == RATING_CLEAR
        if not audit and not notify and not variable and not clears_rating:
            return
        element_id = spec.bpmn_id or spec.name
        kind = audit or action_of(spec, message_name_of(spec) or element_id)
        name = str(getattr(spec, "bpmn_name", None) or "")
        routing: dict[str, object] = {}
        if variable:
            kind = audit or "dispose"
            routing = self._route(task, variable)
        self.steps.append(
            Step(
                element_id,
                kind,
                audit,
                name,
                notify,
                self.by_action,
                labels=audit_labels(properties),
                due_at=fired_due_of(task),
                clears_rating=clears_rating,
                **routing,  # type: ignore[arg-type]
            )
        )

    def _route(self, task: Task, variable: str) -> dict[str, object]:
        """A rule chose an agency: keep it if the report may go there, else let the workflow see None.

        The variable is changed in the task and in the children that already copied it, so the
        gateway after the rule takes its fallback path for every kind of unusable answer alike.
        """
        value = task.data.get(variable)
        code = value.strip() if isinstance(value, str) else ""
        entry = self._agencies.get(code) if self._agencies is not None and code else None
        problem = ""
        if not code:
            problem = (
                "the rule gave no agency"
                if value in (None, "")
                else f"the rule gave {value!r}, not an agency code"
            )
        elif self._agencies is not None and entry is None:
            problem = f"the rule gave agency code {code!r}, which no agency has"
        elif entry is not None and not entry.is_active:
            problem = f"the rule gave agency {code!r}, which is inactive"
        # Set in the task and in the children that already copied its data, whether the rule wrote
        # the variable or not (a decision table without a matching row writes nothing), so the
        # gateway after the rule reads None, never a missing name, and takes its fallback path.
        for holder in (task, *task.children):
            holder.data[variable] = None if problem else code
        if problem:
            return {"disposes": True, "routing_problem": problem}
        update_current_facts(
            **{AGENCY_FACT: code, PARENT_AGENCY_FACT: entry.parent_code if entry is not None else None}
        )
        return {"disposes": True, "agency_code": code}


class WorkflowEngine:
    """Stateless over workflows: all state travels in ``Snapshot.state``.

    One engine may be shared by threads; calls on it are serialised by a lock because Spiff's
    serializer registry flips a shared flag while encoding.

    Each call may name the ``WorkingCalendar`` that ``working_days(n)`` in timer expressions counts
    with (the report's agency calendar); without one, the engine's default calendar applies.

    A state references the diagram it runs on (see ``state_format``). Calls on a state take that
    diagram as ``diagram=`` (the domain always passes it); without it, the engine uses the diagram it
    was given under that reference before (by ``diagrams``, ``start``, ``migrate`` or ``diagram=``).
    A state on another diagram than the one given raises WorkflowError.
    """

    def __init__(
        self,
        clock: Clock = system_clock,
        calendar: WorkingCalendar = WEEKENDS_ONLY,
        diagrams: Iterable[ProcessDiagram] = (),
    ) -> None:
        self._clock = clock
        self._calendar = calendar
        self._format = StateFormat()
        self._serializer = self._format.serializer
        # Diagrams given to the engine, by fingerprint: one per deployed version, at most.
        self._diagrams: dict[str, ProcessDiagram] = {}
        for diagram in diagrams:
            self._remember(diagram)
        self._script_engine = sandboxed_script_engine()
        self._lock = threading.Lock()
        # The facts the current call was given (set per call); None outside a call, as in a call
        # without facts: a load then takes the facts the workflow kept.
        self._given_facts: dict[str, object] | None = None

    # ----------------------------------------------------------------------------- public calls

    def start(
        self,
        diagram: ProcessDiagram,
        data: Mapping[str, object] | None = None,
        calendar: WorkingCalendar | None = None,
        facts: Mapping[str, object] | None = None,
        agencies: Agencies | None = None,
    ) -> Snapshot:
        with self._call(calendar, facts, agencies) as recorder:
            # Everything the start completes follows from the submission.
            recorder.action_begins()
            workflow = DiagramWorkflow(
                diagram._spec, diagram._subprocess_specs, script_engine=self._script_engine
            )
            workflow.diagram = self._remember(diagram)
            # Tasks cannot see workflow.data; data on the root task is inherited by the first tasks.
            workflow.task_tree.data.update(_checked_data(data))
            self._settle(workflow, recorder)
            return self._snapshot(workflow, recorder)

    def perform(
        self,
        state: str,
        action: str,
        lanes: Collection[str],
        data: Mapping[str, object] | None = None,
        calendar: WorkingCalendar | None = None,
        facts: Mapping[str, object] | None = None,
        agencies: Agencies | None = None,
        *,
        diagram: ProcessDiagram | None = None,
    ) -> Snapshot:
        with self._call(calendar, facts, agencies) as recorder:
            workflow = self._load(state, diagram)
            payload = _checked_data(data)
            # A deadline that passed before the actor clicked must take effect first (e.g. a
            # reporter replying on day 11 finds the report already auto-closed).
            self._settle(workflow, recorder)

            recorder.action_begins()
            task = _find_user_task(workflow, action, lanes)
            if task is not None:
                # Task.run() does not check the state itself; _find_user_task only returns READY ones.
                task.set_data(**payload)
                task.run()
                # Run by hand, not by the engine's loop, so the recorder must be told.
                recorder.did_complete(task)
            else:
                found = _find_message(workflow, action, lanes)
                if found is None:
                    raise ActionNotAvailable(action)
                message, catcher = found
                # Spiff keeps a message's payload out of the task data (a diagram's message carries
                # no variable to put it in), so the action's values are given to the task that waits
                # for it, whose data its branch inherits: a gateway after it branches on them, as
                # after a user task.
                catcher.set_data(**payload)
                workflow.send_event(BpmnEvent(MessageEventDefinition(message), payload=payload))
            self._settle(workflow, recorder)
            return self._snapshot(workflow, recorder)

    def fire_due_timers(
        self,
        state: str,
        calendar: WorkingCalendar | None = None,
        facts: Mapping[str, object] | None = None,
        agencies: Agencies | None = None,
        *,
        diagram: ProcessDiagram | None = None,
    ) -> Snapshot:
        with self._call(calendar, facts, agencies) as recorder:
            workflow = self._load(state, diagram)
            self._settle(workflow, recorder)
            return self._snapshot(workflow, recorder)

    def inspect(
        self, state: str, calendar: WorkingCalendar | None = None, *, diagram: ProcessDiagram | None = None
    ) -> Snapshot:
        with self._call(calendar, None, None) as recorder:
            return self._snapshot(self._load(state, diagram), recorder)

    def compacted_state(self, state: str, diagram: ProcessDiagram) -> str | None:
        """``state`` with ``diagram`` referenced instead of embedded (see ``StateFormat.compacted``);
        None if what it embeds is not exactly ``diagram``'s spec, and it must stay as it is."""
        with self._lock:
            try:
                return self._format.compacted(state, self._remember(diagram))
            except WorkflowError:
                raise
            except Exception as err:  # noqa: BLE001 - a state Spiff cannot read
                raise WorkflowError(f"workflow state cannot be read: {_described(err)}") from err

    def migrate(
        self,
        state: str,
        diagram: ProcessDiagram,
        calendar: WorkingCalendar | None = None,
        facts: Mapping[str, object] | None = None,
        agencies: Agencies | None = None,
        rearm_timers: bool = False,
        *,
        from_diagram: ProcessDiagram | None = None,
    ) -> Snapshot:
        """The workflow moved onto another version of its diagram (see ``migration`` for the rules).

        With ``rearm_timers``, a waiting timer whose expression changed gets the new expression's due
        time, counted from when its step began; ``Snapshot.rearmed_timers`` lists them.

        ``from_diagram`` is the version the state runs on now (as ``diagram=`` of the other calls).

        Raises ``MigrationRefused`` when it cannot move; the caller then keeps ``state`` as it is.
        """
        from .migration import migrate_workflow

        with self._call(calendar, facts, agencies) as recorder:
            workflow = self._load(state, from_diagram)
            # What fell due under the old version happens under it first, as in perform().
            self._settle(workflow, recorder)
            moved = migrate_workflow(
                workflow, self._remember(diagram), self._serializer, rearm_timers=rearm_timers
            )
            # Reloading proves the moved state loads, and registers its waiting events afresh.
            moved_workflow = self._load(moved.state, diagram)
            rearmed = _arm_moved_timers(moved_workflow, moved.rearm)
            return self._snapshot(moved_workflow, recorder, rearmed)

    # ----------------------------------------------------------------------------- machinery

    @contextmanager
    def _call(
        self,
        calendar: WorkingCalendar | None,
        facts: Mapping[str, object] | None,
        agencies: Agencies | None,
    ) -> Iterator[_Recorder]:
        # Clock, calendar and facts travel in context variables set inside the call, so they are
        # per call and per thread; nothing on the shared engine changes. Facts not given are the
        # ones the workflow kept from its last call (see _load).
        with self._lock:
            try:
                self._given_facts = None if facts is None else _checked_facts(facts)
                with (
                    # One moment for the whole call, even on the system clock: a timer armed by the
                    # call must not already be due a few microseconds later in the same call.
                    moment_in_effect(self._clock()),
                    calendar_in_effect(calendar or self._calendar),
                    facts_in_effect(self._given_facts or {}),
                ):
                    yield _Recorder(agencies)
            except WorkflowError:
                raise
            except Exception as err:  # noqa: BLE001 - Spiff raises many unrelated exception types
                raise WorkflowError(f"workflow step failed: {_described(err)}") from err

    def _remember(self, diagram: ProcessDiagram) -> ProcessDiagram:
        self._diagrams.setdefault(diagram.fingerprint, diagram)
        return diagram

    def _load(self, state: str, diagram: ProcessDiagram | None = None) -> BpmnWorkflow:
        if diagram is not None:
            self._remember(diagram)
        # The script engine is not serialized; without it the workflow would fall back to Spiff's
        # unrestricted eval.
        workflow = self._format.load(state, diagram, self._diagrams, self._script_engine)
        workflow.script_engine = self._script_engine
        if self._given_facts is None:
            update_current_facts(**dict(workflow.data.get(FACTS_KEY) or {}))
        for task in waiting_timers(workflow):
            if due_of(task) is not None and armed_at(task) is None:
                # Stored before the engine kept arming moments: the best estimate Spiff has.
                stamp_armed(task, legacy_armed_at(task))
        return workflow

    def _settle(self, workflow: BpmnWorkflow, recorder: _Recorder) -> None:
        """Run the automatic work that is due, in the order time would have run it.

        A call may come late (no sweeper ran for days). Every timer that fell due then fires on its
        own, the earliest due first, with the engine's clock standing at its due time, so that what
        it sets off (a timer chained after it, a working-day count in a script) counts from when it
        was due, not from when the call came. The rest of the call runs at its own now. A stored
        workflow is settled, so at the start of a call nothing but timers can be due.
        """
        now = current_time()
        _stamp_new_timers(workflow)  # armed by the action just performed, at now
        for _ in range(_MAX_TIMER_FIRINGS):
            earliest = _earliest_due_timer(workflow, before=now)
            if earliest is None:
                break
            task, due = earliest
            # Only the trigger looks a tick past the due time, as Spiff needs; what the timer sets
            # off runs at the due time itself.
            with moment_in_effect(due + _TICK):
                task.task_spec._update(task)
            if task.state == TaskState.WAITING and due_of(task) == due:
                break  # it did not fire (never expected): the round at now below deals with it
            with moment_in_effect(due):
                self._run_automatic(workflow, recorder)
        else:
            raise WorkflowError("workflow does not settle: its timers keep falling due")
        self._run_automatic(workflow, recorder)

    def _run_automatic(self, workflow: BpmnWorkflow, recorder: _Recorder) -> None:
        # do_engine_steps() marks a newly due timer READY in its last step but does not run it,
        # so keep going until no automatic work is left.
        for _ in range(_MAX_SETTLE_ROUNDS):
            workflow.refresh_timers()
            workflow.do_engine_steps(did_complete_task=recorder.did_complete)
            _stamp_new_timers(workflow)
            if not any(not t.task_spec.manual for t in workflow.get_tasks(state=TaskState.READY)):
                return
        raise WorkflowError("workflow does not settle: automatic steps keep producing work")

    def _snapshot(
        self, workflow: BpmnWorkflow, recorder: _Recorder, rearmed: Sequence[RearmedTimer] = ()
    ) -> Snapshot:
        ready = _ready_user_tasks(workflow)
        deadline, overdue = _deadline(ready)
        # The facts as they stand after the call (a rule may have disposed the report), kept for
        # calls that do not pass them.
        workflow.data[FACTS_KEY] = dict(current_facts())
        stage = _stage(workflow, ready)
        return Snapshot(
            state=self._format.dump(workflow),
            status=stage.status if stage is not None else None,
            stage=stage,
            pending_actions=tuple(_pending_actions(workflow, ready)),
            deadline=deadline,
            is_overdue=overdue,
            next_timer_due_at=_next_timer_due_at(workflow),
            is_completed=workflow.is_completed(),
            steps=tuple(recorder.steps),
            rearmed_timers=tuple(rearmed),
        )


# --------------------------------------------------------------------------------- helpers


def _checked_data(data: Mapping[str, object] | None) -> dict[str, object]:
    payload = dict(data or {})
    facts = current_facts()
    for key in payload:
        # Sandboxed expressions cannot read "_" names, and such keys could shadow the guards.
        if not isinstance(key, str) or not key.isidentifier() or key.startswith("_"):
            raise WorkflowError(f"invalid workflow data key {key!r}")
        if key in facts:
            raise WorkflowError(
                f"workflow data key {key!r} is a report fact, which only the application sets"
            )
    return payload


_FACT_TYPES = (str, int, float, bool, type(None))


def _checked_facts(facts: Mapping[str, object]) -> dict[str, object]:
    """Facts are plain values (never objects with methods a diagram could call)."""
    checked: dict[str, object] = {}
    for key, value in facts.items():
        if not isinstance(key, str) or not key.isidentifier() or key.startswith("_"):
            raise WorkflowError(f"invalid fact name {key!r}")
        if not isinstance(value, _FACT_TYPES):
            raise WorkflowError(f"fact {key!r} must be a plain value, not {type(value).__name__}")
        checked[key] = value
    return checked


def _described(err: BaseException) -> str:
    """The real cause of a failed step, e.g. ``NameError: name 'foo' is not defined``, as the
    analyst needs it; Spiff wraps it, and its notes say which row of a decision table failed."""
    cause: BaseException = err
    seen: set[int] = {id(err)}
    # Spiff re-raises inside its except blocks, so the original error may be only the context.
    while (
        inner := getattr(cause, "exception", None) or cause.__cause__ or cause.__context__
    ) is not None and id(inner) not in seen:
        seen.add(id(inner))
        cause = inner
    text = str(err) if cause is err else f"{str(err).strip()} {type(cause).__name__}: {cause}"
    notes = [str(note) for note in getattr(err, "__notes__", None) or ()]
    return "; ".join([text, *notes]) if notes else text


def _stamp_new_timers(workflow: BpmnWorkflow) -> None:
    """Note when each timer armed since the last look was armed: now, on the engine's clock (the
    due time of the timer being fired, in a late call)."""
    now = current_time()
    for task in waiting_timers(workflow):
        if ARMED_AT not in task.internal_data and due_of(task) is not None:
            stamp_armed(task, now)


def _earliest_due_timer(workflow: BpmnWorkflow, before: datetime) -> tuple[Task, datetime] | None:
    """The waiting timer due first, if it is due before ``before``."""
    found: tuple[Task, datetime] | None = None
    for task in waiting_timers(workflow):
        due = due_of(task)
        if due is not None and due < before and (found is None or due < found[1]):
            found = (task, due)
    return found


def _arm_moved_timers(workflow: BpmnWorkflow, rearm: Sequence[TimerToRearm]) -> tuple[RearmedTimer, ...]:
    """Arm the timers a migration left without a due time, firing none of them.

    A re-armed timer counts from when its step began; a timer the new version adds where the
    workflow waits counts from now. One whose due time has already passed fires with the other due
    timers, in order, at the next sweep (or the report's next action), not within the move.
    """
    now = current_time()
    planned = {item.task_id: item for item in rearm}
    rearmed: list[RearmedTimer] = []
    for task in list(waiting_timers(workflow)):
        if due_of(task) is not None:
            continue
        item = planned.get(task.id)
        moment = item.counted_from if item is not None else now
        with moment_in_effect(moment):
            task.task_spec._update(task)
        if task.state == TaskState.READY:
            # Due before it was even armed (a fixed date in the past): it waits for the sweep too.
            task.task_spec.event_definition.reset(task)
            task._set_state(TaskState.WAITING)
            workflow.event_manager.add_task(task)
        stamp_armed(task, moment)
        if item is not None:
            rearmed.extend(
                RearmedTimer(element, item.old_due_at, due_of(task), moment) for element in item.element_ids
            )
    return tuple(rearmed)


def _ready_user_tasks(workflow: BpmnWorkflow) -> list[Task]:
    return list(workflow.get_tasks(state=TaskState.READY, manual=True))


def _find_user_task(workflow: BpmnWorkflow, action: str, lanes: Collection[str]) -> Task | None:
    for task in _ready_user_tasks(workflow):
        spec = task.task_spec
        if task.state == TaskState.READY and action_of(spec, spec.bpmn_id) == action and spec.lane in lanes:
            return task
    return None


def _find_message(workflow: BpmnWorkflow, action: str, lanes: Collection[str]) -> tuple[str, Task] | None:
    """The message an action sends, and the waiting task that catches it (an event-based gateway,
    a boundary event or an intermediate catch event). A waiting event-based gateway catches one
    message per branch; several branches may share an action (e.g. ``reopen`` by the liaison and by
    the admin), each in its own lane."""
    for task in workflow.get_tasks(state=TaskState.WAITING):
        for element, definition in message_catchers(task.task_spec):
            if action_of(element, definition.name) == action and (element.lane or "") in lanes:
                return definition.name, task
    return None


def _pending_actions(workflow: BpmnWorkflow, ready: list[Task]) -> Iterator[PendingAction]:
    # Keyed by what tells them apart: a declaration holds labels (dicts), which do not hash.
    seen: set[tuple[str, str, str]] = set()
    for task in ready:
        spec = task.task_spec
        action = action_of(spec, spec.bpmn_id)
        pending = PendingAction(
            action, spec.lane or "", spec.bpmn_id, action_declaration(action, properties_of(spec))
        )
        if (pending.action, pending.lane, pending.element_id) not in seen:
            seen.add((pending.action, pending.lane, pending.element_id))
            yield pending
    for action, lane, element_id, declaration in _waiting_messages_declared(workflow):
        if (action, lane, element_id) not in seen:
            seen.add((action, lane, element_id))
            yield PendingAction(action, lane, element_id, declaration)


def _waiting_messages_declared(workflow: BpmnWorkflow) -> Iterator[tuple[str, str, str, Any]]:
    for task in workflow.get_tasks(state=TaskState.WAITING):
        for element, definition in message_catchers(task.task_spec):
            action = action_of(element, definition.name)
            yield (
                action,
                element.lane or "",
                element.bpmn_id or element.name,
                action_declaration(action, properties_of(element)),
            )


def _stage_of(spec: TaskSpec) -> Stage | None:
    properties = properties_of(spec)
    status = (properties.get("status") or "").strip()
    if not status:
        return None
    code = (properties.get("stage") or "").strip()
    return Stage(code, status, stage_labels(properties)) if code else Stage(status, status)


def _stage(workflow: BpmnWorkflow, ready: list[Task]) -> Stage | None:
    """The stage (and status) of the element the report waits at."""
    for task in ready:
        if (stage := _stage_of(task.task_spec)) is not None:
            return stage
    for task in workflow.get_tasks(state=TaskState.WAITING):
        if (stage := _stage_of(task.task_spec)) is not None:
            return stage
    # Nothing to do right now (typically: completed). The most recent element on the path that
    # led here says where the report ended, e.g. the "archived" end event.
    task = workflow.last_task
    while task is not None:
        if (stage := _stage_of(task.task_spec)) is not None:
            return stage
        task = task.parent
    return None


def _deadline(ready: list[Task]) -> tuple[datetime | None, bool]:
    """Earliest ``kind=deadline`` timer on the boundary of a READY user task, and whether it fired."""
    found: list[tuple[datetime, bool]] = []
    for task in ready:
        split = task.parent
        if split is None or not isinstance(split.task_spec, BoundaryEventSplit):
            continue
        for sibling in split.children:
            spec = sibling.task_spec
            if not isinstance(spec, BoundaryEvent):
                continue
            if not isinstance(spec.event_definition, TimerEventDefinition):
                continue
            if properties_of(spec).get("kind") != "deadline":
                continue
            due = due_of(sibling)
            if due is not None:
                # A non-interrupting timer completes when it fires and the user task stays READY.
                found.append((due, sibling.state == TaskState.COMPLETED))
    if not found:
        return None, False
    return min(found, key=lambda item: item[0])


def _next_timer_due_at(workflow: BpmnWorkflow) -> datetime | None:
    # Event-based gateways report value=None from waiting_events(); their due time lives in the
    # gateway task's internal data, which is what due_of reads for every timer anyway.
    return min((due for task in waiting_timers(workflow) if (due := due_of(task)) is not None), default=None)
