"""Working-day arithmetic: ``working_days(n)`` over weekends, holidays and the Idul Fitri block."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from lapor_gql.domain.calendar import parse_holidays_ics
from lapor_gql.workflow import WEEKENDS_ONLY, FakeClock, ProcessDiagram, WorkflowEngine, WorkingCalendar
from lapor_gql.workflow.clock import clock_in_effect
from lapor_gql.workflow.sandbox import evaluate_sample
from lapor_gql.workflow.working_days import calendar_in_effect

ROOT = Path(__file__).resolve().parents[2]
WIB = ZoneInfo("Asia/Jakarta")
ID_2026 = ROOT / "workflows" / "calendars" / "id-2026.ics"


def wib(month: int, day: int, hour: int = 10, minute: int = 0) -> datetime:
    return datetime(2026, month, day, hour, minute, tzinfo=WIB)


@pytest.fixture(scope="module")
def calendar_2026() -> WorkingCalendar:
    days = frozenset(day for day, _name, _kind in parse_holidays_ics(ID_2026.read_bytes(), None))
    return WorkingCalendar(holidays=days)


@pytest.mark.parametrize(
    ("start", "n", "expected"),
    [
        (wib(3, 2), 3, wib(3, 5)),  # Monday 10:00 + 3 = Thursday 10:00
        (wib(3, 6), 1, wib(3, 9)),  # Friday 10:00 + 1 = Monday 10:00
        (wib(3, 5), 3, wib(3, 10)),  # Thursday + 3 = Tuesday, over the weekend
        (wib(3, 2), 10, wib(3, 16)),  # two weekends
        (wib(3, 7), 1, wib(3, 10, 0)),  # Saturday: Monday is day one, so Tuesday 00:00
        (wib(3, 8, 23, 59), 0, wib(3, 9, 0)),  # Sunday, 0 days: the start of Monday
        (wib(3, 4, 15, 30), 0, wib(3, 4, 15, 30)),  # a working day, 0 days: now
    ],
)
def test_weekends_are_skipped_and_the_time_of_day_kept(start: datetime, n: int, expected: datetime) -> None:
    assert WEEKENDS_ONLY.add_working_days(start, n) == expected


def test_days_are_local_dates_not_utc_dates() -> None:
    # Friday 18:00 UTC is already Saturday 01:00 in Jakarta: counting starts on Monday.
    friday_evening_utc = datetime(2026, 3, 6, 18, 0, tzinfo=UTC)
    assert WEEKENDS_ONLY.add_working_days(friday_evening_utc, 1) == wib(3, 10, 0)
    # Monday 20:00 UTC is Tuesday 03:00 WIB: three working days later is Friday 03:00 WIB.
    assert WEEKENDS_ONLY.add_working_days(datetime(2026, 3, 2, 20, 0, tzinfo=UTC), 3) == wib(3, 6, 3)
    assert WEEKENDS_ONLY.add_working_days(wib(3, 2), 3).tzinfo == UTC


def test_a_national_holiday_is_skipped(calendar_2026: WorkingCalendar) -> None:
    # Independence Day, Monday 17 August 2026.
    assert WEEKENDS_ONLY.add_working_days(wib(8, 14), 1) == wib(8, 17)
    assert calendar_2026.add_working_days(wib(8, 14), 1) == wib(8, 18)
    # Good Friday, 3 April 2026: Thursday + 1 is Monday.
    assert calendar_2026.add_working_days(wib(4, 2), 1) == wib(4, 6)


def test_the_idul_fitri_block_with_cuti_bersama_is_skipped(calendar_2026: WorkingCalendar) -> None:
    # Wed 18 (cuti bersama Nyepi), Thu 19 (Nyepi), Fri 20 - Sat 21 (Idul Fitri), Mon 23 - Tue 24 (cuti
    # bersama): from Tuesday 17 March the next working days are 25, 26 and 27 March.
    assert not any(calendar_2026.is_working_day(date(2026, 3, day)) for day in range(18, 25))
    assert calendar_2026.add_working_days(wib(3, 17), 1) == wib(3, 25)
    assert calendar_2026.add_working_days(wib(3, 17), 3) == wib(3, 27)
    # On a day of the block itself, counting starts with the whole of Wednesday 25 March.
    assert calendar_2026.add_working_days(wib(3, 19), 3) == wib(3, 30, 0)
    # Ten working days from Thursday 12 March: 13, 16, 17, 25, 26, 27, 30, 31 March, 1 and 2 April.
    assert calendar_2026.add_working_days(wib(3, 12), 10) == wib(4, 2)


def test_the_weekend_is_configurable() -> None:
    friday_saturday = WorkingCalendar(weekend=frozenset({5, 6}))
    assert friday_saturday.add_working_days(wib(3, 5), 1) == wib(3, 8)  # Thursday + 1 = Sunday
    assert WorkingCalendar(weekend=frozenset()).add_working_days(wib(3, 6), 1) == wib(3, 7)


def test_working_days_between_counts_what_add_working_days_adds(calendar_2026: WorkingCalendar) -> None:
    # From every day of 2026 (weekends and holidays too), n working days on, and back again.
    for calendar in (WEEKENDS_ONLY, calendar_2026, WorkingCalendar(weekend=frozenset({5, 6}))):
        for offset in range(365):
            start = date(2026, 1, 1) + timedelta(days=offset)
            for n in (0, 1, 2, 3, 10, 40):
                end = calendar.add_working_days(datetime.combine(start, time(10), tzinfo=WIB), n)
                # From a day off, add_working_days counts the next working day whole as day one
                # and lands on the (n+1)-th working day after the start.
                expected = n if calendar.is_working_day(start) else n + 1
                assert calendar.working_days_between(start, end.astimezone(WIB).date()) == expected
                assert calendar.working_days_between(end.astimezone(WIB).date(), start) == -expected


def test_working_days_between_matches_a_walk_over_every_day(calendar_2026: WorkingCalendar) -> None:
    def walked(calendar: WorkingCalendar, start: date, end: date) -> int:
        sign, (low, high) = (1, (start, end)) if start <= end else (-1, (end, start))
        days = ((low + timedelta(days=i)) for i in range(1, (high - low).days + 1))
        return sign * sum(calendar.is_working_day(day) for day in days)

    with_weekend_holiday = WorkingCalendar(holidays=calendar_2026.holidays | {date(2026, 3, 7)})
    for calendar in (WEEKENDS_ONLY, with_weekend_holiday, WorkingCalendar(weekend=frozenset({7}))):
        for start in (date(2025, 12, 27), date(2026, 3, 17), date(2026, 3, 21), date(2026, 8, 17)):
            for span in (-400, -9, -7, -1, 0, 1, 6, 7, 8, 13, 14, 30, 365, 1500):
                end = start + timedelta(days=span)
                assert calendar.working_days_between(start, end) == walked(calendar, start, end)


def test_bad_arguments_are_refused() -> None:
    for bad in (-1, 1001):
        with pytest.raises(ValueError, match="working_days"):
            WEEKENDS_ONLY.add_working_days(wib(3, 2), bad)
    for wrong in (1.5, "3", True):
        with pytest.raises(TypeError):
            WEEKENDS_ONLY.add_working_days(wib(3, 2), wrong)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="naive"):
        WEEKENDS_ONLY.add_working_days(datetime(2026, 3, 2), 1)  # noqa: DTZ001
    with pytest.raises(ValueError, match="at least one working day"):
        WorkingCalendar(weekend=frozenset(range(1, 8)))
    with pytest.raises(ValueError, match="ISO weekday"):
        WorkingCalendar(weekend=frozenset({0}))


def test_the_sandbox_function_reads_the_calls_clock_and_calendar(calendar_2026: WorkingCalendar) -> None:
    now = wib(3, 17).astimezone(UTC)
    with clock_in_effect(lambda: now):
        assert evaluate_sample("working_days(3)") == "2026-03-20T03:00:00+00:00"  # weekends only
        with calendar_in_effect(calendar_2026):
            assert evaluate_sample("working_days(3)") == "2026-03-27T03:00:00+00:00"


def test_the_engine_counts_with_the_calendar_it_is_given(calendar_2026: WorkingCalendar) -> None:
    diagram = ProcessDiagram.from_file(ROOT / "workflows" / "report_lifecycle.bpmn")
    clock = FakeClock(wib(3, 17))
    engine = WorkflowEngine(clock)
    assert engine.start(diagram).deadline == wib(3, 20)
    with_holidays = engine.start(diagram, calendar=calendar_2026)
    assert with_holidays.deadline == wib(3, 27)
    # A later call without a calendar does not inherit the previous one.
    assert engine.start(diagram).deadline == wib(3, 20)
    # An armed deadline keeps its date: a stored workflow is not recounted with another calendar.
    clock.advance(days=1)
    assert engine.fire_due_timers(with_holidays.state).deadline == wib(3, 27)


def test_the_shipped_calendar_lists_2026_holidays() -> None:
    entries = parse_holidays_ics(ID_2026.read_bytes(), None)
    days = {day: kind.value for day, _name, kind in entries}
    assert days[date(2026, 1, 1)] == "NATIONAL"
    assert days[date(2026, 8, 17)] == "NATIONAL"
    assert days[date(2026, 3, 23)] == days[date(2026, 3, 24)] == "CUTI_BERSAMA"
    assert all(day.year == 2026 for day in days)
