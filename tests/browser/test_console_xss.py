"""Citizens write the text officers read: a report whose title, body, category, location and reply hold
script, HTML and markdown tricks is shown literally, nothing runs and no element is injected, for the
reporter (My reports and the report page) and for the admin.

The tricks would not run under the CSP anyway (no inline script); what this checks is the console
itself: it renders citizen text as text, never as markup. A CSP violation would also show up as a
console error, which fails the test (see conftest)."""

from __future__ import annotations

import re
import uuid
from collections.abc import Callable
from pathlib import Path

from playwright.sync_api import Page, expect

from .conftest import ADMIN, CITIZEN, PU, PageFactory, agency_id, graphql, log_in, token

SCRIPT = "<script>window.__xss=1</script>"
IMG = '<img src=x onerror="window.__xss=1">'
MARKDOWN_LINK = "[x](javascript:window.__xss=1)"
SVG = '<svg onload="window.__xss=1">'
BREAKOUT = '"><b id=injected>bold</b>'

TAG = uuid.uuid4().hex[:6]
TITLE = f"{BREAKOUT} {IMG} {TAG}"
BODY = "\n".join(
    [
        SCRIPT,
        IMG,
        MARKDOWN_LINK,
        SVG,
        BREAKOUT,
        "**tebal** _miring_ <a href=javascript:window.__xss=1>klik</a>",
    ]
)
CATEGORY = f"{SCRIPT}Infrastruktur"
LOCATION = f"{SVG} {MARKDOWN_LINK}"
REPLY = f"{IMG} {SCRIPT} {MARKDOWN_LINK} {BREAKOUT}"


def perform(base_url: str, who: str, report_id: str, action: str, values: dict[str, str]) -> None:
    """Officers' steps that only bring the report to where the reporter may reply: straight to the API."""
    data = graphql(
        base_url,
        "mutation PerformAction($input: ReportActionPerformInput!) {"
        " reportActionPerform(input: $input) { errors { message } } }",
        {
            "input": {
                "id": report_id,
                "action": action,
                "values": [{"name": k, "value": v} for k, v in values.items()],
            }
        },
        token(base_url, who),
    )
    assert data["reportActionPerform"]["errors"] == []


def assert_nothing_ran(page: Page) -> None:
    assert page.evaluate("typeof window.__xss") == "undefined"
    expect(page.locator("#injected")).to_have_count(0)
    expect(page.locator("img[src='x']")).to_have_count(0)
    expect(page.locator("main svg[onload]")).to_have_count(0)
    expect(page.locator("main script")).to_have_count(0)
    expect(page.locator("a[href^='javascript:' i]")).to_have_count(0)


def assert_shown_literally(page: Page, *texts: str) -> None:
    main = page.locator("main")
    for text in texts:
        for line in text.splitlines():
            expect(main).to_contain_text(line)


def test_citizen_text_with_markup_is_shown_as_text(
    new_page: PageFactory, base_url: str, screenshot: Callable[[Page, str], Path]
) -> None:
    reporter = new_page()
    log_in(reporter, CITIZEN)
    reporter.goto("/submit")
    reporter.get_by_label("Judul laporan").fill(TITLE)
    reporter.get_by_label("Isi laporan").fill(BODY)
    reporter.get_by_label("Kategori").fill(CATEGORY)
    reporter.get_by_label("Lokasi").fill(LOCATION)
    reporter.get_by_role("button", name="Kirim laporan").click()
    expect(reporter.get_by_role("heading", name="Laporan terkirim")).to_be_visible()
    assert_shown_literally(reporter, TITLE)  # the receipt repeats the title
    assert_nothing_ran(reporter)

    # The citizen's own list shows the title as typed.
    reporter.get_by_role("link", name="Ke laporan saya").click()
    row = reporter.get_by_role("row").filter(has_text=TAG)
    expect(row).to_have_count(1)
    expect(row).to_contain_text(TITLE)
    assert_nothing_ran(reporter)

    row.get_by_role("link").first.click()
    expect(reporter).to_have_url(re.compile(r"/reports/[^/]+$"))
    report_id = reporter.url.rsplit("/", 1)[1]
    expect(reporter.get_by_role("heading", level=1)).to_have_text(TITLE)
    assert_shown_literally(reporter, BODY, CATEGORY, LOCATION)
    assert_nothing_ran(reporter)

    # Dispose and answer (through the API: the console's action forms have their own test), so the
    # reporter may reply; the reply action reaches the open page live.
    perform(base_url, ADMIN, report_id, "dispose", {"agency_id": agency_id(base_url, "PU")})
    perform(base_url, PU, report_id, "follow_up", {"message": "Kami periksa."})
    reporter.get_by_role("button", name="Tanggapan pelapor", exact=True).click()
    form = reporter.get_by_role("form", name="Tanggapan pelapor")
    form.get_by_role("textbox", name="Tanggapan").fill(REPLY)
    form.get_by_role("button", name="Kirim: Tanggapan pelapor").click()
    expect(form).to_have_count(0)
    assert_shown_literally(reporter, REPLY)
    assert_nothing_ran(reporter)

    # The admin reads the same report: every field as typed, nothing ran.
    admin = new_page()
    log_in(admin, ADMIN)
    admin.goto(f"/reports/{report_id}")
    expect(admin.get_by_role("heading", level=1)).to_have_text(TITLE)
    assert_shown_literally(admin, BODY, CATEGORY, LOCATION, REPLY)
    assert_nothing_ran(admin)
    screenshot(admin, "xss-report")
