"""Statistics facts for reports that were submitted before the facts existed.

Run once by ``lapor-gql migrate`` (and so by ``serve``): each report without a ``report_fact`` row has
its timeline replayed through the same rules that record the facts of a live step
(``statistics_facts.advance_facts``), one report per transaction under the report's lock, so a command
on that report waits and then records its own step on top. Idempotent: a report that has its facts is
skipped, and an interrupted run continues where it stopped.

What a timeline does not hold stays unknown rather than guessed: the deadline a round began with is
not written in any entry, so replayed rounds have none (compliance counts them apart, "without
deadline"), except the round still waiting for its first answer, whose deadline is the report's own.
A passed deadline is known from the diagram's escalation entries (``ESCALATED``).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime

from tortoise.expressions import Subquery
from tortoise.transactions import in_transaction

from lapor_gql.db.models import DispositionFact, Report, ReportEvent, ReportFact

from .actors import SYSTEM_ROLE
from .statistics_facts import Before, ByPerson, advance_facts, new_fact

log = logging.getLogger(__name__)
BATCH = 200
# The shipped diagram's entry for a passed follow-up or answer deadline (labels.EVENT_LABELS).
ESCALATION_AUDIT = "ESCALATED"
AGENCY_ROLE = "LIAISON"


@dataclass
class _Replayed:
    """The report as a replayed step leaves it (``statistics_facts.ReportState``)."""

    id: int
    status: str
    agency_id: int | None
    deadline: datetime | None = None
    is_overdue: bool = False
    rating_score: int | None = None
    """Ratings are not replayed: the report's own row gives the one standing (``_settle_with_report``)."""


async def backfill_missing_facts() -> int:
    """Record the facts of every report that has none; returns how many reports got them."""
    done = 0
    last_id = 0
    while True:
        ids = await _reports_without_facts(last_id)
        for report_id in ids:
            try:
                done += await _backfill_one(report_id)
            except Exception:  # one odd timeline must not keep every other report out of the figures
                log.exception(
                    "replaying the statistics facts of report %s failed; it stays uncounted", report_id
                )
        if len(ids) < BATCH:
            return done
        last_id = ids[-1]


async def _reports_without_facts(after_id: int) -> list[int]:
    counted = Subquery(ReportFact.all().values("report_id"))
    found = (
        await Report.filter(id__gt=after_id).exclude(id__in=counted).order_by("id").limit(BATCH).values("id")
    )
    return [int(row["id"]) for row in found]


async def _backfill_one(report_id: int) -> int:
    async with in_transaction():
        report = await Report.filter(id=report_id).select_for_update().first()
        if report is None or await ReportFact.filter(report_id=report_id).exists():
            return 0
        events = await ReportEvent.filter(report_id=report_id).order_by("id")
        fact = await new_fact(report)
        state = _Replayed(id=report.id, status="", agency_id=None)
        created = True
        for event in events:
            before = Before(state.status, state.agency_id, state.is_overdue)
            after = _after(state, event)
            by = _by(event)
            if created or _matters(before, after, by):
                await advance_facts(fact, after, before, event.created_at, by, created=created)
                created = False
            state = after
        if created:  # no timeline at all: counted as received, where it stands now
            await advance_facts(
                fact,
                _Replayed(report.id, report.status, None),
                Before("", None, False),
                report.created_at,
                None,
                created=True,
            )
        await _settle_with_report(fact, report)
    return 1


def _after(state: _Replayed, event: ReportEvent) -> _Replayed:
    status = event.to_status or state.status
    agency_id = state.agency_id
    details = event.details or {}
    chosen = details.get("agencyId")
    if event.action == "dispose" and isinstance(chosen, int):
        agency_id = chosen
    if event.action == "resolve_not_authority" and details.get("accepted") and isinstance(chosen, int):
        agency_id = chosen
    moved = status != state.status or agency_id != state.agency_id
    overdue = event.action == ESCALATION_AUDIT or (state.is_overdue and not moved)
    return _Replayed(state.id, status, agency_id, None, overdue)


def _by(event: ReportEvent) -> ByPerson | None:
    if event.actor_role == SYSTEM_ROLE:
        return None
    answers = event.actor_role == AGENCY_ROLE and event.is_public and bool(event.message.strip())
    return ByPerson(event.actor_id, answers)


def _matters(before: Before, after: _Replayed, by: ByPerson | None) -> bool:
    return (
        before.status != after.status
        or before.agency_id != after.agency_id
        or before.is_overdue != after.is_overdue
        or (by is not None and by.answers)
    )


async def _settle_with_report(fact: ReportFact, report: Report) -> None:
    """Where the report stands now is its own row's word; the open round, if still unanswered, has the
    report's deadline as its own."""
    fact.status, fact.agency_id, fact.deadline = report.status, report.agency_id, report.deadline
    fact.rating_score = report.rating_score
    await fact.save()
    await DispositionFact.filter(
        report_id=report.id, ended_at__isnull=True, first_answer_at__isnull=True
    ).update(deadline=report.deadline)
