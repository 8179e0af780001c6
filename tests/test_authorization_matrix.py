"""The authorization matrix: every mutation and every sensitive field, for every kind of actor.

``MATRIX`` says, for each mutation of the schema, which actors may perform it; ``FIELDS`` says, for each
sensitive field, which actors see it. Both are the intended behaviour, written out by hand: a mutation
added to the schema without a row here fails the test, and every pair is run through the real ASGI app
with a valid input in a state where the action makes sense, so only authorization can refuse it.

The actors:

- ``anonymous``: no token.
- ``owner``: the citizen who submitted "the report" with an account.
- ``other_citizen``: another citizen.
- ``code_holder``: holds a token from ``reportAccessTokenCreate`` for a report submitted without an
  account; in report-scoped rows that report is "the report".
- ``handling_liaison``: a liaison of the agency the report is disposed to (PU).
- ``other_liaison``: a liaison of another agency (DINKES).
- ``admin``, ``analyst``.
- ``deactivated``: a liaison of the handling agency, deactivated after their token was issued; every
  request must be refused with HTTP 401.
"""

from __future__ import annotations

import hashlib
import io
import json
import secrets
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

import pytest

from lapor_gql.clock import FakeClock
from lapor_gql.db.models import (
    AccessToken,
    Agency,
    Attachment,
    Classification,
    Holiday,
    Report,
    Role,
    User,
)
from lapor_gql.domain import accounts, processes, reports
from lapor_gql.domain.actors import ANONYMOUS, Actor
from lapor_gql.domain.attachments import IncomingFile, stage_upload
from lapor_gql.domain.processes import Runtime
from lapor_gql.schema import schema
from lapor_gql.schema.ids import decode_id, encode_id

from . import sample_files
from .conftest import DIAGRAM as DEFAULT_DIAGRAM
from .conftest import GraphQLResult
from .world import PASSWORD, World, add_person, make_world

ACTORS = (
    "anonymous",
    "owner",
    "other_citizen",
    "code_holder",
    "handling_liaison",
    "other_liaison",
    "admin",
    "analyst",
    "deactivated",
)
# The world's person behind each actor that has an account.
PERSON = {
    "owner": "budi",
    "other_citizen": "siti",
    "handling_liaison": "pu_liaison",
    "other_liaison": "dinkes_liaison",
    "admin": "admin",
    "analyst": "analyst",
    "deactivated": "gone_liaison",
}
ACCOUNT_HOLDERS = frozenset(
    {"owner", "other_citizen", "handling_liaison", "other_liaison", "admin", "analyst"}
)
# Everyone whose requests are heard at all: the deactivated liaison's token is dead.
ANYONE = frozenset(ACTORS) - {"deactivated"}
ADMIN = frozenset({"admin"})

# mutation → the actors allowed to perform it (with a valid input, in a state where it makes sense).
MATRIX: dict[str, frozenset[str]] = {
    # No identity needed: the credentials are in the input. Whoever sends them may log in.
    "tokenCreate": ANYONE,
    # Citizens with an account submit as themselves; anyone without an account (also a code holder,
    # who is nobody but the reporter of one other report) submits without one and gets an access code.
    # Officers never submit reports in their official role.
    "reportSubmit": frozenset({"anonymous", "owner", "other_citizen", "code_holder"}),
    # The tracking number and access code are the credential: whoever holds them may follow the report.
    "reportAccessTokenCreate": ANYONE,
    # Only the token the request came with: the holder of the report's code stops following it.
    "reportAccessTokenRevoke": frozenset({"code_holder"}),
    "reportDispose": ADMIN,
    "reportHold": ADMIN,
    "reportResume": ADMIN,
    "reportArchive": ADMIN,
    "reportFollowUp": frozenset({"handling_liaison"}),
    "reportReply": frozenset({"owner", "code_holder"}),
    "reportRequestNotAuthority": frozenset({"handling_liaison"}),
    "reportResolveNotAuthority": ADMIN,
    "reportClose": frozenset({"handling_liaison"}),
    "reportReopen": frozenset({"handling_liaison", "admin"}),
    # Any action the report waits for; the setup sends a follow-up, so it is the follow-up's row.
    "reportActionPerform": frozenset({"handling_liaison"}),
    "agencyCreate": ADMIN,
    "agencyUpdate": ADMIN,  # even the agency's own liaison may not rename it or change its code
    "agencyMove": ADMIN,
    "agencyDeactivate": ADMIN,
    "agencyActivate": ADMIN,
    "agencyDelete": ADMIN,
    "agencyProfileUpdate": frozenset({"handling_liaison", "admin"}),  # the agency's own liaison
    "accountRegister": ANYONE,  # "Anyone: open a citizen account"
    "accountUpdate": ACCOUNT_HOLDERS,
    "passwordChange": ACCOUNT_HOLDERS,
    "passwordReset": ANYONE,  # the one-time secret is the credential
    "sessionRevoke": ACCOUNT_HOLDERS,  # one's own session
    "liaisonCreate": ADMIN,
    "userPasswordResetIssue": ADMIN,
    "userDeactivate": ADMIN,
    "userActivate": ADMIN,
    # Changing the process is for the analysts who model it and the admins.
    "processDefinitionValidate": frozenset({"admin", "analyst"}),
    "processDefinitionDeploy": frozenset({"admin", "analyst"}),
    "processInstancesMigrate": frozenset({"admin", "analyst"}),
    "holidayCreate": ADMIN,
    "holidayDelete": ADMIN,
    "holidayImport": ADMIN,
    # Anyone may upload a file to send later (an upload nobody attaches is swept).
    "attachmentUpload": ANYONE,
    # Internal files: the officers who see internal notes.
    "reportAttachmentAdd": frozenset({"handling_liaison", "admin"}),
}

