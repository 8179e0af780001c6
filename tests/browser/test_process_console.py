"""The analyst's process page in a real browser: bpmn-js opens the newest version, the analyst shortens
the follow-up deadline timer in the element panel, sees the validation problem of a typo marked on
the timer's element and listed, fixes it, deploys with a note, and a report disposed afterwards gets
the new deadline. Then the migration of running reports: a dry run as a table, then the real run.
Also: decision tables open in dmn-js (a diagram and its DMN file opened from disk), and the page on a
phone.

The browser tests share one server: the deploy here is undone at the end by deploying the shipped
diagram again (as a newer version), so the tests after this one see the shipped deadlines, and the
migration moves only the report this test made."""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from playwright.sync_api import Page, expect

from lapor_gql.workflow.working_days import WorkingCalendar

from .conftest import ADMIN, ANALYST, agency_id, graphql, log_in, submit_report, token

ROOT = Path(__file__).resolve().parent.parent.parent
SHIPPED_DIAGRAM = ROOT / "workflows" / "report_lifecycle.bpmn"
EXAMPLES = ROOT / "workflows" / "examples"
TIMER = "follow_up_deadline"
# The analyst's edit: the shipped working_days(3), first with a typo, then one working day.
TYPO = "working_days(1"
SHORTER = "working_days(1)"
SHORTER_DAYS = 1
SHIPPED_DAYS = 3
# The engine starts the follow-up timer in the same request that writes the dispose entry.
SAME_MOMENT = timedelta(seconds=5)


# --------------------------------------------------------------------------- the API, as another client


def _newest_version(base_url: str, analyst: str) -> int:
    data = graphql(
        base_url,
        "query NewestVersion { processDefinitions(first: 1) { edges { node { version } } } }",
        token=analyst,
    )
    return int(data["processDefinitions"]["edges"][0]["node"]["version"])


def _submit_and_dispose(base_url: str, admin: str) -> dict[str, Any]:
    """A new report, disposed to Public Works by the admin: its deadline, dispose time and agency."""
    report = submit_report(
        base_url,
        "Lampu jalan padam di Jl. Merdeka",
        body="Sudah seminggu lampu jalan di depan pasar padam.",
        category="Jalan",
    )
    public_works = agency_id(base_url, "PU")
    disposed = graphql(
        base_url,
        "mutation Dispose($input: ReportDisposeInput!) { reportDispose(input: $input) {"
        " report { deadline timeline { action createdAt } } errors { message } } }",
        {"input": {"id": report["id"], "agencyId": public_works, "note": "Mohon ditindaklanjuti."}},
        admin,
    )["reportDispose"]
    assert not disposed["errors"], disposed
    dispose_entry = [entry for entry in disposed["report"]["timeline"] if entry["action"] == "dispose"][-1]
    return {
        **report,
        "agencyId": public_works,
        "deadline": datetime.fromisoformat(disposed["report"]["deadline"]),
        "disposedAt": datetime.fromisoformat(dispose_entry["createdAt"]),
    }


def _calendar(base_url: str, admin: str, agency: str, around: datetime) -> WorkingCalendar:
    """The agency's working calendar as the server counts it: weekends and its holidays."""
    days: set[date] = set()
    for year in (around.year, around.year + 1):
        holidays = graphql(
            base_url,
            "query Holidays($year: Int!, $agencyId: ID) {"
            " holidays(year: $year, agencyId: $agencyId) { date } }",
            {"year": year, "agencyId": agency},
            admin,
        )["holidays"]
        days.update(date.fromisoformat(holiday["date"]) for holiday in holidays)
    return WorkingCalendar(holidays=frozenset(days))


# --------------------------------------------------------------------------- the page


def _element(page: Page, element_id: str):  # noqa: ANN202 - a Locator
    return page.locator(f'.process-canvas g.djs-element[data-element-id="{element_id}"]')


def _wait_validated(page: Page) -> None:
    """Validation is debounced, then runs on the server: wait until the badge says it is done."""
    expect(page.locator("[data-validation]")).to_have_attribute("data-validation", "done", timeout=20_000)


def _set_timer(page: Page, expression: str) -> None:
    field = page.get_by_label("Ekspresi timer")
    field.fill(expression)
    field.press("Enter")


