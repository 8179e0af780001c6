"""Files in the console, in a real browser: a reporter without an account drops a phone photo (with GPS in
its EXIF) on the submission form, a file that is no photo is refused at once; the right agency's liaison
answers with a PDF chosen with the picker and keeps an internal file; the reporter replies with another
picture; each sees the others' files live, the reporter never the internal one, and the stored photo has
no EXIF left. In English, on a slow line: the progress bar, the preflight header, the API's refusal.

Every upload goes through ``attachmentUpload`` (GraphQL multipart, over XMLHttpRequest for its progress)
the moment the file is added; the forms then send the upload ids. The thumbnails load under the console's
Content-Security-Policy (the page fails on any CSP violation, see conftest)."""

from __future__ import annotations

import base64
import io
import os
import re
import uuid
from collections.abc import Callable
from pathlib import Path

from PIL import ExifTags, Image, ImageDraw
from playwright.sync_api import FilePayload, Locator, Page, Request, Route, expect

from .conftest import ADMIN, PU, PageFactory, agency_id, graphql, log_in, token

Screenshot = Callable[[Page, str], Path]

REPORT_PATH = re.compile(r"/reports/[^/?#]+$")
FOLLOW_UP = "Tindak lanjut"
REPLY = "Tanggapan pelapor"


def photo_with_gps() -> bytes:
    """A camera-like JPEG: a picture, the camera's make and where it was taken (EXIF GPS)."""
    image = Image.new("RGB", (1200, 900), (40, 90, 160))
    ImageDraw.Draw(image).ellipse((300, 200, 900, 700), fill=(70, 70, 70))
    exif = Image.Exif()
    exif[ExifTags.Base.Make] = "LaporCam"
    gps = exif.get_ifd(ExifTags.IFD.GPSInfo)
    gps[ExifTags.GPS.GPSLatitudeRef] = "S"
    gps[ExifTags.GPS.GPSLatitude] = (2.0, 7.0, 30.0)
    gps[ExifTags.GPS.GPSLongitudeRef] = "E"
    gps[ExifTags.GPS.GPSLongitude] = (106.0, 6.0, 50.0)
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", exif=exif, quality=90)
    photo = buffer.getvalue()
    # The file really carries the location this test expects to see removed.
    assert Image.open(io.BytesIO(photo)).getexif().get_ifd(ExifTags.IFD.GPSInfo)
    return photo


def noisy_png(side: int) -> bytes:
    """A PNG that does not compress: about 3 × side² bytes."""
    buffer = io.BytesIO()
    Image.frombytes("RGB", (side, side), os.urandom(side * side * 3)).save(buffer, "PNG")
    return buffer.getvalue()


PDF = (
    b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n"
    b"2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj\n"
    b"3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >> endobj\n"
    b"trailer << /Root 1 0 R >>\n%%EOF\n"
)


def a_file(name: str, media_type: str, content: bytes) -> FilePayload:
    """A file as the picker receives it from the desktop."""
    return {"name": name, "mimeType": media_type, "buffer": content}


def drop_file(page: Page, area: Locator, name: str, media_type: str, content: bytes) -> None:
    """Drag a file from the desktop onto ``area``: a drop event carrying it, as the browser sends one."""
    transfer = page.evaluate_handle(
        """([name, type, encoded]) => {
            const bytes = Uint8Array.from(atob(encoded), (c) => c.charCodeAt(0));
            const transfer = new DataTransfer();
            transfer.items.add(new File([bytes], name, { type }));
            return transfer;
        }""",
        [name, media_type, base64.b64encode(content).decode()],
    )
    area.dispatch_event("dragenter", {"dataTransfer": transfer})
    area.dispatch_event("drop", {"dataTransfer": transfer})


def upload_item(scope: Locator | Page, name: str) -> Locator:
    return scope.locator(".attachment-picker__item").filter(has_text=name)


def expect_image_loaded(image: Locator) -> None:
    expect(image).to_be_visible()
    image.page.wait_for_function(
        "image => image.complete && image.naturalWidth > 0", arg=image.element_handle()
    )


