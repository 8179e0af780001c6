"""Vendor the GraphiQL that Strawberry's page loads from unpkg, so the app can serve it offline.

Strawberry's template pins each asset by package, version and Subresource Integrity hash. For each one
this downloads the package's tarball with ``npm pack`` (the registry, never a CDN), checks the file
against that hash, and copies it to ``lapor_gql/static/graphiql/<package>@<version>/<file>``; then it
writes the page with every ``https://unpkg.com/`` replaced by the app's ``/graphiql/``. The integrity
attributes stay: the browser checks the served bytes are the ones Strawberry pinned.

The page's inline script moves to ``lapor-graphiql.js`` (the app's Content-Security-Policy allows no
inline script), changed to send the console's CSRF cookie (``lapor_csrf``) back as ``X-CSRF-Token``
and in the websocket's ``connection_init``, so GraphiQL also works in a browser logged in to the
console. ``--page-only`` rewrites just the page and that script from the installed Strawberry.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
import shutil
import subprocess
import sys
import tarfile
import tempfile
from dataclasses import dataclass
from importlib.metadata import version
from pathlib import Path

from strawberry.http.ides import get_graphql_ide_html  # noqa: TID251 - its page is what is vendored

ROOT = Path(__file__).resolve().parent.parent
TARGET = ROOT / "lapor_gql" / "static" / "graphiql"
CDN = "https://unpkg.com/"
LOCAL = "/graphiql/"
SCRIPT = "lapor-graphiql.js"
INLINE_SCRIPT = re.compile(r"\n(?P<indent>[ ]*)<script>\n(?P<code>.*?)\n[ ]*</script>", re.DOTALL)
# Strawberry's page echoes Django's CSRF cookie; this app's is the console's.
CSRF_EDITS = (
    ('Cookies.get("csrftoken")', 'Cookies.get("lapor_csrf")'),
    ('defaultHeaders["x-csrftoken"]', 'defaultHeaders["X-CSRF-Token"]'),
    (
        "        subscriptionUrl,\n",
        "        subscriptionUrl,\n        wsConnectionParams: csrfToken ? { csrf: csrfToken } : {},\n",
    ),
)
# A tag's URL and, later in the same tag, its integrity hash.
ASSET = re.compile(
    r'(?:src|href)="https://unpkg\.com/(?P<package>(?:@[^/@"]+/)?[^/@"]+)@(?P<version>[^/"]+)/(?P<file>[^"]+)"'
    r'\s+integrity="(?P<integrity>sha384-[^"]+)"'
)


@dataclass(frozen=True)
class Asset:
    package: str
    version: str
    file: str
    integrity: str

    @property
    def spec(self) -> str:
        return f"{self.package}@{self.version}"


def main() -> int:
    template = get_graphql_ide_html("graphiql")
    # Strawberry writes each tag's attributes one per line: read the tags with crossorigin dropped.
    page = re.sub(r"\s+crossorigin(?=\s)", "", template)
    assets = [Asset(**m.groupdict()) for m in ASSET.finditer(page)]
    if page.count(CDN) != len(assets):
        sys.exit("Strawberry's page loads something this script does not understand; read it and adapt")
    if sys.argv[1:] == ["--page-only"]:
        write_page(page)
        return 0
    with tempfile.TemporaryDirectory() as temp:
        tarballs = _pack(sorted({a.spec for a in assets}), Path(temp))
        if TARGET.exists():
            shutil.rmtree(TARGET)
        for asset in assets:
            content = _extract(tarballs[asset.spec], asset.file)
            digest = "sha384-" + base64.b64encode(hashlib.sha384(content).digest()).decode()
            if digest != asset.integrity:
                sys.exit(f"{asset.spec}/{asset.file}: the registry's file is not the one Strawberry pinned")
            destination = TARGET / asset.spec / asset.file
            destination.parent.mkdir(parents=True, exist_ok=True)
            destination.write_bytes(content)
            print(f"{asset.spec}/{asset.file}  {len(content):>9,} bytes")
    write_page(page)
    return 0


def write_page(page: str) -> None:
    """``index.html``, loading everything from the app, and its script as ``lapor-graphiql.js``."""
    header = (
        f"<!-- Written by scripts/vendor-graphiql from the page of strawberry-graphql "
        f"{version('strawberry-graphql')}, "
        "its assets served by the app: do not edit. -->\n"
    )
    local, script = _script_moved_out(page.replace(CDN, LOCAL))
    (TARGET / SCRIPT).write_text(script, encoding="utf-8")
    # After the doctype: nothing may come before it without risking quirks mode.
    doctype, _, rest = local.partition("\n")
    (TARGET / "index.html").write_text(f"{doctype}\n{header}{rest}", encoding="utf-8")


def _script_moved_out(page: str) -> tuple[str, str]:
    """The page with its one inline script replaced by a tag loading it (pinned by its hash, like the
    vendored ones), and that script with the CSRF edits."""
    found = list(INLINE_SCRIPT.finditer(page))
    if len(found) != 1:
        sys.exit(f"Strawberry's page has {len(found)} inline scripts, not 1; read it and adapt")
    script = found[0]["code"] + "\n"
    for old, new in CSRF_EDITS:
        if script.count(old) != 1:
            sys.exit(f"Strawberry's page script no longer has {old!r} once; read it and adapt")
        script = script.replace(old, new)
    script = "// Written by scripts/vendor-graphiql from Strawberry's GraphiQL page: do not edit.\n" + script
    digest = "sha384-" + base64.b64encode(hashlib.sha384(script.encode("utf-8")).digest()).decode()
    indent = found[0]["indent"]
    tag = f'\n{indent}<script src="{LOCAL}{SCRIPT}" integrity="{digest}"></script>'
    return page[: found[0].start()] + tag + page[found[0].end() :], script


def _pack(specs: list[str], into: Path) -> dict[str, Path]:
    """Download each package's tarball; ``npm pack --json`` names the file of each, in order."""
    done = subprocess.run(
        ["npm", "pack", "--json", "--pack-destination", str(into), *specs],
        check=True,
        capture_output=True,
        text=True,
        cwd=into,
    )
    packed = json.loads(done.stdout)
    return {spec: into / entry["filename"] for spec, entry in zip(specs, packed, strict=True)}


def _extract(tarball: Path, file: str) -> bytes:
    with tarfile.open(tarball) as archive:
        member = archive.extractfile(f"package/{file}")
        if member is None:
            sys.exit(f"{tarball.name} has no {file}")
        return member.read()


if __name__ == "__main__":
    sys.exit(main())