MUTATIONS = schema._schema.mutation_type.fields  # type: ignore[union-attr]

ALLOWED, DENIED = "allowed", "denied"
DENIAL_TOP_LEVEL = {"UNAUTHENTICATED", "FORBIDDEN"}
DENIAL_PAYLOAD = {"NOT_FOUND", "ACTION_NOT_AVAILABLE", "FORBIDDEN"}
NEW_PASSWORD = "kopi tubruk di pagi hari"
INTERNAL_NOTE = "Catatan internal disposisi."


def _document(mutation: str) -> str:
    """A named operation sending the mutation's one ``input`` argument as a variable."""
    arguments = MUTATIONS[mutation].args
    assert list(arguments) == ["input"], f"{mutation}: the matrix expects one argument named input"
    operation = "Matrix" + mutation[0].upper() + mutation[1:]
    return (
        f"mutation {operation}($input: {arguments['input'].type}) "
        f"{{ {mutation}(input: $input) {{ errors {{ field code message }} }} }}"
    )


def _classify(mutation: str, result: GraphQLResult) -> tuple[str | None, str]:
    """ALLOWED, DENIED, or None for an outcome that is neither (a bug in this test's setup)."""
    if result.status_code == 401:
        return DENIED, f"HTTP 401 {result.error_codes}"
    if result.status_code != 200:
        return None, f"HTTP {result.status_code} {result.body}"
    top_level = result.body.get("errors")
    if top_level:
        codes = set(result.error_codes)
        if codes <= DENIAL_TOP_LEVEL:
            return DENIED, f"top-level {sorted(codes)}"
        return None, f"top-level errors {top_level}"
    errors = result.body["data"][mutation]["errors"]
    if not errors:
        return ALLOWED, "no errors"
    codes = {e["code"] for e in errors}
    if codes <= DENIAL_PAYLOAD:
        return DENIED, f"payload {sorted(codes)}"
    return None, f"payload errors {errors}"


def test_every_mutation_has_a_row_in_the_matrix() -> None:
    in_schema, in_table = set(MUTATIONS), set(MATRIX)
    assert in_table == in_schema, (
        f"mutations without a row in MATRIX: {sorted(in_schema - in_table)}; "
        f"rows for mutations that no longer exist: {sorted(in_table - in_schema)}"
    )
    assert set(SETUPS) == in_schema, f"mutations without a setup: {sorted(in_schema - set(SETUPS))}"
    for allowed in MATRIX.values():
        assert allowed <= set(ACTORS)


# --- the world the matrix runs in -----------------------------------------------------------


