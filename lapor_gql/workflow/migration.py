"""Moving a running workflow onto another version of its diagram.

What may move: a workflow that is not completed, has no sub-process (running or finished: their
tasks are tied to the old sub-process specs), and whose every live task (READY or WAITING: a user
task, a waiting message or timer catch event, an event-based gateway, a boundary event of a ready
task, a join waiting for its branches) has an element with the same BPMN id, and of the same kind
(a boundary event on the same task), in the new version. Anything else is refused with one
:class:`MigrationReason` per element, and the caller keeps the old state. What an element leads to
may change freely: a waiting event-based gateway whose new version drops a branch moves, and that
branch is no longer offered.

What happens to the workflow: every task is pointed at the new version's element with its id, and
what each live task predicted about the road ahead is thrown away and predicted again from the new
version, so the next steps follow the new version. Finished tasks of elements the new version no
longer has stay in the history on inert stand-ins (same id, name, lane and properties, no flows),
so the state still loads.

What happens to timers:

* a timer that was already waiting keeps its due time (``internal_data['event_value']``), even if
  the new version changed its expression: a deadline promised to a reporter or an agency does not
  move under their feet. The new expression applies from the next time the timer is set;
* unless the caller asks to re-arm (``rearm_timers``): then a waiting timer whose expression or kind
  changed gets the new expression's due time, counted from when it was first armed, i.e. from when
  its step began (``timers.ARMED_AT``), not from the migration. For an event-based gateway, whose
  timer branches share one due time, a changed or added timer branch re-arms the gateway. A cycle
  timer is never re-armed: the repetitions it already fired cannot be taken back, and re-counting
  from the step's start would fire them again. A re-armed timer whose new due time has already
  passed is not fired by the migration: it fires at the next sweep, in order with any other due
  timer, stamped with its new due time;
* a timer the new version adds where the workflow waits (a new boundary event on the waiting task,
  a new timer branch of a waiting event-based gateway without re-arming, or a waiting element that
  became a timer) is armed by the engine right after the move, i.e. counted from the moment of
  migration.

Spiff's own ``migrate_workflow`` is not used: its ``reset_branch`` clears the internal data of every
waiting task, which re-arms every pending timer from scratch, and its ``SpecDiff`` aligns elements
whose ids differ by their position in the graph, which this module must not guess.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass
from typing import Any

from SpiffWorkflow.bpmn import BpmnWorkflow
from SpiffWorkflow.bpmn.serializer import BpmnWorkflowSerializer
from SpiffWorkflow.bpmn.specs.control import BoundaryEventSplit, SimpleBpmnTask
from SpiffWorkflow.bpmn.specs.event_definitions.timer import (
    CycleTimerEventDefinition,
    TimerEventDefinition,
)
from SpiffWorkflow.bpmn.specs.mixins.events.event_types import CatchingEvent
from SpiffWorkflow.bpmn.specs.mixins.events.intermediate_event import BoundaryEvent
from SpiffWorkflow.specs.base import TaskSpec
from SpiffWorkflow.task import Task
from SpiffWorkflow.util.task import TaskState

from .contract import MigrationReason, MigrationRefused, WorkflowError
from .diagram import ProcessDiagram
from .timers import (
    ARMED_AT,
    TimerToRearm,
    armed_at,
    due_of,
    element_id,
    is_cycle,
    legacy_armed_at,
    timers_of,
)

# Tasks the workflow is at right now; everything unfinished below them is only a prediction.
_LIVE = TaskState.READY | TaskState.WAITING | TaskState.STARTED


@dataclass(frozen=True)
class MovedWorkflow:
    state: str
    """The serialized workflow on the new version."""
    rearm: tuple[TimerToRearm, ...] = ()
    """The waiting timers taken off to be re-armed (with ``rearm_timers`` only); the engine arms them."""


def migrate_workflow(
    workflow: BpmnWorkflow,
    diagram: ProcessDiagram,
    serializer: BpmnWorkflowSerializer,
    rearm_timers: bool = False,
) -> MovedWorkflow:
    """``workflow`` moved onto ``diagram``; raises MigrationRefused.

    ``workflow`` is changed in place and must be thrown away afterwards, whatever the outcome.
    Timers that lose their due time here (see the module's rules) are armed by the engine.
    """
    if workflow.spec.name != diagram.process_id:
        raise WorkflowError(f"cannot move process {workflow.spec.name!r} onto {diagram.process_id!r}")
    reasons = migration_obstacles(workflow, diagram)
    if reasons:
        raise MigrationRefused(reasons)

    spec = diagram._spec
    if any(task.task_spec.name not in spec.task_specs for task in workflow.tasks.values()):
        # A private copy of the new spec: stand-ins for removed elements are added to it, and the
        # shared parsed diagram must stay as deployed. Such a workflow stores its spec (state_format).
        registry = serializer.registry
        spec = registry.restore(registry.convert(diagram._spec))
    live = list(workflow.get_tasks(state=_LIVE))
    old_specs = {task.id: task.task_spec for task in live}
    stand_ins: set[str] = set()
    for task in workflow.tasks.values():
        new = spec.task_specs.get(task.task_spec.name)
        if new is None:
            new = _stand_in(spec, task.task_spec)
            stand_ins.add(new.name)
        task.task_spec = new
    workflow.spec = spec
    workflow.subprocess_specs = diagram._subprocess_specs
    # Only a workflow on the diagram's own specs is stored with a reference to it.
    workflow.diagram = diagram if spec is diagram._spec else None

    rearm: list[TimerToRearm] = []
    for task in live:
        if task.id not in workflow.tasks:
            continue  # dropped as a prediction of an earlier live task
        if isinstance(task.task_spec, CatchingEvent):
            planned = _rearm_plan(task, old_specs[task.id]) if rearm_timers else None
            if planned is not None:
                rearm.append(planned)
                # Its arming moment stays: the new due time counts from it.
                task.internal_data.pop("event_value", None)
                task.internal_data.pop("event_fired", None)
            else:
                task.internal_data = _kept_internal_data(task, old_specs[task.id])
        _attach_new_boundary_events(task)
        _predict_again(task)
    if workflow.last_task is not None and workflow.last_task.id not in workflow.tasks:
        workflow.last_task = None

    # Every prediction was redone from live tasks, so only finished tasks may sit on stand-ins;
    # anything else would stop the workflow the next time it is reached.
    stranded = [
        element_id(task.task_spec)
        for task in workflow.get_tasks(state=TaskState.NOT_FINISHED_MASK)
        if task.task_spec.name in stand_ins
    ]
    if stranded:
        raise MigrationRefused([MigrationReason("element_removed", e) for e in dict.fromkeys(stranded)])
    return MovedWorkflow(serializer.serialize_json(workflow), tuple(rearm))


def migration_obstacles(workflow: BpmnWorkflow, diagram: ProcessDiagram) -> list[MigrationReason]:
    """Why ``workflow`` cannot move onto ``diagram``, one reason per element; empty if it can."""
    if workflow.is_completed():
        return [MigrationReason("completed")]
    if workflow.subprocesses:
        owners = [workflow.tasks.get(task_id) for task_id in workflow.subprocesses]
        return [MigrationReason("subprocess", element_id(t.task_spec)) for t in owners if t is not None]
    reasons: list[MigrationReason] = []
    for task in workflow.get_tasks(state=_LIVE):
        old = task.task_spec
        new = diagram._spec.task_specs.get(old.name)
        if new is None:
            reasons.append(MigrationReason("element_removed", element_id(old)))
        elif type(new) is not type(old):
            reasons.append(MigrationReason("element_changed_kind", element_id(old)))
        elif isinstance(old, BoundaryEvent) and _inputs(old) != _inputs(new):
            # Its task waits under the old host's split; the new host's join would never see it. A
            # host that is gone is reported itself, as the task waiting there.
            if all(name in diagram._spec.task_specs for name in _inputs(old)):
                reasons.append(MigrationReason("element_moved", element_id(old)))
    return list(dict.fromkeys(reasons))


# --------------------------------------------------------------------------------- helpers


def _inputs(spec: TaskSpec) -> list[str]:
    return [str(name) for name in spec._inputs]


def _stand_in(spec: Any, old: TaskSpec) -> TaskSpec:
    """An inert element in place of one the new version no longer has.

    It keeps what the history is read by (id, name, lane, properties such as ``status``) and has no
    flows, so nothing can ever run through it.
    """
    stand_in = SimpleBpmnTask(spec, old.name, lane=getattr(old, "lane", None))
    stand_in.bpmn_id = getattr(old, "bpmn_id", None)
    stand_in.bpmn_name = getattr(old, "bpmn_name", None)
    extensions = getattr(old, "extensions", None)
    if extensions:
        stand_in.extensions = copy.deepcopy(extensions)
    return stand_in


def _timers(spec: TaskSpec) -> frozenset[tuple[str, bool]]:
    """(element name, is a cycle) of every timer this element waits for."""
    return frozenset((owner.name, isinstance(d, CycleTimerEventDefinition)) for owner, d in timers_of(spec))


def _kept_internal_data(task: Task, old_spec: TaskSpec) -> dict[str, Any]:
    """The waiting task's internal data, with its due time kept only for the very same timers."""
    internal = dict(task.internal_data)
    before, after = _timers(old_spec), _timers(task.task_spec)
    if not after or before != after:
        # A different timer (or none) waits here now: the engine arms it from now.
        internal.pop("event_value", None)
        internal.pop("event_fired", None)
        internal.pop(ARMED_AT, None)
    return internal


def _rearm_plan(task: Task, old_spec: TaskSpec) -> TimerToRearm | None:
    """What to re-arm at this waiting task, if its armed timer's expression or kind changed."""
    due = due_of(task)
    # A cycle, before or after, is not re-armed: counted again from the step's start it would repeat
    # (at the next sweep) every cycle that already fired, or would have.
    if due is None or is_cycle(old_spec) or is_cycle(task.task_spec):
        return None
    before = {owner.name: definition for owner, definition in timers_of(old_spec)}
    changed = tuple(
        element_id(owner)
        for owner, definition in timers_of(task.task_spec)
        if not _same_timer(before.get(owner.name), definition)
    )
    if not changed:
        return None
    # The engine notes the arming moment of every armed timer when it loads a workflow (estimated
    # for states stored before it did), so the fallback only serves a workflow loaded otherwise.
    began = armed_at(task) or legacy_armed_at(task)
    return TimerToRearm(task.id, changed, due, began)


def _same_timer(before: TimerEventDefinition | None, after: TimerEventDefinition) -> bool:
    return (
        before is not None
        and type(before) is type(after)
        and str(before.expression).strip() == str(after.expression).strip()
    )


def _attach_new_boundary_events(task: Task) -> None:
    """Give a live task the boundary events the new version attaches to it."""
    spec = task.task_spec
    if isinstance(spec, BoundaryEvent):
        return
    split_spec = next((s for s in spec.inputs if isinstance(s, BoundaryEventSplit)), None)
    if split_spec is None or task.parent is None:
        return
    split = task.parent
    if split.task_spec.name != split_spec.name:
        split = _insert_split(task, split_spec)
    present = {child.task_spec.name for child in split.children}
    for output in split_spec.outputs:
        if isinstance(output, BoundaryEvent) and output.name not in present:
            # What the split does when it runs: the event is predicted as possible, then waits.
            # Its timer, if any, is armed by the engine right after the move: from now.
            event = split._add_child(output, TaskState.MAYBE)
            output._predict(event)
            event._set_state(TaskState.WAITING)


def _insert_split(task: Task, split_spec: TaskSpec) -> Task:
    """Put the boundary-event split the new version has in front of ``task`` into the history.

    The join after the task finds its boundary events through this split.
    """
    parent = task.parent
    split = Task(task.workflow, split_spec, parent=parent, state=TaskState.COMPLETED)
    parent._children.remove(split.id)
    parent._children[parent._children.index(task.id)] = split.id
    split._children = [task.id]
    task._parent = split.id
    split.thread_id = task.thread_id
    split.data = copy.deepcopy(parent.data)
    return split


def _predict_again(task: Task) -> None:
    """Replace what the live task predicted about the road ahead with the new version's road.

    The prediction is made as Spiff made it before the task became live: a boundary event was only
    possible (MAYBE), anything else definite (FUTURE). The task then gets its live state back
    without running any hook, so no pre-script runs twice.
    """
    live_state = task.state
    predicted_as = TaskState.MAYBE if isinstance(task.task_spec, BoundaryEvent) else TaskState.FUTURE
    task._drop_children()
    task._set_state(predicted_as)
    task.task_spec._predict(task, mask=predicted_as | TaskState.PREDICTED_MASK)
    task._set_state(live_state)
