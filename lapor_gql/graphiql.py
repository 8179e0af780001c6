"""GraphiQL without the internet: its page and the React, GraphiQL and explorer builds it loads, served
by the app itself from ``static/graphiql`` (vendored by ``scripts/vendor-graphiql``).

Strawberry's own page loads them from unpkg, so on a network that blocks CDNs (or none at all) it
stays on "Loading...". Only development serves GraphiQL, so only development mounts these routes.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from starlette.requests import Request
from starlette.responses import FileResponse, HTMLResponse, PlainTextResponse, Response
from starlette.routing import Route

STATIC_DIR = Path(__file__).resolve().parent / "static" / "graphiql"
PAGE = STATIC_DIR / "index.html"
ASSETS_URL = "/graphiql"

MEDIA_TYPES = {".js": "text/javascript; charset=utf-8", ".css": "text/css; charset=utf-8"}
# Every asset's path carries its package's version (react@18.2.0/…), so its bytes never change under
# a URL: browsers may keep it for a year. The page itself is revalidated, so an upgrade shows at once.
ASSET_CACHE_CONTROL = "public, max-age=31536000, immutable"
PAGE_CACHE_CONTROL = "no-cache"


@cache
def _page_html() -> str:
    return PAGE.read_text(encoding="utf-8")


def page() -> Response:
    return HTMLResponse(_page_html(), headers={"Cache-Control": PAGE_CACHE_CONTROL})


@cache
def _assets() -> dict[str, Path]:
    """The servable files by URL path below ``ASSETS_URL``: only vendored scripts and stylesheets, looked
    up by exact name, so no request path ever reaches the file system."""
    return {
        path.relative_to(STATIC_DIR).as_posix(): path
        for path in STATIC_DIR.rglob("*")
        if path.is_file() and path.suffix in MEDIA_TYPES
    }


async def _asset(request: Request) -> Response:
    path = _assets().get(request.path_params["path"])
    if path is None:
        return PlainTextResponse("Not Found", status_code=404)
    return FileResponse(
        path, media_type=MEDIA_TYPES[path.suffix], headers={"Cache-Control": ASSET_CACHE_CONTROL}
    )


def asset_routes() -> list[Route]:
    return [Route(f"{ASSETS_URL}/{{path:path}}", _asset, methods=["GET", "HEAD"])]
