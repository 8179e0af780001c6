"""The console command works on a real SQLite file and exits cleanly (no connection left open)."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime
from pathlib import Path

import pytest
from typer.testing import CliRunner

from lapor_gql.cli import app


@pytest.fixture
def database(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "cli.sqlite3"
    monkeypatch.setenv("LAPOR_DATABASE_URL", f"sqlite://{path}")
    return path


def test_migrate_seed_and_timers(database: Path) -> None:
    runner = CliRunner()

    migrated = runner.invoke(app, ["migrate"])
    seeded = runner.invoke(app, ["seed-demo"])
    seeded_again = runner.invoke(app, ["seed-demo"])
    timers = runner.invoke(app, ["timers", "run"])

    assert migrated.exit_code == 0, migrated.output
    assert "process report_lifecycle at version 1" in migrated.output
    assert (seeded.exit_code, "demo data created" in seeded.output) == (0, True)
    assert "nothing seeded" in seeded_again.output
    assert timers.exit_code == 0 and "fired due timers of 0 report(s)" in timers.output
    with sqlite3.connect(database) as db:
        statuses = dict(db.execute("SELECT status, count(*) FROM report GROUP BY status").fetchall())
        stamps = [
            row[0]
            for row in db.execute(
                "SELECT created_at FROM report_event UNION ALL SELECT created_at FROM notification"
            )
        ]
    # The demo's story happened in the past: nothing it recorded or queued is dated after now.
    assert max(datetime.fromisoformat(stamp) for stamp in stamps) <= datetime.now(UTC)
    assert statuses == {
        "SUBMITTED": 2,
        "ON_HOLD": 1,
        "ARCHIVED": 1,
        "DISPOSED": 2,
        "IN_PROGRESS": 3,
        "NOT_AUTHORITY_REQUESTED": 1,
        "CLOSED": 2,
    }
