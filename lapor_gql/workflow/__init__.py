"""Workflow adapter: the only package in lapor_gql that talks to SpiffWorkflow."""

from lapor_gql.clock import Clock, FakeClock, system_clock

from .contract import (
    ActionNotAvailable,
    DiagramInvalid,
    DiagramProblem,
    PendingAction,
    Snapshot,
    SystemStep,
    WorkflowError,
)
from .diagram import ProcessDiagram
from .engine import WorkflowEngine

__all__ = [
    "ActionNotAvailable",
    "Clock",
    "DiagramInvalid",
    "DiagramProblem",
    "FakeClock",
    "PendingAction",
    "ProcessDiagram",
    "Snapshot",
    "SystemStep",
    "WorkflowEngine",
    "WorkflowError",
    "system_clock",
]
