"""Bad input gets a clear code, changes nothing, and leaves no trace in the event log."""

from __future__ import annotations

import base64
from datetime import timedelta

from lapor_gql.clock import FakeClock
from lapor_gql.db.models import AccessToken, Report, ReportEvent
from lapor_gql.schema.ids import decode_id, encode_id

from . import operations as op
from .world import World, make_world


async def _submitted(gql, world: World) -> str:
    result = await gql(
        op.SUBMIT,
        {"input": {"title": "Sampah", "body": "Menumpuk.", "classification": "COMPLAINT"}},
        world.budi.token,
    )
    return result.data["reportSubmit"]["report"]["id"]


async def _fingerprint() -> tuple[list[tuple[object, ...]], int]:
    reports = (
        await Report.all().order_by("id").values_list("id", "status", "agency_id", "version", "deadline")
    )
    return reports, await ReportEvent.all().count()


async def test_blank_and_over_long_text_reports_every_field(gql, clock: FakeClock) -> None:
    world = await make_world(clock)
    result = await gql(
        op.SUBMIT,
        {"input": {"title": "   ", "body": "x" * 5001, "classification": "COMPLAINT", "latitude": 95.0}},
        world.budi.token,
        language="en",
    )
    errors = result.data["reportSubmit"]["errors"]
    assert {(e["field"], e["code"]) for e in errors} == {
        ("title", "REQUIRED"),
        ("body", "TOO_LONG"),
        ("longitude", "REQUIRED"),
        ("latitude", "INVALID"),
    }
    assert "At most 5000 characters." in [e["message"] for e in errors]
    assert result.data["reportSubmit"]["report"] is None
    assert await Report.all().count() == 0


async def test_missing_reasons_and_notes_are_refused(gql, clock: FakeClock) -> None:
    world = await make_world(clock)
    report_id = await _submitted(gql, world)
    before = await _fingerprint()

    hold = await gql(op.HOLD, {"input": {"id": report_id, "reason": ""}}, world.admin.token)
    archive = await gql(op.ARCHIVE, {"input": {"id": report_id, "reason": " \n "}}, world.admin.token)
    dispose = await gql(
        op.DISPOSE, {"input": {"id": report_id, "agencyId": encode_id("Agency", 999)}}, world.admin.token
    )

    too_long = await gql(op.HOLD, {"input": {"id": report_id, "reason": "x" * 2001}}, world.admin.token)

    assert hold.data["reportHold"]["errors"][0]["code"] == "REQUIRED"
    assert too_long.data["reportHold"]["errors"][0]["code"] == "TOO_LONG"
    assert archive.data["reportArchive"]["errors"][0]["field"] == "reason"
    assert dispose.data["reportDispose"]["errors"] == [
        {"field": "agencyId", "code": "NOT_FOUND", "message": "Data tidak ditemukan."}
    ]
    assert await _fingerprint() == before


async def test_rejecting_not_authority_needs_a_note_and_accepting_needs_another_agency(
    gql, clock: FakeClock
) -> None:
    world = await make_world(clock)
    report_id = await _submitted(gql, world)
    await gql(
        op.DISPOSE,
        {"input": {"id": report_id, "agencyId": encode_id("Agency", world.pu.id)}},
        world.admin.token,
    )
    await gql(
        op.REQUEST_NOT_AUTHORITY,
        {"input": {"id": report_id, "reason": "Bukan kami."}},
        world.pu_liaison.token,
    )
    before = await _fingerprint()

    reject = await gql(
        op.RESOLVE_NOT_AUTHORITY, {"input": {"id": report_id, "accept": False}}, world.admin.token
    )
    same = await gql(
        op.RESOLVE_NOT_AUTHORITY,
        {"input": {"id": report_id, "accept": True, "agencyId": encode_id("Agency", world.pu.id)}},
        world.admin.token,
    )
    missing = await gql(
        op.RESOLVE_NOT_AUTHORITY, {"input": {"id": report_id, "accept": True}}, world.admin.token
    )

    assert reject.data["reportResolveNotAuthority"]["errors"][0]["code"] == "REQUIRED"
    assert same.data["reportResolveNotAuthority"]["errors"][0]["code"] == "SAME_AGENCY"
    assert missing.data["reportResolveNotAuthority"]["errors"][0]["field"] == "agencyId"
    assert await _fingerprint() == before

    rejected = await gql(
        op.RESOLVE_NOT_AUTHORITY,
        {"input": {"id": report_id, "accept": False, "note": "Ini kewenangan PU."}},
        world.admin.token,
    )
    report = rejected.data["reportResolveNotAuthority"]["report"]
    assert (report["status"], report["agency"]["code"]) == ("DISPOSED", "PU")


