"""Counts the SQL statements a block of code sends, to pin the cost of hot queries."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from typing import Any

from tortoise.connection import get_connection

_METHODS = ("execute_query", "execute_query_dict", "execute_insert", "execute_many", "execute_script")


@contextlib.contextmanager
def count_queries() -> Iterator[list[str]]:
    client_class = type(get_connection("default"))
    statements: list[str] = []
    originals = {name: getattr(client_class, name) for name in _METHODS}

    def counting(name: str) -> Any:
        original = originals[name]

        async def wrapper(self: Any, query: str, *args: Any, **kwargs: Any) -> Any:
            statements.append(query)
            return await original(self, query, *args, **kwargs)

        return wrapper

    for name in _METHODS:
        setattr(client_class, name, counting(name))
    try:
        yield statements
    finally:
        for name, original in originals.items():
            setattr(client_class, name, original)
