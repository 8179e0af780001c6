"""What an officer's browser downloads: the console's entry and the officer pages, with every chunk they
import, stay under 300 KB of gzip-compressed JavaScript, and none of it is the process modeler nor the
chart library (Chart.js), which only the statistics pages load, on demand.

Read from the committed build's Vite manifest (``.vite/manifest.json``), which lists for each page the
chunks it imports; ``tests/test_console_build.py`` keeps that build equal to the sources.
"""

from __future__ import annotations

import gzip
import json
from pathlib import Path

CONSOLE_BUILD = Path(__file__).resolve().parent.parent / "lapor_gql" / "static" / "console"
MANIFEST = CONSOLE_BUILD / ".vite" / "manifest.json"
ENTRY = "index.html"
OFFICER_PAGES = (
    "src/pages/login/LoginPage.tsx",
    "src/pages/login/SetupPage.tsx",
    "src/pages/liaison/InboxPage.tsx",
    "src/pages/liaison/ReportPage.tsx",
    "src/pages/settings/SettingsPage.tsx",
)
PROCESS_PAGE = "src/pages/process/ProcessPage.tsx"
STATISTICS_PAGES = (
    "src/pages/statistics/StatisticsPage.tsx",
    "src/pages/statistics/PublicStatisticsPage.tsx",
)
# Chart.js keeps its listeners on an array under this property name: a name minifying leaves alone.
CHART_JS_MARK = "_chartjs"
OFFICER_BUDGET_BYTES = 300_000


def _manifest() -> dict[str, dict[str, object]]:
    manifest: dict[str, dict[str, object]] = json.loads(MANIFEST.read_text(encoding="utf-8"))
    return manifest


def _chunks_loaded_by(
    manifest: dict[str, dict[str, object]], keys: tuple[str, ...], *, on_demand: bool = False
) -> set[str]:
    """The JavaScript files these manifest entries load: their own and every static import, transitively;
    with ``on_demand``, also what they import dynamically (the process page's editors)."""
    files: set[str] = set()
    pending = list(keys)
    seen: set[str] = set()
    while pending:
        key = pending.pop()
        if key in seen:
            continue
        seen.add(key)
        chunk = manifest[key]
        files.add(str(chunk["file"]))
        followed = ["imports", "dynamicImports"] if on_demand else ["imports"]
        for kind in followed:
            pending.extend(str(imported) for imported in chunk.get(kind, []))  # type: ignore[attr-defined]
    return {file for file in files if file.endswith(".js")}


def _gzip_size(file: str) -> int:
    return len(gzip.compress((CONSOLE_BUILD / file).read_bytes(), compresslevel=9))


def test_officer_pages_load_under_300_kb_of_compressed_javascript() -> None:
    manifest = _manifest()
    officer_files = _chunks_loaded_by(manifest, (ENTRY, *OFFICER_PAGES))

    total = sum(_gzip_size(file) for file in officer_files)

    sizes = ", ".join(f"{file} {_gzip_size(file)}" for file in sorted(officer_files))
    assert total < OFFICER_BUDGET_BYTES, f"officer pages load {total} gzip bytes of JavaScript: {sizes}"


def test_the_process_modeler_is_loaded_only_by_the_process_page() -> None:
    manifest = _manifest()
    officer_files = _chunks_loaded_by(manifest, (ENTRY, *OFFICER_PAGES))
    process_files = _chunks_loaded_by(manifest, (PROCESS_PAGE,), on_demand=True)

    def holds_the_modeler(file: str) -> bool:
        return "bpmn-js" in (CONSOLE_BUILD / file).read_text(encoding="utf-8")

    assert any(holds_the_modeler(file) for file in process_files - officer_files)
    assert not any(holds_the_modeler(file) for file in officer_files)


def test_the_chart_library_is_loaded_only_by_the_statistics_pages() -> None:
    manifest = _manifest()
    officer_files = _chunks_loaded_by(manifest, (ENTRY, *OFFICER_PAGES))
    statistics_files = _chunks_loaded_by(manifest, STATISTICS_PAGES, on_demand=True)

    def holds_chart_js(file: str) -> bool:
        return CHART_JS_MARK in (CONSOLE_BUILD / file).read_text(encoding="utf-8")

    assert any(holds_chart_js(file) for file in statistics_files - officer_files)
    assert not any(holds_chart_js(file) for file in officer_files)
