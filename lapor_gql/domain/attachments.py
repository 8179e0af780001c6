"""Files on reports: staging an upload, attaching it inside a command, who sees it, and the sweep.

An upload is prepared (type decided from the content, images re-encoded without metadata, a
thumbnail made: ``lapor_gql.files``), written to the file store, and only then recorded as a pending
row in a short transaction of its own. A command that names it (by its random key) attaches it inside
the command's transaction, so a refused or rolled-back command leaves it pending, and pending uploads
older than the upload TTL are swept with their files. The order (file first, row second) means a row
never names a missing file; a crash between the two leaves a file no row names, which the sweep
removes too.
"""

from __future__ import annotations

import logging
import secrets
import unicodedata
from collections.abc import AsyncIterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import PurePosixPath, PureWindowsPath
from typing import TYPE_CHECKING, BinaryIO

import anyio
import anyio.to_thread
from tortoise.exceptions import IntegrityError
from tortoise.expressions import Q
from tortoise.transactions import in_transaction

from lapor_gql.clock import Clock
from lapor_gql.config import UPLOAD_WINDOW
from lapor_gql.db.models import Attachment, Report, ReportEvent, Role, SharedSecret
from lapor_gql.files.preparation import FileLimits, FileRefused, PreparedFile, prepare_file
from lapor_gql.files.storage import FileStore, file_store, new_key
from lapor_gql.files.url_signing import download_path

from . import policy
from .actors import Actor
from .errors import FieldProblem, InvalidInput
from .throttling import Throttle, client_network, reserve_attempt

if TYPE_CHECKING:
    from lapor_gql.config import Settings

    from .processes import Runtime

log = logging.getLogger(__name__)

# The input field every problem of a command's attachments names.
ATTACHMENTS_FIELD = "attachments"
# The timeline entry of an officer's internal files (reportAttachmentAdd).
ATTACHMENT_ADD_ACTION = "attachment_add"
UPLOAD_NOT_FOUND = "UPLOAD_NOT_FOUND"
TOO_MANY_FILES = "TOO_MANY_FILES"
# What a download URL serves: the file itself, or its thumbnail (images only).
FILE_VARIANT = "file"
THUMBNAIL_VARIANT = "thumbnail"
THUMBNAIL_MEDIA_TYPE = "image/jpeg"
URL_KEY_PURPOSE = "attachment_url_key"
FILENAME_MAX = 200
# The entry a report's submission writes: its files are public (the reporter's own evidence).
SUBMIT_ACTION = "submit"
# Timeline entries by these roles are the officers' (each party counts its files on its own).
OFFICER_ROLES = (Role.ADMIN.value, Role.LIAISON.value)
_EXTENSIONS = {"image/jpeg": ".jpg", "image/png": ".png", "image/webp": ".webp", "application/pdf": ".pdf"}
# Stored keys no row names are compared with the rows this many at a time.
_SWEEP_BATCH = 500


@dataclass(frozen=True)
class AttachmentLimits:
    max_bytes: int
    max_per_report: int
    upload_ttl: timedelta
    url_ttl: timedelta
    # Files one client (an account, else an address's network) may upload per UPLOAD_WINDOW.
    uploads_per_window: int = 60

    @classmethod
    def from_settings(cls, settings: Settings) -> AttachmentLimits:
        return cls(
            max_bytes=settings.attachment_max_bytes,
            max_per_report=settings.attachment_max_per_report,
            upload_ttl=timedelta(hours=settings.attachment_upload_ttl_hours),
            url_ttl=timedelta(seconds=settings.attachment_url_ttl_seconds),
            uploads_per_window=settings.attachment_uploads_per_hour,
        )


