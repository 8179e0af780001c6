"""Uploaded files made safe to keep: kind from the bytes, images re-encoded without their metadata.

Every stripping test first checks that the upload carries the marker it then looks for in what is
stored: a marker that was never there could not fail the test.
"""

from __future__ import annotations

import hashlib
import io
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from PIL import Image, JpegImagePlugin

from lapor_gql.files import FileKind, FileLimits, FileRefused, PreparedFile, prepare_file, sniff
from tests import sample_files

LIMITS = FileLimits(max_bytes=10 * 1024 * 1024)
METADATA_MARKERS = [
    sample_files.GPS_MARKER,
    sample_files.CAMERA_MARKER,
    sample_files.COMMENT_MARKER,
    sample_files.XMP_MARKER,
    sample_files.TEXT_MARKER,
]


@pytest.fixture(autouse=True)
def private_temporary_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Preparation's temporary files go here, so a test can see that none are left behind."""
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    return tmp_path


def prepared(data: bytes, limits: FileLimits = LIMITS) -> PreparedFile:
    return prepare_file(io.BytesIO(data), limits)


def refusal(data: bytes, limits: FileLimits = LIMITS) -> str:
    with pytest.raises(FileRefused) as refused:
        prepared(data, limits)
    return refused.value.code


def markers_in(data: bytes) -> list[bytes]:
    return [marker for marker in METADATA_MARKERS if marker in data]


def assert_no_metadata(stored: bytes) -> None:
    assert markers_in(stored) == []
    # The containers metadata travel in: JPEG's APP1 "Exif" and XMP, PNG's eXIf/tEXt/iTXt/zTXt
    # chunks, WebP's EXIF/XMP chunks.
    for container in (b"Exif\x00\x00", b"http://ns.adobe.com/xap", b"eXIf", b"tEXt", b"iTXt", b"zTXt"):
        assert container not in stored
    with Image.open(io.BytesIO(stored)) as image:
        assert len(image.getexif()) == 0
        assert image.getexif().get_ifd(0x8825) == {}  # no GPS IFD
        assert not {"exif", "xmp", "comment", "Comment", "Description"} & set(image.info)


def test_a_phone_photo_loses_its_gps_position_camera_xmp_and_comment() -> None:
    upload = sample_files.camera_jpeg()
    assert markers_in(upload) == [
        sample_files.GPS_MARKER,
        sample_files.CAMERA_MARKER,
        sample_files.COMMENT_MARKER,
        sample_files.XMP_MARKER,
    ]
    with Image.open(io.BytesIO(upload)) as original:
        assert original.getexif().get_ifd(0x8825) != {}

    with prepared(upload) as result:
        stored = result.path.read_bytes()
        assert (result.kind, result.media_type) == (FileKind.JPEG, "image/jpeg")
        assert (result.width, result.height) == (64, 48)
        assert result.size == len(stored)
        assert result.sha256 == hashlib.sha256(stored).hexdigest()
    assert_no_metadata(stored)
    assert sniff(stored) is FileKind.JPEG


def test_the_orientation_exif_gave_is_turned_into_the_pixels() -> None:
    # Recorded lying on its side: red on the left, blue on the right, 40 wide, 20 high. The camera
    # was turned clockwise, so upright the picture is 20 wide, 40 high, red on top.
    upload = sample_files.camera_jpeg(size=(40, 20), orientation=sample_files.TURNED_CLOCKWISE)
    with prepared(upload) as result, Image.open(result.path) as stored:
        assert stored.size == (20, 40) == (result.width, result.height)
        top, bottom = stored.convert("RGB").getpixel((10, 5)), stored.convert("RGB").getpixel((10, 35))
        assert isinstance(top, tuple) and isinstance(bottom, tuple)
        assert top[0] > 150 > top[2], top
        assert bottom[2] > 150 > bottom[0], bottom
        assert 0x0112 not in stored.getexif()  # no orientation left for a viewer to apply twice


def test_png_text_chunks_and_exif_are_gone_and_transparency_stays() -> None:
    upload = sample_files.png_with_metadata()
    assert sample_files.TEXT_MARKER in upload and sample_files.GPS_MARKER in upload
    with prepared(upload) as result:
        stored = result.path.read_bytes()
        assert (result.kind, result.media_type) == (FileKind.PNG, "image/png")
        with Image.open(result.path) as image:
            assert image.mode == "RGBA"
            assert image.getpixel((0, 0)) == (10, 200, 10, 128)
    assert_no_metadata(stored)


