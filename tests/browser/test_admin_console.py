"""The provincial admin's console in a real browser: the verification, not-authority and overdue
queues, a new liaison whose one-time setup secret is shown once and used at /setup in another
browser, the agency tree (create, rename, move, profile, deactivate, delete), the holiday calendar
(add, delete, iCalendar import) and the audit trail.

Demo data is shared by every browser test: these tests only change what they create themselves (a
not-authority request on a report of their own, a liaison with a unique e-mail, an agency they delete
again, holidays in years no report's deadline reaches), and read the queues without assuming another
test left them untouched."""

from __future__ import annotations

import re
import uuid
from datetime import UTC, datetime
from urllib.parse import quote

from playwright.sync_api import Locator, Page, expect

from .conftest import (
    ADMIN,
    CITIZEN,
    DINKES,
    agency_id,
    choose_agency,
    graphql,
    log_in,
    submit_report,
    token,
)

NEW_PASSWORD = "Tanjung-Pandan-77"
# Holidays years ahead, far past every demo deadline: adding them changes no report. The import's
# year is one the page's year selector offers.
THIS_YEAR = datetime.now(UTC).year
ADDED_HOLIDAY = f"{THIS_YEAR + 3}-08-19"
ICS_YEAR = THIS_YEAR + 4
ICS = "\r\n".join(
    [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//lapor-gql//browser test//ID",
        "BEGIN:VEVENT",
        "UID:uji-1@lapor.test",
        f"DTSTART;VALUE=DATE:{ICS_YEAR}0102",
        f"DTEND;VALUE=DATE:{ICS_YEAR}0103",
        "SUMMARY:Libur uji satu",
        "END:VEVENT",
        "BEGIN:VEVENT",
        "UID:uji-2@lapor.test",
        f"DTSTART;VALUE=DATE:{ICS_YEAR}0305",
        f"DTEND;VALUE=DATE:{ICS_YEAR}0306",
        "SUMMARY:Cuti bersama uji",
        "CATEGORIES:Cuti Bersama",
        "END:VEVENT",
        "END:VCALENDAR",
        "",
    ]
)
AUDIT_HOLIDAY = f"{THIS_YEAR + 5}-06-01"


def _rows(page: Page, table: str = "table.responsive") -> Locator:
    return page.locator(f"{table} tbody tr")


def _ensure_a_report_to_verify(base_url: str, admin: str) -> None:
    """Another test may have disposed the demo's new reports: then a citizen sends one."""
    waiting = graphql(
        base_url,
        "query WaitingForVerification {"
        " reports(filter: {status: [SUBMITTED]}, first: 1) { edges { node { id } } } }",
        token=admin,
    )
    if not waiting["reports"]["edges"]:
        submit_report(base_url, "Trotoar rusak di depan kantor camat", body="Mohon diperbaiki.")


def _request_not_authority(base_url: str, admin: str, title: str, reason: str) -> str:
    """A citizen's report the admin disposes to Dinas Kesehatan, whose liaison says it is not theirs and
    suggests Public Works (PU): the report's id."""
    report_id = str(submit_report(base_url, title, token(base_url, CITIZEN))["id"])
    disposed = graphql(
        base_url,
        "mutation Dispose($input: ReportDisposeInput!) {"
        " reportDispose(input: $input) { errors { message } } }",
        {"input": {"id": report_id, "agencyId": agency_id(base_url, "DINKES")}},
        admin,
    )["reportDispose"]
    assert disposed["errors"] == [], disposed
    requested = graphql(
        base_url,
        "mutation RequestNotAuthority($input: ReportRequestNotAuthorityInput!) {"
        " reportRequestNotAuthority(input: $input) { errors { message } } }",
        {"input": {"id": report_id, "reason": reason, "suggestedAgencyId": agency_id(base_url, "PU")}},
        token(base_url, DINKES),
    )["reportRequestNotAuthority"]
    assert requested["errors"] == [], requested
    return report_id


