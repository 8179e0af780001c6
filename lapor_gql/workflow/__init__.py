"""Workflow adapter: the only package in lapor_gql that talks to SpiffWorkflow."""

from lapor_gql.clock import Clock, FakeClock, system_clock

from .contract import (
    ActionNotAvailable,
    DiagramInvalid,
    DiagramProblem,
    MigrationReason,
    MigrationRefused,
    PendingAction,
    Snapshot,
    Step,
    WorkflowError,
)
from .diagram import ProcessDiagram
from .engine import WorkflowEngine
from .working_days import WEEKENDS_ONLY, WorkingCalendar

__all__ = [
    "ActionNotAvailable",
    "Clock",
    "DiagramInvalid",
    "DiagramProblem",
    "FakeClock",
    "MigrationReason",
    "MigrationRefused",
    "PendingAction",
    "ProcessDiagram",
    "Snapshot",
    "Step",
    "WorkflowEngine",
    "WEEKENDS_ONLY",
    "WorkflowError",
    "WorkingCalendar",
    "system_clock",
]
