"""The download route behind attachments' signed URLs: its headers, and links it must refuse.

Files are sent as a reporter sends them (a GraphQL multipart submission) and read back through the
URL the API gives out, against both stores (a folder and a real S3 API server)."""

from __future__ import annotations

import hashlib
import io
from datetime import timedelta
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

import httpx
import pytest
from PIL import Image

from lapor_gql.clock import FakeClock
from lapor_gql.db.models import Attachment
from lapor_gql.domain.attachments import AttachmentFiles, AttachmentLimits
from lapor_gql.domain.processes import Runtime
from lapor_gql.files.storage import FileStore, new_key
from lapor_gql.files.url_signing import download_path

from . import sample_files
from .world import make_world

URL_KEY = b"download-test-key-0123456789abcdef"
URL_TTL = timedelta(minutes=5)
LIMITS = AttachmentLimits(
    max_bytes=2 * 1024 * 1024, max_per_report=5, upload_ttl=timedelta(hours=24), url_ttl=URL_TTL
)
PDF_NAME = "Surat balasan — Dinas PU.pdf"


@pytest.fixture
def runtime(clock: FakeClock, file_store: FileStore) -> Runtime:
    return Runtime(clock=clock, files=AttachmentFiles(store=file_store, limits=LIMITS, url_key=URL_KEY))


SUBMIT = """
mutation SubmitWithFiles($input: ReportSubmitInput!) {
  reportSubmit(input: $input) {
    report { attachments { filename mediaType size url thumbnailUrl urlExpiresAt } }
    errors { field code }
  }
}
"""

UPLOAD = """
mutation Upload($input: AttachmentUploadInput!) {
  attachmentUpload(input: $input) { attachment { id url } errors { field code } }
}
"""


async def submitted_files(gql: Any, token: str) -> tuple[dict[str, Any], dict[str, Any]]:
    """A report with a phone photo and a PDF; their attachments as the submitter sees them."""
    result = await gql(
        SUBMIT,
        {
            "input": {
                "title": "Jalan berlubang",
                "body": "Lubang besar di depan sekolah.",
                "classification": "COMPLAINT",
                "attachments": [{"file": None}, {"file": None}],
            }
        },
        token,
        files={
            "input.attachments.0.file": (
                "IMG_2041.HEIC.jpg",
                sample_files.camera_jpeg((800, 600)),
                "image/jpeg",
            ),
            "input.attachments.1.file": (PDF_NAME, sample_files.pdf(), "application/pdf"),
        },
    )
    payload = result.data["reportSubmit"]
    assert payload["errors"] == []
    photo, pdf = payload["report"]["attachments"]
    return photo, pdf


def key_of(url: str) -> str:
    """The storage key in ``/attachments/ab/cdef…/file?…``."""
    parts = urlsplit(url).path.split("/")
    return f"{parts[2]}/{parts[3]}"


def with_query(url: str, **changes: str) -> str:
    split = urlsplit(url)
    query = {name: values[0] for name, values in parse_qs(split.query).items()} | changes
    return split.path + "?" + "&".join(f"{name}={value}" for name, value in query.items())


async def test_a_photo_is_served_inline_with_its_exact_type_and_headers_that_run_nothing(
    gql: Any, client: httpx.AsyncClient, db: None, clock: FakeClock
) -> None:
    world = await make_world(clock)
    photo, _ = await submitted_files(gql, world.budi.token)

    response = await client.get(photo["url"])
    assert response.status_code == 200
    assert response.headers["content-type"] == "image/jpeg"
    assert response.headers["content-disposition"] == (
        "inline; filename=\"IMG_2041.HEIC.jpg\"; filename*=UTF-8''IMG_2041.HEIC.jpg"
    )
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.headers["content-security-policy"] == "default-src 'none'; img-src 'self'; sandbox"
    assert response.headers["cross-origin-resource-policy"] == "same-origin"
    assert response.headers["cache-control"] == "private, max-age=300"
    assert response.headers["etag"] == f'"{hashlib.sha256(response.content).hexdigest()}"'
    assert int(response.headers["content-length"]) == len(response.content) == photo["size"]
    assert sample_files.GPS_MARKER not in response.content and b"Exif" not in response.content

    thumbnail = await client.get(photo["thumbnailUrl"])
    assert thumbnail.status_code == 200
    assert thumbnail.headers["content-type"] == "image/jpeg"
    assert thumbnail.headers["content-disposition"].startswith(
        'inline; filename="IMG_2041.HEIC-thumbnail.jpg"'
    )
    assert thumbnail.headers["etag"] != response.headers["etag"]
    assert Image.open(io.BytesIO(thumbnail.content)).size == (320, 240)


