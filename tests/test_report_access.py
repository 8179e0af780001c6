"""Reporting without an account: the access code, and what it lets its holder do (and nothing more)."""

from __future__ import annotations

from datetime import timedelta

from lapor_gql.clock import FakeClock
from lapor_gql.db.models import ReportAccessToken
from lapor_gql.schema.ids import encode_id

from . import operations as op
from .world import make_world

SUBMIT_WITHOUT_ACCOUNT = """
mutation SubmitWithoutAccount($input: ReportSubmitInput!) {
  reportSubmit(input: $input) {
    accessCode
    report { id trackingNumber status reporter { name } timeline { action actorRole actor { name } } }
    errors { field code message }
  }
}
"""

ACCESS = """
mutation FollowMyReport($input: ReportAccessTokenCreateInput!) {
  reportAccessTokenCreate(input: $input) { token expiresAt report { id title } errors { field code message } }
}
"""


async def _submit_without_account(gql, **flags: bool) -> dict:
    result = await gql(
        SUBMIT_WITHOUT_ACCOUNT,
        {
            "input": {
                "title": "Pungli di kelurahan",
                "body": "Diminta uang.",
                "classification": "COMPLAINT",
                **flags,
            }
        },
    )
    return result.data["reportSubmit"]


async def test_without_an_account_the_reporter_gets_an_access_code_once(gql, clock: FakeClock) -> None:
    await make_world(clock)

    submitted = await _submit_without_account(gql)

    assert submitted["errors"] == []
    assert len(submitted["accessCode"].replace("-", "")) == 12
    report = submitted["report"]
    assert (report["status"], report["reporter"]) == ("SUBMITTED", None)
    assert report["timeline"] == [{"action": "submit", "actorRole": "REPORTER", "actor": None}]

    again = await gql(op.REPORT_BY_TRACKING_NUMBER, {"trackingNumber": report["trackingNumber"]})
    assert "accessCode" not in str(again.body)


async def test_wrong_code_and_unknown_number_fail_alike(gql, clock: FakeClock) -> None:
    await make_world(clock)
    submitted = await _submit_without_account(gql)
    number = submitted["report"]["trackingNumber"]

    wrong_code = await gql(ACCESS, {"input": {"trackingNumber": number, "accessCode": "AAAA-BBBB-CCCC"}})
    unknown = await gql(
        ACCESS, {"input": {"trackingNumber": "LPR-2026-ZZZZZZ", "accessCode": submitted["accessCode"]}}
    )

    assert wrong_code.data == unknown.data
    assert wrong_code.data["reportAccessTokenCreate"]["errors"][0]["code"] == "ACCESS_CODE_INVALID"
    assert await ReportAccessToken.all().count() == 0


async def test_the_code_holder_follows_and_replies_to_a_confidential_report(gql, clock: FakeClock) -> None:
    world = await make_world(clock)
    submitted = await _submit_without_account(gql, isConfidential=True)
    report_id, number = submitted["report"]["id"], submitted["report"]["trackingNumber"]
    code = submitted["accessCode"].lower().replace("-", " ")  # typed casually, still accepted

    granted = await gql(ACCESS, {"input": {"trackingNumber": number.lower(), "accessCode": code}})
    token = granted.data["reportAccessTokenCreate"]["token"]
    assert granted.data["reportAccessTokenCreate"]["report"]["id"] == report_id

    assert (await gql(op.REPORT_TIMELINE, {"id": report_id})).data[
        "report"
    ] is None  # the public sees nothing
    assert (await gql(op.REPORT_TIMELINE, {"id": report_id}, token)).data["report"]["status"] == "SUBMITTED"

    await gql(
        op.DISPOSE,
        {"input": {"id": report_id, "agencyId": encode_id("Agency", world.pu.id)}},
        world.admin.token,
    )
    await gql(op.FOLLOW_UP, {"input": {"id": report_id, "message": "Kami periksa."}}, world.pu_liaison.token)
    replied = await gql(op.REPLY, {"input": {"id": report_id, "message": "Terima kasih."}}, token)

    assert replied.data["reportReply"]["errors"] == []
    timeline = (await gql(op.REPORT_TIMELINE, {"id": report_id}, world.admin.token)).data["report"][
        "timeline"
    ]
    assert [(e["action"], e["actorRole"], e["actor"]) for e in timeline][-1] == ("reply", "REPORTER", None)


