"""Retries that cannot record twice: the ``Idempotency-Key`` header on every mutation.

A client that lost its connection retries with the same key and gets the first outcome back, with
nothing recorded twice: whether the response was lost on the way (it was stored), or the server was
cut off between commit and response (the answer is rebuilt from what was recorded, in every area).
"""

from __future__ import annotations

import asyncio
import base64
import hashlib
import inspect
import json
import logging
import secrets
import uuid
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

import httpx
import pytest

from lapor_gql import http_idempotency
from lapor_gql.clock import FakeClock
from lapor_gql.db.models import (
    AccessToken,
    Agency,
    AuditEvent,
    IdempotencyKey,
    Report,
    ReportAccessToken,
    ReportEvent,
    User,
)
from lapor_gql.domain import idempotency
from lapor_gql.domain.errors import TEMPORARY_CODES
from lapor_gql.domain.idempotency import KeyInUse, KeyInvalid, KeyReused, ResponseLost
from lapor_gql.schema.context import MAX_QUERY_TOKENS
from lapor_gql.schema.ids import encode_id

from . import operations as op
from .conftest import DIAGRAM
from .test_metrics import grown, scrape
from .test_process_definitions import FIVE_DAY_FOLLOW_UP
from .world import PASSWORD, World, make_world

SUBMIT_WITHOUT_ACCOUNT = """
mutation SubmitWithoutAccount($input: ReportSubmitInput!) {
  reportSubmit(input: $input) { report { id trackingNumber status } accessCode errors { field code } }
}
"""
DRAFT = {"title": "Jembatan retak", "body": "Retak di tiang kedua.", "classification": "COMPLAINT"}


def new_key() -> str:
    return str(uuid.uuid4())


async def send(
    client: httpx.AsyncClient,
    query: str,
    variables: dict[str, Any],
    *,
    token: str | None = None,
    key: str | None = None,
) -> httpx.Response:
    headers = {"Content-Type": "application/json", "Accept-Language": "en"}
    if token:
        headers["Authorization"] = f"Bearer {token}"
    if key is not None:
        headers["Idempotency-Key"] = key
    return await client.post("/graphql", json={"query": query, "variables": variables}, headers=headers)


async def submitted(client: httpx.AsyncClient, world: World) -> str:
    response = await send(client, op.SUBMIT, {"input": DRAFT}, token=world.budi.token)
    return response.json()["data"]["reportSubmit"]["report"]["id"]


async def events_of(report_id: str, action: str) -> int:
    report = await Report.get(tracking_number=await _tracking_number(report_id))
    return await ReportEvent.filter(report_id=report.id, action=action).count()


async def _tracking_number(report_id: str) -> str:
    from lapor_gql.schema.ids import decode_id

    report = await Report.get(id=decode_id(report_id, "Report"))
    return report.tracking_number


async def test_a_retry_gets_the_first_response_and_records_nothing_again(client, clock: FakeClock) -> None:
    world = await make_world(clock)
    report_id = await submitted(client, world)
    hold = {"input": {"id": report_id, "reason": "Data belum lengkap."}}
    key = new_key()

    first = await send(client, op.HOLD, hold, token=world.admin.token, key=key)
    retry = await send(client, op.HOLD, hold, token=world.admin.token, key=key)

    assert first.json()["data"]["reportHold"]["report"]["status"] == "ON_HOLD"
    assert (retry.status_code, retry.json()) == (200, first.json())
    assert retry.headers["Idempotent-Replayed"] == "true"
    assert "Idempotent-Replayed" not in first.headers
    assert await events_of(report_id, "hold") == 1


