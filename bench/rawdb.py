"""A thin raw-SQL layer over asyncpg and aiosqlite, shared by the seeder and the baseline app.

SQL is written with ``?`` placeholders and rewritten to ``$n`` for PostgreSQL. Values go in as
Python values; on SQLite, datetimes, dates and booleans are stored the way Tortoise stores them
(``isoformat(" ")``, ``isoformat()``, 0/1), so the app reads the seeded rows like its own.
"""

from __future__ import annotations

import asyncio
import contextlib
import re
from collections.abc import AsyncIterator, Iterable, Sequence
from datetime import date, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import aiosqlite
import asyncpg

_PLACEHOLDER = re.compile(r"\?")


def to_pg(sql: str) -> str:
    counter = iter(range(1, 10_000))
    return _PLACEHOLDER.sub(lambda _: f"${next(counter)}", sql)


def sqlite_value(value: object) -> object:
    if isinstance(value, datetime):
        return value.isoformat(" ")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, bool):
        return int(value)
    return value


def sqlite_path(url: str) -> str:
    """``sqlite:///tmp/x.sqlite3?…`` → ``/tmp/x.sqlite3``."""
    rest = url.split("://", 1)[1]
    return rest.split("?", 1)[0]


def pg_dsn(url: str) -> str:
    return url.replace("postgres://", "postgresql://", 1).split("?", 1)[0]


def pg_database(url: str) -> str:
    return urlsplit(url).path.lstrip("/")


class RawDB:
    """One database, raw SQL. PostgreSQL: an asyncpg pool; SQLite: one aiosqlite connection and a
    lock around transactions (like Tortoise's SQLite client)."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.is_pg = url.startswith(("postgres://", "postgresql://"))
        self._pool: asyncpg.Pool | None = None
        self._sqlite: aiosqlite.Connection | None = None
        self._lock = asyncio.Lock()

    async def open(self, pool_size: int = 5, *, bulk: bool = False) -> RawDB:
        if self.is_pg:
            self._pool = await asyncpg.create_pool(pg_dsn(self.url), min_size=1, max_size=pool_size)
        else:
            self._sqlite = await aiosqlite.connect(sqlite_path(self.url), isolation_level=None)
            await self._sqlite.execute("PRAGMA journal_mode=WAL")
            await self._sqlite.execute("PRAGMA busy_timeout=10000")
            await self._sqlite.execute("PRAGMA foreign_keys=ON")
            if bulk:
                await self._sqlite.execute("PRAGMA synchronous=OFF")
        return self

    async def close(self) -> None:
        if self._pool is not None:
            await self._pool.close()
        if self._sqlite is not None:
            await self._sqlite.close()

    @property
    def pool(self) -> asyncpg.Pool:
        assert self._pool is not None
        return self._pool

    @property
    def sqlite(self) -> aiosqlite.Connection:
        assert self._sqlite is not None
        return self._sqlite

    async def fetch(self, sql: str, *args: object) -> list[Sequence[Any]]:
        if self.is_pg:
            return list(await self.pool.fetch(to_pg(sql), *args))
        # One hop to aiosqlite's thread (execute + fetchall + close would take three), as Tortoise does.
        return list(await self.sqlite.execute_fetchall(sql, [sqlite_value(a) for a in args]))

    async def execute(self, sql: str, *args: object) -> None:
        if self.is_pg:
            await self.pool.execute(to_pg(sql), *args)
        else:
            await self.sqlite.execute(sql, [sqlite_value(a) for a in args])

    async def insert_rows(self, table: str, columns: Sequence[str], rows: Iterable[Sequence[object]]) -> None:
        """Bulk insert: COPY on PostgreSQL, one executemany in one transaction on SQLite."""
        if self.is_pg:
            async with self.pool.acquire() as conn:
                await conn.copy_records_to_table(table, records=list(rows), columns=list(columns))
            return
        marks = ", ".join("?" for _ in columns)
        names = ", ".join(f'"{c}"' for c in columns)
        converted = [[sqlite_value(v) for v in row] for row in rows]
        async with self._lock:
            await self.sqlite.execute("BEGIN")
            try:
                await self.sqlite.executemany(f'INSERT INTO "{table}" ({names}) VALUES ({marks})', converted)
            except BaseException:
                await self.sqlite.execute("ROLLBACK")
                raise
            await self.sqlite.execute("COMMIT")

    @contextlib.asynccontextmanager
    async def transaction(self) -> AsyncIterator[Tx]:
        if self.is_pg:
            async with self.pool.acquire() as conn, conn.transaction():
                yield Tx(conn, None)
            return
        async with self._lock:
            await self.sqlite.execute("BEGIN IMMEDIATE")
            try:
                yield Tx(None, self.sqlite)
            except BaseException:
                await self.sqlite.execute("ROLLBACK")
                raise
            await self.sqlite.execute("COMMIT")


class Tx:
    """Statements inside one transaction (one pooled asyncpg connection, or the SQLite connection)."""

    def __init__(self, pg: asyncpg.Connection | None, sqlite: aiosqlite.Connection | None) -> None:
        self._pg = pg
        self._sqlite = sqlite

    async def fetch(self, sql: str, *args: object) -> list[Sequence[Any]]:
        if self._pg is not None:
            return list(await self._pg.fetch(to_pg(sql), *args))
        assert self._sqlite is not None
        return list(await self._sqlite.execute_fetchall(sql, [sqlite_value(a) for a in args]))

    async def execute(self, sql: str, *args: object) -> int:
        """Runs a statement; returns the number of rows it changed."""
        if self._pg is not None:
            status = await self._pg.execute(to_pg(sql), *args)
            tail = status.rsplit(" ", 1)[-1]
            return int(tail) if tail.isdigit() else 0
        assert self._sqlite is not None
        cursor = await self._sqlite.execute(sql, [sqlite_value(a) for a in args])  # one hop, no close
        return cursor.rowcount

    async def executemany(self, sql: str, rows: Sequence[Sequence[object]]) -> None:
        if self._pg is not None:
            await self._pg.executemany(to_pg(sql), rows)
            return
        assert self._sqlite is not None
        await self._sqlite.executemany(sql, [[sqlite_value(v) for v in row] for row in rows])


async def create_pg_database(url: str) -> None:
    """Drop and create the database of ``url`` through the ``postgres`` maintenance database."""
    name = pg_database(url)
    admin = await asyncpg.connect(pg_dsn(url).rsplit("/", 1)[0] + "/postgres")
    try:
        await admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        await admin.execute(f'CREATE DATABASE "{name}"')
    finally:
        await admin.close()


async def drop_pg_database(url: str) -> None:
    name = pg_database(url)
    admin = await asyncpg.connect(pg_dsn(url).rsplit("/", 1)[0] + "/postgres")
    try:
        await admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    finally:
        await admin.close()


async def discard_database(kind: str, url: str) -> None:
    """Drop a seeded PostgreSQL database, or delete a SQLite file with its WAL and shared memory."""
    if kind == "postgres":
        await drop_pg_database(url)
    else:
        for suffix in ("", "-wal", "-shm"):
            Path(sqlite_path(url) + suffix).unlink(missing_ok=True)
