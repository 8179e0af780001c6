"""The app as `lapor-gql serve` runs it: it owns the database through its lifespan."""

from __future__ import annotations

from pathlib import Path

import pytest
from tortoise.connection import get_connection

from lapor_gql.db import known_migrations

from .served_app import served


async def test_served_app_answers_queries_and_health(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    url = f"sqlite://{tmp_path / 'served.sqlite3'}"
    monkeypatch.setenv("LAPOR_DATABASE_URL", url)
    monkeypatch.setenv("LAPOR_TIMER_INTERVAL_SECONDS", "3600")

    async with served(url) as client:
        health = await client.get("/healthz")
        listed = await client.post("/graphql", json={"query": "query Empty { reports { edges { cursor } } }"})
        ide = await client.get("/graphql", headers={"Accept": "text/html"})

    assert health.json() == {"status": "ok"}
    assert listed.json() == {"data": {"reports": {"edges": []}}}
    assert ide.status_code == 200 and "GraphiQL" in ide.text


async def test_production_has_no_graphiql(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    url = f"sqlite://{tmp_path / 'prod.sqlite3'}"
    monkeypatch.setenv("LAPOR_DATABASE_URL", url)
    monkeypatch.setenv("LAPOR_ENV", "production")

    async with served(url) as client:
        ide = await client.get("/graphql", headers={"Accept": "text/html"})

    assert ide.status_code != 200


async def test_ready_only_with_a_reachable_database_on_the_current_schema(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    url = f"sqlite://{tmp_path / 'ready.sqlite3'}"
    monkeypatch.setenv("LAPOR_DATABASE_URL", url)
    monkeypatch.setenv("LAPOR_TIMER_INTERVAL_SECONDS", "3600")

    async with served(url) as client:
        ready = await client.get("/readyz")

        # The last migration "not applied": what a server started before `lapor-gql migrate` sees.
        connection = get_connection("default")
        latest = known_migrations()[-1]
        await connection.execute_query("DELETE FROM tortoise_migrations WHERE name = ?", [latest])
        behind = await client.get("/readyz")

        async def unreachable(self: object, query: str, values: object = None) -> object:
            raise OSError("connection reset by peer")

        with monkeypatch.context() as patched:
            patched.setattr(type(connection), "execute_query", unreachable)
            down = await client.get("/readyz")
            alive = await client.get("/healthz")

    assert (ready.status_code, ready.json()) == (
        200,
        {"status": "ok", "database": "ok", "pendingMigrations": []},
    )
    assert (behind.status_code, behind.json()["pendingMigrations"]) == (503, [latest])
    assert (down.status_code, down.json()) == (503, {"status": "unavailable", "database": "unreachable"})
    assert "connection reset" not in down.text
    assert alive.status_code == 200
