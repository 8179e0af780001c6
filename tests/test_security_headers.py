"""Every HTTP answer carries a strict Content-Security-Policy and the other security headers; HSTS
outside development only. The pages the app serves (the console, GraphiQL) have no inline script, so
the policy needs no 'unsafe-inline' for scripts. No database: nothing here reaches it."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from html.parser import HTMLParser
from pathlib import Path

import httpx
import pytest

from lapor_gql import app as app_module
from lapor_gql import console
from lapor_gql.app import create_app
from lapor_gql.config import Settings
from lapor_gql.domain.processes import Runtime

CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
    "font-src 'self' data:; connect-src 'self'; object-src 'none'; "
    "base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
)
HEADERS = {
    "content-security-policy": CSP,
    "x-content-type-options": "nosniff",
    "referrer-policy": "same-origin",
    "x-frame-options": "DENY",
}
HSTS = "max-age=31536000; includeSubDomains"
PING = {"query": "query Ping { __typename }"}


@pytest.fixture
async def serve(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> AsyncIterator[Callable[[str], httpx.AsyncClient]]:
    (tmp_path / "assets").mkdir()
    (tmp_path / "index.html").write_text('<!doctype html><div id="app"></div>')
    (tmp_path / "assets" / "index-1.js").write_text("export {};")
    monkeypatch.setattr(console, "STATIC_DIR", tmp_path)
    clients: list[httpx.AsyncClient] = []

    def start(environment: str) -> httpx.AsyncClient:
        monkeypatch.setenv("LAPOR_ENV", environment)
        app = create_app(Settings.from_environment(), Runtime(), manage_database=False)
        client = httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://lapor.test")
        clients.append(client)
        return client

    yield start
    for client in clients:
        await client.aclose()


async def answers(client: httpx.AsyncClient) -> dict[str, httpx.Response]:
    """One answer of each kind the app gives."""
    return {
        "console page": await client.get("/inbox"),
        "console asset": await client.get("/assets/index-1.js"),
        "not found": await client.get("/assets/missing.js"),
        "graphql": await client.post("/graphql", json=PING),
        "bad token": await client.post("/graphql", json=PING, headers={"Authorization": "Basic bm9wZQ=="}),
        "healthz": await client.get("/healthz"),
        "preflight": await client.options(
            "/graphql", headers={"Origin": "https://evil.example", "Access-Control-Request-Method": "POST"}
        ),
    }


@pytest.mark.parametrize("environment", ["development", "production"])
async def test_every_answer_carries_the_security_headers(serve, environment: str) -> None:
    client = serve(environment)

    for kind, response in (await answers(client)).items():
        for name, value in HEADERS.items():
            assert response.headers.get(name) == value, (kind, name)
        assert response.headers.get_list("content-security-policy") == [CSP], kind  # set once


async def test_hsts_outside_development_only(serve) -> None:
    production, development = serve("production"), serve("development")

    for kind, response in (await answers(production)).items():
        assert response.headers.get("strict-transport-security") == HSTS, kind
    for kind, response in (await answers(development)).items():
        assert "strict-transport-security" not in response.headers, kind


async def test_graphiql_carries_them_too(serve) -> None:
    client = serve("development")

    page = await client.get("/graphql", headers={"Accept": "text/html"})
    script = await client.get("/graphiql/lapor-graphiql.js")

    for response in (page, script):
        assert response.status_code == 200
        for name, value in HEADERS.items():
            assert response.headers.get(name) == value


class Scripts(HTMLParser):
    """The page's scripts: each with its src (None for an inline script) and its text."""

    def __init__(self) -> None:
        super().__init__()
        self.scripts: list[tuple[str | None, str]] = []
        self.handlers: list[str] = []
        self._inside = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handlers += [name for name, _ in attrs if name.startswith("on")]
        if tag == "script":
            self.scripts.append((dict(attrs).get("src"), ""))
            self._inside = True

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._inside = False

    def handle_data(self, data: str) -> None:
        if self._inside and self.scripts:
            src, text = self.scripts[-1]
            self.scripts[-1] = (src, text + data)


def scripts_of(html: str) -> Scripts:
    parser = Scripts()
    parser.feed(html)
    return parser


async def test_graphiql_has_no_inline_script(serve) -> None:
    # GraphiQL's page runs under the same policy: its own script is a served file.
    page = await serve("development").get("/graphql", headers={"Accept": "text/html"})

    parsed = scripts_of(page.text)

    assert parsed.scripts and all(src and not text.strip() for src, text in parsed.scripts), parsed.scripts
    assert "/graphiql/lapor-graphiql.js" in [src for src, _ in parsed.scripts]
    assert parsed.handlers == []


def test_the_committed_console_page_has_no_inline_script() -> None:
    page = Path(console.__file__).parent / "static" / "console" / "index.html"
    assert page.is_file(), "the console is not built: run `npm --prefix console run build`"

    parsed = scripts_of(page.read_text(encoding="utf-8"))

    assert parsed.scripts, "the page loads no script"
    assert all(src and src.startswith("/assets/") and not text.strip() for src, text in parsed.scripts)
    assert parsed.handlers == []


async def test_an_unexpected_error_is_answered_with_the_headers_too(
    monkeypatch: pytest.MonkeyPatch, serve: Callable[[str], httpx.AsyncClient]
) -> None:
    async def broken_probe(request: object) -> object:
        raise RuntimeError("a bug")

    monkeypatch.setattr(app_module, "_healthz", broken_probe)
    monkeypatch.setenv("LAPOR_ENV", "production")
    app = create_app(Settings.from_environment(), Runtime(), manage_database=False)
    transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
    async with httpx.AsyncClient(transport=transport, base_url="https://lapor.test") as client:
        answer = await client.get("/healthz")

    assert answer.status_code == 500
    for name, value in {**HEADERS, "strict-transport-security": HSTS}.items():
        assert answer.headers.get(name) == value, name
