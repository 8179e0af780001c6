"""The Mutation root. Each resolver: coarse permission → convert input → one domain command → payload."""

from __future__ import annotations

import dataclasses
from collections.abc import Awaitable, Callable
from datetime import date, datetime, timedelta

import strawberry

from lapor_gql.browser_session import CSRF_COOKIE, CSRF_HEADER, HOST_ONLY_PREFIX
from lapor_gql.config import Settings
from lapor_gql.db import models
from lapor_gql.db.models import Role
from lapor_gql.domain import accounts, processes, report_access
from lapor_gql.domain import reports as commands
from lapor_gql.domain.actors import Actor
from lapor_gql.domain.errors import AccessDenied, ActionNotAvailable, FieldProblem, InvalidInput
from lapor_gql.domain.processes import Runtime
from lapor_gql.domain.throttling import Throttle

from .attachments import AttachmentInput, attachment_keys, upload_keys
from .context import Info
from .errors import MutationError, access_error, global_key, optional_key, run_mutation
from .ids import decode_id
from .types import ReportNode, UserNode

COOKIE_DESCRIPTION = (
    "true: a browser session. The token comes as an HttpOnly cookie, with a readable "
    f"`{CSRF_COOKIE}` cookie (`{HOST_ONLY_PREFIX}{CSRF_COOKIE}` outside development) whose value every "
    f"request authenticated by it sends back in the {CSRF_HEADER} header; `token` is then null."
)


@strawberry.type(description="The report as it is after the mutation, or errors and no change.")
class ReportPayload:
    report: ReportNode | None = None
    errors: list[MutationError] = strawberry.field(default_factory=list)


@strawberry.type(description="The new report; accessCode only when sent without an account, shown this once.")
class ReportSubmitPayload:
    report: ReportNode | None = None
    access_code: str | None = strawberry.field(
        default=None, description="Keep it: with the tracking number it is the only way to follow the report."
    )
    errors: list[MutationError] = strawberry.field(default_factory=list)


@strawberry.input
class ReportAccessTokenCreateInput:
    tracking_number: str
    access_code: str
    cookie: bool = strawberry.field(default=False, description=COOKIE_DESCRIPTION)


@strawberry.type
class ReportAccessTokenCreatePayload:
    token: str | None = None
    expires_at: datetime | None = None
    report: ReportNode | None = None
    errors: list[MutationError] = strawberry.field(default_factory=list)


@strawberry.input
class ReportAccessTokenRevokeInput:
    report_id: strawberry.ID = strawberry.field(description="The report this browser follows.")


@strawberry.type
class ReportAccessTokenRevokePayload:
    revoked: bool = False
    errors: list[MutationError] = strawberry.field(default_factory=list)


@strawberry.type
class TokenCreatePayload:
    token: str | None = None
    expires_at: datetime | None = None
    user: UserNode | None = None
    errors: list[MutationError] = strawberry.field(default_factory=list)


@strawberry.input
class TokenCreateInput:
    email: str
    password: str
    cookie: bool = strawberry.field(default=False, description=COOKIE_DESCRIPTION)


@strawberry.input
class ReportSubmitInput:
    title: str
    body: str
    classification: models.Classification
    category: str = ""
    location_text: str = ""
    latitude: float | None = None
    longitude: float | None = None
    incident_date: date | None = None
    is_anonymous: bool = strawberry.field(
        default=False, description="Hide the reporter from agencies and the public."
    )
    is_confidential: bool = strawberry.field(
        default=False, description="Hide the whole report from the public."
    )
    attachments: list[AttachmentInput] | None = strawberry.field(
        default=None, description="Photos or PDFs, seen by whoever sees the report."
    )


@strawberry.input
class ReportDisposeInput:
    id: strawberry.ID
    agency_id: strawberry.ID
    note: str = strawberry.field(default="", description="For the agency; not shown to the reporter.")


@strawberry.input
class ReportReasonInput:
    id: strawberry.ID
    reason: str


@strawberry.input
class ReportResumeInput:
    id: strawberry.ID
    note: str = ""


@strawberry.input
class ReportMessageInput:
    id: strawberry.ID
    message: str
    attachments: list[AttachmentInput] | None = strawberry.field(
        default=None, description="Photos or PDFs with the message, seen by whoever sees it."
    )


@strawberry.input
class ReportRequestNotAuthorityInput:
    id: strawberry.ID
    reason: str
    suggested_agency_id: strawberry.ID | None = None


@strawberry.input
class ReportResolveNotAuthorityInput:
    id: strawberry.ID
    accept: bool = strawberry.field(
        description="true: re-dispose to agencyId; false: back to the same agency."
    )
    agency_id: strawberry.ID | None = None
    note: str = strawberry.field(default="", description="Required when rejecting.")


