"""Browser tests: the real app under uvicorn, on a fresh SQLite database seeded with the demo data,
driven by Debian's Chromium (/usr/bin/chromium) through Playwright's sync API. Playwright never
downloads a browser here.

Fixtures
- ``base_url``: the served app, e.g. ``http://127.0.0.1:41234`` (one server for the whole folder).
- ``new_page(lang="id", width=1280, height=800)``: a page in a fresh browser context (its own cookies,
  so each page is its own user). Console errors (Chromium reports each CSP violation as one) and
  uncaught page errors fail the test at teardown; a failed request's "status of 4xx" line does not
  (a failed login, a 401 after logout are expected). ``new_page.allow(r"regex")`` accepts another.
- ``screenshot(page, name)``: saves ``test-artifacts/screenshots/<name>.png`` (the full page).
A failing test also leaves a screenshot of each of its pages in ``test-artifacts/failures/``.
``DEMO_PASSWORD`` logs in every demo account (README); ``ADMIN``, ``ANALYST``, ``CITIZEN``, ``DINKES``
and ``PU`` (the two agencies' liaisons) are their e-mails. Each context waits at most 10 s for an element.

Helpers (``from .conftest import graphql, log_in``)
- ``graphql(base_url, query, variables=None, token=None)``: the API as another client calls it (a bearer
  token, no cookie), to set up what a page should show or read what it should; its ``data``. Every
  operation must be a named one (the project's rule); a GraphQL error fails the test.
- ``token(base_url, email)``: a bearer token of a demo account (a session of its own).
- ``agency_id(base_url, code)``, ``submit_report(base_url, title, token=None, **fields)``.
- ``log_in(page, email, lands_on=None)``: through the login page; waits for ``lands_on`` (a path) if given.
- ``choose_agency(select, code)``: picks an agency in the console's agency picker by its code.

Every test here is marked ``browser`` (select or leave them out with ``-m``). Wait on elements
(Playwright's ``expect`` and locators wait by themselves); never sleep.
"""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import pytest
from graphql import OperationDefinitionNode, parse
from playwright.sync_api import (
    Browser,
    BrowserContext,
    ConsoleMessage,
    Error,
    Locator,
    Page,
    Playwright,
    expect,
    sync_playwright,
)

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
ARTIFACTS = ROOT / "test-artifacts"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",  # CI runs as root, where Chromium's sandbox cannot start
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
DEMO_PASSWORD = "Lapor!2026"
ADMIN = "admin@lapor.babelprov.go.id"
ANALYST = "analyst@lapor.babelprov.go.id"
CITIZEN = "budi@example.id"
DINKES = "dinkes@lapor.babelprov.go.id"  # the liaison of Dinas Kesehatan
PU = "pu@lapor.babelprov.go.id"  # the liaison of Dinas Pekerjaan Umum dan Penataan Ruang
SERVER_START_SECONDS = 90
# A failed request's own console line ("Failed to load resource: the server responded with a status of
# 401 (Unauthorized)"): expected whenever a test exercises a refusal; the page's handling of it is what
# the test checks.
EXPECTED_NETWORK_REFUSAL = re.compile(r"Failed to load resource: the server responded with a status of 4\d\d")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    for item in items:
        if HERE in item.path.parents:
            item.add_marker(pytest.mark.browser)


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Iterator[None]:
    # Kept on the item, so new_page's teardown knows whether the test failed (for failure screenshots).
    report = yield
    if report.when == "call":
        item.stash[_CALL_FAILED] = report.failed
    return report


_CALL_FAILED = pytest.StashKey[bool]()


# --------------------------------------------------------------------------- the served app


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _ready(url: str) -> bool:
    try:
        with urllib.request.urlopen(f"{url}/readyz", timeout=2) as response:
            return bool(response.status == 200)
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return False


