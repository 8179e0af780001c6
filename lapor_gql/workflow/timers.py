"""Timers as the engine sees them: which elements a waiting task times, when each is due, when it was armed.

Spiff keeps a waiting timer's due time in its task's internal data (``event_value``) and sets it the
first time it looks at the timer ("arming"). An event-based gateway keeps one due time for all its
timer branches, on the gateway's task; its branches are its outputs, in the order of its event
definitions.

The engine adds the arming moment, on its own clock (``ARMED_AT``): Spiff's ``last_state_change``
is wall-clock time, which is not the engine's time under a fake clock, and is reset whenever a
migration re-predicts the task. Migration re-arms a changed timer from that moment, i.e. from when
the step began.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from uuid import UUID

from SpiffWorkflow.bpmn import BpmnWorkflow
from SpiffWorkflow.bpmn.specs.event_definitions.multiple import MultipleEventDefinition
from SpiffWorkflow.bpmn.specs.event_definitions.timer import (
    CycleTimerEventDefinition,
    TimerEventDefinition,
)
from SpiffWorkflow.bpmn.specs.mixins.events.intermediate_event import EventBasedGateway
from SpiffWorkflow.specs.base import TaskSpec
from SpiffWorkflow.task import Task
from SpiffWorkflow.util.task import TaskState

from lapor_gql.clock import aware_utc

# Where the engine keeps the moment (ISO 8601, UTC) a waiting timer was armed: in the task's
# internal data, which the serializer stores and no expression sees.
ARMED_AT = "lapor_armed_at"


@dataclass(frozen=True)
class TimerToRearm:
    """A waiting task whose timer a migration takes off, to be armed again with the new expression."""

    task_id: UUID
    element_ids: tuple[str, ...]
    """The timer elements whose expression (or kind) changed."""
    old_due_at: datetime | None
    counted_from: datetime
    """When it was first armed: when its step began."""


def timers_of(spec: TaskSpec) -> list[tuple[TaskSpec, TimerEventDefinition]]:
    """(element, timer definition) of every timer a task of this element waits for."""
    definition = getattr(spec, "event_definition", None)
    if isinstance(definition, MultipleEventDefinition):
        definitions = definition.event_definitions
        owners = spec.outputs if isinstance(spec, EventBasedGateway) else [spec] * len(definitions)
        pairs = list(zip(owners, definitions, strict=False))
    else:
        pairs = [(spec, definition)]
    return [(owner, d) for owner, d in pairs if isinstance(d, TimerEventDefinition)]


def element_id(spec: TaskSpec) -> str:
    return str(getattr(spec, "bpmn_id", None) or spec.name)


def is_cycle(spec: TaskSpec) -> bool:
    return any(isinstance(d, CycleTimerEventDefinition) for _owner, d in timers_of(spec))


def waiting_timers(workflow: BpmnWorkflow) -> Iterator[Task]:
    """Every task waiting for a timer (alone, or among other events), sub-processes included."""
    for task in list(workflow.event_manager.tasks.values()):
        if task.state == TaskState.WAITING and timers_of(task.task_spec):
            yield task


def parse_due(value: object) -> datetime | None:
    """The due time Spiff stored (``event_value``), aware UTC; None if not armed (or a spent cycle)."""
    if isinstance(value, dict):  # cycle timers keep {'cycles', 'next', 'duration'}
        value = value.get("next") if value.get("cycles") != 0 else None
    if not isinstance(value, str):
        return None
    parsed = TimerEventDefinition.parse_time_or_duration(value)
    return aware_utc(parsed) if isinstance(parsed, datetime) else None


def due_of(task: Task) -> datetime | None:
    """When the waiting timer of ``task`` is due, if it is armed."""
    return parse_due(task.internal_data.get("event_value"))


def fired_due_of(task: Task) -> datetime | None:
    """The due time of a timer element that has just completed; None for any other element.

    A boundary or intermediate timer event keeps its due time; a timer branch of an event-based
    gateway lost its definition to the gateway, whose task holds the due time.
    """
    spec = task.task_spec
    if isinstance(getattr(spec, "event_definition", None), TimerEventDefinition):
        return due_of(task)
    gateway = task.parent
    if gateway is not None and isinstance(gateway.task_spec, EventBasedGateway):
        if any(owner is spec for owner, _definition in timers_of(gateway.task_spec)):
            return due_of(gateway)
    return None


def armed_at(task: Task) -> datetime | None:
    value = task.internal_data.get(ARMED_AT)
    return datetime.fromisoformat(value) if isinstance(value, str) else None


def stamp_armed(task: Task, moment: datetime) -> None:
    task.internal_data[ARMED_AT] = aware_utc(moment).isoformat()


def legacy_armed_at(task: Task) -> datetime:
    """When a timer armed before the engine kept arming moments was armed, as well as we can tell.

    The task before it completed when this step began, and nothing changes a finished task's state
    afterwards (a migration re-predicts the waiting task itself, which resets its own
    ``last_state_change``); the waiting task's own value is the fallback. Both are Spiff's wall-clock
    time: right in production, where the engine's clock is the system clock, not under a fake clock.
    """
    parent = task.parent
    if parent is not None and parent.state == TaskState.COMPLETED:
        return datetime.fromtimestamp(parent.last_state_change, UTC)
    return datetime.fromtimestamp(task.last_state_change, UTC)