@dataclass
class Stage:
    """One world, and the fresh objects each (mutation, actor) pair needs."""

    world: World
    runtime: Runtime
    clock: FakeClock
    gql: Callable[..., Awaitable[GraphQLResult]]
    serial: int = 0
    code_token: str | None = None
    cleanups: list[Callable[[], Awaitable[object]]] = field(default_factory=list)
    # Files a setup sends with its input as a multipart request (variable path → name, bytes, type).
    files: dict[str, tuple[str, bytes, str]] | None = None

    def next(self) -> int:
        self.serial += 1
        return self.serial

    def person_actor(self, key: str) -> Actor:
        return self.world.people[key].actor

    @property
    def pu_id(self) -> str:
        return encode_id("Agency", self.world.pu.id)

    @property
    def dinkes_id(self) -> str:
        return encode_id("Agency", self.world.dinkes.id)

    async def token(self, actor: str) -> str | None:
        if actor == "anonymous":
            return None
        if actor == "code_holder":
            if self.code_token is None:  # not set by the setup: holds the code of some report of their own
                await self.report(actor)
            return self.code_token
        return self.world.people[PERSON[actor]].token

    async def account_less_report(
        self, *, is_confidential: bool = False, is_anonymous: bool = False
    ) -> tuple[Report, str]:
        draft = reports.ReportDraft(
            title="Pungli di kelurahan",
            body="Diminta uang.",
            classification=Classification.COMPLAINT,
            is_confidential=is_confidential,
            is_anonymous=is_anonymous,
        )
        return await reports.submit_report_without_account(self.runtime, draft)

    async def exchange(self, report: Report, code: str) -> str:
        """The code holder's token, bought as they buy it: with reportAccessTokenCreate."""
        granted = await self.gql(
            "mutation Follow($input: ReportAccessTokenCreateInput!) "
            "{ reportAccessTokenCreate(input: $input) { token errors { code } } }",
            {"input": {"trackingNumber": report.tracking_number, "accessCode": code}},
        )
        payload = granted.data["reportAccessTokenCreate"]
        assert payload["errors"] == [], payload
        return payload["token"]

    async def report(self, actor: str, status: str = "SUBMITTED") -> Report:
        """The report of this pair: the code holder's own, else the owner's, brought to ``status``.

        Not confidential, so that only authorization, never visibility, can refuse an action on it."""
        if actor == "code_holder":
            report, code = await self.account_less_report()
            self.code_token = await self.exchange(report, code)
        else:
            draft = reports.ReportDraft(
                title="Jalan berlubang",
                body="Di depan pasar.",
                classification=Classification.COMPLAINT,
            )
            report = await reports.submit_report(self.runtime, self.person_actor("budi"), draft)
        rt, admin, liaison = self.runtime, self.person_actor("admin"), self.person_actor("pu_liaison")
        if status == "ON_HOLD":
            await reports.hold_report(rt, admin, report.id, "Data belum lengkap.")
        elif status != "SUBMITTED":
            await reports.dispose_report(rt, admin, report.id, self.world.pu.id, INTERNAL_NOTE)
        if status == "IN_PROGRESS":
            await reports.follow_up_report(rt, liaison, report.id, "Segera kami tangani.")
        elif status == "NOT_AUTHORITY_REQUESTED":
            await reports.request_not_authority(rt, liaison, report.id, "Bukan kewenangan kami.", None)
        elif status == "CLOSED":
            await reports.close_report(rt, liaison, report.id, "Sudah ditangani.")
        report = await Report.get(id=report.id)
        assert report.status == status, (report.status, status)
        return report

    async def report_id(self, actor: str, status: str) -> str:
        return encode_id("Report", (await self.report(actor, status)).id)

    async def user(self, role: Role, *, agency: Agency | None = None, active: bool = True) -> User:
        n = self.next()
        return await User.create(
            name=f"Orang {n}",
            email=f"orang{n}@example.id",
            password_hash="!unusable",
            role=role.value,
            agency=agency,
            is_active=active,
        )

    async def session(self, user_id: int) -> str:
        now = self.clock.now
        row = await AccessToken.create(
            token_hash=hashlib.sha256(secrets.token_bytes(32)).hexdigest(),
            user_id=user_id,
            created_at=now,
            expires_at=now + timedelta(days=1),
        )
        return encode_id("Session", row.id)


Setup = Callable[[Stage, str], Awaitable[dict[str, Any]]]
SETUPS: dict[str, Setup] = {}


def setup(mutation: str) -> Callable[[Setup], Setup]:
    def register(function: Setup) -> Setup:
        SETUPS[mutation] = function
        return function

    return register


@setup("tokenCreate")
async def _token_create(stage: Stage, actor: str) -> dict[str, Any]:
    email = f"{PERSON.get(actor, 'budi')}@lapor.test"
    return {"email": email, "password": PASSWORD}


@setup("reportSubmit")
async def _report_submit(stage: Stage, actor: str) -> dict[str, Any]:
    return {"title": "Lampu jalan mati", "body": "Gelap sejak seminggu.", "classification": "COMPLAINT"}


@setup("reportAccessTokenCreate")
async def _report_access_token_create(stage: Stage, actor: str) -> dict[str, Any]:
    report, code = await stage.account_less_report()
    if actor == "code_holder":  # their own report, exchanged again
        stage.code_token = await stage.exchange(report, code)
    return {"trackingNumber": report.tracking_number, "accessCode": code}


@setup("reportAccessTokenRevoke")
async def _report_access_token_revoke(stage: Stage, actor: str) -> dict[str, Any]:
    return {"reportId": await stage.report_id(actor, "SUBMITTED")}


@setup("reportDispose")
async def _report_dispose(stage: Stage, actor: str) -> dict[str, Any]:
    return {"id": await stage.report_id(actor, "SUBMITTED"), "agencyId": stage.pu_id, "note": INTERNAL_NOTE}


@setup("reportHold")
async def _report_hold(stage: Stage, actor: str) -> dict[str, Any]:
    return {"id": await stage.report_id(actor, "SUBMITTED"), "reason": "Data belum lengkap."}


@setup("reportResume")
async def _report_resume(stage: Stage, actor: str) -> dict[str, Any]:
    return {"id": await stage.report_id(actor, "ON_HOLD"), "note": "Data sudah lengkap."}


@setup("reportArchive")
async def _report_archive(stage: Stage, actor: str) -> dict[str, Any]:
    return {"id": await stage.report_id(actor, "SUBMITTED"), "reason": "Laporan ganda."}


@setup("reportFollowUp")
async def _report_follow_up(stage: Stage, actor: str) -> dict[str, Any]:
    return {"id": await stage.report_id(actor, "DISPOSED"), "message": "Tim kami menuju lokasi."}


@setup("reportReply")
async def _report_reply(stage: Stage, actor: str) -> dict[str, Any]:
    return {"id": await stage.report_id(actor, "IN_PROGRESS"), "message": "Terima kasih, kami tunggu."}


