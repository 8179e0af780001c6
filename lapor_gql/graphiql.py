"""GraphiQL without the internet: its page and the React, GraphiQL and explorer builds it loads, served
by the app itself from ``static/graphiql`` (vendored by ``scripts/vendor-graphiql``).

Strawberry's own page loads them from unpkg, so on a network that blocks CDNs (or none at all) it
stays on "Loading...". Only development serves GraphiQL, so only development mounts these routes.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

from starlette.requests import Request
from starlette.responses import HTMLResponse, Response
from starlette.routing import Route

from lapor_gql.static_files import (
    IMMUTABLE_CACHE_CONTROL,
    REVALIDATE_CACHE_CONTROL,
    file_response,
    listing,
    not_found,
)

STATIC_DIR = Path(__file__).resolve().parent / "static" / "graphiql"
PAGE = STATIC_DIR / "index.html"
ASSETS_URL = "/graphiql"
# A package folder with its version: react@18.2.0/, @graphiql/plugin-explorer@1.0.2/.
VERSIONED = re.compile(r"@\d")
# Only vendored scripts and stylesheets are served from here.
ASSET_SUFFIXES = frozenset({".js", ".css"})


@cache
def _page_html() -> str:
    return PAGE.read_text(encoding="utf-8")


def page() -> Response:
    return HTMLResponse(_page_html(), headers={"Cache-Control": REVALIDATE_CACHE_CONTROL})


@cache
def _assets() -> dict[str, Path]:
    return listing(STATIC_DIR, ASSET_SUFFIXES)


def _cache_control(path: str) -> str:
    """A package's files carry its version in their path (react@18.2.0/…), so their bytes never change
    under a URL: kept for a year. The page's own script (lapor-graphiql.js) keeps its name: revalidated."""
    return IMMUTABLE_CACHE_CONTROL if VERSIONED.search(path) else REVALIDATE_CACHE_CONTROL


async def _asset(request: Request) -> Response:
    name = request.path_params["path"]
    path = _assets().get(name)
    return not_found() if path is None else file_response(path, _cache_control(name))


def asset_routes() -> list[Route]:
    return [Route(f"{ASSETS_URL}/{{path:path}}", _asset, methods=["GET", "HEAD"])]
