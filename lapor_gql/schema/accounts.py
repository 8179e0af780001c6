"""Account mutations and queries: registration, own settings and sessions, liaisons and activation."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import datetime, timedelta
from typing import Self

import strawberry

from lapor_gql.db import models
from lapor_gql.db.models import Role
from lapor_gql.domain import accounts

from .context import Info
from .errors import MutationError, global_key, refusing_access, run_mutation
from .ids import decode_id, encode_id
from .mutations import _require_role
from .queries import _bad_argument, _page_size
from .types import PageInfo, UserNode, decode_cursor, encode_cursor

ALL_ROLES = tuple(Role)


def _secret_ttl(info: Info) -> timedelta:
    return timedelta(hours=info.context.settings.account_secret_ttl_hours)


def _token_ttl(info: Info) -> timedelta:
    return timedelta(hours=info.context.settings.token_ttl_hours)


@strawberry.type(name="Session", description="One login of the viewer: never the token itself.")
class SessionNode:
    id: strawberry.ID
    created_at: datetime
    expires_at: datetime
    is_current: bool = strawberry.field(description="The session this request was sent with.")

    @classmethod
    def from_model(cls, token: models.AccessToken, info: Info) -> Self:
        return cls(
            id=strawberry.ID(encode_id("Session", token.id)),
            created_at=token.created_at,
            expires_at=token.expires_at,
            is_current=token.id == info.context.actor.token_id,
        )


@strawberry.type(description="The account as it is after the mutation, or errors and no change.")
class UserPayload:
    user: UserNode | None = None
    errors: list[MutationError] = strawberry.field(default_factory=list)


@strawberry.type(description="A one-time secret to choose a password with: shown this once, never again.")
class AccountSecretPayload:
    user: UserNode | None = None
    secret: str | None = strawberry.field(
        default=None, description="Hand it to the person; they set their password with passwordReset."
    )
    secret_expires_at: datetime | None = None
    errors: list[MutationError] = strawberry.field(default_factory=list)


@strawberry.type
class AccountRegisterPayload:
    token: str | None = None
    expires_at: datetime | None = None
    user: UserNode | None = None
    errors: list[MutationError] = strawberry.field(default_factory=list)


@strawberry.type
class SessionRevokePayload:
    session: SessionNode | None = None
    errors: list[MutationError] = strawberry.field(default_factory=list)


@strawberry.input
class AccountRegisterInput:
    name: str
    email: str
    phone: str = strawberry.field(description="Indonesian number: 0…, 62… or +62…, 8 to 15 digits.")
    password: str
    nik: str | None = strawberry.field(default=None, description="Optional: the 16-digit NIK.")


@strawberry.input(description="Fields left out stay as they are.")
class AccountUpdateInput:
    name: str | None = None
    phone: str | None = None
    email: str | None = None


@strawberry.input
class PasswordChangeInput:
    current_password: str
    new_password: str


@strawberry.input
class PasswordResetInput:
    secret: str = strawberry.field(description="The one-time setup or reset secret.")
    new_password: str


@strawberry.input
class LiaisonCreateInput:
    name: str
    email: str
    agency_id: strawberry.ID
    phone: str = ""


@strawberry.input
class UserIdInput:
    id: strawberry.ID


@strawberry.input
class SessionRevokeInput:
    id: strawberry.ID


@strawberry.input(description="Narrow the user list; every given condition must hold.")
class UserFilter:
    role: models.Role | None = None
    agency_id: strawberry.ID | None = None
    active: bool | None = None


@strawberry.type
class UserEdge:
    cursor: str
    node: UserNode


@strawberry.type(description="A page of user accounts, oldest first.")
class UserConnection:
    edges: list[UserEdge]
    page_info: PageInfo


def _secret_payload(issued: accounts.IssuedSecret) -> AccountSecretPayload:
    return AccountSecretPayload(
        user=UserNode.from_model(issued.user),
        secret=issued.secret or None,
        secret_expires_at=issued.expires_at,
    )


@strawberry.type
class AccountMutation:
    @strawberry.mutation(description="Anyone: open a citizen account; logs in at once.")
    async def account_register(self, info: Info, input: AccountRegisterInput) -> AccountRegisterPayload:
        form = accounts.Registration(
            name=input.name, email=input.email, phone=input.phone, password=input.password, nik=input.nik
        )

        async def register() -> AccountRegisterPayload:
            issued = await accounts.register_citizen(info.context.runtime.clock, form, _token_ttl(info))
            return AccountRegisterPayload(
                token=issued.token or None,
                expires_at=issued.expires_at,
                user=UserNode.from_model(issued.user),
            )

        return await run_mutation(info.context.language, AccountRegisterPayload, register)

    @strawberry.mutation(description="Change one's own name, phone or e-mail.")
    async def account_update(self, info: Info, input: AccountUpdateInput) -> UserPayload:
        _require_role(info, *ALL_ROLES)
        changes = accounts.AccountChanges(name=input.name, email=input.email, phone=input.phone)
        return await _user_change(
            info, lambda: accounts.update_account(info.context.runtime.clock, info.context.actor, changes)
        )

    @strawberry.mutation(description="Change one's own password; every other session ends, this one stays.")
    async def password_change(self, info: Info, input: PasswordChangeInput) -> UserPayload:
        _require_role(info, *ALL_ROLES)
        return await _user_change(
            info,
            lambda: accounts.change_password(
                info.context.runtime.clock, info.context.actor, input.current_password, input.new_password
            ),
        )

    @strawberry.mutation(
        description="No login needed: choose a password with a one-time setup or reset secret; "
        "every session of the account ends. Log in afterwards with tokenCreate."
    )
    async def password_reset(self, info: Info, input: PasswordResetInput) -> UserPayload:
        return await _user_change(
            info,
            lambda: accounts.reset_password(info.context.runtime.clock, input.secret, input.new_password),
        )

    @strawberry.mutation(
        description="End one of one's own sessions (the current one: log out; a browser session's "
        "cookies are cleared)."
    )
    async def session_revoke(self, info: Info, input: SessionRevokeInput) -> SessionRevokePayload:
        _require_role(info, *ALL_ROLES)

        async def revoke() -> SessionRevokePayload:
            session_id = global_key(input.id, "Session", "id")
            session = await accounts.revoke_session(
                info.context.runtime.clock, info.context.actor, session_id
            )
            if info.context.browser.authenticated and session.id == info.context.actor.token_id:
                info.context.browser.end()  # logging out of the console: its cookies go too
            return SessionRevokePayload(session=SessionNode.from_model(session, info))

        return await run_mutation(info.context.language, SessionRevokePayload, revoke)

    @strawberry.mutation(
        description="Admin: register a liaison officer of an agency; returns their one-time setup secret."
    )
    async def liaison_create(self, info: Info, input: LiaisonCreateInput) -> AccountSecretPayload:
        _require_role(info, Role.ADMIN)

        async def create() -> AccountSecretPayload:
            agency_id = global_key(input.agency_id, "Agency", "agency_id")
            draft = accounts.LiaisonDraft(
                name=input.name, email=input.email, agency_id=agency_id, phone=input.phone
            )
            issued = await accounts.create_liaison(
                info.context.runtime.clock, info.context.actor, draft, _secret_ttl(info)
            )
            return _secret_payload(issued)

        return await run_mutation(info.context.language, AccountSecretPayload, create)

    @strawberry.mutation(
        description="Admin: a new one-time reset secret for a non-admin user; older unused ones stop working."
    )
    async def user_password_reset_issue(self, info: Info, input: UserIdInput) -> AccountSecretPayload:
        _require_role(info, Role.ADMIN)

        async def issue() -> AccountSecretPayload:
            user_id = global_key(input.id, "User", "id")
            issued = await accounts.issue_password_reset(
                info.context.runtime.clock, info.context.actor, user_id, _secret_ttl(info)
            )
            return _secret_payload(issued)

        return await run_mutation(info.context.language, AccountSecretPayload, issue)

    @strawberry.mutation(description="Admin: deactivate a non-admin account; its sessions end at once.")
    async def user_deactivate(self, info: Info, input: UserIdInput) -> UserPayload:
        return await _set_active(info, input, active=False)

    @strawberry.mutation(description="Admin: activate a deactivated non-admin account again.")
    async def user_activate(self, info: Info, input: UserIdInput) -> UserPayload:
        return await _set_active(info, input, active=True)


async def _set_active(info: Info, input: UserIdInput, *, active: bool) -> UserPayload:
    _require_role(info, Role.ADMIN)
    return await _user_change(
        info,
        lambda: accounts.set_user_active(
            info.context.runtime.clock, info.context.actor, global_key(input.id, "User", "id"), active
        ),
    )


async def _user_change(info: Info, command: Callable[[], Awaitable[models.User]]) -> UserPayload:
    async def change() -> UserPayload:
        return UserPayload(user=UserNode.from_model(await command()))

    return await run_mutation(info.context.language, UserPayload, change)


@strawberry.type
class AccountQuery:
    @strawberry.field(description="Admin: user accounts, oldest first.")
    async def users(
        self,
        info: Info,
        filter: UserFilter | None = None,
        first: int | None = None,
        after: str | None = None,
    ) -> UserConnection:
        _require_role(info, Role.ADMIN)
        size = _page_size(info, first)
        try:
            after_id = decode_cursor("user", after)
        except ValueError:
            raise _bad_argument(info, "after") from None
        given = filter or UserFilter()
        agency_id = None
        if given.agency_id is not None:
            agency_id = decode_id(given.agency_id, "Agency")
            if agency_id is None:
                raise _bad_argument(info, "filter.agencyId")
        with refusing_access(info.context.language):
            rows, has_next_page = await accounts.list_users(
                info.context.actor,
                accounts.UserFilter(role=given.role, agency_id=agency_id, is_active=given.active),
                first=size,
                after_id=after_id,
            )
        edges = [UserEdge(cursor=encode_cursor("user", u.id), node=UserNode.from_model(u)) for u in rows]
        return UserConnection(
            edges=edges,
            page_info=PageInfo.of(
                [e.cursor for e in edges], has_next_page=has_next_page, has_previous_page=after_id is not None
            ),
        )

    @strawberry.field(description="The viewer's own sessions that still work, newest first.")
    async def my_sessions(self, info: Info) -> list[SessionNode]:
        _require_role(info, *ALL_ROLES)
        with refusing_access(info.context.language):
            sessions = await accounts.list_sessions(info.context.runtime.clock, info.context.actor)
        return [SessionNode.from_model(s, info) for s in sessions]