async def test_a_connection_cut_after_commit_is_answered_from_the_record(
    client, clock: FakeClock, monkeypatch
) -> None:
    world = await make_world(clock)
    key = new_key()

    async def cut_after_commit(*args: object, **kwargs: object) -> None:
        # The transaction has committed; the request dies before its response exists (the client
        # went away, the server process was killed): nothing after this point runs.
        task = asyncio.current_task()
        assert task is not None
        task.cancel()
        await asyncio.sleep(0)

    monkeypatch.setattr("lapor_gql.domain.reports.announce_change", cut_after_commit)
    cut = asyncio.create_task(send(client, op.SUBMIT, {"input": DRAFT}, token=world.budi.token, key=key))
    with pytest.raises(asyncio.CancelledError):
        await cut
    monkeypatch.undo()
    assert await Report.all().count() == 1
    assert (await IdempotencyKey.get()).response is None  # committed with the report, answer lost
    clock.advance(idempotency.REPLAY_GRACE)  # long enough to be sure the first request died

    retry = await send(client, op.SUBMIT, {"input": DRAFT}, token=world.budi.token, key=key)
    again = await send(client, op.SUBMIT, {"input": DRAFT}, token=world.budi.token, key=key)

    report = await Report.get()
    assert retry.headers["Idempotent-Replayed"] == "true"
    payload = retry.json()["data"]["reportSubmit"]
    assert (payload["report"]["trackingNumber"], payload["errors"]) == (report.tracking_number, [])
    assert again.json() == retry.json()  # the rebuilt answer is kept, and answers from now on
    assert await Report.all().count() == 1
    assert await ReportEvent.filter(action="submit").count() == 1


async def test_a_different_request_under_a_used_key_is_refused(client, clock: FakeClock) -> None:
    world = await make_world(clock)
    report_id = await submitted(client, world)
    key = new_key()
    await send(
        client, op.HOLD, {"input": {"id": report_id, "reason": "Tunggu."}}, token=world.admin.token, key=key
    )

    other = await send(
        client, op.ARCHIVE, {"input": {"id": report_id, "reason": "Ganda."}}, token=world.admin.token, key=key
    )

    assert other.status_code == 422
    assert other.json()["errors"][0]["extensions"] == {"code": "IDEMPOTENCY_KEY_REUSED"}
    assert other.json()["errors"][0]["message"].startswith("This Idempotency-Key was used")
    assert (await Report.get()).status == "ON_HOLD"
    assert await events_of(report_id, "archive") == 0


async def test_concurrent_duplicates_run_once(client, clock: FakeClock) -> None:
    world = await make_world(clock)
    report_id = await submitted(client, world)
    follow_up = {"input": {"id": report_id, "agencyId": encode_id("Agency", world.pu.id)}}
    key = new_key()

    responses = await asyncio.gather(
        *(send(client, op.DISPOSE, follow_up, token=world.admin.token, key=key) for _ in range(4))
    )

    # One runs; each other gets its stored answer, or, while the first is still storing it, 409.
    answered = [r for r in responses if r.status_code == 200]
    waiting = [r for r in responses if r.status_code != 200]
    assert [r.headers.get("Idempotent-Replayed") for r in answered].count(None) == 1
    assert all(r.json() == answered[0].json() for r in answered)
    assert all(
        (r.status_code, r.json()["errors"][0]["extensions"]["code"]) == (409, "IDEMPOTENCY_KEY_IN_USE")
        for r in waiting
    )
    retry = await send(client, op.DISPOSE, follow_up, token=world.admin.token, key=key)
    assert retry.json() == answered[0].json() and retry.headers["Idempotent-Replayed"] == "true"
    body = retry.json()["data"]["reportDispose"]
    assert (body["report"]["status"], body["errors"]) == ("DISPOSED", [])
    assert await events_of(report_id, "dispose") == 1
    assert await IdempotencyKey.all().count() == 1


async def test_a_key_is_forgotten_after_the_retention(client, clock: FakeClock) -> None:
    world = await make_world(clock)
    key = new_key()
    first = await send(client, op.SUBMIT, {"input": DRAFT}, token=world.budi.token, key=key)

    clock.advance(timedelta(hours=24))
    later = await send(client, op.SUBMIT, {"input": DRAFT}, token=world.budi.token, key=key)

    ids = {r.json()["data"]["reportSubmit"]["report"]["id"] for r in (first, later)}
    assert len(ids) == 2  # a new submission: the key was no longer remembered
    assert "Idempotent-Replayed" not in later.headers
    assert await IdempotencyKey.all().count() == 1  # the expired use was swept


