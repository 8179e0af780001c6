"""What a report command sends to the database, counted in the driver (README "Performance", (f)):
a follow-up and a closure on the path production takes, with the change feed production uses (on
PostgreSQL the one between server processes, listening)."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from typing import Any

import pytest
from tortoise.connection import get_connection

from lapor_gql.clock import FakeClock
from lapor_gql.db.change_feed import PostgresNotifyChannel, is_postgres_url
from lapor_gql.db.models import Classification, Notification
from lapor_gql.domain import reports
from lapor_gql.domain.live import BroadcastChangeFeed
from lapor_gql.domain.processes import Runtime
from lapor_gql.schema.ids import encode_id

from .conftest import database_url_for_tests
from .query_count import Statements, count_queries
from .world import make_world

ON_POSTGRES = is_postgres_url(database_url_for_tests())
_PAYLOAD = """
    report {
      id trackingNumber title status statusLabel isOverdue deadline availableActions { code } agency { id }
    }
    errors { field code message }
"""
FOLLOW_UP = (
    "mutation FollowUp($id: ID!, $message: String!) {"
    "  reportFollowUp(input: {id: $id, message: $message}) {" + _PAYLOAD + "} }"
)
CLOSE = (
    "mutation Close($id: ID!, $resolution: String!) {"
    "  reportClose(input: {id: $id, resolution: $resolution}) {" + _PAYLOAD + "} }"
)


def database_params() -> dict[str, Any]:
    connection: Any = get_connection("default")
    return {
        "host": connection.host,
        "port": connection.port,
        "user": connection.user,
        "password": connection.password,
        "database": connection.database,
    }


@pytest.fixture
async def runtime(clock: FakeClock, db: None) -> AsyncIterator[Runtime]:
    if not ON_POSTGRES:
        yield Runtime(clock=clock)
        return
    feed = BroadcastChangeFeed(PostgresNotifyChannel(database_params()))
    async with feed.running():
        yield Runtime(clock=clock, changes=feed)


def _about(statements: Statements, *words: str) -> list[str]:
    return [sql for sql in statements if any(word in sql for word in words)]


async def test_a_follow_up_and_a_closure_take_few_round_trips(
    gql, clock: FakeClock, runtime: Runtime
) -> None:
    world = await make_world(clock)
    ids, keys = [], []
    for n in range(4):
        draft = reports.ReportDraft(
            title=f"Laporan {n}", body="Isi.", classification=Classification.COMPLAINT
        )
        report = await reports.submit_report(runtime, world.budi.actor, draft)
        await reports.dispose_report(runtime, world.admin.actor, report.id, world.pu.id, "")
        ids.append(encode_id("Report", report.id))
        keys.append(report.id)
    token = world.pu_liaison.token
    # Warm: the first command of a process reads the deployed diagrams and the holidays, and asyncpg
    # prepares each statement once per connection.
    warm_up = await gql(FOLLOW_UP, {"id": ids[0], "message": "Ok."}, token)
    warm_close = await gql(CLOSE, {"id": ids[3], "resolution": "Ok."}, token)
    assert warm_up.data["reportFollowUp"]["errors"] == warm_close.data["reportClose"]["errors"] == []

    with count_queries() as follow_up:
        answered = (await gql(FOLLOW_UP, {"id": ids[1], "message": "Sudah."}, token)).data["reportFollowUp"]
    with count_queries() as close:
        closed = (await gql(CLOSE, {"id": ids[2], "resolution": "Selesai."}, token)).data["reportClose"]

    assert answered["errors"] == closed["errors"] == []
    assert answered["report"]["agency"] == {"id": encode_id("Agency", world.pu.id)}
    assert (answered["report"]["status"], closed["report"]["status"]) == ("IN_PROGRESS", "CLOSED")
    # The reporter is told, by the INSERT that selects them (not a read of their own).
    told = await (
        Notification.filter(report_id__in=keys[1:3], kind__in=["follow_up", "close"])
        .order_by("id")
        .values_list("recipient_id", "kind")
    )
    assert told == [(world.budi.user.id, "follow_up"), (world.budi.user.id, "close")]
    for statements in (follow_up, close):
        # Read once per process, not per command; the payload's agency came with the lock.
        assert _about(statements, '"holiday"', '"process_definition"') == []
        assert _about(statements, 'FROM "agency"') == []
        if ON_POSTGRES:
            # token; BEGIN; lock (report, workflow, agency); report + workflow + NOTIFY; fact + open
            # round; round; fact; event; outbox; COMMIT - and the pool's reset after the token and
            # after the command.
            assert (len(statements), statements.round_trips) == (10, 12), list(statements)
            assert statements.pool_resets == 2
            assert len(_about(statements, "pg_notify")) == 1
        else:
            # No NOTIFY; the workflow's UPDATE is a statement of its own, and so is last_insert_rowid.
            assert (len(statements), statements.round_trips) == (12, 12), list(statements)


async def test_the_notify_sent_with_the_update_is_not_heard_when_the_command_rolls_back(
    gql, clock: FakeClock, runtime: Runtime, monkeypatch: pytest.MonkeyPatch
) -> None:
    if not ON_POSTGRES:
        pytest.skip("the NOTIFY rides the report's UPDATE on PostgreSQL; a local feed publishes after commit")
    world = await make_world(clock)
    ids = []
    for n in range(2):
        draft = reports.ReportDraft(
            title=f"Laporan {n}", body="Isi.", classification=Classification.COMPLAINT
        )
        report = await reports.submit_report(runtime, world.budi.actor, draft)
        await reports.dispose_report(runtime, world.admin.actor, report.id, world.pu.id, "")
        ids.append(report.id)

    async def connection_lost(*args: object, **kwargs: object) -> None:
        raise ConnectionResetError("server closed the connection unexpectedly")

    async with runtime.changes.subscribe() as changes:
        # The report and its workflow are written, with the NOTIFY; then the command fails.
        monkeypatch.setattr("lapor_gql.domain.reports._queue_notices", connection_lost)
        failed = await gql(
            FOLLOW_UP, {"id": encode_id("Report", ids[0]), "message": "Ok."}, world.pu_liaison.token
        )
        assert failed.body["errors"]
        monkeypatch.undo()
        answered = await gql(
            FOLLOW_UP, {"id": encode_id("Report", ids[1]), "message": "Ok."}, world.pu_liaison.token
        )
        assert answered.data["reportFollowUp"]["errors"] == []

        # Notifications arrive in commit order: the rolled-back one would have come first.
        heard = await asyncio.wait_for(anext(changes), 5)
    assert (heard.report_id, heard.action, heard.status) == (ids[1], "follow_up", "IN_PROGRESS")
