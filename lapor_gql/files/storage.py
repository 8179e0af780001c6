"""Where attachment bytes are kept: a folder on local disk, or an S3-compatible object store.

The database holds only an attachment's metadata and its key; the bytes live here under that key.
Keys are random (``new_key``), never derived from what a client sent, so a client's file name can
neither collide with another file nor climb out of the folder, and knowing one key tells nothing
about another. Both stores take and give files in chunks: no file is ever held whole in memory.
"""

from __future__ import annotations

import os
import re
import secrets
import shutil
import threading
from collections.abc import AsyncIterator
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

import anyio
import anyio.to_thread

from lapor_gql.clock import aware_utc

if TYPE_CHECKING:
    from os import PathLike

CHUNK_BYTES = 64 * 1024
# Two characters of the key name a folder (4,096 of them): no single folder (or S3 listing page)
# grows with every file ever stored.
_KEY = re.compile(r"[A-Za-z0-9_-]{2}/[A-Za-z0-9_-]{16,64}")
FILE_MODE = 0o640
FOLDER_MODE = 0o750
# S3 multipart upload above this size, in parts of this size: a 10 MB file goes in two requests.
S3_MULTIPART_BYTES = 8 * 1024 * 1024


class StoredFileMissing(Exception):
    """No file is stored under the key (never written, deleted, or not a key at all)."""


class FileStore(Protocol):
    async def put(self, key: str, path: Path, media_type: str) -> None:
        """Store the file at ``path`` under ``key``; done (durably) when this returns."""

    def open(self, key: str) -> AsyncIterator[bytes]:
        """The stored bytes in chunks of about 64 KiB; raises ``StoredFileMissing`` when iterated."""
        ...

    async def delete(self, key: str) -> None:
        """Remove the file; a key with nothing stored under it is no error."""

    def keys(self) -> AsyncIterator[tuple[str, datetime]]:
        """Every stored key with the time it was written (aware UTC), for the orphan sweep."""
        ...


def new_key() -> str:
    """A fresh random key, ``ab/cdef…``: 192 random bits, URL-safe."""
    token = secrets.token_urlsafe(24)
    return f"{token[:2]}/{token[2:]}"


def is_key(value: str) -> bool:
    return _KEY.fullmatch(value) is not None


def _checked(key: str) -> str:
    if not is_key(key):
        raise ValueError(f"not a storage key: {key!r}")
    return key


class LocalFileStore:
    """Files under ``root``, one per key (``root/ab/cdef…``), readable by the server's group only."""

    def __init__(self, root: Path) -> None:
        self.root = root

    async def put(self, key: str, path: Path, media_type: str) -> None:
        # The media type lives in the database row; a file on disk has nowhere to keep it.
        await anyio.to_thread.run_sync(self._write, self.root / _checked(key), path)

    @staticmethod
    def _write(target: Path, source: Path) -> None:
        """Copy to a temporary name beside the target, flush to disk, then rename: a reader (or a
        crash) sees the whole file or none, and the file is on disk before the transaction that
        names it commits."""
        target.parent.mkdir(mode=FOLDER_MODE, parents=True, exist_ok=True)
        temporary = target.parent / f".{target.name}.{secrets.token_hex(8)}.tmp"
        try:
            descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE)
            with os.fdopen(descriptor, "wb") as out, source.open("rb") as incoming:
                shutil.copyfileobj(incoming, out, CHUNK_BYTES)
                out.flush()
                os.fchmod(out.fileno(), FILE_MODE)  # whatever the process's umask would have left
                os.fsync(out.fileno())
            os.replace(temporary, target)
        except BaseException:
            temporary.unlink(missing_ok=True)
            raise

    async def open(self, key: str) -> AsyncIterator[bytes]:
        if not is_key(key):
            raise StoredFileMissing(key)
        try:
            file = await anyio.open_file(self.root / key, "rb")
        except FileNotFoundError as error:
            raise StoredFileMissing(key) from error
        async with file:
            while chunk := await file.read(CHUNK_BYTES):
                yield chunk

    async def delete(self, key: str) -> None:
        await anyio.to_thread.run_sync((self.root / _checked(key)).unlink, True)

    async def keys(self) -> AsyncIterator[tuple[str, datetime]]:
        for folder in await anyio.to_thread.run_sync(self._folders):
            for entry in await anyio.to_thread.run_sync(self._files_in, folder):
                yield entry

    def _folders(self) -> list[str]:
        try:
            with os.scandir(self.root) as entries:
                return sorted(entry.name for entry in entries if entry.is_dir(follow_symlinks=False))
        except FileNotFoundError:
            return []  # nothing stored yet

    def _files_in(self, folder: str) -> list[tuple[str, datetime]]:
        found: list[tuple[str, datetime]] = []
        with os.scandir(self.root / folder) as entries:
            for entry in entries:
                key = f"{folder}/{entry.name}"
                # Temporary files of writes under way (dot names) are not keys.
                if is_key(key) and entry.is_file(follow_symlinks=False):
                    found.append((key, datetime.fromtimestamp(entry.stat().st_mtime, UTC)))
        return found