def test_webp_exif_and_xmp_are_gone() -> None:
    upload = sample_files.webp_with_metadata()
    assert sample_files.GPS_MARKER in upload and sample_files.XMP_MARKER in upload
    with prepared(upload) as result:
        stored = result.path.read_bytes()
        assert (result.kind, result.media_type) == (FileKind.WEBP, "image/webp")
    assert_no_metadata(stored)
    assert b"EXIF" not in stored and b"XMP " not in stored


def test_an_iphone_heic_is_decoded_and_stored_as_a_jpeg_without_metadata() -> None:
    if not sample_files.heic_encodable():
        pytest.skip("this pillow-heif build cannot encode HEIC, so no test file can be made")
    upload = sample_files.heic_with_metadata()
    assert sniff(upload) is FileKind.HEIC
    assert sample_files.GPS_MARKER in upload
    with prepared(upload) as result:
        stored = result.path.read_bytes()
        assert (result.kind, result.media_type) == (FileKind.HEIC, "image/jpeg")
        assert (result.width, result.height) == (64, 48)
    assert sniff(stored) is FileKind.JPEG
    assert_no_metadata(stored)


def test_a_thumbnail_is_a_jpeg_whose_longest_side_is_at_most_320() -> None:
    with prepared(sample_files.camera_jpeg(size=(1200, 500))) as result:
        assert result.thumbnail is not None
        assert result.thumbnail_size == result.thumbnail.stat().st_size
        thumbnail = result.thumbnail.read_bytes()
        with Image.open(result.thumbnail) as image:
            assert (image.format, image.size) == ("JPEG", (320, 133))
    assert_no_metadata(thumbnail)
    # Transparency is laid on white: JPEG has no alpha.
    with prepared(sample_files.png_with_metadata()) as result:
        assert result.thumbnail is not None
        with Image.open(result.thumbnail) as image:
            assert image.mode == "RGB" and image.size == (50, 30)


def test_an_image_larger_than_the_longest_side_allowed_is_scaled_down() -> None:
    limits = FileLimits(max_bytes=LIMITS.max_bytes, image_max_side=1000)
    # 3000 × 1200: decoded at half scale (JPEG draft mode), then resized to 1000 × 400.
    with prepared(sample_files.camera_jpeg(size=(3000, 1200)), limits) as result:
        with Image.open(result.path) as image:
            assert image.size == (1000, 400) == (result.width, result.height)


def test_a_large_jpeg_is_decoded_at_a_reduced_scale(monkeypatch: pytest.MonkeyPatch) -> None:
    # The memory a decode takes is the decoded size: 6000 × 4000 at full scale is 72 MB, at the
    # half scale that still covers 2048 × 1365 only 18 MB.
    decoded: list[tuple[int, int]] = []
    draft = JpegImagePlugin.JpegImageFile.draft

    def recording_draft(
        image: JpegImagePlugin.JpegImageFile, mode: str | None, size: tuple[int, int] | None
    ) -> object:
        answer = draft(image, mode, size)
        decoded.append(image.size)
        return answer

    monkeypatch.setattr(JpegImagePlugin.JpegImageFile, "draft", recording_draft)
    limits = FileLimits(max_bytes=LIMITS.max_bytes, image_max_side=2048)
    with prepared(sample_files.camera_jpeg(size=(6000, 4000)), limits) as result:
        assert (result.width, result.height) == (2048, 1365)
    assert decoded == [(3000, 2000)]


def test_a_pdf_is_kept_byte_for_byte_whatever_it_is_called() -> None:
    # There is no name to go by: prepare_file is given the bytes only. A "photo.jpg" that is a PDF
    # is a PDF (and served as one, a download).
    upload = sample_files.pdf()
    with prepared(upload) as result:
        assert (result.kind, result.media_type) == (FileKind.PDF, "application/pdf")
        assert result.path.read_bytes() == upload
        assert (result.width, result.height, result.thumbnail, result.thumbnail_size) == (None,) * 4