@setup("reportRequestNotAuthority")
async def _report_request_not_authority(stage: Stage, actor: str) -> dict[str, Any]:
    return {
        "id": await stage.report_id(actor, "DISPOSED"),
        "reason": "Kewenangan Dinas Kesehatan.",
        "suggestedAgencyId": stage.dinkes_id,
    }


@setup("reportResolveNotAuthority")
async def _report_resolve_not_authority(stage: Stage, actor: str) -> dict[str, Any]:
    return {
        "id": await stage.report_id(actor, "NOT_AUTHORITY_REQUESTED"),
        "accept": True,
        "agencyId": stage.dinkes_id,
        "note": "Setuju.",
    }


@setup("reportClose")
async def _report_close(stage: Stage, actor: str) -> dict[str, Any]:
    return {"id": await stage.report_id(actor, "DISPOSED"), "resolution": "Sudah diperbaiki."}


@setup("reportReopen")
async def _report_reopen(stage: Stage, actor: str) -> dict[str, Any]:
    return {"id": await stage.report_id(actor, "CLOSED"), "reason": "Rusak lagi setelah hujan."}


@setup("reportActionPerform")
async def _report_action_perform(stage: Stage, actor: str) -> dict[str, Any]:
    return {
        "id": await stage.report_id(actor, "DISPOSED"),
        "action": "follow_up",
        "values": [{"name": "message", "value": "Tim kami menuju lokasi."}],
    }


@setup("attachmentUpload")
async def _attachment_upload(stage: Stage, actor: str) -> dict[str, Any]:
    stage.files = {"input.file": ("surat.pdf", sample_files.pdf(), "application/pdf")}
    return {"file": None}


@setup("reportAttachmentAdd")
async def _report_attachment_add(stage: Stage, actor: str) -> dict[str, Any]:
    uploader = stage.person_actor(PERSON[actor]) if actor in PERSON else ANONYMOUS
    incoming = IncomingFile(io.BytesIO(sample_files.pdf()), "survei.pdf", "file")
    staged = await stage_upload(stage.runtime, uploader, incoming)
    return {
        "id": await stage.report_id(actor, "DISPOSED"),
        "attachments": [{"uploadId": encode_id("Attachment", staged.key)}],
        "note": "Foto survei.",
    }


@setup("agencyCreate")
async def _agency_create(stage: Stage, actor: str) -> dict[str, Any]:
    n = stage.next()
    return {"code": f"BARU{n}", "name": f"Badan Baru {n}", "parentId": None}


@setup("agencyUpdate")
async def _agency_update(stage: Stage, actor: str) -> dict[str, Any]:
    return {"id": stage.pu_id, "name": f"Dinas Pekerjaan Umum dan Penataan Ruang {stage.next()}"}


@setup("agencyMove")
async def _agency_move(stage: Stage, actor: str) -> dict[str, Any]:
    n = stage.next()
    province = await Agency.create(code=f"PROV{n}", name=f"Provinsi {n}")
    return {"id": stage.pu_id, "parentId": encode_id("Agency", province.id)}


async def _reactivate_pu(stage: Stage) -> None:
    await Agency.filter(id=stage.world.pu.id).update(is_active=True)


@setup("agencyDeactivate")
async def _agency_deactivate(stage: Stage, actor: str) -> dict[str, Any]:
    stage.cleanups.append(lambda: _reactivate_pu(stage))
    return {"id": stage.pu_id}


@setup("agencyActivate")
async def _agency_activate(stage: Stage, actor: str) -> dict[str, Any]:
    await Agency.filter(id=stage.world.pu.id).update(is_active=False)
    stage.cleanups.append(lambda: _reactivate_pu(stage))
    return {"id": stage.pu_id}


@setup("agencyDelete")
async def _agency_delete(stage: Stage, actor: str) -> dict[str, Any]:
    n = stage.next()
    mistake = await Agency.create(code=f"SALAH{n}", name=f"Salah Daftar {n}")
    return {"id": encode_id("Agency", mistake.id)}


@setup("agencyProfileUpdate")
async def _agency_profile_update(stage: Stage, actor: str) -> dict[str, Any]:
    return {
        "id": stage.pu_id,
        "serviceHours": "Senin–Jumat 08.00–16.00",
        "officials": [{"name": "Ir. Andi", "position": "Kepala Dinas"}],
    }


@setup("accountRegister")
async def _account_register(stage: Stage, actor: str) -> dict[str, Any]:
    n = stage.next()
    return {
        "name": "Ayu Lestari",
        "email": f"ayu{n}@example.id",
        "phone": "081234567890",
        "password": NEW_PASSWORD,
    }


@setup("accountUpdate")
async def _account_update(stage: Stage, actor: str) -> dict[str, Any]:
    return {"name": f"Nama Baru {stage.next()}"}


@setup("passwordChange")
async def _password_change(stage: Stage, actor: str) -> dict[str, Any]:
    if actor in PERSON:
        user_id = stage.world.people[PERSON[actor]].user.id
        old_hash = (await User.get(id=user_id)).password_hash

        async def restore() -> None:
            await User.filter(id=user_id).update(password_hash=old_hash)

        stage.cleanups.append(restore)
    return {"currentPassword": PASSWORD, "newPassword": NEW_PASSWORD}


