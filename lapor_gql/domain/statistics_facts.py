"""The facts the statistics count, recorded in the transaction of each step.

Every step a report takes (a submission, an action, a timer, a migration) ends in ``record_step`` with
the report as it was before and as it is now, while the report is still locked. It keeps the report's
``ReportFact`` row current and opens and closes its rounds (``DispositionFact``): the statistics are
then aggregates over these rows (``db.statistics_queries``), never a walk over timelines.

The definitions, as the README's "Statistics" section gives them:

* A **round** begins when a report reaches an agency that must answer it: a disposition (by the admin
  or a diagram's rule), an accepted not-authority request (the new agency), or a reopen (the same
  agency answers again). Its **deadline** is the one the diagram set at that moment (the report's
  deadline after the step), so a changed diagram changes compliance from the reports that start on it.
* A round's **first answer** is the first action taken in the agency's lane that writes a public text
  to the reporter (a follow-up, a closure with its resolution, a declared action with a note). A
  not-authority request is no answer (its reason is internal) and does not stop the clock: a rejected
  request leaves the round and its deadline as they were; an accepted one ends it.
* A round **ends** when another begins, or the report closes or is archived.
* **Hold** exists before disposition only (in the shipped diagram): its time counts in the time to
  disposition, never against an agency.
* **Satisfaction** counts the rating standing now (``Report.rating_score``, set by a diagram-declared
  ``rating`` input, cleared where the diagram says so) on reports **closed now**: a reopened report's
  rating is not counted while it is open, even where the diagram keeps it (no ``rating=clear``).
* Times are **working days** (``WorkingCalendar.working_time_between``) in the calendar of the agency
  concerned, the national one before a disposition, in hundredths, fixed when the fact is recorded.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Protocol
from zoneinfo import ZoneInfo

from lapor_gql.config import Settings
from lapor_gql.db.command_rows import fact_and_open_round
from lapor_gql.db.models import DispositionFact, Report, ReportFact
from lapor_gql.workflow import WorkingCalendar

from .calendar import working_calendar
from .catalog import Catalog

# Statuses of the status vocabulary (domain.labels.STATUS_LABELS) the facts tell apart.
CLOSED = "CLOSED"
ARCHIVED = "ARCHIVED"
NOT_AUTHORITY_REQUESTED = "NOT_AUTHORITY_REQUESTED"
FINISHED = frozenset({CLOSED, ARCHIVED})
# Times are kept in hundredths of a working day.
DAYS_DECIMALS = 2


class RoundCause(StrEnum):
    DISPOSED = "DISPOSED"
    REASSIGNED = "REASSIGNED"
    REOPENED = "REOPENED"


class ReportState(Protocol):
    """What the facts read of a report after a step (a ``Report``, or a step replayed from a timeline)."""

    id: int
    status: str
    agency_id: int | None
    deadline: datetime | None
    is_overdue: bool
    rating_score: int | None


@dataclass(frozen=True)
class Before:
    """What the facts compare a step with: the report's projected columns before it."""

    status: str
    agency_id: int | None
    is_overdue: bool
    deadline: datetime | None = None
    rating_score: int | None = None

    @classmethod
    def of(cls, report: Report) -> Before:
        return cls(report.status, report.agency_id, report.is_overdue, report.deadline, report.rating_score)

    def unchanged_in(self, report: ReportState) -> bool:
        """Whether the step left every column the facts read as it was."""
        return (self.status, self.agency_id, self.is_overdue, self.deadline, self.rating_score) == (
            report.status,
            report.agency_id,
            report.is_overdue,
            report.deadline,
            report.rating_score,
        )


NOTHING_YET = Before(status="", agency_id=None, is_overdue=False)


class _Unread:
    """The open round has not been read yet."""


UNREAD = _Unread()


@dataclass(frozen=True)
class ByPerson:
    """A step a person took (None: a timer, a rule on its own, a migration)."""

    user_id: int | None
    answers: bool
    """Whether it is an answer of the agency: taken in the agency's lane, with a public text."""


async def record_submission(report: Report, now: datetime, holidays: Catalog | None = None) -> None:
    """The report's fact row, once the submission is stored (and any rule that disposed it at once);
    ``holidays``: the runtime's catalog, whose holidays the times count with."""
    fact = await new_fact(report)
    await advance_facts(fact, report, NOTHING_YET, now, None, created=True, holidays=holidays)


async def new_fact(report: Report) -> ReportFact:
    """A report's fact row as at its submission (not stored yet)."""
    zone = ZoneInfo(Settings.from_environment().time_zone)  # the calendars' time zone
    local = report.created_at.astimezone(zone).date()
    return ReportFact(
        report_id=report.id,
        agency_id=None,
        classification=report.classification,
        category=report.category,
        is_confidential=report.is_confidential,
        status=report.status,
        deadline=report.deadline,
        submitted_at=report.created_at,
        submitted_on=local,
        submitted_month=local.year * 100 + local.month,
    )


async def record_step(
    report: Report,
    before: Before,
    now: datetime,
    by: ByPerson | None,
    holidays: Catalog | None = None,
) -> None:
    """One step of a stored report: ``report`` as it is now, ``before`` as it was."""
    if before.unchanged_in(report) and not (by is not None and by.answers):
        return  # a reply, a reminder, a note: nothing the statistics count moved, and no query for it
    fact, current = await fact_and_open_round(report.id)  # one statement for both
    if fact is None:  # a report from before the facts existed: nothing of it is counted
        return
    await advance_facts(fact, report, before, now, by, created=False, holidays=holidays, current=current)


