"""The timer sweeper at scale: two sweepers never fire a timer twice, and a sweep costs what is due.

Runs on SQLite and, with LAPOR_TEST_DATABASE_URL set, on PostgreSQL, where the sweepers really
overlap on separate connections and skip the reports the other one holds.
"""

from __future__ import annotations

import asyncio
from collections import Counter
from datetime import timedelta

import pytest
from tortoise.connection import get_connection
from tortoise.transactions import in_transaction

from lapor_gql.clock import FakeClock
from lapor_gql.db.models import Classification, Notification, Report, ReportEvent
from lapor_gql.domain import reports
from lapor_gql.domain.processes import Runtime

from .query_count import count_queries
from .world import World, make_world

DRAFT = reports.ReportDraft(
    title="Lampu jalan mati", body="Sejak seminggu.", classification=Classification.COMPLAINT
)


async def _disposed_reports(rt: Runtime, world: World, count: int) -> list[int]:
    ids = []
    for _ in range(count):
        report = await reports.submit_report(rt, world.budi.actor, DRAFT)
        await reports.dispose_report(rt, world.admin.actor, report.id, world.pu.id, "")
        ids.append(report.id)
    return ids


async def test_two_sweepers_fire_every_due_timer_exactly_once(db: None, clock: FakeClock) -> None:
    world = await make_world(clock)
    # Two runtimes are two server instances: each has its own engine thread.
    first, second = Runtime(clock=clock), Runtime(clock=clock)
    report_ids = await _disposed_reports(first, world, 24)

    clock.advance(timedelta(days=4))  # past the reminder and the follow-up deadline of every report
    fired = await asyncio.gather(
        reports.fire_due_timers(first, batch_size=5), reports.fire_due_timers(second, batch_size=5)
    )

    assert sum(fired) == len(report_ids), fired
    automatic = Counter(
        (event.report_id, event.action)
        for event in await ReportEvent.filter(actor_role="SYSTEM", report_id__in=report_ids)
    )
    assert automatic == Counter(
        {(report_id, action): 1 for report_id in report_ids for action in ("FOLLOW_UP_REMINDER", "ESCALATED")}
    )
    # Per report: a reminder to the one PU liaison, the escalation to that liaison and the admin.
    timer_kinds = ["FOLLOW_UP_REMINDER", "ESCALATED"]
    queued = Notification.filter(report_id__in=report_ids, kind__in=timer_kinds)
    assert await queued.count() == 3 * len(report_ids)
    assert await Report.filter(id__in=report_ids, is_overdue=True).count() == len(report_ids)
    assert await reports.fire_due_timers(first) + await reports.fire_due_timers(second) == 0


async def test_a_sweep_costs_what_is_due_not_what_is_open(
    db: None, clock: FakeClock, runtime: Runtime
) -> None:
    world = await make_world(clock)
    await _disposed_reports(runtime, world, 3)  # Monday 08:00: reminders due Wednesday 08:00
    clock.advance(timedelta(hours=12))
    await _disposed_reports(runtime, world, 3)  # Monday 20:00: reminders due Wednesday 20:00

    with count_queries() as idle:
        assert await reports.fire_due_timers(runtime) == 0
    assert len(idle) == 1  # one indexed look at the due column

    clock.advance(timedelta(hours=36, seconds=1))  # the first three reach their reminder
    with count_queries() as three_due_among_six:
        assert await reports.fire_due_timers(runtime) == 3

    await _disposed_reports(runtime, world, 12)
    clock.advance(timedelta(hours=12))  # the second three reach their reminder
    with count_queries() as three_due_among_eighteen:
        assert await reports.fire_due_timers(runtime) == 3

    assert len(three_due_among_eighteen) == len(three_due_among_six)


async def test_a_sweeper_skips_a_report_another_one_holds_instead_of_waiting(
    db: None, clock: FakeClock, runtime: Runtime
) -> None:
    if get_connection("default").capabilities.dialect != "postgres":
        pytest.skip("row locks that others skip exist on PostgreSQL; SQLite has a single writer")
    world = await make_world(clock)
    held_id, free_id = await _disposed_reports(runtime, world, 2)
    clock.advance(timedelta(days=2, seconds=1))  # both reminders are due

    held, release = asyncio.Event(), asyncio.Event()

    async def other_sweeper_holding_one_report() -> None:
        async with in_transaction():
            await Report.filter(id=held_id).select_for_update().get()
            held.set()
            await release.wait()

    holder = asyncio.create_task(other_sweeper_holding_one_report())
    await held.wait()
    try:
        # Waiting for the lock would hang here until the timeout; skipping returns at once.
        fired = await asyncio.wait_for(reports.fire_due_timers(runtime), 10)
    finally:
        release.set()
        await holder

    assert fired == 1
    assert await ReportEvent.filter(report_id=free_id, action="FOLLOW_UP_REMINDER").count() == 1
    assert await ReportEvent.filter(report_id=held_id, action="FOLLOW_UP_REMINDER").count() == 0
    assert await reports.fire_due_timers(runtime) == 1  # its turn comes at the next sweep