async def test_a_reporter_without_account_gets_their_access_code_back_and_no_one_else_does(
    client, clock: FakeClock
) -> None:
    world = await make_world(clock)
    key = new_key()
    first = await send(client, SUBMIT_WITHOUT_ACCOUNT, {"input": DRAFT}, key=key)
    code = first.json()["data"]["reportSubmit"]["accessCode"]

    retry = await send(client, SUBMIT_WITHOUT_ACCOUNT, {"input": DRAFT}, key=key)
    other_text = await send(client, SUBMIT_WITHOUT_ACCOUNT, {"input": {**DRAFT, "body": "Lain."}}, key=key)
    citizen = await send(client, SUBMIT_WITHOUT_ACCOUNT, {"input": DRAFT}, token=world.budi.token, key=key)

    assert code and retry.json() == first.json()
    assert other_text.status_code == 422 and code not in other_text.text
    assert citizen.json()["data"]["reportSubmit"]["accessCode"] is None  # their own new report
    assert code not in citizen.text
    stored = [row.response for row in await IdempotencyKey.all()]
    assert all(code not in (response or "") for response in stored)  # sealed with the client's key
    assert await Report.all().count() == 2


async def test_refusals_are_replayed_too_and_change_nothing(client, clock: FakeClock) -> None:
    world = await make_world(clock)
    report_id = await submitted(client, world)
    key = new_key()

    blank = await send(
        client, op.HOLD, {"input": {"id": report_id, "reason": ""}}, token=world.admin.token, key=key
    )
    retry = await send(
        client, op.HOLD, {"input": {"id": report_id, "reason": ""}}, token=world.admin.token, key=key
    )

    assert blank.json()["data"]["reportHold"]["errors"][0]["code"] == "REQUIRED"
    assert retry.json() == blank.json() and retry.headers["Idempotent-Replayed"] == "true"
    assert (await Report.get()).status == "SUBMITTED"


async def test_malformed_keys_and_several_mutations_under_one_key_are_refused(
    client, clock: FakeClock
) -> None:
    world = await make_world(clock)
    report_id = await submitted(client, world)
    hold = {"input": {"id": report_id, "reason": "Tunggu."}}
    two_fields = (
        "mutation Twice($input: ReportReasonInput!) "
        "{ a: reportHold(input: $input) { errors { code } } "
        "b: reportArchive(input: $input) { errors { code } } }"
    )

    short = await send(client, op.HOLD, hold, token=world.admin.token, key="retry-1")
    several = await send(client, two_fields, hold, token=world.admin.token, key=new_key())
    quoted = await send(client, op.HOLD, hold, token=world.admin.token, key=f'"{new_key()}"')
    query = await send(client, op.ME, {}, token=world.admin.token, key="x")  # queries ignore the header

    assert [r.status_code for r in (short, several)] == [400, 400]
    assert short.json()["errors"][0]["extensions"]["code"] == "IDEMPOTENCY_KEY_INVALID"
    assert quoted.json()["data"]["reportHold"]["report"]["status"] == "ON_HOLD"  # the draft's sf-string form
    assert query.json()["data"]["me"]["email"] == "admin@lapor.test"
    assert await events_of(report_id, "hold") == 1


# --- a cut between commit and answer, in every area --------------------------------------------


def die_before_storing(first_answer: dict[str, Any]) -> Callable[..., Awaitable[None]]:
    """Stands in for ``idempotency.store_response``: the mutation has run and committed, and the
    server process dies before its answer is stored or sent (nothing after this point runs)."""

    async def cut(claim: object, response: dict[str, Any]) -> None:
        first_answer.update(json.loads(str(response["body"])))
        task = asyncio.current_task()
        assert task is not None
        task.cancel()
        await asyncio.sleep(0)

    return cut


async def cut_off(client: httpx.AsyncClient, monkeypatch, query: str, variables: dict[str, Any], **how: Any):
    """Sends the mutation and cuts it off after its commit; returns the answer that was lost."""
    first_answer: dict[str, Any] = {}
    monkeypatch.setattr(idempotency, "store_response", die_before_storing(first_answer))
    cut = asyncio.create_task(send(client, query, variables, **how))
    with pytest.raises(asyncio.CancelledError):
        await cut
    monkeypatch.undo()
    assert first_answer, "the mutation never got as far as its answer"
    assert (await IdempotencyKey.get()).response is None  # committed with the effect, answer lost
    return first_answer


@dataclass(frozen=True)
class Area:
    """One representative mutation: who sends it, its input, and the audit action it records once."""

    query: str
    sender: str
    given: Callable[[World], Awaitable[dict[str, Any]]]
    action: str