def test_photo_at_submission_and_pdf_on_the_answer(
    new_page: PageFactory, base_url: str, screenshot: Screenshot
) -> None:
    reporter = new_page()
    reporter.goto("/submit")
    title = f"Pipa air bocor di Jl. Sudirman {uuid.uuid4().hex[:6]}"
    reporter.get_by_label("Judul laporan").fill(title)
    reporter.get_by_label("Isi laporan").fill("Air menyembur ke jalan sejak pagi.")
    drop_zone = reporter.get_by_test_id("report-attachments-drop")

    # Something that is no photo, named like one, is refused by its content, at once, at the file.
    drop_file(reporter, drop_zone, "bukan-foto.jpg", "image/jpeg", b"<html><script>alert(1)</script></html>")
    refused = upload_item(reporter, "bukan-foto.jpg")
    expect(refused).to_have_attribute("data-state", "failed")
    expect(refused.get_by_role("alert")).to_have_text(
        "Jenis berkas tidak didukung: kirim foto (JPEG, PNG, WebP, HEIC) atau PDF."
    )
    reporter.get_by_role("button", name="Kirim laporan").click()
    expect(reporter.locator(".attachment-picker .field-error").last).to_have_text(
        "Hapus lampiran yang gagal diunggah sebelum mengirim."
    )
    refused.get_by_role("button", name="Hapus bukan-foto.jpg").click()
    expect(refused).to_have_count(0)

    # The photo, dropped on the area, uploads while the reporter goes on.
    drop_file(reporter, drop_zone, "pipa-bocor.jpg", "image/jpeg", photo_with_gps())
    expect(upload_item(reporter, "pipa-bocor.jpg")).to_have_attribute("data-state", "done")
    screenshot(reporter, "attachments-submit")
    reporter.get_by_role("button", name="Kirim laporan").click()
    expect(reporter.get_by_test_id("access-code")).to_be_visible()
    reporter.get_by_role("button", name="Ikuti laporan ini").click()
    expect(reporter).to_have_url(REPORT_PATH)
    report_path = "/reports/" + reporter.url.split("/reports/", 1)[1]

    # The reporter's timeline shows the photo's thumbnail, linking to the photo: stripped of its EXIF.
    thumbnail = reporter.locator(".timeline img.attachments__thumb")
    expect(thumbnail).to_have_count(1)
    expect_image_loaded(thumbnail)
    expect(thumbnail).to_have_attribute("alt", "pipa-bocor.jpg")
    photo_url = thumbnail.locator("xpath=..").get_attribute("href")
    assert photo_url
    photo = reporter.request.get(photo_url)
    assert photo.ok, photo.status
    assert photo.headers["content-type"] == "image/jpeg"
    assert photo.headers["x-content-type-options"] == "nosniff"
    assert b"Exif" not in photo.body()
    assert not Image.open(io.BytesIO(photo.body())).getexif()

    # The admin sends it to Dinas PU (over the API); PU's liaison sees the photo too.
    report_id = report_path.rsplit("/", 1)[1]
    graphql(
        base_url,
        "mutation Dispose($input: ReportDisposeInput!) {"
        " reportDispose(input: $input) { errors { message } } }",
        {"input": {"id": report_id, "agencyId": agency_id(base_url, "PU")}},
        token(base_url, ADMIN),
    )
    liaison = new_page()
    log_in(liaison, PU)
    liaison.goto(report_path)
    expect_image_loaded(liaison.locator(".timeline img.attachments__thumb"))

    # The answer comes with the work order, a PDF chosen with the picker.
    liaison.locator(".action-panel").get_by_role("button", name=FOLLOW_UP, exact=True).click()
    form = liaison.get_by_role("form", name=FOLLOW_UP)
    answer = "Pipa diganti besok; surat perintah kerja terlampir."
    form.get_by_role("textbox", name="Tanggapan untuk pelapor").fill(answer)
    form.locator("input[type=file]").set_input_files(
        files=[a_file("surat-perintah-kerja.pdf", "application/pdf", PDF)]
    )
    expect(upload_item(form, "surat-perintah-kerja.pdf")).to_have_attribute("data-state", "done")
    form.get_by_role("button", name=f"Kirim: {FOLLOW_UP}").click()
    expect(liaison.get_by_role("status").filter(has_text=f"Berhasil: {FOLLOW_UP}")).to_be_visible()

    # The reporter's open page gets the answer live, with the PDF as a link that downloads it.
    pdf_link = reporter.locator(".timeline a.attachments__file-link", has_text="surat-perintah-kerja.pdf")
    expect(pdf_link).to_be_visible()
    expect(reporter.locator(".timeline .attachments__item--file")).to_contain_text("PDF")
    with reporter.expect_download() as download:
        pdf_link.click()
    assert download.value.suggested_filename == "surat-perintah-kerja.pdf"
    pdf = reporter.request.get(str(pdf_link.get_attribute("href")))
    assert pdf.ok, pdf.status
    assert pdf.headers["content-type"] == "application/pdf"
    assert pdf.headers["content-disposition"].startswith("attachment")
    assert pdf.headers["x-content-type-options"] == "nosniff"
    assert pdf.body() == PDF
    screenshot(reporter, "attachments-reporter-timeline")

    # The reporter replies with another picture; the liaison's open page shows it live.
    reporter.locator(".action-panel").get_by_role("button", name=REPLY, exact=True).click()
    form = reporter.get_by_role("form", name=REPLY)
    form.get_by_role("textbox", name="Tanggapan").fill("Ini foto terbarunya, airnya masih mengalir.")
    form.locator("input[type=file]").set_input_files(
        files=[a_file("air-mengalir.png", "image/png", noisy_png(64))]
    )
    expect(upload_item(form, "air-mengalir.png")).to_have_attribute("data-state", "done")
    form.get_by_role("button", name=f"Kirim: {REPLY}").click()
    expect(reporter.get_by_role("status").filter(has_text=f"Berhasil: {REPLY}")).to_be_visible()
    expect_image_loaded(liaison.locator(".timeline__event--reply img.attachments__thumb"))

    # PU keeps an internal file: an internal entry for officers, which the reporter never sees.
    liaison.get_by_role("button", name="Tambah berkas internal").click()
    liaison.locator("#internal-files").set_input_files(
        files=[a_file("foto-lapangan.jpg", "image/jpeg", photo_with_gps())]
    )
    expect(upload_item(liaison, "foto-lapangan.jpg")).to_have_attribute("data-state", "done")
    liaison.get_by_label("Catatan (opsional)").fill("Foto lapangan tim kami.")
    liaison.get_by_role("button", name="Simpan berkas internal").click()
    expect(liaison.get_by_role("status").filter(has_text="Berkas internal disimpan.")).to_be_visible()
    internal = liaison.locator(".timeline__event--internal .attachments__item").filter(
        has_text="foto-lapangan.jpg"
    )
    expect(internal).to_have_count(1)
    expect(internal.get_by_text("Internal")).to_be_visible()
    expect_image_loaded(internal.locator("img"))
    screenshot(liaison, "attachments-liaison-internal")

    reporter.reload()
    expect(reporter.locator(".timeline .attachments__item")).to_have_count(3)
    expect(reporter.get_by_text("foto-lapangan.jpg")).to_have_count(0)
    expect(reporter.locator(".report-page__facts .attachments__item")).to_have_count(3)


