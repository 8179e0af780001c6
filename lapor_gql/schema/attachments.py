"""Attachments in the schema: the Upload scalar (GraphQL multipart request spec), the inputs that
carry files, the Attachment node with its signed URLs, and attachmentUpload.

A file sent inline in a command's input is staged (stored, recorded as a pending upload) before the
command runs and then passed to it by key, exactly as a file uploaded earlier with attachmentUpload.
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import Any, BinaryIO, ClassVar, Self

import strawberry
from strawberry import relay
from strawberry.file_uploads import Upload

from lapor_gql.db import models
from lapor_gql.domain import attachments, policy
from lapor_gql.domain.errors import FieldProblem, InvalidInput

from .context import Info
from .errors import MutationError, run_mutation

ATTACHMENT_TYPE = "Attachment"


@strawberry.input(
    description="One file for a command: `file` (sent in this request, GraphQL multipart request spec) or "
    "`uploadId` (an Attachment's id from attachmentUpload, not yet attached), exactly one of the two."
)
class AttachmentInput:
    file: Upload | None = None
    upload_id: strawberry.ID | None = None


@strawberry.input
class AttachmentUploadInput:
    file: Upload = strawberry.field(
        description="A photo (JPEG, PNG, WebP, HEIC) or a PDF; its type is read from its content."
    )


@strawberry.type(
    name="Attachment",
    description="A file on a report: a photo (re-encoded without its metadata, such as where it was "
    "taken) or a PDF. Seen by who sees what it is attached to; an internal one only by admins and the "
    "handling agency.",
)
class AttachmentNode(relay.Node):
    id: relay.NodeID[str]
    model: strawberry.Private[models.Attachment]
    link: strawberry.Private[asyncio.Future[attachments.DownloadLink | None] | None] = None
    # Its id is over the random storage key, never the row's number (``ids.decode_node_id``).
    keyed_by_text: ClassVar[bool] = True

    @classmethod
    def from_model(cls, attachment: models.Attachment) -> Self:
        return cls(id=attachment.key, model=attachment)

    @strawberry.field(description="The name it was sent under, cleaned, with its stored type's extension.")
    def filename(self) -> str:
        return self.model.filename

    @strawberry.field(description="The stored type: image/jpeg (also for HEIC photos), image/png, …")
    def media_type(self) -> str:
        return self.model.media_type

    @strawberry.field(description="Bytes, as stored.")
    def size(self) -> int:
        return self.model.size

    @strawberry.field
    def width(self) -> int | None:
        return self.model.width

    @strawberry.field
    def height(self) -> int | None:
        return self.model.height

    @strawberry.field(description="Only for admins and the handling agency.")
    def is_internal(self) -> bool:
        return self.model.is_internal

    @strawberry.field(description="When it was uploaded.")
    def created_at(self) -> datetime:
        return self.model.created_at

    @strawberry.field(
        description="A signed download URL (a path on this server), valid until urlExpiresAt: ask again "
        "for a fresh one. Null for an upload not yet attached."
    )
    async def url(self, info: Info) -> str | None:
        link = await self._link(info)
        return link.url if link else None

    @strawberry.field(description="A JPEG at most 320 px on its longest side, for images; else null.")
    async def thumbnail_url(self, info: Info) -> str | None:
        link = await self._link(info)
        return link.thumbnail_url if link else None

    @strawberry.field(description="Until when url and thumbnailUrl work.")
    async def url_expires_at(self, info: Info) -> datetime | None:
        link = await self._link(info)
        return link.expires_at if link else None

    async def _link(self, info: Info) -> attachments.DownloadLink | None:
        # Made once per node (one clock read), so url, thumbnailUrl and urlExpiresAt agree even when
        # time passes between resolving them; a task, because the three are resolved concurrently.
        if self.link is None:
            self.link = asyncio.ensure_future(attachments.download_link(info.context.runtime, self.model))
        return await self.link

    @classmethod
    async def resolve_nodes(  # type: ignore[override]
        cls, *, info: Info, node_ids: Iterable[str], required: bool = False
    ) -> list[Self | None]:
        keys = list(node_ids)
        found = {a.key: a for a in await models.Attachment.filter(key__in=keys, attached_at__isnull=False)}
        report_ids = {a.report_id for a in found.values() if a.report_id is not None}
        reports = {r.id: r for r in await models.Report.filter(id__in=list(report_ids))}
        actor = info.context.actor

        def visible(attachment: models.Attachment | None) -> bool:
            report = reports.get(attachment.report_id or 0) if attachment else None
            return (
                attachment is not None
                and report is not None
                and policy.may_see_attachment(actor, report, attachment.is_internal)
            )

        return [cls.from_model(found[k]) if visible(found.get(k)) else None for k in keys]


@strawberry.type(description="The upload, pending until a command names it by its id as an uploadId.")
class AttachmentUploadPayload:
    attachment: AttachmentNode | None = None
    errors: list[MutationError] = strawberry.field(default_factory=list)


def _incoming(info: Info, upload: Any, field: str) -> attachments.IncomingFile:
    # Starlette's UploadFile: a spooled temporary file (on disk past 1 MiB), read by the preparation
    # in chunks. The scalar takes any JSON too: a value that is no file part is INVALID.
    source: BinaryIO | None = getattr(upload, "file", None)
    if source is None or not callable(getattr(source, "read", None)):
        raise InvalidInput([FieldProblem(field, "INVALID")])
    filename = getattr(upload, "filename", None)
    return attachments.IncomingFile(
        source=source,
        filename=filename if isinstance(filename, str) else "",
        field=field,
        client_address=info.context.client_address,
    )


def upload_key(raw: str, field: str) -> str:
    """The storage key inside an Attachment's id; a malformed one is INVALID on ``field``."""
    try:
        decoded = relay.GlobalID.from_id(raw)
    except Exception:  # strawberry raises several kinds for malformed base64 and missing separators
        decoded = None
    if decoded is None or decoded.type_name != ATTACHMENT_TYPE or not decoded.node_id:
        raise InvalidInput([FieldProblem(field, "INVALID")])
    return decoded.node_id