class S3FileStore:
    """Objects in an S3-compatible bucket (AWS S3, MinIO, Garage, Ceph …) under ``prefix + key``.

    boto3 is imported with the first request, not before: most deployments never load it. Its calls
    block, so each runs in a worker thread; one client is shared (boto3 clients are thread-safe)."""

    def __init__(
        self,
        endpoint_url: str | None,
        bucket: str,
        region: str | None,
        access_key: str | None,
        secret_key: str | None,
        prefix: str = "",
    ) -> None:
        self.endpoint_url = endpoint_url
        self.bucket = bucket
        self.region = region
        # A folder of its own: the sweep removes objects under the prefix that no row names, so the
        # prefix must not be a mere start of other objects' names ("lapor" would match "lapor-backup").
        self.prefix = prefix if not prefix or prefix.endswith("/") else prefix + "/"
        self._access_key = access_key
        self._secret_key = secret_key
        self._client: Any = None
        self._client_made = threading.Lock()

    def __repr__(self) -> str:  # never the secret key
        return f"S3FileStore({self.endpoint_url!r}, bucket={self.bucket!r}, prefix={self.prefix!r})"

    def _s3(self) -> Any:
        with self._client_made:
            if self._client is None:
                import boto3
                from botocore.config import Config

                config = Config(
                    # Other S3 implementations than AWS's serve buckets by path, not by host name.
                    s3={"addressing_style": "path"} if self.endpoint_url else {},
                    # boto3 since 1.36 adds checksums that several S3-compatible servers refuse;
                    # send them only where the S3 API requires them.
                    request_checksum_calculation="when_required",
                    response_checksum_validation="when_required",
                    retries={"mode": "standard", "max_attempts": 3},
                    connect_timeout=10,
                    read_timeout=60,
                )
                self._client = boto3.session.Session().client(
                    "s3",
                    endpoint_url=self.endpoint_url,
                    region_name=self.region,
                    aws_access_key_id=self._access_key,
                    aws_secret_access_key=self._secret_key,
                    config=config,
                )
            return self._client

    async def put(self, key: str, path: Path, media_type: str) -> None:
        await anyio.to_thread.run_sync(self._upload, self.prefix + _checked(key), path, media_type)

    def _upload(self, name: str, path: Path, media_type: str) -> None:
        from boto3.s3.transfer import TransferConfig

        transfer = TransferConfig(
            multipart_threshold=S3_MULTIPART_BYTES,
            multipart_chunksize=S3_MULTIPART_BYTES,
            # In the worker thread that calls it: boto3 otherwise starts a pool of threads for every
            # upload, and each thread's C heap stays with the process (bench/uploads.py: 19 MiB after
            # 20 uploads of 5 MB). Parts go one after the other, which files of a few MB hardly notice.
            use_threads=False,
        )
        self._s3().upload_file(
            str(path), self.bucket, name, ExtraArgs={"ContentType": media_type}, Config=transfer
        )

    async def open(self, key: str) -> AsyncIterator[bytes]:
        if not is_key(key):
            raise StoredFileMissing(key)
        body = await anyio.to_thread.run_sync(self._body, key)
        try:
            chunks = body.iter_chunks(CHUNK_BYTES)
            while (chunk := await anyio.to_thread.run_sync(next, chunks, None)) is not None:
                yield chunk
        finally:
            body.close()  # a reader that stops early gives the connection back

    def _body(self, key: str) -> Any:
        from botocore.exceptions import ClientError

        try:
            return self._s3().get_object(Bucket=self.bucket, Key=self.prefix + key)["Body"]
        except ClientError as error:
            if error.response.get("Error", {}).get("Code") in ("NoSuchKey", "404", "NotFound"):
                raise StoredFileMissing(key) from error
            raise

    async def delete(self, key: str) -> None:
        # S3 answers a delete of a missing object with success, as this protocol wants.
        name = self.prefix + _checked(key)
        await anyio.to_thread.run_sync(lambda: self._s3().delete_object(Bucket=self.bucket, Key=name))

    async def keys(self) -> AsyncIterator[tuple[str, datetime]]:
        pages = await anyio.to_thread.run_sync(self._pages)
        while (page := await anyio.to_thread.run_sync(next, pages, None)) is not None:
            for item in page.get("Contents", []):
                key = item["Key"][len(self.prefix) :]
                if is_key(key):  # other objects in a shared bucket are not ours
                    yield key, aware_utc(item["LastModified"])

    def _pages(self) -> Any:
        paginator = self._s3().get_paginator("list_objects_v2")
        return iter(paginator.paginate(Bucket=self.bucket, Prefix=self.prefix))


class StoreSettings(Protocol):
    """The settings a store is made from (lapor_gql/config.py ``Settings`` has them)."""

    @property
    def attachment_store(self) -> str: ...
    @property
    def attachment_dir(self) -> PathLike[str] | str: ...
    @property
    def attachment_s3_endpoint(self) -> str | None: ...
    @property
    def attachment_s3_bucket(self) -> str | None: ...
    @property
    def attachment_s3_region(self) -> str | None: ...
    @property
    def attachment_s3_access_key(self) -> str | None: ...
    @property
    def attachment_s3_secret_key(self) -> str | None: ...
    @property
    def attachment_s3_prefix(self) -> str | None: ...


def file_store(settings: StoreSettings) -> FileStore:
    """The store the settings choose: ``local`` (the default) or ``s3``."""
    if settings.attachment_store == "local":
        return LocalFileStore(Path(settings.attachment_dir))
    if settings.attachment_store == "s3":
        if not settings.attachment_s3_bucket:
            raise ValueError("LAPOR_ATTACHMENT_STORE=s3 needs LAPOR_ATTACHMENT_S3_BUCKET")
        return S3FileStore(
            endpoint_url=settings.attachment_s3_endpoint or None,
            bucket=settings.attachment_s3_bucket,
            region=settings.attachment_s3_region or None,
            access_key=settings.attachment_s3_access_key or None,
            secret_key=settings.attachment_s3_secret_key or None,
            prefix=settings.attachment_s3_prefix or "",
        )
    raise ValueError(f"unknown attachment store {settings.attachment_store!r}: local or s3")
