"""Attachments end to end: uploaded as GraphQL multipart requests, stored (on disk and in a real S3 API
server), attached inside the command's transaction, shown to who may see them through signed URLs,
and swept when nothing will ever show them."""

from __future__ import annotations

import asyncio
import dataclasses
import io
import os
import time
from datetime import datetime, timedelta
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import anyio.to_thread
import httpx
import pytest
from PIL import Image
from typer.testing import CliRunner

from lapor_gql.app import create_app
from lapor_gql.cli import app as cli_app
from lapor_gql.clock import FakeClock
from lapor_gql.config import Settings
from lapor_gql.db.models import Attachment
from lapor_gql.domain import attachments as attachments_domain
from lapor_gql.domain.attachments import AttachmentFiles, AttachmentLimits, sweep_orphans
from lapor_gql.domain.processes import Runtime
from lapor_gql.files.storage import FileStore
from lapor_gql.schema.attachments import AttachmentNode
from lapor_gql.schema.ids import encode_id

from . import operations as op
from . import sample_files
from .query_count import count_queries
from .world import World, make_world

LIMITS = AttachmentLimits(
    max_bytes=2 * 1024 * 1024, max_per_report=3, upload_ttl=timedelta(hours=24), url_ttl=timedelta(minutes=5)
)


@pytest.fixture
def runtime(clock: FakeClock, file_store: FileStore) -> Runtime:
    """The app's runtime with the store under test (local disk or the S3 server)."""
    return Runtime(clock=clock, files=AttachmentFiles(store=file_store, limits=LIMITS, url_key=b"k" * 32))


ATTACHMENT_FIELDS = "id filename mediaType size width height isInternal url thumbnailUrl urlExpiresAt"

SUBMIT = f"""
mutation SubmitWithFiles($input: ReportSubmitInput!) {{
  reportSubmit(input: $input) {{
    report {{
      id trackingNumber attachments {{ {ATTACHMENT_FIELDS} }} timeline {{ action attachments {{ id }} }}
    }}
    accessCode
    errors {{ field code message }}
  }}
}}
"""

UPLOAD = f"""
mutation Upload($input: AttachmentUploadInput!) {{
  attachmentUpload(input: $input) {{ attachment {{ {ATTACHMENT_FIELDS} }} errors {{ field code message }} }}
}}
"""

FOLLOW_UP = """
mutation FollowUpWithFiles($input: ReportMessageInput!) {
  reportFollowUp(input: $input) { report { id } errors { field code message } }
}
"""

REPLY = """
mutation ReplyWithFiles($input: ReportMessageInput!) {
  reportReply(input: $input) { report { id } errors { field code message } }
}
"""

PERFORM = """
mutation PerformWithFiles($input: ReportActionPerformInput!) {
  reportActionPerform(input: $input) { report { id } errors { field code message } }
}
"""

ADD_INTERNAL = """
mutation AddInternalFiles($input: ReportAttachmentAddInput!) {
  reportAttachmentAdd(input: $input) { report { id } errors { field code message } }
}
"""

READ = f"""
query ReportFiles($id: ID!) {{
  report(id: $id) {{
    attachments {{ {ATTACHMENT_FIELDS} }}
    timeline {{ action isPublic attachments {{ id filename isInternal }} }}
  }}
}}
"""

NODE = """
query AttachmentNode($id: ID!) { node(id: $id) { __typename ... on Attachment { id filename url } } }
"""


# --- files to send ------------------------------------------------------------------------------


def photo_with_gps() -> bytes:
    """A phone's JPEG whose EXIF says where it was taken (and with which camera)."""
    data = sample_files.camera_jpeg((1200, 900))
    assert sample_files.GPS_MARKER in data and sample_files.CAMERA_MARKER in data  # what must go
    return data


def small_pdf() -> bytes:
    return sample_files.pdf()


def files_at(path: str, *parts: tuple[str, bytes, str]) -> dict[str, tuple[str, bytes, str]]:
    """Inline files for ``input.attachments.<i>.file``."""
    return {f"{path}.{i}.file": part for i, part in enumerate(parts)}


