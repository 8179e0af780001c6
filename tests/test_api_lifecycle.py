"""A whole report lifecycle through GraphQL, as the README walks it in GraphiQL."""

from __future__ import annotations

from datetime import timedelta

from lapor_gql.clock import FakeClock
from lapor_gql.schema.ids import encode_id

from . import operations as op
from .world import make_world


async def test_submit_dispose_not_authority_redispose_follow_up_reply_close_reopen_close(
    gql, clock: FakeClock
) -> None:
    world = await make_world(clock)

    submitted = await gql(
        op.SUBMIT,
        {
            "input": {
                "title": "Jalan berlubang di Jl. Soekarno-Hatta",
                "body": "Lubang besar dekat simpang.",
                "classification": "COMPLAINT",
                "category": "Infrastruktur",
                "locationText": "Pangkalpinang",
                "latitude": -2.13,
                "longitude": 106.11,
                "incidentDate": "2026-03-01",
            }
        },
        world.budi.token,
    )
    report = submitted.data["reportSubmit"]["report"]
    assert submitted.data["reportSubmit"]["errors"] == []
    assert report["status"] == "SUBMITTED"
    assert report["statusLabel"] == "Belum Terverifikasi"
    assert report["trackingNumber"].startswith("LPR-2026-")
    assert report["availableActions"] == []  # the reporter waits for the admin
    assert report["deadline"] == "2026-03-05T08:00:00+00:00"  # the admin's verification deadline
    report_id = report["id"]

    admin_view = await gql(op.REPORT_TIMELINE, {"id": report_id}, world.admin.token)
    assert admin_view.data["report"]["status"] == "SUBMITTED"

    disposed = await gql(
        op.DISPOSE,
        {
            "input": {
                "id": report_id,
                "agencyId": encode_id("Agency", world.dinkes.id),
                "note": "Mohon dicek.",
            }
        },
        world.admin.token,
    )
    report = disposed.data["reportDispose"]["report"]
    assert report["status"] == "DISPOSED"
    assert report["agency"]["code"] == "DINKES"
    assert report["deadline"] == "2026-03-05T08:00:00+00:00"

    liaison_view = await gql(op.REPORT_TIMELINE, {"id": report_id}, world.dinkes_liaison.token)
    assert liaison_view.data["report"]["timeline"][-1]["internalNote"] == "Mohon dicek."

    clock.advance(timedelta(hours=5))
    requested = await gql(
        op.REQUEST_NOT_AUTHORITY,
        {
            "input": {
                "id": report_id,
                "reason": "Jalan provinsi adalah kewenangan Dinas PU.",
                "suggestedAgencyId": encode_id("Agency", world.pu.id),
            }
        },
        world.dinkes_liaison.token,
    )
    report = requested.data["reportRequestNotAuthority"]["report"]
    assert report["status"] == "NOT_AUTHORITY_REQUESTED"
    assert report["availableActions"] == []
    # The admin deciding sees which agency the liaison suggested; the reporter does not.
    suggestion = "query Suggested($id: ID!) { report(id: $id) { timeline { suggestedAgency { code } } } }"
    admin_sees = await gql(suggestion, {"id": report_id}, world.admin.token)
    reporter_sees = await gql(suggestion, {"id": report_id}, world.budi.token)
    assert admin_sees.data["report"]["timeline"][-1]["suggestedAgency"] == {"code": "PU"}
    assert reporter_sees.data["report"]["timeline"][-1]["suggestedAgency"] is None

    clock.advance(timedelta(days=1))
    redisposed = await gql(
        op.RESOLVE_NOT_AUTHORITY,
        {
            "input": {
                "id": report_id,
                "accept": True,
                "agencyId": encode_id("Agency", world.pu.id),
                "note": "Setuju.",
            }
        },
        world.admin.token,
    )
    report = redisposed.data["reportResolveNotAuthority"]["report"]
    assert report["status"] == "DISPOSED"
    assert report["agency"]["code"] == "PU"
    assert report["deadline"] == "2026-03-06T13:00:00+00:00"  # restarted from the re-disposition

    old_liaison = await gql(op.REPORT_TIMELINE, {"id": report_id}, world.dinkes_liaison.token)
    assert old_liaison.data["report"]["timeline"][-1]["internalNote"] is None

    followed = await gql(
        op.FOLLOW_UP,
        {"input": {"id": report_id, "message": "Tim akan menambal minggu ini."}},
        world.pu_liaison.token,
    )
    report = followed.data["reportFollowUp"]["report"]
    assert report["status"] == "IN_PROGRESS"
    assert report["deadline"] is None

    reporter_view = await gql(op.REPORT_TIMELINE, {"id": report_id}, world.budi.token)
    answers = [e["message"] for e in reporter_view.data["report"]["timeline"] if e["action"] == "follow_up"]
    assert answers == ["Tim akan menambal minggu ini."]  # the reporter sees the answer at once

    replied = await gql(
        op.REPLY, {"input": {"id": report_id, "message": "Terima kasih, ditunggu."}}, world.budi.token
    )
    assert replied.data["reportReply"]["report"]["status"] == "IN_PROGRESS"
    assert replied.data["reportReply"]["report"]["availableActions"] == []

    pu_view = await gql(op.REPORT_TIMELINE, {"id": report_id}, world.pu_liaison.token)
    assert pu_view.data["report"]["status"] == "IN_PROGRESS"

    closed = await gql(
        op.CLOSE, {"input": {"id": report_id, "resolution": "Lubang sudah ditambal."}}, world.pu_liaison.token
    )
    report = closed.data["reportClose"]["report"]
    assert report["status"] == "CLOSED"
    assert report["statusLabel"] == "Selesai"

    clock.advance(timedelta(days=2))
    reopened = await gql(
        op.REOPEN,
        {"input": {"id": report_id, "reason": "Lubang muncul lagi setelah hujan."}},
        world.budi.token,
    )
    assert reopened.error_codes == ["FORBIDDEN"]  # a citizen may not reopen

    reopened = await gql(
        op.REOPEN,
        {"input": {"id": report_id, "reason": "Lubang muncul lagi setelah hujan."}},
        world.admin.token,
    )
    report = reopened.data["reportReopen"]["report"]
    assert report["status"] == "DISPOSED"
    # A fresh deadline from the reopen (Thursday): 3 working days, over the weekend, is Tuesday.
    assert report["deadline"] == "2026-03-10T13:00:00+00:00"

    closed_again = await gql(
        op.CLOSE,
        {"input": {"id": report_id, "resolution": "Ditambal ulang dengan aspal panas."}},
        world.pu_liaison.token,
    )
    assert closed_again.data["reportClose"]["report"]["status"] == "CLOSED"

    history = await gql(op.REPORT_TIMELINE, {"id": report_id}, world.admin.token)
    assert [(e["action"], e["toStatus"]) for e in history.data["report"]["timeline"]] == [
        ("submit", "SUBMITTED"),
        ("dispose", "DISPOSED"),
        ("request_not_authority", "NOT_AUTHORITY_REQUESTED"),
        ("resolve_not_authority", "DISPOSED"),
        ("follow_up", "IN_PROGRESS"),
        ("reply", "IN_PROGRESS"),
        ("close", "CLOSED"),
        ("reopen", "DISPOSED"),
        ("close", "CLOSED"),
    ]


