"""Statistics in a real browser: the provincial admin's dashboard (headline figures, the compliance
ranking as a chart and a table, the monthly trend, downloads) with its filters in the URL, the
compliance card on a liaison's inbox, and the public transparency page without logging in.

Every figure the pages show is compared with what the `statistics` / `publicStatistics` query answers
at that moment (other browser tests add reports to the shared demo data, so nothing is hard-coded but
the demo's three ranked agencies). Charts are checked to be drawn: their canvas has painted pixels."""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urlencode

from playwright.sync_api import Page, expect

from .conftest import ADMIN, PU, agency_id, choose_agency, graphql, log_in, token

STATISTICS = """
query DashboardFigures($filter: StatisticsFilter) {
  statistics(filter: $filter) {
    band
    totals {
      received followedUp closed openNow overdueNow
      compliance { met missed pending measured rate }
    }
    agencies {
      band rank
      agency { code }
      figures { received overdueNow compliance { met missed pending rate } }
    }
  }
}
"""

PUBLIC_STATISTICS = """
query TransparencyFigures {
  publicStatistics {
    received followedUp closed band
    compliance { rate }
    agencies { band rank agency { code } received followedUp closed compliance { met missed rate } }
  }
}
"""

BAND_NAMES = {
    "id": {"GREEN": "Hijau", "YELLOW": "Kuning", "RED": "Merah", "NONE": "Belum terukur"},
    "en": {"GREEN": "Green", "YELLOW": "Yellow", "RED": "Red", "NONE": "Not measured yet"},
}


def percent(rate: float | None, lang: str = "id") -> str:
    """A rate as the console writes it: at most one decimal, the language's decimal mark."""
    if rate is None:
        return "—"
    text = f"{rate * 100:.1f}".removesuffix(".0")
    return (text.replace(".", ",") if lang == "id" else text) + "%"


def card(page: Page, name: str):  # noqa: ANN201 - a Locator
    return page.locator(f'.stat-card[data-figure="{name}"] .stat-card__value')


def chart_is_drawn(page: Page, name: str) -> bool:
    """The chart's canvas has painted pixels (Chart.js drew on it, under the page's CSP)."""
    chart = page.locator(f'.chart[data-chart="{name}"]')
    expect(chart).to_have_attribute("data-state", "drawn")
    painted: int = chart.locator("canvas").evaluate(
        """canvas => {
             const { data } = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height);
             let painted = 0;
             for (let alpha = 3; alpha < data.length; alpha += 4) if (data[alpha] > 0) painted += 1;
             return painted;
           }"""
    )
    return painted > 500


def expect_headline(page: Page, statistics: dict[str, Any]) -> None:
    totals = statistics["totals"]
    for name in ("received", "followedUp", "closed", "openNow", "overdueNow"):
        expect(card(page, name)).to_have_text(str(totals[name]))
    expect(card(page, "complianceRate")).to_have_text(percent(totals["compliance"]["rate"]))
    # The compliance card is in the band of the totals the API gives (its thresholds are server settings).
    expect(page.locator('.stat-card[data-figure="complianceRate"] .band')).to_have_text(
        BAND_NAMES["id"][statistics["band"]]
    )


def expect_ranking(page: Page, agencies: list[dict[str, Any]]) -> None:
    rows = page.locator("table.ranking-table tbody tr")
    expect(rows).to_have_count(len(agencies))
    for row, expected in zip(rows.all(), agencies, strict=True):
        compliance = expected["figures"]["compliance"]
        expect(row).to_have_attribute("data-agency", expected["agency"]["code"])
        expect(row.locator(".band")).to_have_text(BAND_NAMES["id"][expected["band"]])
        expect(row.locator('[data-figure="rate"]')).to_have_text(percent(compliance["rate"]))
        expect(row.locator('[data-figure="met"]')).to_have_text(str(compliance["met"]))
        expect(row.locator('[data-figure="missed"]')).to_have_text(str(compliance["missed"]))
        expect(row.locator('[data-figure="pending"]')).to_have_text(str(compliance["pending"]))
        expect(row.locator('[data-figure="overdueNow"]')).to_have_text(str(expected["figures"]["overdueNow"]))


