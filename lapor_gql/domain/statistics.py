"""Statistics and follow-up compliance: what the provincial admin monitors.

Every figure is computed in SQL (``db.statistics_queries``) from the facts each step records
(``statistics_facts``); nothing here loads a workflow or walks a timeline. This module decides who
may see what, turns the query into the agency set and the instants it covers, and ranks agencies.
The definitions (what a first answer is, how a reopen or a not-authority round moves the clock) are
in the README's "Statistics" section and in ``statistics_facts``.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date, datetime
from enum import Enum
from zoneinfo import ZoneInfo

from lapor_gql.db import statistics_queries as sql
from lapor_gql.db.models import Agency, Classification, Role

from .actors import Actor
from .calendar import working_calendar
from .errors import AccessDenied, FieldProblem, InvalidInput
from .processes import Runtime
from .validation import InputCheck

CATEGORY_MAX = 100
# A dashboard without dates covers the last twelve months, this one included.
DEFAULT_MONTHS = 12
# Longer ranges are allowed (the queries read indexes by date), but not nonsense such as year 1.
EARLIEST_DATE = date(2000, 1, 1)


class Band(Enum):
    """An agency's compliance band: the thresholds are settings (``ComplianceBands``)."""

    GREEN = "GREEN"
    YELLOW = "YELLOW"
    RED = "RED"
    NONE = "NONE"
    """No disposition of the period could be measured yet."""


@dataclass(frozen=True)
class ComplianceBands:
    """Compliance at or above ``green`` is green, at or above ``yellow`` yellow, below it red."""

    green: float = 0.9
    yellow: float = 0.7

    def band_of(self, rate: float | None) -> Band:
        if rate is None:
            return Band.NONE
        if rate >= self.green:
            return Band.GREEN
        if rate >= self.yellow:
            return Band.YELLOW
        return Band.RED


@dataclass(frozen=True)
class StatisticsQuery:
    """What to measure: local dates (inclusive) of the statistics time zone, and narrowing."""

    date_from: date | None = None
    date_to: date | None = None
    agency_id: int | None = None
    include_sub_units: bool = True
    classification: Classification | None = None
    category: str | None = None


@dataclass(frozen=True)
class Period:
    """The dates a query covers once defaults are applied, and the zone they are dates of."""

    date_from: date
    date_to: date
    time_zone: str


@dataclass(frozen=True)
class Statistics:
    period: Period
    totals: sql.Figures
    band: Band
    """The band of the whole scope's compliance."""
    agencies: list[AgencyFigures]
    """Every agency with reports or dispositions in the period, ranked by compliance."""
    months: list[sql.MonthFigures]
    liaisons: list[sql.LiaisonFigures]
    """Who answered, for admins and the agency's own liaisons (empty for everyone else)."""
    now: datetime


@dataclass(frozen=True)
class AgencyFigures:
    agency_id: int
    figures: sql.Figures
    band: Band
    rank: int | None
    """1 for the best compliance; None without a measured disposition."""


@dataclass(frozen=True)
class PublicAgencyFigures:
    agency_id: int
    received: int
    followed_up: int
    closed: int
    compliance: sql.Compliance
    band: Band
    rank: int | None


@dataclass(frozen=True)
class PublicStatistics:
    """What anyone may see: counts and compliance per agency, nothing about a report or a person."""

    period: Period
    received: int
    followed_up: int
    closed: int
    compliance: sql.Compliance
    band: Band
    agencies: list[PublicAgencyFigures] = field(default_factory=list)


# --- queries --------------------------------------------------------------------------------


async def statistics(rt: Runtime, actor: Actor, query: StatisticsQuery, bands: ComplianceBands) -> Statistics:
    """The figures for an admin (any agency), or a liaison (their own agency only)."""
    if actor.is_anonymous:
        raise AccessDenied("UNAUTHENTICATED")
    if actor.has_role(Role.ADMIN):
        scope_agency_id, sub_units = query.agency_id, query.include_sub_units
    elif actor.has_role(Role.LIAISON) and actor.agency_id is not None:
        if query.agency_id is not None and query.agency_id != actor.agency_id:
            raise AccessDenied("FORBIDDEN")
        # A liaison answers for their own agency; its units have liaisons of their own.
        scope_agency_id, sub_units = actor.agency_id, False
    else:
        raise AccessDenied("FORBIDDEN")
    now = rt.clock()
    period = await _period(query, now)
    scope = await _scope(query, period, scope_agency_id, sub_units, now)
    found = await sql.dashboard(scope, detail=True)
    return Statistics(
        period=period,
        totals=found.totals,
        band=bands.band_of(found.totals.compliance.rate),
        agencies=_ranked(found.agencies, bands),
        months=found.months,
        liaisons=found.liaisons,
        now=now,
    )