def test_the_queues_list_reports_to_verify_to_decide_and_overdue(new_page, screenshot, base_url) -> None:
    admin = token(base_url, ADMIN)
    _ensure_a_report_to_verify(base_url, admin)
    page = new_page()
    log_in(page, ADMIN, lands_on="/admin/verification")

    # Verification queue: only reports waiting for verification, each linking to its page.
    expect(page.get_by_role("heading", name="Antrean verifikasi", level=1)).to_be_visible()
    rows = _rows(page, "table.report-list")
    expect(rows.first).to_be_visible()
    for status in rows.locator(".status").all_inner_texts():
        assert status == "Belum Terverifikasi", status
    screenshot(page, "admin-verification")

    # Search narrows by title and lives in the URL.
    title = rows.first.locator(".report-list__title").inner_text()
    page.get_by_label("Cari judul").fill(title[:12])
    page.get_by_role("search").get_by_role("button", name="Cari").click()
    expect(page).to_have_url(re.compile(r"[?&]q="))
    expect(rows.filter(has_text=title)).to_have_count(1)

    # A row leads to the report, where the admin disposes it (the report page's actions).
    rows.filter(has_text=title).get_by_role("link", name=title).click()
    expect(page).to_have_url(re.compile(r"/reports/"))
    expect(page.locator("button[data-action=dispose]")).to_be_visible()
    page.go_back()
    expect(page).to_have_url(re.compile(r"/admin/verification\?q="))

    # The second tab: reports on hold.
    page.get_by_role("link", name="Ditunda").click()
    expect(page).to_have_url(re.compile(r"tab=hold"))
    page.get_by_role("button", name="Hapus filter").click()
    expect(page.get_by_role("link", name="Ditunda")).to_have_attribute("aria-current", "page")
    expect(page).not_to_have_url(re.compile(r"[?&]q="))
    # The list follows the tab (the rows of the first tab go): every row is on hold.
    expect(rows.locator(".status").filter(has_not_text="Ditunda")).to_have_count(0)

    # Not-authority requests show the liaison's reason and the agency it suggests, and lead to the
    # report to decide it. Dinas Kesehatan asks about a report of this test's own.
    title = f"Drainase tersumbat di Jl. Mentok {uuid.uuid4().hex[:6]}"
    reason = "Saluran drainase jalan: kewenangan Dinas PU."
    report_id = _request_not_authority(base_url, admin, title, reason)
    page.get_by_role("navigation", name="Navigasi utama").get_by_role("link", name="Bukan wewenang").click()
    expect(page.get_by_role("heading", name="Pengajuan bukan wewenang", level=1)).to_be_visible()
    page.get_by_label("Cari judul").fill(title)
    page.get_by_role("search").get_by_role("button", name="Cari").click()
    row = _rows(page).filter(has_text=title)
    expect(row).to_have_count(1)
    expect(row).to_contain_text(reason)
    expect(row).to_contain_text("Instansi yang disarankan: Dinas Pekerjaan Umum dan Penataan Ruang (PU)")
    decide = row.get_by_role("link", name="Putuskan")
    expect(decide).to_have_attribute("href", f"/reports/{quote(report_id, safe='')}")
    screenshot(page, "admin-not-authority")
    decide.click()
    expect(page.locator("button[data-action=resolve_not_authority]")).to_be_visible()

    # Overdue across agencies, narrowed to one agency with the picker.
    page.goto("/admin/overdue")
    expect(page.get_by_role("heading", name="Laporan terlambat & tereskalasi", level=1)).to_be_visible()
    overdue = _rows(page, "table.report-list")
    expect(overdue.first).to_be_visible()
    expect(overdue.first.locator(".badge--bad")).to_have_text("Terlambat")
    choose_agency(page.locator("#overdue-agency"), "DINKES")
    expect(page).to_have_url(re.compile(r"agency="))
    expect(overdue.locator("td[data-label='Instansi']").filter(has_not_text="DINKES")).to_have_count(0)
    expect(overdue.first).to_be_visible()
    screenshot(page, "admin-overdue")

    # On a phone the table becomes one card per report, each cell labelled.
    phone = new_page(width=390, height=844)
    log_in(phone, ADMIN, lands_on="/admin/verification")
    phone.goto("/admin/overdue")
    expect(phone.locator("table.report-list tbody tr").first).to_be_visible()
    expect(phone.locator("table.report-list thead")).to_be_hidden()
    screenshot(phone, "admin-overdue-phone")


