"""GraphiQL works without the internet: its page names nothing on another host, and the app serves every
script and stylesheet the page loads, with the bytes its integrity hashes pin."""

from __future__ import annotations

import base64
import hashlib
import re
from html.parser import HTMLParser
from importlib.metadata import version
from pathlib import Path

import httpx
import pytest

from lapor_gql.app import create_app
from lapor_gql.config import Settings
from lapor_gql.domain.processes import Runtime

IDE_HEADERS = {"Accept": "text/html"}
MEDIA_TYPES = {".js": "text/javascript; charset=utf-8", ".css": "text/css; charset=utf-8"}
# The only absolute URL the page may hold: the XML namespace of its inline SVG icon, never fetched.
SVG_NAMESPACE = "http://www.w3.org/2000/svg"


class References(HTMLParser):
    """Every URL-valued attribute of the page, with the integrity hash of its tag."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[tuple[str, str | None]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        for name in ("src", "href", "srcset", "action", "poster", "data"):
            if attributes.get(name):
                self.urls.append((attributes[name] or "", attributes.get("integrity")))


def references(page: str) -> list[tuple[str, str | None]]:
    parser = References()
    parser.feed(page)
    return parser.urls


async def test_the_page_references_nothing_remote(client: httpx.AsyncClient) -> None:
    page = await client.get("/graphql", headers=IDE_HEADERS)

    assert page.status_code == 200 and "GraphiQL" in page.text
    urls = [url for url, _ in references(page.text)]
    # The icon, two stylesheets, five vendored scripts and the page's own script (lapor-graphiql.js: the
    # CSP allows no inline script).
    assert len(urls) == 9
    for url in urls:
        assert url.startswith("data:") or (url.startswith("/") and not url.startswith("//")), url
    assert set(re.findall(r"(?:https?:)?//[^\s\"'<>)%]+", page.text)) == {SVG_NAMESPACE}
    for cdn in ("unpkg", "jsdelivr", "cdnjs", "esm.sh", "googleapis"):
        assert cdn not in page.text


async def test_every_asset_it_loads_is_served_with_its_pinned_bytes(client: httpx.AsyncClient) -> None:
    page = await client.get("/graphql", headers=IDE_HEADERS)
    assets = [(url, integrity) for url, integrity in references(page.text) if not url.startswith("data:")]

    assert len(assets) == 8
    for url, integrity in assets:
        served = await client.get(url)

        assert served.status_code == 200, url
        assert served.headers["content-type"] == MEDIA_TYPES[Path(url).suffix], url
        # A package's files carry its version in their path: kept a year. The page's own script
        # keeps its name from release to release: revalidated, like the page.
        versioned = re.search(r"@\d", url) is not None
        assert ("immutable" in served.headers["cache-control"]) is versioned, url
        digest = base64.b64encode(hashlib.sha384(served.content).digest()).decode()
        assert integrity == f"sha384-{digest}", url
    assert page.headers["cache-control"] == "no-cache"


async def test_only_vendored_files_are_served(client: httpx.AsyncClient) -> None:
    for path in (
        "/graphiql/index.html",
        "/graphiql/react@18.2.0/umd/missing.js",
        "/graphiql/../config.py",
        "/graphiql/%2e%2e/app.py",
        "/graphiql/react@18.2.0/../../app.py",
    ):
        assert (await client.get(path)).status_code == 404, path


async def test_the_vendored_page_is_the_one_of_the_installed_strawberry(client: httpx.AsyncClient) -> None:
    # Upgrading strawberry-graphql may change the page or its pins: run scripts/vendor-graphiql again.
    page = await client.get("/graphql", headers=IDE_HEADERS)

    assert f"strawberry-graphql {version('strawberry-graphql')}," in page.text


async def test_production_serves_neither_graphiql_nor_its_assets(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LAPOR_ENV", "production")
    app = create_app(Settings.from_environment(), Runtime(), manage_database=False)
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=app), base_url="http://lapor.test"
    ) as client:
        page = await client.get("/graphql", headers=IDE_HEADERS)
        asset = await client.get("/graphiql/graphiql@3.8.3/graphiql.min.js")

    assert page.status_code == 404
    assert asset.status_code == 404
