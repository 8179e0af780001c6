"""Domain commands on a real database: timers, transactions and concurrent actions."""

from __future__ import annotations

import asyncio
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta

import pytest
from tortoise.connection import get_connection
from tortoise.transactions import in_transaction

from lapor_gql.clock import FakeClock
from lapor_gql.db.models import Classification, Notification, Report, ReportEvent, ReportWorkflow, Role, User
from lapor_gql.domain import reports
from lapor_gql.domain.changes import ReportChanged
from lapor_gql.domain.errors import ActionNotAvailable, Conflict, InvalidInput
from lapor_gql.domain.processes import Runtime

from .world import World, add_person, make_world

DRAFT = reports.ReportDraft(title="Jalan rusak", body="Berlubang.", classification=Classification.COMPLAINT)


async def _disposed(rt: Runtime, world: World) -> Report:
    report = await reports.submit_report(rt, world.budi.actor, DRAFT)
    return await reports.dispose_report(rt, world.admin.actor, report.id, world.pu.id, "")


async def _actions(report_id: int) -> list[tuple[str, str | None, str | None, bool]]:
    events = await ReportEvent.filter(report_id=report_id).order_by("id")
    return [(e.action, e.from_status, e.to_status, e.is_public) for e in events]


TIMER_KINDS = ("FOLLOW_UP_REMINDER", "ESCALATED")


async def _outbox(report_id: int, kinds: tuple[str, ...] = TIMER_KINDS) -> list[tuple[str, str]]:
    """(kind, recipient e-mail) of the report's queued notifications of these kinds, in queue order."""
    rows = (
        await Notification.filter(report_id=report_id, kind__in=kinds)
        .order_by("id")
        .prefetch_related("recipient")
    )
    assert all(row.status == "PENDING" for row in rows)
    return [(row.kind, row.recipient.email) for row in rows]


async def test_follow_up_reminds_then_escalates_once_with_notifications(
    db: None, clock: FakeClock, runtime: Runtime
) -> None:
    world = await make_world(clock)
    second_pu_liaison = await add_person(world, clock, "pu_liaison_2", Role.LIAISON, world.pu)
    retired_admin = await add_person(world, clock, "retired_admin", Role.ADMIN)
    await User.filter(id=retired_admin.user.id).update(is_active=False)
    report = await _disposed(runtime, world)
    assert report.deadline == clock() + timedelta(days=3)  # Monday + 3 working days: Thursday

    clock.advance(timedelta(days=2, seconds=1))  # one working day before the deadline
    assert await reports.fire_due_timers(runtime) == 1
    assert (await _actions(report.id))[-1] == ("FOLLOW_UP_REMINDER", "DISPOSED", "DISPOSED", False)
    assert await _outbox(report.id) == [
        ("FOLLOW_UP_REMINDER", "pu_liaison@lapor.test"),
        ("FOLLOW_UP_REMINDER", second_pu_liaison.user.email),
    ]
    assert (await Report.get(id=report.id)).is_overdue is False

    clock.set(report.deadline)
    assert await reports.fire_due_timers(runtime) == 0  # due is not yet past due

    clock.advance(timedelta(seconds=1))
    assert await reports.fire_due_timers(runtime) == 1
    assert await reports.fire_due_timers(runtime) == 0  # nothing fires twice

    report = await Report.get(id=report.id)
    assert (report.status, report.is_overdue) == ("DISPOSED", True)
    assert set(reports.available_actions(world.pu_liaison.actor, report)) == {
        "follow_up",
        "request_not_authority",
        "close",
    }
    assert (await _actions(report.id))[-1] == ("ESCALATED", "DISPOSED", "DISPOSED", False)
    # The agency's liaisons and every active admin; nobody at other agencies, no inactive account.
    assert (await _outbox(report.id))[2:] == [
        ("ESCALATED", "pu_liaison@lapor.test"),
        ("ESCALATED", second_pu_liaison.user.email),
        ("ESCALATED", "admin@lapor.test"),
    ]
    escalation = await Notification.filter(report_id=report.id, kind="ESCALATED").first()
    assert escalation is not None
    assert escalation.payload["trackingNumber"] == report.tracking_number
    assert escalation.payload["deadline"] == report.deadline.isoformat()
    overdue = await reports.list_reports(world.admin.actor, reports.ReportFilter(is_overdue=True), 10, None)
    assert [r.id for r in overdue.reports] == [report.id]

    # Answering late still works and clears the overdue flag of the step that is now done.
    report = await reports.follow_up_report(runtime, world.pu_liaison.actor, report.id, "Maaf terlambat.")
    assert (report.status, report.is_overdue, report.deadline) == ("IN_PROGRESS", False, None)
    assert len(await _outbox(report.id)) == 5  # a person acting queues nothing here


