"""Counts what a block of code sends to the database, at the driver level, to pin the cost of hot
queries (and, in ``python -m bench``, to compare the app with the hand-written baseline).

Counted below the ORM, so nothing escapes: ``executemany`` counts one statement per row, transaction
control (BEGIN, COMMIT, ROLLBACK, SAVEPOINT, RELEASE) counts like any other statement, and queries sent
without Tortoise (raw asyncpg / aiosqlite, as the bench's baseline does) are counted the same way.

* PostgreSQL (asyncpg): the connection methods every query passes through (``execute`` without
  arguments - the simple protocol, which is how asyncpg sends BEGIN/COMMIT -, the extended-protocol
  executor behind fetch/fetchrow/fetchval/execute with arguments, and ``executemany``). A round trip is
  one of those calls, plus one per statement asyncpg had to prepare first (not in its statement cache),
  plus one per reset query the pool sends when a connection goes back to it (``pool_resets``; not a
  statement the code asked for, so not in the list).
* SQLite (aiosqlite): statements from SQLite's own trace hook (``sqlite3.Connection.set_trace_callback``:
  every statement the library runs, including each row of an ``executemany`` and the COMMIT of
  ``commit()``); a round trip is one hop to aiosqlite's worker thread.

``count_queries()`` yields a list of the statements' SQL (its length is the statement count, as the
tests pin it) with ``round_trips``, ``prepares`` and ``pool_resets`` attributes. It counts every task
of the process while it is open.
"""

from __future__ import annotations

import contextlib
import threading
import weakref
from collections.abc import Iterator
from typing import Any

import aiosqlite.core
import asyncpg.connection

from lapor_gql.schema import shadow_execution

_TRANSACTION_CONTROL = ("BEGIN", "COMMIT", "ROLLBACK", "SAVEPOINT", "RELEASE", "END")


class Statements(list[str]):
    """The SQL of each statement sent, in order, with the round trips they took."""

    def __init__(self) -> None:
        super().__init__()
        self.round_trips = 0
        self.prepares = 0
        self.pool_resets = 0
        self._lock = threading.Lock()

    def add(self, sql: str, times: int = 1) -> None:
        with self._lock:
            self.extend([sql] * times)

    def trip(self, n: int = 1) -> None:
        with self._lock:
            self.round_trips += n

    @property
    def transaction_control(self) -> int:
        return sum(1 for s in self if s.lstrip().upper().startswith(_TRANSACTION_CONTROL))

    def summary(self) -> dict[str, int]:
        return {
            "statements": len(self),
            "transaction_control": self.transaction_control,
            "round_trips": self.round_trips,
            "prepares": self.prepares,
            "pool_resets": self.pool_resets,
        }


_active: Statements | None = None


# ------------------------------------------------------------------------------------- SQLite

# aiosqlite connection -> the sqlite3 connection given the hook (sqlite3 connections take no weak refs)
_traced: weakref.WeakKeyDictionary[Any, int] = weakref.WeakKeyDictionary()


def _on_sqlite_statement(sql: str) -> None:
    counter = _active
    if counter is not None and not sql.startswith("--"):  # "--" lines: trigger bodies, not statements
        counter.add(sql)


def _sqlite_patch() -> tuple[Any, Any]:
    original = aiosqlite.core.Connection._execute

    async def _execute(self: aiosqlite.core.Connection, fn: Any, *args: Any, **kwargs: Any) -> Any:
        counter = _active
        if counter is not None:
            counter.trip()
            raw = self._connection
            if raw is not None and _traced.get(self) != id(raw):
                _traced[self] = id(raw)

                def traced(*a: Any, **kw: Any) -> Any:
                    # Runs in aiosqlite's thread, which owns the sqlite3 connection. The hook stays;
                    # it does nothing while no count is open.
                    raw.set_trace_callback(_on_sqlite_statement)
                    return fn(*a, **kw)

                return await original(self, traced, *args, **kwargs)
        return await original(self, fn, *args, **kwargs)

    return original, _execute


# ------------------------------------------------------------------------------------- asyncpg

_PG = asyncpg.connection.Connection


def _pg_patches() -> dict[str, tuple[Any, Any]]:
    execute = _PG.execute
    extended = _PG._Connection__execute  # type: ignore[attr-defined]
    many = _PG._executemany
    get_statement = _PG._get_statement

    async def execute_(self: Any, query: str, *args: Any, **kwargs: Any) -> Any:
        counter = _active
        if counter is not None and not args:  # the simple protocol: one round trip, maybe several statements
            counter.trip()
            if query == self.get_reset_query():
                counter.pool_resets += 1
            else:
                for part in (p.strip() for p in query.split(";")):
                    if part:
                        counter.add(part)
        return await execute(self, query, *args, **kwargs)

    async def extended_(self: Any, query: str, *args: Any, **kwargs: Any) -> Any:
        counter = _active
        if counter is not None:
            counter.trip()
            counter.add(query)
        return await extended(self, query, *args, **kwargs)

    async def many_(self: Any, query: str, args: Any, *rest: Any, **kwargs: Any) -> Any:
        counter = _active
        if counter is not None:
            args = list(args)
            counter.trip()  # asyncpg pipelines the rows: one Sync, one wait
            counter.add(query, len(args))
        return await many(self, query, args, *rest, **kwargs)

    async def get_statement_(self: Any, query: str, *args: Any, **kwargs: Any) -> Any:
        counter = _active
        if counter is not None and kwargs.get("use_cache", True) and not kwargs.get("named"):
            record_class = kwargs.get("record_class") or self._protocol.get_record_class()
            key = (query, record_class, kwargs.get("ignore_custom_codec", False))
            if self._stmt_cache.get(key, promote=False) is None:
                counter.prepares += 1
                counter.trip()
        return await get_statement(self, query, *args, **kwargs)

    return {
        "execute": (execute, execute_),
        "_Connection__execute": (extended, extended_),
        "_executemany": (many, many_),
        "_get_statement": (get_statement, get_statement_),
    }


@contextlib.contextmanager
def count_queries() -> Iterator[Statements]:
    global _active
    if _active is not None:
        raise RuntimeError("count_queries() does not nest")
    statements = Statements()
    sqlite_original, sqlite_wrapper = _sqlite_patch()
    pg = _pg_patches()
    aiosqlite.core.Connection._execute = sqlite_wrapper  # type: ignore[method-assign]
    for name, (_, wrapper) in pg.items():
        setattr(_PG, name, wrapper)
    _active = statements
    try:
        # The shadow mode's second run of each query (graphql-core's) is not the app's cost: not counted.
        with shadow_execution.paused():
            yield statements
    finally:
        _active = None
        aiosqlite.core.Connection._execute = sqlite_original  # type: ignore[method-assign]
        for name, (original, _) in pg.items():
            setattr(_PG, name, original)