async def public_statistics(rt: Runtime, query: StatisticsQuery, bands: ComplianceBands) -> PublicStatistics:
    """The transparency page: counts and compliance per agency for a period. Confidential reports are
    counted like the others and nothing else of them shows; no figure names or measures a person, and
    nothing narrows by classification or category (which would tell what a confidential report is)."""
    now = rt.clock()
    period = await _period(StatisticsQuery(date_from=query.date_from, date_to=query.date_to), now)
    scope = await _scope(StatisticsQuery(), period, None, False, now)
    found = await sql.dashboard(scope, detail=False)
    totals, ranked = found.totals, _ranked(found.agencies, bands)
    return PublicStatistics(
        period=period,
        received=totals.reports.received,
        followed_up=totals.reports.followed_up,
        closed=totals.reports.closed,
        compliance=_without_times(totals.compliance),
        band=bands.band_of(totals.compliance.rate),
        agencies=[
            PublicAgencyFigures(
                agency_id=entry.agency_id,
                received=entry.figures.reports.received,
                followed_up=entry.figures.reports.followed_up,
                closed=entry.figures.reports.closed,
                compliance=_without_times(entry.figures.compliance),
                band=entry.band,
                rank=entry.rank,
            )
            for entry in ranked
        ],
    )


async def statistics_scope(rt: Runtime, actor: Actor, query: StatisticsQuery) -> tuple[Period, sql.Scope]:
    """The period and scope of an admin's export of the reports behind the figures (admins only)."""
    if actor.is_anonymous:
        raise AccessDenied("UNAUTHENTICATED")
    if not actor.has_role(Role.ADMIN):
        raise AccessDenied("FORBIDDEN")
    now = rt.clock()
    period = await _period(query, now)
    return period, await _scope(query, period, query.agency_id, query.include_sub_units, now)


# --- internals ------------------------------------------------------------------------------


def _without_times(compliance: sql.Compliance) -> sql.Compliance:
    # Times to answer are kept off the public page: a small agency's median could describe one report.
    return replace(compliance, answer_days=sql.Spread(compliance.answer_days.count, None, None))


def _ranked(entries: list[tuple[int, sql.Figures]], bands: ComplianceBands) -> list[AgencyFigures]:
    """Best compliance first; equal rates by more measured dispositions; then by agency id.
    Agencies without a measured disposition come last, unranked."""
    measured = [(agency_id, f) for agency_id, f in entries if f.compliance.rate is not None]
    unmeasured = [(agency_id, f) for agency_id, f in entries if f.compliance.rate is None]
    measured.sort(key=lambda item: (-(item[1].compliance.rate or 0.0), -item[1].compliance.measured, item[0]))
    unmeasured.sort(key=lambda item: (-item[1].reports.received, item[0]))
    ranked = [
        AgencyFigures(agency_id, f, bands.band_of(f.compliance.rate), rank)
        for rank, (agency_id, f) in enumerate(measured, start=1)
    ]
    ranked += [AgencyFigures(agency_id, f, Band.NONE, None) for agency_id, f in unmeasured]
    return ranked


async def _period(query: StatisticsQuery, now: datetime) -> Period:
    """Check the dates and fill in the defaults: today in the statistics zone, and the first day of
    the month eleven months before it."""
    zone = (await working_calendar(None)).time_zone
    check = InputCheck()
    for name, value in (("from", query.date_from), ("to", query.date_to)):
        if value is not None and value < EARLIEST_DATE:
            check.fail(name, "INVALID")
    if query.date_from and query.date_to and query.date_from > query.date_to:
        check.fail("to", "INVALID")
    if query.category is not None and len(query.category.strip()) > CATEGORY_MAX:
        check.fail("category", "TOO_LONG", max=CATEGORY_MAX)
    check.raise_if_any()
    today = now.astimezone(ZoneInfo(zone)).date()
    date_to = query.date_to or today
    date_from = query.date_from or _months_before(date_to, DEFAULT_MONTHS - 1)
    return Period(date_from=date_from, date_to=date_to, time_zone=zone)


def _months_before(day: date, months: int) -> date:
    index = day.year * 12 + day.month - 1 - months
    return date(index // 12, index % 12 + 1, 1)


async def _scope(
    query: StatisticsQuery, period: Period, agency_id: int | None, sub_units: bool, now: datetime
) -> sql.Scope:
    agency_ids: tuple[int, ...] | None = None
    if agency_id is not None:
        if not await Agency.filter(id=agency_id).exists():
            raise InvalidInput([FieldProblem("agencyId", "NOT_FOUND")])
        agency_ids = tuple(sorted(await _with_units(agency_id) if sub_units else {agency_id}))
    category = query.category.strip() if query.category is not None else None
    return sql.Scope(
        date_from=period.date_from,
        date_to=period.date_to,
        agency_ids=agency_ids,
        classification=query.classification.value if query.classification else None,
        category=category or None,
        now=now,
    )


async def _with_units(agency_id: int) -> set[int]:
    """The agency and every unit under it (the tree is small: one query for all parents)."""
    children: dict[int | None, list[int]] = {}
    for child_id, parent_id in await Agency.all().values_list("id", "parent_id"):
        children.setdefault(parent_id, []).append(child_id)
    found, todo = {agency_id}, [agency_id]
    while todo:
        for child in children.get(todo.pop(), []):
            if child not in found:
                found.add(child)
                todo.append(child)
    return found