@setup("passwordReset")
async def _password_reset(stage: Stage, actor: str) -> dict[str, Any]:
    user = await stage.user(Role.CITIZEN)
    issued = await accounts.issue_password_reset(
        stage.clock, stage.person_actor("admin"), user.id, timedelta(hours=1)
    )
    return {"secret": issued.secret, "newPassword": NEW_PASSWORD}


@setup("sessionRevoke")
async def _session_revoke(stage: Stage, actor: str) -> dict[str, Any]:
    # One of the actor's own sessions (not the one the request is sent with); an actor without an
    # account has none, and tries the owner's.
    person = PERSON[actor] if actor in ACCOUNT_HOLDERS else "budi"
    return {"id": await stage.session(stage.world.people[person].user.id)}


@setup("liaisonCreate")
async def _liaison_create(stage: Stage, actor: str) -> dict[str, Any]:
    n = stage.next()
    return {"name": "Rina", "email": f"rina{n}@example.id", "agencyId": stage.pu_id, "phone": ""}


@setup("userPasswordResetIssue")
async def _user_password_reset_issue(stage: Stage, actor: str) -> dict[str, Any]:
    return {"id": encode_id("User", (await stage.user(Role.CITIZEN)).id)}


@setup("userDeactivate")
async def _user_deactivate(stage: Stage, actor: str) -> dict[str, Any]:
    colleague = await stage.user(Role.LIAISON, agency=stage.world.pu)
    return {"id": encode_id("User", colleague.id)}


@setup("userActivate")
async def _user_activate(stage: Stage, actor: str) -> dict[str, Any]:
    colleague = await stage.user(Role.LIAISON, agency=stage.world.pu, active=False)
    return {"id": encode_id("User", colleague.id)}


@setup("processDefinitionValidate")
@setup("processDefinitionDeploy")
async def _process_definition(stage: Stage, actor: str) -> dict[str, Any]:
    # The deployed default diagram again: allowed means "no errors" (nothing new is stored).
    return {"bpmnXml": DEFAULT_DIAGRAM.read_text(encoding="utf-8")}


@setup("processInstancesMigrate")
async def _process_instances_migrate(stage: Stage, actor: str) -> dict[str, Any]:
    # A newer version to move to: the default diagram with the process renamed, so every report behaves
    # the same (a change of layout or a comment alone would not be a new version).
    latest = await processes.latest_definition("report_lifecycle")
    assert latest is not None
    if latest.version == 1:
        xml = DEFAULT_DIAGRAM.read_text(encoding="utf-8").replace(
            'name="Report lifecycle"', 'name="Report lifecycle (renamed)"', 1
        )
        latest = (await processes.deploy_diagram(stage.runtime, None, xml)).definition
    return {"fromVersion": 1, "toVersion": latest.version}


def _fresh_day(stage: Stage) -> date:
    return date(2030, 1, 1) + timedelta(days=stage.next())


@setup("holidayCreate")
async def _holiday_create(stage: Stage, actor: str) -> dict[str, Any]:
    return {"date": _fresh_day(stage).isoformat(), "name": "Hari libur uji", "kind": "NATIONAL"}


@setup("holidayDelete")
async def _holiday_delete(stage: Stage, actor: str) -> dict[str, Any]:
    holiday = await Holiday.create(date=_fresh_day(stage), name="Salah input", kind="NATIONAL")
    return {"id": encode_id("Holiday", holiday.id)}


@setup("holidayImport")
async def _holiday_import(stage: Stage, actor: str) -> dict[str, Any]:
    day = _fresh_day(stage).strftime("%Y%m%d")
    ics = (
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//lapor-gql test//EN\r\n"
        f"BEGIN:VEVENT\r\nUID:{day}@test\r\nDTSTAMP:20260101T000000Z\r\nDTSTART;VALUE=DATE:{day}\r\n"
        "SUMMARY:Libur uji\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
    )
    return {"ics": ics}


async def _stage(gql, runtime: Runtime, clock: FakeClock) -> Stage:
    world = await make_world(clock)
    gone = await add_person(world, clock, "gone_liaison", Role.LIAISON, world.pu)
    deactivated = await gql(
        "mutation Deactivate($input: UserIdInput!) { userDeactivate(input: $input) { errors { code } } }",
        {"input": {"id": encode_id("User", gone.user.id)}},
        world.admin.token,
    )
    assert deactivated.data["userDeactivate"]["errors"] == []
    return Stage(world=world, runtime=runtime, clock=clock, gql=gql)