def test_a_new_liaison_gets_the_setup_secret_once_and_sets_a_password(new_page, screenshot) -> None:
    page = new_page()
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    log_in(page, ADMIN, lands_on="/admin/verification")
    page.get_by_role("navigation", name="Navigasi utama").get_by_role("link", name="Akun penghubung").click()
    expect(page.get_by_role("heading", name="Akun penghubung", level=1)).to_be_visible()

    email = f"penghubung.{uuid.uuid4().hex[:8]}@dinkes.babelprov.go.id"
    page.get_by_label("Nama", exact=True).fill("Penghubung Uji Dinkes")
    page.get_by_label("E-mail", exact=True).fill(email)
    choose_agency(page.locator("#liaison-agency"), "DINKES")
    page.get_by_role("button", name="Buat akun").click()

    # The secret, once, in a marked box with a warning and a copy button.
    box = page.locator(".secret-box")
    expect(box.get_by_role("heading", name="Kode penyiapan untuk Penghubung Uji Dinkes")).to_be_visible()
    expect(box).to_contain_text("tidak akan ditampilkan lagi")
    secret = box.get_by_label("Kode sekali pakai").input_value()
    assert len(secret) >= 16, secret
    box.get_by_role("button", name="Salin").click()
    expect(box.get_by_role("status")).to_have_text("Tersalin ke papan klip.")
    assert page.evaluate("navigator.clipboard.readText()") == secret
    row = _rows(page).filter(has_text=email)
    expect(row).to_have_count(1)
    expect(row).to_contain_text("Dinas Kesehatan (DINKES)")
    expect(row.locator(".badge")).to_have_text("Aktif")
    screenshot(page, "admin-accounts")

    # Closed, it is gone for good: not in the page, not after a reload.
    box.get_by_role("button", name="Sudah saya serahkan, tutup").click()
    expect(page.locator(".secret-box")).to_have_count(0)
    page.reload()
    expect(_rows(page).filter(has_text=email)).to_have_count(1)
    assert secret not in page.content()

    # The liaison, in a browser of their own, turns the secret into a password and lands in the inbox.
    liaison = new_page()
    liaison.goto("/setup")
    liaison.locator("#setup-email").fill(email)
    liaison.locator("#setup-secret").fill(secret)
    liaison.locator("#setup-password").fill(NEW_PASSWORD)
    liaison.locator("form button[type=submit]").click()
    expect(liaison).to_have_url(re.compile(r"/inbox$"))
    expect(liaison.get_by_role("heading", name="Kotak masuk", level=1)).to_be_visible()
    expect(liaison.locator(".who__name")).to_have_text("Penghubung Uji Dinkes")

    # A reset secret is shown once the same way; deactivating and activating again.
    row = _rows(page).filter(has_text=email)
    row.get_by_role("button", name="Buat kode reset: Penghubung Uji Dinkes").click()
    expect(page.locator(".secret-box").get_by_role("heading")).to_have_text(
        "Kode reset untuk Penghubung Uji Dinkes"
    )
    reset_secret = page.locator(".secret-box").get_by_label("Kode sekali pakai").input_value()
    assert reset_secret and reset_secret != secret
    page.get_by_role("button", name="Sudah saya serahkan, tutup").click()
    row.get_by_role("button", name="Nonaktifkan: Penghubung Uji Dinkes").click()
    expect(page.get_by_role("status").filter(has_text="dinonaktifkan")).to_be_visible()
    expect(row.locator(".badge")).to_have_text("Nonaktif")
    row.get_by_role("button", name="Aktifkan: Penghubung Uji Dinkes").click()
    expect(row.locator(".badge")).to_have_text("Aktif")

    # Payload errors appear at their field: the same e-mail again.
    page.get_by_label("Nama", exact=True).fill("Penghubung Kedua")
    page.get_by_label("E-mail", exact=True).fill(email)
    choose_agency(page.locator("#liaison-agency"), "DINKES")
    page.get_by_role("button", name="Buat akun").click()
    expect(page.locator("#liaison-email-error")).to_be_visible()
    expect(page.locator(".secret-box")).to_have_count(0)


