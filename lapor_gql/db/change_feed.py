"""PostgreSQL LISTEN/NOTIFY as a broadcast between server processes.

Each process keeps one dedicated asyncpg connection that LISTENs on the channel; messages are sent
with ``pg_notify`` through the ORM's own connection, so a message sent inside a transaction would go
out only at its commit. Notifications reach every listener on the same database, the sender included.

If the listening connection drops, the process logs it, retries with growing pauses and LISTENs again.
Messages sent while it was away are lost for this process: a live view is best effort, and a client
that reconnects reloads what it shows; what a process keeps because it hears of its changes here
(``domain.catalog``) asks ``listening_since``, which changes with every new LISTEN.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Callable, Mapping
from typing import Any
from urllib.parse import urlsplit

import asyncpg
from tortoise.backends.base.config_generator import expand_db_url
from tortoise.connection import get_connection

log = logging.getLogger("lapor_gql.change_feed")

CHANNEL = "lapor_report_changes"
POSTGRES_SCHEMES = frozenset({"postgres", "postgresql", "asyncpg"})
# What asyncpg.connect understands of a Tortoise URL; pool sizes and the like are not for it.
_CONNECT_KEYS = ("host", "port", "user", "password", "database", "ssl", "server_settings")


def is_postgres_url(database_url: str) -> bool:
    return urlsplit(database_url).scheme in POSTGRES_SCHEMES


class PostgresNotifyChannel:
    def __init__(
        self,
        connect_params: Mapping[str, Any],
        channel: str = CHANNEL,
        *,
        connection_name: str = "default",
        health_check_seconds: float = 30.0,
        retry_seconds: tuple[float, float] = (0.5, 30.0),
    ) -> None:
        self.channel = channel
        self._connect_params = {k: v for k, v in connect_params.items() if k in _CONNECT_KEYS}
        self._connection_name = connection_name
        self._health_check_seconds = health_check_seconds
        self._first_retry, self._last_retry = retry_seconds
        self._receive: Callable[[str], None] | None = None
        self._connection: asyncpg.Connection | None = None
        self._lost = asyncio.Event()
        self._supervisor: asyncio.Task[None] | None = None
        self._listens = 0

    @classmethod
    def for_database_url(cls, database_url: str, **options: Any) -> PostgresNotifyChannel:
        return cls(expand_db_url(database_url)["credentials"], **options)

    @property
    def is_listening(self) -> bool:
        return self._connection is not None and not self._connection.is_closed() and not self._lost.is_set()

    @property
    def listening_since(self) -> int | None:
        """Which LISTEN this is (counting from 1, a new one after each reconnection); None while not
        listening. Everything sent while this number stayed the same was heard."""
        return self._listens if self.is_listening else None

    async def start(self, receive: Callable[[str], None]) -> None:
        """LISTEN before returning, so a started server hears every later change; a database that
        cannot be reached fails the start, as it fails opening the database."""
        self._receive = receive
        await self._listen()
        self._supervisor = asyncio.create_task(self._keep_listening(), name=f"listen {self.channel}")

    async def stop(self) -> None:
        if self._supervisor is not None:
            self._supervisor.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._supervisor
            self._supervisor = None
        await self._close()

    async def send(self, message: str) -> None:
        await get_connection(self._connection_name).execute_query(
            "SELECT pg_notify($1, $2)", [self.channel, message]
        )

    @property
    def listener_pid(self) -> int | None:
        """The server process of the listening connection, to find it in ``pg_stat_activity``."""
        return self._connection.get_server_pid() if self._connection is not None else None

    async def _listen(self) -> None:
        connection = await asyncpg.connect(**self._connect_params)
        try:
            self._lost = asyncio.Event()
            lost = self._lost
            connection.add_termination_listener(lambda _connection: lost.set())
            await connection.add_listener(self.channel, self._on_notification)
        except BaseException:
            connection.terminate()
            raise
        self._connection = connection
        self._listens += 1

    def _on_notification(self, _connection: object, _pid: int, _channel: str, payload: str) -> None:
        if self._receive is not None:
            self._receive(payload)

    async def _keep_listening(self) -> None:
        while True:
            await self._until_lost()
            log.warning("lost the LISTEN connection on %s; reconnecting", self.channel)
            await self._close()
            pause = self._first_retry
            while True:
                await asyncio.sleep(pause)
                try:
                    await self._listen()
                except Exception as error:  # whatever failed, the next attempt may succeed
                    log.warning("LISTEN on %s failed (%s); retrying in %.1f s", self.channel, error, pause)
                    pause = min(pause * 2, self._last_retry)
                    continue
                log.info("listening on %s again", self.channel)
                break

    async def _until_lost(self) -> None:
        # A connection closed by the server says so at once; one cut off silently (a dead network
        # path) only shows when it is used, hence the periodic check.
        while True:
            try:
                await asyncio.wait_for(self._lost.wait(), self._health_check_seconds)
                return
            except TimeoutError:
                pass
            connection = self._connection
            if connection is None:
                return
            try:
                await asyncio.wait_for(connection.execute("SELECT 1"), self._health_check_seconds)
            except Exception:  # any failure of the check means the connection is no use
                return

    async def _close(self) -> None:
        connection, self._connection = self._connection, None
        if connection is None or connection.is_closed():
            return
        try:
            await asyncio.wait_for(connection.close(), 5)
        except Exception:  # closing politely failed; drop it
            connection.terminate()
