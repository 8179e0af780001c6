"""Many officers acting on one report at the same moment: one valid history, clear errors for the rest.

On PostgreSQL the requests really overlap on separate connections and meet at the report's row lock;
on SQLite they meet at its single writer. Either way no update may be lost or half-written.
"""

from __future__ import annotations

import asyncio
import itertools
from typing import Any

import pytest
from tortoise.connection import get_connection
from tortoise.transactions import in_transaction

from lapor_gql.clock import FakeClock
from lapor_gql.db.command_rows import LockedReport, lock_report
from lapor_gql.db.models import Classification, Report, ReportEvent, ReportFact, ReportWorkflow, Role
from lapor_gql.domain import reports
from lapor_gql.domain.processes import Runtime
from lapor_gql.schema.ids import decode_id, encode_id

from .operations import CLOSE, DISPOSE, FOLLOW_UP, REOPEN, REQUEST_NOT_AUTHORITY, SUBMIT
from .world import add_person, make_world

CLEAR_ERRORS = {"CONFLICT", "ACTION_NOT_AVAILABLE"}


async def test_fifty_concurrent_actions_by_two_liaisons_and_an_admin(
    gql: Any, clock: FakeClock, runtime: Runtime
) -> None:
    world = await make_world(clock)
    second_liaison = await add_person(world, clock, "pu_liaison_2", Role.LIAISON, world.pu)
    submitted = (
        await gql(
            SUBMIT,
            {"input": {"title": "Jembatan retak", "body": "Retak lebar.", "classification": "COMPLAINT"}},
            world.budi.token,
        )
    ).data["reportSubmit"]["report"]
    report_id = submitted["id"]
    await gql(
        DISPOSE, {"input": {"id": report_id, "agencyId": encode_id("Agency", world.pu.id)}}, world.admin.token
    )

    liaisons = [world.pu_liaison.token, second_liaison.token]
    requests: list[tuple[str, str, dict[str, object], str]] = []
    for index, liaison in zip(range(50), itertools.cycle(liaisons), strict=False):
        kind = index % 5
        if kind in (0, 1):
            requests.append((FOLLOW_UP, "reportFollowUp", {"message": f"Jawaban {index}."}, liaison))
        elif kind == 2:
            requests.append((CLOSE, "reportClose", {"resolution": f"Selesai {index}."}, liaison))
        elif kind == 3:
            requests.append((REOPEN, "reportReopen", {"reason": f"Dibuka {index}."}, world.admin.token))
        else:
            requests.append(
                (REQUEST_NOT_AUTHORITY, "reportRequestNotAuthority", {"reason": "Bukan kami."}, liaison)
            )

    async def send(operation: str, field: str, fields: dict[str, object], token: str) -> tuple[str, str]:
        result = await gql(operation, {"input": {"id": report_id, **fields}}, token)
        assert result.status_code == 200
        payload = result.data[field]  # no top-level error: nothing crashed, nobody was refused access
        if payload["errors"]:
            codes = {error["code"] for error in payload["errors"]}
            assert codes <= CLEAR_ERRORS, payload["errors"]
            assert all(error["message"] for error in payload["errors"])
            return field, codes.pop()
        return field, "OK"

    outcomes = await asyncio.gather(*(send(*request) for request in requests))

    succeeded = [field for field, outcome in outcomes if outcome == "OK"]
    assert succeeded, outcomes
    key = decode_id(report_id, "Report")
    assert key is not None
    report = await Report.get(id=key)
    events = await ReportEvent.filter(report_id=key).order_by("id")
    people = [event for event in events if event.actor_role != "SYSTEM"]
    # Every success wrote exactly one timeline entry, and every failure none.
    assert len(people) == 2 + len(succeeded)  # submit and dispose came first
    assert report.version == len(events)  # one version per recorded step: no lost update
    # The status column, the last timeline entry and the workflow state tell the same story.
    workflow = await ReportWorkflow.get(report_id=key)
    engine_view = runtime.engine.inspect(workflow.state)
    assert events[-1].to_status == report.status == engine_view.status
    assert report.pending_actions == [
        {"action": p.action, "lane": p.lane} for p in engine_view.pending_actions
    ]