def test_an_analyst_shortens_a_deadline_in_the_modeler_and_new_reports_get_it(
    new_page, screenshot, base_url
) -> None:
    analyst = token(base_url, ANALYST)
    admin = token(base_url, ADMIN)
    deployed_before = _newest_version(base_url, analyst)
    page = new_page(width=1440, height=900)
    log_in(page, ANALYST, lands_on="/process")

    # The versions, and the modeler with the newest version's diagram, validated on opening.
    expect(page.get_by_role("heading", name="Proses laporan", level=1)).to_be_visible()
    newest = page.locator(f'tr[data-version="{deployed_before}"]')
    expect(newest).to_contain_text("terbaru")
    expect(_element(page, TIMER)).to_be_visible(timeout=20_000)
    _wait_validated(page)
    expect(page.locator("[data-validation]")).to_have_text("Valid: tidak ada masalah.")
    # bpmn-js's own palette speaks the console's language.
    start_event = page.locator('.djs-palette [data-action="create.start-event"]')
    expect(start_event).to_have_attribute("aria-label", "Buat event awal")
    screenshot(page, "process-modeler")

    # Select the follow-up deadline timer in the diagram: the panel shows its timer expression.
    _element(page, TIMER).click()
    panel = page.locator("aside.process-panel")
    expect(panel).to_have_attribute("data-element-id", TIMER)
    expect(panel.get_by_label("Nama", exact=True)).to_have_value("3 working days to follow up")
    expect(panel.get_by_label("Ekspresi timer")).to_have_value("working_days(3)")
    expect(panel.get_by_label("Jenis timer")).to_have_value("timeDate")

    # A typo: the server's problem is listed and marked on the timer's element.
    _set_timer(page, TYPO)
    expect(_element(page, TIMER)).to_have_class(re.compile(r"\blapor-problem--error\b"), timeout=20_000)
    problem = page.locator(f'.process-problems li[data-element-id="{TIMER}"][data-severity="ERROR"]')
    expect(problem).to_contain_text(TYPO)
    expect(problem).to_contain_text("Kesalahan")
    expect(page.get_by_role("button", name="Pasang sebagai versi baru")).to_be_disabled()
    # The working copy's diff names the change.
    expect(page.locator(".process-diff")).to_contain_text(f"timer:timeDate: working_days(3) → {TYPO}")

    # Clicking the problem goes to its element (selected, zoomed in), from wherever the analyst was.
    _element(page, "follow_up").click()
    expect(panel).to_have_attribute("data-element-id", "follow_up")
    problem.get_by_role("button").click()
    expect(panel).to_have_attribute("data-element-id", TIMER)
    expect(_element(page, TIMER)).to_have_class(re.compile(r"\bselected\b"))
    screenshot(page, "process-problem")

    # Fixed to a shorter deadline: no problem left, the mark goes.
    _set_timer(page, SHORTER)
    expect(_element(page, TIMER)).not_to_have_class(re.compile(r"\blapor-problem--error\b"), timeout=20_000)
    _wait_validated(page)
    expect(page.locator(".process-problems li")).to_have_count(0)
    expect(page.locator(".process-diff")).to_contain_text(f"working_days(3) → {SHORTER}")

    # Deploy with a note: a new version, listed as the newest.
    page.get_by_label("Catatan versi").fill("Tindak lanjut 1 hari kerja (uji peramban)")
    page.get_by_role("button", name="Pasang sebagai versi baru").click()
    created = deployed_before + 1
    expect(page.locator(".notice--success")).to_contain_text(f"Versi {created} terpasang")
    new_row = page.locator(f'tr[data-version="{created}"]')
    expect(new_row).to_contain_text("Tindak lanjut 1 hari kerja (uji peramban)")
    expect(new_row).to_contain_text("terbaru")
    expect(new_row).to_contain_text("Analis Proses")
    assert _newest_version(base_url, analyst) == created

    # A report submitted and disposed now gets one working day to follow up, not three.
    report = _submit_and_dispose(base_url, admin)
    calendar = _calendar(base_url, admin, report["agencyId"], report["disposedAt"])
    expected = calendar.add_working_days(report["disposedAt"], SHORTER_DAYS)
    assert abs(report["deadline"] - expected) < SAME_MOMENT, (report, expected)
    assert report["deadline"] < calendar.add_working_days(report["disposedAt"], SHIPPED_DAYS) - SAME_MOMENT

    # Put the shipped diagram back as the newest version, for the tests after this one.
    restored = graphql(
        base_url,
        "mutation Deploy($input: ProcessDefinitionDeployInput!) { processDefinitionDeploy(input: $input) {"
        " created processDefinition { version } errors { message } } }",
        {
            "input": {
                "bpmnXml": SHIPPED_DIAGRAM.read_text(encoding="utf-8"),
                "note": "Kembali ke diagram bawaan",
            }
        },
        analyst,
    )["processDefinitionDeploy"]
    assert restored["created"] and not restored["errors"], restored
    restored_version = int(restored["processDefinition"]["version"])

    # Migration: the dry run lists the report on the shortened version, then the real run moves it.
    page.reload()
    expect(page.locator(f'tr[data-version="{restored_version}"]')).to_contain_text("terbaru")
    migration = page.locator("section.process-migration")
    migration.get_by_label("Dari versi").select_option(str(created))
    migration.get_by_label("Ke versi").select_option(str(restored_version))
    migration.get_by_role("button", name="Uji coba").click()
    dry_run = migration.get_by_test_id("process-migration-dry-run")
    expect(dry_run).to_contain_text("Uji coba: 1 laporan akan pindah, 0 tetap di versinya.")
    row = dry_run.locator("tbody tr", has_text=report["trackingNumber"])
    expect(row).to_have_attribute("data-moved", "true")
    expect(row).to_contain_text("akan pindah")
    run = migration.get_by_role("button", name="Migrasikan sekarang (1 laporan pindah)")
    expect(run).to_be_enabled()
    run.click()
    done = migration.get_by_test_id("process-migration-done")
    expect(done).to_contain_text("Selesai: 1 laporan pindah, 0 tetap di versinya.")
    expect(done.locator("tbody tr", has_text=report["trackingNumber"])).to_contain_text("pindah")
    expect(page.locator(f'tr[data-version="{created}"] td[data-label="Laporan"]')).to_have_text("0")
    screenshot(page, "process-migration")