def test_the_admin_dashboard_shows_the_figures_the_api_gives_and_follows_its_filters(
    new_page, screenshot, base_url
) -> None:
    admin = token(base_url, ADMIN)
    page = new_page()
    page.emulate_media(reduced_motion="reduce")  # charts drawn at once, no animation to wait for
    log_in(page, ADMIN, lands_on="/admin/verification")

    # In the admin's menu.
    page.get_by_role("navigation", name="Navigasi utama").get_by_role("link", name="Statistik").click()
    expect(page).to_have_url(re.compile(r"/admin/statistics$"))
    expect(page.get_by_role("heading", name="Statistik & ketepatan waktu", level=1)).to_be_visible()

    # Headline figures and the ranking are the API's: the demo's three agencies, each with its band.
    everything = graphql(base_url, STATISTICS, {"filter": None}, admin)["statistics"]
    codes = [entry["agency"]["code"] for entry in everything["agencies"]]
    assert {"PU", "DINKES", "DINDIK"} <= set(codes), codes
    assert all(
        entry["band"] != "NONE"
        for entry in everything["agencies"]
        if entry["agency"]["code"] in {"PU", "DINKES", "DINDIK"}
    )
    expect_headline(page, everything)
    expect_ranking(page, everything["agencies"])

    # Both charts are drawn, and each has words for those who cannot see it (its label; the tables).
    assert chart_is_drawn(page, "ranking")
    assert chart_is_drawn(page, "trend")
    ranking_label = page.locator('.chart[data-chart="ranking"] canvas').get_attribute("aria-label") or ""
    for code in ("PU", "DINKES", "DINDIK"):
        assert code in ranking_label, ranking_label
    page.locator("summary", has_text="Tabel tren bulanan").click()
    expect(page.locator("table.trend-table tbody tr").first).to_be_visible()

    # Per liaison: the demo's liaisons who answered.
    expect(page.locator("table.liaison-table tbody tr").first).to_be_visible()

    # Downloads carry the same filters (none yet), their columns named in the console's language.
    expect(page.get_by_role("link", name="Statistik (CSV)")).to_have_attribute(
        "href", "/exports/statistics.csv?lang=id"
    )
    expect(page.get_by_role("link", name="Daftar laporan (XLSX)")).to_have_attribute(
        "href", "/exports/reports.xlsx?lang=id"
    )
    # The README's picture (docs/screenshots/statistics-dashboard.png) is copied from this one by hand.
    screenshot(page, "statistics-dashboard")

    # One agency: the URL, the figures, the ranking and the download links follow.
    dinkes = agency_id(base_url, "DINKES")
    choose_agency(page.locator("#stat-agency"), "DINKES")
    expect(page).to_have_url(re.compile(re.escape(urlencode({"agencyId": dinkes})) + "$"))
    only_dinkes = graphql(base_url, STATISTICS, {"filter": {"agencyId": dinkes}}, admin)["statistics"]
    expect_headline(page, only_dinkes)
    expect_ranking(page, only_dinkes["agencies"])
    expect(page.get_by_role("link", name="Statistik (CSV)")).to_have_attribute(
        "href", "/exports/statistics.csv?" + urlencode({"agencyId": dinkes, "lang": "id"})
    )

    # A period without reports: applied with the button, kept in the URL, and so after a reload.
    page.locator("#stat-from").fill("2020-01-01")
    page.locator("#stat-to").fill("2020-01-31")
    page.get_by_role("button", name="Terapkan").click()
    expect(page).to_have_url(re.compile(r"from=2020-01-01.*to=2020-01-31"))
    expect(card(page, "received")).to_have_text("0")
    page.reload()
    expect(card(page, "received")).to_have_text("0")
    expect(page.locator("#stat-from")).to_have_value("2020-01-01")
    expect(page.get_by_text("Belum ada instansi dengan disposisi dalam periode ini.")).to_be_visible()

    # A period that ends before it begins is refused at the field, without asking the API.
    page.locator("#stat-from").fill("2020-02-01")
    page.get_by_role("button", name="Terapkan").click()
    expect(page.locator("#stat-to-error")).to_have_text("Tanggal awal harus sebelum tanggal akhir.")
    expect(page).to_have_url(re.compile(r"from=2020-01-01"))

    # Clearing the filters brings the whole province back.
    page.get_by_role("button", name="Hapus saringan").click()
    expect(page).to_have_url(re.compile(r"/admin/statistics$"))
    expect_headline(page, graphql(base_url, STATISTICS, {"filter": None}, admin)["statistics"])