async def test_notifications_roll_back_with_the_step_that_queued_them(
    db: None, clock: FakeClock, runtime: Runtime
) -> None:
    world = await make_world(clock)
    report = await _disposed(runtime, world)
    clock.advance(timedelta(days=4))
    state_before = (await ReportWorkflow.get(report_id=report.id)).state

    class Boom(Exception):
        pass

    with pytest.raises(Boom):
        async with in_transaction():
            locked = await Report.filter(id=report.id).select_for_update().get()
            state = await ReportWorkflow.filter(report_id=report.id).select_for_update().get()
            await reports._fire_locked(runtime, locked, state, clock())
            assert len(await _outbox(report.id)) == 3
            raise Boom

    assert await _outbox(report.id) == []
    assert (await ReportWorkflow.get(report_id=report.id)).state == state_before
    assert await reports.fire_due_timers(runtime) == 1
    # A sweep this late fires the reminder and the escalation in one go.
    assert sorted(kind for kind, _ in await _outbox(report.id)) == ["ESCALATED"] * 2 + ["FOLLOW_UP_REMINDER"]


async def test_reporter_silence_closes_the_report_after_ten_days(
    db: None, clock: FakeClock, runtime: Runtime
) -> None:
    world = await make_world(clock)
    report = await _disposed(runtime, world)
    await reports.follow_up_report(runtime, world.pu_liaison.actor, report.id, "Sudah ditangani.")

    clock.advance(timedelta(days=10, seconds=1))
    assert await reports.fire_due_timers(runtime) == 0  # ten calendar days are not ten working days
    clock.advance(timedelta(days=4))  # Monday two weeks on: the 10th working day has passed
    assert await reports.fire_due_timers(runtime) == 1

    report = await Report.get(id=report.id)
    assert report.status == "CLOSED"
    assert (await _actions(report.id))[-1] == ("AUTO_CLOSED", "IN_PROGRESS", "CLOSED", True)

    report = await reports.reopen_report(runtime, world.pu_liaison.actor, report.id, "Perlu dicek ulang.")
    assert report.status == "DISPOSED"
    assert report.deadline == clock() + timedelta(days=3)


async def test_a_reply_stops_the_silence_timer_and_gives_the_agency_a_deadline(
    db: None, clock: FakeClock, runtime: Runtime
) -> None:
    world = await make_world(clock)
    report = await _disposed(runtime, world)
    await reports.follow_up_report(runtime, world.pu_liaison.actor, report.id, "Sudah ditangani.")
    clock.advance(timedelta(days=11))  # Friday of the next week: the 9th working day
    report = await reports.reply_to_report(runtime, world.budi.actor, report.id, "Belum beres.")

    clock.advance(timedelta(days=4))  # Tuesday: past the 10th working day
    assert await reports.fire_due_timers(runtime) == 0  # the silence timer was left behind with the reply
    assert report.deadline == clock() + timedelta(days=1)  # Friday + 3 working days = Wednesday


async def test_due_timers_are_found_through_the_indexed_column(
    db: None, clock: FakeClock, runtime: Runtime
) -> None:
    world = await make_world(clock)
    report = await _disposed(runtime, world)
    workflow = await ReportWorkflow.get(report_id=report.id)
    assert workflow.next_timer_due_at == clock() + timedelta(days=2)  # the reminder comes first

    # A report whose due column says "nothing due" is not looked at, whatever its state holds.
    await ReportWorkflow.filter(report_id=report.id).update(next_timer_due_at=None)
    clock.advance(timedelta(days=30))
    assert await reports.fire_due_timers(runtime) == 0


async def test_an_action_that_is_not_available_rolls_back_everything(
    db: None, clock: FakeClock, runtime: Runtime
) -> None:
    world = await make_world(clock)
    report = await _disposed(runtime, world)
    before = (await ReportWorkflow.get(report_id=report.id)).state

    with pytest.raises(ActionNotAvailable):
        await reports.reply_to_report(runtime, world.budi.actor, report.id, "Halo?")

    assert (await ReportWorkflow.get(report_id=report.id)).state == before
    assert [a[0] for a in await _actions(report.id)] == ["submit", "dispose"]


