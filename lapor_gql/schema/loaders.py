"""Per-request DataLoaders: every relation reached from a list is fetched in one query per level."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

from strawberry.dataloader import DataLoader

from lapor_gql.db.models import Agency, AgencyOfficial, Attachment, Role, User
from lapor_gql.db.projections import EventRow, events_of_reports
from lapor_gql.db.report_rows import last_events_of_reports, report_bodies
from lapor_gql.domain.calendar import working_calendars
from lapor_gql.workflow import WorkingCalendar


async def _agencies(ids: Sequence[int]) -> list[Agency | None]:
    found = {agency.id: agency for agency in await Agency.filter(id__in=list(ids))}
    return [found.get(i) for i in ids]


async def _users(ids: Sequence[int]) -> list[User | None]:
    found = {user.id: user for user in await User.filter(id__in=list(ids))}
    return [found.get(i) for i in ids]


async def _events(report_ids: Sequence[int]) -> list[list[EventRow]]:
    grouped: dict[int, list[EventRow]] = defaultdict(list)
    for event in await events_of_reports(report_ids):
        grouped[event.report_id].append(event)
    return [grouped[i] for i in report_ids]


@dataclass(frozen=True, slots=True)
class LastEvents:
    """A key of the ``last_events`` loader: a report's last ``last`` events that its viewer may see
    (``with_internal``: all of them, as ``reports.events_for`` decides; else the public ones)."""

    report_id: int
    last: int
    with_internal: bool


async def _last_events(keys: Sequence[LastEvents]) -> list[list[EventRow]]:
    most = max(key.last for key in keys)
    internal = {key.report_id for key in keys if key.with_internal}
    public = {key.report_id for key in keys if not key.with_internal}
    # One statement for the page. One viewer sees a report's internal entries or not, so a report
    # asked for both ways (which no request does today) is read once each way.
    batches = (
        [(internal | public, internal)] if not internal & public else [(internal, internal), (public, set())]
    )
    found: dict[tuple[int, bool], list[EventRow]] = defaultdict(list)
    for report_ids, with_internal in batches:
        for event in await last_events_of_reports(report_ids, with_internal, most):
            found[event.report_id, event.report_id in with_internal].append(event)
    return [found[key.report_id, key.with_internal][-key.last :] for key in keys]


async def _report_bodies(report_ids: Sequence[int]) -> list[str | None]:
    found = await report_bodies(report_ids)
    return [found.get(i) for i in report_ids]


async def _agency_children(parent_ids: Sequence[int]) -> list[list[Agency]]:
    grouped: dict[int, list[Agency]] = defaultdict(list)
    for agency in await Agency.filter(parent_id__in=list(parent_ids)).order_by("id"):
        if agency.parent_id is not None:
            grouped[agency.parent_id].append(agency)
    return [grouped[i] for i in parent_ids]


async def _agency_liaisons(agency_ids: Sequence[int]) -> list[list[User]]:
    grouped: dict[int, list[User]] = defaultdict(list)
    liaisons = User.filter(agency_id__in=list(agency_ids), role=Role.LIAISON.value)
    for user in await liaisons.order_by("id"):
        if user.agency_id is not None:
            grouped[user.agency_id].append(user)
    return [grouped[i] for i in agency_ids]


async def _agency_officials(agency_ids: Sequence[int]) -> list[list[AgencyOfficial]]:
    grouped: dict[int, list[AgencyOfficial]] = defaultdict(list)
    for official in await AgencyOfficial.filter(agency_id__in=list(agency_ids)).order_by("sort_order", "id"):
        grouped[official.agency_id].append(official)
    return [grouped[i] for i in agency_ids]


async def _report_attachments(report_ids: Sequence[int]) -> list[list[Attachment]]:
    grouped: dict[int, list[Attachment]] = defaultdict(list)
    for attachment in await Attachment.filter(report_id__in=list(report_ids)).order_by("id"):
        if attachment.report_id is not None:
            grouped[attachment.report_id].append(attachment)
    return [grouped[i] for i in report_ids]


async def _event_attachments(event_ids: Sequence[int]) -> list[list[Attachment]]:
    grouped: dict[int, list[Attachment]] = defaultdict(list)
    for attachment in await Attachment.filter(event_id__in=list(event_ids)).order_by("id"):
        if attachment.event_id is not None:
            grouped[attachment.event_id].append(attachment)
    return [grouped[i] for i in event_ids]


@dataclass
class Loaders:
    agency: DataLoader[int, Agency | None] = field(default_factory=lambda: DataLoader(load_fn=_agencies))
    user: DataLoader[int, User | None] = field(default_factory=lambda: DataLoader(load_fn=_users))
    events: DataLoader[int, list[EventRow]] = field(default_factory=lambda: DataLoader(load_fn=_events))
    last_events: DataLoader[LastEvents, list[EventRow]] = field(
        default_factory=lambda: DataLoader(load_fn=_last_events)
    )
    # The body of a report read as a list's row, which leaves it out.
    report_body: DataLoader[int, str | None] = field(
        default_factory=lambda: DataLoader(load_fn=_report_bodies)
    )
    agency_children: DataLoader[int, list[Agency]] = field(
        default_factory=lambda: DataLoader(load_fn=_agency_children)
    )
    agency_liaisons: DataLoader[int, list[User]] = field(
        default_factory=lambda: DataLoader(load_fn=_agency_liaisons)
    )
    agency_officials: DataLoader[int, list[AgencyOfficial]] = field(
        default_factory=lambda: DataLoader(load_fn=_agency_officials)
    )
    # Attached files, oldest first: all of a report's, and those of one timeline entry.
    report_attachments: DataLoader[int, list[Attachment]] = field(
        default_factory=lambda: DataLoader(load_fn=_report_attachments)
    )
    event_attachments: DataLoader[int, list[Attachment]] = field(
        default_factory=lambda: DataLoader(load_fn=_event_attachments)
    )
    # Keyed by a report's agency (None: no agency yet, national holidays only).
    calendar: DataLoader[int | None, WorkingCalendar] = field(
        default_factory=lambda: DataLoader(load_fn=working_calendars)
    )
