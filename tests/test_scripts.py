"""scripts/install runs pip only when pyproject.toml (or the Python) changed, so `scripts/test` and
`scripts/serve` work a second time without the package index."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from lapor_gql.config import PROJECT_ROOT

INSTALL = PROJECT_ROOT / "scripts" / "install"
STAMP = ".lapor-install-stamp"


def offline_environment(**extra: str) -> dict[str, str]:
    """pip as it is without the package index: every index unreachable, no configured mirrors."""
    environment = {
        key: value for key, value in os.environ.items() if not key.startswith("PIP_") and key != "LAPOR_VENV"
    }
    environment.update(
        PIP_CONFIG_FILE=os.devnull,
        PIP_INDEX_URL="http://127.0.0.1:9/simple",
        PIP_NO_INDEX="1",
        PIP_FIND_LINKS="",
        PIP_RETRIES="0",
        PIP_DEFAULT_TIMEOUT="2",
        **extra,
    )
    return environment


def expected_stamp() -> str:
    python = f"{sys.implementation.name} {sys.version_info[0]} {sys.version_info[1]}\n"
    return hashlib.sha256(python.encode() + (PROJECT_ROOT / "pyproject.toml").read_bytes()).hexdigest()


def test_a_second_install_needs_no_package_index() -> None:
    venv = PROJECT_ROOT / ".venv"
    if not (venv / STAMP).exists() or (venv / STAMP).read_text().strip() != expected_stamp():
        pytest.skip(".venv was not installed by scripts/install for this pyproject.toml; run it once")

    started = time.monotonic()
    second = subprocess.run([INSTALL], env=offline_environment(), capture_output=True, text=True, timeout=60)

    assert second.returncode == 0, second.stderr
    assert time.monotonic() - started < 10
    assert (venv / STAMP).read_text().strip() == expected_stamp()


# --------------------------------------------------------------------------- with a stand-in venv

FAKE_PYTHON = """#!/bin/sh
# A venv's python whose pip only writes down that it was called (and fails if told to).
if [ "$1" = "-c" ]; then exec python3 "$@"; fi
echo "$*" >> "$(dirname "$0")/../pip-calls.log"
exit "${FAKE_PIP_EXIT:-0}"
"""


@pytest.fixture
def venv(tmp_path: Path) -> Path:
    venv = tmp_path / "venv"
    (venv / "bin").mkdir(parents=True)
    python = venv / "bin" / "python"
    python.write_text(FAKE_PYTHON)
    python.chmod(0o755)
    return venv


def install(venv: Path, **extra: str) -> subprocess.CompletedProcess[str]:
    environment = offline_environment(LAPOR_VENV=str(venv), **extra)
    return subprocess.run([INSTALL], env=environment, capture_output=True, text=True, timeout=60)


def pip_calls(venv: Path) -> list[str]:
    log = venv / "pip-calls.log"
    return log.read_text().splitlines() if log.exists() else []


def test_pip_runs_on_the_first_install_and_not_on_the_second(venv: Path) -> None:
    first = install(venv)
    calls_after_first = pip_calls(venv)
    second = install(venv)

    assert (first.returncode, second.returncode) == (0, 0), first.stderr + second.stderr
    assert calls_after_first == ["-m pip install --quiet --upgrade pip", "-m pip install --quiet -e .[test]"]
    assert pip_calls(venv) == calls_after_first
    assert (venv / STAMP).read_text().strip() == expected_stamp()


def test_pip_runs_again_when_the_dependencies_changed(venv: Path) -> None:
    install(venv)
    (venv / STAMP).write_text("the hash of an older pyproject.toml\n")

    again = install(venv)

    assert again.returncode == 0, again.stderr
    assert len(pip_calls(venv)) == 4
    assert (venv / STAMP).read_text().strip() == expected_stamp()


def test_an_install_cut_short_is_not_taken_for_finished(venv: Path) -> None:
    install(venv)
    (venv / STAMP).write_text("the hash of an older pyproject.toml\n")

    failed = install(venv, FAKE_PIP_EXIT="1")  # the index is unreachable
    after_failure = pip_calls(venv)
    retried = install(venv)

    assert failed.returncode != 0
    assert len(after_failure) == 3  # the pip upgrade failed, and the script stopped there
    assert len(pip_calls(venv)) == 5  # so the next run installed again
    assert retried.returncode == 0