async def test_liaison_may_follow_up_again_while_waiting_for_the_reporter(gql, clock: FakeClock) -> None:
    world = await make_world(clock)
    submitted = await gql(
        op.SUBMIT,
        {"input": {"title": "Sampah", "body": "Menumpuk.", "classification": "COMPLAINT"}},
        world.siti.token,
    )
    report_id = submitted.data["reportSubmit"]["report"]["id"]
    await gql(
        op.DISPOSE,
        {"input": {"id": report_id, "agencyId": encode_id("Agency", world.pu.id)}},
        world.admin.token,
    )
    first = await gql(
        op.FOLLOW_UP, {"input": {"id": report_id, "message": "Dijadwalkan."}}, world.pu_liaison.token
    )
    assert set(op.action_codes(first.data["reportFollowUp"]["report"])) == {
        "follow_up",
        "close",
        "request_not_authority",
    }

    second = await gql(
        op.FOLLOW_UP, {"input": {"id": report_id, "message": "Sudah diangkut."}}, world.pu_liaison.token
    )
    assert second.data["reportFollowUp"]["errors"] == []
    assert second.data["reportFollowUp"]["report"]["status"] == "IN_PROGRESS"


async def test_hold_resume_and_archive(gql, clock: FakeClock) -> None:
    world = await make_world(clock)
    submitted = await gql(
        op.SUBMIT,
        {"input": {"title": "Pungutan", "body": "Tidak jelas.", "classification": "COMPLAINT"}},
        world.budi.token,
    )
    report_id = submitted.data["reportSubmit"]["report"]["id"]

    held = await gql(op.HOLD, {"input": {"id": report_id, "reason": "Menunggu bukti."}}, world.admin.token)
    assert held.data["reportHold"]["report"]["status"] == "ON_HOLD"
    assert held.data["reportHold"]["report"]["statusLabel"] == "Ditunda"
    assert set(op.action_codes(held.data["reportHold"]["report"])) == {"resume", "archive"}

    resumed = await gql(op.RESUME, {"input": {"id": report_id}}, world.admin.token)
    assert resumed.data["reportResume"]["report"]["status"] == "SUBMITTED"

    archived = await gql(
        op.ARCHIVE, {"input": {"id": report_id, "reason": "Terlalu umum."}}, world.admin.token
    )
    assert archived.data["reportArchive"]["report"]["status"] == "ARCHIVED"
    assert archived.data["reportArchive"]["report"]["availableActions"] == []


async def test_labels_follow_accept_language(gql, clock: FakeClock) -> None:
    world = await make_world(clock)
    submitted = await gql(
        op.SUBMIT,
        {"input": {"title": "Sampah", "body": "Menumpuk.", "classification": "COMPLAINT"}},
        world.siti.token,
        language="en-US",
    )
    assert submitted.data["reportSubmit"]["report"]["statusLabel"] == "Awaiting verification"


async def test_login_and_me(gql, clock: FakeClock) -> None:
    world = await make_world(clock)
    login = await gql(
        op.TOKEN_CREATE, {"input": {"email": "pu_liaison@lapor.test", "password": "correct horse battery"}}
    )
    token = login.data["tokenCreate"]["token"]
    assert login.data["tokenCreate"]["user"] == {"name": "Pu Liaison", "role": "LIAISON"}

    me = await gql(op.ME, token=token)
    assert me.data["me"] == {
        "name": "Pu Liaison",
        "email": "pu_liaison@lapor.test",
        "role": "LIAISON",
        "agency": {"code": "PU"},
    }
    assert world.pu_liaison.user.email == "pu_liaison@lapor.test"

    anonymous = await gql(op.ME)
    assert anonymous.data["me"] is None
