"""Making an uploaded file safe to keep: its kind from its bytes, images re-encoded without metadata.

A phone photo carries EXIF: the GPS position where it was taken (an anonymous reporter's home), the
camera's serial number, the time. Rather than find and cut each such block, every image is decoded
and encoded afresh from its pixels alone, so nothing but the picture (and its colour profile) can
survive: no EXIF, GPS, XMP, comments or text chunks. The orientation EXIF gave is applied to the
pixels first, so the photo still stands the right way up.

Everything is synchronous and works on temporary files: callers run ``prepare_file`` in a worker
thread (``anyio.to_thread.run_sync``). The upload is copied in chunks, never held whole in memory;
only a decoded image is, which is why at most one image is decoded at a time per process (see
``_DECODING``) and large JPEGs are decoded at a reduced scale when they are to be downscaled anyway.
"""

from __future__ import annotations

import ctypes
import hashlib
import shutil
import struct
import tempfile
import threading
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, BinaryIO, Literal

from .sniffing import SNIFF_BYTES, FileKind, sniff

if TYPE_CHECKING:
    from PIL import Image

RefusalCode = Literal["UNSUPPORTED_FILE_TYPE", "FILE_TOO_LARGE", "FILE_UNREADABLE", "IMAGE_TOO_LARGE"]
"""Why a file was refused. The domain shows each code in Indonesian and English (its messages)."""

CHUNK_BYTES = 64 * 1024
THUMBNAIL_SIDE = 320
JPEG_QUALITY = 85
WEBP_QUALITY = 85
THUMBNAIL_QUALITY = 80
# PDF readers look for the end-of-file marker within the last 1,024 bytes (PDF 1.7, Implementation
# note 18); a file without one is cut short or not a PDF at all.
PDF_EOF_WINDOW = 1024

# A 12-megapixel photo decodes to 36 MB of pixels, a 40-megapixel PNG with alpha to 160 MB. The
# server's memory budget holds one such decode, not one per parallel upload: later ones wait.
_DECODING = threading.BoundedSemaphore(1)
_set_up = threading.Lock()
_heif_ready = False
_allocator_ready = False
# glibc's mallopt parameter: allocations of at least this many bytes get pages of their own.
_M_MMAP_THRESHOLD = -3
_MMAP_THRESHOLD_BYTES = 1024 * 1024

# What a damaged or hostile image makes Pillow (or libheif through pillow-heif) raise while opening
# or decoding it: truncated data and bad headers (OSError, SyntaxError, EOFError, struct.error),
# impossible values (ValueError), libheif's decode failures (RuntimeError).
_DECODE_ERRORS = (OSError, SyntaxError, EOFError, ValueError, RuntimeError, struct.error)


class FileRefused(Exception):
    """The file cannot be accepted; ``code`` says why."""

    def __init__(self, code: RefusalCode) -> None:
        super().__init__(code)
        self.code: RefusalCode = code


@dataclass(frozen=True)
class FileLimits:
    max_bytes: int
    # Pillow's own decompression-bomb limit is about 89 megapixels; 40 is more than any phone camera
    # makes and keeps one decode's memory within the server's budget.
    max_pixels: int = 40_000_000
    # Larger images are scaled down to this longest side: a complaint needs to show a pothole, not
    # keep a 50-megapixel original.
    image_max_side: int = 4096


@dataclass
class PreparedFile:
    """What to store, in temporary files that ``close()`` (or leaving the ``with`` block) removes."""

    kind: FileKind
    media_type: str  # as stored: HEIC becomes JPEG
    path: Path
    size: int
    sha256: str  # hex digest of the bytes at ``path``
    width: int | None
    height: int | None
    thumbnail: Path | None  # JPEG, longest side at most THUMBNAIL_SIDE; images only
    thumbnail_size: int | None
    _folder: Path = field(repr=False)  # holds the temporary files; removed whole by close()

    def close(self) -> None:
        shutil.rmtree(self._folder, ignore_errors=True)

    def __enter__(self) -> PreparedFile:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()


def prepare_file(source: BinaryIO, limits: FileLimits) -> PreparedFile:
    """Copy ``source`` to a temporary file, decide its kind and make the bytes to store.

    Raises ``FileRefused``; nothing temporary is left behind then."""
    folder = Path(tempfile.mkdtemp(prefix="lapor-upload-"))
    try:
        received = folder / "received"
        _copy_within_limit(source, received, limits.max_bytes)
        with received.open("rb") as file:
            kind = sniff(file.read(SNIFF_BYTES))
        if kind is None:
            raise FileRefused("UNSUPPORTED_FILE_TYPE")
        if kind is FileKind.PDF:
            _check_pdf(received)
            return _prepared(kind, kind.value, received, None, None, None, folder)
        stored = folder / "stored"
        thumbnail = folder / "thumbnail.jpg"
        media_type, width, height = _reencode_image(kind, received, stored, thumbnail, limits)
        received.unlink()
        return _prepared(kind, media_type, stored, width, height, thumbnail, folder)
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)
        raise


