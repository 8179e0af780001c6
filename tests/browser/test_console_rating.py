"""The reporter's rating in a real browser: once the agency closes the report, the reporter (here without
an account, following with the access code) is asked at the top of the report page, rates it with the
five stars (a radio group) and a comment; the rating shows on the report, its comment only to officers,
and the admin's statistics count it in the agency's satisfaction."""

from __future__ import annotations

import re
import uuid
from collections.abc import Callable
from pathlib import Path

from playwright.sync_api import Page, expect

from .conftest import ADMIN, PU, PageFactory, agency_id, graphql, log_in, submit_report, token

Screenshot = Callable[[Page, str], Path]

REPORT_PATH = re.compile(r"/reports/[^/?#]+$")
RATE = "Beri penilaian"


def closed_by_pu(base_url: str, title: str) -> dict[str, str]:
    """A report without an account, disposed to Dinas PU, answered and closed by its liaison (by the API)."""
    submitted = submit_report(base_url, title)
    admin, pu = token(base_url, ADMIN), token(base_url, PU)
    steps = [
        (
            "mutation Dispose($input: ReportDisposeInput!) {"
            " reportDispose(input: $input) { errors { message } } }",
            {"id": submitted["id"], "agencyId": agency_id(base_url, "PU")},
            admin,
        ),
        (
            "mutation FollowUp($input: ReportMessageInput!) {"
            " reportFollowUp(input: $input) { errors { message } } }",
            {"id": submitted["id"], "message": "Sudah kami perbaiki."},
            pu,
        ),
        (
            "mutation Close($input: ReportCloseInput!) { reportClose(input: $input) { errors { message } } }",
            {"id": submitted["id"], "resolution": "Perbaikan selesai."},
            pu,
        ),
    ]
    for query, values, who in steps:
        answer = graphql(base_url, query, {"input": values}, who)
        assert next(iter(answer.values()))["errors"] == [], answer
    return submitted


def test_the_reporter_rates_after_closure(
    new_page: PageFactory, base_url: str, screenshot: Screenshot
) -> None:
    title = f"Drainase tersumbat {uuid.uuid4().hex[:6]}"
    submitted = closed_by_pu(base_url, title)

    reporter = new_page(width=390, height=844)  # a phone: where most reporters are
    reporter.goto(f"/track?number={submitted['trackingNumber']}")
    reporter.get_by_label("Kode akses").fill(submitted["accessCode"])
    reporter.get_by_role("button", name="Lacak", exact=True).click()
    expect(reporter).to_have_url(REPORT_PATH)

    # Asked at the top, before anything else; the rating action is not repeated among the buttons.
    prompt = reporter.locator(".rating-prompt")
    heading = prompt.get_by_role("heading", name="Laporan Anda sudah selesai. Bagaimana penyelesaiannya?")
    expect(heading).to_be_visible()
    expect(reporter.locator(".action-panel").get_by_role("button", name=RATE, exact=True)).to_have_count(0)
    stars = prompt.get_by_role("radio")
    expect(stars).to_have_count(5)

    # Sending without a score: refused at the stars.
    prompt.get_by_role("button", name=f"Kirim: {RATE}").click()
    expect(prompt.locator(".action-form__rating .field-error")).to_be_visible()

    # A star is a radio button named by its number and meaning; the keyboard moves between them.
    prompt.locator("label", has_text="3 — Cukup").click()
    expect(prompt.get_by_role("radio", name="3 — Cukup")).to_be_checked()
    reporter.keyboard.press("ArrowRight")
    expect(prompt.get_by_role("radio", name="4 — Puas")).to_be_checked()
    expect(prompt.locator(".rating-input__star--on")).to_have_count(4)
    prompt.get_by_role("textbox", name="Komentar").fill("Cepat, tapi jalan masih kotor.")
    screenshot(reporter, "rating-prompt")
    prompt.get_by_role("button", name=f"Kirim: {RATE}").click()

    expect(reporter.get_by_role("status").filter(has_text=f"Berhasil: {RATE}")).to_be_visible()
    expect(prompt).to_have_count(0)
    rating = reporter.get_by_test_id("report-rating")
    expect(rating.get_by_role("img", name=re.compile(r"^4 dari 5"))).to_be_visible()
    # The comment is for officers: not even its writer reads it back here.
    expect(rating).not_to_contain_text("Cepat, tapi jalan masih kotor.")
    screenshot(reporter, "rating-shown")

    # The admin reads it with the comment, and finds it in PU's satisfaction on the dashboard.
    admin = new_page()
    log_in(admin, ADMIN)
    admin.goto("/reports/" + submitted["id"])
    expect(admin.get_by_test_id("report-rating")).to_contain_text("Cepat, tapi jalan masih kotor.")
    admin.goto("/admin/statistics")
    satisfaction = admin.locator("#stat-satisfaction-table")
    row = satisfaction.get_by_role("row").filter(has_text="Dinas Pekerjaan Umum")
    expect(row).to_have_count(1)
    expect(row.locator("[data-figure=rated]")).not_to_have_text("0")
    satisfaction.scroll_into_view_if_needed()
    screenshot(admin, "rating-statistics")
