"""Running report workflows: start, act, fire timers, and project the result into a Snapshot.

Every call is load → act → dump on a fresh in-memory workflow. The caller persists
``Snapshot.state`` only when the call returns; on any exception it keeps the previous state, so a
half-advanced workflow is never stored.
"""

from __future__ import annotations

import threading
from collections.abc import Collection, Iterator, Mapping
from contextlib import contextmanager
from datetime import datetime

from SpiffWorkflow.bpmn import BpmnEvent, BpmnWorkflow
from SpiffWorkflow.bpmn.serializer import BpmnWorkflowSerializer
from SpiffWorkflow.bpmn.specs.control import BoundaryEventSplit
from SpiffWorkflow.bpmn.specs.event_definitions.multiple import MultipleEventDefinition
from SpiffWorkflow.bpmn.specs.event_definitions.timer import TimerEventDefinition
from SpiffWorkflow.bpmn.specs.mixins.events.intermediate_event import BoundaryEvent
from SpiffWorkflow.spiff.serializer.config import SPIFF_CONFIG
from SpiffWorkflow.spiff.specs.event_definitions import MessageEventDefinition
from SpiffWorkflow.task import Task
from SpiffWorkflow.util.task import TaskState

from lapor_gql.clock import Clock, aware_utc, system_clock

from .clock import clock_in_effect
from .contract import ActionNotAvailable, PendingAction, Snapshot, Step, WorkflowError
from .diagram import ProcessDiagram, action_of, message_catchers, message_name_of, properties_of
from .sandbox import sandboxed_script_engine
from .working_days import WEEKENDS_ONLY, WorkingCalendar, calendar_in_effect

# A diagram whose automatic steps keep re-arming themselves (e.g. a zero-length timer cycle) must
# not hang a request; real diagrams settle in one or two rounds.
_MAX_SETTLE_ROUNDS = 100


class _Recorder:
    """Collects every element with ``audit`` or ``notify`` as Spiff completes it, in completion order.

    One list for every cause (a person's action, a message, a timer, the start): what completed an
    element must not decide whether it is recorded.
    """

    def __init__(self) -> None:
        self.steps: list[Step] = []
        self.by_action = False

    def action_begins(self) -> None:
        """From here on, what completes is the call's action or follows from it."""
        self.by_action = True

    def did_complete(self, task: Task) -> None:
        spec = task.task_spec
        properties = properties_of(spec)
        audit = properties.get("audit", "").strip()
        notify = tuple(properties.get("notify", "").split())
        if not audit and not notify:
            return
        element_id = spec.bpmn_id or spec.name
        kind = audit or action_of(spec, message_name_of(spec) or element_id)
        name = str(getattr(spec, "bpmn_name", None) or "")
        self.steps.append(Step(element_id, kind, audit, name, notify, self.by_action))


