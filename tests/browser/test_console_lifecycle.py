"""The seed's whole lifecycle by clicks, with three browser contexts at once: a reporter without an
account, the admin, and a liaison (first of the wrong agency, Dinkes, then, in the same browser after
logging out, of the right one, PU).

Submit → dispose to DINKES → not our authority (reason, suggested PU) → the admin accepts and
re-disposes to PU → follow up (the reporter's open page shows the answer without a reload) → reply →
close → reopen with a reason → close again.

Every action goes through the report page's action panel, which renders one button per
``availableActions`` entry and a form from its inputs; the labels below are the API's own (Indonesian,
``lapor_gql/domain/actions.py``), so a renamed action fails here as it would confuse an officer.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Callable
from pathlib import Path

from playwright.sync_api import Locator, Page, expect

from .conftest import ADMIN, DINKES, PU, PageFactory, choose_agency, log_in

REPORT_PATH = re.compile(r"/reports/[^/?#]+$")

DISPOSE = "Disposisi ke instansi"
REQUEST_NOT_AUTHORITY = "Ajukan bukan wewenang"
RESOLVE_NOT_AUTHORITY = "Putuskan pengajuan bukan wewenang"
FOLLOW_UP = "Tindak lanjut"
REPLY = "Tanggapan pelapor"
CLOSE = "Tutup laporan"
REOPEN = "Buka kembali"


def log_out(page: Page) -> None:
    page.get_by_role("banner").get_by_role("button", name="Keluar").click()
    expect(page).to_have_url(re.compile(r"/login"))


def status(page: Page) -> Locator:
    """The report's status as its facts list states it."""
    return page.locator("dt", has_text=re.compile(r"^Status$")).locator("xpath=following-sibling::dd[1]")


def action_button(page: Page, label: str) -> Locator:
    return page.get_by_role("button", name=label, exact=True)


def open_action(page: Page, label: str) -> Locator:
    """Press the action's button; its form (named by the action's label) opens."""
    action_button(page, label).click()
    form = page.get_by_role("form", name=label)
    expect(form).to_be_visible()
    return form


def send(page: Page, form: Locator, label: str) -> None:
    form.get_by_role("button", name=f"Kirim: {label}").click()
    # Done: the form closes and the page says so.
    expect(page.get_by_role("form", name=label)).to_have_count(0)
    expect(page.get_by_role("status").filter(has_text=f"Berhasil: {label}")).to_be_visible()


