"""GraphQL object types. Each wraps a model row and asks the domain policy what the viewer may see."""

from __future__ import annotations

import base64
from collections.abc import Iterable
from datetime import UTC, date, datetime, timedelta
from enum import Enum
from typing import Self

import strawberry
from strawberry import relay

from lapor_gql.db import models
from lapor_gql.db.projections import EventRow
from lapor_gql.db.report_rows import ReportRow
from lapor_gql.domain import attachments as attachment_queries
from lapor_gql.domain import policy
from lapor_gql.domain import reports as report_queries
from lapor_gql.domain.actions import INPUT_KINDS, ActionDeclaration, label_of, labels_from
from lapor_gql.domain.actors import SYSTEM_ROLE
from lapor_gql.domain.agencies import MAX_DEPTH, AgencyLevel, level_of_depth
from lapor_gql.domain.calendar import working_days_left
from lapor_gql.domain.labels import Language, action_label, stage_label, status_label

from .attachments import AttachmentNode
from .context import Info
from .ids import database_key
from .loaders import LastEvents
from .ratings import Rating


@strawberry.enum(description="Where a report stands in its lifecycle.")
class ReportStatus(Enum):
    SUBMITTED = "SUBMITTED"
    ON_HOLD = "ON_HOLD"
    ARCHIVED = "ARCHIVED"
    DISPOSED = "DISPOSED"
    IN_PROGRESS = "IN_PROGRESS"
    NOT_AUTHORITY_REQUESTED = "NOT_AUTHORITY_REQUESTED"
    CLOSED = "CLOSED"


# The kinds of an action's input, named once in the diagram vocabulary (declarations.INPUT_KINDS).
ActionInputKind = strawberry.enum(
    Enum("ActionInputKind", [(kind.upper(), kind) for kind in sorted(INPUT_KINDS)]),  # type: ignore[call-overload]
    description="NOTE: a text everyone who sees the report reads; INTERNAL_NOTE: a text for officers; "
    "AGENCY: an Agency's id; YESNO: `true` or `false`; CHOICE: one of the input's choices' codes; "
    "RATING: a whole number from 1 to 5 (the reporter's rating of the resolution).",
)


@strawberry.type(description="One answer a CHOICE input offers.")
class ActionChoice:
    code: str = strawberry.field(description="What to send as the value.")
    label: str = strawberry.field(description="In the request's language.")


@strawberry.type(description="One input of an action: a field of the form a client renders for it.")
class ActionInput:
    name: str = strawberry.field(description="The name to send the value under in reportActionPerform.")
    kind: Enum = strawberry.field(graphql_type=ActionInputKind)
    required: bool = strawberry.field(
        description="Always needed. An input that is needed only in some cases says which in its label."
    )
    label: str = strawberry.field(description="In the request's language.")
    choices: list[ActionChoice] = strawberry.field(description="The answers of a CHOICE input; else empty.")


@strawberry.type(
    description="Something the viewer may do to the report now: one of the application's actions or one "
    "the diagram declares, with the inputs to ask for. Perform it with reportActionPerform (the "
    "application's actions also have a mutation of their own, e.g. reportFollowUp for follow_up)."
)
class AvailableAction:
    code: str = strawberry.field(description="What to send as reportActionPerform's action.")
    label: str = strawberry.field(description="In the request's language.")
    inputs: list[ActionInput]

    @classmethod
    def of(cls, declaration: ActionDeclaration, language: Language) -> Self:
        return cls(
            code=declaration.code,
            label=label_of(declaration.labels, language) or declaration.code,
            inputs=[
                ActionInput(
                    name=spec.name,
                    kind=ActionInputKind(spec.kind),
                    required=spec.required,
                    label=label_of(spec.labels, language) or spec.name,
                    choices=[
                        ActionChoice(code=choice.code, label=label_of(choice.labels, language) or choice.code)
                        for choice in spec.choices
                    ],
                )
                for spec in declaration.inputs
            ],
        )


# Registered with Strawberry in place, so the model enums serve as GraphQL enums too.
strawberry.enum(models.Classification, description="Kind of report.")
strawberry.enum(models.Role, description="What a user account is for.")


def encode_cursor(kind: str, key: int) -> str:
    return base64.b64encode(f"{kind}:{key}".encode()).decode()


def decode_cursor(kind: str, cursor: str | None) -> int | None:
    """The key inside a cursor of this kind; a foreign or damaged cursor raises ValueError."""
    if cursor is None:
        return None
    try:
        prefix, _, text = base64.b64decode(cursor.encode(), validate=True).decode().partition(":")
        key = database_key(text)
        if prefix != kind or key is None:
            raise ValueError(cursor)
        return key
    except (UnicodeError, ValueError) as exc:
        raise ValueError(f"not a {kind} cursor") from exc


