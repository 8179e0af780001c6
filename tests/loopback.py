"""An ASGI app under a real uvicorn on a free loopback port, in the test's own event loop (and so with its
database): for clients that must speak real HTTP or websockets, such as Node or a browser."""

from __future__ import annotations

import asyncio
import contextlib
import socket
from collections.abc import AsyncIterator

import uvicorn
from starlette.types import ASGIApp


@contextlib.asynccontextmanager
async def served_on_loopback(app: ASGIApp) -> AsyncIterator[str]:
    """Yields the base URL, e.g. ``http://127.0.0.1:41234``; websockets are served too."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    config = uvicorn.Config(
        app, lifespan="on", ws="websockets-sansio", log_level="warning", timeout_graceful_shutdown=1
    )
    server = uvicorn.Server(config)
    task = asyncio.create_task(server.serve(sockets=[sock]))
    try:
        async with asyncio.timeout(10):
            while not (server.started or task.done()):
                await asyncio.sleep(0.01)
        assert server.started, "the server did not start"
        yield f"http://127.0.0.1:{sock.getsockname()[1]}"
    finally:
        server.should_exit = True
        await asyncio.wait_for(task, 10)
        sock.close()