async def test_authorization_matrix_of_every_mutation(gql, runtime: Runtime, clock: FakeClock) -> None:
    test_every_mutation_has_a_row_in_the_matrix()
    stage = await _stage(gql, runtime, clock)

    problems: list[str] = []
    for mutation in MUTATIONS:
        document = _document(mutation)
        for actor in ACTORS:
            stage.code_token = None
            variables = await SETUPS[mutation](stage, actor)
            result = await gql(document, {"input": variables}, await stage.token(actor), files=stage.files)
            stage.files = None
            for cleanup in stage.cleanups:
                await cleanup()
            stage.cleanups.clear()

            outcome, detail = _classify(mutation, result)
            expected = ALLOWED if actor in MATRIX[mutation] else DENIED
            if outcome is None:
                problems.append(f"{mutation} × {actor}: UNCLASSIFIED outcome (test setup bug?): {detail}")
            elif actor == "deactivated" and result.status_code != 401:
                problems.append(f"{mutation} × {actor}: expected HTTP 401, got {outcome} ({detail})")
            elif outcome != expected:
                problems.append(f"{mutation} × {actor}: expected {expected}, got {outcome} ({detail})")

    assert not problems, f"{len(problems)} pair(s) disagree with MATRIX:\n" + "\n".join(problems)


# --- sensitive fields -----------------------------------------------------------------------

# Report-scoped fields are read on a confidential and on an anonymous report (both kinds exist once
# submitted with the owner's account and once without an account, for the code holder); each is disposed
# to PU with an internal note, followed up by PU's liaison and replied to by its reporter.
ANY = "any"  # a field that belongs to no report
OWNER_AND_ADMIN = frozenset({"owner", "admin"})
HANDLING_AND_ADMIN = frozenset({"handling_liaison", "admin"})

# field → kind of report → the actors who see it.
FIELDS: dict[str, dict[str, frozenset[str]]] = {
    # report(id): the code holder reads their own account-less report; everyone else the owner's.
    "Report": {
        "confidential": frozenset({"owner", "code_holder", "handling_liaison", "admin"}),
        "anonymous": ANYONE,
    },
    # The reporter's identity. An account-less report has no identity to hide, so in this row and
    # every identity row below the code holder is a stranger reading the owner's report.
    "Report.reporter": {
        "confidential": frozenset({"owner", "handling_liaison", "admin"}),
        "anonymous": OWNER_AND_ADMIN,
    },
    # The disposition note, on the actor's report (the code holder's own one).
    "ReportEvent.internalNote": {"confidential": HANDLING_AND_ADMIN, "anonymous": HANDLING_AND_ADMIN},
    # Who acted on the reporter's own entries (submit, reply).
    "ReportEvent.actor(reporter)": {
        "confidential": frozenset({"owner", "handling_liaison", "admin"}),
        "anonymous": OWNER_AND_ADMIN,
    },
    # Who acted on the officers' entries (dispose, follow-up), on the actor's report.
    "ReportEvent.actor(officer)": {"confidential": HANDLING_AND_ADMIN, "anonymous": HANDLING_AND_ADMIN},
    # The reporter's contact details and account status, on every path that reaches the reporter.
    "User.email": {"confidential": OWNER_AND_ADMIN, "anonymous": OWNER_AND_ADMIN},
    "User.phone": {"confidential": OWNER_AND_ADMIN, "anonymous": OWNER_AND_ADMIN},
    "User.isActive": {"confidential": OWNER_AND_ADMIN, "anonymous": OWNER_AND_ADMIN},
    "Agency.liaisons": {ANY: HANDLING_AND_ADMIN},
    "users": {ANY: ADMIN},
    "auditEvents": {ANY: ADMIN},
    "mySessions": {ANY: ACCOUNT_HOLDERS},
    # The figures: admins any agency's, each liaison their own agency's; the public summary for all.
    "statistics": {ANY: frozenset({"handling_liaison", "other_liaison", "admin"})},
    "statistics(PU)": {ANY: HANDLING_AND_ADMIN},
    "publicStatistics": {ANY: ANYONE},
    # Who answered PU's reports, by name: admins and PU's own liaisons, never the public.
    "Statistics.liaisons": {"anonymous": HANDLING_AND_ADMIN},
    # Files: the reporter's photo and the agency's answer are seen by who sees the report, on each path
    # (the report's list, the entry's, node(id)); an officer's internal file only by the officers.
    "Report.attachments": {
        "confidential": frozenset({"owner", "code_holder", "handling_liaison", "admin"}),
        "anonymous": ANYONE,
    },
    "ReportEvent.attachments": {
        "confidential": frozenset({"owner", "code_holder", "handling_liaison", "admin"}),
        "anonymous": ANYONE,
    },
    "node(Attachment)": {
        "confidential": frozenset({"owner", "code_holder", "handling_liaison", "admin"}),
        "anonymous": ANYONE,
    },
    "Attachment(internal)": {"confidential": HANDLING_AND_ADMIN, "anonymous": HANDLING_AND_ADMIN},
    # The reporter's rating comment (written to the officers), on the actor's report once closed and
    # rated: the score is for whoever sees the report, the comment for the officers only.
    "Report.rating.comment": {"confidential": HANDLING_AND_ADMIN, "anonymous": HANDLING_AND_ADMIN},
}

REPORTER_PHONE = "081200001111"

REPORT_READ = """
query FieldReport($id: ID!) {
  report(id: $id) {
    id
    reporter { id }
    timeline { action actorRole internalNote actor { id } attachments { id isInternal } }
    attachments { id isInternal }
  }
}
"""
RATING_READ = "query FieldRating($id: ID!) { report(id: $id) { rating { score comment } } }"
ATTACHMENT_READ = "query FieldAttachment($id: ID!) { node(id: $id) { ... on Attachment { id url } } }"

