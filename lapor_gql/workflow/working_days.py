"""Working-day arithmetic for diagram timers: ``working_days(n)`` in a ``timeDate`` expression.

The adapter knows no database: the caller hands the engine a :class:`WorkingCalendar` (weekend days,
holiday dates, time zone) per call, and the sandbox's ``working_days`` reads the calendar and the
clock of the engine call running in the current context.

The rule, in the calendar's local time (working days are Indonesian dates, not UTC dates):

* from a moment on a working day, ``n`` working days later is the same time of day on the ``n``-th
  following working day (Monday 10:00 + 3 = Thursday 10:00; Friday 10:00 + 1 = Monday 10:00);
* from a moment on a weekend or holiday, counting starts at 00:00 of the next working day, which is
  the first day counted (Saturday 10:00 + 1 = Tuesday 00:00: the whole of Monday is day one);
* ``working_days(0)`` is "now", moved to 00:00 of the next working day if today is not one.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from .clock import current_time

DEFAULT_TIME_ZONE = "Asia/Jakarta"
DEFAULT_WEEKEND = frozenset({6, 7})
# A timer further out than this is almost certainly a typo (and would loop over years of dates).
MAX_WORKING_DAYS = 1000


@dataclass(frozen=True)
class WorkingCalendar:
    """Which local dates are working days: not a weekend day (ISO 1-7) and not a holiday."""

    weekend: frozenset[int] = DEFAULT_WEEKEND
    holidays: frozenset[date] = field(default_factory=frozenset)
    time_zone: str = DEFAULT_TIME_ZONE

    def __post_init__(self) -> None:
        if not self.weekend <= frozenset(range(1, 8)):
            raise ValueError(f"weekend days must be ISO weekday numbers 1-7, got {sorted(self.weekend)}")
        if len(self.weekend) == 7:
            raise ValueError("a week needs at least one working day")
        ZoneInfo(self.time_zone)  # fail here, not in a timer weeks later

    def is_working_day(self, day: date) -> bool:
        return day.isoweekday() not in self.weekend and day not in self.holidays

    def next_working_day(self, day: date) -> date:
        """The first working day strictly after ``day``."""
        day += timedelta(days=1)
        # Bounded: at most a week of weekends plus every holiday can be skipped in a row.
        for _ in range(len(self.holidays) + 8):
            if self.is_working_day(day):
                return day
            day += timedelta(days=1)
        raise ValueError(f"no working day found after {day}")  # pragma: no cover - guarded above

    def add_working_days(self, start: datetime, n: int) -> datetime:
        """``n`` working days after ``start`` (aware), as an aware UTC datetime; see the module rule."""
        if isinstance(n, bool) or not isinstance(n, int):
            raise TypeError(f"working_days() needs a whole number of days, got {type(n).__name__}")
        if not 0 <= n <= MAX_WORKING_DAYS:
            raise ValueError(f"working_days() needs 0 to {MAX_WORKING_DAYS} days, got {n}")
        if start.tzinfo is None:
            raise ValueError("naive datetimes are ambiguous here; pass an aware datetime")
        zone = ZoneInfo(self.time_zone)
        local = start.astimezone(zone)
        day, time_of_day = local.date(), local.time().replace(tzinfo=None)
        if not self.is_working_day(day):
            day, time_of_day = self.next_working_day(day), time(0)
        for _ in range(n):
            day = self.next_working_day(day)
        return datetime.combine(day, time_of_day, tzinfo=zone).astimezone(UTC)

    def working_days_between(self, start: date, end: date) -> int:
        """The working days after ``start`` up to and including ``end``; when ``end`` is earlier, minus
        those after ``end`` up to and including ``start``. The inverse of ``add_working_days`` counted
        from a working day: Monday to Thursday is 3, Thursday to Monday -3, Friday to Saturday 0."""
        if end < start:
            return -self.working_days_between(end, start)
        # Any seven days in a row hold every weekday once: whole weeks need no walk, and the rest of
        # the span is under a week, so a deadline years away costs as little as one next week.
        weeks, rest = divmod((end - start).days, 7)
        count = weeks * (7 - len(self.weekend))
        day = start + timedelta(weeks=weeks)
        for _ in range(rest):
            day += timedelta(days=1)
            count += day.isoweekday() not in self.weekend
        # A holiday on a weekend day was not counted above, so it is not taken off either.
        return count - sum(
            1
            for holiday in self.holidays
            if start < holiday <= end and holiday.isoweekday() not in self.weekend
        )

    def working_time_between(self, start: datetime, end: datetime) -> float:
        """Working days elapsed from ``start`` to ``end`` (aware): each working day of the calendar's
        local dates counts fully from 00:00 to 24:00, weekends and holidays not at all, and a day the
        span only partly covers counts for that part (Monday 10:00 to Monday 16:00 is 0.25; Friday
        18:00 to Monday 06:00 is 0.5). Zero when ``end`` is not after ``start``."""
        if start.tzinfo is None or end.tzinfo is None:
            raise ValueError("naive datetimes are ambiguous here; pass aware datetimes")
        if end <= start:
            return 0.0
        zone = ZoneInfo(self.time_zone)
        local_start, local_end = start.astimezone(zone), end.astimezone(zone)
        first, last = local_start.date(), local_end.date()
        if first == last:
            return self._day_share(first, local_start, local_end)
        # The whole days between the first and the last, then the parts of those two.
        whole = self.working_days_between(first, last) - (1 if self.is_working_day(last) else 0)
        head = self._day_share(first, local_start, _local_midnight(first + timedelta(days=1), zone))
        tail = self._day_share(last, _local_midnight(last, zone), local_end)
        return head + whole + tail

    def _day_share(self, day: date, start: datetime, end: datetime) -> float:
        if not self.is_working_day(day):
            return 0.0
        zone = ZoneInfo(self.time_zone)
        length = (_local_midnight(day + timedelta(days=1), zone) - _local_midnight(day, zone)).total_seconds()
        return (end - start).total_seconds() / length


def _local_midnight(day: date, zone: ZoneInfo) -> datetime:
    return datetime.combine(day, time(0), tzinfo=zone)


# Weekends only, in the default zone: what the upload lint and callers without a calendar get.
WEEKENDS_ONLY = WorkingCalendar()

_active_calendar: ContextVar[WorkingCalendar | None] = ContextVar("lapor_working_calendar", default=None)


@contextmanager
def calendar_in_effect(calendar: WorkingCalendar) -> Iterator[None]:
    """Make ``working_days`` count with ``calendar`` for the duration of one engine call."""
    token = _active_calendar.set(calendar)
    try:
        yield
    finally:
        _active_calendar.reset(token)


def working_days(n: int) -> str:
    """The sandbox function: ISO 8601 timeDate (UTC) ``n`` working days after the engine's now."""
    calendar = _active_calendar.get() or WEEKENDS_ONLY
    return calendar.add_working_days(current_time(), n).isoformat()
