"""Stored workflow states with the diagram spec inside (as every state was before states referenced
their diagram) are converted by ``lapor-gql migrate``; the reports then act, fire their timers, move
to a new version and are validated as before, on a third of the storage."""

from __future__ import annotations

import json
import sqlite3
from datetime import timedelta
from pathlib import Path

import pytest
from typer.testing import CliRunner

from lapor_gql.cli import app
from lapor_gql.clock import FakeClock
from lapor_gql.db.models import Classification, Report, ReportWorkflow
from lapor_gql.domain import process_migration, processes, reports
from lapor_gql.domain.processes import Runtime
from lapor_gql.domain.workflow_state_compaction import Compaction, compact_workflow_states
from lapor_gql.workflow import COMPACT_STATE_PREFIX, ProcessDiagram, Snapshot, WorkflowEngine
from lapor_gql.workflow.state_format import SpiffStateFormat

from .conftest import DIAGRAM
from .world import World, make_world

DRAFT = reports.ReportDraft(title="Jalan rusak", body="Berlubang.", classification=Classification.COMPLAINT)
KIB = 1024


def _embedded(engine: WorkflowEngine, state: str, diagram: ProcessDiagram) -> str:
    """The state as Spiff's serializer stored it before: the whole spec inside."""
    return SpiffStateFormat().dump(engine._load(state, diagram))


def _observable(snapshot: Snapshot) -> tuple[object, ...]:
    return (
        snapshot.status,
        snapshot.pending_actions,
        snapshot.deadline,
        snapshot.is_overdue,
        snapshot.next_timer_due_at,
        snapshot.is_completed,
    )


async def _reports(rt: Runtime, world: World) -> dict[str, int]:
    admin, liaison = world.admin.actor, world.pu_liaison.actor

    async def submitted() -> int:
        return (await reports.submit_report(rt, world.budi.actor, DRAFT)).id

    async def disposed() -> int:
        report_id = await submitted()
        await reports.dispose_report(rt, admin, report_id, world.pu.id, "")
        return report_id

    made = {"SUBMITTED": await submitted(), "DISPOSED": await disposed()}
    made["IN_PROGRESS"] = await disposed()
    await reports.follow_up_report(rt, liaison, made["IN_PROGRESS"], "Segera kami tangani.")
    made["CLOSED"] = await disposed()
    await reports.close_report(rt, liaison, made["CLOSED"], "Sudah diperbaiki.")
    made["ARCHIVED"] = await submitted()
    await reports.archive_report(rt, admin, made["ARCHIVED"], "Laporan ganda.")
    made["PINNED"] = await disposed()
    return made


