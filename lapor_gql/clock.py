"""Time as a dependency: production reads the system clock, tests and demo seeding move a fake one."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta

Clock = Callable[[], datetime]


def system_clock() -> datetime:
    """The real time, aware UTC."""
    return datetime.now(UTC)


def aware_utc(value: datetime) -> datetime:
    """The same instant as a plain UTC ``datetime`` (not a subclass), refusing naive values."""
    if value.tzinfo is None or value.utcoffset() is None:
        raise ValueError("naive datetimes are ambiguous here; pass an aware datetime")
    utc = value.astimezone(UTC)
    if type(utc) is not datetime:
        # Subclasses (such as the clock hook in the workflow adapter) cannot be bound by database drivers.
        utc = datetime(
            utc.year, utc.month, utc.day, utc.hour, utc.minute, utc.second, utc.microsecond, tzinfo=UTC
        )
    return utc


class FakeClock:
    """A clock that only moves when told to."""

    def __init__(self, start: datetime | None = None) -> None:
        self._now = aware_utc(start or datetime(2025, 1, 6, 9, 0, tzinfo=UTC))

    def __call__(self) -> datetime:
        return self._now

    @property
    def now(self) -> datetime:
        return self._now

    def advance(self, delta: timedelta | None = None, **kwargs: float) -> datetime:
        self._now = self._now + (delta or timedelta()) + timedelta(**kwargs)
        return self._now

    def set(self, when: datetime) -> datetime:
        self._now = aware_utc(when)
        return self._now
