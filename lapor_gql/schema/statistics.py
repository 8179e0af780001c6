"""Statistics and follow-up compliance: ``statistics`` for admins and liaisons, ``publicStatistics``
for everyone. Thin: the figures and who may see them come from ``domain.statistics``."""

from __future__ import annotations

from datetime import date

import strawberry

from lapor_gql.db import models
from lapor_gql.db import statistics_queries as figures_sql
from lapor_gql.domain import statistics as domain
from lapor_gql.domain.errors import FieldProblem, InvalidInput
from lapor_gql.domain.labels import error_message

from .context import Info
from .errors import PublicError, input_field_name, refusing_access
from .ids import decode_id, encode_id
from .types import AgencyNode

ComplianceBand = strawberry.enum(
    domain.Band,
    name="ComplianceBand",
    description="An agency's follow-up compliance against the thresholds the server is configured with "
    "(LAPOR_COMPLIANCE_GREEN, LAPOR_COMPLIANCE_YELLOW); NONE: nothing measured yet.",
)


@strawberry.input(description="What to measure. Dates are local dates of the province's time zone.")
class StatisticsFilter:
    from_: date | None = strawberry.field(
        default=None,
        name="from",
        description="The first day (inclusive). Default: the first day of the month eleven months ago.",
    )
    to: date | None = strawberry.field(default=None, description="The last day (inclusive). Default: today.")
    agency_id: strawberry.ID | None = strawberry.field(
        default=None, description="Only this agency (with its units unless includeSubUnits is false)."
    )
    include_sub_units: bool = True
    classification: models.Classification | None = None
    category: str | None = strawberry.field(default=None, description="Exactly this category.")


@strawberry.input(description="The period of the public summary. Dates are local dates of the province.")
class PublicStatisticsFilter:
    from_: date | None = strawberry.field(default=None, name="from")
    to: date | None = None


@strawberry.type(description="A period the figures cover, once defaults are applied.")
class StatisticsPeriod:
    from_: date = strawberry.field(name="from")
    to: date
    time_zone: str


@strawberry.type(description="Working days (fractions count: 0.25 is a quarter of a working day).")
class WorkingDaysSpread:
    count: int = strawberry.field(description="How many values were measured.")
    median: float | None
    p90: float | None = strawberry.field(description="The 90th percentile (nearest rank).")

    @classmethod
    def of(cls, spread: figures_sql.Spread) -> WorkingDaysSpread:
        return cls(count=spread.count, median=spread.median, p90=spread.p90)


@strawberry.type(
    description="Follow-up compliance (ketepatan waktu): the dispositions (rounds) begun in the period "
    "by how their first answer stands against the deadline the diagram set."
)
class Compliance:
    met: int = strawberry.field(description="Answered by the deadline.")
    missed: int = strawberry.field(description="Answered after it, or not answered when it passed.")
    pending: int = strawberry.field(description="Not answered yet, the deadline still ahead.")
    withdrawn: int = strawberry.field(description="Moved on unanswered before the deadline: not measured.")
    without_deadline: int
    measured: int = strawberry.field(description="met + missed.")
    rate: float | None = strawberry.field(description="met / measured; null when nothing was measured.")
    answer_days: WorkingDaysSpread = strawberry.field(
        description="Working days from the disposition to the first answer (answered rounds)."
    )

    @classmethod
    def of(cls, compliance: figures_sql.Compliance) -> Compliance:
        return cls(
            met=compliance.met,
            missed=compliance.missed,
            pending=compliance.pending,
            withdrawn=compliance.withdrawn,
            without_deadline=compliance.without_deadline,
            measured=compliance.measured,
            rate=compliance.rate,
            answer_days=WorkingDaysSpread.of(compliance.answer_days),
        )


@strawberry.type(description="How many ratings gave one score.")
class RatingCount:
    score: int = strawberry.field(description="1 (not at all satisfied) to 5 (very satisfied).")
    count: int


@strawberry.type(
    description="The reporters' satisfaction: the ratings standing on the reports closed now (a "
    "reopening may clear a rating, as the process diagram says)."
)
class Satisfaction:
    closed_now: int = strawberry.field(description="Reports closed now.")
    rated: int = strawberry.field(description="Of those, rated by their reporter.")
    share_rated: float | None = strawberry.field(description="rated / closedNow; null when none is closed.")
    average: float | None = strawberry.field(description="The average score (1 to 5); null without ratings.")
    distribution: list[RatingCount] = strawberry.field(description="How many gave each score, 1 to 5.")

    @classmethod
    def of(cls, found: figures_sql.Satisfaction) -> Satisfaction:
        return cls(
            closed_now=found.closed_now,
            rated=found.rated,
            share_rated=found.share_rated,
            average=found.average,
            distribution=[
                RatingCount(score=score, count=count)
                for score, count in zip(figures_sql.RATING_SCORES, found.distribution, strict=True)
            ],
        )