def is_upload(request: Request) -> bool:
    return request.method == "POST" and "multipart/form-data" in (request.headers.get("content-type") or "")


def test_uploads_in_english_on_a_slow_line(new_page: PageFactory, screenshot: Screenshot) -> None:
    page = new_page(lang="en")
    page.goto("/submit")
    page.get_by_role("combobox", name=re.compile("^(Bahasa|Language)$")).select_option("en")
    expect(page.get_by_text("Drop files here, or")).to_be_visible()

    # The upload is held on its way (a slow line): the file shows its progress bar until it arrives.
    held: list[Route] = []
    page.route(
        "**/graphql", lambda route: held.append(route) if is_upload(route.request) else route.fallback()
    )
    with page.expect_request(is_upload) as sent:
        page.get_by_label("Choose files").set_input_files(
            files=[a_file("wide-shot.png", "image/png", noisy_png(200))]
        )
    # Without a session, the header that makes another site's page ask first (CORS preflight).
    assert sent.value.all_headers().get("apollo-require-preflight") == "true"
    item = upload_item(page, "wide-shot.png")
    expect(item).to_have_attribute("data-state", "uploading")
    progress = item.get_by_role("progressbar", name=re.compile(r"^Uploading wide-shot\.png: \d+%$"))
    expect(progress).to_be_visible()
    screenshot(page, "attachments-progress")
    assert len(held) == 1
    held[0].continue_()
    page.unroute("**/graphql")
    expect(item).to_have_attribute("data-state", "done")
    expect(item.get_by_text("Uploaded")).to_be_visible()

    # What the server refuses, it says in the console's language, at the file.
    page.get_by_label("Choose files").set_input_files(
        files=[a_file("notes.pdf", "application/pdf", b"plain text, not a PDF")]
    )
    expect(upload_item(page, "notes.pdf").get_by_role("alert")).to_have_text(
        "Unsupported file type: send a photo (JPEG, PNG, WebP, HEIC) or a PDF."
    )
    upload_item(page, "notes.pdf").get_by_role("button", name="Remove notes.pdf").click()
    expect(page.locator(".attachment-picker__item")).to_have_count(1)