@dataclass
class AttachmentFiles:
    """Where a deployment's attachments are stored, its limits, and the key its download URLs are
    signed with (``url_key`` from the settings, else the deployment's shared one, read once)."""

    store: FileStore
    limits: AttachmentLimits
    url_key: bytes | None = field(default=None, repr=False)
    # One preparation at a time (a decode's pixels fill most of the memory budget). Waiting here,
    # rather than in a worker thread for the decode lock, leaves the default threads to everything
    # else (static files, downloads). Made at first use, inside the event loop it belongs to.
    _preparing: anyio.CapacityLimiter | None = field(default=None, repr=False)

    def preparation_limiter(self) -> anyio.CapacityLimiter:
        if self._preparing is None:
            self._preparing = anyio.CapacityLimiter(1)
        return self._preparing

    @classmethod
    def from_settings(cls, settings: Settings) -> AttachmentFiles:
        configured = settings.attachment_url_key
        return cls(
            store=file_store(settings),
            limits=AttachmentLimits.from_settings(settings),
            url_key=configured.encode() if configured else None,
        )

    async def signing_key(self, clock: Clock) -> bytes:
        if self.url_key is None:
            self.url_key = await _shared_url_key(clock)
        return self.url_key


async def _shared_url_key(clock: Clock) -> bytes:
    """The deployment's URL key: made by the first server that needs one, read by every other."""
    found = await SharedSecret.filter(purpose=URL_KEY_PURPOSE).first()
    if found is None:
        try:
            found = await SharedSecret.create(
                purpose=URL_KEY_PURPOSE, value=secrets.token_urlsafe(48), created_at=clock()
            )
        except IntegrityError:  # another server made it a moment ago: use theirs
            found = await SharedSecret.get(purpose=URL_KEY_PURPOSE)
    return found.value.encode()


def files_of(rt: Runtime) -> AttachmentFiles:
    if rt.files is None:
        raise RuntimeError("this runtime has no attachment store (Runtime.files)")
    return rt.files


@dataclass(frozen=True)
class IncomingFile:
    """An uploaded file as the request brought it: its bytes (a spooled temporary file, read in
    chunks), the name the client gave (for Content-Disposition only) and the input field it came in."""

    source: BinaryIO
    filename: str
    field: str
    # Where the request came from: a person without an account is throttled by its network.
    client_address: str | None = None


def clean_filename(given: str, media_type: str) -> str:
    """The client's name reduced to its last part, without control or format characters, with the
    extension of what is stored (a HEIC photo is stored as JPEG; a "photo.jpg" may be a PDF)."""
    name = PureWindowsPath(PurePosixPath(given or "").name).name
    name = unicodedata.normalize("NFC", name)
    name = "".join(ch for ch in name if unicodedata.category(ch)[0] not in ("C", "Z") or ch == " ").strip()
    stem = name.rsplit(".", 1)[0] if "." in name else name
    stem = stem.strip(". ") or "file"
    extension = _EXTENSIONS.get(media_type, "")
    return stem[: FILENAME_MAX - len(extension)] + extension


async def stage_upload(rt: Runtime, actor: Actor, incoming: IncomingFile) -> Attachment:
    """Prepare and store an uploaded file, then record it as a pending upload of ``actor`` (committed
    at once, so it exists before any command names it). A refused file is ``InvalidInput`` on the
    file's field, with the refusal's code."""
    files = files_of(rt)
    await _count_upload(rt, actor, incoming, files.limits)
    limits = FileLimits(max_bytes=files.limits.max_bytes)
    try:
        prepared: PreparedFile = await anyio.to_thread.run_sync(
            prepare_file, incoming.source, limits, limiter=files.preparation_limiter()
        )
    except FileRefused as refused:
        params: dict[str, object] = {"max_mb": _megabytes(files.limits.max_bytes)}
        raise InvalidInput([FieldProblem(incoming.field, refused.code, params)]) from None
    with prepared:
        key = new_key()
        thumbnail_key = new_key() if prepared.thumbnail is not None else None
        await files.store.put(key, prepared.path, prepared.media_type)
        try:
            if thumbnail_key is not None and prepared.thumbnail is not None:
                await files.store.put(thumbnail_key, prepared.thumbnail, THUMBNAIL_MEDIA_TYPE)
            async with in_transaction():
                return await Attachment.create(
                    key=key,
                    thumbnail_key=thumbnail_key,
                    sha256=prepared.sha256,
                    size=prepared.size,
                    media_type=prepared.media_type,
                    filename=clean_filename(incoming.filename, prepared.media_type),
                    width=prepared.width,
                    height=prepared.height,
                    uploaded_by_id=actor.user_id,
                    created_at=rt.clock(),
                )
        except BaseException:
            # Nothing names these files: remove them now rather than wait for the sweep.
            await _delete_files(files.store, key, thumbnail_key)
            raise


