"""Database configuration, connection lifecycle and migrations."""

from __future__ import annotations

import importlib
import pkgutil
from typing import Any

from tortoise import Tortoise
from tortoise.connection import get_connection
from tortoise.migrations.api import migrate as run_tortoise_migrations
from tortoise.migrations.recorder import MigrationRecorder

MODELS_MODULE = "lapor_gql.db.models"
MIGRATIONS_MODULE = "lapor_gql.db.migrations"


# How long a SQLite writer waits for the lock before "database is locked": a second process (the
# CLI's timer sweep, say) then queues briefly behind the server instead of failing at once.
SQLITE_BUSY_TIMEOUT_MS = 5000


def tortoise_config(database_url: str) -> dict[str, Any]:
    return {
        "connections": {"default": _with_sqlite_defaults(database_url)},
        "apps": {
            "models": {
                "models": [MODELS_MODULE],
                "default_connection": "default",
                "migrations": MIGRATIONS_MODULE,
            }
        },
        "use_tz": True,
        "timezone": "UTC",
    }


def is_sqlite(database_url: str) -> bool:
    return database_url.startswith("sqlite:")


def _with_sqlite_defaults(database_url: str) -> str:
    # Tortoise already runs SQLite in WAL mode; it sets no busy timeout.
    if not is_sqlite(database_url) or "busy_timeout=" in database_url or ":memory:" in database_url:
        return database_url
    separator = "&" if "?" in database_url else "?"
    return f"{database_url}{separator}busy_timeout={SQLITE_BUSY_TIMEOUT_MS}"


def known_migrations() -> list[str]:
    package = importlib.import_module(MIGRATIONS_MODULE)
    return sorted(
        module.name for module in pkgutil.iter_modules(package.__path__) if module.name[:4].isdigit()
    )


async def pending_migrations() -> list[str]:
    """Migrations of this code that the open database has not applied (empty: the schema is current)."""
    recorder = MigrationRecorder(get_connection("default"))
    applied = {key.name for key in await recorder.applied_migrations() if key.app_label == "models"}
    return [name for name in known_migrations() if name not in applied]


async def ping_database() -> None:
    await get_connection("default").execute_query("SELECT 1")


def _without_foreign_keys(database_url: str) -> str:
    # Tortoise rebuilds SQLite tables for ALTERs; with foreign keys on, the DROP of the old table
    # fires ON DELETE CASCADE on child tables and silently deletes their rows.
    separator = "&" if "?" in database_url else "?"
    return f"{database_url}{separator}foreign_keys=OFF"


async def open_database(database_url: str) -> None:
    # The global fallback lets request tasks, which do not inherit the lifespan's context, use the ORM.
    await Tortoise.init(config=tortoise_config(database_url), _enable_global_fallback=True)


async def close_database() -> None:
    await Tortoise.close_connections()


async def apply_migrations(database_url: str) -> None:
    """Bring the schema up to date; on SQLite, verify no foreign key was broken on the way."""
    url = _without_foreign_keys(database_url) if is_sqlite(database_url) else database_url
    try:
        await run_tortoise_migrations(config=tortoise_config(url))
        if is_sqlite(database_url):
            broken = await get_connection("default").execute_query_dict("PRAGMA foreign_key_check")
            if broken:
                raise RuntimeError(f"migration left dangling foreign keys: {broken[:5]}")
    finally:
        await Tortoise.close_connections()
