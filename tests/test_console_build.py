"""The committed console build (``lapor_gql/static/console``, what the app serves) is the build of the
committed sources: rebuilt here into a temporary folder and compared file by file, byte for byte.

It needs Node and ``console/node_modules`` (``scripts/test`` runs ``npm ci`` there when the lock
changed) and fails, rather than skips, without them: a suite that cannot check the build has not
checked it. Select it alone with ``-m console_build``.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from lapor_gql.config import PROJECT_ROOT

CONSOLE = PROJECT_ROOT / "console"
COMMITTED = PROJECT_ROOT / "lapor_gql" / "static" / "console"
REBUILD = "npm --prefix console run build"

pytestmark = pytest.mark.console_build


def files_of(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()
    }


def test_the_committed_build_is_the_build_of_the_sources(tmp_path: Path) -> None:
    npm = shutil.which("npm")
    if npm is None:
        pytest.fail("npm is not installed: the console build cannot be checked (install Node.js and npm)")
    if not (CONSOLE / "node_modules").is_dir():
        pytest.fail("console/node_modules is missing: run `npm --prefix console ci` (scripts/test does)")
    out = tmp_path / "console"

    built = subprocess.run(
        [npm, "--prefix", str(CONSOLE), "run", "build", "--", "--outDir", str(out), "--logLevel", "error"],
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )

    assert built.returncode == 0, f"the console does not build:\n{built.stdout}\n{built.stderr}"
    fresh, committed = files_of(out), files_of(COMMITTED)
    missing = sorted(fresh.keys() - committed.keys())
    stale = sorted(committed.keys() - fresh.keys())
    different = sorted(name for name in fresh.keys() & committed.keys() if fresh[name] != committed[name])
    problems = [
        *(f"  not committed: {name}" for name in missing),
        *(f"  no longer built: {name}" for name in stale),
        *(f"  differs: {name}" for name in different),
    ]
    assert not problems, (
        "lapor_gql/static/console is not the build of console/; run `"
        + REBUILD
        + "` and commit the result:\n"
        + "\n".join(problems)
    )