async def advance_facts(
    fact: ReportFact,
    report: ReportState,
    before: Before,
    now: datetime,
    by: ByPerson | None,
    *,
    created: bool,
    holidays: Catalog | None = None,
    current: DispositionFact | None | _Unread = UNREAD,
) -> None:
    """Move ``fact`` and the report's rounds on by one step (``created``: ``fact`` is not stored yet;
    ``holidays``: the runtime's catalog, if the caller has one; ``current``: the open round, if
    the caller read it with the fact)."""
    agency_changed = report.agency_id is not None and report.agency_id != before.agency_id
    reopened = before.status == CLOSED and report.status != CLOSED
    if isinstance(current, _Unread):
        current = None if created else await _open_round(report.id)
    calendars = _StepCalendars(holidays)
    # What changes of the open round, written in one statement (an answer that closes the report
    # both answers and ends it).
    round_fields: list[str] = []

    if current is not None and by is not None and by.answers and current.first_answer_at is None:
        calendar = await calendars.of(current.agency_id)
        current.first_answer_at = now
        current.first_answer_by_id = by.user_id
        current.days_to_answer = _days(calendar, current.started_at, now)
        round_fields += ["first_answer_at", "first_answer_by_id", "days_to_answer"]
        if fact.first_answer_at is None:
            fact.first_answer_at = now
            fact.days_to_first_answer = _days(calendar, fact.submitted_at, now)

    if current is not None and (agency_changed or reopened or report.status in FINISHED):
        current.ended_at = now
        round_fields.append("ended_at")
    if current is not None and round_fields:
        await current.save(update_fields=round_fields)  # ended before the next round begins
    if report.agency_id is not None and (agency_changed or reopened) and report.status not in FINISHED:
        await _begin_round(fact, report, before, now, reopened and not agency_changed, calendars)

    if fact.first_disposed_at is None and report.agency_id is not None:
        fact.first_disposed_at = now
        fact.days_to_disposition = _days(await calendars.of(None), fact.submitted_at, now)
    if report.status == CLOSED and before.status != CLOSED:
        if fact.first_closed_at is None:
            fact.first_closed_at = now
            calendar = await calendars.of(report.agency_id)
            fact.days_to_closure = _days(calendar, fact.submitted_at, now)
        if by is None:
            fact.auto_closed = True
    if reopened:
        fact.reopen_count += 1
    if report.status == NOT_AUTHORITY_REQUESTED and before.status != NOT_AUTHORITY_REQUESTED:
        fact.not_authority_requested += 1
    elif before.status == NOT_AUTHORITY_REQUESTED and report.status != NOT_AUTHORITY_REQUESTED:
        if agency_changed:
            fact.not_authority_accepted += 1
        else:
            fact.not_authority_rejected += 1
    # A deadline of the diagram passed while an agency had the report (the verification deadline,
    # the admin's own, is not an escalation of an agency).
    if report.is_overdue and not before.is_overdue and before.agency_id is not None:
        fact.escalated = True

    fact.status = report.status
    fact.deadline = report.deadline
    fact.agency_id = report.agency_id
    fact.rating_score = report.rating_score
    await fact.save(force_create=created)


class _StepCalendars:
    """The calendars one step's facts count with, each looked up once (without a runtime's catalog a
    lookup checks the holidays' fingerprint in the database, and a disposition needs the national
    calendar twice)."""

    def __init__(self, holidays: Catalog | None) -> None:
        self._holidays = holidays
        self._found: dict[int | None, WorkingCalendar] = {}

    async def of(self, agency_id: int | None) -> WorkingCalendar:
        if agency_id not in self._found:
            self._found[agency_id] = await working_calendar(agency_id, self._holidays)
        return self._found[agency_id]


def _days(calendar: WorkingCalendar, start: datetime, end: datetime) -> float:
    """Working days from ``start`` to ``end``, in hundredths (about a quarter of an hour): what a
    dashboard shows, and what lets the statistics count each distinct time instead of sorting them."""
    return round(calendar.working_time_between(start, end), DAYS_DECIMALS)


async def _open_round(report_id: int) -> DispositionFact | None:
    return await DispositionFact.filter(report_id=report_id, ended_at__isnull=True).order_by("-id").first()


async def _begin_round(
    fact: ReportFact,
    report: ReportState,
    before: Before,
    now: datetime,
    reopen: bool,
    calendars: _StepCalendars,
) -> None:
    assert report.agency_id is not None
    zone = ZoneInfo((await calendars.of(None)).time_zone)
    local = now.astimezone(zone).date()
    if reopen:
        cause = RoundCause.REOPENED
    elif before.agency_id is None:
        cause = RoundCause.DISPOSED
    else:
        cause = RoundCause.REASSIGNED
    await DispositionFact.create(
        report_id=report.id,
        agency_id=report.agency_id,
        cause=cause.value,
        classification=fact.classification,
        category=fact.category,
        is_confidential=fact.is_confidential,
        started_at=now,
        started_on=local,
        started_month=local.year * 100 + local.month,
        deadline=report.deadline,
    )
