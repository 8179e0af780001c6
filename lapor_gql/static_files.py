"""Serving files the app ships (the console's build, the vendored GraphiQL): their media types, how long
browsers keep them, and listings looked up by exact name, so no request path ever reaches the file
system."""

from __future__ import annotations

from pathlib import Path

from starlette.responses import FileResponse, PlainTextResponse, Response

MEDIA_TYPES = {
    ".html": "text/html; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".mjs": "text/javascript; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".svg": "image/svg+xml",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".webp": "image/webp",
    ".ico": "image/x-icon",
    ".woff2": "font/woff2",
    ".woff": "font/woff",
    ".ttf": "font/ttf",
    ".json": "application/json",
    ".webmanifest": "application/manifest+json",
    ".map": "application/json",
    ".txt": "text/plain; charset=utf-8",
    ".wasm": "application/wasm",
}
# A file whose URL changes with its content (a hash or a version in its path): kept for a year.
IMMUTABLE_CACHE_CONTROL = "public, max-age=31536000, immutable"
# A file that keeps its URL from release to release (a page): revalidated on each load, so a new
# release shows at once.
REVALIDATE_CACHE_CONTROL = "no-cache"


def listing(directory: Path, suffixes: frozenset[str] | None = None) -> dict[str, Path]:
    """The servable files below ``directory`` by their path in it (``assets/index-3f2a.js``): only known
    media types (or ``suffixes``), and nothing under a dot folder (build metadata such as
    ``.vite/manifest.json``, which the tests read and browsers need not)."""
    allowed = suffixes if suffixes is not None else frozenset(MEDIA_TYPES)
    found: dict[str, Path] = {}
    for path in directory.rglob("*"):
        relative = path.relative_to(directory)
        if path.is_file() and path.suffix in allowed and not any(p.startswith(".") for p in relative.parts):
            found[relative.as_posix()] = path
    return found


def file_response(path: Path, cache_control: str) -> Response:
    return FileResponse(path, media_type=MEDIA_TYPES[path.suffix], headers={"Cache-Control": cache_control})


def not_found() -> Response:
    return PlainTextResponse("Not Found", status_code=404)
