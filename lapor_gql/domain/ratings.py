"""The reporter's rating of a report's resolution: a diagram-declared action, kept on the report.

Nothing here decides *when* a report may be rated or *who* rates it: the diagram does, with an action
that has a ``rating`` input (in the shipped diagram, the reporter's ``rate`` on a closed report, until
its rating window passes). What the application adds is what a diagram cannot: the report keeps the
standing rating (``Report.rating_score``, ``rating_comment``, ``rated_at``), a second one is refused
while one stands (``ALREADY_RATED``), and an element with ``rating`` = ``clear`` (a reopening) clears
it, keeping what it was in the details of the timeline entry of the action that passed it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from lapor_gql import workflow
from lapor_gql.db.models import Report

from . import actions, policy
from .actors import Actor
from .validation import InputCheck

ALREADY_RATED = "ALREADY_RATED"
CLEARED_DETAIL = "clearedRating"
"""The timeline entry's detail that keeps a rating a step cleared."""


class RatedReport(policy.ReportFacts, Protocol):
    """What a rating is read from: a report model or a list's row (``db.report_rows.ReportRow``)."""

    @property
    def rating_score(self) -> int | None: ...
    @property
    def rating_comment(self) -> str: ...
    @property
    def rated_at(self) -> datetime | None: ...


@dataclass(frozen=True)
class Rating:
    score: int
    comment: str
    rated_at: datetime

    def as_details(self) -> dict[str, object]:
        return {"score": self.score, "comment": self.comment, "ratedAt": self.rated_at.isoformat()}


def rating_of(report: RatedReport) -> Rating | None:
    """The rating standing now, if any."""
    if report.rating_score is None or report.rated_at is None:
        return None
    return Rating(report.rating_score, report.rating_comment, report.rated_at)


def may_read_comment(actor: Actor, report: RatedReport) -> bool:
    """The comment is written to the officers (it is the rating action's internal note): the admins
    and the handling agency read it; the score is for whoever may see the report."""
    return policy.may_see_internal_notes(actor, report)


def refuse_second_rating(declaration: actions.ActionDeclaration, report: Report, check: InputCheck) -> None:
    """A report keeps one rating: while one stands, an action that rates is refused on its rating
    input (it stands until a ``rating`` = ``clear`` element clears it)."""
    rated = actions.rating_input(declaration)
    if rated is not None and report.rating_score is not None:
        check.fail(rated.name, ALREADY_RATED)


def cleared_by(report: Report, steps: Sequence[workflow.Step]) -> Rating | None:
    """The standing rating, if a step of the call passed an element that clears it."""
    if any(step.clears_rating for step in steps):
        return rating_of(report)
    return None


def rating_columns(
    report: Report, steps: Sequence[workflow.Step], score: int | None, comment: str, now: datetime
) -> Mapping[str, object]:
    """The report's rating columns after a step: ``score`` (with the action's ``comment``) when the
    step rated, none when it passed a ``rating`` = ``clear`` element; nothing to write otherwise."""
    if score is not None:
        return {"rating_score": score, "rating_comment": comment, "rated_at": now}
    if report.rating_score is not None and any(step.clears_rating for step in steps):
        return {"rating_score": None, "rating_comment": "", "rated_at": None}
    return {}


def with_cleared(details: Mapping[str, object], cleared: Rating | None) -> dict[str, object]:
    """An entry's details, with the rating its step cleared."""
    return {**details, CLEARED_DETAIL: cleared.as_details()} if cleared is not None else dict(details)
