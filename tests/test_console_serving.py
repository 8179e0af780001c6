"""The app serves the browser console: hashed assets cached for good, the page for every console route
(history routing), files at the build's root by exact name, and nothing else of the file system.

A small fake build in a temporary folder stands in for ``lapor_gql/static/console``; no database.
"""

from __future__ import annotations

import os
from collections.abc import AsyncIterator, Callable
from pathlib import Path

import httpx
import pytest

from lapor_gql import console
from lapor_gql.app import create_app
from lapor_gql.config import Settings
from lapor_gql.domain.processes import Runtime

PAGE = (
    '<!doctype html><html><head><script type="module" src="/assets/index-abc123.js"></script></head>'
    '<body><div id="app"></div></body></html>'
)
FILES = {
    "index.html": PAGE,
    "favicon.svg": '<svg xmlns="http://www.w3.org/2000/svg"></svg>',
    "assets/index-abc123.js": "console.log('console');",
    "assets/index-abc123.css": "body { margin: 0 }",
    "assets/logo-def456.svg": "<svg></svg>",
    "assets/inter-789.woff2": "woff2",
    "assets/photo-1.png": "png",
    "assets/data-2.json": "{}",
    "assets/index-abc123.js.map": "{}",
    "assets/notes.exe": "MZ",  # a type the console never ships: not served
}
MEDIA_TYPES = {
    "assets/index-abc123.js": "text/javascript; charset=utf-8",
    "assets/index-abc123.css": "text/css; charset=utf-8",
    "assets/logo-def456.svg": "image/svg+xml",
    "assets/inter-789.woff2": "font/woff2",
    "assets/photo-1.png": "image/png",
    "assets/data-2.json": "application/json",
    "assets/index-abc123.js.map": "application/json",
}


def fake_build(folder: Path) -> Path:
    for name, content in FILES.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(content, encoding="utf-8")
    return folder


@pytest.fixture
async def serve(monkeypatch: pytest.MonkeyPatch) -> AsyncIterator[Callable[..., httpx.AsyncClient]]:
    clients: list[httpx.AsyncClient] = []

    def start(build: Path, environment: str = "development") -> httpx.AsyncClient:
        monkeypatch.setattr(console, "STATIC_DIR", build)
        monkeypatch.setenv("LAPOR_ENV", environment)
        app = create_app(Settings.from_environment(), Runtime(), manage_database=False)
        client = httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://lapor.test")
        clients.append(client)
        return client

    yield start
    for client in clients:
        await client.aclose()


@pytest.mark.parametrize(
    "path", ["/", "/inbox", "/reports/UmVwb3J0OjE", "/admin/verification", "/settings?tab=sessions", "/a/b/c"]
)
async def test_every_console_route_gets_the_page(serve, tmp_path: Path, path: str) -> None:
    client = serve(fake_build(tmp_path))

    page = await client.get(path)

    assert page.status_code == 200
    assert page.text == PAGE
    assert page.headers["content-type"] == "text/html; charset=utf-8"
    assert page.headers["cache-control"] == "no-cache"


async def test_assets_are_served_by_exact_name_with_their_media_type_and_kept_for_good(
    serve, tmp_path: Path
) -> None:
    client = serve(fake_build(tmp_path))

    for name, media_type in MEDIA_TYPES.items():
        served = await client.get(f"/{name}")

        assert served.status_code == 200, name
        assert served.text == FILES[name]
        assert served.headers["content-type"] == media_type, name
        assert served.headers["cache-control"] == "public, max-age=31536000, immutable", name


async def test_a_head_request_is_answered_too(serve, tmp_path: Path) -> None:
    client = serve(fake_build(tmp_path))

    assert (await client.head("/assets/index-abc123.js")).status_code == 200
    assert (await client.head("/inbox")).status_code == 200


async def test_files_at_the_root_are_served_by_name_and_revalidated(serve, tmp_path: Path) -> None:
    client = serve(fake_build(tmp_path))

    icon = await client.get("/favicon.svg")

    assert icon.status_code == 200
    assert icon.headers["content-type"] == "image/svg+xml"
    assert icon.headers["cache-control"] == "no-cache"


@pytest.mark.parametrize(
    "path",
    [
        "/missing.js",
        "/robots.txt",
        "/assets/missing-1.js",
        "/assets/notes.exe",
        "/assets",
        "/assets/",
        "/assets/../../lapor_gql/config.py",
        "/assets/%2e%2e/index.html",
        "/assets/..%2f..%2fconfig.py",
        "/inbox/../../pyproject.toml",
        "/lapor_gql/config.py",
        "/graphiql/anything",  # GraphiQL is not served in production, and never falls back to the page
        "/graphql/",
        "/healthz/extra",
        "/metrics/x",
    ],
)
async def test_anything_else_is_not_found(serve, tmp_path: Path, path: str) -> None:
    client = serve(fake_build(tmp_path), environment="production")

    answer = await client.get(path)

    assert answer.status_code == 404, path
    assert answer.text != PAGE


async def test_the_api_keeps_its_paths(serve, tmp_path: Path) -> None:
    client = serve(fake_build(tmp_path))

    assert (await client.get("/healthz")).json() == {"status": "ok"}
    ping = await client.post("/graphql", json={"query": "query Ping { __typename }"})
    assert ping.json() == {"data": {"__typename": "Query"}}
    assert (await client.post("/inbox")).status_code == 405  # the console's routes are pages: GET only


async def test_without_a_build_the_page_says_how_to_build_it(serve, tmp_path: Path) -> None:
    client = serve(tmp_path / "not-built")

    page = await client.get("/")
    inbox = await client.get("/inbox")
    asset = await client.get("/assets/index-abc123.js")

    assert page.status_code == 503
    assert page.headers["content-type"].startswith("text/plain")
    assert "npm --prefix console run build" in page.text and "console/README.md" in page.text
    assert inbox.status_code == 503
    assert asset.status_code == 404


async def test_a_build_made_while_the_server_runs_is_served(serve, tmp_path: Path) -> None:
    client = serve(tmp_path)

    before = await client.get("/")
    fake_build(tmp_path)
    after = await client.get("/")

    assert before.status_code == 503
    assert after.status_code == 200 and after.text == PAGE


def test_the_committed_build_is_in_the_package_data() -> None:
    pyproject = (Path(console.__file__).parent.parent / "pyproject.toml").read_text()

    assert '"static/console/**/*"' in pyproject


async def test_a_rebuild_while_the_server_runs_is_served(serve, tmp_path: Path) -> None:
    client = serve(fake_build(tmp_path))
    assert (await client.get("/assets/index-abc123.js")).status_code == 200

    # What `npm run build` does: new hashed names, the old ones gone, the page written anew.
    (tmp_path / "assets" / "index-abc123.js").unlink()
    (tmp_path / "assets" / "index-new999.js").write_text("console.log('new');")
    page = tmp_path / "index.html"
    page.write_text(PAGE.replace("index-abc123.js", "index-new999.js"))
    stat = page.stat()
    os.utime(page, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000))

    assert (await client.get("/assets/index-new999.js")).text == "console.log('new');"
    assert (await client.get("/assets/index-abc123.js")).status_code == 404
    assert "index-new999.js" in (await client.get("/")).text