@strawberry.type(description="The reports submitted in the period, and the rounds begun in it.")
class StatisticsFigures:
    received: int
    disposed: int = strawberry.field(description="Reached an agency.")
    followed_up: int = strawberry.field(description="Got a first answer from an agency.")
    closed: int = strawberry.field(description="Closed at least once.")
    auto_closed: int = strawberry.field(description="Closed by the diagram (no reply from the reporter).")
    archived: int
    reopened: int = strawberry.field(description="Reopened at least once.")
    not_authority_requested: int = strawberry.field(description="Not-our-authority requests made.")
    not_authority_accepted: int
    not_authority_rejected: int
    open_now: int = strawberry.field(description="Neither closed nor archived now.")
    overdue_now: int = strawberry.field(description="Open, and past the deadline of the step it waits at.")
    escalated: int = strawberry.field(description="A deadline passed while an agency had it.")
    reopen_rate: float | None = strawberry.field(description="reopened / closed.")
    escalated_share: float | None = strawberry.field(description="escalated / disposed.")
    days_to_disposition: WorkingDaysSpread
    days_to_first_answer: WorkingDaysSpread
    days_to_closure: WorkingDaysSpread
    dispositions: int = strawberry.field(
        description="Rounds begun: dispositions, reassignments after a not-authority request, reopens."
    )
    compliance: Compliance
    satisfaction: Satisfaction

    @classmethod
    def of(cls, found: figures_sql.Figures) -> StatisticsFigures:
        r = found.reports
        return cls(
            received=r.received,
            disposed=r.disposed,
            followed_up=r.followed_up,
            closed=r.closed,
            auto_closed=r.auto_closed,
            archived=r.archived,
            reopened=r.reopened,
            not_authority_requested=r.not_authority_requested,
            not_authority_accepted=r.not_authority_accepted,
            not_authority_rejected=r.not_authority_rejected,
            open_now=r.open_now,
            overdue_now=r.overdue_now,
            escalated=r.escalated,
            reopen_rate=r.reopen_rate,
            escalated_share=r.escalated_share,
            days_to_disposition=WorkingDaysSpread.of(r.days_to_disposition),
            days_to_first_answer=WorkingDaysSpread.of(r.days_to_first_answer),
            days_to_closure=WorkingDaysSpread.of(r.days_to_closure),
            dispositions=found.dispositions,
            compliance=Compliance.of(found.compliance),
            satisfaction=Satisfaction.of(r.satisfaction),
        )


@strawberry.type(description="One agency's figures: its reports are those it handles now.")
class AgencyStatistics:
    agency_id: strawberry.Private[int]
    figures: StatisticsFigures
    band: ComplianceBand  # type: ignore[valid-type]
    rank: int | None = strawberry.field(description="1 for the best compliance; null when unmeasured.")

    @classmethod
    def of(cls, entry: domain.AgencyFigures) -> AgencyStatistics:
        return cls(
            agency_id=entry.agency_id,
            figures=StatisticsFigures.of(entry.figures),
            band=entry.band,
            rank=entry.rank,
        )

    @strawberry.field
    async def agency(self, info: Info) -> AgencyNode | None:
        agency = await info.context.loaders.agency.load(self.agency_id)
        return AgencyNode.from_model(agency) if agency else None


@strawberry.type(description="One month (YYYY-MM): reports received then, and rounds begun then.")
class MonthlyStatistics:
    month: str
    received: int
    closed: int = strawberry.field(description="Of those received that month, closed since.")
    dispositions: int
    compliance: Compliance

    @classmethod
    def of(cls, month: figures_sql.MonthFigures) -> MonthlyStatistics:
        return cls(
            month=month.month,
            received=month.received,
            closed=month.closed,
            dispositions=month.dispositions,
            compliance=Compliance.of(month.compliance),
        )


@strawberry.type(description="Who gave the first answers: admins and the agency's own liaisons only.")
class LiaisonStatistics:
    id: strawberry.ID = strawberry.field(description="The liaison's User id.")
    name: str
    answers: int = strawberry.field(description="Rounds of the period they gave the first answer of.")
    answer_days: WorkingDaysSpread

    @classmethod
    def of(cls, liaison: figures_sql.LiaisonFigures) -> LiaisonStatistics:
        return cls(
            id=strawberry.ID(encode_id("User", liaison.user_id)),
            name=liaison.name,
            answers=liaison.answers,
            answer_days=WorkingDaysSpread.of(liaison.answer_days),
        )