def test_a_pdf_cut_short_is_unreadable() -> None:
    whole = sample_files.pdf()
    assert refusal(whole[: len(whole) // 2]) == "FILE_UNREADABLE"


HOSTILE = {
    "html": b"<!DOCTYPE html><html><script>alert(document.cookie)</script></html>",
    "svg": b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>',
    "exe": b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + b"\x00" * 200,
    "zip": b"PK\x03\x04" + b"\x00" * 100,
    "gif": b"GIF89a\x01\x00\x01\x00\x00\x00\x00;",
    "empty": b"",
}


@pytest.mark.parametrize("content", HOSTILE.values(), ids=HOSTILE.keys())
def test_anything_else_is_refused_whatever_it_is_called(content: bytes) -> None:
    assert refusal(content) == "UNSUPPORTED_FILE_TYPE"


def test_a_file_that_only_starts_like_a_jpeg_is_unreadable() -> None:
    assert refusal(b"\xff\xd8\xff\xe0" + HOSTILE["html"]) == "FILE_UNREADABLE"


def test_a_truncated_jpeg_is_unreadable() -> None:
    whole = sample_files.camera_jpeg(image=sample_files.noisy_photo((400, 300)))
    assert refusal(whole[: len(whole) * 2 // 3]) == "FILE_UNREADABLE"


class EndlessUpload(io.RawIOBase):
    """A client that never stops sending: counts what was read from it."""

    def __init__(self, start: bytes) -> None:
        self.start = start
        self.read_bytes = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: memoryview) -> int:  # type: ignore[override]
        chunk = (self.start if self.read_bytes == 0 else b"\0") * len(buffer)
        buffer[:] = chunk[: len(buffer)]
        self.read_bytes += len(buffer)
        return len(buffer)


def test_a_file_past_the_size_limit_is_refused_without_reading_the_rest() -> None:
    upload = EndlessUpload(b"\xff\xd8\xff")
    with pytest.raises(FileRefused) as refused:
        prepare_file(upload, FileLimits(max_bytes=1024 * 1024))  # type: ignore[arg-type]
    assert refused.value.code == "FILE_TOO_LARGE"
    assert upload.read_bytes <= 1024 * 1024 + 64 * 1024  # the limit and at most one chunk more


def test_exactly_the_size_limit_is_accepted() -> None:
    upload = sample_files.pdf()
    with prepared(upload, FileLimits(max_bytes=len(upload))) as result:
        assert result.size == len(upload)
    assert refusal(upload, FileLimits(max_bytes=len(upload) - 1)) == "FILE_TOO_LARGE"


def test_too_many_pixels_are_refused_before_decoding() -> None:
    just_under = FileLimits(LIMITS.max_bytes, max_pixels=50 * 50 - 1)
    assert refusal(sample_files.camera_jpeg(size=(50, 50)), just_under) == "IMAGE_TOO_LARGE"
    # A PNG header claiming 400 megapixels in a few bytes (Pillow's own bomb protection fires on
    # opening it), and one claiming 64 megapixels (over the limit, under Pillow's).
    assert refusal(sample_files.png_claiming(20_000, 20_000)) == "IMAGE_TOO_LARGE"
    assert refusal(sample_files.png_claiming(8_000, 8_000)) == "IMAGE_TOO_LARGE"


def temporary_files(folder: Path) -> Iterator[Path]:
    return folder.rglob("*")


def test_closing_removes_the_temporary_files_and_a_refusal_leaves_none(
    private_temporary_folder: Path,
) -> None:
    result = prepared(sample_files.camera_jpeg())
    assert result.path.exists() and result.thumbnail is not None and result.thumbnail.exists()
    result.close()
    assert list(temporary_files(private_temporary_folder)) == []
    for content in (HOSTILE["html"], b"\xff\xd8\xff\xe0", sample_files.png_claiming(20_000, 20_000)):
        with pytest.raises(FileRefused):
            prepared(content)
    assert list(temporary_files(private_temporary_folder)) == []


def test_the_server_loads_no_image_or_s3_library_until_a_file_needs_one() -> None:
    # The idle server's memory budget has no room for Pillow, libheif or boto3 (≈ 20 MiB for boto3
    # alone): they are imported by the functions that use them.
    probe = (
        "import sys, lapor_gql.app, lapor_gql.cli; "
        "print(sorted(m for m in ('PIL', 'pillow_heif', 'boto3') if m in sys.modules))"
    )
    loaded = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert loaded.stdout.strip() == "[]"