async def test_a_stale_version_is_a_conflict_and_writes_nothing(
    db: None, clock: FakeClock, runtime: Runtime
) -> None:
    world = await make_world(clock)
    report = await _disposed(runtime, world)
    state_before = (await ReportWorkflow.get(report_id=report.id)).state
    snapshot = runtime.engine.perform(state_before, "follow_up", {"liaison"}, {})

    await Report.filter(id=report.id).update(version=report.version + 1)  # someone else committed first
    with pytest.raises(Conflict):
        async with in_transaction():
            await reports._store(
                report, await ReportWorkflow.get(report_id=report.id), snapshot, clock(), None
            )

    assert (await ReportWorkflow.get(report_id=report.id)).state == state_before


async def test_concurrent_follow_ups_and_close_leave_one_consistent_history(
    db: None, clock: FakeClock, runtime: Runtime
) -> None:
    world = await make_world(clock)
    report = await _disposed(runtime, world)
    await reports.follow_up_report(runtime, world.pu_liaison.actor, report.id, "Pertama.")

    async def attempt(index: int) -> str:
        try:
            if index % 5 == 0:
                await reports.close_report(runtime, world.pu_liaison.actor, report.id, f"Selesai {index}.")
            else:
                await reports.follow_up_report(
                    runtime, world.pu_liaison.actor, report.id, f"Jawaban {index}."
                )
        except (ActionNotAvailable, Conflict) as error:
            return error.code
        return "OK"

    outcomes = await asyncio.gather(*(attempt(i) for i in range(20)))

    report = await Report.get(id=report.id)
    events = await ReportEvent.filter(report_id=report.id).order_by("id")
    assert set(outcomes) <= {"OK", "ACTION_NOT_AVAILABLE", "CONFLICT"}
    assert outcomes.count("OK") == len(events) - 3  # submit, dispose and the first follow-up came before
    assert events[-1].to_status == report.status
    assert report.version == len(events)  # one version per recorded step
    closes = [e for e in events if e.action == "close"]
    assert len(closes) <= 1
    assert report.status == ("CLOSED" if closes else "IN_PROGRESS")


async def test_one_broken_report_does_not_stop_the_others_timers(
    db: None, clock: FakeClock, runtime: Runtime
) -> None:
    world = await make_world(clock)
    broken = await _disposed(runtime, world)
    healthy = await _disposed(runtime, world)
    await ReportWorkflow.filter(report_id=broken.id).update(state='{"not": "a workflow"}')

    clock.advance(timedelta(days=3, seconds=1))
    assert await reports.fire_due_timers(runtime) == 1

    assert (await Report.get(id=healthy.id)).is_overdue is True
    assert (await Report.get(id=broken.id)).is_overdue is False  # still due, retried next sweep


async def test_timers_due_before_an_action_are_recorded_as_the_sweeper_would(
    db: None, clock: FakeClock, runtime: Runtime
) -> None:
    world = await make_world(clock)
    report = await _disposed(runtime, world)
    await reports.follow_up_report(runtime, world.pu_liaison.actor, report.id, "Sudah ditangani.")

    clock.advance(timedelta(days=15))  # 11 working days: the reporter stayed silent; no sweep has run yet
    report = await reports.reopen_report(runtime, world.pu_liaison.actor, report.id, "Ternyata belum beres.")

    assert report.status == "DISPOSED"
    assert (await _actions(report.id))[-2:] == [
        ("AUTO_CLOSED", "IN_PROGRESS", "CLOSED", True),
        ("reopen", "CLOSED", "DISPOSED", True),
    ]


async def test_today_in_eastern_indonesia_is_not_a_future_incident_date(
    db: None, clock: FakeClock, runtime: Runtime
) -> None:
    world = await make_world(clock)
    clock.set(datetime(2026, 3, 2, 22, 0, tzinfo=UTC))  # already 3 March in Jayapura (UTC+9)

    today_there = replace(DRAFT, incident_date=date(2026, 3, 3))
    report = await reports.submit_report(runtime, world.budi.actor, today_there)
    assert report.incident_date == date(2026, 3, 3)

    with pytest.raises(InvalidInput):
        await reports.submit_report(runtime, world.budi.actor, replace(DRAFT, incident_date=date(2026, 3, 4)))