async def test_the_code_holder_can_do_nothing_else(gql, clock: FakeClock) -> None:
    world = await make_world(clock)
    mine = await _submit_without_account(gql)
    other = await _submit_without_account(gql, isConfidential=True)
    granted = await gql(
        ACCESS,
        {"input": {"trackingNumber": mine["report"]["trackingNumber"], "accessCode": mine["accessCode"]}},
    )
    token = granted.data["reportAccessTokenCreate"]["token"]
    other_id = other["report"]["id"]

    sees_other = await gql(op.REPORT_TIMELINE, {"id": other_id}, token)
    listed = await gql(op.REPORTS, {"first": 100}, token)
    reply_other = await gql(op.REPLY, {"input": {"id": other_id, "message": "Halo"}}, token)
    dispose = await gql(
        op.DISPOSE,
        {"input": {"id": mine["report"]["id"], "agencyId": encode_id("Agency", world.pu.id)}},
        token,
    )
    me = await gql(op.ME, token=token)

    assert sees_other.data["report"] is None
    assert other_id not in [e["node"]["id"] for e in listed.data["reports"]["edges"]]
    assert reply_other.data["reportReply"]["errors"][0]["code"] == "NOT_FOUND"
    assert dispose.error_codes == ["FORBIDDEN"]
    assert me.data["me"] is None


async def test_a_report_token_expires(gql, clock: FakeClock) -> None:
    await make_world(clock)
    mine = await _submit_without_account(gql)
    granted = await gql(
        ACCESS,
        {"input": {"trackingNumber": mine["report"]["trackingNumber"], "accessCode": mine["accessCode"]}},
    )
    token = granted.data["reportAccessTokenCreate"]["token"]

    clock.advance(timedelta(hours=12))
    expired = await gql(op.REPORT_TIMELINE, {"id": mine["report"]["id"]}, token)
    forged = await gql(op.REPORT_TIMELINE, {"id": mine["report"]["id"]}, "r.forged")

    assert (expired.status_code, expired.error_codes) == (401, ["TOKEN_EXPIRED"])
    assert (forged.status_code, forged.error_codes) == (401, ["TOKEN_INVALID"])


async def test_guessing_access_codes_is_throttled_per_report(gql, clock: FakeClock) -> None:
    await make_world(clock)
    mine = await _submit_without_account(gql)
    number, code = mine["report"]["trackingNumber"], mine["accessCode"]

    for _ in range(5):
        await gql(ACCESS, {"input": {"trackingNumber": number, "accessCode": "AAAA-BBBB-CCCC"}})
    locked = await gql(ACCESS, {"input": {"trackingNumber": number, "accessCode": code}})
    unknown_locked = [
        await gql(ACCESS, {"input": {"trackingNumber": "LPR-2026-ZZZZZZ", "accessCode": "X"}})
        for _ in range(6)
    ][-1]

    assert locked.data["reportAccessTokenCreate"]["errors"][0]["code"] == "TOO_MANY_ATTEMPTS"
    assert unknown_locked.data["reportAccessTokenCreate"]["errors"][0]["code"] == "TOO_MANY_ATTEMPTS"

    clock.advance(timedelta(minutes=15, seconds=1))
    again = await gql(ACCESS, {"input": {"trackingNumber": number, "accessCode": code}})
    assert again.data["reportAccessTokenCreate"]["token"].startswith("r.")


STOP_FOLLOWING = """
mutation StopFollowing($input: ReportAccessTokenRevokeInput!) {
  reportAccessTokenRevoke(input: $input) { revoked errors { field code message } }
}
"""

READ_REPORT = "query ReadFollowedReport($id: ID!) { report(id: $id) { title } }"


async def test_the_code_holder_stops_following_and_the_token_ends(gql, clock: FakeClock) -> None:
    await make_world(clock)
    submitted = await _submit_without_account(gql, isConfidential=True)
    report_id, number = submitted["report"]["id"], submitted["report"]["trackingNumber"]
    access = {"trackingNumber": number, "accessCode": submitted["accessCode"]}
    token = (await gql(ACCESS, {"input": access})).data["reportAccessTokenCreate"]["token"]
    other_token = (await gql(ACCESS, {"input": access})).data["reportAccessTokenCreate"]["token"]

    someone_elses = await gql(STOP_FOLLOWING, {"input": {"reportId": encode_id("Report", 999)}}, token=token)
    anonymous = await gql(STOP_FOLLOWING, {"input": {"reportId": report_id}})
    stopped = await gql(STOP_FOLLOWING, {"input": {"reportId": report_id}}, token=token)

    assert someone_elses.data["reportAccessTokenRevoke"]["errors"][0]["code"] == "NOT_FOUND"
    assert anonymous.data["reportAccessTokenRevoke"]["errors"][0]["code"] == "NOT_FOUND"
    assert stopped.data["reportAccessTokenRevoke"] == {"revoked": True, "errors": []}
    after = await gql(READ_REPORT, {"id": report_id}, token=token)
    assert after.status_code == 401
    # Only the token it was sent with: the same report followed in another browser goes on.
    still = await gql(READ_REPORT, {"id": report_id}, token=other_token)
    assert still.data["report"] == {"title": "Pungli di kelurahan"}
