"""The browser console, served by the app from ``static/console`` (built from ``console/`` by
``npm --prefix console run build``; committed, so serving it needs no Node).

``/assets/…``: the build's scripts, styles, fonts and images, whose names carry a hash of their
content, so browsers keep them for a year. Any other GET path without a file extension that is not
the API's (``/graphql``, the probes, ``/metrics``, ``/exports/…``, ``/graphiql/…``) is one of the
console's own routes (history routing): it gets ``index.html``, revalidated on every load so a new
build shows at once.
Other files at the build's root (``favicon.svg``) are served by exact name. Every file is looked up
by exact name in a listing of the build, so no request path ever reaches the file system.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response
from starlette.routing import Route

from lapor_gql.static_files import (
    IMMUTABLE_CACHE_CONTROL,
    REVALIDATE_CACHE_CONTROL,
    file_response,
    listing,
    not_found,
)

STATIC_DIR = Path(__file__).resolve().parent / "static" / "console"
ASSETS = "assets"
PAGE = "index.html"

# First path segments that belong to the API or to GraphiQL, never to the console's history routing:
# a mistyped API path is a 404, not the console's page.
RESERVED = frozenset({"graphql", "healthz", "readyz", "metrics", "graphiql", "exports", ASSETS})
NOT_BUILT = (
    "The browser console is not built. Build it with `npm --prefix console ci` and then "
    "`npm --prefix console run build` (see console/README.md), then reload this page.\n"
)


@dataclass
class Console:
    """The build in ``directory``, listed again whenever its ``index.html`` or its ``assets`` folder
    changes: a developer may rebuild while the server runs (every build writes the page anew, and each
    chunk it adds changes the folder, so a listing taken mid-build is replaced once the build ends)."""

    directory: Path = field(default_factory=lambda: STATIC_DIR)
    _files: dict[str, Path] | None = field(default=None, init=False, repr=False)
    _listed_for: tuple[int, int] | None = field(default=None, init=False, repr=False)

    def files(self) -> dict[str, Path] | None:
        """The servable files by URL path (``assets/index-3f2a.js``, ``favicon.svg``); None when the
        build is missing."""
        try:
            version = ((self.directory / PAGE).stat().st_mtime_ns, _modified(self.directory / ASSETS))
        except OSError:
            return None
        if self._files is None or version != self._listed_for:
            self._files = listing(self.directory)
            self._listed_for = version
        return self._files

    async def asset(self, request: Request) -> Response:
        return self._file(f"{ASSETS}/{request.path_params['path']}", IMMUTABLE_CACHE_CONTROL)

    async def page_or_file(self, request: Request) -> Response:
        path: str = request.path_params["path"]
        segments = PurePosixPath(path).parts
        if segments and segments[0] in RESERVED:
            return not_found()
        if PurePosixPath(path).suffix:
            return self._file(path, REVALIDATE_CACHE_CONTROL)
        if self.files() is None:
            return PlainTextResponse(NOT_BUILT, status_code=503, headers={"Cache-Control": "no-store"})
        return file_response(self.directory / PAGE, REVALIDATE_CACHE_CONTROL)

    def _file(self, path: str, cache_control: str) -> Response:
        found = (self.files() or {}).get(path)
        # is_file: a build under way may have removed it since the listing.
        return file_response(found, cache_control) if found is not None and found.is_file() else not_found()

    def routes(self) -> list[Route]:
        return [
            Route(f"/{ASSETS}/{{path:path}}", self.asset, methods=["GET", "HEAD"]),
            # Last among the app's routes: every path the API did not claim.
            Route("/{path:path}", self.page_or_file, methods=["GET", "HEAD"]),
        ]


def _modified(directory: Path) -> int:
    try:
        return directory.stat().st_mtime_ns
    except OSError:
        return 0


def routes(directory: Path | None = None) -> list[Route]:
    """The console's routes, for the end of the app's list; ``directory`` for a build elsewhere (tests)."""
    return Console(directory or STATIC_DIR).routes()