def test_the_dashboard_fits_a_phone(new_page, screenshot) -> None:
    page = new_page(width=390, height=844)
    page.emulate_media(reduced_motion="reduce")
    log_in(page, ADMIN, lands_on="/admin/verification")

    page.goto("/admin/statistics")

    expect(page.locator("table.ranking-table tbody tr").first).to_be_visible()
    assert chart_is_drawn(page, "ranking")
    assert chart_is_drawn(page, "trend")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    screenshot(page, "statistics-dashboard-phone")


def test_a_liaison_sees_the_compliance_of_their_agency_on_the_inbox(new_page, screenshot, base_url) -> None:
    figures = graphql(base_url, STATISTICS, {"filter": None}, token(base_url, PU))["statistics"]
    own = next(entry for entry in figures["agencies"] if entry["agency"]["code"] == "PU")
    compliance = figures["totals"]["compliance"]
    page = new_page()

    log_in(page, PU, lands_on="/inbox")

    card_ = page.get_by_role("region", name="Ketepatan waktu tindak lanjut")
    expect(card_).to_be_visible()
    rate = card_.locator(".compliance-card__rate")
    expect(rate.locator(".compliance-card__value")).to_have_text(percent(compliance["rate"]))
    expect(rate.locator(".band")).to_have_text(BAND_NAMES["id"][own["band"]])
    for name, label, value in (
        ("met", "Tepat waktu", compliance["met"]),
        ("missed", "Terlambat", compliance["missed"]),
        ("pending", "Menunggu jawaban", compliance["pending"]),
        ("overdueNow", "Terlambat sekarang", figures["totals"]["overdueNow"]),
    ):
        figure = card_.locator(f'[data-figure="{name}"]')
        expect(figure.locator("dt")).to_have_text(label)
        expect(figure.locator(".compliance-card__value")).to_have_text(str(value))
    screenshot(page, "statistics-inbox-card")

    # "Show the overdue ones" narrows the inbox below to them.
    if figures["totals"]["overdueNow"] > 0:
        card_.get_by_role("button", name="Tampilkan yang terlambat").click()
        expect(page).to_have_url(re.compile(r"overdue=1"))
        expect(page.get_by_label("Hanya yang terlambat")).to_be_checked()


def test_anyone_sees_the_public_transparency_page(new_page, screenshot, base_url) -> None:
    public = graphql(base_url, PUBLIC_STATISTICS)["publicStatistics"]
    page = new_page()
    page.emulate_media(reduced_motion="reduce")

    # Linked from the public menu, no login needed.
    page.goto("/")
    page.get_by_role("navigation", name="Navigasi utama").get_by_role("link", name="Transparansi").click()
    expect(page).to_have_url(re.compile(r"/transparency$"))
    expect(page.get_by_role("heading", name="Transparansi tindak lanjut laporan", level=1)).to_be_visible()

    for name in ("received", "followedUp", "closed"):
        expect(card(page, name)).to_have_text(str(public[name]))
    expect(card(page, "complianceRate")).to_have_text(percent(public["compliance"]["rate"]))
    expect(page.locator('.stat-card[data-figure="complianceRate"] .band')).to_have_text(
        BAND_NAMES["id"][public["band"]]
    )
    rows = page.locator("table.ranking-table tbody tr")
    expect(rows).to_have_count(len(public["agencies"]))
    for row, expected in zip(rows.all(), public["agencies"], strict=True):
        expect(row).to_have_attribute("data-agency", expected["agency"]["code"])
        expect(row.locator(".band")).to_have_text(BAND_NAMES["id"][expected["band"]])
        expect(row.locator('[data-figure="rate"]')).to_have_text(percent(expected["compliance"]["rate"]))
        expect(row.locator('[data-figure="received"]')).to_have_text(str(expected["received"]))
    assert {"PU", "DINKES", "DINDIK"} <= {expected["agency"]["code"] for expected in public["agencies"]}
    assert chart_is_drawn(page, "ranking")
    screenshot(page, "statistics-public")

    # The English page.
    page.get_by_label("Bahasa").select_option("en")
    expect(page.get_by_role("heading", name="Follow-up transparency", level=1)).to_be_visible()
    expect(rows.first.locator(".band")).to_have_text(BAND_NAMES["en"][public["agencies"][0]["band"]])
    assert chart_is_drawn(page, "ranking")

    # A phone.
    phone = new_page(width=390, height=844)
    phone.emulate_media(reduced_motion="reduce")
    phone.goto("/transparency")
    expect(phone.locator("table.ranking-table tbody tr").first).to_be_visible()
    assert chart_is_drawn(phone, "ranking")
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
    screenshot(phone, "statistics-public-phone")