class WorkflowEngine:
    """Stateless over workflows: all state travels in ``Snapshot.state``.

    One engine may be shared by threads; calls on it are serialised by a lock because Spiff's
    serializer registry flips a shared flag while encoding.

    Each call may name the ``WorkingCalendar`` that ``working_days(n)`` in timer expressions counts
    with (the report's agency calendar); without one, the engine's default calendar applies.
    """

    def __init__(self, clock: Clock = system_clock, calendar: WorkingCalendar = WEEKENDS_ONLY) -> None:
        self._clock = clock
        self._calendar = calendar
        self._serializer = BpmnWorkflowSerializer(BpmnWorkflowSerializer.configure(SPIFF_CONFIG))
        self._script_engine = sandboxed_script_engine()
        self._lock = threading.Lock()

    # ----------------------------------------------------------------------------- public calls

    def start(
        self,
        diagram: ProcessDiagram,
        data: Mapping[str, object] | None = None,
        calendar: WorkingCalendar | None = None,
    ) -> Snapshot:
        with self._call(calendar) as recorder:
            # Everything the start completes follows from the submission.
            recorder.action_begins()
            workflow = BpmnWorkflow(
                diagram._spec, diagram._subprocess_specs, script_engine=self._script_engine
            )
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
    ) -> Snapshot:
        payload = _checked_data(data)
        with self._call(calendar) as recorder:
            workflow = self._load(state)
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
                message = _find_message(workflow, action, lanes)
                if message is None:
                    raise ActionNotAvailable(action)
                workflow.send_event(BpmnEvent(MessageEventDefinition(message), payload=payload))
            self._settle(workflow, recorder)
            return self._snapshot(workflow, recorder)

    def fire_due_timers(self, state: str, calendar: WorkingCalendar | None = None) -> Snapshot:
        with self._call(calendar) as recorder:
            workflow = self._load(state)
            self._settle(workflow, recorder)
            return self._snapshot(workflow, recorder)

    def inspect(self, state: str, calendar: WorkingCalendar | None = None) -> Snapshot:
        with self._call(calendar) as recorder:
            return self._snapshot(self._load(state), recorder)

    def migrate(
        self, state: str, diagram: ProcessDiagram, calendar: WorkingCalendar | None = None
    ) -> Snapshot:
        """The workflow moved onto another version of its diagram (see ``migration`` for the rules).

        Raises ``MigrationRefused`` when it cannot move; the caller then keeps ``state`` as it is.
        """
        from .migration import migrate_workflow

        with self._call(calendar) as recorder:
            workflow = self._load(state)
            # What fell due under the old version happens under it first, as in perform().
            self._settle(workflow, recorder)
            # Reloading proves the moved state loads, and registers its waiting events afresh;
            # settling arms the timers the new version adds, counted from now.
            moved = self._load(migrate_workflow(workflow, diagram, self._serializer))
            self._settle(moved, recorder)
            return self._snapshot(moved, recorder)

    # ----------------------------------------------------------------------------- machinery

    @contextmanager
    def _call(self, calendar: WorkingCalendar | None) -> Iterator[_Recorder]:
        # Both travel in context variables set inside the call, so they are per call and per
        # thread; nothing on the shared engine changes.
        with self._lock, clock_in_effect(self._clock), calendar_in_effect(calendar or self._calendar):
            try:
                yield _Recorder()
            except WorkflowError:
                raise
            except Exception as err:  # noqa: BLE001 - Spiff raises many unrelated exception types
                raise WorkflowError(f"workflow step failed: {err}") from err

    def _load(self, state: str) -> BpmnWorkflow:
        workflow = self._serializer.deserialize_json(state)
        # The script engine is not serialized; without this the workflow would fall back to
        # Spiff's unrestricted eval.
        workflow.script_engine = self._script_engine
        return workflow

    def _settle(self, workflow: BpmnWorkflow, recorder: _Recorder) -> None:
        # do_engine_steps() marks a newly due timer READY in its last step but does not run it,
        # so keep going until no automatic work is left.
        for _ in range(_MAX_SETTLE_ROUNDS):
            workflow.refresh_timers()
            workflow.do_engine_steps(did_complete_task=recorder.did_complete)
            if not any(not t.task_spec.manual for t in workflow.get_tasks(state=TaskState.READY)):
                return
        raise WorkflowError("workflow does not settle: automatic steps keep producing work")

    def _snapshot(self, workflow: BpmnWorkflow, recorder: _Recorder) -> Snapshot:
        ready = _ready_user_tasks(workflow)
        deadline, overdue = _deadline(ready)
        return Snapshot(
            state=self._serializer.serialize_json(workflow),
            status=_status(workflow, ready),
            pending_actions=tuple(_pending_actions(workflow, ready)),
            deadline=deadline,
            is_overdue=overdue,
            next_timer_due_at=_next_timer_due_at(workflow),
            is_completed=workflow.is_completed(),
            steps=tuple(recorder.steps),
        )


# --------------------------------------------------------------------------------- helpers


def _checked_data(data: Mapping[str, object] | None) -> dict[str, object]:
    payload = dict(data or {})
    for key in payload:
        # Sandboxed expressions cannot read "_" names, and such keys could shadow the guards.
        if not isinstance(key, str) or not key.isidentifier() or key.startswith("_"):
            raise WorkflowError(f"invalid workflow data key {key!r}")
    return payload