def report_input(**extra: Any) -> dict[str, Any]:
    return {"title": "Pipa air bocor", "body": "Air menggenang.", "classification": "COMPLAINT", **extra}


async def upload(gql, token: str | None, name: str, data: bytes, content_type: str) -> dict[str, Any]:
    result = await gql(
        UPLOAD, {"input": {"file": None}}, token, files={"input.file": (name, data, content_type)}
    )
    return result.data["attachmentUpload"]


async def uploaded_id(gql, token: str | None, name: str = "foto.jpg") -> str:
    payload = await upload(gql, token, name, photo_with_gps(), "image/jpeg")
    assert payload["errors"] == [], payload
    return payload["attachment"]["id"]


async def disposed_report(gql, world: World, *, confidential: bool = False, token: str | None = None) -> str:
    submitted = await gql(
        SUBMIT, {"input": report_input(isConfidential=confidential)}, token or world.budi.token
    )
    report_id = submitted.data["reportSubmit"]["report"]["id"]
    disposed = await gql(
        op.DISPOSE,
        {"input": {"id": report_id, "agencyId": encode_id("Agency", world.pu.id)}},
        world.admin.token,
    )
    assert disposed.data["reportDispose"]["errors"] == []
    return report_id


async def download(client: httpx.AsyncClient, url: str) -> httpx.Response:
    return await client.get(url)


# --- uploading ------------------------------------------------------------------------------------


async def test_a_photo_sent_with_a_report_loses_where_it_was_taken_and_gets_a_thumbnail(
    gql, client: httpx.AsyncClient, db: None
) -> None:
    # Without an account, the photo inline in the submission (one multipart request).
    result = await gql(
        SUBMIT,
        {"input": report_input(attachments=[{"file": None}])},
        None,
        files=files_at("input.attachments", ("IMG_0001.JPG", photo_with_gps(), "image/jpeg")),
    )
    payload = result.data["reportSubmit"]
    assert payload["errors"] == []
    [attachment] = payload["report"]["attachments"]
    assert attachment["filename"] == "IMG_0001.jpg"
    assert attachment["mediaType"] == "image/jpeg"
    assert (attachment["width"], attachment["height"]) == (1200, 900)
    assert attachment["isInternal"] is False
    assert payload["report"]["timeline"][0] == {"action": "submit", "attachments": [{"id": attachment["id"]}]}

    stored = await download(client, attachment["url"])
    assert stored.status_code == 200
    assert stored.headers["content-type"] == "image/jpeg"
    for marker in (b"Exif", sample_files.GPS_MARKER, sample_files.CAMERA_MARKER):
        assert marker not in stored.content
    assert "exif" not in Image.open(io.BytesIO(stored.content)).info
    assert len(stored.content) == attachment["size"]

    thumbnail = await download(client, attachment["thumbnailUrl"])
    assert thumbnail.status_code == 200
    assert max(Image.open(io.BytesIO(thumbnail.content)).size) <= 320


async def test_a_file_uploaded_first_is_sent_later_by_its_id_once_and_only_by_its_uploader(
    gql, db: None, clock: FakeClock
) -> None:
    world = await make_world(clock)
    pending = await upload(gql, world.budi.token, "surat.pdf", small_pdf(), "application/pdf")
    assert pending["errors"] == []
    assert pending["attachment"]["mediaType"] == "application/pdf"
    assert pending["attachment"]["url"] is None  # nobody downloads an upload before it is attached
    upload_id = pending["attachment"]["id"]

    # Siti cannot send Budi's upload, even knowing its id.
    stolen = await gql(
        SUBMIT, {"input": report_input(attachments=[{"uploadId": upload_id}])}, world.siti.token
    )
    assert stolen.data["reportSubmit"]["errors"] == [
        {
            "field": "attachments",
            "code": "UPLOAD_NOT_FOUND",
            "message": "Unggahan tidak ditemukan, sudah dipakai, atau kedaluwarsa. Unggah berkasnya lagi.",
        }
    ]
    sent = await gql(SUBMIT, {"input": report_input(attachments=[{"uploadId": upload_id}])}, world.budi.token)
    [attached] = sent.data["reportSubmit"]["report"]["attachments"]
    assert attached["id"] == upload_id and attached["url"] is not None
    again = await gql(
        SUBMIT, {"input": report_input(attachments=[{"uploadId": upload_id}])}, world.budi.token
    )
    assert [e["code"] for e in again.data["reportSubmit"]["errors"]] == ["UPLOAD_NOT_FOUND"]


