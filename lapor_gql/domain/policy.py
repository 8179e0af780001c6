"""The one place that answers "may this actor do this to this report?".

Lanes of the lifecycle diagram name who may act on a waiting step; ``may_act_in_lane`` gives each lane
its meaning. Everything else here is about what an actor may see.
"""

from __future__ import annotations

from collections.abc import Callable

from tortoise.expressions import Q

from lapor_gql.db.models import Report, Role

from .actors import Actor


def is_handling_liaison(actor: Actor, report: Report) -> bool:
    return (
        actor.has_role(Role.LIAISON) and actor.agency_id is not None and actor.agency_id == report.agency_id
    )


def is_reporter(actor: Actor, report: Report) -> bool:
    return actor.user_id is not None and actor.user_id == report.reporter_id


def is_admin(actor: Actor, report: Report) -> bool:
    return actor.has_role(Role.ADMIN)


# What each lane of a lifecycle diagram means. A lane not listed here (such as "system") is
# automatic: no person may act in it.
LANES: dict[str, Callable[[Actor, Report], bool]] = {
    "admin": is_admin,
    "liaison": is_handling_liaison,
    "reporter": is_reporter,
}


def may_act_in_lane(actor: Actor, report: Report, lane: str) -> bool:
    rule = LANES.get(lane)
    return rule is not None and rule(actor, report)


def lanes_of(actor: Actor, report: Report) -> set[str]:
    return {lane for lane, rule in LANES.items() if rule(actor, report)}


def may_view_report(actor: Actor, report: Report) -> bool:
    if not report.is_confidential:
        return True
    return actor.has_role(Role.ADMIN) or is_handling_liaison(actor, report) or is_reporter(actor, report)


def visible_reports(actor: Actor) -> Q:
    """A filter selecting exactly the reports ``may_view_report`` allows, for lists and lookups."""
    if actor.has_role(Role.ADMIN):
        return Q()
    visible = Q(is_confidential=False)
    if actor.user_id is not None:
        visible |= Q(reporter_id=actor.user_id)
    if actor.has_role(Role.LIAISON) and actor.agency_id is not None:
        visible |= Q(agency_id=actor.agency_id)
    return visible


def may_see_reporter(actor: Actor, report: Report) -> bool:
    """An anonymous reporter is known only to the admins and to themselves."""
    if report.is_anonymous:
        return actor.has_role(Role.ADMIN) or is_reporter(actor, report)
    return True


def may_see_internal_notes(actor: Actor, report: Report) -> bool:
    return actor.has_role(Role.ADMIN) or is_handling_liaison(actor, report)


def may_see_officer_names(actor: Actor, report: Report) -> bool:
    return may_see_internal_notes(actor, report)
