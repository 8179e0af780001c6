"""Re-arming waiting timers when reports move to a version that changed their expression: the new due
time counts from when the step began, not from the move; without the option nothing moves."""

from __future__ import annotations

import asyncio
import json
import re
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from lapor_gql.cli import app
from lapor_gql.clock import FakeClock, system_clock
from lapor_gql.db import close_database, open_database
from lapor_gql.db.models import AuditEvent, Classification, Report, ReportEvent, ReportWorkflow
from lapor_gql.domain import processes, reports
from lapor_gql.domain.processes import Runtime
from lapor_gql.workflow import ProcessDiagram, RearmedTimer, WorkflowEngine

from .conftest import DIAGRAM, START
from .test_process_migration import FIVE_DAY_FOLLOW_UP, timer_of
from .world import World, make_world

V1_XML = DIAGRAM.read_text(encoding="utf-8")
FIVE_DAY_SILENCE = timer_of("reply_silence", "working_days(5)")
DRAFT = reports.ReportDraft(title="Jalan rusak", body="Berlubang.", classification=Classification.COMPLAINT)

# START is Monday 2 March 2026, 08:00 UTC; no holidays in the test calendar.
EARLY_FOLLOW_UP = START
LATE_FOLLOW_UP = datetime(2026, 3, 5, 8, 0, tzinfo=UTC)  # Thursday
MOVED_AT = datetime(2026, 3, 10, 10, 0, tzinfo=UTC)  # the Tuesday after

MIGRATE = """
mutation MoveReportsRearmingTimers($input: ProcessInstancesMigrateInput!) {
  processInstancesMigrate(input: $input) {
    dryRun
    movedCount
    notMovedCount
    outcomes { trackingNumber moved timers { elementId oldDueAt newDueAt countedFrom } }
    errors { field code message }
  }
}
"""


def _iso(moment: datetime) -> str:
    return moment.isoformat()


async def _awaiting_reply(rt: Runtime, world: World) -> Report:
    """A report of budi's that PU followed up now: it waits 10 working days for the reporter."""
    report = await reports.submit_report(rt, world.budi.actor, DRAFT)
    await reports.dispose_report(rt, world.admin.actor, report.id, world.pu.id, "")
    return await reports.follow_up_report(rt, world.pu_liaison.actor, report.id, "Segera kami tangani.")


async def _two_reports_awaiting_reply(rt: Runtime, clock: FakeClock, world: World) -> tuple[Report, Report]:
    """One followed up on Monday the 2nd (silence due the 16th), one on Thursday the 5th (due the 19th);
    then version 2 with 5 working days is deployed and the clock reaches the move."""
    clock.set(EARLY_FOLLOW_UP)
    early = await _awaiting_reply(rt, world)
    clock.set(LATE_FOLLOW_UP)
    late = await _awaiting_reply(rt, world)
    deployment = await processes.deploy_diagram(rt, None, FIVE_DAY_SILENCE, "5 working days of silence")
    assert deployment.definition.version == 2
    clock.set(MOVED_AT)
    return early, late


async def _migrate(gql, token: str, *, rearm: bool, dry_run: bool = False) -> dict[str, Any]:
    variables = {"input": {"fromVersion": 1, "toVersion": 2, "dryRun": dry_run, "rearmTimers": rearm}}
    return (await gql(MIGRATE, variables, token)).data["processInstancesMigrate"]


async def _due(report_id: int) -> datetime | None:
    return (await ReportWorkflow.get(report_id=report_id)).next_timer_due_at