async def test_the_type_comes_from_the_content_and_the_limits_hold(gql, db: None, clock: FakeClock) -> None:
    world = await make_world(clock)
    html = b"<!doctype html><script>alert(1)</script>"
    refused = await upload(gql, world.budi.token, "photo.jpg", html, "image/jpeg")
    assert refused["attachment"] is None
    assert [(e["field"], e["code"]) for e in refused["errors"]] == [("file", "UNSUPPORTED_FILE_TYPE")]
    english = await gql(
        UPLOAD,
        {"input": {"file": None}},
        world.budi.token,
        "en",
        files={"input.file": ("a.jpg", html, "image/jpeg")},
    )
    assert english.data["attachmentUpload"]["errors"][0]["message"].startswith("Unsupported file type")

    # A PDF named like a photo is a PDF.
    pdf = await upload(gql, world.budi.token, "foto.jpg", small_pdf(), "image/jpeg")
    assert (pdf["attachment"]["mediaType"], pdf["attachment"]["filename"]) == ("application/pdf", "foto.pdf")

    too_big = await upload(gql, world.budi.token, "besar.pdf", small_pdf() + b"0" * LIMITS.max_bytes, "x/y")
    assert [e["code"] for e in too_big["errors"]] == ["FILE_TOO_LARGE"]
    assert too_big["errors"][0]["message"] == "Berkas terlalu besar: paling besar 2 MB."

    four = [{"uploadId": await uploaded_id(gql, world.budi.token)} for _ in range(4)]
    too_many = await gql(SUBMIT, {"input": report_input(attachments=four)}, world.budi.token)
    assert too_many.data["reportSubmit"]["errors"] == [
        {"field": "attachments", "code": "TOO_MANY_FILES", "message": "Paling banyak 3 berkas per laporan."}
    ]
    both = await gql(
        SUBMIT,
        {"input": report_input(attachments=[{"uploadId": four[0]["uploadId"], "file": None}])},
        world.budi.token,
        files=files_at("input.attachments", ("a.jpg", photo_with_gps(), "image/jpeg")),
    )
    assert [(e["field"], e["code"]) for e in both.data["reportSubmit"]["errors"]] == [
        ("attachments", "INVALID")
    ]
    # Nothing of the refused submissions was kept; the uploads wait, pending, for another try.
    assert await Attachment.filter(report_id__isnull=False).count() == 0
    assert await Attachment.filter(attached_at__isnull=True).count() == 5  # the PDF and the four


async def test_the_reporter_and_the_officers_each_have_their_own_allowance(
    gql, db: None, clock: FakeClock
) -> None:
    world = await make_world(clock)
    liaison = world.pu_liaison.token
    # The reporter uses all three of theirs at submission; the agency can still send its three.
    full = [{"uploadId": await uploaded_id(gql, world.budi.token)} for _ in range(3)]
    submitted = await gql(SUBMIT, {"input": report_input(attachments=full)}, world.budi.token)
    report_id = submitted.data["reportSubmit"]["report"]["id"]
    await gql(
        op.DISPOSE,
        {"input": {"id": report_id, "agencyId": encode_id("Agency", world.pu.id)}},
        world.admin.token,
    )
    letters = [{"uploadId": await uploaded_id(gql, liaison)} for _ in range(3)]
    answered = await gql(
        FOLLOW_UP,
        {"input": {"id": report_id, "message": "Surat terlampir.", "attachments": letters}},
        liaison,
    )
    assert answered.data["reportFollowUp"]["errors"] == []
    # Now both are full: one more on either side is refused, and the refused step changed nothing.
    extra = [{"uploadId": await uploaded_id(gql, world.budi.token)}]
    refused = await gql(
        REPLY, {"input": {"id": report_id, "message": "Masih bocor.", "attachments": extra}}, world.budi.token
    )
    assert [e["code"] for e in refused.data["reportReply"]["errors"]] == ["TOO_MANY_FILES"]
    read = await gql(READ, {"id": report_id}, liaison)
    assert [e["action"] for e in read.data["report"]["timeline"]] == ["submit", "dispose", "follow_up"]
    more = [{"uploadId": await uploaded_id(gql, liaison)}]
    refused = await gql(ADD_INTERNAL, {"input": {"id": report_id, "attachments": more}}, liaison)
    assert [e["code"] for e in refused.data["reportAttachmentAdd"]["errors"]] == ["TOO_MANY_FILES"]