async def _password_change(world: World) -> dict[str, Any]:
    return {"currentPassword": PASSWORD, "newPassword": "kopi tubruk di pagi hari"}


async def _agency_create(world: World) -> dict[str, Any]:
    return {"code": "BPBD", "name": "Badan Penanggulangan Bencana Daerah"}


async def _agency_delete(world: World) -> dict[str, Any]:
    mistake = await Agency.create(code="SALAH", name="Salah ketik")
    return {"id": encode_id("Agency", mistake.id)}


async def _holiday_create(world: World) -> dict[str, Any]:
    return {"date": "2026-03-19", "name": "Hari Suci Nyepi", "kind": "NATIONAL"}


async def _holiday_import(world: World) -> dict[str, Any]:
    return {
        "ics": "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//lapor-gql test//EN\r\n"
        "BEGIN:VEVENT\r\nUID:idul-fitri@lapor.test\r\nDTSTART;VALUE=DATE:20260320\r\n"
        "DTEND;VALUE=DATE:20260322\r\nSUMMARY:Idul Fitri\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
    }


async def _process_deploy(world: World) -> dict[str, Any]:
    return {"bpmnXml": FIVE_DAY_FOLLOW_UP, "note": "tindak lanjut 5 hari kerja"}


AREAS = {
    "account": Area(
        "mutation ChangePassword($input: PasswordChangeInput!) "
        "{ passwordChange(input: $input) { user { email } errors { field code } } }",
        "budi",
        _password_change,
        "password_changed",
    ),
    "agency": Area(
        "mutation CreateAgency($input: AgencyCreateInput!) "
        "{ agencyCreate(input: $input) { agency { id code name } errors { field code } } }",
        "admin",
        _agency_create,
        "agency_create",
    ),
    "agency deletion": Area(
        "mutation DeleteAgency($input: AgencyIdInput!) "
        "{ agencyDelete(input: $input) { deletedId errors { field code } } }",
        "admin",
        _agency_delete,
        "agency_delete",
    ),
    "holiday": Area(
        "mutation CreateHoliday($input: HolidayCreateInput!) "
        "{ holidayCreate(input: $input) { holiday { id date name } errors { field code } } }",
        "admin",
        _holiday_create,
        "holiday_create",
    ),
    "holiday import": Area(
        "mutation ImportHolidays($input: HolidayImportInput!) "
        "{ holidayImport(input: $input) { imported errors { field code } } }",
        "admin",
        _holiday_import,
        "holiday_import",
    ),
    "process deploy": Area(
        "mutation Deploy($input: ProcessDefinitionDeployInput!) "
        "{ processDefinitionDeploy(input: $input) { processDefinition { id version } created "
        "errors { field code } } }",
        "admin",
        _process_deploy,
        "process_deployed",
    ),
}


@pytest.mark.parametrize("area", AREAS.values(), ids=AREAS.keys())
async def test_a_cut_after_commit_has_one_effect_and_the_same_answer_in_every_area(
    client, clock: FakeClock, monkeypatch, area: Area
) -> None:
    world = await make_world(clock)
    token = world.people[area.sender].token
    variables = {"input": await area.given(world)}
    key = new_key()

    lost = await cut_off(client, monkeypatch, area.query, variables, token=token, key=key)
    clock.advance(idempotency.REPLAY_GRACE)
    retry = await send(client, area.query, variables, token=token, key=key)

    assert next(iter(lost["data"].values()))["errors"] == []  # the first one did succeed
    assert retry.status_code == 200 and retry.headers["Idempotent-Replayed"] == "true"
    assert retry.json() == lost
    assert await AuditEvent.filter(action=area.action).count() == 1


async def test_a_mutation_that_writes_nothing_keeps_its_answer_too(client, clock: FakeClock) -> None:
    world = await make_world(clock)
    deploy = AREAS["process deploy"].query
    same_content = {"input": {"bpmnXml": DIAGRAM.read_text(encoding="utf-8"), "note": ""}}
    key = new_key()

    first = await send(client, deploy, same_content, token=world.admin.token, key=key)
    retry = await send(client, deploy, same_content, token=world.admin.token, key=key)

    assert first.json()["data"]["processDefinitionDeploy"]["created"] is False
    assert retry.json() == first.json() and retry.headers["Idempotent-Replayed"] == "true"
    assert await AuditEvent.filter(action="process_deployed").count() == 0