async def test_rearming_moves_the_silence_to_five_working_days_from_when_the_step_began(
    gql, clock: FakeClock, runtime: Runtime
) -> None:
    world = await make_world(clock)
    early, late = await _two_reports_awaiting_reply(runtime, clock, world)
    assert (await _due(early.id), await _due(late.id)) == (
        datetime(2026, 3, 16, 8, 0, tzinfo=UTC),
        datetime(2026, 3, 19, 8, 0, tzinfo=UTC),
    )
    expected = {
        early.tracking_number: [
            {
                "elementId": "reply_silence",
                "oldDueAt": "2026-03-16T08:00:00+00:00",
                # Monday the 2nd + 5 working days; already past at the move.
                "newDueAt": "2026-03-09T08:00:00+00:00",
                "countedFrom": _iso(EARLY_FOLLOW_UP),
            }
        ],
        late.tracking_number: [
            {
                "elementId": "reply_silence",
                "oldDueAt": "2026-03-19T08:00:00+00:00",
                # Thursday the 5th + 5 working days (from the move it would be Tuesday the 17th).
                "newDueAt": "2026-03-12T08:00:00+00:00",
                "countedFrom": _iso(LATE_FOLLOW_UP),
            }
        ],
    }
    before = (await Report.all().order_by("id").values(), await ReportWorkflow.all().values())

    dry = await _migrate(gql, world.analyst.token, rearm=True, dry_run=True)

    assert dry["errors"] == [] and dry["dryRun"] is True
    assert {o["trackingNumber"]: o["timers"] for o in dry["outcomes"]} == expected
    assert (await Report.all().order_by("id").values(), await ReportWorkflow.all().values()) == before

    real = await _migrate(gql, world.analyst.token, rearm=True)

    assert (real["movedCount"], real["notMovedCount"]) == (2, 0)
    assert {o["trackingNumber"]: o["timers"] for o in real["outcomes"]} == expected
    assert (await _due(early.id), await _due(late.id)) == (
        datetime(2026, 3, 9, 8, 0, tzinfo=UTC),
        datetime(2026, 3, 12, 8, 0, tzinfo=UTC),
    )
    # The move changes no status by itself; its timeline entry carries the re-armed timers.
    assert [r.status for r in await Report.filter(id__in=[early.id, late.id])] == ["IN_PROGRESS"] * 2
    moved = await ReportEvent.get(report_id=early.id, action="process_migrated")
    assert moved.details == {
        "fromVersion": 1,
        "toVersion": 2,
        "timers": [
            {
                "elementId": "reply_silence",
                "oldDueAt": "2026-03-16T08:00:00+00:00",
                "newDueAt": "2026-03-09T08:00:00+00:00",
                "countedFrom": _iso(EARLY_FOLLOW_UP),
            }
        ],
    }
    audit = await AuditEvent.get(action="process_instances_migrated")
    assert audit.after == {"version": 2, "moved": 2, "notMoved": 0, "rearmedTimers": 2}

    # The report whose new due time has passed is closed by the next sweep, stamped with that time.
    assert await reports.fire_due_timers(runtime) == 1
    closed = await ReportEvent.get(report_id=early.id, action="AUTO_CLOSED")
    assert (closed.from_status, closed.to_status) == ("IN_PROGRESS", "CLOSED")
    assert (closed.details["dueAt"], closed.details["firedAt"]) == (
        "2026-03-09T08:00:00+00:00",
        _iso(MOVED_AT),
    )
    assert closed.id > moved.id
    assert (await Report.get(id=late.id)).status == "IN_PROGRESS"

    # The other one at its new due time.
    clock.set(datetime(2026, 3, 12, 8, 0, 1, tzinfo=UTC))
    assert await reports.fire_due_timers(runtime) == 1
    assert (await Report.get(id=late.id)).status == "CLOSED"


async def test_without_the_option_waiting_timers_keep_their_old_due_times(
    gql, clock: FakeClock, runtime: Runtime
) -> None:
    world = await make_world(clock)
    early, late = await _two_reports_awaiting_reply(runtime, clock, world)
    dues = (await _due(early.id), await _due(late.id))

    dry = await _migrate(gql, world.admin.token, rearm=False, dry_run=True)
    real = await _migrate(gql, world.admin.token, rearm=False)

    assert [o["timers"] for o in dry["outcomes"]] == [o["timers"] for o in real["outcomes"]] == [[], []]
    assert real["movedCount"] == 2
    assert (await _due(early.id), await _due(late.id)) == dues
    event = await ReportEvent.get(report_id=early.id, action="process_migrated")
    assert event.details == {"fromVersion": 1, "toVersion": 2}
    assert await reports.fire_due_timers(runtime) == 0


async def test_timers_whose_expression_did_not_change_are_left_alone(
    gql, clock: FakeClock, runtime: Runtime
) -> None:
    world = await make_world(clock)
    report = await reports.submit_report(runtime, world.budi.actor, DRAFT)
    disposed = await reports.dispose_report(runtime, world.admin.actor, report.id, world.pu.id, "")
    await processes.deploy_diagram(runtime, None, FIVE_DAY_SILENCE, "5 working days of silence")
    clock.advance(hours=5)

    payload = await _migrate(gql, world.admin.token, rearm=True)

    # It waits at follow-up, whose deadline and reminder are the same in both versions.
    assert [o["timers"] for o in payload["outcomes"]] == [[]]
    assert (await Report.get(id=report.id)).deadline == disposed.deadline


# --------------------------------------------------------------------------- the engine alone


def _disposed(engine: WorkflowEngine) -> str:
    v1 = ProcessDiagram.from_xml(V1_XML.encode())
    return engine.perform(engine.start(v1).state, "dispose", ["admin"], {}).state


def test_a_rearmed_deadline_moves_the_reports_deadline_and_counts_from_the_step() -> None:
    clock = FakeClock(START)
    engine = WorkflowEngine(clock=clock)
    state = _disposed(engine)
    clock.set(datetime(2026, 3, 4, 12, 0, tzinfo=UTC))  # past the reminder, before the deadline

    moved = engine.migrate(state, ProcessDiagram.from_xml(FIVE_DAY_FOLLOW_UP.encode()), rearm_timers=True)

    five_days = datetime(2026, 3, 9, 8, 0, tzinfo=UTC)
    assert moved.rearmed_timers == (
        RearmedTimer("follow_up_deadline", datetime(2026, 3, 5, 8, 0, tzinfo=UTC), five_days, START),
    )
    assert (moved.deadline, moved.is_overdue, moved.next_timer_due_at) == (five_days, False, five_days)
    # What fell due under the old version fired first, as before.
    assert [step.audit for step in moved.system_steps] == ["FOLLOW_UP_REMINDER"]