async def test_officers_internal_files_neither_block_nor_reveal_themselves_to_the_reporter(
    gql, db: None, clock: FakeClock
) -> None:
    world = await make_world(clock)
    report_id = await disposed_report(gql, world)
    liaison = world.pu_liaison.token
    internal = [{"uploadId": await uploaded_id(gql, liaison)} for _ in range(3)]
    added = await gql(ADD_INTERNAL, {"input": {"id": report_id, "attachments": internal}}, liaison)
    assert added.data["reportAttachmentAdd"]["errors"] == []
    asked = await gql(FOLLOW_UP, {"input": {"id": report_id, "message": "Foto lagi, ya."}}, liaison)
    assert asked.data["reportFollowUp"]["errors"] == []

    photos = [{"uploadId": await uploaded_id(gql, world.budi.token)} for _ in range(3)]
    replied = await gql(
        REPLY,
        {"input": {"id": report_id, "message": "Ini fotonya.", "attachments": photos}},
        world.budi.token,
    )
    assert replied.data["reportReply"]["errors"] == []
    seen = await gql(READ, {"id": report_id}, world.budi.token)
    assert [a["isInternal"] for a in seen.data["report"]["attachments"]] == [False] * 3
    handling = await gql(READ, {"id": report_id}, liaison)
    assert sorted(a["isInternal"] for a in handling.data["report"]["attachments"]) == [False] * 3 + [True] * 3


async def test_uploads_per_client_are_counted_even_when_they_arrive_at_once(
    gql, runtime: Runtime, db: None, clock: FakeClock
) -> None:
    assert runtime.files is not None
    runtime.files.limits = dataclasses.replace(LIMITS, uploads_per_window=3)
    world = await make_world(clock)

    burst = await asyncio.gather(*(upload(gql, None, "a.png", _png(), "image/png") for _ in range(6)))
    assert sorted(len(p["errors"]) for p in burst) == [0, 0, 0, 1, 1, 1]
    refused = [p["errors"][0] for p in burst if p["errors"]]
    assert {(e["field"], e["code"]) for e in refused} == {("file", "TOO_MANY_ATTEMPTS")}
    assert await Attachment.all().count() == 3
    # An account has a budget of its own, and the window ends.
    assert (await upload(gql, world.budi.token, "a.png", _png(), "image/png"))["errors"] == []
    clock.advance(timedelta(hours=1, minutes=1))
    assert (await upload(gql, None, "a.png", _png(), "image/png"))["errors"] == []


# --- who sees them --------------------------------------------------------------------------------