async def test_a_pdf_is_a_download_named_in_utf8_and_byte_for_byte_what_was_sent(
    gql: Any, client: httpx.AsyncClient, db: None, clock: FakeClock
) -> None:
    world = await make_world(clock)
    _, pdf = await submitted_files(gql, world.budi.token)
    assert pdf["thumbnailUrl"] is None

    response = await client.get(pdf["url"])
    assert response.status_code == 200
    assert response.content == sample_files.pdf()
    assert response.headers["content-type"] == "application/pdf"
    disposition = response.headers["content-disposition"]
    assert disposition.startswith('attachment; filename="Surat balasan  Dinas PU.pdf"; ')
    assert unquote(disposition.split("filename*=UTF-8''")[1]) == PDF_NAME
    assert response.headers["content-security-policy"] == "default-src 'none'; img-src 'self'; sandbox"


async def test_the_browser_cache_keeps_a_file_no_longer_than_its_link_works(
    gql: Any, client: httpx.AsyncClient, db: None, clock: FakeClock
) -> None:
    world = await make_world(clock)
    photo, _ = await submitted_files(gql, world.budi.token)
    clock.advance(seconds=100)
    first = await client.get(photo["url"])
    assert first.headers["cache-control"] == "private, max-age=200"
    # Asked again with the ETag it has: nothing to send.
    again = await client.get(photo["url"], headers={"If-None-Match": first.headers["etag"]})
    assert (again.status_code, again.content) == (304, b"")
    assert again.headers["etag"] == first.headers["etag"]
    head = await client.head(photo["url"])
    assert (head.status_code, head.content) == (200, b"")
    assert head.headers["content-length"] == first.headers["content-length"]


async def test_a_link_that_expired_was_altered_or_names_another_variant_is_refused(
    gql: Any, client: httpx.AsyncClient, db: None, clock: FakeClock
) -> None:
    world = await make_world(clock)
    photo, pdf = await submitted_files(gql, world.budi.token)
    url, thumbnail_url = photo["url"], photo["thumbnailUrl"]
    signature = parse_qs(urlsplit(url).query)["signature"][0]
    expires = parse_qs(urlsplit(url).query)["expires"][0]

    refused = {
        "another signature": with_query(url, signature=("A" if signature[0] != "A" else "B") + signature[1:]),
        "no signature": with_query(url, signature=""),
        "a later expiry": with_query(url, expires=str(int(expires) + 3600)),
        "an expiry that is no number": with_query(url, expires="1e99"),
        "the thumbnail's signature on the file": urlsplit(url).path + "?" + urlsplit(thumbnail_url).query,
        "the photo's signature on the PDF": urlsplit(pdf["url"]).path + "?" + urlsplit(url).query,
        "a key with another signing key": download_path(b"guess", key_of(url), "file", clock() + URL_TTL),
    }
    for reason, link in refused.items():
        response = await client.get(link)
        assert (reason, response.status_code) == (reason, 403)
        assert response.text == "Forbidden"  # never which part was wrong
        assert response.headers["cache-control"] == "no-store"
        assert "etag" not in response.headers

    assert (await client.get(url)).status_code == 200
    clock.advance(URL_TTL)
    assert (await client.get(url)).status_code == 403  # expired: ask the API for a fresh link


async def test_a_signed_link_to_a_pending_upload_or_a_file_gone_from_the_store_is_not_found(
    gql: Any, client: httpx.AsyncClient, db: None, clock: FakeClock, file_store: FileStore
) -> None:
    world = await make_world(clock)
    expires_at = clock() + URL_TTL

    # Signed correctly (someone holding the key), but nothing attached is named: 404.
    nothing = download_path(URL_KEY, new_key(), "file", expires_at)
    assert (await client.get(nothing)).status_code == 404

    # A pending upload has no URL to give out; one signed by hand still serves nothing.
    pending = await gql(
        UPLOAD,
        {"input": {"file": None}},
        world.budi.token,
        files={"input.file": ("foto.jpg", sample_files.camera_jpeg(), "image/jpeg")},
    )
    assert pending.data["attachmentUpload"]["attachment"]["url"] is None
    pending_row = await Attachment.get(attached_at__isnull=True)
    assert (await client.get(download_path(URL_KEY, pending_row.key, "file", expires_at))).status_code == 404

    # A PDF has no thumbnail; a variant that does not exist is no route at all.
    photo, pdf = await submitted_files(gql, world.budi.token)
    assert (
        await client.get(download_path(URL_KEY, key_of(pdf["url"]), "thumbnail", expires_at))
    ).status_code == 404
    assert (await client.get(urlsplit(photo["url"]).path.replace("/file", "/original"))).status_code == 404

    # The row is there but its file is not (removed by hand from the store): 404, not a broken 200.
    await file_store.delete(key_of(photo["url"]))
    assert (await client.get(photo["url"])).status_code == 404


async def test_a_path_whose_key_is_not_of_the_key_alphabet_is_not_found_before_any_signature_check(
    client: httpx.AsyncClient, db: None
) -> None:
    response = await client.get("/attachments/a/b/file?expires=9999999999&signature=x")
    assert (response.status_code, response.text) == (404, "Not Found")