def _copy_within_limit(source: BinaryIO, target: Path, max_bytes: int) -> None:
    """Stop reading as soon as the file is known to be too large: a client cannot make the server
    read (or write) more than the limit."""
    copied = 0
    with target.open("wb") as out:
        while chunk := source.read(CHUNK_BYTES):
            copied += len(chunk)
            if copied > max_bytes:
                raise FileRefused("FILE_TOO_LARGE")
            out.write(chunk)


def _check_pdf(path: Path) -> None:
    """PDFs are stored byte for byte (re-rendering them is a job for a sandboxed converter, not this
    server), but at least their frame must be whole. A browser never runs them: they are served as
    downloads with a sandboxing CSP."""
    size = path.stat().st_size
    with path.open("rb") as file:
        file.seek(max(0, size - PDF_EOF_WINDOW))
        if b"%%EOF" not in file.read():
            raise FileRefused("FILE_UNREADABLE")


def _prepared(
    kind: FileKind,
    media_type: str,
    path: Path,
    width: int | None,
    height: int | None,
    thumbnail: Path | None,
    folder: Path,
) -> PreparedFile:
    size, digest = _size_and_sha256(path)
    return PreparedFile(
        kind=kind,
        media_type=media_type,
        path=path,
        size=size,
        sha256=digest,
        width=width,
        height=height,
        thumbnail=thumbnail,
        thumbnail_size=thumbnail.stat().st_size if thumbnail is not None else None,
        _folder=folder,
    )


def _size_and_sha256(path: Path) -> tuple[int, str]:
    digest = hashlib.sha256()
    size = 0
    with path.open("rb") as file:
        while chunk := file.read(CHUNK_BYTES):
            size += len(chunk)
            digest.update(chunk)
    return size, digest.hexdigest()


# Pillow's format names, to open a file only as the kind its bytes were sniffed as (no other of
# Pillow's many decoders gets to parse it), and the format each kind is stored as.
_PILLOW_FORMAT = {FileKind.JPEG: "JPEG", FileKind.PNG: "PNG", FileKind.WEBP: "WEBP", FileKind.HEIC: "HEIF"}
_STORED_AS: dict[FileKind, tuple[str, str]] = {
    FileKind.JPEG: ("JPEG", "image/jpeg"),
    FileKind.PNG: ("PNG", "image/png"),
    FileKind.WEBP: ("WEBP", "image/webp"),
    FileKind.HEIC: ("JPEG", "image/jpeg"),
}


def _reencode_image(
    kind: FileKind, received: Path, stored: Path, thumbnail: Path, limits: FileLimits
) -> tuple[str, int, int]:
    """Write the re-encoded image and its thumbnail; the stored media type and pixel size."""
    _return_large_blocks_to_the_system()
    if kind is FileKind.HEIC:
        _register_heif()
    with _DECODING:
        upright = _decoded_upright(kind, received, limits)
        pillow_format, media_type = _STORED_AS[kind]
        _save_without_metadata(upright, stored, pillow_format)
        _save_thumbnail(upright, thumbnail)
        return media_type, upright.width, upright.height


def _register_heif() -> None:
    """pillow-heif adds a HEIF decoder to Pillow's registry once per process (and loads libheif)."""
    global _heif_ready
    with _set_up:
        if not _heif_ready:
            import pillow_heif

            pillow_heif.register_heif_opener(thumbnails=False)
            _heif_ready = True


def _return_large_blocks_to_the_system() -> None:
    """Make freed image memory go back to the system, once per process, where the C library is glibc.

    Pillow keeps pixels in blocks of up to 16 MB. glibc raises its threshold for giving a large block
    pages of its own to the largest block freed so far, so after the first image every later one is
    carved from the heap of whichever worker thread decoded it, and each thread's heap keeps its
    peak: measured with 4 parallel uploads of a 12-megapixel photo, the server stayed 250 MB larger
    after the uploads than before them (bench/uploads.py). A fixed threshold of 1 MiB keeps every
    such block in pages of its own, returned when the image is freed; small allocations are as
    before. Elsewhere (musl, macOS) this is skipped: their allocators behave differently."""
    global _allocator_ready
    with _set_up:
        if _allocator_ready:
            return
        _allocator_ready = True
        try:
            mallopt = ctypes.CDLL(None).mallopt
        except (OSError, AttributeError):
            return
        mallopt.argtypes = [ctypes.c_int, ctypes.c_int]
        mallopt(_M_MMAP_THRESHOLD, _MMAP_THRESHOLD_BYTES)


