"""Confidential reports and anonymous reporters, checked on every read path that exists."""

from __future__ import annotations

from lapor_gql.clock import FakeClock
from lapor_gql.db.models import Report
from lapor_gql.schema.ids import encode_id

from . import operations as op
from . import sample_files
from .world import World, make_world


async def _report(gql, world: World, **flags: bool) -> tuple[str, str]:
    submitted = await gql(
        op.SUBMIT,
        {"input": {"title": "Dugaan pungli", "body": "Rahasia.", "classification": "COMPLAINT", **flags}},
        world.siti.token,
    )
    report = submitted.data["reportSubmit"]["report"]
    await gql(
        op.DISPOSE,
        {"input": {"id": report["id"], "agencyId": encode_id("Agency", world.dinkes.id)}},
        world.admin.token,
    )
    return report["id"], report["trackingNumber"]


async def _sees(
    gql, token: str | None, report_id: str, tracking_number: str, agency_id: str
) -> dict[str, bool]:
    """Whether the report shows up on each read path for this viewer."""
    by_id = await gql(op.REPORT_TIMELINE, {"id": report_id}, token)
    by_node = await gql(op.NODE, {"id": report_id}, token)
    by_number = await gql(op.REPORT_BY_TRACKING_NUMBER, {"trackingNumber": tracking_number}, token)
    listed = await gql(op.REPORTS, {"first": 100}, token)
    filtered = await gql(op.REPORTS, {"filter": {"titleContains": "pungli", "status": ["DISPOSED"]}}, token)
    by_agency = await gql(op.REPORTS, {"filter": {"agencyId": agency_id}}, token)
    return {
        "report": by_id.data["report"] is not None,
        "node": by_node.data["node"] is not None,
        "reportByTrackingNumber": by_number.data["reportByTrackingNumber"] is not None,
        "reports": any(e["node"]["id"] == report_id for e in listed.data["reports"]["edges"]),
        "reports(filter)": any(e["node"]["id"] == report_id for e in filtered.data["reports"]["edges"]),
        "reports(agency)": any(e["node"]["id"] == report_id for e in by_agency.data["reports"]["edges"]),
    }


async def test_confidential_report_is_seen_only_by_reporter_admin_and_handling_liaison(
    gql, clock: FakeClock
) -> None:
    world = await make_world(clock)
    report_id, number = await _report(gql, world, isConfidential=True)
    dinkes = encode_id("Agency", world.dinkes.id)

    everywhere = dict.fromkeys(
        ["report", "node", "reportByTrackingNumber", "reports", "reports(filter)", "reports(agency)"], True
    )
    nowhere = dict.fromkeys(everywhere, False)
    assert await _sees(gql, world.siti.token, report_id, number, dinkes) == everywhere
    assert await _sees(gql, world.admin.token, report_id, number, dinkes) == everywhere
    assert await _sees(gql, world.dinkes_liaison.token, report_id, number, dinkes) == everywhere
    assert await _sees(gql, None, report_id, number, dinkes) == nowhere
    assert await _sees(gql, world.budi.token, report_id, number, dinkes) == nowhere
    assert await _sees(gql, world.pu_liaison.token, report_id, number, dinkes) == nowhere
    assert await _sees(gql, world.analyst.token, report_id, number, dinkes) == nowhere

    # Once re-disposed, the former agency loses sight of it.
    await gql(
        op.REQUEST_NOT_AUTHORITY,
        {"input": {"id": report_id, "reason": "Bukan kami."}},
        world.dinkes_liaison.token,
    )
    await gql(
        op.RESOLVE_NOT_AUTHORITY,
        {"input": {"id": report_id, "accept": True, "agencyId": encode_id("Agency", world.pu.id)}},
        world.admin.token,
    )
    pu = encode_id("Agency", world.pu.id)
    assert await _sees(gql, world.dinkes_liaison.token, report_id, number, pu) == nowhere
    assert await _sees(gql, world.pu_liaison.token, report_id, number, pu) == everywhere


