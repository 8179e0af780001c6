"""Statistics against a recount: random report histories on a fake clock, every figure recomputed.

Each seed builds a province (four agencies, one of them a unit under PU with a liaison of its own;
PU with two liaisons) and random national and per-agency holidays, then walks: at each step it
submits a report, takes one of the actions some actor has on some report (disposing, holding,
answering, replying, not-authority requests and decisions, closing, rating, reopening, archiving), or moves
the clock by minutes to weeks (sometimes exactly onto a deadline, where the agency often answers)
and fires due timers.

At a few instants every figure of ``statistics`` (totals, agencies with their bands and ranks,
months, liaisons) and of ``public_statistics`` is compared, under several filters, with a recount.
The recount reads the timelines (``report_event`` in id order) and the report rows only, never the
facts tables, and counts working time and deadlines with arithmetic of its own, so a mistake in
``statistics_facts``, ``statistics_queries`` or the working calendar shows up as a difference. The
definitions it follows are the docstring of ``lapor_gql.domain.statistics_facts``.

A failure names its seed in the test id and its message: ``pytest tests/test_statistics_property.py
-k seed_7`` runs that history again.
"""

from __future__ import annotations

import math
import os
import random
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, fields, is_dataclass, replace
from datetime import UTC, date, datetime, time, timedelta
from fractions import Fraction
from zoneinfo import ZoneInfo

import pytest

from lapor_gql.clock import FakeClock
from lapor_gql.config import Settings
from lapor_gql.db import statistics_queries as sql
from lapor_gql.db.models import Agency, Classification, Holiday, HolidayKind, Report, ReportEvent, Role, User
from lapor_gql.domain import reports
from lapor_gql.domain.actors import Actor
from lapor_gql.domain.calendar import create_holiday
from lapor_gql.domain.processes import Runtime
from lapor_gql.domain.statistics import (
    Band,
    ComplianceBands,
    Period,
    PublicAgencyFigures,
    StatisticsQuery,
    public_statistics,
    statistics,
)

from .conftest import START

# More histories for a deeper run: LAPOR_STATISTICS_SEEDS=200 pytest tests/test_statistics_property.py
SEEDS = range(int(os.environ.get("LAPOR_STATISTICS_SEEDS", "16")))
STEPS = 95
"""Steps of one seed's walk (submissions, actions and clock moves together)."""
CHECKPOINTS = (35, 70, STEPS)
REPORTS_PER_SEED = (12, 16)
# The facts keep times in hundredths of a working day; the recount keeps them exact. A time matches
# when it is the exact one rounded (either way at a tie: a float sum may land on either side of it).
TOLERANCE = 0.005 + 1e-9
# Round deadlines of the shipped diagram: "3 working days to follow up".
FOLLOW_UP_WORKING_DAYS = 3
MICROSECOND = timedelta(microseconds=1)
CATEGORIES = ("", "Jalan", "Kesehatan", "Sekolah")
CLOSED, ARCHIVED, NOT_AUTHORITY = "CLOSED", "ARCHIVED", "NOT_AUTHORITY_REQUESTED"
FINISHED = {CLOSED, ARCHIVED}
# The agency's actions that write a text for the reporter.
ANSWERS = {"follow_up", "close"}
# How often each action is picked when it is available: enough answers to measure, enough of the
# rare turns (not-authority, reopen, hold, archive) to meet them in every seed.
WEIGHTS = {
    "dispose": 4.0,
    "follow_up": 3.0,
    "reply": 3.0,
    "close": 2.0,
    "reopen": 0.6,
    "request_not_authority": 1.2,
    "resolve_not_authority": 3.0,
    "hold": 0.8,
    "resume": 2.0,
    "archive": 0.3,
}


# --- the province and its calendar -----------------------------------------------------------


@dataclass
class Province:
    admin: Actor
    pu: Agency
    unit: Agency
    """A unit under PU, with a liaison and holidays of its own."""
    dinkes: Agency
    dindik: Agency
    liaisons: dict[int, list[Actor]]
    """By agency: PU has two, so answers are told apart by person."""
    citizens: list[Actor]

    @property
    def agencies(self) -> list[Agency]:
        return [self.pu, self.unit, self.dinkes, self.dindik]


