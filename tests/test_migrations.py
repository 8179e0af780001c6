"""Migrations build the schema the models describe, and no step loses a row or an index.

Tortoise rebuilds SQLite tables for most ALTERs; with foreign keys on, that rebuild silently deletes
child rows through ON DELETE CASCADE and drops the table's indexes. ``apply_migrations`` guards
against both, and this test keeps it honest for every migration added later.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from tortoise import Tortoise
from tortoise.migrations.api import migrate

from lapor_gql.config import PROJECT_ROOT
from lapor_gql.db import apply_migrations, close_database, open_database, tortoise_config
from lapor_gql.domain.demo import seed_demo_data
from lapor_gql.domain.processes import deploy_diagram_file

MIGRATIONS_DIR = PROJECT_ROOT / "lapor_gql" / "db" / "migrations"
DIAGRAM = PROJECT_ROOT / "workflows" / "report_lifecycle.bpmn"


def _migration_names() -> list[str]:
    return sorted(p.stem for p in MIGRATIONS_DIR.glob("[0-9][0-9][0-9][0-9]_*.py"))


def _shape(path: Path) -> dict[str, object]:
    """Tables with their columns, and indexes with their columns, as SQLite reports them."""
    with sqlite3.connect(path) as db:
        tables = [
            name
            for (name,) in db.execute("SELECT name FROM sqlite_master WHERE type='table' ORDER BY name")
            if not name.startswith(("sqlite_", "tortoise_migrations"))
        ]
        shape: dict[str, object] = {}
        for table in tables:
            shape[table] = sorted(row[1] for row in db.execute(f"PRAGMA table_info('{table}')"))
            for _, index, unique, *_ in db.execute(f"PRAGMA index_list('{table}')"):
                columns = [row[2] for row in db.execute(f"PRAGMA index_info('{index}')")]
                shape[f"{table} index {'unique ' if unique else ''}{columns}"] = True
        return shape


def _counts(path: Path) -> dict[str, int]:
    with sqlite3.connect(path) as db:
        tables = [
            n
            for (n,) in db.execute("SELECT name FROM sqlite_master WHERE type='table'")
            if not n.startswith("sqlite_")
        ]
        return {t: db.execute(f"SELECT count(*) FROM '{t}'").fetchone()[0] for t in tables}


async def test_migrations_on_an_empty_database_match_the_models(tmp_path: Path) -> None:
    migrated, generated = tmp_path / "migrated.sqlite3", tmp_path / "generated.sqlite3"

    await apply_migrations(f"sqlite://{migrated}")
    await Tortoise.init(config=tortoise_config(f"sqlite://{generated}"))
    try:
        await Tortoise.generate_schemas()
    finally:
        await Tortoise.close_connections()

    assert _shape(migrated) == _shape(generated)


def _fill_every_table(path: Path, rows: int = 3) -> None:
    """Put rows into every table as the schema stands, without the models (which may be newer).

    Each NOT NULL column gets a value of its type, unique columns get distinct values, and foreign
    keys point at rows 1..N of their parent, so cascades have children to delete.
    """
    with sqlite3.connect(path) as db:
        tables = [
            name
            for (name,) in db.execute("SELECT name FROM sqlite_master WHERE type='table'")
            if not name.startswith(("sqlite_", "tortoise_migrations"))
        ]
        for table in tables:
            columns = list(db.execute(f"PRAGMA table_info('{table}')"))
            foreign = {row[3] for row in db.execute(f"PRAGMA foreign_key_list('{table}')")}
            for n in range(1, rows + 1):
                names, values = [], []
                for _, column, kind, not_null, _, is_key in columns:
                    if is_key and kind.upper() == "INTEGER":
                        continue
                    kind = kind.upper()
                    if column in foreign:
                        value: object = n
                    elif not not_null:
                        continue
                    elif kind.startswith(("INT", "BIGINT", "SMALLINT")) or kind == "BOOL":
                        value = n if "INT" in kind else 0
                    elif kind.startswith(("REAL", "FLOAT", "DOUBLE", "DECIMAL")):
                        value = float(n)
                    elif kind.startswith("DATE") and not kind.startswith("DATETIME"):
                        value = f"2026-01-0{n}"
                    elif kind.startswith(("TIMESTAMP", "DATETIME")):
                        value = f"2026-01-0{n}T00:00:00+00:00"
                    elif kind.startswith("JSON"):
                        value = "{}"
                    else:
                        value = f"{table}-{column}-{n}"
                    names.append(f'"{column}"')
                    values.append(value)
                placeholders = ", ".join("?" for _ in values)
                db.execute(f'INSERT INTO "{table}" ({", ".join(names)}) VALUES ({placeholders})', values)


async def test_every_migration_step_keeps_rows_and_indexes_of_a_populated_database(tmp_path: Path) -> None:
    names = _migration_names()
    assert len(names) >= 2, "nothing to check until there are two migrations"

    for previous, step in zip(names, names[1:], strict=False):
        path = tmp_path / f"before_{step}.sqlite3"
        url = f"sqlite://{path}?foreign_keys=OFF"
        await migrate(config=tortoise_config(url), target=f"models.{previous}")
        await Tortoise.close_connections()
        _fill_every_table(path)
        counts, shape = _counts(path), _shape(path)

        await apply_migrations(f"sqlite://{path}")  # the same path `migrate` and `serve` take

        now_counts, now_shape = _counts(path), _shape(path)
        for table, rows in counts.items():
            assert now_counts.get(table, 0) >= rows, f"{step} lost rows of {table}"
        lost = [key for key in shape if " index " in key and key not in now_shape]
        assert not lost, f"{step} lost indexes {lost}"


async def test_a_seeded_database_stays_seeded_when_migrations_run_again(tmp_path: Path) -> None:
    path = tmp_path / "seeded.sqlite3"
    await apply_migrations(f"sqlite://{path}")
    await open_database(f"sqlite://{path}")
    try:
        await deploy_diagram_file(DIAGRAM)
        assert await seed_demo_data()
    finally:
        await close_database()
    counts = _counts(path)

    await apply_migrations(f"sqlite://{path}")

    assert _counts(path) == counts
    assert counts["report"] == 12