async def test_acting_on_an_invisible_report_looks_like_an_unknown_one(gql, clock: FakeClock) -> None:
    world = await make_world(clock)
    report_id, _ = await _report(gql, world, isConfidential=True)

    result = await gql(op.REPLY, {"input": {"id": report_id, "message": "Halo"}}, world.budi.token)
    unknown = await gql(
        op.REPLY, {"input": {"id": encode_id("Report", 9999), "message": "Halo"}}, world.budi.token
    )

    assert result.data["reportReply"]["errors"] == unknown.data["reportReply"]["errors"]


async def test_anonymous_reporter_is_hidden_from_agency_and_public(gql, clock: FakeClock) -> None:
    world = await make_world(clock)
    report_id, number = await _report(gql, world, isAnonymous=True)
    await gql(
        op.FOLLOW_UP,
        {"input": {"id": report_id, "message": "Kami tindak lanjuti."}},
        world.dinkes_liaison.token,
    )
    await gql(op.REPLY, {"input": {"id": report_id, "message": "Terima kasih."}}, world.siti.token)

    for viewer in (
        None,
        world.dinkes_liaison.token,
        world.pu_liaison.token,
        world.budi.token,
        world.analyst.token,
    ):
        detail = await gql(op.REPORT_TIMELINE, {"id": report_id}, viewer)
        report = detail.data["report"]
        assert report["reporter"] is None
        reporter_entries = [e for e in report["timeline"] if e["actorRole"] == "CITIZEN"]
        assert [e["action"] for e in reporter_entries] == ["submit", "reply"]
        assert all(e["actor"] is None for e in reporter_entries)

        listed = await gql(op.REPORTS, {"first": 10}, viewer)
        assert all(e["node"]["reporter"] is None for e in listed.data["reports"]["edges"])
        node = await gql(op.NODE, {"id": report_id}, viewer)
        assert node.data["node"]["reporter"] is None

    for viewer in (world.admin.token, world.siti.token):
        detail = await gql(op.REPORT_TIMELINE, {"id": report_id}, viewer)
        assert detail.data["report"]["reporter"] == {"name": "Siti"}


async def test_public_sees_answers_but_no_internal_notes_or_officer_names(gql, clock: FakeClock) -> None:
    world = await make_world(clock)
    submitted = await gql(
        op.SUBMIT,
        {"input": {"title": "Sampah", "body": "Menumpuk.", "classification": "COMPLAINT"}},
        world.budi.token,
    )
    report_id = submitted.data["reportSubmit"]["report"]["id"]
    await gql(
        op.DISPOSE,
        {
            "input": {
                "id": report_id,
                "agencyId": encode_id("Agency", world.pu.id),
                "note": "Catatan internal.",
            }
        },
        world.admin.token,
    )
    await gql(
        op.FOLLOW_UP, {"input": {"id": report_id, "message": "Sudah diangkut."}}, world.pu_liaison.token
    )

    public = await gql(op.REPORT_TIMELINE, {"id": report_id})
    timeline = public.data["report"]["timeline"]
    assert [e["action"] for e in timeline] == ["submit", "dispose", "follow_up"]
    assert all(e["internalNote"] is None for e in timeline)
    assert timeline[2]["message"] == "Sudah diangkut."
    assert [e["actor"] for e in timeline] == [{"name": "Budi"}, None, None]
    assert public.data["report"]["reporter"] == {"name": "Budi"}

    handling = await gql(op.REPORT_TIMELINE, {"id": report_id}, world.pu_liaison.token)
    assert handling.data["report"]["timeline"][1]["internalNote"] == "Catatan internal."
    assert await Report.all().count() == 1


# --- attachments -------------------------------------------------------------------------------

FILES = """
query PrivacyFiles($id: ID!) {
  report(id: $id) { attachments { id url } timeline { action attachments { id url } } }
}
"""
FILE_BY_NODE = "query PrivacyFile($id: ID!) { node(id: $id) { ... on Attachment { id url } } }"