async def test_a_database_error_after_the_writes_of_a_command_leaves_nothing_half_written(
    gql: Any, clock: FakeClock, runtime: Runtime, monkeypatch: Any
) -> None:
    world = await make_world(clock)
    submitted = (
        await gql(
            SUBMIT,
            {"input": {"title": "Air PDAM keruh", "body": "Sudah tiga hari.", "classification": "COMPLAINT"}},
            world.budi.token,
        )
    ).data["reportSubmit"]["report"]
    key = decode_id(submitted["id"], "Report")
    before = await Report.get(id=key)
    events_before = await ReportEvent.filter(report_id=key).count()

    async def connection_lost(*args: object, **kwargs: object) -> None:
        raise ConnectionResetError("server closed the connection unexpectedly")

    # The status, the workflow and the timeline entry are written; then the database call fails.
    monkeypatch.setattr("lapor_gql.domain.reports._queue_notices", connection_lost)
    async with runtime.changes.subscribe() as changes:
        failed = await gql(
            DISPOSE,
            {"input": {"id": submitted["id"], "agencyId": encode_id("Agency", world.pu.id)}},
            world.admin.token,
        )
        announced = [change async for change in _pending(changes)]

    assert failed.status_code == 200 and failed.body["errors"]  # a top-level error, not a success
    after = await Report.get(id=key)
    assert (after.status, after.agency_id, after.version) == (before.status, None, before.version)
    assert await ReportEvent.filter(report_id=key).count() == events_before
    assert (await ReportWorkflow.get(report_id=key)).updated_at == before.updated_at
    assert announced == []


async def _pending(changes: Any) -> Any:
    """What the feed already holds, without waiting for more."""
    while True:
        try:
            yield await asyncio.wait_for(anext(changes), 0.05)
        except TimeoutError:
            return


async def test_a_command_that_waited_for_the_lock_reads_what_the_other_one_wrote(
    db: None, clock: FakeClock, runtime: Runtime, monkeypatch: Any
) -> None:
    """PostgreSQL hands a statement that waited for a row lock the newest version of the rows it
    locks, but the rows it joins as they were when it began: the command's one locking read must not
    count with the agency the report just left, nor write back statistics read before the wait."""
    if get_connection("default").capabilities.dialect != "postgres":
        pytest.skip("row locks that make a statement wait exist on PostgreSQL; SQLite has one writer")
    world = await make_world(clock)
    draft = reports.ReportDraft(title="Got mampet", body="Banjir.", classification=Classification.COMPLAINT)
    report = await reports.submit_report(runtime, world.budi.actor, draft)
    await reports.dispose_report(runtime, world.admin.actor, report.id, world.pu.id, "")
    held, release = asyncio.Event(), asyncio.Event()

    async def another_command_moving_it_to_dinkes() -> None:
        async with in_transaction():
            locked = await Report.filter(id=report.id).select_for_update().get()
            await Report.filter(id=report.id).update(agency_id=world.dinkes.id, version=locked.version + 1)
            await ReportFact.filter(report_id=report.id).update(agency_id=world.dinkes.id, escalated=True)
            held.set()
            await release.wait()

    seen: list[LockedReport | None] = []

    async def lock_and_keep(report_id: int) -> LockedReport | None:
        seen.append(await lock_report(report_id))
        return seen[-1]

    monkeypatch.setattr(reports, "lock_report", lock_and_keep)
    other = asyncio.create_task(another_command_moving_it_to_dinkes())
    await held.wait()
    answer = asyncio.create_task(
        reports.follow_up_report(runtime, world.dinkes_liaison.actor, report.id, "Kami tangani.")
    )
    await asyncio.sleep(0.3)  # the follow-up's locking read now waits for the other command
    assert not answer.done()
    release.set()
    await other
    answered = await answer

    assert answered.agency_id == world.dinkes.id
    [locked] = seen
    assert locked is not None and locked.agency in (None, world.dinkes) and locked.agency != world.pu
    fact = await ReportFact.get(report_id=report.id)
    assert (fact.agency_id, fact.escalated) == (world.dinkes.id, True)  # not the facts before the wait