async def test_answers_and_internal_files_are_seen_as_their_entries_are(
    gql, client: httpx.AsyncClient, db: None, clock: FakeClock
) -> None:
    world = await make_world(clock)
    report_id = await disposed_report(gql, world)
    liaison = world.pu_liaison.token
    answered = await gql(
        FOLLOW_UP,
        {
            "input": {
                "id": report_id,
                "message": "Surat perintah kerja terlampir.",
                "attachments": [{"file": None}],
            }
        },
        liaison,
        files=files_at("input.attachments", ("SPK.pdf", small_pdf(), "application/pdf")),
    )
    assert answered.data["reportFollowUp"]["errors"] == []
    internal = await gql(
        ADD_INTERNAL,
        {"input": {"id": report_id, "note": "Foto survei lapangan.", "attachments": [{"file": None}]}},
        liaison,
        files=files_at("input.attachments", ("survei.jpg", photo_with_gps(), "image/jpeg")),
    )
    assert internal.data["reportAttachmentAdd"]["errors"] == []
    replied = await gql(
        REPLY,
        {"input": {"id": report_id, "message": "Ini fotonya sekarang.", "attachments": [{"file": None}]}},
        world.budi.token,
        files=files_at("input.attachments", ("sekarang.png", _png(), "image/png")),
    )
    assert replied.data["reportReply"]["errors"] == []

    async def names(token: str | None) -> list[str]:
        return [
            a["filename"] for a in (await gql(READ, {"id": report_id}, token)).data["report"]["attachments"]
        ]

    everyone = ["SPK.pdf", "sekarang.png"]
    assert await names(world.admin.token) == ["SPK.pdf", "survei.jpg", "sekarang.png"]
    assert await names(liaison) == ["SPK.pdf", "survei.jpg", "sekarang.png"]
    assert await names(world.budi.token) == everyone
    assert await names(world.dinkes_liaison.token) == everyone
    assert await names(None) == everyone

    officer_view = (await gql(READ, {"id": report_id}, world.admin.token)).data["report"]
    entry = next(e for e in officer_view["timeline"] if e["action"] == "attachment_add")
    assert entry["isPublic"] is False and entry["attachments"][0]["isInternal"] is True
    public_view = (await gql(READ, {"id": report_id}, None)).data["report"]
    assert "attachment_add" not in [e["action"] for e in public_view["timeline"]]

    survey = next(a for a in officer_view["attachments"] if a["filename"] == "survei.jpg")
    assert (await gql(NODE, {"id": survey["id"]}, world.admin.token)).data["node"]["filename"] == "survei.jpg"
    assert (await gql(NODE, {"id": survey["id"]}, world.budi.token)).data["node"] is None
    assert (await gql(NODE, {"id": survey["id"]}, None)).data["node"] is None

    pdf = next(a for a in officer_view["attachments"] if a["filename"] == "SPK.pdf")
    assert pdf["thumbnailUrl"] is None
    got = await download(client, pdf["url"])
    assert got.status_code == 200 and got.content == small_pdf()


async def test_a_confidential_reports_files_are_only_for_who_sees_it(gql, db: None, clock: FakeClock) -> None:
    world = await make_world(clock)
    pending = await uploaded_id(gql, world.budi.token)
    submitted = await gql(
        SUBMIT,
        {"input": report_input(isConfidential=True, attachments=[{"uploadId": pending}])},
        world.budi.token,
    )
    report_id = submitted.data["reportSubmit"]["report"]["id"]
    await gql(
        op.DISPOSE,
        {"input": {"id": report_id, "agencyId": encode_id("Agency", world.pu.id)}},
        world.admin.token,
    )
    for token in (world.budi.token, world.admin.token, world.pu_liaison.token):
        assert (await gql(NODE, {"id": pending}, token)).data["node"]["id"] == pending
    for token in (None, world.siti.token, world.dinkes_liaison.token, world.analyst.token):
        assert (await gql(NODE, {"id": pending}, token)).data["node"] is None
        assert (await gql(READ, {"id": report_id}, token)).data["report"] is None


async def test_a_link_works_until_it_expires_and_only_as_signed(
    gql, client: httpx.AsyncClient, db: None, clock: FakeClock
) -> None:
    world = await make_world(clock)
    pending = await uploaded_id(gql, world.budi.token)
    submitted = await gql(
        SUBMIT, {"input": report_input(attachments=[{"uploadId": pending}])}, world.budi.token
    )
    [attachment] = submitted.data["reportSubmit"]["report"]["attachments"]
    url = attachment["url"]
    assert (await download(client, url)).status_code == 200
    tampered = url[:-3] + ("AAA" if not url.endswith("AAA") else "BBB")
    assert (await download(client, tampered)).status_code in (403, 404)
    thumbnail_as_file = attachment["thumbnailUrl"].replace("/thumbnail?", "/file?")
    assert (await download(client, thumbnail_as_file)).status_code in (403, 404)
    clock.advance(minutes=6)
    assert (await download(client, url)).status_code in (403, 404)