async def test_no_clock_runs_while_a_report_is_on_hold(db: None, clock: FakeClock, runtime: Runtime) -> None:
    world = await make_world(clock)
    report = await reports.submit_report(runtime, world.budi.actor, DRAFT)
    clock.advance(timedelta(days=1))
    report = await reports.hold_report(runtime, world.admin.actor, report.id, "Menunggu data pendukung.")
    assert (report.status, report.deadline, report.is_overdue) == ("ON_HOLD", None, False)
    assert (await ReportWorkflow.get(report_id=report.id)).next_timer_due_at is None

    clock.advance(timedelta(days=30))  # a month on hold: nothing is due, nobody is reminded
    assert await reports.fire_due_timers(runtime) == 0
    assert await _outbox(report.id) == []

    resumed = clock()  # Thursday
    report = await reports.resume_report(runtime, world.admin.actor, report.id, "")
    assert report.status == "SUBMITTED"
    # The verification clock starts again from the resumption: 3 working days, over the weekend.
    assert (report.deadline, report.is_overdue) == (resumed + timedelta(days=5), False)


async def test_the_diagram_says_who_hears_of_each_action_officers_not_of_their_own(
    db: None, clock: FakeClock, runtime: Runtime
) -> None:
    world = await make_world(clock)
    report = await reports.submit_report(runtime, world.budi.actor, DRAFT)
    # A receipt with the tracking number, though budi submitted it himself.
    assert await _outbox(report.id, ("submitted",)) == [("submitted", "budi@lapor.test")]

    anonymous_report, _code = await reports.submit_report_without_account(runtime, DRAFT)
    assert await Notification.filter(report_id=anonymous_report.id).count() == 0  # no address to reach

    await reports.dispose_report(runtime, world.admin.actor, report.id, world.pu.id, "")
    assert await _outbox(report.id, ("dispose",)) == [
        ("dispose", "pu_liaison@lapor.test"),
        ("dispose", "budi@lapor.test"),
    ]
    await reports.follow_up_report(runtime, world.pu_liaison.actor, report.id, "Sudah diperbaiki.")
    await reports.close_report(runtime, world.pu_liaison.actor, report.id, "Selesai.")
    await reports.reopen_report(runtime, world.pu_liaison.actor, report.id, "Perlu dicek ulang.")
    assert await _outbox(report.id, ("follow_up", "close", "reopen")) == [
        ("follow_up", "budi@lapor.test"),
        ("close", "budi@lapor.test"),
        ("reopen", "budi@lapor.test"),  # the liaison who reopened is not told of it
    ]
    receipt = await Notification.filter(report_id=report.id, kind="submitted").first()
    assert receipt is not None
    assert receipt.payload["trackingNumber"] == report.tracking_number


async def test_changes_are_announced_after_commit_and_never_for_rolled_back_work(
    db: None, clock: FakeClock, runtime: Runtime
) -> None:
    world = await make_world(clock)
    publish = runtime.changes.publish
    connections_at_publish: list[str] = []

    async def recording_publish(change: ReportChanged) -> None:
        # Inside a transaction the ORM hands out its transaction wrapper instead of the plain client.
        connections_at_publish.append(type(get_connection("default")).__name__)
        await publish(change)

    runtime.changes.publish = recording_publish  # type: ignore[method-assign]
    async with runtime.changes.subscribe() as changes:
        report = await reports.submit_report(runtime, world.budi.actor, DRAFT)
        assert await asyncio.wait_for(anext(changes), 1) == ReportChanged(
            report.id, "submit", "SUBMITTED", ()
        )

        with pytest.raises(ActionNotAvailable):
            await reports.reply_to_report(runtime, world.budi.actor, report.id, "Halo?")
        await reports.dispose_report(runtime, world.admin.actor, report.id, world.dinkes.id, "")
        await reports.request_not_authority(
            runtime, world.dinkes_liaison.actor, report.id, "Bukan kami.", None
        )
        await reports.resolve_not_authority(runtime, world.admin.actor, report.id, True, world.pu.id, "")
        clock.advance(timedelta(days=2, seconds=1))
        await reports.fire_due_timers(runtime)

        announced = [await asyncio.wait_for(anext(changes), 1) for _ in range(4)]
    assert announced == [
        ReportChanged(report.id, "dispose", "DISPOSED", (world.dinkes.id,)),
        ReportChanged(report.id, "request_not_authority", "NOT_AUTHORITY_REQUESTED", (world.dinkes.id,)),
        ReportChanged(report.id, "resolve_not_authority", "DISPOSED", (world.dinkes.id, world.pu.id)),
        ReportChanged(report.id, "FOLLOW_UP_REMINDER", "DISPOSED", (world.pu.id,), "Reminder"),
    ]
    assert len(connections_at_publish) == 5
    assert not any("Transaction" in name for name in connections_at_publish)  # all after commit
