"""Attachment files below the domain: what a file is, making it safe to keep, and where it is kept.

Nothing here knows the database, GraphQL or who may see what; the domain (lapor_gql/domain/attachments.py)
decides that and calls in. Pillow, pillow-heif and boto3 are imported inside the functions that use
them: the idle server has a tight memory budget and most processes never decode an image.
"""

from __future__ import annotations

from .preparation import FileLimits, FileRefused, PreparedFile, RefusalCode, prepare_file
from .sniffing import FileKind, sniff
from .storage import FileStore, LocalFileStore, S3FileStore, StoredFileMissing, file_store, new_key

__all__ = [
    "FileKind",
    "FileLimits",
    "FileRefused",
    "FileStore",
    "LocalFileStore",
    "PreparedFile",
    "RefusalCode",
    "S3FileStore",
    "StoredFileMissing",
    "file_store",
    "new_key",
    "prepare_file",
    "sniff",
]
