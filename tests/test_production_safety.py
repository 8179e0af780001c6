"""Demo data stays in development: production neither seeds it nor starts with its published password.

The commands run on a real SQLite file, as in test_cli; uvicorn is replaced by a recorder, so
"started" means `serve` got as far as handing the app to uvicorn.
"""

from __future__ import annotations

import asyncio
import sqlite3
from pathlib import Path

import pytest
from typer.testing import CliRunner

from lapor_gql.app import create_app
from lapor_gql.cli import app
from lapor_gql.db.models import Role, User
from lapor_gql.domain.accounts import hash_password
from lapor_gql.domain.demo import DEMO_PASSWORD, USERS, DemoPasswordInUse, accounts_holding_demo_password

from .served_app import served

DEMO_EMAILS = [email for _, email, _, _ in USERS]


@pytest.fixture
def database(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "production.sqlite3"
    monkeypatch.setenv("LAPOR_DATABASE_URL", f"sqlite://{path}")
    monkeypatch.delenv("LAPOR_ENV", raising=False)
    return path


@pytest.fixture
def started(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The app factories uvicorn was asked to run."""
    import uvicorn

    calls: list[str] = []
    monkeypatch.setattr(uvicorn, "run", lambda target, **options: calls.append(target))
    return calls


def _users(database: Path) -> list[str]:
    with sqlite3.connect(database) as db:
        return [row[0] for row in db.execute("SELECT email FROM app_user ORDER BY id")]


def _in_production(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LAPOR_ENV", "production")


def test_serve_seeds_the_demo_in_development(database: Path, started: list[str]) -> None:
    served = CliRunner().invoke(app, ["serve"])

    assert served.exit_code == 0, served.output
    assert _users(database) == DEMO_EMAILS
    assert started == ["lapor_gql.app:create_app"]


def test_serve_in_production_starts_on_an_empty_database_without_demo_accounts(
    database: Path, started: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    _in_production(monkeypatch)

    served = CliRunner().invoke(app, ["serve"])

    assert served.exit_code == 0, served.output
    assert _users(database) == []
    assert started == ["lapor_gql.app:create_app"]


def test_serve_with_demo_in_production_is_refused_before_touching_anything(
    database: Path, started: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    _in_production(monkeypatch)

    served = CliRunner().invoke(app, ["serve", "--demo"])

    assert served.exit_code == 2
    assert "refusing --demo: LAPOR_ENV is 'production'" in served.stderr
    assert not database.exists()
    assert started == []


def test_seed_demo_in_production_needs_a_confirmation_and_then_warns(
    database: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _in_production(monkeypatch)
    runner = CliRunner()

    refused = runner.invoke(app, ["seed-demo"])
    assert refused.exit_code == 2
    assert "refusing to seed demo data" in refused.stderr and "--allow-production" in refused.stderr
    assert not database.exists()

    confirmed = runner.invoke(app, ["seed-demo", "--allow-production"])
    assert confirmed.exit_code == 0, confirmed.output
    assert "WARNING: seeding demo data anyway" in confirmed.stderr
    assert "demo data created" in confirmed.stdout
    assert _users(database) == DEMO_EMAILS


def test_production_refuses_to_start_while_an_account_holds_the_demo_password(
    database: Path, started: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    runner = CliRunner()
    assert runner.invoke(app, ["seed-demo"]).exit_code == 0  # in development
    with sqlite3.connect(database) as db:  # every demo account but the admin changed its password
        db.execute(
            "UPDATE app_user SET password_hash = ? WHERE email != ?",
            (hash_password("a different secret"), "admin@lapor.babelprov.go.id"),
        )
    _in_production(monkeypatch)

    refused = runner.invoke(app, ["serve"])

    assert refused.exit_code == 1
    assert "refusing to start" in refused.stderr
    assert "admin@lapor.babelprov.go.id." in refused.stderr
    assert "budi@example.id" not in refused.stderr
    assert started == []

    with sqlite3.connect(database) as db:
        db.execute("UPDATE app_user SET password_hash = ?", (hash_password("a different secret"),))
    assert runner.invoke(app, ["serve"]).exit_code == 0
    assert started == ["lapor_gql.app:create_app"]


async def test_the_check_covers_demo_addresses_admins_and_analysts_not_every_account(db: None) -> None:
    demo_hash = hash_password(DEMO_PASSWORD)
    for email, role, active in [
        ("budi@example.id", Role.CITIZEN, True),  # a demo address
        ("kepala@diskominfo.go.id", Role.ADMIN, True),
        ("analis@diskominfo.go.id", Role.ANALYST, True),
        ("warga@example.id", Role.CITIZEN, True),  # not checked: argon2 for every citizen is too slow
        ("mantan@example.id", Role.ANALYST, False),  # cannot log in
    ]:
        await User.create(name=email, email=email, role=role.value, password_hash=demo_hash, is_active=active)
    await User.create(
        name="Admin",
        email="admin@diskominfo.go.id",
        role=Role.ADMIN.value,
        password_hash=hash_password("x" * 12),
    )

    assert await accounts_holding_demo_password() == [
        "budi@example.id",
        "kepala@diskominfo.go.id",
        "analis@diskominfo.go.id",
    ]


async def test_a_server_started_by_uvicorn_directly_refuses_too(
    database: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Production often runs `uvicorn --factory lapor_gql.app:create_app` without `lapor-gql serve`.
    seeded = await asyncio.to_thread(CliRunner().invoke, app, ["seed-demo"])  # in development
    assert seeded.exit_code == 0
    _in_production(monkeypatch)
    server = create_app()

    with pytest.raises(DemoPasswordInUse, match="admin@lapor.babelprov.go.id"):
        async with server.router.lifespan_context(server):
            pass


async def test_the_operator_creates_the_first_admin_who_sets_a_password_with_the_secret(
    database: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _in_production(monkeypatch)
    runner = CliRunner()
    assert (await asyncio.to_thread(runner.invoke, app, ["migrate"])).exit_code == 0
    created = await asyncio.to_thread(
        runner.invoke, app, ["user", "create", "kepala@diskominfo.go.id", "--name", "Kepala Bidang"]
    )
    assert created.exit_code == 0, created.output
    secret = created.stdout.splitlines()[2]
    again = await asyncio.to_thread(
        runner.invoke, app, ["user", "create", "kepala@diskominfo.go.id", "--name", "Kepala Bidang"]
    )
    assert again.exit_code == 1 and "email" in again.stderr

    async with served(f"sqlite://{database}") as client:
        chosen = await client.post(
            "/graphql",
            json={
                "query": "mutation ChoosePassword($secret: String!) { passwordReset(input: "
                '{secret: $secret, newPassword: "Bangka-Belitung-2026"}) { errors { code } } }',
                "variables": {"secret": secret},
            },
        )
        assert chosen.json()["data"]["passwordReset"]["errors"] == []
        login = await client.post(
            "/graphql",
            json={
                "query": 'mutation Login { tokenCreate(input: {email: "kepala@diskominfo.go.id", '
                'password: "Bangka-Belitung-2026"}) { token user { role } errors { code } } }'
            },
        )
    assert login.json()["data"]["tokenCreate"]["user"] == {"role": "ADMIN"}