USER_READ = """
query FieldUser($reportId: ID!, $userId: ID!) {
  report(id: $reportId) {
    reporter { id email phone isActive }
    timeline { actor { id email phone isActive } }
  }
  node(id: $userId) { ... on User { id email phone isActive } }
}
"""

OTHER_READS = {
    "Agency.liaisons": "query FieldLiaisons($id: ID!) { agency(id: $id) { liaisons { id } } }",
    "users": "query FieldUsers { users(first: 5) { edges { node { id } } } }",
    "auditEvents": "query FieldAudit { auditEvents(first: 5) { edges { node { action } } } }",
    "mySessions": "query FieldSessions { mySessions { id } }",
    "statistics": "query FieldStatistics { statistics { totals { received } } }",
    "statistics(PU)": "query FieldAgencyStatistics($id: ID!) {"
    " statistics(filter: { agencyId: $id }) { totals { received } } }",
    "publicStatistics": "query FieldPublicStatistics { publicStatistics { received } }",
}
STATISTICS_LIAISONS_READ = "query FieldStatisticsLiaisons { statistics { liaisons { id } } }"


@dataclass
class Reports:
    owner_id: str
    code_holder_id: str
    code_holder_token: str


async def _handled_report(stage: Stage, kind: str, *, with_account: bool) -> tuple[Report, Actor, str | None]:
    flags = {"is_confidential": kind == "confidential", "is_anonymous": kind == "anonymous"}
    if with_account:
        draft = reports.ReportDraft(
            title="Dugaan pungli",
            body="Rahasia.",
            classification=Classification.COMPLAINT,
            is_confidential=flags["is_confidential"],
            is_anonymous=flags["is_anonymous"],
        )
        reporter = stage.person_actor("budi")
        report = await reports.submit_report(stage.runtime, reporter, draft)
        token = None
    else:
        report, code = await stage.account_less_report(**flags)
        reporter = Actor(user_id=None, role=None, report_id=report.id)
        token = await stage.exchange(report, code)
    rt = stage.runtime
    admin, liaison = stage.person_actor("admin"), stage.person_actor("pu_liaison")
    await reports.dispose_report(rt, admin, report.id, stage.world.pu.id, INTERNAL_NOTE)
    answer = await _staged(stage, liaison, "surat-jawaban.pdf")
    await reports.follow_up_report(rt, liaison, report.id, "Kami periksa.", [answer])
    await reports.reply_to_report(rt, reporter, report.id, "Terima kasih.")
    survey = await _staged(stage, admin, "survei.pdf")
    await reports.add_internal_attachments(rt, admin, report.id, [survey], "Hasil survei.")
    return report, reporter, token


async def _closed_and_rated(stage: Stage, report: Report, reporter: Actor) -> None:
    """PU's liaison closes the report and its reporter rates it, with a comment to the officers."""
    rt = stage.runtime
    await reports.close_report(rt, stage.person_actor("pu_liaison"), report.id, "Selesai.")
    await reports.perform_action(rt, reporter, report.id, "rate", {"score": "3", "comment": "Lambat."})


async def _staged(stage: Stage, uploader: Actor, name: str) -> str:
    """The key of a pending upload of ``uploader``, as attachmentUpload makes it."""
    incoming = IncomingFile(io.BytesIO(sample_files.pdf()), name, "file")
    return (await stage_upload(stage.runtime, uploader, incoming)).key


def _refusal(actor: str, result: GraphQLResult) -> bool | str:
    """False for a refusal, a problem for anything else but a plain answer, True for a plain answer."""
    if actor == "deactivated" or result.status_code == 401:
        if (actor, result.status_code) != ("deactivated", 401):
            return f"expected HTTP 401 only for the deactivated, got {result.status_code}"
        return False
    if result.status_code != 200:
        return f"HTTP {result.status_code} {result.body}"
    if result.body.get("errors"):
        if set(result.error_codes) <= DENIAL_TOP_LEVEL:
            return False
        return f"top-level errors {result.body['errors']}"
    return True