# --- the sweep ------------------------------------------------------------------------------------


async def test_uploads_nothing_attached_are_swept_with_their_files(
    gql, db: None, clock: FakeClock, runtime: Runtime, file_store: FileStore
) -> None:
    world = await make_world(clock)
    report_id = await disposed_report(gql, world)
    never_sent = await uploaded_id(gql, None)
    # A step that was refused (rolled back) leaves its upload pending.
    refused = await gql(
        PERFORM,
        {"input": {"id": report_id, "action": "reply", "values": [], "attachments": [{"file": None}]}},
        world.budi.token,
        files=files_at("input.attachments", ("a.jpg", photo_with_gps(), "image/jpeg")),
    )
    assert [e["code"] for e in refused.data["reportActionPerform"]["errors"]] == ["ACTION_NOT_AVAILABLE"]
    kept = await gql(
        PERFORM,
        {
            "input": {
                "id": report_id,
                "action": "follow_up",
                "values": [{"name": "message", "value": "Sudah kami cek."}],
                "attachments": [{"uploadId": await uploaded_id(gql, world.pu_liaison.token)}],
            }
        },
        world.pu_liaison.token,
    )
    assert kept.data["reportActionPerform"]["errors"] == []
    assert await Attachment.filter(attached_at__isnull=True).count() == 2
    stored_before = [key async for key, _ in file_store.keys()]

    assert await sweep_orphans(runtime) == 0  # nothing is old enough yet
    clock.advance(hours=25)
    # (name, thumbnail) of the two pending uploads; the attached follow-up's files stay.
    assert await sweep_orphans(runtime) == 4
    assert await Attachment.filter(attached_at__isnull=True).count() == 0
    [attached] = await Attachment.all()
    remaining = {key async for key, _ in file_store.keys()}
    assert remaining == {attached.key, attached.thumbnail_key}
    assert len(stored_before) == 6  # three photos, each with its thumbnail
    assert (await gql(NODE, {"id": never_sent}, world.admin.token)).data["node"] is None


async def test_a_stored_file_no_row_names_is_swept(
    db: None, clock: FakeClock, runtime: Runtime, file_store: FileStore, tmp_path
) -> None:
    orphan = tmp_path / "orphan.bin"
    orphan.write_bytes(b"%PDF-1.4 left behind by a crash\n%%EOF\n")
    await file_store.put("zz/orphanKeyLeftByACrash0000000", orphan, "application/pdf")
    clock.set(clock.now + timedelta(days=400))  # past any file's real modification time and the TTL
    # The server's frequent round leaves the store unlisted; the pass over the whole store finds it.
    assert await sweep_orphans(runtime, whole_store=False) == 0
    assert await sweep_orphans(runtime) == 1
    assert [key async for key, _ in file_store.keys()] == []