def test_decision_tables_open_in_dmn_js_with_their_diagram(new_page, base_url) -> None:
    page = new_page(width=1440, height=900)
    log_in(page, ANALYST, lands_on="/process")
    expect(_element(page, TIMER)).to_be_visible(timeout=20_000)
    _wait_validated(page)

    # The routing example and its table, opened from disk: validated together, the table in dmn-js.
    page.get_by_label("Buka berkas BPMN atau DMN").set_input_files(
        [str(EXAMPLES / "route_aspirations_by_category.bpmn"), str(EXAMPLES / "aspiration_agency.dmn")]
    )
    expect(_element(page, "route_by_category")).to_be_visible(timeout=20_000)
    tab = page.get_by_role("tab", name="Agency for an aspiration's category")
    expect(tab).to_have_attribute("aria-selected", "true", timeout=20_000)
    table = page.locator(".process-tables .tjs-table")
    expect(table).to_contain_text('"Jalan"')
    expect(table).to_contain_text('"PU"')
    _wait_validated(page)
    expect(page.locator("[data-validation]")).to_have_text("Valid: tidak ada masalah.")
    expect(page.locator(".process-diff")).to_contain_text("route_by_category")

    # The business rule task's decision id is in the panel.
    _element(page, "route_by_category").click()
    expect(page.get_by_label("ID keputusan (calledDecisionId)")).to_have_value("aspiration_agency")
    properties = page.locator("fieldset.process-properties")
    expect(properties.get_by_label("Nilai dispose_to")).to_have_value("routed_agency")

    # A typo in a rule's output cell: the server names the cell, listed with the table's problems.
    cell = page.locator('.process-tables td[data-element-id="rule_roads_agency"] [contenteditable="true"]')
    cell.click()
    page.keyboard.press("End")
    page.keyboard.press("Backspace")
    cell_problem = page.locator(
        '.process-problems li[data-element-id="rule_roads_agency"][data-severity="ERROR"]'
    )
    expect(cell_problem).to_contain_text("Malformed Output Expression", timeout=20_000)
    expect(cell_problem).to_contain_text("Tabel keputusan")
    expect(page.locator(".process-diff-section")).to_contain_text("Tabel keputusan diubah.")
    cell_problem.get_by_role("button").click()
    expect(tab).to_have_attribute("aria-selected", "true")

    # Without its table the diagram is refused, naming the task.
    page.get_by_role("button", name="Hapus tabel ini").click()
    problem = page.locator('.process-problems li[data-element-id="route_by_category"][data-severity="ERROR"]')
    expect(problem).to_be_visible(timeout=20_000)
    expect(_element(page, "route_by_category")).to_have_class(re.compile(r"\blapor-problem--error\b"))


def test_on_a_phone_the_versions_show_and_the_editor_waits_for_a_wider_screen(new_page, base_url) -> None:
    page = new_page(lang="en", width=390, height=844)
    page.goto("/")
    page.locator(".lang-switch select").select_option("en")
    log_in(page, ANALYST, lands_on="/process")
    expect(page.get_by_role("heading", name="Report process", level=1)).to_be_visible()
    expect(page.locator("table.process-versions tbody tr").first).to_be_visible()
    expect(page.get_by_text("The diagram editor needs a wider screen")).to_be_visible()
    expect(page.locator(".process-canvas")).to_have_count(0)
    # Still usable on request.
    page.get_by_role("button", name="Open the editor anyway").click()
    expect(_element(page, TIMER)).to_be_attached(timeout=20_000)
    expect(page.get_by_role("heading", name="Migrate running reports")).to_be_visible()
