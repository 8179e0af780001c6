"""The reporter's rating of a report's resolution, as a report shows it."""

from __future__ import annotations

from datetime import datetime

import strawberry

from lapor_gql.domain import ratings
from lapor_gql.domain.actors import Actor


@strawberry.type(
    description="The reporter's rating of the resolution (1 to 5), given with an action the process "
    "diagram declares (in the shipped one: rate, on a closed report, within its rating window)."
)
class Rating:
    score: int = strawberry.field(description="1 (not at all satisfied) to 5 (very satisfied).")
    comment: str | None = strawberry.field(
        description="What the reporter wrote to the officers: admins and the handling agency only."
    )
    rated_at: datetime

    @classmethod
    def shown_to(cls, actor: Actor, report: ratings.RatedReport) -> Rating | None:
        rating = ratings.rating_of(report)
        if rating is None:
            return None
        comment = rating.comment if ratings.may_read_comment(actor, report) else None
        return cls(score=rating.score, comment=comment, rated_at=rating.rated_at)