def upload_keys(given: Sequence[AttachmentInput] | None) -> list[str | None]:
    """The key of each item sent by ``uploadId`` (None for a ``file``), each checked to be exactly one of
    the two; a malformed id is INVALID on its own path (``attachments.0.uploadId``)."""
    keys: list[str | None] = []
    for index, item in enumerate(given or []):
        if (item.file is None) == (item.upload_id is None):
            raise InvalidInput([FieldProblem(attachments.ATTACHMENTS_FIELD, "INVALID")])
        # Spelled as sent: reportActionPerform passes its fields through unconverted.
        field = f"{attachments.ATTACHMENTS_FIELD}.{index}.uploadId"
        keys.append(upload_key(item.upload_id, field) if item.upload_id is not None else None)
    return keys


async def attachment_keys(info: Info, given: Sequence[AttachmentInput] | None) -> tuple[str, ...]:
    """The keys of a command's files: ids as given, inline files staged first (stored and recorded as
    the actor's pending uploads). Each input must carry exactly one of the two."""
    inputs = list(given or [])
    keys = upload_keys(inputs)
    runtime, actor = info.context.runtime, info.context.actor
    for index, item in enumerate(inputs):
        if item.file is not None:
            staged = await attachments.stage_upload(
                runtime, actor, _incoming(info, item.file, attachments.ATTACHMENTS_FIELD)
            )
            keys[index] = staged.key
    return tuple(key for key in keys if key is not None)


@strawberry.type
class AttachmentMutation:
    @strawberry.mutation(
        description="Anyone: upload a file now (say, while the form is filled in) and send its id later as "
        "an AttachmentInput's uploadId. A GraphQL multipart request; an upload nobody attaches is "
        "removed after LAPOR_ATTACHMENT_UPLOAD_TTL_HOURS."
    )
    async def attachment_upload(self, info: Info, input: AttachmentUploadInput) -> AttachmentUploadPayload:
        async def upload() -> AttachmentUploadPayload:
            staged = await attachments.stage_upload(
                info.context.runtime, info.context.actor, _incoming(info, input.file, "file")
            )
            return AttachmentUploadPayload(attachment=AttachmentNode.from_model(staged))

        return await run_mutation(info.context.language, AttachmentUploadPayload, upload)
