"""The deployed diagrams and the holidays, kept by each runtime while nothing changed (domain.catalog):
no query for them on a command, and every change seen, by this process at once and by the other
server processes through the change feed's channel."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from datetime import date
from typing import Any

import pytest
from tortoise.connection import get_connection
from tortoise.transactions import in_transaction

from lapor_gql.clock import FakeClock
from lapor_gql.db.change_feed import PostgresNotifyChannel, is_postgres_url
from lapor_gql.db.models import Holiday, HolidayKind, ProcessDefinition
from lapor_gql.db.projections import process_definition_ids
from lapor_gql.domain import catalog
from lapor_gql.domain.calendar import create_holiday, delete_holiday, working_calendar
from lapor_gql.domain.live import BroadcastChangeFeed
from lapor_gql.domain.processes import Runtime

from .conftest import database_url_for_tests
from .query_count import count_queries
from .world import make_world

PG_ONLY = pytest.mark.skipif(
    not is_postgres_url(database_url_for_tests()), reason="needs PostgreSQL: set LAPOR_TEST_DATABASE_URL"
)
SQLITE_ONLY = pytest.mark.skipif(
    is_postgres_url(database_url_for_tests()), reason="one server process: SQLite's case"
)
NYEPI = date(2026, 3, 19)
GOOD_FRIDAY = date(2026, 4, 3)


def _feed(**options: Any) -> tuple[BroadcastChangeFeed, PostgresNotifyChannel]:
    connection: Any = get_connection("default")
    params = {
        "host": connection.host,
        "port": connection.port,
        "user": connection.user,
        "password": connection.password,
        "database": connection.database,
    }
    channel = PostgresNotifyChannel(params, **options)
    return BroadcastChangeFeed(channel), channel


async def _holidays(rt: Runtime) -> frozenset[date]:
    return (await working_calendar(None, rt.catalog)).holidays


async def _definition_ids(rt: Runtime) -> set[int]:
    return await rt.catalog.read(catalog.DEFINITIONS, process_definition_ids, process_definition_ids)


async def _eventually(condition: Callable[[], Any], timeout: float = 5.0) -> None:
    async with asyncio.timeout(timeout):
        while not await condition():
            await asyncio.sleep(0.01)


async def _as_another_process_would(kind: str, write: Callable[[], Any]) -> None:
    """A write by another server process: announced with its commit, unknown to this process."""
    async with in_transaction():
        await write()
        await catalog.announce(kind)


@SQLITE_ONLY
async def test_a_change_made_here_is_seen_at_once_and_nothing_is_read_until_then(
    db: None, clock: FakeClock, runtime: Runtime
) -> None:
    world = await make_world(clock)
    assert NYEPI not in await _holidays(runtime)
    await _definition_ids(runtime)
    with count_queries() as warm:
        assert NYEPI not in await _holidays(runtime)
        await _definition_ids(runtime)
    assert list(warm) == []

    holiday = await create_holiday(runtime, world.admin.actor, NYEPI, "Nyepi", HolidayKind.NATIONAL, None)
    assert NYEPI in await _holidays(runtime)
    await delete_holiday(runtime, world.admin.actor, holiday.id)
    assert NYEPI not in await _holidays(runtime)


@PG_ONLY
async def test_a_local_feed_on_postgresql_trusts_no_copy(
    db: None, clock: FakeClock, runtime: Runtime
) -> None:
    # LAPOR_CHANGE_FEED=local hears no other server process, and PostgreSQL may have several.
    await make_world(clock)
    await _holidays(runtime)
    await _definition_ids(runtime)
    with count_queries() as again:
        await _holidays(runtime)
        await _definition_ids(runtime)
    assert len(list(again)) >= 2


@PG_ONLY
async def test_a_change_on_another_server_reaches_this_one_through_the_feed(
    db: None, clock: FakeClock
) -> None:
    feed, _channel = _feed()
    here = Runtime(clock=clock, changes=feed)
    async with feed.running():
        assert NYEPI not in await _holidays(here)
        definitions = await _definition_ids(here)
        with count_queries() as warm:
            await _holidays(here)
            await _definition_ids(here)
        assert list(warm) == []  # trusted while the feed listens: the change below must be heard

        await _as_another_process_would(
            catalog.HOLIDAYS, lambda: Holiday.create(date=NYEPI, name="Nyepi", kind="NATIONAL")
        )
        latest = await ProcessDefinition.filter(process_id="report_lifecycle").order_by("-version").first()
        assert latest is not None
        deployed: list[ProcessDefinition] = []

        async def deploy() -> None:
            deployed.append(
                await ProcessDefinition.create(
                    process_id=latest.process_id,
                    version=latest.version + 1,
                    bpmn_xml=latest.bpmn_xml,
                    decision_tables=latest.decision_tables,
                    sha256=latest.sha256,
                    note="elsewhere",
                )
            )

        await _as_another_process_would(catalog.DEFINITIONS, deploy)

        async def heard_holiday() -> bool:
            return NYEPI in await _holidays(here)

        async def heard_deploy() -> bool:
            return await _definition_ids(here) == definitions | {deployed[0].id}

        await _eventually(heard_holiday)
        await _eventually(heard_deploy)


@PG_ONLY
async def test_while_the_feed_does_not_listen_every_command_reads_again(db: None, clock: FakeClock) -> None:
    feed, channel = _feed(retry_seconds=(0.05, 0.2), health_check_seconds=0.5)
    here = Runtime(clock=clock, changes=feed)
    async with feed.running():
        assert NYEPI not in await _holidays(here)
        first_listen = channel.listening_since
        await get_connection("default").execute_query(
            "SELECT pg_terminate_backend($1)", [channel.listener_pid]
        )
        # Written while nobody listened: whatever was announced then, this process never hears it.
        await Holiday.create(date=NYEPI, name="Nyepi", kind="NATIONAL")

        async def listening_again() -> bool:
            since = channel.listening_since
            return since is not None and since != first_listen

        await _eventually(listening_again)
        # What was kept before the new LISTEN is read again.
        assert NYEPI in await _holidays(here)

    # A feed that does not listen at all: read on every call, so a change nobody announced counts.
    with count_queries() as cold:
        assert NYEPI in await _holidays(here)
    assert any('"holiday"' in sql for sql in cold)
    await Holiday.create(date=GOOD_FRIDAY, name="Jumat Agung", kind="NATIONAL")
    assert GOOD_FRIDAY in await _holidays(here)