async def test_uploads_wait_for_their_preparation_without_holding_the_servers_threads(
    gql, runtime: Runtime, db: None, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A decode fills most of the memory budget, so preparations run one at a time; the ones waiting
    # wait on the attachments' own limiter, not in the default worker threads (static files and
    # downloads need those meanwhile).
    running, most = 0, 0
    prepare = attachments_domain.prepare_file
    run_sync = anyio.to_thread.run_sync
    limiters: list[object] = []

    def slow_prepare(source: Any, limits: Any) -> Any:
        nonlocal running, most
        running += 1
        most = max(most, running)
        time.sleep(0.05)
        running -= 1
        return prepare(source, limits)

    async def spying_run_sync(func: Any, *args: Any, **kwargs: Any) -> Any:
        if func is slow_prepare:
            limiters.append(kwargs.get("limiter"))
        return await run_sync(func, *args, **kwargs)

    monkeypatch.setattr(attachments_domain, "prepare_file", slow_prepare)
    monkeypatch.setattr(anyio.to_thread, "run_sync", spying_run_sync)
    burst = await asyncio.gather(*(upload(gql, None, "a.png", _png(), "image/png") for _ in range(4)))
    assert [p["errors"] for p in burst] == [[]] * 4
    assert most == 1
    assert runtime.files is not None
    assert limiters == [runtime.files.preparation_limiter()] * 4


async def test_a_files_urls_and_their_expiry_are_made_together(
    gql, runtime: Runtime, db: None, clock: FakeClock
) -> None:
    await make_world(clock)
    submitted = await gql(
        SUBMIT, {"input": report_input(attachments=[{"uploadId": await uploaded_id(gql, None)}])}
    )
    assert submitted.data["reportSubmit"]["errors"] == []
    node = AttachmentNode.from_model(await Attachment.get(attached_at__isnull=False))
    reads: list[datetime] = []

    def ticking() -> datetime:  # a second passes at every look at the clock
        reads.append(clock.advance(seconds=1))
        return reads[-1]

    runtime.clock = ticking
    info = SimpleNamespace(context=SimpleNamespace(runtime=runtime))
    # url, thumbnailUrl and urlExpiresAt are resolved concurrently: one link, one look at the clock.
    links = await asyncio.gather(*(node._link(info) for _ in range(3)))  # type: ignore[arg-type]
    assert len(reads) == 1 and links[0] is not None and links[0] is links[1] is links[2]
    expires = int(links[0].expires_at.timestamp())
    assert f"expires={expires}" in links[0].url and f"expires={expires}" in (links[0].thumbnail_url or "")


# --- the request ------------------------------------------------------------------------------------


async def test_a_multipart_request_needs_a_header_no_other_site_can_send(
    client: httpx.AsyncClient, db: None
) -> None:
    form = {
        "operations": '{"query": "mutation Up($f: Upload!) '
        '{ attachmentUpload(input: {file: $f}) { errors { code } } }", "variables": {"f": null}}',
        "map": '{"0": ["variables.f"]}',
    }
    parts = {"0": ("a.pdf", small_pdf(), "application/pdf")}
    refused = await client.post("/graphql", data=form, files=parts)
    assert refused.status_code == 400
    assert "Apollo-Require-Preflight" in refused.json()["errors"][0]["message"]
    keyed = await client.post(
        "/graphql",
        data=form,
        files=parts,
        headers={
            "Apollo-Require-Preflight": "true",
            "Idempotency-Key": "0b9d7c1e-4a4f-4d55-9e0e-1f2a3b4c5d6e",
        },
    )
    assert keyed.status_code == 400 and "Idempotency-Key" in keyed.json()["errors"][0]["message"]
    accepted = await client.post(
        "/graphql", data=form, files=parts, headers={"Apollo-Require-Preflight": "true"}
    )
    assert accepted.status_code == 200 and accepted.json()["data"]["attachmentUpload"]["errors"] == []


async def test_a_report_page_reads_its_files_in_one_query_per_level(gql, db: None, clock: FakeClock) -> None:
    world = await make_world(clock)
    report_id = await disposed_report(gql, world)
    for message in ("Satu.", "Dua."):
        await gql(
            FOLLOW_UP,
            {
                "input": {
                    "id": report_id,
                    "message": message,
                    "attachments": [{"uploadId": await uploaded_id(gql, world.pu_liaison.token)}],
                }
            },
            world.pu_liaison.token,
        )
    with count_queries() as statements:
        read = await gql(READ, {"id": report_id}, world.admin.token)
    assert len(read.data["report"]["attachments"]) == 2
    assert sum(1 for sql in statements if '"attachment"' in sql) == 2  # the report's, and its entries'


def _png() -> bytes:
    image = Image.new("RGB", (400, 300), (10, 120, 10))
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()


async def test_a_multipart_body_may_carry_a_reports_files_and_json_keeps_its_limit(
    db: None, runtime: Runtime
) -> None:
    settings = dataclasses.replace(
        Settings.from_environment(), attachment_max_bytes=1024 * 1024, attachment_max_per_report=2
    )
    app = create_app(settings, runtime, manage_database=False)
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=app), base_url="http://lapor.test"
    ) as http:
        form = {
            "operations": '{"query": "mutation Up($f: Upload!) '
            '{ attachmentUpload(input: {file: $f}) { errors { code } } }", "variables": {"f": null}}',
            "map": '{"0": ["variables.f"]}',
        }
        headers = {"Apollo-Require-Preflight": "true"}
        # 2 MiB of files are more than JSON may carry, within what multipart may (2 × 1 MiB + 1 MiB).
        padded = sample_files.pdf() + b"%" * (2 * 1024 * 1024)
        within = await http.post(
            "/graphql", data=form, files={"0": ("a.pdf", padded, "x/y")}, headers=headers
        )
        assert within.status_code == 200
        assert within.json()["data"]["attachmentUpload"]["errors"] == [{"code": "FILE_TOO_LARGE"}]
        beyond = padded + b"%" * (2 * 1024 * 1024)
        refused = await http.post(
            "/graphql", data=form, files={"0": ("a.pdf", beyond, "x/y")}, headers=headers
        )
        assert refused.status_code == 413
        json_body = '{"query": "{ __typename }", "variables": {"pad": "' + "x" * (1024 * 1024) + '"}}'
        too_big_json = await http.post(
            "/graphql", content=json_body, headers={"Content-Type": "application/json"}
        )
        assert too_big_json.status_code == 413