async def _count_upload(rt: Runtime, actor: Actor, incoming: IncomingFile, limits: AttachmentLimits) -> None:
    """Anyone may upload, so each client has a budget of uploads per window, counted before the
    file is read (refused ones too: every upload costs a decode). Never cleared: a count, not a
    guess that a success would excuse."""
    who = (
        f"upload-user:{actor.user_id}"
        if actor.user_id is not None
        else f"upload:{client_network(incoming.client_address)}"
    )
    # The lockout lasts a window from the last upload allowed: then the count starts afresh.
    throttle = Throttle(max_failures=limits.uploads_per_window, window=UPLOAD_WINDOW, lockout=UPLOAD_WINDOW)
    await reserve_attempt(rt.clock(), who, throttle, incoming.field)


def _megabytes(size: int) -> str:
    return f"{size / 2**20:.3g}"  # MiB, as the setting is usually given (10 MiB says "10")


async def attach(
    report: Report,
    event: ReportEvent,
    refs: Sequence[str],
    actor: Actor,
    now: datetime,
    *,
    internal: bool,
    limits: AttachmentLimits,
) -> list[Attachment]:
    """Inside a command's transaction: attach the pending uploads ``refs`` (their keys) to the report
    and the timeline entry the command wrote. Each must be pending, not past the upload TTL, and the
    actor's own (an upload without an account has no owner: its key, which only the uploader was
    told, is what lets it be attached). The report keeps at most ``limits.max_per_report`` files of
    the reporter's side and as many of the officers' (admins, liaisons), counted apart.

    The files follow their entry (``files_are_public``): internal unless the entry is the submission
    or public with a message, whatever ``internal`` says."""
    keys = list(dict.fromkeys(refs))
    if not keys:
        return []
    rows = await Attachment.filter(key__in=keys).select_for_update()
    by_key = {row.key: row for row in rows}
    fresh_after = now - limits.upload_ttl
    for key in keys:
        row = by_key.get(key)
        if (
            row is None
            or row.attached_at is not None
            or row.created_at <= fresh_after
            or (row.uploaded_by_id is not None and row.uploaded_by_id != actor.user_id)
        ):
            raise InvalidInput([FieldProblem(ATTACHMENTS_FIELD, UPLOAD_NOT_FOUND)])
    # Each party has its own allowance: counting the officers' (possibly internal) files against the
    # reporter would tell the reporter they exist, and the reporter's photos would block the answer.
    officers = event.actor_role in OFFICER_ROLES
    party = Q(event__actor_role__in=OFFICER_ROLES)
    already = await Attachment.filter(party if officers else ~party, report_id=report.id).count()
    if already + len(keys) > limits.max_per_report:
        raise InvalidInput([FieldProblem(ATTACHMENTS_FIELD, TOO_MANY_FILES, {"max": limits.max_per_report})])
    is_internal = internal or not files_are_public(event)
    await Attachment.filter(id__in=[row.id for row in rows]).update(
        report_id=report.id, event_id=event.id, is_internal=is_internal, attached_at=now
    )
    for row in rows:
        row.report_id, row.event_id, row.is_internal, row.attached_at = report.id, event.id, is_internal, now
    return [by_key[key] for key in keys]


def files_are_public(event: ReportEvent) -> bool:
    """Whether files on this timeline entry are for everyone who sees the report. Only the submission
    and entries that carry a public message (a `note` text) are: an officer's action with a file and
    no message (a disposition, a not-authority reason, a bare status change) has said nothing to the
    public, so its file is for the officers alone (admins and the handling agency)."""
    return event.is_public and (event.action == SUBMIT_ACTION or bool(event.message.strip()))


async def attach_in_command(
    rt: Runtime,
    report: Report,
    event: ReportEvent,
    refs: Sequence[str],
    actor: Actor,
    now: datetime,
    *,
    internal: bool = False,
) -> None:
    """``attach`` with the runtime's limits; a command without files needs no store."""
    if refs:
        await attach(report, event, refs, actor, now, internal=internal, limits=files_of(rt).limits)