@strawberry.type
class Statistics:
    period: StatisticsPeriod
    totals: StatisticsFigures
    band: ComplianceBand = strawberry.field(description="The band of the totals' compliance.")  # type: ignore[valid-type]
    agencies: list[AgencyStatistics] = strawberry.field(description="Ranked by compliance, best first.")
    monthly: list[MonthlyStatistics]
    liaisons: list[LiaisonStatistics]

    @classmethod
    def of(cls, found: domain.Statistics) -> Statistics:
        return cls(
            period=_period(found.period),
            totals=StatisticsFigures.of(found.totals),
            band=found.band,
            agencies=[AgencyStatistics.of(entry) for entry in found.agencies],
            monthly=[MonthlyStatistics.of(month) for month in found.months],
            liaisons=[LiaisonStatistics.of(liaison) for liaison in found.liaisons],
        )


@strawberry.type(description="A public summary: counts and compliance, nothing about a report or a person.")
class PublicAgencyStatistics:
    agency_id: strawberry.Private[int]
    received: int
    followed_up: int
    closed: int
    compliance: Compliance = strawberry.field(description="Without times (answerDays has its count only).")
    band: ComplianceBand  # type: ignore[valid-type]
    rank: int | None

    @classmethod
    def of(cls, entry: domain.PublicAgencyFigures) -> PublicAgencyStatistics:
        return cls(
            agency_id=entry.agency_id,
            received=entry.received,
            followed_up=entry.followed_up,
            closed=entry.closed,
            compliance=Compliance.of(entry.compliance),
            band=entry.band,
            rank=entry.rank,
        )

    @strawberry.field
    async def agency(self, info: Info) -> AgencyNode | None:
        agency = await info.context.loaders.agency.load(self.agency_id)
        return AgencyNode.from_model(agency) if agency else None


@strawberry.type
class PublicStatistics:
    period: StatisticsPeriod
    received: int
    followed_up: int
    closed: int
    compliance: Compliance
    band: ComplianceBand  # type: ignore[valid-type]
    agencies: list[PublicAgencyStatistics]

    @classmethod
    def of(cls, found: domain.PublicStatistics) -> PublicStatistics:
        return cls(
            period=_period(found.period),
            received=found.received,
            followed_up=found.followed_up,
            closed=found.closed,
            compliance=Compliance.of(found.compliance),
            band=found.band,
            agencies=[PublicAgencyStatistics.of(entry) for entry in found.agencies],
        )


def _period(period: domain.Period) -> StatisticsPeriod:
    return StatisticsPeriod(from_=period.date_from, to=period.date_to, time_zone=period.time_zone)


def _bands(info: Info) -> domain.ComplianceBands:
    settings = info.context.settings
    return domain.ComplianceBands(green=settings.compliance_green, yellow=settings.compliance_yellow)


def _bad_filter(info: Info, error: InvalidInput) -> PublicError:
    problem = error.problems[0]
    argument = f"filter.{input_field_name(problem.field)}"
    return PublicError(
        f"{argument}: {error_message(problem.code, info.context.language, **problem.params)}",
        extensions={"code": problem.code, "argument": argument},
    )


def query_of(info: Info, given: StatisticsFilter | None) -> domain.StatisticsQuery:
    """The domain's query from a filter; a malformed agency id is the INVALID error on its argument."""
    given = given or StatisticsFilter()
    agency_id = None
    if given.agency_id is not None:
        agency_id = decode_id(given.agency_id, "Agency")
        if agency_id is None:
            raise _bad_filter(info, InvalidInput([FieldProblem("agencyId", "INVALID")]))
    return domain.StatisticsQuery(
        date_from=given.from_,
        date_to=given.to,
        agency_id=agency_id,
        include_sub_units=given.include_sub_units,
        classification=given.classification,
        category=given.category,
    )


@strawberry.type
class StatisticsQuery:
    @strawberry.field(
        description="Admins: the figures of any agency; liaisons: their own agency's. Reports count by "
        "the day they were submitted, rounds by the day they began (see the README's Statistics)."
    )
    async def statistics(self, info: Info, filter: StatisticsFilter | None = None) -> Statistics:
        query = query_of(info, filter)
        with refusing_access(info.context.language):
            try:
                found = await domain.statistics(info.context.runtime, info.context.actor, query, _bands(info))
            except InvalidInput as error:
                raise _bad_filter(info, error) from None
        return Statistics.of(found)

    @strawberry.field(
        description="Anyone: reports received, followed up and closed, and follow-up compliance, per "
        "agency. Confidential reports are counted and nothing else of them shows."
    )
    async def public_statistics(
        self, info: Info, filter: PublicStatisticsFilter | None = None
    ) -> PublicStatistics:
        given = filter or PublicStatisticsFilter()
        query = domain.StatisticsQuery(date_from=given.from_, date_to=given.to)
        try:
            found = await domain.public_statistics(info.context.runtime, query, _bands(info))
        except InvalidInput as error:
            raise _bad_filter(info, error) from None
        return PublicStatistics.of(found)