@pytest.fixture(scope="package")
def base_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """``lapor-gql serve --demo`` on a free port, in a folder of its own with a fresh SQLite database.

    Package scope: one server for every browser test, stopped once they are done (before the rest of
    the suite, which is asyncio-based, goes on)."""
    folder = tmp_path_factory.mktemp("served")
    port = _free_port()
    url = f"http://127.0.0.1:{port}"
    environment = {
        **{k: v for k, v in os.environ.items() if not k.startswith("LAPOR_")},
        "LAPOR_ENV": "development",
        "LAPOR_DATABASE_URL": f"sqlite://{folder / 'lapor.sqlite3'}",
        "LAPOR_WORKFLOWS_DIR": str(ROOT / "workflows"),
        # Short, so a report's timers (deadline reminders, escalation) fire within a test.
        "LAPOR_TIMER_INTERVAL_SECONDS": "2",
        "LAPOR_LOG_FORMAT": "text",
    }
    command = [
        str(Path(sys.executable).parent / "lapor-gql"),
        "serve",
        "--demo",
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
    ]
    log_path = folder / "server.log"
    with log_path.open("wb") as log:
        server = subprocess.Popen(command, cwd=folder, env=environment, stdout=log, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + SERVER_START_SECONDS
        while not _ready(url):
            if server.poll() is not None or time.monotonic() > deadline:
                pytest.fail(f"the app did not start (exit {server.poll()}):\n{log_path.read_text()[-4000:]}")
            time.sleep(0.1)  # polling a starting server: there is no element to wait on yet
        yield url
    finally:
        server.terminate()
        try:
            server.wait(timeout=15)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


# --------------------------------------------------------------------------- the browser


@pytest.fixture(scope="package")
def playwright() -> Iterator[Playwright]:
    os.environ["PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD"] = "1"
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: run scripts/ensure-chromium (apt-get install -y chromium)")
    # Sync API: a test here is a plain function, so no asyncio loop runs in this thread while it does.
    driver = sync_playwright().start()
    try:
        yield driver
    finally:
        driver.stop()


@pytest.fixture(scope="package")
def browser(playwright: Playwright) -> Iterator[Browser]:
    chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
    try:
        yield chromium
    finally:
        chromium.close()


@dataclass
class PageFactory:
    """``new_page(lang="id", width=1280, height=800)``; see the module's docstring."""

    browser: Browser
    base_url: str
    contexts: list[BrowserContext] = field(default_factory=list)
    pages: list[Page] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    allowed: list[re.Pattern[str]] = field(default_factory=lambda: [EXPECTED_NETWORK_REFUSAL])

    def __call__(self, lang: str = "id", width: int = 1280, height: int = 800) -> Page:
        context = self.browser.new_context(
            base_url=self.base_url,
            locale="id-ID" if lang == "id" else "en-US",
            viewport={"width": width, "height": height},
        )
        context.set_default_timeout(10_000)
        self.contexts.append(context)
        page = context.new_page()
        number = len(self.pages) + 1
        page.on("console", lambda message: self._on_console(number, message))
        page.on("pageerror", lambda error: self._on_page_error(number, error))
        self.pages.append(page)
        return page

    def allow(self, pattern: str) -> None:
        """Accept console errors matching ``pattern`` (a regular expression) in this test."""
        self.allowed.append(re.compile(pattern))

    def _on_console(self, number: int, message: ConsoleMessage) -> None:
        if message.type != "error":
            return
        if any(pattern.search(message.text) for pattern in self.allowed):
            return
        location = message.location
        where = f" ({location.get('url')}:{location.get('lineNumber')})" if location.get("url") else ""
        self.problems.append(f"page {number}: console error: {message.text}{where}")

    def _on_page_error(self, number: int, error: Error) -> None:
        self.problems.append(f"page {number}: uncaught {error.name}: {error.message}\n{error.stack or ''}")

    def close(self, failure_name: str | None) -> None:
        if failure_name is not None:
            for number, page in enumerate(self.pages, 1):
                if not page.is_closed():
                    path = ARTIFACTS / "failures" / f"{failure_name}-page{number}.png"
                    path.parent.mkdir(parents=True, exist_ok=True)
                    try:
                        page.screenshot(path=str(path), full_page=True)
                    except Error:
                        pass  # a page that cannot be drawn any more: the failure says the rest
        for context in self.contexts:
            context.close()


@pytest.fixture
def new_page(browser: Browser, base_url: str, request: pytest.FixtureRequest) -> Iterator[PageFactory]:
    factory = PageFactory(browser, base_url)
    yield factory
    failed = request.node.stash.get(_CALL_FAILED, False)
    factory.close(_safe_name(request.node.name) if failed else None)
    if factory.problems:
        pytest.fail("the browser reported errors:\n" + "\n".join(factory.problems), pytrace=False)


def _safe_name(name: str) -> str:
    return re.sub(r"[^A-Za-z0-9_.-]+", "_", name)[:120]


@pytest.fixture(scope="package", autouse=True)
def _fresh_failures() -> None:
    # Failure screenshots are of this run only.
    shutil.rmtree(ARTIFACTS / "failures", ignore_errors=True)


@pytest.fixture(scope="package")
def _screenshots() -> Path:
    folder = ARTIFACTS / "screenshots"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@pytest.fixture
def screenshot(_screenshots: Path):  # noqa: ANN201 - returns the saving function
    """``screenshot(page, "inbox")`` saves ``test-artifacts/screenshots/inbox.png``, the full page."""

    def save(page: Page, name: str) -> Path:
        path = _screenshots / f"{_safe_name(name)}.png"
        page.screenshot(path=str(path), full_page=True)
        return path

    return save


# --------------------------------------------------------------------------- helpers for the tests


def graphql(
    base_url: str, query: str, variables: dict[str, Any] | None = None, token: str | None = None
) -> dict[str, Any]:
    """The API as another client calls it (a bearer token, no cookie): its ``data``."""
    anonymous = [
        definition
        for definition in parse(query).definitions
        if isinstance(definition, OperationDefinitionNode) and definition.name is None
    ]
    assert not anonymous, f"name every operation (the project's rule): {query}"
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    answer = httpx.post(
        f"{base_url}/graphql",
        json={"query": query, "variables": variables or {}},
        headers=headers,
        timeout=30,
    ).json()
    assert not answer.get("errors"), answer
    return dict(answer["data"])


def token(base_url: str, email: str) -> str:
    """A bearer token of a demo account: a session of its own, as on another device."""
    created = graphql(
        base_url,
        "mutation LogIn($input: TokenCreateInput!) {"
        " tokenCreate(input: $input) { token errors { message } } }",
        {"input": {"email": email, "password": DEMO_PASSWORD}},
    )["tokenCreate"]
    assert created["token"], created
    return str(created["token"])


def agency_id(base_url: str, code: str) -> str:
    data = graphql(base_url, "query AgencyIds { agencies(first: 100) { edges { node { id code } } } }")
    return str(next(edge["node"]["id"] for edge in data["agencies"]["edges"] if edge["node"]["code"] == code))


def submit_report(base_url: str, title: str, token: str | None = None, **fields: Any) -> dict[str, Any]:
    """A complaint sent straight to the API, by the citizen whose ``token`` it is or without an account;
    ``fields`` are more of ReportSubmitInput's (``body`` replaces "Isi."). Its ``id``, ``trackingNumber``
    and ``accessCode`` (None when sent with an account)."""
    submitted = graphql(
        base_url,
        "mutation SubmitReport($input: ReportSubmitInput!) { reportSubmit(input: $input) {"
        " report { id trackingNumber } accessCode errors { field message } } }",
        {"input": {"title": title, "body": "Isi.", "classification": "COMPLAINT", **fields}},
        token,
    )["reportSubmit"]
    assert submitted["errors"] == [], submitted
    return {**submitted["report"], "accessCode": submitted["accessCode"]}


def log_in(page: Page, email: str, lands_on: str | None = None) -> None:
    """Log in with the demo password through the login page (by its fields' ids: any language), then
    wait to have left it, for ``lands_on`` (a path, e.g. the role's home ``/inbox``) if given."""
    page.goto("/login")
    page.locator("#login-email").fill(email)
    page.locator("#login-password").fill(DEMO_PASSWORD)
    page.locator("main form button[type=submit]").click()
    if lands_on is None:
        expect(page).not_to_have_url(re.compile(r"/login"))
    else:
        expect(page).to_have_url(re.compile(re.escape(lands_on) + "$"))


def choose_agency(select: Locator, code: str) -> None:
    """Pick an agency in the console's agency picker (a select whose options read "Name (CODE)")."""
    option = select.locator("option", has_text=f"({code})")
    expect(option).to_have_count(1)  # the picker loads the hierarchy after it mounts
    select.select_option(value=option.get_attribute("value"))