async def test_a_lost_registration_comes_back_with_the_account_and_without_its_token(
    client, clock: FakeClock, monkeypatch
) -> None:
    register = (
        "mutation Register($input: AccountRegisterInput!) "
        "{ accountRegister(input: $input) { token expiresAt user { id name } errors { field code } } }"
    )
    form = {
        "input": {"name": "Wayan", "email": "wayan@example.id", "phone": "081234567890", "password": PASSWORD}
    }
    key = new_key()

    lost = await cut_off(client, monkeypatch, register, form, key=key)
    clock.advance(idempotency.REPLAY_GRACE)
    retry = await send(client, register, form, key=key)

    first, answer = lost["data"]["accountRegister"], retry.json()["data"]["accountRegister"]
    assert first["token"] and first["user"]["name"] == "Wayan"
    assert answer == {**first, "token": None, "expiresAt": None}  # the same account, no token
    assert await User.filter(email="wayan@example.id").count() == 1
    wayan = await User.get(email="wayan@example.id")
    assert await AccessToken.filter(user_id=wayan.id).count() == 1  # no second session either


LOGIN_FOR_REPORT = (
    "mutation Follow($input: ReportAccessTokenCreateInput!) "
    "{ reportAccessTokenCreate(input: $input) { token errors { field code } } }"
)


async def test_a_lost_login_is_refused_on_retry_and_issues_nothing(
    client, clock: FakeClock, monkeypatch
) -> None:
    world = await make_world(clock)
    submitted_without_account = await send(client, SUBMIT_WITHOUT_ACCOUNT, {"input": DRAFT})
    payload = submitted_without_account.json()["data"]["reportSubmit"]
    follow = {
        "input": {"trackingNumber": payload["report"]["trackingNumber"], "accessCode": payload["accessCode"]}
    }
    login = {"input": {"email": world.budi.user.email, "password": PASSWORD}}
    sessions = await AccessToken.filter(user_id=world.budi.user.id).count()

    for query, variables in ((op.TOKEN_CREATE, login), (LOGIN_FOR_REPORT, follow)):
        key = new_key()
        await IdempotencyKey.all().delete()  # cut_off looks at the only key
        lost = await cut_off(client, monkeypatch, query, variables, key=key)
        clock.advance(idempotency.REPLAY_GRACE)
        retry = await send(client, query, variables, key=key)

        assert next(iter(lost["data"].values()))["token"]
        assert retry.status_code == 410 and "Idempotent-Replayed" not in retry.headers
        assert retry.json()["errors"][0]["extensions"] == {"code": "IDEMPOTENCY_RESPONSE_LOST"}
        assert retry.json()["errors"][0]["message"].startswith("The request with this Idempotency-Key")

    assert await AccessToken.filter(user_id=world.budi.user.id).count() == sessions + 1
    assert await ReportAccessToken.all().count() == 1


async def test_a_stored_login_answer_is_given_back_whole(client, clock: FakeClock) -> None:
    world = await make_world(clock)
    login = {"input": {"email": world.budi.user.email, "password": PASSWORD}}
    key = new_key()

    first = await send(client, op.TOKEN_CREATE, login, key=key)
    retry = await send(client, op.TOKEN_CREATE, login, key=key)

    assert first.json()["data"]["tokenCreate"]["token"]
    assert retry.json() == first.json() and retry.headers["Idempotent-Replayed"] == "true"


# --- sealed answers --------------------------------------------------------------------------


def test_a_sealed_answer_opens_only_with_its_key_for_its_actor() -> None:
    key, other_key = new_key(), new_key()
    sealed = idempotency.seal("user:7", key, b'{"token": "rahasia"}')

    assert idempotency.open_sealed("user:7", key, sealed) == b'{"token": "rahasia"}'
    assert b"rahasia" not in base64.b64decode(sealed)
    with pytest.raises(idempotency.SealBroken):
        idempotency.open_sealed("user:7", other_key, sealed)
    with pytest.raises(idempotency.SealBroken):
        idempotency.open_sealed("user:8", key, sealed)  # moved to another actor's row
    assert idempotency.seal("user:7", key, b"x") != idempotency.seal("user:7", key, b"x")  # fresh nonces