@strawberry.input
class ReportCloseInput:
    id: strawberry.ID
    resolution: str


@strawberry.input(description="One input of an action: its name as availableActions lists it, and its value.")
class ActionValueInput:
    name: str
    value: str = strawberry.field(
        description="Text for a note; `true` or `false` for a yes/no; a choice's code; an Agency's id."
    )


@strawberry.input
class ReportActionPerformInput:
    id: strawberry.ID
    action: str = strawberry.field(description="The code of one of the report's availableActions.")
    values: list[ActionValueInput] | None = strawberry.field(
        default=None, description="The action's inputs by name; inputs left out are empty."
    )
    attachments: list[AttachmentInput] | None = strawberry.field(
        default=None,
        description="Photos or PDFs on the action's timeline entry, seen as it is: internal when its only "
        "text is an internal note.",
    )


@strawberry.input
class ReportAttachmentAddInput:
    id: strawberry.ID
    attachments: list[AttachmentInput]
    note: str = strawberry.field(default="", description="For officers, like the files.")


def guessing_throttle(settings: Settings) -> Throttle:
    """The limits for guessing a password (access codes have their own: ``AccessCodeLimits``)."""
    return Throttle(
        max_failures=settings.login_max_failures,
        window=timedelta(minutes=settings.login_failure_window_minutes),
        lockout=timedelta(minutes=settings.login_lockout_minutes),
    )


def _require_role(info: Info, *roles: Role, or_access_code_holder: bool = False) -> None:
    actor = info.context.actor
    if actor.is_anonymous:
        raise access_error(AccessDenied("UNAUTHENTICATED"), info.context.language)
    if actor.role not in roles and not (or_access_code_holder and actor.report_id is not None):
        raise access_error(AccessDenied("FORBIDDEN"), info.context.language)


ReportCommand = Callable[[Runtime, Actor], Awaitable[models.Report]]


async def _report_action(
    info: Info,
    action: str,
    command: ReportCommand,
    *,
    action_field: str | None = None,
    report_id: str = "",
    attachments: list[AttachmentInput] | None = None,
) -> ReportPayload:
    """An action on a report: the coarse check that the actor could hold a lane the action waits in
    (the diagram decides which), then the command. The command decodes the input's ids, so a
    malformed one is answered after the check, as the other failures of the input are.

    ``action_field`` is the input that names the action, for the mutation that performs any action:
    an action no deployed diagram has is then not available (rather than forbidden), and errors
    name the action's inputs as the client sent them; ``report_id`` is the raw id and ``attachments``
    the files, whose ids are decoded first so a malformed one is INVALID whatever the action.
    """

    async def perform() -> ReportPayload:
        runtime, actor = info.context.runtime, info.context.actor
        if action_field is not None and not actor.is_anonymous and not await runtime.lanes_of_action(action):
            # A malformed report or upload id is answered as on every other mutation, before the action.
            _report_key(report_id)
            upload_keys(attachments)
            raise ActionNotAvailable(action_field)
        await processes.require_possible_actor(runtime, actor, action)
        report = await command(runtime, actor)
        if (agency := commands.agency_at_hand(report)) is not None:
            # Read with the report's lock: the payload's agency needs no query of its own.
            info.context.loaders.agency.prime(agency.id, agency)
        return ReportPayload(report=ReportNode.from_model(report))

    return await run_mutation(
        info.context.language, ReportPayload, perform, fields_as_sent=action_field is not None
    )


def _refuse_cookie_over_websocket(info: Info, as_cookie: bool) -> None:
    """A websocket message sets no cookie: refused before any token is made, rather than made and lost."""
    if as_cookie and info.context.transport == "websocket":
        raise InvalidInput([FieldProblem("cookie", "INVALID")])


async def _handed_over(info: Info, token: str, lifetime: timedelta, as_cookie: bool) -> str | None:
    """The token for the payload, or None when it goes into the browser session's cookie instead. The
    cookie session it replaces (a second login, following a report by its code) ends, rather than living
    on unseen until it expires."""
    if not as_cookie:
        return token
    if info.context.browser.authenticated:
        await accounts.end_replaced_session(info.context.runtime.clock, info.context.actor)
    info.context.browser.issue(token, lifetime)
    return None


def _report_key(raw: str) -> int:
    return global_key(raw, "Report", "id")


def _agency_key(raw: str) -> int | None:
    return decode_id(raw, "Agency")


def _values(given: list[ActionValueInput]) -> dict[str, str]:
    values: dict[str, str] = {}
    for value in given:
        if value.name in values:
            raise InvalidInput([FieldProblem(value.name, "INVALID")])  # which of the two was meant?
        values[value.name] = value.value
    return values


