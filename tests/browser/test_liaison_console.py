"""The liaison officer's console in a real browser: the inbox (overdue first, filters in the URL, live
notice of a new disposition), a report page with its timeline and the actions from availableActions,
the settings with the agency profile's officials, and the English console.

Demo data is shared by every browser test: these tests change only what they create themselves (a new
report, an official they add and delete again)."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from .conftest import ADMIN, DINKES, agency_id, graphql, log_in, submit_report, token

# Demo reports disposed to Dinas Kesehatan: one overdue, one being followed up.
OVERDUE_TITLE = "Antrean panjang di Puskesmas Girimaya"
IN_PROGRESS_TITLE = "Dugaan pungli izin praktik"
ANSWER = "Kami tambah petugas farmasi.\nMulai Senin."


def _inbox_rows(page: Page):  # noqa: ANN202 - a Playwright locator
    return page.locator("table.report-list tbody tr")


def test_the_inbox_lists_my_agency_reports_overdue_first_and_opens_a_report(new_page, screenshot) -> None:
    page = new_page()
    log_in(page, DINKES, lands_on="/inbox")

    expect(page.get_by_role("heading", name="Kotak masuk", level=1)).to_be_visible()
    rows = _inbox_rows(page)
    expect(rows.filter(has_text=OVERDUE_TITLE)).to_have_count(1)
    expect(rows.filter(has_text=IN_PROGRESS_TITLE)).to_have_count(1)
    # Only Dinas Kesehatan's reports, the overdue ones on top with their badge and working days.
    expect(rows.filter(has_text="Jalan berlubang")).to_have_count(0)
    first = rows.first
    expect(first).to_contain_text(OVERDUE_TITLE)
    expect(first.locator(".badge--bad")).to_have_text("Terlambat")
    expect(first).to_contain_text(re.compile(r"terlambat \d+ hari kerja"))
    screenshot(page, "liaison-inbox")

    # Filters live in the URL: overdue only leaves the overdue report; a search narrows by title.
    page.get_by_label("Hanya yang terlambat").check()
    expect(page).to_have_url(re.compile(r"overdue=1"))
    expect(rows.filter(has_text=IN_PROGRESS_TITLE)).to_have_count(0)
    expect(rows.filter(has_text=OVERDUE_TITLE)).to_have_count(1)
    page.get_by_label("Hanya yang terlambat").uncheck()
    page.get_by_label("Cari judul").fill("pungli")
    page.get_by_role("button", name="Terapkan").click()
    expect(page).to_have_url(re.compile(r"q=pungli"))
    expect(rows).to_have_count(1)
    page.reload()
    expect(page.get_by_label("Cari judul")).to_have_value("pungli")
    expect(rows).to_have_count(1)
    page.get_by_role("button", name="Hapus saringan").click()
    expect(rows.filter(has_text=OVERDUE_TITLE)).to_have_count(1)

    rows.filter(has_text=OVERDUE_TITLE).get_by_role("link", name=OVERDUE_TITLE).click()
    expect(page).to_have_url(re.compile(r"/reports/[^/]+$"))
    expect(page.get_by_role("heading", name=OVERDUE_TITLE, level=1)).to_be_visible()
    timeline = page.locator(".timeline__list > li")
    expect(timeline.first).to_contain_text("Laporan dikirim")
    expect(timeline.filter(has_text="Disposisi ke instansi")).to_have_count(1)
    # The actions this liaison may take now, from availableActions, one button each.
    actions = page.locator(".action-panel")
    for label in ("Tindak lanjut", "Ajukan bukan wewenang", "Tutup laporan"):
        expect(actions.get_by_role("button", name=label, exact=True)).to_be_visible()
    # The not-authority form is built from its inputs: an internal reason and an agency picker.
    actions.get_by_role("button", name="Ajukan bukan wewenang", exact=True).click()
    form = page.locator("form.action-form")
    expect(form.get_by_label("Alasan")).to_be_visible()
    expect(form.get_by_label("Alasan")).to_be_focused()
    expect(form.get_by_label("Instansi yang seharusnya")).to_be_visible()
    expect(form.locator("select option", has_text="Dinas Pendidikan")).to_have_count(1)
    form.get_by_role("button", name=re.compile("^Kirim")).click()
    expect(form.locator(".field-error")).to_have_text("Lengkapi isian yang wajib.")
    screenshot(page, "liaison-report")
    form.get_by_role("button", name="Batal").click()
    expect(page.locator("form.action-form")).to_have_count(0)

    phone = new_page(width=390, height=844)
    log_in(phone, DINKES, lands_on="/inbox")
    expect(_inbox_rows(phone).filter(has_text=OVERDUE_TITLE)).to_have_count(1)
    screenshot(phone, "liaison-inbox-phone")


def test_a_new_disposition_arrives_live_and_the_answer_reaches_the_public_page(new_page, base_url) -> None:
    liaison = new_page()
    log_in(liaison, DINKES, lands_on="/inbox")
    expect(_inbox_rows(liaison).first).to_be_visible()

    # A citizen without an account submits a report whose text tries HTML and script; the admin disposes
    # it to Dinas Kesehatan (over the API, as another client would).
    title = 'Antrean obat <b id="injected">tebal</b> <img src=x onerror="window.__pwned=1">'
    submitted = submit_report(
        base_url,
        title,
        body="Baris satu\n<script>window.__pwned=2</script>\n**bukan markdown**",
        category="Kesehatan",
        locationText="Puskesmas <i>Taman Sari</i>",
    )
    disposed = graphql(
        base_url,
        "mutation Dispose($input: ReportDisposeInput!) {"
        " reportDispose(input: $input) { errors { message } } }",
        {
            "input": {
                "id": submitted["id"],
                "agencyId": agency_id(base_url, "DINKES"),
                "note": "Mohon segera.",
            }
        },
        token(base_url, ADMIN),
    )
    assert disposed["reportDispose"]["errors"] == []

    notice = liaison.locator(".live-notices")
    expect(notice).to_contain_text(f"Laporan baru didisposisikan: {submitted['trackingNumber']}")
    notice.get_by_role("button", name="Muat ulang daftar").click()
    expect(notice).to_be_empty()
    row = _inbox_rows(liaison).filter(has_text=submitted["trackingNumber"])
    expect(row).to_contain_text(title)
    row.get_by_role("link", name=submitted["trackingNumber"]).click()

    # Citizen text is text: shown literally, nothing injected, nothing ran.
    expect(liaison.locator("#report-title")).to_have_text(title)
    expect(liaison.locator(".report-page__body")).to_contain_text("<script>window.__pwned=2</script>")
    expect(liaison.locator("#injected")).to_have_count(0)
    expect(liaison.locator("main img")).to_have_count(0)
    assert liaison.evaluate("window.__pwned") is None
    # The disposition's note is internal and marked so.
    expect(liaison.locator(".timeline__internal")).to_contain_text("Mohon segera.")

    # Anyone may read a public report: its page updates live when the agency answers.
    public = new_page()
    public.goto(liaison.url.replace(base_url, ""))
    expect(public.locator("#report-title")).to_have_text(title)
    expect(public.locator(".timeline__internal")).to_have_count(0)

    liaison.locator(".action-panel").get_by_role("button", name="Tindak lanjut", exact=True).click()
    form = liaison.locator("form.action-form")
    form.get_by_label("Tanggapan untuk pelapor").fill(ANSWER)
    form.get_by_role("button", name=re.compile("^Kirim")).click()
    expect(liaison.locator(".report-page__notice")).to_contain_text("Berhasil: Tindak lanjut.")
    expect(liaison.locator(".timeline__message--answer")).to_have_text(ANSWER)

    expect(public.locator(".report-page__notice")).to_contain_text(
        "Laporan ini baru saja diperbarui: Tindak lanjut"
    )
    expect(public.locator(".timeline__message--answer")).to_have_text(ANSWER)


def test_the_liaison_edits_the_agency_profile_and_ends_sessions(new_page, base_url, screenshot) -> None:
    token(base_url, DINKES)  # another session of this liaison, e.g. on another device
    page = new_page()
    log_in(page, DINKES, lands_on="/inbox")
    page.goto("/settings")
    agency = page.locator("section[aria-labelledby=settings-agency]")
    expect(agency.get_by_role("heading", name="Profil instansi")).to_be_visible()
    rows = agency.locator(".officials__row")
    before = rows.count()

    agency.get_by_role("button", name="Tambah pejabat").click()
    expect(rows).to_have_count(before + 1)
    new_row = rows.nth(before)
    expect(new_row.get_by_label("Nama pejabat")).to_be_focused()
    new_row.get_by_label("Nama pejabat").fill("dr. Uji Peramban, M.Kes.")
    new_row.get_by_label("Jabatan").fill("Kepala Bidang Uji")
    agency.get_by_role("button", name="Simpan profil instansi").click()
    expect(agency).to_contain_text("Profil instansi disimpan.")
    screenshot(page, "liaison-settings")

    page.reload()
    names = agency.locator(".officials__row input[name$='.name']")
    expect(names.nth(before)).to_have_value("dr. Uji Peramban, M.Kes.")
    agency.get_by_role("button", name=f"Hapus pejabat {before + 1}").click()
    expect(rows).to_have_count(before)
    agency.get_by_role("button", name="Simpan profil instansi").click()
    expect(agency).to_contain_text("Profil instansi disimpan.")

    page.reload()
    expect(agency.get_by_role("heading", name="Profil instansi")).to_be_visible()
    expect(rows).to_have_count(before)
    for index in range(before):
        expect(names.nth(index)).not_to_have_value("dr. Uji Peramban, M.Kes.")

    # Sessions: ending another one leaves this one; ending this one logs out.
    sessions = page.locator(".session-list__item")
    expect(page.locator(".session-list__item--current")).to_contain_text("Sesi ini")
    expect(sessions.nth(1)).to_be_visible()
    count = sessions.count()
    sessions.filter(has_not=page.locator(".badge")).first.get_by_role("button", name="Akhiri sesi").click()
    expect(page.locator("section[aria-labelledby=settings-sessions]")).to_contain_text("Sesi diakhiri.")
    expect(sessions).to_have_count(count - 1)
    page.get_by_role("button", name="Keluar (akhiri sesi ini)").click()
    expect(page).to_have_url(re.compile(r"/login$"))
    page.goto("/settings")
    expect(page).to_have_url(re.compile(r"/login\?next="))


def test_the_console_speaks_english(new_page) -> None:
    # Switching the language reconnects the live connection (its handshake carries the language); a
    # message graphql-ws had on its way to the old socket as it closed is dropped by the browser, which
    # says so in the console. Nothing is lost: the new connection subscribes again.
    new_page.allow(r"^WebSocket is already in CLOSING or CLOSED state\.$")
    page = new_page(lang="en")
    log_in(page, DINKES, lands_on="/inbox")
    page.get_by_label("Bahasa").select_option("en")

    expect(page.get_by_role("heading", name="Inbox", level=1)).to_be_visible()
    expect(page.get_by_label("Overdue only")).to_be_visible()
    rows = _inbox_rows(page)
    first = rows.first
    expect(first.locator(".badge--bad")).to_have_text("Overdue")
    expect(first).to_contain_text(re.compile(r"\d+ working days overdue"))
    # The API's own labels follow the switch too.
    expect(rows.filter(has_text=IN_PROGRESS_TITLE)).to_contain_text("Being followed up")

    rows.get_by_role("link", name=OVERDUE_TITLE).click()
    expect(page.get_by_role("heading", name="Timeline")).to_be_visible()
    expect(page.locator(".action-panel").get_by_role("button", name="Follow up", exact=True)).to_be_visible()

    page.goto("/settings")
    expect(page.get_by_role("heading", name="Agency profile")).to_be_visible()
    expect(page.get_by_role("button", name="Add an official")).to_be_visible()


def test_a_mistyped_report_address_says_the_report_is_not_there(new_page) -> None:
    page = new_page()

    page.goto("/reports/not-a-report-id")

    not_there = "Laporan tidak ditemukan, atau Anda tidak berhak melihatnya."
    expect(page.get_by_role("alert")).to_have_text(not_there)
