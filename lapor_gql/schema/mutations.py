"""The Mutation root. Each resolver: coarse permission → convert input → one domain command → payload."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import date, datetime, timedelta

import strawberry

from lapor_gql.config import Settings
from lapor_gql.db import models
from lapor_gql.db.models import Role
from lapor_gql.domain import accounts, processes, report_access
from lapor_gql.domain import reports as commands
from lapor_gql.domain.errors import AccessDenied, LaporError
from lapor_gql.domain.processes import Runtime
from lapor_gql.domain.throttling import Throttle

from .context import Info
from .errors import MutationError, access_error, invalid_field, payload_errors
from .ids import decode_id
from .types import ReportNode, UserNode


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


@strawberry.type
class ReportAccessTokenCreatePayload:
    token: str | None = None
    expires_at: datetime | None = None
    report: ReportNode | None = None
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


async def _require_possible_actor(info: Info, action: str) -> None:
    try:
        await processes.require_possible_actor(info.context.runtime, info.context.actor, action)
    except AccessDenied as denied:
        raise access_error(denied, info.context.language) from None


async def _report_command(
    info: Info,
    raw_ids: dict[str, str | None],
    command: Callable[[Runtime, dict[str, int | None]], Awaitable[object]],
) -> ReportPayload:
    """Decode the input's global ids, run the command, and turn expected failures into payload errors."""
    ids: dict[str, int | None] = {}
    for field, raw in raw_ids.items():
        if raw is None:
            ids[field] = None
            continue
        decoded = decode_id(raw, "Report" if field == "id" else "Agency")
        if decoded is None:
            return ReportPayload(errors=invalid_field(field, info.context.language))
        ids[field] = decoded
    try:
        report = await command(info.context.runtime, ids)
    except LaporError as error:
        return ReportPayload(errors=payload_errors(error, info.context.language))
    except AccessDenied as denied:
        raise access_error(denied, info.context.language) from None
    return ReportPayload(report=ReportNode.from_model(report))  # type: ignore[arg-type]


def _id(ids: dict[str, int | None], field: str = "id") -> int:
    value = ids[field]
    assert value is not None
    return value


