"""The reporter's pages in a real browser: submit without an account and follow the report with the
code the receipt shows, track a report by number and code, and a citizen's own report in My reports."""

from __future__ import annotations

import re
import uuid
from collections.abc import Callable
from pathlib import Path

from playwright.sync_api import Page, expect

from .conftest import CITIZEN, PageFactory, log_in, submit_report

Screenshot = Callable[[Page, str], Path]

REPORT_PATH = re.compile(r"/reports/[^/?#]+$")


def unique(title: str) -> str:
    """Tests share one server: a suffix keeps each test's report apart from the others'."""
    return f"{title} {uuid.uuid4().hex[:6]}"


def use_language(page: Page, lang: str) -> None:
    """The console starts in Indonesian; the header's switch changes it (and the API's labels)."""
    page.get_by_role("combobox", name=re.compile("^(Bahasa|Language)$")).select_option(lang)
    expect(page.locator("html")).to_have_attribute("lang", lang)


def test_submit_without_account_then_follow(
    new_page: PageFactory, base_url: str, screenshot: Screenshot
) -> None:
    page = new_page(lang="id")
    page.goto("/submit")
    title = unique("Lampu jalan mati di Jl. Merdeka")
    expect(page.get_by_role("heading", name="Buat laporan")).to_be_visible()
    expect(page.get_by_text("Anda mengirim tanpa akun")).to_be_visible()

    # Sending nothing: the API's errors appear at their fields.
    page.get_by_role("button", name="Kirim laporan").click()
    expect(page.get_by_label("Judul laporan")).to_have_attribute("aria-invalid", "true")
    expect(page.get_by_label("Isi laporan")).to_have_attribute("aria-invalid", "true")

    page.get_by_label("Judul laporan").fill(title)
    page.get_by_label("Isi laporan").fill("Sudah seminggu lampu jalan mati, rawan kecelakaan.")
    page.get_by_label("Aspirasi", exact=True).check()
    page.get_by_label("Pengaduan", exact=True).check()
    page.get_by_label("Kategori").fill("Infrastruktur")
    page.get_by_label("Lokasi").fill("Jl. Merdeka no. 10, Pangkalpinang")
    page.get_by_label("Tanggal kejadian").fill("2026-01-05")
    page.get_by_label("Rahasia", exact=True).check()
    expect(page.get_by_label("Judul laporan")).not_to_have_attribute("aria-invalid", "true")
    screenshot(page, "reporter-submit")
    page.get_by_role("button", name="Kirim laporan").click()

    expect(page.get_by_role("heading", name="Laporan terkirim")).to_be_visible()
    number = page.get_by_test_id("tracking-number").inner_text().strip()
    code = page.get_by_test_id("access-code").inner_text().strip()
    assert re.fullmatch(r"LPR-\d{4}-[0-9A-Z]+", number), number
    assert code
    expect(page.get_by_text("Kode ini hanya ditampilkan sekali")).to_be_visible()
    expect(page.get_by_role("button", name="Salin kode akses")).to_be_visible()
    screenshot(page, "reporter-receipt")

    page.get_by_role("button", name="Ikuti laporan ini").click()
    expect(page).to_have_url(REPORT_PATH)
    expect(page.get_by_role("heading", name=title)).to_be_visible()
    expect(page.get_by_text(number).first).to_be_visible()


def test_track_by_number_and_code(new_page: PageFactory, base_url: str, screenshot: Screenshot) -> None:
    title = unique("Jembatan retak")
    submitted = submit_report(base_url, title)
    number, code = submitted["trackingNumber"], submitted["accessCode"]
    page = new_page(lang="en")
    page.goto("/track")
    use_language(page, "en")
    expect(page.get_by_role("heading", name="Track a report")).to_be_visible()
    page.get_by_label("Tracking number").fill(number)
    page.get_by_label("Access code").fill("WRONG-CODE")
    page.get_by_role("button", name="Track", exact=True).click()
    # The API's refusal (in the console's language) sits at the access code field.
    expect(page.get_by_label("Access code")).to_have_attribute("aria-invalid", "true")
    expect(page.locator("#track-code-error")).not_to_be_empty()
    expect(page).to_have_url(re.compile(r"/track$"))

    page.get_by_label("Access code").fill(code)
    screenshot(page, "reporter-track")
    page.get_by_role("button", name="Track", exact=True).click()
    expect(page).to_have_url(REPORT_PATH)
    expect(page.get_by_role("heading", name=title)).to_be_visible()


def test_citizen_submits_and_sees_it_in_my_reports(new_page: PageFactory) -> None:
    page = new_page(lang="id")
    log_in(page, CITIZEN, lands_on="/my-reports")
    page.get_by_role("link", name="Buat laporan").first.click()
    expect(page.get_by_text("Anda mengirim sebagai")).to_be_visible()
    title = unique("Sampah menumpuk di Pasar Baru")
    page.get_by_label("Judul laporan").fill(title)
    page.get_by_label("Isi laporan").fill("Sudah tiga hari tidak diangkut.")
    page.get_by_label("Kategori").fill("Lingkungan")
    page.get_by_label("Anonim", exact=True).check()
    page.get_by_role("button", name="Kirim laporan").click()

    expect(page.get_by_role("heading", name="Laporan terkirim")).to_be_visible()
    # With an account there is no access code: the report is the citizen's own.
    expect(page.get_by_test_id("access-code")).to_have_count(0)
    page.get_by_role("link", name="Ke laporan saya").click()
    expect(page).to_have_url(re.compile(r"/my-reports$"))
    row = page.get_by_role("row").filter(has_text=title)
    expect(row).to_have_count(1)
    expect(row.get_by_text("Belum didisposisikan")).to_be_visible()
    row.get_by_role("link", name=title).click()
    expect(page).to_have_url(REPORT_PATH)
    expect(page.get_by_role("heading", name=title)).to_be_visible()
