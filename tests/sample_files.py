"""Files as phones, cameras and attackers make them, built with Pillow (and pillow-heif) in the test.

Each carries marker strings in its metadata, so a test can search the stored bytes for them: a
marker found in the upload and gone from what is stored proves the metadata was dropped.
"""

from __future__ import annotations

import io
import random
import struct
import zlib

from PIL import ExifTags, Image, PngImagePlugin

GPS_MARKER = b"LAPOR-GPS-DATUM"  # GPSMapDatum: inside the GPS IFD
CAMERA_MARKER = b"LAPOR-TEST-CAMERA"  # Make: in the main EXIF IFD
COMMENT_MARKER = b"LAPOR-COMMENT"
XMP_MARKER = b"LAPOR-XMP"
TEXT_MARKER = b"LAPOR-PNG-TEXT"
XMP = b'<x:xmpmeta xmlns:x="adobe:ns:meta/">' + XMP_MARKER + b"</x:xmpmeta>"

# Orientation 6: the camera was turned a quarter clockwise; viewers turn the picture to stand up.
TURNED_CLOCKWISE = 6


def camera_exif(orientation: int | None = None) -> Image.Exif:
    exif = Image.Exif()
    exif[ExifTags.Base.Make] = CAMERA_MARKER.decode()
    if orientation is not None:
        exif[ExifTags.Base.Orientation] = orientation
    exif[ExifTags.IFD.GPSInfo] = {
        ExifTags.GPS.GPSLatitudeRef: "S",
        ExifTags.GPS.GPSLatitude: (6.0, 10.0, 30.5),
        ExifTags.GPS.GPSLongitudeRef: "E",
        ExifTags.GPS.GPSLongitude: (106.0, 49.0, 12.25),
        ExifTags.GPS.GPSMapDatum: GPS_MARKER.decode(),
    }
    return exif


def halves(size: tuple[int, int], left: tuple[int, int, int], right: tuple[int, int, int]) -> Image.Image:
    """An image whose left half is one colour and right half another: shows which way it stands."""
    image = Image.new("RGB", size, right)
    image.paste(left, (0, 0, size[0] // 2, size[1]))
    return image


def camera_jpeg(
    size: tuple[int, int] = (64, 48), orientation: int | None = None, image: Image.Image | None = None
) -> bytes:
    """A JPEG as a phone writes it: EXIF with GPS position and camera, XMP, a comment."""
    out = io.BytesIO()
    (image or halves(size, (220, 30, 30), (30, 30, 220))).save(
        out, "JPEG", quality=90, exif=camera_exif(orientation), xmp=XMP, comment=COMMENT_MARKER
    )
    return out.getvalue()


def noisy_photo(size: tuple[int, int], seed: int = 16) -> Image.Image:
    """Pixels that compress about as badly as a real photo's (a flat colour would make a tiny JPEG):
    smooth colour fields with a little sensor grain."""
    rng = random.Random(seed)
    coarse = (size[0] // 8, size[1] // 8)
    fields = Image.frombytes("RGB", coarse, rng.randbytes(coarse[0] * coarse[1] * 3))
    photo = fields.resize(size, Image.Resampling.BILINEAR)
    grain = Image.frombytes("L", size, rng.randbytes(size[0] * size[1]))
    return Image.merge("RGB", [Image.blend(band, grain, 0.08) for band in photo.split()])


def phone_photo_jpeg(size: tuple[int, int] = (4000, 3000), seed: int = 16) -> bytes:
    """A phone camera's 12-megapixel JPEG (about 5 MB) with GPS EXIF, turned as a phone held upright
    records it."""
    return camera_jpeg(image=noisy_photo(size, seed), orientation=TURNED_CLOCKWISE)


def png_with_metadata(mode: str = "RGBA") -> bytes:
    info = PngImagePlugin.PngInfo()
    info.add_text("Comment", TEXT_MARKER.decode())
    info.add_itxt("Description", TEXT_MARKER.decode(), zip=True)
    info.add_text("XML:com.adobe.xmp", XMP.decode())
    image = Image.new(mode, (50, 30), (10, 200, 10, 128) if mode == "RGBA" else (10, 200, 10))
    out = io.BytesIO()
    image.save(out, "PNG", pnginfo=info, exif=camera_exif())
    return out.getvalue()


def webp_with_metadata() -> bytes:
    out = io.BytesIO()
    halves((40, 30), (220, 30, 30), (30, 30, 220)).save(out, "WEBP", exif=camera_exif(), xmp=XMP)
    return out.getvalue()


def heic_with_metadata() -> bytes:
    """A HEIC as an iPhone writes it (pillow-heif's encoder must be present: see heic_encodable)."""
    import pillow_heif

    pillow_heif.register_heif_opener()
    out = io.BytesIO()
    halves((64, 48), (220, 30, 30), (30, 30, 220)).save(
        out, "HEIF", exif=camera_exif().tobytes(), xmp=XMP, quality=90
    )
    return out.getvalue()


def heic_encodable() -> bool:
    import pillow_heif

    return bool(pillow_heif.libheif_info().get("HEIF"))


def pdf() -> bytes:
    """A minimal valid one-page PDF."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>",
    ]
    body = b"%PDF-1.4\n"
    offsets = []
    for number, content in enumerate(objects, start=1):
        offsets.append(len(body))
        body += b"%d 0 obj\n" % number + content + b"\nendobj\n"
    xref = len(body)
    body += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    body += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    body += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return body


def png_claiming(width: int, height: int) -> bytes:
    """A PNG header for an image of this size and no pixels: a decompression bomb's first bytes."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"\0" * 16))