def _decoded_upright(kind: FileKind, received: Path, limits: FileLimits) -> Image.Image:
    """The pixels, turned as EXIF says, no larger than ``limits.image_max_side``, without metadata."""
    from PIL import Image, ImageOps

    # Opened from a file object of ours: the image never owns (or needs) the file after ``load``,
    # and is turned in place rather than copied (a copy of a decoded photo is another 36 MB).
    with received.open("rb") as file:
        try:
            image: Image.Image = Image.open(file, formats=[_PILLOW_FORMAT[kind]])
            if image.width * image.height > limits.max_pixels:
                raise FileRefused("IMAGE_TOO_LARGE")
            fitted = _fit(image.size, limits.image_max_side)
            if fitted != image.size:
                # A JPEG decodes at 1/2, 1/4 or 1/8 scale for a fraction of the memory and time;
                # the scale chosen still leaves at least the size wanted, and resizing does the rest.
                image.draft(None, fitted)
            image.load()
            ImageOps.exif_transpose(image, in_place=True)
        except Image.DecompressionBombError as error:
            raise FileRefused("IMAGE_TOO_LARGE") from error
        except _DECODE_ERRORS as error:
            raise FileRefused("FILE_UNREADABLE") from error
    icc_profile = image.info.get("icc_profile")
    transparency = image.info.get("transparency")
    if max(image.size) > limits.image_max_side:
        image = image.resize(
            _fit(image.size, limits.image_max_side), Image.Resampling.LANCZOS, reducing_gap=3.0
        )
    # Everything the decoder read besides pixels (exif, xmp, comment, dpi, text chunks …) goes, so
    # savers that fall back to ``info`` find nothing. The colour profile and a palette's transparent
    # entry are part of how the picture looks, so they stay.
    image.info = {}
    if icc_profile:
        image.info["icc_profile"] = icc_profile
    if transparency is not None and image.mode in ("P", "L", "RGB", "I", "I;16"):
        image.info["transparency"] = transparency
    return image


def _fit(size: tuple[int, int], side: int) -> tuple[int, int]:
    """``size`` scaled down (never up) so its longest side is at most ``side``, keeping the shape."""
    width, height = size
    longest = max(width, height)
    if longest <= side:
        return size
    return max(1, round(width * side / longest)), max(1, round(height * side / longest))


def _save_without_metadata(image: Image.Image, path: Path, pillow_format: str) -> None:
    icc_profile = image.info.get("icc_profile")
    if pillow_format == "JPEG":
        if image.mode not in ("RGB", "L", "CMYK"):
            image = image.convert("RGB")
        image.save(path, "JPEG", quality=JPEG_QUALITY, icc_profile=icc_profile, exif=b"", comment=b"")
    elif pillow_format == "PNG":
        image.save(path, "PNG", icc_profile=icc_profile, exif=b"")
    else:
        image.save(path, "WEBP", quality=WEBP_QUALITY, icc_profile=icc_profile, exif=b"", xmp=b"")


def _save_thumbnail(image: Image.Image, path: Path) -> None:
    """A small JPEG for lists and timelines, transparency laid on white (JPEG has no alpha)."""
    from PIL import Image

    size = _fit(image.size, THUMBNAIL_SIDE)
    if image.mode in ("1", "P"):
        # Resampling a palette image means nearest-neighbour; bring it to full colour first, at a
        # few times the thumbnail's size so the conversion does not copy a large image.
        image = image.resize(_fit(image.size, THUMBNAIL_SIDE * 4), Image.Resampling.NEAREST)
        image = image.convert("RGBA" if image.has_transparency_data else "RGB")
    small = image.resize(size, Image.Resampling.LANCZOS, reducing_gap=3.0)
    if small.has_transparency_data:
        small = small.convert("RGBA")
        background = Image.new("RGB", small.size, (255, 255, 255))
        background.paste(small, mask=small.getchannel("A"))
        small = background
    elif small.mode != "RGB":
        small = small.convert("RGB")
    small.save(path, "JPEG", quality=THUMBNAIL_QUALITY)