async def test_wrong_state_is_action_not_available_and_changes_nothing(gql, clock: FakeClock) -> None:
    world = await make_world(clock)
    report_id = await _submitted(gql, world)
    before = await _fingerprint()

    close = await gql(
        op.CLOSE, {"input": {"id": report_id, "resolution": "Selesai."}}, world.pu_liaison.token
    )
    reopen = await gql(op.REOPEN, {"input": {"id": report_id, "reason": "Lagi."}}, world.admin.token)
    resume = await gql(op.RESUME, {"input": {"id": report_id}}, world.admin.token)

    assert close.data["reportClose"]["errors"][0]["code"] == "ACTION_NOT_AVAILABLE"
    assert reopen.data["reportReopen"]["errors"][0]["code"] == "ACTION_NOT_AVAILABLE"
    assert resume.data["reportResume"]["errors"][0]["code"] == "ACTION_NOT_AVAILABLE"
    assert await _fingerprint() == before


async def test_liaison_of_another_agency_cannot_act(gql, clock: FakeClock) -> None:
    world = await make_world(clock)
    report_id = await _submitted(gql, world)
    await gql(
        op.DISPOSE,
        {"input": {"id": report_id, "agencyId": encode_id("Agency", world.pu.id)}},
        world.admin.token,
    )
    before = await _fingerprint()

    result = await gql(
        op.FOLLOW_UP,
        {"input": {"id": report_id, "message": "Bukan urusan saya."}},
        world.dinkes_liaison.token,
    )

    assert result.data["reportFollowUp"]["errors"][0]["code"] == "ACTION_NOT_AVAILABLE"
    assert await _fingerprint() == before


async def test_wrong_role_is_a_top_level_forbidden(gql, clock: FakeClock) -> None:
    world = await make_world(clock)
    report_id = await _submitted(gql, world)
    before = await _fingerprint()

    by_liaison = await gql(
        op.DISPOSE,
        {"input": {"id": report_id, "agencyId": encode_id("Agency", world.pu.id)}},
        world.pu_liaison.token,
    )
    by_analyst = await gql(op.HOLD, {"input": {"id": report_id, "reason": "x"}}, world.analyst.token)
    by_nobody = await gql(op.HOLD, {"input": {"id": report_id, "reason": "x"}})
    admin_submits = await gql(
        op.SUBMIT, {"input": {"title": "t", "body": "b", "classification": "COMPLAINT"}}, world.admin.token
    )

    assert by_liaison.error_codes == ["FORBIDDEN"]
    assert by_analyst.error_codes == ["FORBIDDEN"]
    assert by_nobody.error_codes == ["UNAUTHENTICATED"]
    assert admin_submits.error_codes == ["FORBIDDEN"]
    assert await _fingerprint() == before


async def test_unknown_and_malformed_ids(gql, clock: FakeClock) -> None:
    world = await make_world(clock)
    await _submitted(gql, world)
    before = await _fingerprint()

    unknown = await gql(
        op.HOLD, {"input": {"id": encode_id("Report", 4242), "reason": "x"}}, world.admin.token
    )
    wrong_type = await gql(
        op.HOLD, {"input": {"id": encode_id("Agency", world.pu.id), "reason": "x"}}, world.admin.token
    )
    garbage = await gql(op.HOLD, {"input": {"id": "not-an-id", "reason": "x"}}, world.admin.token)
    query = await gql(op.REPORT_TIMELINE, {"id": "%%%"}, world.admin.token)

    assert unknown.data["reportHold"]["errors"][0]["code"] == "NOT_FOUND"
    assert wrong_type.data["reportHold"]["errors"][0]["code"] == "INVALID"
    assert garbage.data["reportHold"]["errors"] == [
        {"field": "id", "code": "INVALID", "message": "Nilai tidak valid."}
    ]
    assert query.error_codes == ["INVALID"]
    assert await _fingerprint() == before


async def test_malformed_tracking_numbers(gql, clock: FakeClock) -> None:
    world = await make_world(clock)
    report_id = await _submitted(gql, world)
    report = await Report.get(id=decode_id(report_id, "Report"))

    malformed = await gql(op.REPORT_BY_TRACKING_NUMBER, {"trackingNumber": "LPR-2026-../../"})
    unknown = await gql(op.REPORT_BY_TRACKING_NUMBER, {"trackingNumber": "LPR-2026-ZZZZZZ"})
    lowercase = await gql(op.REPORT_BY_TRACKING_NUMBER, {"trackingNumber": report.tracking_number.lower()})

    assert malformed.error_codes == ["INVALID"]
    assert unknown.data["reportByTrackingNumber"] is None
    assert lowercase.data["reportByTrackingNumber"]["title"] == "Sampah"


async def test_expired_forged_and_malformed_tokens_get_401(client, gql, clock: FakeClock) -> None:
    await make_world(clock)

    forged = await gql(op.ME, token="forged-token-value")
    assert (forged.status_code, forged.error_codes) == (401, ["TOKEN_INVALID"])

    malformed = await client.post("/graphql", json={"query": op.ME}, headers={"Authorization": "Basic abc"})
    assert malformed.status_code == 401

    login = await gql(
        op.TOKEN_CREATE, {"input": {"email": "budi@lapor.test", "password": "correct horse battery"}}
    )
    token = login.data["tokenCreate"]["token"]
    clock.advance(timedelta(hours=12))
    assert (await gql(op.ME, token=token)).status_code == 401  # expiry is exclusive
    clock.advance(timedelta(seconds=-1))
    assert (await gql(op.ME, token=token)).data["me"]["email"] == "budi@lapor.test"
    clock.advance(timedelta(seconds=2))
    expired = await gql(op.ME, token=token)
    assert (expired.status_code, expired.error_codes) == (401, ["TOKEN_EXPIRED"])
    assert await AccessToken.all().count() == 8  # the world's seven and the one login


