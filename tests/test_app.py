"""The app as `lapor-gql serve` runs it: it owns the database through its lifespan."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import httpx
import pytest

from lapor_gql.app import create_app
from lapor_gql.config import Settings
from lapor_gql.db import apply_migrations


@asynccontextmanager
async def served(url: str) -> AsyncIterator[httpx.AsyncClient]:
    """Run the lifespan in its own task, as uvicorn does, and send requests from another."""
    # Migrate in another event loop, as `lapor-gql serve` does before uvicorn starts.
    await asyncio.to_thread(asyncio.run, apply_migrations(url))
    app = create_app(Settings.from_environment())
    started, stop = asyncio.Event(), asyncio.Event()

    async def lifespan() -> None:
        async with app.router.lifespan_context(app):
            started.set()
            await stop.wait()

    running = asyncio.create_task(lifespan())
    await started.wait()
    try:
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://lapor.test") as client:
            yield client
    finally:
        stop.set()
        await running


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
