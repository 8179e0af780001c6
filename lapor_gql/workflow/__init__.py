"""Workflow adapter: the only package in lapor_gql that talks to SpiffWorkflow."""

from lapor_gql.clock import Clock, FakeClock, system_clock

from .contract import (
    ActionDeclaration,
    ActionNotAvailable,
    AgencyEntry,
    Choice,
    DiagramInvalid,
    DiagramProblem,
    InputDeclaration,
    Labels,
    MigrationReason,
    MigrationRefused,
    PendingAction,
    RearmedTimer,
    Snapshot,
    Stage,
    Step,
    WorkflowError,
)
from .diagram import ProcessDiagram
from .engine import WorkflowEngine
from .state_format import COMPACT_PREFIX as COMPACT_STATE_PREFIX
from .working_days import WEEKENDS_ONLY, WorkingCalendar

__all__ = [
    "ActionDeclaration",
    "ActionNotAvailable",
    "AgencyEntry",
    "Choice",
    "InputDeclaration",
    "Labels",
    "Stage",
    "Clock",
    "COMPACT_STATE_PREFIX",
    "DiagramInvalid",
    "DiagramProblem",
    "FakeClock",
    "MigrationReason",
    "MigrationRefused",
    "PendingAction",
    "ProcessDiagram",
    "RearmedTimer",
    "Snapshot",
    "Step",
    "WorkflowEngine",
    "WEEKENDS_ONLY",
    "WorkflowError",
    "WorkingCalendar",
    "system_clock",
]