async def test_a_tampered_stored_answer_is_refused_not_replayed(client, clock: FakeClock, caplog) -> None:
    world = await make_world(clock)
    report_id = await submitted(client, world)
    hold = {"input": {"id": report_id, "reason": "Data belum lengkap."}}
    key = new_key()
    await send(client, op.HOLD, hold, token=world.admin.token, key=key)
    row = await IdempotencyKey.get()
    raw = bytearray(base64.b64decode(row.response or ""))
    raw[-20] ^= 0x01  # one bit of the ciphertext
    await IdempotencyKey.filter(id=row.id).update(response=base64.b64encode(bytes(raw)).decode())

    retry = await send(client, op.HOLD, hold, token=world.admin.token, key=key)

    assert retry.status_code == 410 and "Idempotent-Replayed" not in retry.headers
    assert retry.json()["errors"][0]["extensions"] == {"code": "IDEMPOTENCY_RESPONSE_LOST"}
    assert "failed its integrity check" in caplog.text
    assert await events_of(report_id, "hold") == 1


# --- losing the race is an answer, not an incident ---------------------------------------------


async def test_a_request_that_loses_the_race_is_not_logged_or_counted_as_an_error(
    client, clock: FakeClock, monkeypatch, caplog
) -> None:
    world = await make_world(clock)
    report_id = await submitted(client, world)
    hold = {"input": {"id": report_id, "reason": "Data belum lengkap."}}
    key = new_key()
    first = await send(client, op.HOLD, hold, token=world.admin.token, key=key)
    real_find = idempotency.find

    async def not_yet_committed(actor: str, key: str, now: Any) -> idempotency.Recorded | None:
        # The duplicate looked before the first committed, so it runs, and loses on the key.
        monkeypatch.setattr(idempotency, "find", real_find)
        return None

    monkeypatch.setattr(idempotency, "find", not_yet_committed)
    before = await scrape(client)
    caplog.clear()

    duplicate = await send(client, op.HOLD, hold, token=world.admin.token, key=key)

    after = await scrape(client)
    assert duplicate.json() == first.json() and duplicate.headers["Idempotent-Replayed"] == "true"
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR], caplog.text
    assert (
        grown(before, after, "lapor_graphql_resolver_errors_total", field="reportHold", code="INTERNAL") == 0
    )
    assert (
        grown(
            before,
            after,
            "lapor_graphql_requests_total",
            type="mutation",
            operation="reportHold",
            outcome="error",
        )
        == 0
    )
    assert await events_of(report_id, "hold") == 1


# --- what the table gives away, and what a key costs to send -------------------------------------