def _ready_user_tasks(workflow: BpmnWorkflow) -> list[Task]:
    return list(workflow.get_tasks(state=TaskState.READY, manual=True))


def _find_user_task(workflow: BpmnWorkflow, action: str, lanes: Collection[str]) -> Task | None:
    for task in _ready_user_tasks(workflow):
        spec = task.task_spec
        if task.state == TaskState.READY and action_of(spec, spec.bpmn_id) == action and spec.lane in lanes:
            return task
    return None


def _waiting_messages(workflow: BpmnWorkflow) -> Iterator[tuple[str, str, str, str]]:
    """(action, lane, element id, message name) for every message the workflow is waiting for now.

    A waiting event-based gateway yields one entry per message branch; several branches may share
    an action (e.g. ``reopen`` by the liaison and by the admin), each in its own lane.
    """
    for task in workflow.get_tasks(state=TaskState.WAITING):
        for element, definition in message_catchers(task.task_spec):
            element_id = element.bpmn_id or element.name
            yield action_of(element, definition.name), element.lane or "", element_id, definition.name


def _find_message(workflow: BpmnWorkflow, action: str, lanes: Collection[str]) -> str | None:
    for candidate, lane, _element_id, message in _waiting_messages(workflow):
        if candidate == action and lane in lanes:
            return message
    return None


def _pending_actions(workflow: BpmnWorkflow, ready: list[Task]) -> Iterator[PendingAction]:
    seen: set[PendingAction] = set()
    for task in ready:
        spec = task.task_spec
        pending = PendingAction(action_of(spec, spec.bpmn_id), spec.lane or "", spec.bpmn_id)
        if pending not in seen:
            seen.add(pending)
            yield pending
    for action, lane, element_id, _message in _waiting_messages(workflow):
        pending = PendingAction(action, lane, element_id)
        if pending not in seen:
            seen.add(pending)
            yield pending


def _status(workflow: BpmnWorkflow, ready: list[Task]) -> str | None:
    for task in ready:
        if status := properties_of(task.task_spec).get("status"):
            return status
    for task in workflow.get_tasks(state=TaskState.WAITING):
        if status := properties_of(task.task_spec).get("status"):
            return status
    # Nothing to do right now (typically: completed). The most recent element on the path that
    # led here says where the report ended, e.g. the "archived" end event.
    task = workflow.last_task
    while task is not None:
        if status := properties_of(task.task_spec).get("status"):
            return status
        task = task.parent
    return None


def _parse_due(value: object) -> datetime | None:
    if isinstance(value, dict):  # cycle timers keep {'cycles', 'next', 'duration'}
        value = value.get("next") if value.get("cycles") != 0 else None
    if not isinstance(value, str):
        return None
    parsed = TimerEventDefinition.parse_time_or_duration(value)
    return aware_utc(parsed) if isinstance(parsed, datetime) else None


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
            due = _parse_due(sibling.internal_data.get("event_value"))
            if due is not None:
                # A non-interrupting timer completes when it fires and the user task stays READY.
                found.append((due, sibling.state == TaskState.COMPLETED))
    if not found:
        return None, False
    return min(found, key=lambda item: item[0])


def _next_timer_due_at(workflow: BpmnWorkflow) -> datetime | None:
    dues: list[datetime] = []
    for task in workflow.get_tasks(state=TaskState.WAITING):
        definition = getattr(task.task_spec, "event_definition", None)
        if isinstance(definition, MultipleEventDefinition):
            if not any(isinstance(d, TimerEventDefinition) for d in definition.event_definitions):
                continue
        elif not isinstance(definition, TimerEventDefinition):
            continue
        # Event-based gateways report value=None from waiting_events(); their due time lives in
        # the gateway task's internal data, which is what we read for every timer anyway.
        due = _parse_due(task.internal_data.get("event_value"))
        if due is not None:
            dues.append(due)
    return min(dues, default=None)