def visible_attachments(
    actor: Actor, report: policy.ReportFacts, attachments: Sequence[Attachment]
) -> list[Attachment]:
    """The ones the viewer of ``report`` (which they may see) may see: ``policy.may_see_attachment``."""
    return [a for a in attachments if policy.may_see_attachment(actor, report, a.is_internal)]


@dataclass(frozen=True)
class DownloadLink:
    url: str
    thumbnail_url: str | None
    expires_at: datetime


async def download_link(rt: Runtime, attachment: Attachment) -> DownloadLink | None:
    """Signed, short-lived URLs of an attached file and its thumbnail; None for a pending upload
    (it is served once a command attached it, and only to who may see it there)."""
    if attachment.attached_at is None:
        return None
    files = files_of(rt)
    key = await files.signing_key(rt.clock)
    # Whole seconds, so the URL (which carries the expiry as an integer) and the field agree.
    expires_at = (rt.clock() + files.limits.url_ttl).replace(microsecond=0)

    thumbnail = (
        download_path(key, attachment.key, THUMBNAIL_VARIANT, expires_at)
        if attachment.thumbnail_key
        else None
    )
    return DownloadLink(
        url=download_path(key, attachment.key, FILE_VARIANT, expires_at),
        thumbnail_url=thumbnail,
        expires_at=expires_at,
    )


# --- the sweep ---------------------------------------------------------------------------------


async def sweep_orphans(rt: Runtime, store: FileStore | None = None, *, whole_store: bool = True) -> int:
    """Remove what no report will ever show, and return how many files went: pending uploads older
    than the upload TTL (row, file and thumbnail), and, with ``whole_store``, stored files older than
    the TTL that no row names (a crash between writing a file and recording it). That second pass
    lists the whole store (an S3 bucket, maybe), so a server runs it only now and then."""
    files = files_of(rt)
    store = store or files.store
    cutoff = rt.clock() - files.limits.upload_ttl
    removed = 0
    while True:
        async with in_transaction():
            # SKIP LOCKED: a row locked now is being attached by a command; it is not ours to remove.
            stale = (
                await Attachment.filter(attached_at__isnull=True, created_at__lt=cutoff)
                .order_by("id")
                .limit(_SWEEP_BATCH)
                .select_for_update(skip_locked=True)
            )
            if stale:
                await Attachment.filter(id__in=[row.id for row in stale], attached_at__isnull=True).delete()
        # The rows are gone (committed) before their files, so no row ever names a missing file.
        for row in stale:
            removed += await _delete_files(store, row.key, row.thumbnail_key)
        if len(stale) < _SWEEP_BATCH:
            break
    if whole_store:
        removed += await _sweep_unnamed(store, cutoff)
    if removed:
        log.info("swept %d attachment file(s) nothing will show", removed)
    return removed


async def _sweep_unnamed(store: FileStore, cutoff: datetime) -> int:
    removed = 0
    batch: list[str] = []
    async for key in _stored_before(store, cutoff):
        batch.append(key)
        if len(batch) >= _SWEEP_BATCH:
            removed += await _delete_unnamed(store, batch)
            batch = []
    if batch:
        removed += await _delete_unnamed(store, batch)
    return removed


async def _stored_before(store: FileStore, cutoff: datetime) -> AsyncIterator[str]:
    async for key, modified in store.keys():
        if modified < cutoff:
            yield key


async def _delete_unnamed(store: FileStore, keys: list[str]) -> int:
    named: set[str] = set()
    for key, thumbnail_key in await Attachment.filter(
        Q(key__in=keys) | Q(thumbnail_key__in=keys)
    ).values_list("key", "thumbnail_key"):
        named.update(k for k in (key, thumbnail_key) if k)
    removed = 0
    for key in keys:
        if key not in named:
            removed += await _delete_files(store, key, None)
    return removed


async def _delete_files(store: FileStore, key: str, thumbnail_key: str | None) -> int:
    deleted = 0
    for name in (key, thumbnail_key):
        if name is None:
            continue
        try:
            await store.delete(name)
            deleted += 1
        except Exception:  # the next sweep tries again; one unreachable file must not stop the rest
            log.exception("deleting attachment file %s failed", name)
    return deleted