@strawberry.type
class Mutation:
    @strawberry.mutation(
        description="Log in; send the token as `Authorization: Bearer <token>` (or, with `cookie: true`, "
        "the browser keeps it in an HttpOnly cookie)."
    )
    async def token_create(self, info: Info, input: TokenCreateInput) -> TokenCreatePayload:
        settings = info.context.settings
        ttl = timedelta(hours=settings.token_ttl_hours)

        async def log_in() -> TokenCreatePayload:
            _refuse_cookie_over_websocket(info, input.cookie)
            issued = await accounts.create_token(
                info.context.runtime.clock, input.email, input.password, ttl, guessing_throttle(settings)
            )
            return TokenCreatePayload(
                token=await _handed_over(info, issued.token, ttl, input.cookie),
                expires_at=issued.expires_at,
                user=UserNode.from_model(issued.user),
            )

        return await run_mutation(info.context.language, TokenCreatePayload, log_in)

    @strawberry.mutation(
        description="Send a report, as a citizen with an account or without one (the payload then carries"
        " the access code to follow it). It waits for the admin's verification."
    )
    async def report_submit(self, info: Info, input: ReportSubmitInput) -> ReportSubmitPayload:
        actor = info.context.actor
        if actor.user_id is not None:
            _require_role(info, Role.CITIZEN)
        draft = commands.ReportDraft(
            title=input.title,
            body=input.body,
            classification=input.classification,
            category=input.category,
            location_text=input.location_text,
            latitude=input.latitude,
            longitude=input.longitude,
            incident_date=input.incident_date,
            is_anonymous=input.is_anonymous,
            is_confidential=input.is_confidential,
        )

        async def submit() -> ReportSubmitPayload:
            nonlocal draft
            if input.attachments:
                # Staged before the command, so that its transaction only attaches them.
                keys = await attachment_keys(info, input.attachments)
                draft = dataclasses.replace(draft, attachments=keys)
            if actor.user_id is not None:
                report = await commands.submit_report(info.context.runtime, actor, draft)
                return ReportSubmitPayload(report=ReportNode.from_model(report))
            report, access_code = await commands.submit_report_without_account(info.context.runtime, draft)
            return ReportSubmitPayload(report=ReportNode.from_model(report), access_code=access_code or None)

        return await run_mutation(info.context.language, ReportSubmitPayload, submit)

    @strawberry.mutation(
        description="Trade a report's tracking number and access code for a token that follows that report."
    )
    async def report_access_token_create(
        self, info: Info, input: ReportAccessTokenCreateInput
    ) -> ReportAccessTokenCreatePayload:
        ttl = timedelta(hours=info.context.settings.token_ttl_hours)

        async def grant() -> ReportAccessTokenCreatePayload:
            _refuse_cookie_over_websocket(info, input.cookie)
            access = await report_access.grant_report_access(
                info.context.runtime.clock,
                input.tracking_number,
                input.access_code,
                ttl,
                report_access.AccessCodeLimits.from_settings(info.context.settings),
                info.context.client_address,
            )
            return ReportAccessTokenCreatePayload(
                token=await _handed_over(info, access.token, ttl, input.cookie),
                expires_at=access.expires_at,
                report=ReportNode.from_model(access.report),
            )

        return await run_mutation(info.context.language, ReportAccessTokenCreatePayload, grant)

    @strawberry.mutation(
        description="The holder of a report's access token: end it (stop following the report here; "
        "a browser session's cookies are cleared). Only the token this request was sent with."
    )
    async def report_access_token_revoke(
        self, info: Info, input: ReportAccessTokenRevokeInput
    ) -> ReportAccessTokenRevokePayload:
        async def revoke() -> ReportAccessTokenRevokePayload:
            await report_access.revoke_report_token(
                info.context.runtime.clock,
                info.context.actor,
                global_key(input.report_id, "Report", "report_id"),
            )
            if info.context.browser.authenticated:
                info.context.browser.end()
            return ReportAccessTokenRevokePayload(revoked=True)

        return await run_mutation(info.context.language, ReportAccessTokenRevokePayload, revoke)

    @strawberry.mutation(
        description="Whoever the report's current step waits for: perform one of its availableActions, "
        "the application's own or one the diagram declares, with the inputs that action lists. "
        "Errors name the input by the name it was sent under."
    )
    async def report_action_perform(self, info: Info, input: ReportActionPerformInput) -> ReportPayload:
        async def perform(rt: Runtime, actor: Actor) -> models.Report:
            report_id, values = _report_key(input.id), _values(input.values or [])
            keys = await attachment_keys(info, input.attachments)
            return await commands.perform_action(
                rt, actor, report_id, input.action, values, _agency_key, keys
            )

        return await _report_action(
            info,
            input.action,
            perform,
            action_field="action",
            report_id=input.id,
            attachments=input.attachments,
        )

    @strawberry.mutation(description="Admin: send the report to the agency that must follow it up.")
    async def report_dispose(self, info: Info, input: ReportDisposeInput) -> ReportPayload:
        return await _report_action(
            info,
            "dispose",
            lambda rt, actor: commands.dispose_report(
                rt,
                actor,
                _report_key(input.id),
                global_key(input.agency_id, "Agency", "agency_id"),
                input.note,
            ),
        )

    @strawberry.mutation(description="Admin: put the report on hold (Tunda); a reason is required.")
    async def report_hold(self, info: Info, input: ReportReasonInput) -> ReportPayload:
        return await _report_action(
            info,
            "hold",
            lambda rt, actor: commands.hold_report(rt, actor, _report_key(input.id), input.reason),
        )

    @strawberry.mutation(description="Admin: take a report off hold.")
    async def report_resume(self, info: Info, input: ReportResumeInput) -> ReportPayload:
        return await _report_action(
            info,
            "resume",
            lambda rt, actor: commands.resume_report(rt, actor, _report_key(input.id), input.note),
        )

    @strawberry.mutation(description="Admin: archive the report (Arsip); a reason is required.")
    async def report_archive(self, info: Info, input: ReportReasonInput) -> ReportPayload:
        return await _report_action(
            info,
            "archive",
            lambda rt, actor: commands.archive_report(rt, actor, _report_key(input.id), input.reason),
        )

    @strawberry.mutation(description="Liaison: answer the report; the reporter sees it at once.")
    async def report_follow_up(self, info: Info, input: ReportMessageInput) -> ReportPayload:
        async def follow_up(rt: Runtime, actor: Actor) -> models.Report:
            report_id = _report_key(input.id)
            keys = await attachment_keys(info, input.attachments)
            return await commands.follow_up_report(rt, actor, report_id, input.message, keys)

        return await _report_action(info, "follow_up", follow_up)

    @strawberry.mutation(description="Reporter: reply to the agency's follow-up.")
    async def report_reply(self, info: Info, input: ReportMessageInput) -> ReportPayload:
        async def reply(rt: Runtime, actor: Actor) -> models.Report:
            report_id = _report_key(input.id)
            keys = await attachment_keys(info, input.attachments)
            return await commands.reply_to_report(rt, actor, report_id, input.message, keys)

        return await _report_action(info, "reply", reply)

    @strawberry.mutation(
        description="Liaison: ask the admin to take the report back as not our authority (bukan wewenang)."
    )
    async def report_request_not_authority(
        self, info: Info, input: ReportRequestNotAuthorityInput
    ) -> ReportPayload:
        return await _report_action(
            info,
            "request_not_authority",
            lambda rt, actor: commands.request_not_authority(
                rt,
                actor,
                _report_key(input.id),
                input.reason,
                optional_key(input.suggested_agency_id, "Agency", "suggested_agency_id"),
            ),
        )

    @strawberry.mutation(
        description="Admin: accept a not-authority request and re-dispose, or reject it with a note."
    )
    async def report_resolve_not_authority(
        self, info: Info, input: ReportResolveNotAuthorityInput
    ) -> ReportPayload:
        return await _report_action(
            info,
            "resolve_not_authority",
            lambda rt, actor: commands.resolve_not_authority(
                rt,
                actor,
                _report_key(input.id),
                input.accept,
                optional_key(input.agency_id, "Agency", "agency_id"),
                input.note,
            ),
        )

    @strawberry.mutation(
        description="Liaison (or whoever the diagram's lane names): close the report with a resolution note."
    )
    async def report_close(self, info: Info, input: ReportCloseInput) -> ReportPayload:
        return await _report_action(
            info,
            "close",
            lambda rt, actor: commands.close_report(rt, actor, _report_key(input.id), input.resolution),
        )

    @strawberry.mutation(
        description="Liaison of the handling agency or admin: reopen a closed report with a reason."
    )
    async def report_reopen(self, info: Info, input: ReportReasonInput) -> ReportPayload:
        return await _report_action(
            info,
            "reopen",
            lambda rt, actor: commands.reopen_report(rt, actor, _report_key(input.id), input.reason),
        )

    @strawberry.mutation(
        description="Admin, or a liaison of the handling agency: add internal files (with an optional note) "
        "on an internal timeline entry; only admins and the handling agency see them. Any time."
    )
    async def report_attachment_add(self, info: Info, input: ReportAttachmentAddInput) -> ReportPayload:
        _require_role(info, Role.ADMIN, Role.LIAISON)

        async def add() -> ReportPayload:
            report_id = _report_key(input.id)
            keys = await attachment_keys(info, input.attachments)
            report = await commands.add_internal_attachments(
                info.context.runtime, info.context.actor, report_id, keys, input.note
            )
            return ReportPayload(report=ReportNode.from_model(report))

        return await run_mutation(info.context.language, ReportPayload, add)