def test_a_timer_armed_before_arming_moments_were_kept_counts_from_when_its_step_began() -> None:
    """States stored before this change have no arming moment: the task before the waiting one
    completed when the step began (Spiff's wall-clock time, the engine's time in production)."""
    clock = FakeClock(START)
    engine = WorkflowEngine(clock=clock)
    state = engine.perform(_disposed(engine), "follow_up", ["liaison"], {}).state
    stored = json.loads(state)
    gateway_id, gateway = next(
        (task_id, task)
        for task_id, task in stored["tasks"].items()
        if task["task_spec"] == "awaiting_reporter"
    )
    assert gateway["internal_data"].pop("lapor_armed_at") == _iso(START)
    began = datetime(2026, 3, 3, 9, 30, tzinfo=UTC)
    stored["tasks"][gateway["parent"]]["last_state_change"] = began.timestamp()
    clock.set(MOVED_AT)

    moved = engine.migrate(
        json.dumps(stored), ProcessDiagram.from_xml(FIVE_DAY_SILENCE.encode()), rearm_timers=True
    )

    # Tuesday 09:30 UTC is 16:30 in Jakarta: five working days later, same time of day.
    assert moved.rearmed_timers == (
        RearmedTimer(
            "reply_silence",
            datetime(2026, 3, 16, 8, 0, tzinfo=UTC),
            datetime(2026, 3, 10, 9, 30, tzinfo=UTC),
            began,
        ),
    )
    assert json.loads(moved.state)["tasks"][gateway_id]["internal_data"]["lapor_armed_at"] == _iso(began)


def test_a_timer_moved_twice_still_counts_from_its_step() -> None:
    clock = FakeClock(START)
    engine = WorkflowEngine(clock=clock)
    state = engine.perform(_disposed(engine), "follow_up", ["liaison"], {}).state
    clock.set(datetime(2026, 3, 4, 8, 0, tzinfo=UTC))
    # First moved without re-arming (a comment changed), then re-armed onto the shorter silence.
    same = engine.migrate(state, ProcessDiagram.from_xml((V1_XML + "<!-- again -->").encode()))
    clock.set(datetime(2026, 3, 5, 8, 0, tzinfo=UTC))

    moved = engine.migrate(same.state, ProcessDiagram.from_xml(FIVE_DAY_SILENCE.encode()), rearm_timers=True)

    assert [(t.counted_from, t.new_due_at) for t in moved.rearmed_timers] == [
        (START, datetime(2026, 3, 9, 8, 0, tzinfo=UTC))
    ]


# --------------------------------------------------------------------------- CLI


@pytest.fixture
def database(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "cli.sqlite3"
    monkeypatch.setenv("LAPOR_DATABASE_URL", f"sqlite://{path}")
    return path


def test_cli_migrate_with_rearm_timers(database: Path, tmp_path: Path) -> None:
    runner = CliRunner()
    assert runner.invoke(app, ["migrate"]).exit_code == 0

    async def seed() -> str:
        await open_database(f"sqlite://{database}")
        try:
            # The CLI runs on the real clock, so the report is made on it too.
            return (await _awaiting_reply(Runtime(), await make_world(system_clock))).tracking_number
        finally:
            await close_database()

    number = asyncio.run(seed())
    v2 = tmp_path / "v2.bpmn"
    v2.write_text(FIVE_DAY_SILENCE, encoding="utf-8")
    assert runner.invoke(app, ["process", "deploy", str(v2)]).exit_code == 0

    dry = runner.invoke(
        app, ["process", "migrate", "--from", "1", "--to", "2", "--dry-run", "--rearm-timers"]
    )
    real = runner.invoke(app, ["process", "migrate", "--from", "1", "--to", "2", "--rearm-timers"])

    assert dry.exit_code == 0, dry.output
    lines = dry.output.splitlines()
    assert lines[0] == f"{number}: would move"
    timer = re.fullmatch(r"  timer reply_silence: (\S+) -> (\S+) \(counted from (\S+)\)", lines[1])
    assert timer is not None, lines[1]
    old, new, began = (datetime.fromisoformat(value) for value in timer.groups())
    assert began < new < old
    assert lines[2:] == ["1 report(s) would move to version 2, 0 not (dry run: nothing changed)"]
    assert real.exit_code == 0, real.output
    assert real.output.splitlines() == [
        f"{number}: moved",
        lines[1],
        "1 report(s) moved to version 2, 0 not",
    ]
    assert new - began < timedelta(days=8) < old - began