async def test_wrong_password_and_unknown_email_fail_alike(gql, clock: FakeClock) -> None:
    await make_world(clock)

    wrong = await gql(op.TOKEN_CREATE, {"input": {"email": "budi@lapor.test", "password": "nope"}})
    unknown = await gql(op.TOKEN_CREATE, {"input": {"email": "nobody@lapor.test", "password": "nope"}})

    assert wrong.data["tokenCreate"] == unknown.data["tokenCreate"]
    assert wrong.data["tokenCreate"]["errors"][0]["code"] == "INVALID_CREDENTIALS"


async def test_page_size_is_capped_and_depth_is_limited(gql, clock: FakeClock) -> None:
    await make_world(clock)

    too_many = await gql(op.REPORTS, {"first": 101})
    deep = await gql(
        "query Deep { reports { edges { node { agency { parent { parent { parent { parent"
        " { parent { parent { parent { name } } } } } } } } } } } }"
    )

    assert too_many.error_codes == ["INVALID"]
    assert "exceeds maximum operation depth" in deep.body["errors"][0]["message"]


async def test_unexpected_errors_are_masked_outside_development(gql, clock: FakeClock, monkeypatch) -> None:
    world = await make_world(clock)

    async def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("database password is hunter2")

    monkeypatch.setattr("lapor_gql.domain.reports.submit_report", broken)
    draft = {"input": {"title": "t", "body": "b", "classification": "COMPLAINT"}}

    monkeypatch.setenv("LAPOR_ENV", "development")
    revealed = await gql(op.SUBMIT, draft, world.budi.token)
    monkeypatch.setenv("LAPOR_ENV", "production")
    masked = await gql(op.SUBMIT, draft, world.budi.token)
    forbidden = await gql(op.SUBMIT, draft, world.admin.token)

    assert "hunter2" in revealed.body["errors"][0]["message"]
    assert masked.body["errors"][0]["message"] == "Unexpected error."
    assert "hunter2" not in str(masked.body)
    assert forbidden.error_codes == ["FORBIDDEN"]  # expected errors keep their code when masking


async def test_ids_and_cursors_out_of_range_are_invalid_not_crashes(gql, clock: FakeClock) -> None:
    world = await make_world(clock)
    report_id = await _submitted(gql, world)
    huge = encode_id("Report", 10**20)
    before = await _fingerprint()

    mutation = await gql(op.HOLD, {"input": {"id": huge, "reason": "x"}}, world.admin.token)
    agency = await gql(
        op.DISPOSE, {"input": {"id": report_id, "agencyId": encode_id("Agency", 2**31)}}, world.admin.token
    )
    query = await gql(op.REPORT_TIMELINE, {"id": huge}, world.admin.token)
    node = await gql(op.NODE, {"id": encode_id("Report", "abc")}, world.admin.token)  # type: ignore[arg-type]
    node_huge = await gql(op.NODE, {"id": huge}, world.admin.token)
    cursor = await gql(op.REPORTS, {"after": base64.b64encode(b"report:99999999999999999999").decode()})

    assert mutation.data["reportHold"]["errors"][0]["code"] == "INVALID"
    assert agency.data["reportDispose"]["errors"][0] == {
        "field": "agencyId",
        "code": "INVALID",
        "message": "Nilai tidak valid.",
    }
    assert query.error_codes == ["INVALID"]
    assert node.error_codes == node_huge.error_codes == ["INVALID"]  # like report(id:)
    assert cursor.error_codes == ["INVALID"]
    assert await _fingerprint() == before


async def test_text_that_cannot_be_stored_is_invalid(gql, clock: FakeClock) -> None:
    world = await make_world(clock)
    before = await _fingerprint()

    submitted = await gql(
        op.SUBMIT,
        {"input": {"title": "a\ud800b", "body": "nul\u0000byte", "classification": "COMPLAINT"}},
        world.budi.token,
    )
    invisible = await gql(
        op.SUBMIT,
        {"input": {"title": "\u200b\u200b", "body": "isi", "classification": "COMPLAINT"}},
        world.budi.token,
    )
    login = await gql(op.TOKEN_CREATE, {"input": {"email": "budi@lapor.test\u0000", "password": "x\ud800"}})
    search = await gql(op.REPORTS, {"filter": {"titleContains": "a\u0000"}})

    assert {(e["field"], e["code"]) for e in submitted.data["reportSubmit"]["errors"]} == {
        ("title", "INVALID"),
        ("body", "INVALID"),
    }
    assert invisible.data["reportSubmit"]["errors"][0]["code"] == "REQUIRED"
    assert login.data["tokenCreate"]["errors"][0]["code"] == "INVALID_CREDENTIALS"
    assert search.error_codes == ["INVALID"]
    assert await _fingerprint() == before