def test_the_whole_lifecycle_by_clicks(
    new_page: PageFactory, screenshot: Callable[[Page, str], Path]
) -> None:
    reporter = new_page()
    admin = new_page()
    liaison = new_page()

    # --- the reporter submits without an account and follows the report with the receipt's code
    title = f"Jalan berlubang di Jl. Soekarno-Hatta {uuid.uuid4().hex[:6]}"
    reporter.goto("/submit")
    reporter.get_by_label("Judul laporan").fill(title)
    reporter.get_by_label("Isi laporan").fill("Lubang besar di depan pasar, sudah dua motor jatuh.")
    reporter.get_by_label("Kategori").fill("Infrastruktur")
    reporter.get_by_label("Lokasi").fill("Jl. Soekarno-Hatta km 5, Pangkalpinang")
    reporter.get_by_role("button", name="Kirim laporan").click()
    expect(reporter.get_by_test_id("access-code")).to_be_visible()
    reporter.get_by_role("button", name="Ikuti laporan ini").click()
    expect(reporter).to_have_url(REPORT_PATH)
    expect(reporter.get_by_role("heading", name=title)).to_be_visible()
    expect(status(reporter)).to_have_text("Belum Terverifikasi")
    report_path = "/reports/" + reporter.url.split("/reports/", 1)[1]

    # --- the admin disposes it to the wrong agency
    log_in(admin, ADMIN)
    admin.goto(report_path)
    form = open_action(admin, DISPOSE)
    choose_agency(form.get_by_role("combobox", name="Instansi tujuan"), "DINKES")
    send(admin, form, DISPOSE)
    expect(status(admin)).to_have_text("Terdisposisi, Belum Ditindaklanjuti")
    expect(status(reporter)).to_have_text("Terdisposisi, Belum Ditindaklanjuti")  # live

    # --- Dinkes: not our authority, with a reason and the agency that should handle it
    log_in(liaison, DINKES)
    liaison.goto(report_path)
    expect(liaison.get_by_role("heading", name=title)).to_be_visible()
    form = open_action(liaison, REQUEST_NOT_AUTHORITY)
    form.get_by_role("textbox", name="Alasan").fill("Jalan provinsi: kewenangan Dinas PU.")
    choose_agency(form.get_by_role("combobox", name="Instansi yang seharusnya"), "PU")
    send(liaison, form, REQUEST_NOT_AUTHORITY)
    expect(action_button(liaison, FOLLOW_UP)).to_have_count(0)

    # --- the admin's open page offers the decision (live); accepting re-disposes to PU
    form = open_action(admin, RESOLVE_NOT_AUTHORITY)
    form.get_by_role("radio", name="Ya").check()
    choose_agency(form.get_by_role("combobox", name="Instansi baru"), "PU")
    send(admin, form, RESOLVE_NOT_AUTHORITY)
    expect(admin.get_by_text("Dinas Pekerjaan Umum").first).to_be_visible()

    # --- the right agency follows up; the reporter's page shows the answer without a reload
    log_out(liaison)
    log_in(liaison, PU)
    liaison.goto(report_path)
    answer = "Tim kami menambal lubang itu hari Kamis ini."
    form = open_action(liaison, FOLLOW_UP)
    form.get_by_role("textbox", name="Tanggapan untuk pelapor").fill(answer)
    send(liaison, form, FOLLOW_UP)
    expect(reporter.get_by_text(answer)).to_be_visible()
    expect(status(reporter)).to_have_text("Sedang Ditindaklanjuti")
    screenshot(reporter, "lifecycle-reporter-answer")

    # --- the reporter replies (the reply action arrived with the live update)
    reply = "Terima kasih, lubangnya memang di depan pasar."
    form = open_action(reporter, REPLY)
    form.get_by_role("textbox", name="Tanggapan").fill(reply)
    send(reporter, form, REPLY)
    expect(liaison.get_by_text(reply)).to_be_visible()  # live on the liaison's page too

    # --- PU closes it
    form = open_action(liaison, CLOSE)
    form.get_by_role("textbox", name="Penyelesaian").fill("Lubang sudah ditambal pada hari Kamis.")
    send(liaison, form, CLOSE)
    expect(status(liaison)).to_have_text("Selesai")
    expect(status(reporter)).to_have_text("Selesai")

    # --- reopened with a reason, by whoever availableActions offers it to (the reporter first)
    reopener = reporter if action_button(reporter, REOPEN).count() else liaison
    form = open_action(reopener, REOPEN)
    form.get_by_role("textbox", name="Alasan").fill("Lubangnya muncul lagi setelah hujan.")
    send(reopener, form, REOPEN)
    expect(status(reporter)).not_to_have_text("Selesai")
    expect(reporter.get_by_text("Lubangnya muncul lagi setelah hujan.")).to_be_visible()

    # --- and closed again
    form = open_action(liaison, CLOSE)
    form.get_by_role("textbox", name="Penyelesaian").fill("Ditambal ulang dengan aspal panas.")
    send(liaison, form, CLOSE)
    expect(status(reporter)).to_have_text("Selesai")
    expect(reporter.get_by_text("Ditambal ulang dengan aspal panas.")).to_be_visible()
    expect(action_button(liaison, REOPEN)).to_be_visible()
    screenshot(reporter, "lifecycle-closed")