async def _province(rt: Runtime, rng: random.Random) -> Province:
    # People are made here without logins (tests.world issues a token per person, and argon2 is slow
    # on purpose): the walk calls the domain with their actors.
    async def person(name: str, role: Role, agency: Agency | None = None) -> Actor:
        email = f"{name.lower().replace(' ', '.')}@lapor.test"
        user = await User.create(name=name, email=email, password_hash="-", role=role.value, agency=agency)
        return Actor(user.id, role, agency.id if agency else None)

    pu = await Agency.create(code="PU", name="Dinas Pekerjaan Umum")
    unit = await Agency.create(code="PU-JALAN", name="Bidang Jalan", parent=pu)
    dinkes = await Agency.create(code="DINKES", name="Dinas Kesehatan")
    dindik = await Agency.create(code="DINDIK", name="Dinas Pendidikan")
    province = Province(
        admin=await person("Admin", Role.ADMIN),
        pu=pu,
        unit=unit,
        dinkes=dinkes,
        dindik=dindik,
        liaisons={
            pu.id: [
                await person("Pu Liaison", Role.LIAISON, pu),
                await person("Pu Liaison Dua", Role.LIAISON, pu),
            ],
            unit.id: [await person("Jalan Liaison", Role.LIAISON, unit)],
            dinkes.id: [await person("Dinkes Liaison", Role.LIAISON, dinkes)],
            dindik.id: [await person("Dindik Liaison", Role.LIAISON, dindik)],
        },
        citizens=[await person("Budi", Role.CITIZEN), await person("Siti", Role.CITIZEN)],
    )
    # Holidays over the weeks the walk covers, some on weekends (which must change nothing).
    days = [START.date() + timedelta(days=i) for i in range(1, 90)]
    for day in rng.sample(days, rng.randint(2, 7)):
        await create_holiday(rt, province.admin, day, "Libur nasional", HolidayKind.NATIONAL, None)
    for agency in rng.sample(province.agencies, rng.randint(1, 3)):
        for day in rng.sample(days, rng.randint(1, 4)):
            await create_holiday(rt, province.admin, day, "Libur instansi", HolidayKind.NATIONAL, agency.id)
    return province


