"""Agency mutations (the hierarchy for admins, the profile for the agency's liaisons) and the audit trail."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import datetime

import strawberry
from strawberry.scalars import JSON

from lapor_gql.db import models
from lapor_gql.db.models import Role
from lapor_gql.domain import agencies as commands
from lapor_gql.domain import policy
from lapor_gql.domain.errors import AccessDenied
from lapor_gql.domain.processes import Runtime

from .context import Info
from .errors import MutationError, access_error, global_key, optional_key, run_mutation
from .ids import decode_id, encode_id
from .mutations import _require_role
from .queries import _bad_argument, _page_size
from .types import AgencyNode, PageInfo, UserNode, decode_cursor, encode_cursor


@strawberry.type(description="The agency as it is after the mutation, or errors and no change.")
class AgencyPayload:
    agency: AgencyNode | None = None
    errors: list[MutationError] = strawberry.field(default_factory=list)


@strawberry.type
class AgencyDeletePayload:
    deleted_id: strawberry.ID | None = None
    errors: list[MutationError] = strawberry.field(default_factory=list)


@strawberry.input
class AgencyCreateInput:
    code: str = strawberry.field(description="Short unique code, e.g. DINKES; stored in capitals.")
    name: str
    parent_id: strawberry.ID | None = strawberry.field(
        default=None, description="The agency above; none for a province."
    )


@strawberry.input
class AgencyUpdateInput:
    id: strawberry.ID
    code: str | None = None
    name: str | None = None


@strawberry.input
class AgencyMoveInput:
    id: strawberry.ID
    parent_id: strawberry.ID | None = strawberry.field(
        description="The new agency above; null puts it at the top."
    )


@strawberry.input
class AgencyIdInput:
    id: strawberry.ID


@strawberry.input
class AgencyOfficialInput:
    name: str
    position: str


@strawberry.input(description="Fields left out stay as they are; an empty string clears one.")
class AgencyProfileUpdateInput:
    id: strawberry.ID
    address: str | None = None
    phone: str | None = strawberry.field(
        default=None, description="Indonesian number: 0…, 62… or +62…, 8 to 15 digits."
    )
    email: str | None = None
    website: str | None = strawberry.field(default=None, description="An http:// or https:// address.")
    description: str | None = None
    service_hours: str | None = None
    officials: list[AgencyOfficialInput] | None = strawberry.field(
        default=None, description="Replaces the whole list, in this order."
    )


async def _agency_command(
    info: Info, command: Callable[[Runtime], Awaitable[models.Agency]]
) -> AgencyPayload:
    async def run() -> AgencyPayload:
        return AgencyPayload(agency=AgencyNode.from_model(await command(info.context.runtime)))

    return await run_mutation(info.context.language, AgencyPayload, run)


def _key(raw: str) -> int:
    return global_key(raw, "Agency", "id")


@strawberry.type
class AgencyMutation:
    @strawberry.mutation(description="Admin: register an agency (province, Perangkat Daerah or unit).")
    async def agency_create(self, info: Info, input: AgencyCreateInput) -> AgencyPayload:
        _require_role(info, Role.ADMIN)
        actor = info.context.actor
        return await _agency_command(
            info,
            lambda rt: commands.create_agency(
                rt, actor, input.code, input.name, optional_key(input.parent_id, "Agency", "parent_id")
            ),
        )

    @strawberry.mutation(description="Admin: rename an agency or change its code.")
    async def agency_update(self, info: Info, input: AgencyUpdateInput) -> AgencyPayload:
        _require_role(info, Role.ADMIN)
        actor = info.context.actor
        return await _agency_command(
            info,
            lambda rt: commands.update_agency(rt, actor, _key(input.id), code=input.code, name=input.name),
        )

    @strawberry.mutation(
        description="Admin: move an agency, with its units, under another one (never below itself)."
    )
    async def agency_move(self, info: Info, input: AgencyMoveInput) -> AgencyPayload:
        _require_role(info, Role.ADMIN)
        actor = info.context.actor
        return await _agency_command(
            info,
            lambda rt: commands.move_agency(
                rt, actor, _key(input.id), optional_key(input.parent_id, "Agency", "parent_id")
            ),
        )

    @strawberry.mutation(
        description="Admin: deactivate an agency. It keeps its reports but receives no new dispositions."
    )
    async def agency_deactivate(self, info: Info, input: AgencyIdInput) -> AgencyPayload:
        _require_role(info, Role.ADMIN)
        actor = info.context.actor
        return await _agency_command(
            info, lambda rt: commands.set_agency_active(rt, actor, _key(input.id), False)
        )

    @strawberry.mutation(description="Admin: activate a deactivated agency again.")
    async def agency_activate(self, info: Info, input: AgencyIdInput) -> AgencyPayload:
        _require_role(info, Role.ADMIN)
        actor = info.context.actor
        return await _agency_command(
            info, lambda rt: commands.set_agency_active(rt, actor, _key(input.id), True)
        )

    @strawberry.mutation(
        description="Admin: delete an agency registered by mistake. One with reports, liaisons or units "
        "is refused with AGENCY_IN_USE: deactivate it instead."
    )
    async def agency_delete(self, info: Info, input: AgencyIdInput) -> AgencyDeletePayload:
        _require_role(info, Role.ADMIN)

        async def delete() -> AgencyDeletePayload:
            await commands.delete_agency(info.context.runtime, info.context.actor, _key(input.id))
            return AgencyDeletePayload(deleted_id=strawberry.ID(input.id))

        return await run_mutation(info.context.language, AgencyDeletePayload, delete)

    @strawberry.mutation(
        description="The agency's own liaison (or an admin): edit its public profile and officials."
    )
    async def agency_profile_update(self, info: Info, input: AgencyProfileUpdateInput) -> AgencyPayload:
        _require_role(info, Role.LIAISON, Role.ADMIN)
        actor = info.context.actor
        change = commands.ProfileChange(
            address=input.address,
            phone=input.phone,
            email=input.email,
            website=input.website,
            description=input.description,
            service_hours=input.service_hours,
            officials=None
            if input.officials is None
            else [commands.OfficialDraft(name=o.name, position=o.position) for o in input.officials],
        )
        return await _agency_command(
            info, lambda rt: commands.update_agency_profile(rt, actor, _key(input.id), change)
        )


# --- the audit trail of accounts, roles and agencies ---------------------------------------------

# Global id type name of each audited object type.
_AUDITED_TYPES = {"Agency": "agency", "User": "user"}


@strawberry.type(description="One change to an account, a role or an agency: who, what, when, before/after.")
class AuditEvent:
    model: strawberry.Private[models.AuditEvent]

    @strawberry.field
    def action(self) -> str:
        return self.model.action

    @strawberry.field(description="agency or user.")
    def object_type(self) -> str:
        return self.model.object_type

    @strawberry.field(description="The global id of the changed object.")
    def object_id(self) -> strawberry.ID:
        type_name = next((t for t, o in _AUDITED_TYPES.items() if o == self.model.object_type), None)
        text = encode_id(type_name, self.model.object_id) if type_name else str(self.model.object_id)
        return strawberry.ID(text)

    @strawberry.field(description="The changed fields' values before the change.")
    def before(self) -> JSON:
        return JSON(self.model.before)

    @strawberry.field(description="The changed fields' values after the change.")
    def after(self) -> JSON:
        return JSON(self.model.after)

    @strawberry.field
    async def actor(self, info: Info) -> UserNode | None:
        if self.model.actor_id is None:
            return None
        user = await info.context.loaders.user.load(self.model.actor_id)
        return UserNode.from_model(user) if user else None

    @strawberry.field
    def created_at(self) -> datetime:
        return self.model.created_at


@strawberry.type
class AuditEventEdge:
    cursor: str
    node: AuditEvent


@strawberry.type(description="A page of audit events, newest first.")
class AuditEventConnection:
    edges: list[AuditEventEdge]
    page_info: PageInfo


@strawberry.type
class AgencyQuery:
    @strawberry.field(
        description="Admins: the audit trail of accounts, roles and agencies, newest first; narrowed to "
        "one object by its global id, or to one kind (agency, user)."
    )
    async def audit_events(
        self,
        info: Info,
        object_type: str | None = None,
        object_id: strawberry.ID | None = None,
        first: int | None = None,
        after: str | None = None,
    ) -> AuditEventConnection:
        _require_role(info, Role.ADMIN)
        if not policy.may_read_audit_trail(info.context.actor):
            raise access_error(AccessDenied("FORBIDDEN"), info.context.language)
        size = _page_size(info, first)
        try:
            after_id = decode_cursor("audit", after)
        except ValueError:
            raise _bad_argument(info, "after") from None
        query = models.AuditEvent.all()
        if object_type is not None:
            if object_type not in _AUDITED_TYPES.values():
                raise _bad_argument(info, "objectType")
            query = query.filter(object_type=object_type)
        if object_id is not None:
            key = next(
                ((o, k) for t, o in _AUDITED_TYPES.items() if (k := decode_id(object_id, t)) is not None),
                None,
            )
            if key is None or (object_type is not None and key[0] != object_type):
                raise _bad_argument(info, "objectId")
            query = query.filter(object_type=key[0], object_id=key[1])
        if after_id is not None:
            query = query.filter(id__lt=after_id)
        rows = await query.order_by("-id").limit(size + 1)
        edges = [
            AuditEventEdge(cursor=encode_cursor("audit", e.id), node=AuditEvent(model=e)) for e in rows[:size]
        ]
        return AuditEventConnection(
            edges=edges,
            page_info=PageInfo.of(
                [e.cursor for e in edges],
                has_next_page=len(rows) > size,
                has_previous_page=after_id is not None,
            ),
        )