# A report list in DEADLINE order continues after a (deadline, id) pair: the deadline as whole
# microseconds since the epoch (exact, unlike a float), "-" for a report without one.
DEADLINE_CURSOR = "report-deadline"
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_MICROSECOND = timedelta(microseconds=1)


def encode_deadline_cursor(deadline: datetime | None, key: int) -> str:
    moment = "-" if deadline is None else str((deadline - _EPOCH) // _MICROSECOND)
    return base64.b64encode(f"{DEADLINE_CURSOR}:{moment}:{key}".encode()).decode()


def decode_deadline_cursor(cursor: str | None) -> tuple[datetime | None, int] | None:
    """The (deadline, id) inside a DEADLINE-order cursor; any other cursor raises ValueError."""
    if cursor is None:
        return None
    try:
        prefix, moment, text = base64.b64decode(cursor.encode(), validate=True).decode().split(":")
        key = database_key(text)
        if prefix != DEADLINE_CURSOR or key is None or not (moment == "-" or _is_digits(moment)):
            raise ValueError(cursor)
        return (None if moment == "-" else _EPOCH + int(moment) * _MICROSECOND), key
    except (UnicodeError, ValueError, OverflowError) as exc:
        raise ValueError(f"not a {DEADLINE_CURSOR} cursor") from exc


def _is_digits(text: str) -> bool:
    """Plain ASCII digits, as the cursor wrote them (int() would also take signs, spaces, "_" and
    other scripts' digits); 18 reach past the year 9999."""
    return text.isascii() and text.isdigit() and len(text) <= 18


strawberry.enum(AgencyLevel, description="Where an agency sits: the province, a Perangkat Daerah, a unit.")


@strawberry.type(description="An official named on an agency's public profile.")
class AgencyOfficial:
    name: str
    position: str


@strawberry.type(name="Agency", description="A Perangkat Daerah or one of its units.")
class AgencyNode(relay.Node):
    id: relay.NodeID[int]
    code: str
    name: str
    address: str
    phone: str
    email: str
    website: str
    description: str
    service_hours: str
    is_active: bool
    parent_id: strawberry.Private[int | None]
    model: strawberry.Private[models.Agency | None] = None

    @classmethod
    def from_model(cls, agency: models.Agency) -> Self:
        return cls(
            id=agency.id,
            code=agency.code,
            name=agency.name,
            address=agency.address,
            phone=agency.phone,
            email=agency.email,
            website=agency.website,
            description=agency.description,
            service_hours=agency.service_hours,
            is_active=agency.is_active,
            parent_id=agency.parent_id,
            model=agency,
        )

    def _prime(self, info: Info) -> None:
        # Agencies already at hand answer their units' and children's parent lookups without a query.
        if self.model is not None:
            info.context.loaders.agency.prime(self.id, self.model)

    @strawberry.field
    async def parent(self, info: Info) -> AgencyNode | None:
        return await load_agency(info, self.parent_id)

    @strawberry.field(description="PROVINCE at the top, AGENCY (Perangkat Daerah) below it, UNIT below that.")
    async def level(self, info: Info) -> AgencyLevel:
        self._prime(info)
        depth, parent_id, seen = 0, self.parent_id, {self.id}
        while parent_id is not None and parent_id not in seen and depth <= MAX_DEPTH:
            seen.add(parent_id)
            depth += 1
            parent = await info.context.loaders.agency.load(parent_id)
            parent_id = parent.parent_id if parent else None
        return level_of_depth(depth)

    @strawberry.field(description="The units directly below this agency, active or not.")
    async def children(self, info: Info) -> list[AgencyNode]:
        self._prime(info)
        return [AgencyNode.from_model(a) for a in await info.context.loaders.agency_children.load(self.id)]

    @strawberry.field(description="The officials on the agency's profile, in the order its liaison gave.")
    async def officials(self, info: Info) -> list[AgencyOfficial]:
        found = await info.context.loaders.agency_officials.load(self.id)
        return [AgencyOfficial(name=o.name, position=o.position) for o in found]

    @strawberry.field(
        description="The agency's liaison officers. Like SP4N-LAPOR!, liaisons are not published: only "
        "admins and the agency's own liaisons see them; everyone else gets an empty list."
    )
    async def liaisons(self, info: Info) -> list[UserNode]:
        if not policy.may_see_agency_liaisons(info.context.actor, self.id):
            return []
        return [UserNode.from_model(u) for u in await info.context.loaders.agency_liaisons.load(self.id)]

    @classmethod
    async def resolve_nodes(  # type: ignore[override]
        cls, *, info: Info, node_ids: Iterable[str], required: bool = False
    ) -> list[Self | None]:
        keys = [database_key(i) for i in node_ids]
        agencies = await info.context.loaders.agency.load_many([k for k in keys if k is not None])
        found = {a.id: a for a in agencies if a}
        return [cls.from_model(found[k]) if k in found else None for k in keys]


@strawberry.type(
    name="User", description="A person with an account. Contact details only reach the person and admins."
)
class UserNode(relay.Node):
    id: relay.NodeID[int]
    name: str
    role: models.Role
    agency_id: strawberry.Private[int | None]
    email_address: strawberry.Private[str]
    phone_number: strawberry.Private[str] = ""
    active: strawberry.Private[bool] = True

    @classmethod
    def from_model(cls, user: models.User) -> Self:
        return cls(
            id=user.id,
            name=user.name,
            role=models.Role(user.role),
            agency_id=user.agency_id,
            email_address=user.email,
            phone_number=user.phone,
            active=user.is_active,
        )

    @strawberry.field
    def email(self, info: Info) -> str | None:
        actor = info.context.actor
        if actor.user_id == self.id or actor.has_role(models.Role.ADMIN):
            return self.email_address
        return None

    @strawberry.field(description="The person themself and admins only.")
    def phone(self, info: Info) -> str | None:
        return self.phone_number if policy.may_see_account_details(info.context.actor, self.id) else None

    @strawberry.field(description="Whether the account may log in; the person themself and admins only.")
    def is_active(self, info: Info) -> bool | None:
        return self.active if policy.may_see_account_details(info.context.actor, self.id) else None

    @strawberry.field
    async def agency(self, info: Info) -> AgencyNode | None:
        return await load_agency(info, self.agency_id)

    @classmethod
    async def resolve_nodes(  # type: ignore[override]
        cls, *, info: Info, node_ids: Iterable[str], required: bool = False
    ) -> list[Self | None]:
        # Looking people up by id is for admins and for oneself; reporters are reached through reports.
        actor = info.context.actor
        ids = [int(i) for i in node_ids]
        users = await info.context.loaders.user.load_many(ids)
        return [
            cls.from_model(u) if u and (actor.has_role(models.Role.ADMIN) or actor.user_id == u.id) else None
            for u in users
        ]


@strawberry.type(description="Where it happened: free text and, optionally, map coordinates.")
class Location:
    text: str
    latitude: float | None
    longitude: float | None


@strawberry.type(description="One entry of a report's audit trail.")
class ReportEvent:
    model: strawberry.Private[EventRow]
    report: strawberry.Private[models.Report | ReportRow]

    @strawberry.field
    def action(self) -> str:
        return self.model.action

    @strawberry.field(
        description="In the request's language: the diagram's labels for an action or audit code it "
        "declares, else the application's."
    )
    def action_label(self, info: Info) -> str:
        details = self.model.details
        label = details.get("label") if self.model.actor_role == SYSTEM_ROLE else None
        return action_label(
            self.model.action,
            info.context.language,
            str(label) if label else None,
            labels_from(details.get("labels")),
        )

    @strawberry.field
    def from_status(self) -> ReportStatus | None:
        return ReportStatus(self.model.from_status) if self.model.from_status else None

    @strawberry.field
    def to_status(self) -> ReportStatus | None:
        return ReportStatus(self.model.to_status) if self.model.to_status else None

    @strawberry.field
    def message(self) -> str:
        return self.model.message

    @strawberry.field(
        description="Disposition notes and not-authority reasons: admins and the handling agency only."
    )
    def internal_note(self, info: Info) -> str | None:
        if policy.may_see_internal_notes(info.context.actor, self.report):
            return self.model.internal_note
        return None

    @strawberry.field(
        description="For a not-authority request: the agency its liaison suggested instead, if any. Like "
        "the reason, admins and the handling agency only."
    )
    async def suggested_agency(self, info: Info) -> AgencyNode | None:
        agency_id = self.model.details.get("suggested_agency_id")
        if not isinstance(agency_id, int) or not policy.may_see_internal_notes(
            info.context.actor, self.report
        ):
            return None
        agency = await info.context.loaders.agency.load(agency_id)
        return AgencyNode.from_model(agency) if agency else None

    @strawberry.field
    def is_public(self) -> bool:
        return self.model.is_public

    @strawberry.field(description="Role of who acted: CITIZEN, LIAISON, ADMIN, or SYSTEM for timers.")
    def actor_role(self) -> str:
        return self.model.actor_role

    @strawberry.field(description="Who acted, when the viewer may know.")
    async def actor(self, info: Info) -> UserNode | None:
        if self.model.actor_id is None:
            return None
        viewer = info.context.actor
        if self.model.actor_id == self.report.reporter_id:
            if not policy.may_see_reporter(viewer, self.report):
                return None
        elif not policy.may_see_officer_names(viewer, self.report):
            return None
        user = await info.context.loaders.user.load(self.model.actor_id)
        return UserNode.from_model(user) if user else None

    @strawberry.field(description="The files sent with this entry that the viewer may see, oldest first.")
    async def attachments(self, info: Info) -> list[AttachmentNode]:
        found = await info.context.loaders.event_attachments.load(self.model.id)
        visible = attachment_queries.visible_attachments(info.context.actor, self.report, found)
        return [AttachmentNode.from_model(a) for a in visible]

    @strawberry.field
    def created_at(self) -> datetime:
        return self.model.created_at

    @strawberry.field(
        description="For an entry a timer wrote: when the timer was due. A late sweep writes it later "
        "(createdAt), but what followed from it counted from this moment."
    )
    def due_at(self) -> datetime | None:
        value = self.model.details.get("dueAt") if self.model.actor_role == SYSTEM_ROLE else None
        return datetime.fromisoformat(value) if isinstance(value, str) else None


@strawberry.type(
    description="Where a report waits, in the diagram's own words: a step may declare its own stage "
    "(e.g. AWAITING_CONFIRMATION), always within one of the stable statuses."
)
class ReportStage:
    code: str = strawberry.field(description="The stage the diagram declares; without one, the status.")
    label: str = strawberry.field(description="In the request's language.")


@strawberry.type(name="Report", description="A citizen's complaint, aspiration or information request.")
class ReportNode(relay.Node):
    id: relay.NodeID[int]
    # A list's row leaves the body out (read by a DataLoader if asked for); a single report is a model.
    model: strawberry.Private[models.Report | ReportRow]

    @classmethod
    def from_model(cls, report: models.Report | ReportRow) -> Self:
        return cls(id=report.id, model=report)

    @strawberry.field
    def tracking_number(self) -> str:
        return self.model.tracking_number

    @strawberry.field
    def title(self) -> str:
        return self.model.title

    @strawberry.field
    async def body(self, info: Info) -> str:
        if isinstance(self.model, models.Report):
            return self.model.body
        body = await info.context.loaders.report_body.load(self.model.id)
        if body is None:  # reports are never deleted: the row read moments ago is still there
            raise LookupError(f"report {self.model.id} has no body")
        return body

    @strawberry.field
    def classification(self) -> models.Classification:
        return models.Classification(self.model.classification)

    @strawberry.field
    def category(self) -> str:
        return self.model.category

    @strawberry.field
    def location(self) -> Location:
        m = self.model
        return Location(text=m.location_text, latitude=m.latitude, longitude=m.longitude)

    @strawberry.field
    def incident_date(self) -> date | None:
        return self.model.incident_date

    @strawberry.field
    def is_anonymous(self) -> bool:
        return self.model.is_anonymous

    @strawberry.field
    def is_confidential(self) -> bool:
        return self.model.is_confidential

    @strawberry.field
    def status(self) -> ReportStatus:
        return ReportStatus(self.model.status)

    @strawberry.field
    def status_label(self, info: Info) -> str:
        return status_label(self.model.status, info.context.language)

    @strawberry.field(description="The step it waits at, as the diagram names it (status stays stable).")
    def stage(self, info: Info) -> ReportStage:
        m = self.model
        label = stage_label(m.stage, m.stage_labels, m.status, info.context.language)
        return ReportStage(code=m.stage or m.status, label=label)

    @strawberry.field
    async def agency(self, info: Info) -> AgencyNode | None:
        return await load_agency(info, self.model.agency_id)

    @strawberry.field(
        description="Null when the report is anonymous and the viewer is neither an admin nor the reporter."
    )
    async def reporter(self, info: Info) -> UserNode | None:
        if self.model.reporter_id is None or not policy.may_see_reporter(info.context.actor, self.model):
            return None
        user = await info.context.loaders.user.load(self.model.reporter_id)
        return UserNode.from_model(user) if user else None

    @strawberry.field(description="When the current step must be done by, if it has a deadline.")
    def deadline(self) -> datetime | None:
        return self.model.deadline

    @strawberry.field
    def is_overdue(self) -> bool:
        return self.model.is_overdue

    @strawberry.field(
        description="Working days from today to the deadline's day: 0 on the deadline's day, 1 on the "
        "working day before it, -1 on the working day after it (overdue), and so on; null without a "
        "deadline. Counted as the deadlines are: dates in the server's time zone (LAPOR_TIME_ZONE), "
        "without the weekend days (LAPOR_WEEKEND_DAYS), national holidays and cuti bersama, and the "
        "handling agency's own holidays. A weekend or holiday counts for nothing, so the Saturday after "
        "a Friday deadline still says 0: isOverdue tells whether the deadline has passed."
    )
    async def working_days_left(self, info: Info) -> int | None:
        deadline = self.model.deadline
        if deadline is None:
            return None
        # One calendar per agency for the whole list (a DataLoader), not a lookup per report.
        calendar = await info.context.loaders.calendar.load(self.model.agency_id)
        return working_days_left(calendar, info.context.runtime.clock(), deadline)

    @strawberry.field(
        description="The reporter's rating of the resolution, if one stands (a reopening may clear it)."
    )
    def rating(self, info: Info) -> Rating | None:
        return Rating.shown_to(info.context.actor, self.model)

    @strawberry.field(description="What the viewer may do to this report now, and what each action asks for.")
    def available_actions(self, info: Info) -> list[AvailableAction]:
        offered = report_queries.available_action_declarations(info.context.actor, self.model)
        return [AvailableAction.of(declaration, info.context.language) for declaration in offered]

    @strawberry.field(
        description="The audit trail, oldest first; internal entries only for admins and the handling agency."
    )
    async def timeline(self, info: Info, last: int | None = None) -> list[ReportEvent]:
        actor = info.context.actor
        if last is None:
            events = await info.context.loaders.events.load(self.model.id)
            visible = report_queries.events_for(actor, self.model, events)
        elif last > 0:
            # Only the last few, read by a window query: the same entries as the end of the whole
            # timeline (events_for keeps every event for who may see internal notes, else the public ones).
            key = LastEvents(self.model.id, last, policy.may_see_internal_notes(actor, self.model))
            visible = await info.context.loaders.last_events.load(key)
        else:
            visible = []
        return [ReportEvent(model=e, report=self.model) for e in visible]

    @strawberry.field(
        description="Every file on the report the viewer may see (of every entry), oldest first; internal "
        "ones only for admins and the handling agency."
    )
    async def attachments(self, info: Info) -> list[AttachmentNode]:
        found = await info.context.loaders.report_attachments.load(self.model.id)
        visible = attachment_queries.visible_attachments(info.context.actor, self.model, found)
        return [AttachmentNode.from_model(a) for a in visible]

    @strawberry.field
    def created_at(self) -> datetime:
        return self.model.created_at

    @strawberry.field
    def updated_at(self) -> datetime:
        return self.model.updated_at

    @classmethod
    async def resolve_nodes(  # type: ignore[override]
        cls, *, info: Info, node_ids: Iterable[str], required: bool = False
    ) -> list[Self | None]:
        keys = [database_key(i) for i in node_ids]
        wanted = [k for k in keys if k is not None]
        visible = {
            r.id: r
            for r in await models.Report.filter(policy.visible_reports(info.context.actor), id__in=wanted)
        }
        return [cls.from_model(visible[k]) if k in visible else None for k in keys]


async def load_agency(info: Info, agency_id: int | None) -> AgencyNode | None:
    if agency_id is None:
        return None
    agency = await info.context.loaders.agency.load(agency_id)
    return AgencyNode.from_model(agency) if agency else None


@strawberry.type
class ReportEdge:
    cursor: str
    node: ReportNode


@strawberry.type
class PageInfo:
    has_next_page: bool
    has_previous_page: bool
    start_cursor: str | None
    end_cursor: str | None

    @classmethod
    def of(cls, cursors: list[str], *, has_next_page: bool, has_previous_page: bool) -> Self:
        return cls(
            has_next_page=has_next_page,
            has_previous_page=has_previous_page,
            start_cursor=cursors[0] if cursors else None,
            end_cursor=cursors[-1] if cursors else None,
        )


@strawberry.type(description="A page of reports, in the order the list was asked for.")
class ReportConnection:
    edges: list[ReportEdge]
    page_info: PageInfo


@strawberry.type
class AgencyEdge:
    cursor: str
    node: AgencyNode


@strawberry.type
class AgencyConnection:
    edges: list[AgencyEdge]
    page_info: PageInfo
