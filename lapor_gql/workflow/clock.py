"""Clocks for the workflow engine, and the hook that makes SpiffWorkflow's timers obey them.

SpiffWorkflow has no clock parameter: its timer module calls ``datetime.now(timezone.utc)`` directly.
We replace that module's ``datetime`` name, once, with a subclass whose ``now()`` asks the clock of
the engine call running in the current context. Outside an engine call it falls back to real time,
so the patch is invisible to anything else that happens to use Spiff.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import UTC, datetime, tzinfo

from SpiffWorkflow.bpmn.specs.event_definitions import timer as _spiff_timer

from lapor_gql.clock import Clock, aware_utc

# A ContextVar rather than a global: engines with different clocks may run at the same time in
# different threads (executor workers) or asyncio tasks, and each must see only its own clock.
_active_clock: ContextVar[Clock | None] = ContextVar("lapor_workflow_clock", default=None)


class _ClockedDatetime(datetime):
    """Stand-in for ``datetime`` inside Spiff's timer module; only ``now`` differs."""

    @classmethod
    def now(cls, tz: tzinfo | None = None) -> datetime:  # type: ignore[override]
        clock = _active_clock.get()
        if clock is None:
            return datetime.now(tz)
        current = aware_utc(clock())
        # Spiff always passes timezone.utc; a naive request would mean local time, as in the stdlib.
        return current.astimezone(tz) if tz is not None else current.astimezone().replace(tzinfo=None)


def _install() -> None:
    # Idempotent so that module reloads in test runners do not stack subclasses.
    if _spiff_timer.datetime is not _ClockedDatetime:
        _spiff_timer.datetime = _ClockedDatetime


_install()


def current_time() -> datetime:
    """Now, aware UTC, as the engine call running in this context sees it (else real time)."""
    clock = _active_clock.get()
    return aware_utc(clock()) if clock is not None else datetime.now(UTC)


@contextmanager
def clock_in_effect(clock: Clock) -> Iterator[None]:
    """Make Spiff's timers read ``clock`` for the duration of one engine call."""
    token = _active_clock.set(clock)
    try:
        yield
    finally:
        _active_clock.reset(token)


@contextmanager
def moment_in_effect(moment: datetime) -> Iterator[None]:
    """Within an engine call, make time stand at ``moment``: a late timer fires at its due time, a
    migrated timer is re-armed from when its step began. Whatever the call's clock is (the system
    clock or a fake one), it is back in effect afterwards."""
    fixed = aware_utc(moment)
    with clock_in_effect(lambda: fixed):
        yield
