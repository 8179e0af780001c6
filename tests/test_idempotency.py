"""Retries that cannot record twice: the ``Idempotency-Key`` header on every mutation.

A client that lost its connection retries with the same key and gets the first outcome back, with
nothing recorded twice: whether the response was lost on the way (it was stored), or the server was
cut off between commit and response (the answer is rebuilt from what was recorded).
"""

from __future__ import annotations

import asyncio
import uuid
from datetime import timedelta
from typing import Any

import httpx
import pytest

from lapor_gql.clock import FakeClock
from lapor_gql.db.models import IdempotencyKey, Report, ReportEvent
from lapor_gql.schema.ids import encode_id

from . import operations as op
from .world import World, make_world

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

    bodies = [r.json()["data"]["reportDispose"] for r in responses]
    assert all(r.status_code == 200 for r in responses)
    assert [(b["report"]["status"], b["errors"]) for b in bodies] == [("DISPOSED", [])] * 4
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