def test_agencies_are_created_moved_edited_and_deleted_in_the_tree(new_page, screenshot) -> None:
    page = new_page()
    log_in(page, ADMIN, lands_on="/admin/verification")
    page.goto("/admin/agencies")
    tree = page.locator("table.agency-tree")
    dinkes = _rows(page, "table.agency-tree").filter(has_text="Dinas Kesehatan")
    expect(dinkes.locator(".agency-tree__name--1")).to_have_text("Dinas Kesehatan")

    code = f"UJI{uuid.uuid4().hex[:5].upper()}"
    form = page.locator("form[aria-labelledby=create-agency-title]")
    form.get_by_label("Kode").fill(code.lower())
    form.get_by_label("Nama", exact=True).fill("Seksi Uji Coba")
    choose_agency(form.locator("#agency-new-parent"), "DINKES")
    expect(form).to_contain_text("Tingkat instansi baru: Unit")
    form.get_by_role("button", name="Tambah instansi").click()
    expect(page.get_by_role("status").filter(has_text="Seksi Uji Coba ditambahkan")).to_be_visible()
    unit = _rows(page, "table.agency-tree").filter(has_text=code)
    expect(unit.locator(".agency-tree__name--2")).to_have_text("Seksi Uji Coba")
    expect(unit).to_contain_text("Unit")

    # Manage it: rename, move under another agency (itself is not offered), profile, deactivate.
    unit.get_by_role("button", name="Kelola: Seksi Uji Coba").click()
    editor = page.locator(".agency-editor")
    expect(editor.get_by_role("heading", level=2)).to_be_focused()
    editor.get_by_label("Nama", exact=True).fill("Seksi Uji Coba Baru")
    editor.get_by_role("button", name="Simpan", exact=True).click()
    expect(page.get_by_role("status").filter(has_text="Perubahan instansi disimpan")).to_be_visible()
    expect(unit.locator(".agency-tree__name")).to_have_text("Seksi Uji Coba Baru")

    move = editor.locator("#agency-move-parent")
    expect(move.locator("option", has_text=f"({code})")).to_be_disabled()
    choose_agency(move, "PU")
    editor.get_by_role("button", name="Pindahkan", exact=True).click()
    expect(page.get_by_role("status").filter(has_text="Instansi dipindahkan")).to_be_visible()
    names = [name.strip() for name in tree.locator(".agency-tree__name").all_inner_texts()]
    assert names.index("Seksi Uji Coba Baru") == names.index("Dinas Pekerjaan Umum dan Penataan Ruang") + 1, (
        names
    )

    editor.get_by_label("Jam layanan").fill("Senin–Jumat 08.00–16.00")
    editor.get_by_role("button", name="Tambah pejabat").click()
    editor.get_by_label("Nama pejabat 1").fill("dr. Uji")
    editor.get_by_label("Jabatan pejabat 1").fill("Kepala Seksi")
    editor.get_by_role("button", name="Simpan profil").click()
    expect(page.get_by_role("status").filter(has_text="Profil disimpan")).to_be_visible()
    expect(editor.get_by_label("Nama pejabat 1")).to_have_value("dr. Uji")

    editor.get_by_role("button", name="Nonaktifkan").click()
    expect(unit.locator(".badge")).to_have_text("Nonaktif")
    screenshot(page, "admin-agencies")

    # An agency in use cannot be deleted: the API says why, at the delete button.
    dinkes.get_by_role("button", name="Kelola: Dinas Kesehatan").click()
    expect(editor.get_by_role("heading", level=2)).to_contain_text("Dinas Kesehatan")
    editor.get_by_role("button", name="Hapus", exact=True).click()
    editor.get_by_role("button", name="Ya, hapus").click()
    expect(editor.locator(".form-errors")).to_contain_text("Nonaktifkan saja")
    expect(dinkes).to_have_count(1)

    # The test agency has nothing: it is deleted.
    unit.get_by_role("button", name="Kelola: Seksi Uji Coba Baru").click()
    expect(editor.get_by_role("heading", level=2)).to_contain_text("Seksi Uji Coba Baru")
    editor.get_by_role("button", name="Hapus", exact=True).click()
    editor.get_by_role("button", name="Ya, hapus").click()
    expect(page.get_by_role("status").filter(has_text="Instansi dihapus")).to_be_visible()
    expect(unit).to_have_count(0)