async def test_states_with_the_spec_inside_are_converted_and_the_reports_carry_on(
    runtime: Runtime, clock: FakeClock, db: None
) -> None:
    world = await make_world(clock)
    made = await _reports(runtime, world)
    engine = runtime.engine
    diagram = await runtime.diagram_by_id(
        (await ReportWorkflow.get(report_id=made["SUBMITTED"])).definition_id
    )
    compact = {key: (await ReportWorkflow.get(report_id=report_id)).state for key, report_id in made.items()}
    assert all(state.startswith(COMPACT_STATE_PREFIX) for state in compact.values())
    before = {key: _observable(engine.inspect(state, diagram=diagram)) for key, state in compact.items()}

    # A database from before: every state embeds the spec. One embeds a spec that is not its
    # version's (as a report moved onto a version that lost elements of its history does).
    for key, report_id in made.items():
        embedded = _embedded(engine, compact[key], diagram)
        if key == "PINNED":
            document = json.loads(embedded)
            document["spec"]["task_specs"]["dispose"]["bpmn_name"] = "Disposisi (lama)"
            embedded = json.dumps(document)
        await ReportWorkflow.filter(report_id=report_id).update(state=embedded)
    legacy_bytes = sum(len(w.state) for w in await ReportWorkflow.all())

    assert await compact_workflow_states(batch_size=2) == Compaction(compacted=5, kept=1)
    assert await compact_workflow_states(batch_size=2) == Compaction(compacted=0, kept=1)  # idempotent

    stored = {key: (await ReportWorkflow.get(report_id=report_id)).state for key, report_id in made.items()}
    assert "spec" in json.loads(stored.pop("PINNED"))
    for key, state in stored.items():
        assert state.startswith(COMPACT_STATE_PREFIX), key
        assert _observable(engine.inspect(state, diagram=diagram)) == before[key], key
        assert len(state) <= 12 * KIB, key
    compact_bytes = sum(len(w.state) for w in await ReportWorkflow.all())
    assert compact_bytes < legacy_bytes / 2  # the pinned one still weighs its ~40 KiB

    # The reports act as before, the pinned one too.
    admin, liaison = world.admin.actor, world.pu_liaison.actor
    await reports.dispose_report(runtime, admin, made["SUBMITTED"], world.pu.id, "")
    await reports.follow_up_report(runtime, liaison, made["DISPOSED"], "Kami cek ke lokasi.")
    await reports.follow_up_report(runtime, liaison, made["PINNED"], "Kami cek juga.")
    await reports.reopen_report(runtime, liaison, made["CLOSED"], "Rusak lagi.")
    assert {r.id: r.status for r in await Report.filter(id__in=list(made.values()))} == {
        made["SUBMITTED"]: "DISPOSED",
        made["DISPOSED"]: "IN_PROGRESS",
        made["IN_PROGRESS"]: "IN_PROGRESS",
        made["CLOSED"]: "DISPOSED",
        made["ARCHIVED"]: "ARCHIVED",
        made["PINNED"]: "IN_PROGRESS",
    }
    # The pinned state's spec was not the diagram's: it still runs on its own.
    assert "spec" in json.loads((await ReportWorkflow.get(report_id=made["PINNED"])).state)

    # Their timers fire in the sweep: the silence after the follow-ups, the new disposition deadlines.
    clock.advance(timedelta(days=30))
    assert await reports.fire_due_timers(runtime) == 5
    assert await reports.fire_due_timers(runtime) == 0

    # They move to a new version, and the diagram validator explores as before.
    longer = DIAGRAM.read_text(encoding="utf-8").replace("working_days(3)", "working_days(4)", 1)
    assert processes.check_diagram(longer)[1] == []
    fresh = await reports.submit_report(runtime, world.budi.actor, DRAFT)
    await ReportWorkflow.filter(report_id=fresh.id).update(
        state=_embedded(engine, (await ReportWorkflow.get(report_id=fresh.id)).state, diagram)
    )
    assert await compact_workflow_states() == Compaction(compacted=1, kept=1)
    deployed = await processes.deploy_diagram(runtime, None, longer, "test")
    result = await process_migration.migrate_instances(
        runtime, None, diagram.process_id, 1, deployed.definition.version
    )
    moved = [outcome.report_id for outcome in result.outcomes if outcome.moved]
    assert fresh.id in moved and result.moved_count == len(moved)
    target = runtime.diagram_of(deployed.definition)
    for report_id in moved:
        state = (await ReportWorkflow.get(report_id=report_id)).state
        assert json.loads(state)["diagram"] == target.fingerprint
    await reports.dispose_report(runtime, admin, fresh.id, world.pu.id, "")
    assert (await Report.get(id=fresh.id)).status == "DISPOSED"


def test_lapor_gql_migrate_converts_the_states_of_a_populated_database(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "states.sqlite3"
    monkeypatch.setenv("LAPOR_DATABASE_URL", f"sqlite://{path}")
    runner = CliRunner()
    assert runner.invoke(app, ["seed-demo"]).exit_code == 0
    engine = WorkflowEngine()
    with sqlite3.connect(path) as db:
        xml, tables = db.execute("SELECT bpmn_xml, decision_tables FROM process_definition").fetchone()
        diagram = ProcessDiagram.from_xml(xml.encode(), [t.encode() for t in json.loads(tables)])
        rows = db.execute("SELECT report_id, state FROM report_workflow").fetchall()
        assert len(rows) == 12 and all(state.startswith(COMPACT_STATE_PREFIX) for _, state in rows)
        legacy = {report_id: _embedded(engine, state, diagram) for report_id, state in rows}
        db.executemany(
            "UPDATE report_workflow SET state = ? WHERE report_id = ?",
            [(state, report_id) for report_id, state in legacy.items()],
        )

    migrated = runner.invoke(app, ["migrate"])
    again = runner.invoke(app, ["migrate"])
    timers = runner.invoke(app, ["timers", "run"])

    assert migrated.exit_code == 0, migrated.output
    assert "workflow states: 12 now reference their diagram, 0 keep a spec" in migrated.output
    assert again.exit_code == 0 and "workflow states" not in again.output
    assert timers.exit_code == 0, timers.output
    with sqlite3.connect(path) as db:
        states = dict(db.execute("SELECT report_id, state FROM report_workflow").fetchall())
    assert all(state.startswith(COMPACT_STATE_PREFIX) for state in states.values())
    # What the spec weighed is gone from each state (a long history weighs more than 12 KiB on its own).
    assert all(len(legacy[report_id]) - len(state) > 25 * KIB for report_id, state in states.items())
    assert sum(len(state) for state in states.values()) / len(states) <= 12 * KIB
