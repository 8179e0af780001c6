"""Database configuration, connection lifecycle and migrations."""

from __future__ import annotations

from typing import Any

from tortoise import Tortoise
from tortoise.connection import get_connection
from tortoise.migrations.api import migrate as run_tortoise_migrations

MODELS_MODULE = "lapor_gql.db.models"
MIGRATIONS_MODULE = "lapor_gql.db.migrations"


def tortoise_config(database_url: str) -> dict[str, Any]:
    return {
        "connections": {"default": database_url},
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