def test_holidays_are_added_deleted_and_imported_from_icalendar(new_page, screenshot) -> None:
    page = new_page()
    log_in(page, ADMIN, lands_on="/admin/verification")
    page.goto("/admin/holidays")
    expect(page.get_by_role("heading", name="Kalender hari libur", level=1)).to_be_visible()

    add = page.locator("form[aria-labelledby=holiday-add-title]")
    add.get_by_label("Tanggal").fill(ADDED_HOLIDAY)
    add.get_by_label("Nama", exact=True).fill("Hari Uji Konsol")
    add.get_by_label("Jenis").select_option("CUTI_BERSAMA")
    add.get_by_role("button", name="Tambah hari libur").click()
    # The page follows the new holiday to its year.
    expect(page).to_have_url(re.compile(rf"year={THIS_YEAR + 3}"))
    added = _rows(page).filter(has_text="Hari Uji Konsol")
    expect(added).to_contain_text("Cuti bersama")
    expect(added).to_contain_text("Semua instansi (nasional)")

    # The same day again: the API's error at the date field.
    add.get_by_label("Tanggal").fill(ADDED_HOLIDAY)
    add.get_by_label("Nama", exact=True).fill("Hari Uji Konsol")
    add.get_by_role("button", name="Tambah hari libur").click()
    expect(add.locator(".field-error, .form-errors")).to_contain_text("sudah ada")

    added.get_by_role("button", name=re.compile(r"^Hapus: Hari Uji Konsol")).click()
    expect(page.get_by_role("status").filter(has_text="Hari libur dihapus")).to_be_visible()
    expect(added).to_have_count(0)

    # Import a two-event calendar; the kind comes from each event's CATEGORIES.
    importer = page.locator("form[aria-labelledby=holiday-import-title]")
    importer.get_by_label("Berkas .ics").set_input_files(
        files=[{"name": "libur-uji.ics", "mimeType": "text/calendar", "buffer": ICS.encode()}]
    )
    importer.get_by_role("button", name="Impor").click()
    expect(page.get_by_role("status").filter(has_text="2 hari diimpor dari libur-uji.ics")).to_be_visible()
    page.get_by_label("Tahun").select_option(str(ICS_YEAR))
    expect(page).to_have_url(re.compile(rf"year={ICS_YEAR}"))
    expect(_rows(page).filter(has_text="Libur uji satu")).to_contain_text("Libur nasional")
    expect(_rows(page).filter(has_text="Cuti bersama uji")).to_contain_text("Cuti bersama")
    screenshot(page, "admin-holidays")


def test_the_audit_trail_lists_changes_with_who_and_what(new_page, screenshot, base_url) -> None:
    # Two changes of its own, so the trail has entries whatever ran before.
    admin = token(base_url, ADMIN)
    created = graphql(
        base_url,
        "mutation AddHoliday($input: HolidayCreateInput!) {"
        " holidayCreate(input: $input) { holiday { id } errors { message } } }",
        {"input": {"date": AUDIT_HOLIDAY, "name": "Hari Audit Uji"}},
        admin,
    )["holidayCreate"]
    assert created["holiday"], created
    graphql(
        base_url,
        "mutation DeleteHoliday($input: HolidayDeleteInput!) { holidayDelete(input: $input) { deletedId } }",
        {"input": {"id": created["holiday"]["id"]}},
        admin,
    )

    page = new_page()
    log_in(page, ADMIN, lands_on="/admin/verification")
    page.get_by_role("navigation", name="Navigasi utama").get_by_role("link", name="Jejak audit").click()
    expect(page.get_by_role("heading", name="Jejak audit", level=1)).to_be_visible()
    rows = _rows(page, "table.audit")
    deleted = rows.filter(has_text="Hari libur dihapus").first
    expect(deleted).to_contain_text("Admin Diskominfo Babel")
    expect(deleted).to_contain_text("Hari Audit Uji")
    expect(deleted.locator("td[data-label='Rincian']")).to_contain_text("name: Hari Audit Uji")
    expect(rows.filter(has_text="Hari libur ditambahkan").first).to_contain_text(f"date: {AUDIT_HOLIDAY}")
    screenshot(page, "admin-audit")

    # Narrowed to agencies: only agency entries remain (if any); the filter is in the URL.
    page.get_by_label("Jenis objek").select_option("agency")
    expect(page).to_have_url(re.compile(r"type=agency"))
    expect(rows.filter(has_text="Hari libur")).to_have_count(0)

    # The English console: the page's own labels and the action names switch with it.
    page.get_by_label("Jenis objek").select_option("")
    page.get_by_label("Bahasa").select_option("en")
    expect(page.get_by_role("heading", name="Audit trail", level=1)).to_be_visible()
    expect(rows.filter(has_text="Holiday deleted").first).to_contain_text("Hari Audit Uji")
