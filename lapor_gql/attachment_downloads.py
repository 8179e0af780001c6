"""Attachment downloads: ``GET /attachments/{key}/{variant}?expires=…&signature=…``.

The API decided who may see a file when it answered a query, and gave that viewer a signed,
short-lived URL (``lapor_gql.files.url_signing``, made in ``domain.attachments.download_link``). This
route checks only that signature and its expiry, so an ``<img src>`` loads without a token; a link
forwarded or leaked stops working within the URL TTL. Refusals say nothing about why (403 for a
link this server did not sign or that expired, 404 for one it signed but whose file is gone or
never was attached) so they cannot be used to learn which keys exist.

Whatever a file claims to be, it is served so that no browser runs it: the stored type exactly (the
bytes were sniffed and images re-encoded on the way in), ``nosniff``, a CSP that allows nothing and
sandboxes the document, PDFs as downloads, and a Cross-Origin-Resource-Policy that keeps other sites'
pages from embedding them.
"""

from __future__ import annotations

import logging
import unicodedata
from collections.abc import AsyncIterator
from urllib.parse import quote

from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response, StreamingResponse
from starlette.routing import Route

from lapor_gql.db.models import Attachment
from lapor_gql.domain.attachments import THUMBNAIL_MEDIA_TYPE, THUMBNAIL_VARIANT, files_of
from lapor_gql.domain.processes import Runtime
from lapor_gql.files.storage import StoredFileMissing, is_key
from lapor_gql.files.url_signing import VARIANTS, verify

log = logging.getLogger(__name__)

PREFIX = "/attachments"
# The file is a document of its own when opened: it may show itself (an image), nothing else, and
# runs sandboxed (no script, no forms, no same-origin access) whatever a browser makes of it.
CONTENT_SECURITY_POLICY = "default-src 'none'; img-src 'self'; sandbox"
# Shown in the page, not downloaded; anything else (PDF) is saved, never opened in this origin.
INLINE_TYPES = frozenset({"image/jpeg", "image/png", "image/webp"})


def routes(runtime: Runtime) -> list[Route]:
    async def download(request: Request) -> Response:
        return await _download(request, runtime)

    # A key is two path segments (``ab/cdef…``): three segments in all, so no key reaches the store
    # that the key alphabet does not allow (no ``..``, no empty segment).
    return [Route(PREFIX + "/{folder}/{name}/{variant}", download, methods=["GET"])]


def _refused(status: int) -> Response:
    return PlainTextResponse(
        "Forbidden" if status == 403 else "Not Found",
        status_code=status,
        headers={"Cache-Control": "no-store", "Content-Security-Policy": CONTENT_SECURITY_POLICY},
    )


async def _download(request: Request, rt: Runtime) -> Response:
    key = f"{request.path_params['folder']}/{request.path_params['name']}"
    variant = request.path_params["variant"]
    if variant not in VARIANTS or not is_key(key):
        return _refused(404)
    expires = request.query_params.get("expires", "")
    signature = request.query_params.get("signature", "")
    now = rt.clock()
    files = files_of(rt)
    if not verify(await files.signing_key(rt.clock), key, variant, expires, signature, now):
        return _refused(403)

    attachment = await Attachment.filter(key=key, attached_at__isnull=False).first()
    if attachment is None:  # swept, or never attached (a pending upload has no URL to give out)
        return _refused(404)
    if variant == THUMBNAIL_VARIANT:
        if attachment.thumbnail_key is None:
            return _refused(404)
        stored_key, media_type = attachment.thumbnail_key, THUMBNAIL_MEDIA_TYPE
        etag = f'"{attachment.sha256}-thumbnail"'
        filename = _thumbnail_name(attachment.filename)
        length = None  # the thumbnail's size is not recorded
    else:
        stored_key, media_type = attachment.key, attachment.media_type
        etag = f'"{attachment.sha256}"'
        filename = attachment.filename
        length = attachment.size

    headers = {
        "Content-Type": media_type,
        "Content-Disposition": content_disposition(
            "inline" if media_type in INLINE_TYPES else "attachment", filename
        ),
        "X-Content-Type-Options": "nosniff",
        "Content-Security-Policy": CONTENT_SECURITY_POLICY,
        # Kept (by this viewer's browser only) no longer than the link works.
        "Cache-Control": f"private, max-age={max(0, int(expires) - int(now.timestamp()))}",
        "Cross-Origin-Resource-Policy": "same-origin",
        "ETag": etag,
    }
    if etag in _etags(request.headers.get("if-none-match", "")):
        return Response(status_code=304, headers=_without_body_headers(headers))
    if length is not None:
        headers["Content-Length"] = str(length)

    chunks = files.store.open(stored_key)
    try:
        # The first chunk before the answer starts: a missing file is still a clean 404.
        first = await anext(chunks)
    except StoredFileMissing:
        log.error("attachment %s names a stored file that is missing (%s)", attachment.id, variant)
        return _refused(404)
    except StopAsyncIteration:
        first = b""
    if request.method == "HEAD":
        await chunks.aclose()  # type: ignore[attr-defined]
        return Response(status_code=200, headers=headers)
    return StreamingResponse(_streamed(first, chunks), status_code=200, headers=headers)


async def _streamed(first: bytes, rest: AsyncIterator[bytes]) -> AsyncIterator[bytes]:
    try:
        if first:
            yield first
        async for chunk in rest:
            yield chunk
    finally:
        # A client that goes away mid-download: the store's file or S3 connection is given back.
        await rest.aclose()  # type: ignore[attr-defined]


def _etags(header: str) -> set[str]:
    return {tag.strip().removeprefix("W/") for tag in header.split(",") if tag.strip()}


def _without_body_headers(headers: dict[str, str]) -> dict[str, str]:
    return {name: value for name, value in headers.items() if name not in ("Content-Type", "Content-Length")}


def _thumbnail_name(filename: str) -> str:
    stem = filename.rsplit(".", 1)[0] if "." in filename else filename
    return f"{stem}-thumbnail.jpg"


def content_disposition(disposition: str, filename: str) -> str:
    """RFC 6266: ``filename*`` carries the name in UTF-8 (Indonesian names, any script); ``filename``
    an ASCII stand-in for old clients, with nothing that could end the quoted string or the header."""
    ascii_name = unicodedata.normalize("NFKD", filename).encode("ascii", "ignore").decode("ascii")
    ascii_name = "".join(ch if ch.isprintable() and ch not in '"\\;' else "_" for ch in ascii_name)
    stem, dot, extension = ascii_name.rpartition(".")
    if not dot:
        stem, extension = extension, ""
    if not any(ch.isalnum() for ch in stem):  # nothing left of a name in another script
        ascii_name = "file" + dot + extension
    return f"{disposition}; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(filename, safe='')}"