async def _sees(stage: Stage, field_path: str, kind: str, actor: str, own: dict[str, Reports]) -> bool | str:
    """Whether ``actor`` sees ``field_path``; a string describes an outcome that is no answer at all."""
    gql = stage.gql
    reports_of_kind = own.get(kind)
    if actor == "code_holder" and reports_of_kind is not None:
        token = reports_of_kind.code_holder_token
    else:
        token = await stage.token(actor)
    budi = stage.world.budi.user

    if field_path in OTHER_READS:
        variables = {"id": stage.pu_id} if field_path in ("Agency.liaisons", "statistics(PU)") else {}
        result = await gql(OTHER_READS[field_path], variables, token)
        answered = _refusal(actor, result)
        if answered is not True:
            return answered
        data = result.body["data"]
        if field_path == "Agency.liaisons":
            return bool(data["agency"]["liaisons"])
        if field_path == "mySessions":
            return bool(data["mySessions"])
        if field_path.startswith(("statistics", "publicStatistics")):
            return True  # answered at all: the figures are the field
        return bool(data[field_path]["edges"])

    if field_path == "Statistics.liaisons":
        # PU's liaison answered the handled reports; is their name among the liaisons shown?
        result = await gql(STATISTICS_LIAISONS_READ, {}, token)
        answered = _refusal(actor, result)
        if answered is not True:
            return answered
        pu_liaison = encode_id("User", stage.world.pu_liaison.user.id)
        return any(entry["id"] == pu_liaison for entry in result.body["data"]["statistics"]["liaisons"])

    assert reports_of_kind is not None
    identity_row = field_path.startswith("User.") or field_path in (
        "Report.reporter",
        "ReportEvent.actor(reporter)",
    )
    report_id = (
        reports_of_kind.code_holder_id
        if actor == "code_holder" and not identity_row
        else reports_of_kind.owner_id
    )

    if field_path.startswith("User."):
        variables = {"reportId": report_id, "userId": encode_id("User", budi.id)}
        result = await gql(USER_READ, variables, token)
        answered = _refusal(actor, result)
        if answered is not True:
            return answered
        data = result.body["data"]
        found: list[dict[str, Any]] = [data["node"] or {}]
        if data["report"] is not None:
            found.append(data["report"]["reporter"] or {})
            found += [e["actor"] or {} for e in data["report"]["timeline"]]
        budi_id = encode_id("User", budi.id)
        name = field_path.removeprefix("User.")
        return any(u.get(name) is not None for u in found if u.get("id") == budi_id)

    if field_path == "node(Attachment)":
        report_key = decode_id(report_id, "Report")
        answer = await Attachment.get(report_id=report_key, is_internal=False)
        result = await gql(ATTACHMENT_READ, {"id": encode_id("Attachment", answer.key)}, token)
        answered = _refusal(actor, result)
        if answered is not True:
            return answered
        return result.body["data"]["node"] is not None

    if field_path == "Report.rating.comment":
        result = await gql(RATING_READ, {"id": report_id}, token)
        answered = _refusal(actor, result)
        if answered is not True:
            return answered
        rated = result.body["data"]["report"]
        return rated is not None and rated["rating"]["comment"] is not None

    result = await gql(REPORT_READ, {"id": report_id}, token)
    answered = _refusal(actor, result)
    if answered is not True:
        return answered
    report = result.body["data"]["report"]
    if field_path == "Report":
        return report is not None
    if report is None:
        return False
    timeline = report["timeline"]
    if field_path == "Report.reporter":
        return report["reporter"] is not None
    if field_path == "ReportEvent.internalNote":
        return any(e["internalNote"] for e in timeline)
    if field_path == "Report.attachments":
        return any(not a["isInternal"] for a in report["attachments"])
    if field_path == "ReportEvent.attachments":
        return any(e["attachments"] for e in timeline if e["action"] == "follow_up")
    if field_path == "Attachment(internal)":
        files = [*report["attachments"], *(a for e in timeline for a in e["attachments"])]
        return any(a["isInternal"] for a in files)
    wanted = {"submit", "reply"} if field_path == "ReportEvent.actor(reporter)" else {"dispose", "follow_up"}
    entries = [e for e in timeline if e["action"] in wanted]
    if {e["action"] for e in entries} != wanted:
        return f"timeline lacks {sorted(wanted)}: {json.dumps(timeline)}"
    return any(e["actor"] is not None for e in entries)


@pytest.mark.parametrize("field_path", list(FIELDS))
async def test_who_sees_each_sensitive_field(
    field_path: str, gql, runtime: Runtime, clock: FakeClock
) -> None:
    stage = await _stage(gql, runtime, clock)
    await User.filter(id=stage.world.budi.user.id).update(phone=REPORTER_PHONE)
    own: dict[str, Reports] = {}
    for kind in FIELDS[field_path]:
        if kind == ANY:
            continue
        owner_report, owner, _ = await _handled_report(stage, kind, with_account=True)
        code_report, holder, code_token = await _handled_report(stage, kind, with_account=False)
        assert code_token is not None
        if field_path == "Report.rating.comment":
            for rated, reporter in ((owner_report, owner), (code_report, holder)):
                await _closed_and_rated(stage, rated, reporter)
        own[kind] = Reports(
            owner_id=encode_id("Report", owner_report.id),
            code_holder_id=encode_id("Report", code_report.id),
            code_holder_token=code_token,
        )

    problems: list[str] = []
    for kind, seen_by in FIELDS[field_path].items():
        for actor in ACTORS:
            stage.code_token = None
            sees = await _sees(stage, field_path, kind, actor, own)
            expected = actor in seen_by
            if isinstance(sees, str):
                problems.append(f"{field_path} [{kind}] × {actor}: UNCLASSIFIED outcome: {sees}")
            elif sees != expected:
                shown = "visible" if sees else "hidden"
                wanted = "visible" if expected else "hidden"
                problems.append(f"{field_path} [{kind}] × {actor}: expected {wanted}, got {shown}")

    assert not problems, f"{len(problems)} actor(s) disagree with FIELDS:\n" + "\n".join(problems)
