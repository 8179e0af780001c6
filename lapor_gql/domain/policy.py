"""The one place that answers "may this actor do this to this report?".

Lanes of the lifecycle diagram name who may act on a waiting step; ``may_act_in_lane`` gives each lane
its meaning. Everything else here is about what an actor may see.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from typing import Protocol

from tortoise.expressions import Q

from lapor_gql.db.models import Role

from .actors import Actor


class ReportFacts(Protocol):
    """What the rules read of a report: a model, or a list's row (``db.report_rows.ReportRow``)."""

    @property
    def id(self) -> int: ...
    @property
    def reporter_id(self) -> int | None: ...
    @property
    def agency_id(self) -> int | None: ...
    @property
    def is_confidential(self) -> bool: ...
    @property
    def is_anonymous(self) -> bool: ...


def is_handling_liaison(actor: Actor, report: ReportFacts) -> bool:
    return (
        actor.has_role(Role.LIAISON) and actor.agency_id is not None and actor.agency_id == report.agency_id
    )


def is_reporter(actor: Actor, report: ReportFacts) -> bool:
    if actor.report_id is not None:
        return actor.report_id == report.id
    return actor.user_id is not None and actor.user_id == report.reporter_id


def is_admin(actor: Actor, report: ReportFacts) -> bool:
    return actor.has_role(Role.ADMIN)


# What each lane of a lifecycle diagram means. A lane not listed here (such as "system") is
# automatic: no person may act in it.
LANES: dict[str, Callable[[Actor, ReportFacts], bool]] = {
    "admin": is_admin,
    "liaison": is_handling_liaison,
    "reporter": is_reporter,
}


# Whom each lane could ever mean, before any report is looked at: the coarse check a mutation makes
# against every lane its action has in the deployed diagrams.
LANE_HOLDERS: dict[str, Callable[[Actor], bool]] = {
    "admin": lambda actor: actor.has_role(Role.ADMIN),
    "liaison": lambda actor: actor.has_role(Role.LIAISON),
    "reporter": lambda actor: actor.has_role(Role.CITIZEN) or actor.report_id is not None,
}


def may_hold_any_lane(actor: Actor, lanes: Collection[str]) -> bool:
    return any(rule(actor) for lane, rule in LANE_HOLDERS.items() if lane in lanes)


def may_act_in_lane(actor: Actor, report: ReportFacts, lane: str) -> bool:
    rule = LANES.get(lane)
    return rule is not None and rule(actor, report)


def lanes_of(actor: Actor, report: ReportFacts) -> set[str]:
    return {lane for lane, rule in LANES.items() if rule(actor, report)}


def may_view_report(actor: Actor, report: ReportFacts) -> bool:
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
    if actor.report_id is not None:
        visible |= Q(id=actor.report_id)
    if actor.has_role(Role.LIAISON) and actor.agency_id is not None:
        visible |= Q(agency_id=actor.agency_id)
    return visible


def may_see_reporter(actor: Actor, report: ReportFacts) -> bool:
    """An anonymous reporter is known only to the admins and to themselves."""
    if report.is_anonymous:
        return actor.has_role(Role.ADMIN) or is_reporter(actor, report)
    return True


def may_see_internal_notes(actor: Actor, report: ReportFacts) -> bool:
    return actor.has_role(Role.ADMIN) or is_handling_liaison(actor, report)


def may_see_officer_names(actor: Actor, report: ReportFacts) -> bool:
    return may_see_internal_notes(actor, report)


def may_see_attachment(actor: Actor, report: ReportFacts, is_internal: bool) -> bool:
    """A file is seen by who sees what it is attached to: the report, and for an internal file (an
    officer's, or one on an internal timeline entry) only who sees internal notes."""
    return may_view_report(actor, report) and (not is_internal or may_see_internal_notes(actor, report))


def may_manage_agencies(actor: Actor) -> bool:
    """Creating, renaming, moving, (de)activating and deleting agencies is the provincial admin's job."""
    return actor.has_role(Role.ADMIN)


def may_edit_agency_profile(actor: Actor, agency_id: int) -> bool:
    """An agency's profile is kept by its own liaisons (and the admins), never by another agency's."""
    if actor.has_role(Role.ADMIN):
        return True
    return actor.has_role(Role.LIAISON) and actor.agency_id is not None and actor.agency_id == agency_id


def may_see_agency_liaisons(actor: Actor, agency_id: int) -> bool:
    """Like SP4N-LAPOR!, liaison identities are not published: admins and colleagues only."""
    return may_edit_agency_profile(actor, agency_id)


def may_read_audit_trail(actor: Actor) -> bool:
    return actor.has_role(Role.ADMIN)


def may_manage_accounts(actor: Actor) -> bool:
    """Registering liaisons, (de)activating users, issuing reset secrets and listing users: admins only."""
    return actor.has_role(Role.ADMIN)


def may_change_activation(actor: Actor, user_id: int, user_role: str) -> bool:
    """Admins (de)activate anyone but an admin, so no admin can lock out themselves or another admin."""
    return may_manage_accounts(actor) and user_role != Role.ADMIN and user_id != actor.user_id


def may_see_account_details(actor: Actor, user_id: int) -> bool:
    """Phone and account status (like the e-mail): the person themself and the admins."""
    return actor.user_id == user_id or actor.has_role(Role.ADMIN)