async def test_the_stored_fingerprint_cannot_be_tested_against_guessed_variables(
    client, clock: FakeClock
) -> None:
    world = await make_world(clock)
    login = {"input": {"email": world.budi.user.email, "password": PASSWORD}}
    key = new_key()

    first = await send(client, op.TOKEN_CREATE, login, key=key)
    retry = await send(client, op.TOKEN_CREATE, login, key=key)

    assert retry.json() == first.json() and retry.headers["Idempotent-Replayed"] == "true"
    row = await IdempotencyKey.get()
    request = {"query": op.TOKEN_CREATE, "operationName": None, "variables": login}
    canonical = json.dumps(request, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()
    assert row.request_hash != hashlib.sha256(canonical).hexdigest()  # an HMAC under the client's key
    stored = " ".join(
        str(value) for values in await IdempotencyKey.all().values() for value in values.values()
    )
    for secret in (PASSWORD, world.budi.user.email):
        forms = (
            secret,
            hashlib.sha256(secret.encode()).hexdigest(),
            base64.b64encode(secret.encode()).decode(),
            json.dumps(secret),
        )
        assert not any(form in stored for form in forms), secret


async def test_a_document_over_the_token_limit_is_refused_as_the_schema_refuses_it_unparsed(
    client, clock: FakeClock, monkeypatch
) -> None:
    world = await make_world(clock)
    report_id = await submitted(client, world)
    hold = {"input": {"id": report_id, "reason": "Tunggu."}}
    huge = (
        "mutation Hold($input: ReportReasonInput!) { reportHold(input: $input) { errors { code } "
        + "__typename " * MAX_QUERY_TOKENS
        + "} }"
    )
    limits: list[object] = []
    real_parse = http_idempotency.parse

    def bounded(source: str, **options: Any) -> Any:
        limits.append(options.get("max_tokens"))
        return real_parse(source, **options)

    monkeypatch.setattr(http_idempotency, "parse", bounded)

    keyed = await send(client, huge, hold, token=world.admin.token, key=new_key())
    malformed_key = await send(client, huge, hold, token=world.admin.token, key="x")
    unkeyed = await send(client, huge, hold, token=world.admin.token)

    assert limits == [MAX_QUERY_TOKENS, MAX_QUERY_TOKENS]  # never parsed further than the schema would
    assert keyed.status_code == malformed_key.status_code == unkeyed.status_code
    assert keyed.json() == malformed_key.json() == unkeyed.json()
    assert "token" in unkeyed.json()["errors"][0]["message"].lower()
    assert await events_of(report_id, "hold") == 0
    assert await IdempotencyKey.all().count() == 0


async def test_anonymous_keys_must_be_recognisably_random(client, clock: FakeClock) -> None:
    world = await make_world(clock)
    guessable = ("aaaaaaaaaaaaaaaa", "retry-submit-0001", str(uuid.uuid1()), "A" * 21)

    refused = [await send(client, SUBMIT_WITHOUT_ACCOUNT, {"input": DRAFT}, key=k) for k in guessable]
    accepted = [
        await send(client, SUBMIT_WITHOUT_ACCOUNT, {"input": DRAFT}, key=k)
        for k in (new_key(), new_key().upper(), secrets.token_urlsafe(16), f'"{secrets.token_urlsafe(32)}"')
    ]
    citizen = await send(client, op.SUBMIT, {"input": DRAFT}, token=world.budi.token, key="aaaaaaaaaaaaaaaa")

    for response in refused:
        assert response.status_code == 400
        error = response.json()["errors"][0]
        assert error["extensions"] == {"code": "IDEMPOTENCY_KEY_INVALID"}
        assert error["message"].startswith("Without an account the Idempotency-Key is your secret")
    assert [r.status_code for r in accepted] == [200] * 4
    assert all(r.json()["data"]["reportSubmit"]["accessCode"] for r in accepted)
    assert citizen.json()["data"]["reportSubmit"]["errors"] == []  # an account's keys are as they were
    assert await Report.all().count() == 5


async def test_a_refusal_that_only_says_not_now_keeps_the_key_free(client, clock: FakeClock) -> None:
    world = await make_world(clock)
    login = {"input": {"email": world.budi.user.email, "password": PASSWORD}}
    for _ in range(5):
        await send(client, op.TOKEN_CREATE, {"input": {**login["input"], "password": "salah terus"}})
    key = new_key()

    locked = await send(client, op.TOKEN_CREATE, login, key=key)
    clock.advance(timedelta(minutes=15))
    later = await send(client, op.TOKEN_CREATE, login, key=key)

    assert [e["code"] for e in locked.json()["data"]["tokenCreate"]["errors"]] == ["TOO_MANY_ATTEMPTS"]
    assert "Idempotent-Replayed" not in later.headers
    assert later.json()["data"]["tokenCreate"]["token"]  # carried out, not the refusal replayed
    assert await IdempotencyKey.all().count() == 1
    assert TEMPORARY_CODES == {"TOO_MANY_ATTEMPTS", "CONFLICT"}


# --- the window between commit and stored answer -------------------------------------------------


async def test_a_duplicate_just_after_the_commit_waits_instead_of_rebuilding(
    client, clock: FakeClock, monkeypatch
) -> None:
    world = await make_world(clock)
    key = new_key()
    lost = await cut_off(client, monkeypatch, op.SUBMIT, {"input": DRAFT}, token=world.budi.token, key=key)

    early = await send(client, op.SUBMIT, {"input": DRAFT}, token=world.budi.token, key=key)
    clock.advance(idempotency.REPLAY_GRACE - timedelta(seconds=1))
    still = await send(client, op.SUBMIT, {"input": DRAFT}, token=world.budi.token, key=key)
    clock.advance(timedelta(seconds=1))
    late = await send(client, op.SUBMIT, {"input": DRAFT}, token=world.budi.token, key=key)

    for response in (early, still):
        assert response.status_code == 409 and "Idempotent-Replayed" not in response.headers
        assert response.json()["errors"][0]["extensions"] == {"code": "IDEMPOTENCY_KEY_IN_USE"}
    assert late.status_code == 200 and late.headers["Idempotent-Replayed"] == "true"
    assert late.json() == lost
    assert await Report.all().count() == 1


async def test_a_login_duplicate_just_after_the_commit_is_told_to_wait_not_that_it_is_lost(
    client, clock: FakeClock, monkeypatch
) -> None:
    world = await make_world(clock)
    login = {"input": {"email": world.budi.user.email, "password": PASSWORD}}
    key = new_key()
    await cut_off(client, monkeypatch, op.TOKEN_CREATE, login, key=key)

    early = await send(client, op.TOKEN_CREATE, login, key=key)
    clock.advance(idempotency.REPLAY_GRACE)
    late = await send(client, op.TOKEN_CREATE, login, key=key)

    assert early.json()["errors"][0]["extensions"] == {"code": "IDEMPOTENCY_KEY_IN_USE"}
    assert (early.status_code, late.status_code) == (409, 410)


async def test_a_rebuilt_answer_never_replaces_the_whole_one(client, clock: FakeClock, monkeypatch) -> None:
    register = (
        "mutation Register($input: AccountRegisterInput!) "
        "{ accountRegister(input: $input) { token user { name } errors { field code } } }"
    )
    form = {
        "input": {"name": "Wayan", "email": "wayan@example.id", "phone": "081234567890", "password": PASSWORD}
    }
    key = new_key()
    lost = await cut_off(client, monkeypatch, register, form, key=key)
    stale = await idempotency.find(idempotency.ANONYMOUS_SCOPE, key, clock())
    assert stale is not None and stale.response is None
    clock.advance(idempotency.REPLAY_GRACE)
    real_find = idempotency.find

    async def read_before_the_first_stored(actor: str, key: str, now: Any) -> idempotency.Recorded | None:
        # The duplicate read the row, without an answer, just before the first request stored its
        # whole answer (which then lands first); the duplicate rebuilds and stores afterwards.
        monkeypatch.setattr(idempotency, "find", real_find)
        recorded = await real_find(actor, key, now)
        assert recorded is not None and recorded.result is not None
        whole = {"status": 200, "contentType": "application/json", "body": json.dumps(lost)}
        claim = idempotency.Claim(
            actor=actor, key=key, request_hash=recorded.request_hash, now=now, expires_at=now
        )
        await idempotency.store_response(claim, whole)
        return recorded

    monkeypatch.setattr(idempotency, "find", read_before_the_first_stored)
    duplicate = await send(client, register, form, key=key)
    retry = await send(client, register, form, key=key)

    assert duplicate.json()["data"]["accountRegister"]["token"] is None  # its own rebuilt answer
    assert retry.json() == lost and lost["data"]["accountRegister"]["token"]  # the whole one kept


async def test_a_failed_store_after_the_commit_still_sends_the_answer(
    client, clock: FakeClock, monkeypatch, caplog
) -> None:
    world = await make_world(clock)
    report_id = await submitted(client, world)
    hold = {"input": {"id": report_id, "reason": "Data belum lengkap."}}
    key = new_key()

    async def database_gone(claim: object, response: object) -> None:
        raise ConnectionError("the database went away")

    monkeypatch.setattr(idempotency, "store_response", database_gone)
    first = await send(client, op.HOLD, hold, token=world.admin.token, key=key)
    monkeypatch.undo()
    clock.advance(idempotency.REPLAY_GRACE)
    retry = await send(client, op.HOLD, hold, token=world.admin.token, key=key)

    assert first.status_code == 200
    assert first.json()["data"]["reportHold"]["report"]["status"] == "ON_HOLD"
    assert "storing an idempotent response failed" in caplog.text
    assert retry.json() == first.json() and retry.headers["Idempotent-Replayed"] == "true"
    assert await events_of(report_id, "hold") == 1


def test_the_key_problems_have_one_spelling() -> None:
    codes = [c.code for c in (KeyInvalid, KeyReused, KeyInUse, ResponseLost)]

    assert codes == [
        "IDEMPOTENCY_KEY_INVALID",
        "IDEMPOTENCY_KEY_REUSED",
        "IDEMPOTENCY_KEY_IN_USE",
        "IDEMPOTENCY_RESPONSE_LOST",
    ]
    assert '"IDEMPOTENCY_' not in inspect.getsource(http_idempotency)
