"""The app as `lapor-gql serve` runs it: migrated first, its lifespan in a task of its own."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import httpx

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
