"""What a file is, decided from its first bytes only.

A client's file name and Content-Type are whatever the client says; a photo.jpg may be an HTML page
that a browser would run. Only these kinds are accepted, and only when their bytes say so.
"""

from __future__ import annotations

from enum import Enum

import filetype  # small and pure Python: its matchers are a few byte comparisons

# Enough for every matcher below (filetype itself looks at most at the first 8 KiB).
SNIFF_BYTES = 8192


class FileKind(Enum):
    """An accepted kind; the value is its media type as uploaded.

    HEIC is kept as JPEG after re-encoding (browsers other than Safari cannot show HEIC), so
    ``PreparedFile.media_type``, not this value, is the type a stored file is served with."""

    JPEG = "image/jpeg"
    PNG = "image/png"
    WEBP = "image/webp"
    HEIC = "image/heic"
    PDF = "application/pdf"

    @property
    def is_image(self) -> bool:
        return self is not FileKind.PDF


_BY_FILETYPE_MIME = {
    "image/jpeg": FileKind.JPEG,
    "image/png": FileKind.PNG,
    # An animated PNG is a PNG whose first frame any PNG decoder shows; only that frame is kept.
    "image/apng": FileKind.PNG,
    "image/webp": FileKind.WEBP,
    "image/heic": FileKind.HEIC,
}

# HEIF brands of HEVC-coded images that filetype does not know (it knows "heic", and "mif1"/"msf1"
# naming "heic" among their compatible brands): 10-bit and multi-view/sequence variants from phones.
_MORE_HEIC_BRANDS = frozenset({b"heix", b"heim", b"heis", b"hevc", b"hevx"})


def sniff(head: bytes) -> FileKind | None:
    """The kind of a file starting with ``head`` (give at least ``SNIFF_BYTES`` if the file has them),
    or None when it is none of the accepted kinds."""
    if head.startswith(b"%PDF-"):
        return FileKind.PDF
    match = filetype.image_match(head)
    if match is not None:
        return _BY_FILETYPE_MIME.get(match.mime)
    if head[4:8] == b"ftyp" and head[8:12] in _MORE_HEIC_BRANDS:
        return FileKind.HEIC
    return None