@strawberry.type
class Mutation:
    @strawberry.mutation(description="Log in; send the token as `Authorization: Bearer <token>`.")
    async def token_create(self, info: Info, input: TokenCreateInput) -> TokenCreatePayload:
        settings = info.context.settings
        ttl = timedelta(hours=settings.token_ttl_hours)
        try:
            issued = await accounts.create_token(
                info.context.runtime.clock, input.email, input.password, ttl, guessing_throttle(settings)
            )
        except LaporError as error:
            return TokenCreatePayload(errors=payload_errors(error, info.context.language))
        return TokenCreatePayload(
            token=issued.token, expires_at=issued.expires_at, user=UserNode.from_model(issued.user)
        )

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
        language = info.context.language
        try:
            if actor.user_id is not None:
                report = await commands.submit_report(info.context.runtime, actor, draft)
                return ReportSubmitPayload(report=ReportNode.from_model(report))
            report, access_code = await commands.submit_report_without_account(info.context.runtime, draft)
        except LaporError as error:
            return ReportSubmitPayload(errors=payload_errors(error, language))
        return ReportSubmitPayload(report=ReportNode.from_model(report), access_code=access_code or None)

    @strawberry.mutation(
        description="Trade a report's tracking number and access code for a token that follows that report."
    )
    async def report_access_token_create(
        self, info: Info, input: ReportAccessTokenCreateInput
    ) -> ReportAccessTokenCreatePayload:
        ttl = timedelta(hours=info.context.settings.token_ttl_hours)
        try:
            access = await report_access.grant_report_access(
                info.context.runtime.clock,
                input.tracking_number,
                input.access_code,
                ttl,
                report_access.AccessCodeLimits.from_settings(info.context.settings),
                info.context.client_address,
            )
        except LaporError as error:
            return ReportAccessTokenCreatePayload(errors=payload_errors(error, info.context.language))
        return ReportAccessTokenCreatePayload(
            token=access.token, expires_at=access.expires_at, report=ReportNode.from_model(access.report)
        )

    @strawberry.mutation(description="Admin: send the report to the agency that must follow it up.")
    async def report_dispose(self, info: Info, input: ReportDisposeInput) -> ReportPayload:
        await _require_possible_actor(info, "dispose")
        actor = info.context.actor
        return await _report_command(
            info,
            {"id": input.id, "agency_id": input.agency_id},
            lambda rt, ids: commands.dispose_report(rt, actor, _id(ids), _id(ids, "agency_id"), input.note),
        )

    @strawberry.mutation(description="Admin: put the report on hold (Tunda); a reason is required.")
    async def report_hold(self, info: Info, input: ReportReasonInput) -> ReportPayload:
        await _require_possible_actor(info, "hold")
        actor = info.context.actor
        return await _report_command(
            info, {"id": input.id}, lambda rt, ids: commands.hold_report(rt, actor, _id(ids), input.reason)
        )

    @strawberry.mutation(description="Admin: take a report off hold.")
    async def report_resume(self, info: Info, input: ReportResumeInput) -> ReportPayload:
        await _require_possible_actor(info, "resume")
        actor = info.context.actor
        return await _report_command(
            info, {"id": input.id}, lambda rt, ids: commands.resume_report(rt, actor, _id(ids), input.note)
        )

    @strawberry.mutation(description="Admin: archive the report (Arsip); a reason is required.")
    async def report_archive(self, info: Info, input: ReportReasonInput) -> ReportPayload:
        await _require_possible_actor(info, "archive")
        actor = info.context.actor
        return await _report_command(
            info, {"id": input.id}, lambda rt, ids: commands.archive_report(rt, actor, _id(ids), input.reason)
        )

    @strawberry.mutation(description="Liaison: answer the report; the reporter sees it at once.")
    async def report_follow_up(self, info: Info, input: ReportMessageInput) -> ReportPayload:
        await _require_possible_actor(info, "follow_up")
        actor = info.context.actor
        return await _report_command(
            info,
            {"id": input.id},
            lambda rt, ids: commands.follow_up_report(rt, actor, _id(ids), input.message),
        )

    @strawberry.mutation(description="Reporter: reply to the agency's follow-up.")
    async def report_reply(self, info: Info, input: ReportMessageInput) -> ReportPayload:
        await _require_possible_actor(info, "reply")
        actor = info.context.actor
        return await _report_command(
            info,
            {"id": input.id},
            lambda rt, ids: commands.reply_to_report(rt, actor, _id(ids), input.message),
        )

    @strawberry.mutation(
        description="Liaison: ask the admin to take the report back as not our authority (bukan wewenang)."
    )
    async def report_request_not_authority(
        self, info: Info, input: ReportRequestNotAuthorityInput
    ) -> ReportPayload:
        await _require_possible_actor(info, "request_not_authority")
        actor = info.context.actor
        return await _report_command(
            info,
            {"id": input.id, "suggested_agency_id": input.suggested_agency_id},
            lambda rt, ids: commands.request_not_authority(
                rt, actor, _id(ids), input.reason, ids["suggested_agency_id"]
            ),
        )

    @strawberry.mutation(
        description="Admin: accept a not-authority request and re-dispose, or reject it with a note."
    )
    async def report_resolve_not_authority(
        self, info: Info, input: ReportResolveNotAuthorityInput
    ) -> ReportPayload:
        await _require_possible_actor(info, "resolve_not_authority")
        actor = info.context.actor
        return await _report_command(
            info,
            {"id": input.id, "agency_id": input.agency_id},
            lambda rt, ids: commands.resolve_not_authority(
                rt, actor, _id(ids), input.accept, ids["agency_id"], input.note
            ),
        )

    @strawberry.mutation(
        description="Liaison (or whoever the diagram's lane names): close the report with a resolution note."
    )
    async def report_close(self, info: Info, input: ReportCloseInput) -> ReportPayload:
        await _require_possible_actor(info, "close")
        actor = info.context.actor
        return await _report_command(
            info,
            {"id": input.id},
            lambda rt, ids: commands.close_report(rt, actor, _id(ids), input.resolution),
        )

    @strawberry.mutation(
        description="Liaison of the handling agency or admin: reopen a closed report with a reason."
    )
    async def report_reopen(self, info: Info, input: ReportReasonInput) -> ReportPayload:
        await _require_possible_actor(info, "reopen")
        actor = info.context.actor
        return await _report_command(
            info, {"id": input.id}, lambda rt, ids: commands.reopen_report(rt, actor, _id(ids), input.reason)
        )