@dataclass(frozen=True)
class Calendar:
    """The recount's own working days: weekend days and holidays of local dates in one zone."""

    weekend: frozenset[int]
    holidays: frozenset[date]
    zone: ZoneInfo

    def is_working(self, day: date) -> bool:
        return day.isoweekday() not in self.weekend and day not in self.holidays

    def working_time(self, start: datetime, end: datetime) -> float:
        """Day by day: the part of each working day's 24 hours the span covers (exact, in microseconds)."""
        total = Fraction(0)
        day = start.astimezone(self.zone).date()
        while day <= end.astimezone(self.zone).date():
            opens = datetime.combine(day, time(0), tzinfo=self.zone)
            closes = datetime.combine(day + timedelta(days=1), time(0), tzinfo=self.zone)
            covered = (min(end, closes) - max(start, opens)) // MICROSECOND
            if self.is_working(day) and covered > 0:
                total += Fraction(covered, (closes - opens) // MICROSECOND)
            day += timedelta(days=1)
        return float(total)

    def deadline(self, start: datetime, working_days: int) -> datetime:
        """The same time of day that many working days later; from a day off, counting from 00:00 of
        the next working day, which is the first day counted."""
        local = start.astimezone(self.zone)
        day, at = local.date(), local.time().replace(tzinfo=None)
        if not self.is_working(day):
            at = time(0)
            day += timedelta(days=1)
            while not self.is_working(day):
                day += timedelta(days=1)
        counted = 0
        while counted < working_days:
            day += timedelta(days=1)
            counted += self.is_working(day)
        return datetime.combine(day, at, tzinfo=self.zone).astimezone(UTC)


async def _calendars() -> dict[int | None, Calendar]:
    settings = Settings.from_environment()
    zone = ZoneInfo(settings.time_zone)
    national = {h.date for h in await Holiday.filter(agency_id__isnull=True)}
    found: dict[int | None, Calendar] = {None: Calendar(settings.weekend_days, frozenset(national), zone)}
    for agency in await Agency.all():
        own = {h.date for h in await Holiday.filter(agency_id=agency.id)}
        found[agency.id] = Calendar(settings.weekend_days, frozenset(national | own), zone)
    return found


# --- the walk --------------------------------------------------------------------------------


@dataclass
class Walk:
    rng: random.Random
    rt: Runtime
    clock: FakeClock
    province: Province
    reporters: dict[int, Actor] = field(default_factory=dict)
    """The reporter of each report: a citizen, or the holder of an anonymous report's access code."""
    round_deadlines: dict[int, list[datetime | None]] = field(default_factory=dict)
    """Per report, the report's deadline right after each step that began a round, in order."""
    planned: int = 0

    async def step(self) -> None:
        submitted = len(self.reporters)
        roll = self.rng.random()
        if submitted < self.planned and (submitted == 0 or roll < 0.15):
            await self.submit()
        elif roll < 0.3 or not await self.act():
            await self.move_clock()

    async def submit(self) -> None:
        rng = self.rng
        draft = reports.ReportDraft(
            title=f"Laporan {len(self.reporters) + 1}",
            body="Isi laporan.",
            classification=rng.choice(list(Classification)),
            category=rng.choice(CATEGORIES),
            is_confidential=rng.random() < 0.25,
            is_anonymous=rng.random() < 0.1,
        )
        if rng.random() < 0.15:
            report, _ = await reports.submit_report_without_account(self.rt, draft)
            self.reporters[report.id] = Actor(user_id=None, role=None, report_id=report.id)
        else:
            citizen = rng.choice(self.province.citizens)
            report = await reports.submit_report(self.rt, citizen, draft)
            self.reporters[report.id] = citizen
        self.round_deadlines[report.id] = []

    async def move_clock(self) -> None:
        rng = self.rng
        kind = rng.random()
        if kind < 0.35:
            self.clock.advance(minutes=rng.randint(1, 300))
        elif kind < 0.65:
            self.clock.advance(hours=rng.randint(1, 40))
        elif kind < 0.8:
            self.clock.advance(days=rng.randint(1, 4), minutes=rng.randint(0, 1439))
        elif kind < 0.84:
            self.clock.advance(days=rng.randint(7, 16))  # long enough for silence to close a report
        elif await self.onto_a_deadline():
            return
        else:
            self.clock.advance(hours=rng.randint(1, 24))
        if rng.random() < 0.2:
            self.clock.advance(seconds=rng.randint(0, 59), microseconds=rng.randint(0, 999_999))
        await reports.fire_due_timers(self.rt)

    async def onto_a_deadline(self) -> bool:
        """Onto a report's deadline, or just past it, where "by the deadline" turns into "missed";
        often the agency answers right then."""
        ahead = (
            await Report.filter(deadline__gt=self.clock())
            .order_by("id")
            .values_list("id", "deadline", "status")
        )
        if not ahead:
            return False
        # Mostly a round's first deadline: a disposed report waiting for its first answer.
        waiting = [entry for entry in ahead if entry[2] == "DISPOSED"]
        report_id, deadline, _ = self.rng.choice(waiting if waiting and self.rng.random() < 0.8 else ahead)
        assert isinstance(deadline, datetime)
        self.clock.set(deadline + self.rng.choice([timedelta(0), timedelta(0), MICROSECOND]))
        await reports.fire_due_timers(self.rt)
        if self.rng.random() < 0.75:
            await self.act(report_id, answers_only=True)
        return True

    async def act(self, report_id: int | None = None, answers_only: bool = False) -> bool:
        """One action some actor may take now on some report (or on this one, and only an answer of
        its agency); False when nobody may do anything."""
        options: list[tuple[Report, Actor, str]] = []
        for report in await Report.filter(id__in=[report_id] if report_id else list(self.reporters)).order_by(
            "id"
        ):
            for actor in self._actors_of(report):
                options += [(report, actor, action) for action in reports.available_actions(actor, report)]
        if answers_only:
            options = [o for o in options if o[1].role is Role.LIAISON and o[2] in ANSWERS]
        if not options:
            return False
        report, actor, action = self.rng.choices(options, [WEIGHTS.get(o[2], 1.0) for o in options])[0]
        before_status, before_agency = report.status, report.agency_id
        after = await self._perform(report, actor, action)
        began = (after.agency_id is not None and after.agency_id != before_agency) or (
            before_status == CLOSED and after.status != CLOSED
        )
        if began and after.status not in FINISHED:
            self.round_deadlines[report.id].append(after.deadline)
        return True

    def _actors_of(self, report: Report) -> list[Actor]:
        actors = [self.province.admin, self.reporters[report.id]]
        if report.agency_id is not None:
            actors += self.province.liaisons[report.agency_id]
        return actors

    async def _perform(self, report: Report, actor: Actor, action: str) -> Report:
        rng, rt, n = self.rng, self.rt, report.id
        others = [a.id for a in self.province.agencies if a.id != report.agency_id]
        text = f"{action} {rng.randint(1, 999)}"
        match action:
            case "dispose":
                agency_id = rng.choice([a.id for a in self.province.agencies])
                return await reports.dispose_report(rt, actor, n, agency_id, rng.choice(["", "Catatan"]))
            case "hold":
                return await reports.hold_report(rt, actor, n, text)
            case "resume":
                return await reports.resume_report(rt, actor, n, rng.choice(["", text]))
            case "archive":
                return await reports.archive_report(rt, actor, n, text)
            case "follow_up":
                return await reports.follow_up_report(rt, actor, n, text)
            case "reply":
                return await reports.reply_to_report(rt, actor, n, text)
            case "request_not_authority":
                suggested = rng.choice([None, rng.choice(others)])
                return await reports.request_not_authority(rt, actor, n, text, suggested)
            case "resolve_not_authority":
                if rng.random() < 0.6:
                    return await reports.resolve_not_authority(rt, actor, n, True, rng.choice(others), "")
                return await reports.resolve_not_authority(rt, actor, n, False, None, text)
            case "close":
                return await reports.close_report(rt, actor, n, text)
            case "reopen":
                return await reports.reopen_report(rt, actor, n, text)
            case "rate":
                values = {"score": str(rng.randint(1, 5)), "comment": rng.choice(["", text])}
                return await reports.perform_action(rt, actor, n, "rate", values)
        raise AssertionError(f"the walk does not know the action {action!r}")


# --- the recount, from the timelines -----------------------------------------------------------


@dataclass
class RoundRecount:
    report: ReportRecount
    agency_id: int
    started_at: datetime
    deadline: datetime
    first_answer_at: datetime | None = None
    first_answer_by: int | None = None
    days_to_answer: float | None = None
    ended_at: datetime | None = None

    def outcome(self, now: datetime) -> str:
        if self.first_answer_at is not None:
            return "met" if self.first_answer_at <= self.deadline else "missed"
        if self.ended_at is None:
            return "pending" if now <= self.deadline else "missed"
        return "withdrawn" if self.ended_at <= self.deadline else "missed"


@dataclass
class ReportRecount:
    report_id: int
    classification: str
    category: str
    submitted_at: datetime
    submitted_on: date
    status: str = ""
    agency_id: int | None = None
    deadline: datetime | None = None
    first_disposed_at: datetime | None = None
    days_to_disposition: float | None = None
    first_answer_at: datetime | None = None
    days_to_first_answer: float | None = None
    first_closed_at: datetime | None = None
    days_to_closure: float | None = None
    auto_closed: bool = False
    reopen_count: int = 0
    escalated: bool = False
    not_authority_requested: int = 0
    not_authority_accepted: int = 0
    not_authority_rejected: int = 0
    rating: int | None = None
    """The score standing now: the last ``rate`` entry's, unless an entry cleared it since."""
    rounds: list[RoundRecount] = field(default_factory=list)


async def _recount(calendars: dict[int | None, Calendar], walk: Walk) -> list[ReportRecount]:
    zone = calendars[None].zone
    recounts = []
    events_by_report: dict[int, list[ReportEvent]] = {}
    for event in await ReportEvent.all().order_by("id"):
        events_by_report.setdefault(event.report_id, []).append(event)
    for report in await Report.all().order_by("id"):
        recount = ReportRecount(
            report.id,
            report.classification,
            report.category,
            report.created_at,
            report.created_at.astimezone(zone).date(),
        )
        _replay(recount, events_by_report[report.id], calendars)
        where = f"report {report.id} ({report.tracking_number})"
        # The timeline tells where the report is: it must agree with the report's row.
        assert (recount.status, recount.agency_id) == (report.status, report.agency_id), where
        recount.deadline = report.deadline
        # Each round's deadline is the one the diagram set when it began, as the walk saw it.
        assert [r.deadline for r in recount.rounds] == walk.round_deadlines[report.id], where
        recounts.append(recount)
    return recounts


def _replay(
    recount: ReportRecount, events: Sequence[ReportEvent], calendars: dict[int | None, Calendar]
) -> None:
    """Walk one timeline entry by entry, applying the definitions of ``statistics_facts``."""
    status: str | None = None
    agency_id: int | None = None
    current: RoundRecount | None = None
    for event in events:
        at = event.created_at
        new_status = event.to_status if event.to_status is not None else status
        new_agency_id = agency_id
        moved_to = event.details.get("agencyId")
        accepted = event.action == "resolve_not_authority" and event.details.get("accepted") is True
        if (event.action == "dispose" or accepted) and isinstance(moved_to, int):
            new_agency_id = moved_to
        # An answer: a public text from the agency's lane (its liaisons), in the round open before it.
        answers = event.actor_role == Role.LIAISON.value and bool(event.message) and event.is_public
        if current is not None and answers and current.first_answer_at is None:
            calendar = calendars[current.agency_id]
            current.first_answer_at, current.first_answer_by = at, event.actor_id
            current.days_to_answer = calendar.working_time(current.started_at, at)
            if recount.first_answer_at is None:
                recount.first_answer_at = at
                recount.days_to_first_answer = calendar.working_time(recount.submitted_at, at)
        moved = new_agency_id is not None and new_agency_id != agency_id
        reopened = status == CLOSED and new_status != CLOSED
        if current is not None and (moved or reopened or new_status in FINISHED):
            current.ended_at, current = at, None
        if new_agency_id is not None and (moved or reopened) and new_status not in FINISHED:
            deadline = calendars[new_agency_id].deadline(at, FOLLOW_UP_WORKING_DAYS)
            current = RoundRecount(recount, new_agency_id, at, deadline)
            recount.rounds.append(current)
        if recount.first_disposed_at is None and new_agency_id is not None:
            recount.first_disposed_at = at
            recount.days_to_disposition = calendars[None].working_time(recount.submitted_at, at)
        if new_status == CLOSED and status != CLOSED:
            if recount.first_closed_at is None:
                recount.first_closed_at = at
                recount.days_to_closure = calendars[new_agency_id].working_time(recount.submitted_at, at)
            recount.auto_closed |= event.actor_role == "SYSTEM"
        recount.reopen_count += reopened
        if new_status == NOT_AUTHORITY and status != NOT_AUTHORITY:
            recount.not_authority_requested += 1
        elif status == NOT_AUTHORITY and new_status != NOT_AUTHORITY:
            if moved:
                recount.not_authority_accepted += 1
            else:
                recount.not_authority_rejected += 1
        recount.escalated |= event.action == "ESCALATED"
        if "clearedRating" in event.details:
            recount.rating = None
        if event.action == "rate":
            recount.rating = event.details["values"]["score"]
        status, agency_id = new_status, new_agency_id
    recount.status, recount.agency_id = status or "", agency_id


# --- the expected figures ----------------------------------------------------------------------


@dataclass(frozen=True)
class Filter:
    label: str
    query: StatisticsQuery
    agency_ids: frozenset[int] | None


def _nearest_rank(values: Iterable[float | None]) -> sql.Spread:
    ordered = sorted(v for v in values if v is not None)
    if not ordered:
        return sql.Spread()
    picks = [ordered[max(1, math.ceil(p * len(ordered) / 100)) - 1] for p in (50, 90)]
    return sql.Spread(len(ordered), picks[0], picks[1])


def _in_scope(on: date, agency_id: int | None, report: ReportRecount, chosen: Filter) -> bool:
    query = chosen.query
    assert query.date_from is not None and query.date_to is not None
    return (
        query.date_from <= on <= query.date_to
        and (chosen.agency_ids is None or agency_id in chosen.agency_ids)
        and (query.classification is None or report.classification == query.classification.value)
        and (not (query.category or "").strip() or report.category == (query.category or "").strip())
    )


def _report_figures(found: Sequence[ReportRecount], now: datetime) -> sql.ReportFigures:
    open_now = [r for r in found if r.status not in FINISHED]
    return sql.ReportFigures(
        received=len(found),
        disposed=sum(r.first_disposed_at is not None for r in found),
        followed_up=sum(r.first_answer_at is not None for r in found),
        closed=sum(r.first_closed_at is not None for r in found),
        auto_closed=sum(r.auto_closed for r in found),
        archived=sum(r.status == ARCHIVED for r in found),
        reopened=sum(r.reopen_count > 0 for r in found),
        not_authority_requested=sum(r.not_authority_requested for r in found),
        not_authority_accepted=sum(r.not_authority_accepted for r in found),
        not_authority_rejected=sum(r.not_authority_rejected for r in found),
        open_now=len(open_now),
        overdue_now=sum(r.deadline is not None and r.deadline < now for r in open_now),
        escalated=sum(r.escalated for r in found),
        days_to_disposition=_nearest_rank(r.days_to_disposition for r in found),
        days_to_first_answer=_nearest_rank(r.days_to_first_answer for r in found),
        days_to_closure=_nearest_rank(r.days_to_closure for r in found),
        satisfaction=_satisfaction(found),
    )


def _satisfaction(found: Sequence[ReportRecount]) -> sql.Satisfaction:
    # Only resolutions count: a rating a reopened report kept counts again once it is closed again.
    scores = [r.rating for r in found if r.status == CLOSED and r.rating is not None]
    return sql.Satisfaction(
        closed_now=sum(r.status == CLOSED for r in found),
        rated=len(scores),
        score_sum=sum(scores),
        distribution=tuple(scores.count(score) for score in range(1, 6)),
    )


def _compliance(rounds: Sequence[RoundRecount], now: datetime) -> sql.Compliance:
    outcomes = [r.outcome(now) for r in rounds]
    return sql.Compliance(
        met=outcomes.count("met"),
        missed=outcomes.count("missed"),
        pending=outcomes.count("pending"),
        withdrawn=outcomes.count("withdrawn"),
        without_deadline=0,  # every round of the shipped diagram has a deadline
        answer_days=_nearest_rank(r.days_to_answer for r in rounds),
    )


def _figures(found: Sequence[ReportRecount], rounds: Sequence[RoundRecount], now: datetime) -> sql.Figures:
    return sql.Figures(_report_figures(found, now), len(rounds), _compliance(rounds, now))


@dataclass(frozen=True)
class Expected:
    totals: sql.Figures
    agencies: list[tuple[int, sql.Figures, Band, int | None]]
    months: list[sql.MonthFigures]
    liaisons: list[sql.LiaisonFigures]


def _expected(
    recounts: Sequence[ReportRecount],
    chosen: Filter,
    now: datetime,
    bands: ComplianceBands,
    people: dict[int, User],
) -> Expected:
    found = [r for r in recounts if _in_scope(r.submitted_on, r.agency_id, r, chosen)]
    zone = ZoneInfo(Settings.from_environment().time_zone)
    rounds = [
        d
        for r in recounts
        for d in r.rounds
        if _in_scope(d.started_at.astimezone(zone).date(), d.agency_id, r, chosen)
    ]

    by_agency = []
    for agency_id in sorted(
        {r.agency_id for r in found if r.agency_id is not None} | {d.agency_id for d in rounds}
    ):
        mine = [r for r in found if r.agency_id == agency_id]
        by_agency.append((agency_id, _figures(mine, [d for d in rounds if d.agency_id == agency_id], now)))
    measured = sorted(
        (e for e in by_agency if e[1].compliance.rate is not None),
        key=lambda e: (-(e[1].compliance.rate or 0.0), -e[1].compliance.measured, e[0]),
    )
    unmeasured = sorted(
        (e for e in by_agency if e[1].compliance.rate is None), key=lambda e: (-e[1].reports.received, e[0])
    )
    agencies: list[tuple[int, sql.Figures, Band, int | None]] = [
        (a, f, _band(f.compliance.rate, bands), rank) for rank, (a, f) in enumerate(measured, 1)
    ]
    agencies += [(a, f, Band.NONE, None) for a, f in unmeasured]

    def month_of(moment: datetime) -> str:
        local = moment.astimezone(zone)
        return f"{local.year:04d}-{local.month:02d}"

    months = []
    for month in sorted({month_of(r.submitted_at) for r in found} | {month_of(d.started_at) for d in rounds}):
        received = [r for r in found if month_of(r.submitted_at) == month]
        begun = [d for d in rounds if month_of(d.started_at) == month]
        months.append(
            sql.MonthFigures(
                month=month,
                received=len(received),
                closed=sum(r.first_closed_at is not None for r in received),
                dispositions=len(begun),
                compliance=_compliance(begun, now) if begun else sql.Compliance(),
            )
        )

    liaisons = []
    for user_id in {d.first_answer_by for d in rounds if d.first_answer_by is not None}:
        spread = _nearest_rank(d.days_to_answer for d in rounds if d.first_answer_by == user_id)
        person = people[user_id]
        liaisons.append(sql.LiaisonFigures(user_id, person.name, person.agency_id, spread.count, spread))
    liaisons.sort(key=lambda entry: (-entry.answers, entry.name, entry.user_id))
    return Expected(_figures(found, rounds, now), agencies, months, liaisons)


def _band(rate: float | None, bands: ComplianceBands) -> Band:
    if rate is None:
        return Band.NONE
    return Band.GREEN if rate >= bands.green else Band.YELLOW if rate >= bands.yellow else Band.RED


# --- comparing -------------------------------------------------------------------------------


def _differences(actual: object, expected: object, path: str) -> list[str]:
    """Where two values differ, as paths; floats within ``TOLERANCE`` are equal."""
    if is_dataclass(expected) and not isinstance(expected, type):
        if type(actual) is not type(expected):
            return [f"{path}: {actual!r} != {expected!r}"]
        return [
            difference
            for f in fields(expected)
            for difference in _differences(
                getattr(actual, f.name), getattr(expected, f.name), f"{path}.{f.name}"
            )
        ]
    if isinstance(expected, list | tuple) and isinstance(actual, list | tuple):
        if len(actual) != len(expected):
            return [f"{path}: {len(actual)} entries != {len(expected)}: {actual!r} != {expected!r}"]
        return [
            d
            for i, (a, e) in enumerate(zip(actual, expected, strict=True))
            for d in _differences(a, e, f"{path}[{i}]")
        ]
    if isinstance(expected, float) or isinstance(actual, float):
        close = (
            isinstance(actual, int | float)
            and isinstance(expected, int | float)
            and abs(actual - expected) <= TOLERANCE
        )
        return [] if close else [f"{path}: {actual!r} != {expected!r}"]
    return [] if actual == expected else [f"{path}: {actual!r} != {expected!r}"]


def _filters(
    rng: random.Random, province: Province, recounts: Sequence[ReportRecount], today: date
) -> list[Filter]:
    first = START.date() - timedelta(days=1)
    last = today + timedelta(days=1)
    pu, unit = province.pu, province.unit
    days = sorted({r.submitted_on for r in recounts})
    narrow_from = rng.choice(days)
    narrow_to = narrow_from + timedelta(days=rng.randint(0, 9))

    whole = StatisticsQuery(date_from=first, date_to=last)
    narrow = replace(whole, date_from=narrow_from, date_to=narrow_to)
    classification = rng.choice(list(Classification))
    return [
        Filter("everything", whole, None),
        Filter("PU with its units", replace(whole, agency_id=pu.id), frozenset({pu.id, unit.id})),
        Filter(
            "PU alone",
            replace(whole, agency_id=pu.id, include_sub_units=False),
            frozenset({pu.id}),
        ),
        Filter("the unit", replace(whole, agency_id=unit.id), frozenset({unit.id})),
        Filter("DINKES", replace(whole, agency_id=province.dinkes.id), frozenset({province.dinkes.id})),
        Filter(f"classification {classification}", replace(whole, classification=classification), None),
        Filter("category Jalan", replace(whole, category=" Jalan "), None),
        Filter(f"{narrow_from} to {narrow_to}", narrow, None),
        Filter(f"the day {narrow_from}", replace(narrow, date_to=narrow_from), None),
        Filter(
            f"DINDIK, {classification}, {narrow_from} to {narrow_to}",
            replace(narrow, agency_id=province.dindik.id, classification=classification),
            frozenset({province.dindik.id}),
        ),
    ]


async def _check(walk: Walk, bands: ComplianceBands, when: str) -> None:
    """Every figure under every filter against the recount, at the clock's now."""
    now = walk.clock()
    calendars = await _calendars()
    recounts = await _recount(calendars, walk)
    people = {user.id: user for user in await User.all()}
    today = now.astimezone(calendars[None].zone).date()
    zone_name = Settings.from_environment().time_zone
    province = walk.province
    chosen = _filters(walk.rng, walk.province, recounts, today)
    problems: list[str] = []

    def compare(label: str, actual: object, expected: object) -> None:
        problems.extend(f"{when}, {label}: {d}" for d in _differences(actual, expected, ""))

    for item in chosen:
        got = await statistics(walk.rt, province.admin, item.query, bands)
        want = _expected(recounts, item, now, bands, people)
        assert item.query.date_from is not None and item.query.date_to is not None
        compare(item.label, got.period, Period(item.query.date_from, item.query.date_to, zone_name))
        compare(item.label, got.now, now)
        compare(item.label, got.totals, want.totals)
        compare(item.label, [(a.agency_id, a.figures, a.band, a.rank) for a in got.agencies], want.agencies)
        compare(item.label, got.months, want.months)
        compare(item.label, got.liaisons, want.liaisons)

    # A liaison sees their own agency's figures, without its units.
    everything = chosen[0]
    for agency in (province.pu, province.dinkes):
        liaison = province.liaisons[agency.id][0]
        own = Filter(f"as a liaison of {agency.code}", everything.query, frozenset({agency.id}))
        got = await statistics(walk.rt, liaison, everything.query, bands)
        want = _expected(recounts, own, now, bands, people)
        compare(own.label, (got.totals, got.months, got.liaisons), (want.totals, want.months, want.liaisons))

    # The public page: counts and compliance per agency, whatever else the query narrows.
    for item in (everything, chosen[-1]):
        public = await public_statistics(walk.rt, item.query, bands)
        dates = StatisticsQuery(date_from=item.query.date_from, date_to=item.query.date_to)
        want = _expected(recounts, Filter(item.label, dates, None), now, bands, people)
        compare(
            f"public, {item.label}",
            (public.received, public.followed_up, public.closed, public.compliance, public.agencies),
            (
                want.totals.reports.received,
                want.totals.reports.followed_up,
                want.totals.reports.closed,
                _without_times(want.totals.compliance),
                [
                    PublicAgencyFigures(
                        agency_id,
                        f.reports.received,
                        f.reports.followed_up,
                        f.reports.closed,
                        _without_times(f.compliance),
                        band,
                        rank,
                    )
                    for agency_id, f, band, rank in want.agencies
                ],
            ),
        )
    assert not problems, "\n".join(problems[:40])


def _without_times(compliance: sql.Compliance) -> sql.Compliance:
    """What the public page shows of compliance: the counts, not how long answers took."""
    return replace(compliance, answer_days=sql.Spread(compliance.answer_days.count))


# --- the property ------------------------------------------------------------------------------


@pytest.mark.parametrize("seed", SEEDS, ids=lambda seed: f"seed_{seed}")
async def test_every_figure_matches_a_recount_of_the_timelines(
    db: None, clock: FakeClock, runtime: Runtime, seed: int
) -> None:
    rng = random.Random(seed)
    province = await _province(runtime, rng)
    walk = Walk(rng, runtime, clock, province, planned=rng.randint(*REPORTS_PER_SEED))
    bands = rng.choice([ComplianceBands(), ComplianceBands(green=0.75, yellow=0.4)])
    for step in range(1, STEPS + 1):
        await walk.step()
        if step in CHECKPOINTS:
            await _check(walk, bands, f"seed {seed}, step {step}")
    # Long after: every round has run past its deadline, every silence has closed its report.
    clock.advance(days=30)
    await reports.fire_due_timers(runtime)
    await _check(walk, bands, f"seed {seed}, a month later")