def test_the_sweep_runs_from_the_command_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LAPOR_DATABASE_URL", f"sqlite://{tmp_path / 'cli.sqlite3'}")
    monkeypatch.delenv("LAPOR_ATTACHMENT_DIR", raising=False)
    runner = CliRunner()
    assert runner.invoke(cli_app, ["migrate"]).exit_code == 0
    # The local store sits beside the database file: a file there that no row names, two days old.
    stray = tmp_path / "attachments" / "zz" / "leftBehindByACrash"
    stray.parent.mkdir(parents=True)
    stray.write_bytes(sample_files.pdf())
    two_days_ago = time.time() - 2 * 24 * 3600
    os.utime(stray, (two_days_ago, two_days_ago))

    swept = runner.invoke(cli_app, ["attachments-sweep"])

    assert swept.exit_code == 0, swept.output
    assert "removed 1 attachment file(s)" in swept.output
    assert not stray.exists()


async def test_a_reporter_without_an_account_replies_with_a_photo_uploaded_first(
    gql, db: None, clock: FakeClock
) -> None:
    world = await make_world(clock)
    submitted = await gql(SUBMIT, {"input": report_input()})
    report, code = submitted.data["reportSubmit"]["report"], submitted.data["reportSubmit"]["accessCode"]
    exchanged = await gql(
        "mutation Follow($input: ReportAccessTokenCreateInput!) "
        "{ reportAccessTokenCreate(input: $input) { token } }",
        {"input": {"trackingNumber": report["trackingNumber"], "accessCode": code}},
    )
    holder = exchanged.data["reportAccessTokenCreate"]["token"]
    await gql(
        op.DISPOSE,
        {"input": {"id": report["id"], "agencyId": encode_id("Agency", world.pu.id)}},
        world.admin.token,
    )
    await gql(
        FOLLOW_UP, {"input": {"id": report["id"], "message": "Kirim foto terbaru."}}, world.pu_liaison.token
    )

    photo = await uploaded_id(gql, holder)
    replied = await gql(
        REPLY,
        {"input": {"id": report["id"], "message": "Ini.", "attachments": [{"uploadId": photo}]}},
        holder,
    )

    assert replied.data["reportReply"]["errors"] == []
    seen = await gql(READ, {"id": report["id"]}, world.pu_liaison.token)
    reply = next(e for e in seen.data["report"]["timeline"] if e["action"] == "reply")
    assert [a["id"] for a in reply["attachments"]] == [photo]
