"""The plain-Python surface of the workflow adapter.

Nothing outside ``lapor_gql.workflow`` imports SpiffWorkflow; the domain sees only these values.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Literal

Labels = Mapping[str, str]
"""A user-visible text by language code: ``{"id": "Menunggu konfirmasi", "en": "Awaiting confirmation"}``."""


@dataclass(frozen=True)
class Choice:
    code: str
    labels: Labels


@dataclass(frozen=True)
class InputDeclaration:
    """One input of an action a diagram declares: ``input:<name>`` = ``<kind> required | Label | Label``."""

    name: str
    kind: str
    """``note`` (a public text), ``internal_note`` (for officers), ``agency``, ``yesno``, ``choice`` or
    ``rating`` (1 to 5)."""
    required: bool
    labels: Labels
    choices: tuple[Choice, ...] = ()


@dataclass(frozen=True)
class ActionDeclaration:
    """An action a diagram declares on its user task or catch event: its code, labels and inputs."""

    code: str
    labels: Labels
    inputs: tuple[InputDeclaration, ...] = ()


@dataclass(frozen=True)
class Stage:
    """Where a waiting report stands in the diagram's own words, and the stable status it maps to."""

    code: str
    status: str
    labels: Labels = field(default_factory=dict)
    """Empty when the element declares no stage of its own (the stage is then the status)."""


@dataclass(frozen=True)
class AgencyEntry:
    """What the engine knows of an agency a rule may dispose to."""

    is_active: bool
    parent_code: str | None = None


@dataclass(frozen=True)
class PendingAction:
    """Something a person may do now: a READY user task or a waiting message catch event."""

    action: str
    """API action id (``dispose``, ``follow_up`` …): the element's ``action`` property, else its id
    (user task) or its message name (catching message event)."""
    lane: str
    """Lane name of the element: ``admin``, ``liaison`` or ``reporter``."""
    element_id: str
    declaration: ActionDeclaration | None = None
    """Labels and inputs, when the diagram declares the action itself (not one of the application's)."""


@dataclass(frozen=True)
class Step:
    """An element with an ``audit``, ``notify``, ``dispose_to`` or ``rating`` property that the
    workflow passed (completed) during the call. A call lists them all, each once, in the order they
    completed: whatever completed them (a person's action, a message, a timer, the start)."""

    element_id: str
    kind: str
    """What it is about, and what a notification of it says: its ``audit`` code if it has one, else
    its action (``dispose``, ``close`` …: its ``action`` property, message name or id)."""
    audit: str = ""
    """Its ``audit`` code: the timeline entry it writes. Empty: it writes none."""
    name: str = ""
    """The element's name in the diagram, the label of an audit code the application does not know."""
    notify: tuple[str, ...] = ()
    """Who is told about it: the recipient roles in the element's ``notify`` property."""
    by_action: bool = False
    """Completed by the call's own action (a person's action, or the submission that started the
    workflow) or after it within the call; False for what timers completed before the action, and
    for every step of a call that has no action (firing due timers, migrating)."""
    labels: Labels = field(default_factory=dict)
    """The labels the diagram gives its ``audit`` code (``audit_label_id``, ``audit_label_en``)."""
    disposes: bool = False
    """A rule (an element with ``dispose_to``) chose the report's agency here."""
    agency_code: str | None = None
    """The agency the rule chose, when it is one the report may go to."""
    routing_problem: str = ""
    """Why the rule's choice cannot be used (no agency, an unknown or an inactive one); the workflow
    saw no agency (``None``) and took its fallback path."""
    due_at: datetime | None = None
    """For a timer: the moment it was due. A late call fires it after that, but with the engine's
    clock at this moment, so what it sets off counts from here."""
    clears_rating: bool = False
    """The element has ``rating`` = ``clear``: the report's rating is cleared as it passes (a reopening)."""


Severity = Literal["error", "warning"]


@dataclass(frozen=True)
class DiagramProblem:
    element_id: str | None
    message: str
    severity: Severity = "error"
    """An ``error`` refuses the diagram; a ``warning`` is shown and the diagram may be deployed."""


@dataclass(frozen=True)
class RearmedTimer:
    """A waiting timer a migration re-armed with the new version's expression."""

    element_id: str
    old_due_at: datetime | None
    new_due_at: datetime | None
    counted_from: datetime
    """When the step began (the timer was first armed): the new due time counts from here."""


@dataclass(frozen=True)
class Snapshot:
    """A workflow after a call, ready to be stored and projected into columns."""

    state: str
    status: str | None
    pending_actions: tuple[PendingAction, ...]
    deadline: datetime | None
    is_overdue: bool
    next_timer_due_at: datetime | None
    is_completed: bool
    steps: tuple[Step, ...] = field(default=())
    stage: Stage | None = None
    """The stage of the element that gives the status (None when no element gives one)."""
    """Every element with ``audit`` or ``notify`` passed during the call, in completion order."""
    rearmed_timers: tuple[RearmedTimer, ...] = ()
    """A migration with re-arming only: the waiting timers whose expression changed, re-armed."""

    @property
    def system_steps(self) -> tuple[Step, ...]:
        """The steps that write a timeline entry of their own (those with an ``audit`` code)."""
        return tuple(step for step in self.steps if step.audit)

    @property
    def notices(self) -> tuple[Step, ...]:
        """The steps that only notify (``notify`` without ``audit``)."""
        return tuple(step for step in self.steps if step.notify and not step.audit)


class WorkflowError(Exception):
    """Base of the adapter's errors."""


class ActionNotAvailable(WorkflowError):
    """The action is not waiting in any of the actor's lanes."""

    def __init__(self, action: str) -> None:
        super().__init__(f"action {action!r} is not available now")
        self.action = action


class DiagramInvalid(WorkflowError):
    def __init__(self, problems: list[DiagramProblem]) -> None:
        super().__init__("; ".join(f"{p.element_id or '-'}: {p.message}" for p in problems))
        self.problems = problems


@dataclass(frozen=True)
class MigrationReason:
    """Why a workflow cannot move to another version of its diagram."""

    code: str
    """``completed`` (finished workflows stay where they are), ``element_removed`` (it waits at an
    element the new version does not have), ``element_changed_kind`` (that element is of another
    kind there), ``element_moved`` (a boundary event it waits at is attached to another task there)
    or ``subprocess`` (it has a sub-process, which cannot be moved)."""
    element_id: str | None = None


class MigrationRefused(WorkflowError):
    """The workflow cannot move to the other version; nothing about it changed."""

    def __init__(self, reasons: list[MigrationReason]) -> None:
        super().__init__("; ".join(f"{r.code} {r.element_id or ''}".strip() for r in reasons))
        self.reasons = reasons