async def test_an_anonymous_reporters_photo_tells_nobody_where_it_was_taken(
    gql, client, clock: FakeClock
) -> None:
    world = await make_world(clock)
    photo = sample_files.camera_jpeg((800, 600))
    submitted = await gql(
        op.SUBMIT,
        {
            "input": {
                "title": "Pipa bocor",
                "body": "Di depan rumah saya.",
                "classification": "COMPLAINT",
                "isAnonymous": True,
                "attachments": [{"file": None}],
            }
        },
        world.siti.token,
        files={"input.attachments.0.file": ("rumah.jpg", photo, "image/jpeg")},
    )
    report_id = submitted.data["reportSubmit"]["report"]["id"]

    # The public sees the photo (the report is not confidential), and nothing of where it was taken.
    public = (await gql(FILES, {"id": report_id})).data["report"]
    [attachment] = public["attachments"]
    assert public["timeline"][0]["attachments"] == [attachment]
    for url in (attachment["url"], (await gql(FILE_BY_NODE, {"id": attachment["id"]})).data["node"]["url"]):
        served = await client.get(url)
        assert served.status_code == 200
        for marker in (sample_files.GPS_MARKER, sample_files.CAMERA_MARKER, b"Exif"):
            assert marker not in served.content


async def test_a_confidential_reports_files_reach_no_stranger_on_any_path(gql, clock: FakeClock) -> None:
    world = await make_world(clock)
    submitted = await gql(
        op.SUBMIT,
        {
            "input": {
                "title": "Dugaan pungli",
                "body": "Rahasia.",
                "classification": "COMPLAINT",
                "isConfidential": True,
                "attachments": [{"file": None}],
            }
        },
        world.siti.token,
        files={"input.attachments.0.file": ("kuitansi.pdf", sample_files.pdf(), "application/pdf")},
    )
    report_id = submitted.data["reportSubmit"]["report"]["id"]
    [attachment] = (await gql(FILES, {"id": report_id}, world.siti.token)).data["report"]["attachments"]
    listed = await gql(op.REPORTS, {"first": 100}, world.budi.token)
    assert report_id not in [e["node"]["id"] for e in listed.data["reports"]["edges"]]
    for token in (None, world.budi.token, world.pu_liaison.token, world.analyst.token):
        assert (await gql(FILES, {"id": report_id}, token)).data["report"] is None
        assert (await gql(FILE_BY_NODE, {"id": attachment["id"]}, token)).data["node"] is None
    for token in (world.siti.token, world.admin.token):
        assert (await gql(FILE_BY_NODE, {"id": attachment["id"]}, token)).data["node"]["url"]


async def test_an_officers_file_on_an_action_without_a_message_is_not_public(gql, clock: FakeClock) -> None:
    world = await make_world(clock)
    submitted = await gql(
        op.SUBMIT,
        {"input": {"title": "Pipa bocor", "body": "Air menggenang.", "classification": "COMPLAINT"}},
        world.budi.token,
    )
    report_id = submitted.data["reportSubmit"]["report"]["id"]
    # The admin disposes with a file (a routing memo) and no note: nothing was said to the public.
    disposed = await gql(
        """
        mutation PrivacyDisposeWithFile($input: ReportActionPerformInput!) {
          reportActionPerform(input: $input) { errors { field code message } }
        }
        """,
        {
            "input": {
                "id": report_id,
                "action": "dispose",
                "values": [{"name": "agency_id", "value": encode_id("Agency", world.pu.id)}],
                "attachments": [{"file": None}],
            }
        },
        world.admin.token,
        files={"input.attachments.0.file": ("memo.pdf", sample_files.pdf(), "application/pdf")},
    )
    assert disposed.data["reportActionPerform"]["errors"] == []

    for token in (None, world.budi.token, world.siti.token, world.analyst.token):
        seen = (await gql(FILES, {"id": report_id}, token)).data["report"]
        assert seen["attachments"] == []
        assert [e["attachments"] for e in seen["timeline"]] == [[], []]
    for token in (world.admin.token, world.pu_liaison.token):
        [memo] = (await gql(FILES, {"id": report_id}, token)).data["report"]["attachments"]
        assert memo["url"]
        assert (await gql(FILE_BY_NODE, {"id": memo["id"]}, world.budi.token)).data["node"] is None
