"""What the seeded database takes on disk, read from the database itself: the workflow state per
report (its text as the app writes it, and on PostgreSQL as stored, after TOAST compression), the
``report_workflow`` table with its indexes (and TOAST), and the whole database.

PostgreSQL: ``octet_length`` / ``pg_column_size`` of the states, ``pg_total_relation_size``,
``pg_database_size``. SQLite: the states' byte length, the pages of the table and its indexes from
the ``dbstat`` virtual table (a compile-time option; None where it is missing), and the size of the
file after a WAL checkpoint.
"""

from __future__ import annotations

import os
from typing import Any

from .rawdb import RawDB, sqlite_path


async def storage(url: str) -> dict[str, Any]:
    raw = await RawDB(url).open(pool_size=1)
    try:
        if raw.is_pg:
            count, text_avg, stored_avg = (
                await raw.fetch(
                    "SELECT count(*), avg(octet_length(state)), avg(pg_column_size(state))"
                    " FROM report_workflow"
                )
            )[0]
            table, database = (
                await raw.fetch(
                    "SELECT pg_total_relation_size('report_workflow'), pg_database_size(current_database())"
                )
            )[0]
        else:
            count, text_avg = (
                await raw.fetch("SELECT count(*), avg(length(CAST(state AS BLOB))) FROM report_workflow")
            )[0]
            stored_avg = text_avg  # SQLite stores the text as it is
            try:
                table = (
                    await raw.fetch(
                        "SELECT SUM(pgsize) FROM dbstat WHERE name IN (SELECT name FROM sqlite_master"
                        " WHERE tbl_name = 'report_workflow')"
                    )
                )[0][0]
            except Exception:  # noqa: BLE001 - dbstat is a compile-time option of SQLite
                table = None
            # Fold the WAL into the file, so the file's size is the database's.
            await raw.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            path = sqlite_path(url)
            database = sum(os.path.getsize(p) for p in (path, f"{path}-wal") if os.path.exists(p))
    finally:
        await raw.close()
    return {
        "workflows": int(count),
        "state_bytes_avg": round(float(text_avg or 0)),
        "state_stored_bytes_avg": round(float(stored_avg or 0)),
        "workflow_table_bytes": None if table is None else int(table),
        "database_bytes": int(database),
    }
