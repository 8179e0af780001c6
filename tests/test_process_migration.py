"""Moving running reports to a newer version of the process diagram: engine, domain, GraphQL and CLI."""

from __future__ import annotations

import asyncio
import random
import re
import sqlite3
from dataclasses import replace
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
from lapor_gql.schema.ids import encode_id
from lapor_gql.workflow import MigrationRefused, ProcessDiagram, Snapshot, WorkflowEngine

from .conftest import DIAGRAM
from .operations import PROCESS_INSTANCES_MIGRATE
from .world import World, make_world

V1_XML = DIAGRAM.read_text(encoding="utf-8")
DRAFT = reports.ReportDraft(title="Jalan rusak", body="Berlubang.", classification=Classification.COMPLAINT)
LIAISON_LANES = ["liaison"]

TIMELINE = """
query MigratedReportTimeline($id: ID!) {
  report(id: $id) { timeline { action actionLabel actorRole fromStatus toStatus } }
}
"""


# --------------------------------------------------------------------------- edited diagrams


def timer_of(element_id: str, expression: str, xml: str = V1_XML) -> str:
    """The diagram with one timer element's expression replaced."""
    edited, count = re.subn(
        rf'(<bpmn:timerEventDefinition id="{element_id}_definition">\s*<bpmn:time\w+[^>]*>)[^<]*',
        rf"\g<1>{expression}",
        xml,
        count=1,
    )
    assert count == 1, element_id
    return edited


def renamed(element_id: str, new_id: str, xml: str = V1_XML) -> str:
    """The diagram with one element's id changed in every reference: a removal plus an addition."""
    edited, count = re.subn(rf"([\"'>]){element_id}([\"'<])", rf"\g<1>{new_id}\g<2>", xml)
    assert count > 3, element_id
    return edited


def with_boundary_timer(host: str, element_id: str, expression: str, audit: str, lane: str, xml: str) -> str:
    """The diagram with one more non-interrupting timer on ``host``, leading to an end event."""
    elements = f"""
    <bpmn:boundaryEvent id="{element_id}" name="Added timer" attachedToRef="{host}" cancelActivity="false">
      <bpmn:extensionElements>
        <spiffworkflow:properties>
          <spiffworkflow:property name="audit" value="{audit}" />
          <spiffworkflow:property name="audit_label_id" value="Langkah {audit}" />
          <spiffworkflow:property name="audit_label_en" value="Step {audit}" />
        </spiffworkflow:properties>
      </bpmn:extensionElements>
      <bpmn:outgoing>f_{element_id}</bpmn:outgoing>
      <bpmn:timerEventDefinition id="{element_id}_definition">
        <bpmn:timeDate xsi:type="bpmn:tFormalExpression">{expression}</bpmn:timeDate>
      </bpmn:timerEventDefinition>
    </bpmn:boundaryEvent>
    <bpmn:endEvent id="{element_id}_end" name="Added timer ran out">
      <bpmn:incoming>f_{element_id}</bpmn:incoming>
    </bpmn:endEvent>
    <bpmn:sequenceFlow id="f_{element_id}" sourceRef="{element_id}" targetRef="{element_id}_end" />
    """
    lane_start = f'<bpmn:lane id="lane_{lane}" name="{lane}">'
    refs = "".join(f"<bpmn:flowNodeRef>{ref}</bpmn:flowNodeRef>" for ref in (element_id, f"{element_id}_end"))
    assert xml.count(lane_start) == 1 and xml.count("</bpmn:process>") == 1
    return xml.replace(lane_start, lane_start + refs).replace("</bpmn:process>", elements + "</bpmn:process>")


FIVE_DAY_FOLLOW_UP = timer_of("follow_up_deadline", "working_days(5)")
# The reporter's reply is now answered at a step with another id: reports waiting at the old one cannot move.
ANSWER_RENAMED = renamed("answer_reply", "answer_reporter", FIVE_DAY_FOLLOW_UP)


def test_edited_diagrams_pass_every_check() -> None:
    for xml in (FIVE_DAY_FOLLOW_UP, ANSWER_RENAMED):
        assert processes.check_diagram(xml)[1] == []
    added = with_boundary_timer(
        "follow_up", "follow_up_second_look", "working_days(1)", "SECOND_LOOK", "liaison", V1_XML
    )
    assert processes.check_diagram(added)[1] == []


# --------------------------------------------------------------------------- helpers


async def _report_in(rt: Runtime, world: World, state: str) -> Report:
    """A report of budi's, disposed to PU where it gets that far, brought to ``state``."""
    admin, liaison = world.admin.actor, world.pu_liaison.actor
    report = await reports.submit_report(rt, world.budi.actor, DRAFT)
    if state == "SUBMITTED":
        return report
    if state == "ARCHIVED":
        return await reports.archive_report(rt, admin, report.id, "Laporan ganda.")
    report = await reports.dispose_report(rt, admin, report.id, world.pu.id, "")
    if state == "DISPOSED":
        return report
    if state == "NOT_AUTHORITY_REQUESTED":
        return await reports.request_not_authority(rt, liaison, report.id, "Bukan kewenangan kami.", None)
    if state == "CLOSED":
        return await reports.close_report(rt, liaison, report.id, "Sudah diperbaiki.")
    report = await reports.follow_up_report(rt, liaison, report.id, "Segera kami tangani.")
    if state == "IN_PROGRESS":  # awaiting the reporter
        return report
    assert state == "ANSWERING"  # the reporter replied; the liaison answers next
    return await reports.reply_to_report(rt, world.budi.actor, report.id, "Terima kasih.")


async def _deploy(rt: Runtime, xml: str) -> int:
    deployment = await processes.deploy_diagram(rt, None, xml, "test")
    assert deployment.created
    return deployment.definition.version


async def _migrate(
    gql, token: str | None, from_version: int, to_version: int, *, dry_run: bool = False, language: str = "id"
) -> dict[str, Any]:
    variables = {"input": {"fromVersion": from_version, "toVersion": to_version, "dryRun": dry_run}}
    return (await gql(PROCESS_INSTANCES_MIGRATE, variables, token, language)).data["processInstancesMigrate"]


async def _rows(report_id: int) -> tuple[dict[str, Any], dict[str, Any], int]:
    """The report's row, its workflow's row (state included) and its number of timeline events."""
    report = (await Report.filter(id=report_id).values())[0]
    flow = (await ReportWorkflow.filter(report_id=report_id).values())[0]
    return report, flow, await ReportEvent.filter(report_id=report_id).count()


async def _version_of(report_id: int) -> int:
    return (await (await ReportWorkflow.get(report_id=report_id)).definition).version


async def _events(report_id: int, action: str) -> list[ReportEvent]:
    return await ReportEvent.filter(report_id=report_id, action=action).order_by("id")


# --------------------------------------------------------------------------- moving, via GraphQL


async def test_running_reports_move_keep_their_deadlines_and_then_follow_the_new_version(
    gql, clock: FakeClock, runtime: Runtime
) -> None:
    world = await make_world(clock)
    states = ("SUBMITTED", "DISPOSED", "IN_PROGRESS", "CLOSED", "ARCHIVED")
    made = {state: await _report_in(runtime, world, state) for state in states}
    clock.advance(timedelta(hours=2))  # the move comes later than the deadlines were set
    before = {state: await _rows(report.id) for state, report in made.items()}
    assert await _deploy(runtime, FIVE_DAY_FOLLOW_UP) == 2

    payload = await _migrate(gql, world.admin.token, 1, 2, language="en")

    assert payload["errors"] == [] and payload["dryRun"] is False
    assert (payload["movedCount"], payload["notMovedCount"]) == (4, 1)
    outcomes = {o["trackingNumber"]: o for o in payload["outcomes"]}
    assert set(outcomes) == {report.tracking_number for report in made.values()}
    archived = made["ARCHIVED"]
    assert outcomes[archived.tracking_number] == {
        "reportId": encode_id("Report", archived.id),
        "trackingNumber": archived.tracking_number,
        "moved": False,
        "reason": "completed; finished reports stay on their version",
        "elementIds": [],
    }
    assert await _rows(archived.id) == before["ARCHIVED"]
    assert await _version_of(archived.id) == 1 and not await _events(archived.id, "process_migrated")

    for state in ("SUBMITTED", "DISPOSED", "IN_PROGRESS", "CLOSED"):
        report_id = made[state].id
        old_report, old_flow, _count = before[state]
        report = await Report.get(id=report_id)
        flow = await ReportWorkflow.get(report_id=report_id)
        assert outcomes[report.tracking_number]["moved"] is True
        assert outcomes[report.tracking_number]["reason"] is None
        assert (report.status, report.pending_actions) == (state, old_report["pending_actions"])
        assert report.deadline == old_report["deadline"], state
        assert flow.next_timer_due_at == old_flow["next_timer_due_at"], state
        assert report.version == old_report["version"] + 1
        assert await _version_of(report_id) == 2
        events = await _events(report_id, "process_migrated")
        assert [
            (e.actor_id, e.actor_role, e.from_status, e.to_status, e.is_public, e.details) for e in events
        ] == [(world.admin.user.id, "ADMIN", state, state, False, {"fromVersion": 1, "toVersion": 2})]
    # The deadline that was running when the report moved is the old one: three working days.
    assert made["DISPOSED"].deadline == datetime(2026, 3, 5, 8, 0, tzinfo=UTC)
    assert (await Report.get(id=made["DISPOSED"].id)).deadline == made["DISPOSED"].deadline

    # The next deadlines are set by version 2: five working days (Monday 10:00 → next Monday 10:00).
    disposed = await reports.dispose_report(runtime, world.admin.actor, made["SUBMITTED"].id, world.pu.id, "")
    reopened = await reports.reopen_report(runtime, world.pu_liaison.actor, made["CLOSED"].id, "Rusak lagi.")
    assert disposed.deadline == reopened.deadline == clock() + timedelta(days=7)

    timeline = (await gql(TIMELINE, {"id": encode_id("Report", made["DISPOSED"].id)}, world.admin.token)).data
    assert {
        "action": "process_migrated",
        "actionLabel": "Dipindahkan ke versi proses baru",
        "actorRole": "ADMIN",
        "fromStatus": "DISPOSED",
        "toStatus": "DISPOSED",
    } in timeline["report"]["timeline"]
    public = (await gql(TIMELINE, {"id": encode_id("Report", made["DISPOSED"].id)})).data
    assert "process_migrated" not in [e["action"] for e in public["report"]["timeline"]]
    audit = await AuditEvent.get(action="process_instances_migrated")
    assert (audit.actor_id, audit.after) == (world.admin.user.id, {"version": 2, "moved": 4, "notMoved": 1})


async def test_a_report_waiting_at_a_removed_element_stays_exactly_as_it_was(
    gql, clock: FakeClock, runtime: Runtime
) -> None:
    world = await make_world(clock)
    answering = await _report_in(runtime, world, "ANSWERING")  # waits at answer_reply
    answered = await _report_in(runtime, world, "ANSWERING")
    await reports.follow_up_report(runtime, world.pu_liaison.actor, answered.id, "Sudah kami jadwalkan.")
    disposed = await _report_in(runtime, world, "DISPOSED")
    await _deploy(runtime, FIVE_DAY_FOLLOW_UP)
    assert (await _migrate(gql, world.admin.token, 1, 2))["movedCount"] == 3
    assert await _deploy(runtime, ANSWER_RENAMED) == 3
    before = await _rows(answering.id)

    payload = await _migrate(gql, world.analyst.token, 2, 3, language="en")

    outcomes = {o["trackingNumber"]: o for o in payload["outcomes"]}
    assert outcomes[answering.tracking_number] == {
        "reportId": encode_id("Report", answering.id),
        "trackingNumber": answering.tracking_number,
        "moved": False,
        "reason": "waiting at 'answer_reply', which version 3 no longer has",
        "elementIds": ["answer_reply"],
    }
    assert outcomes[answered.tracking_number]["moved"] is True
    assert outcomes[disposed.tracking_number]["moved"] is True
    assert (payload["movedCount"], payload["notMovedCount"]) == (2, 1)
    assert await _rows(answering.id) == before  # row, state, version and timeline: untouched
    assert await _version_of(answering.id) == 2
    event = (await _events(answered.id, "process_migrated"))[-1]
    assert (event.actor_role, event.details) == ("ANALYST", {"fromVersion": 2, "toVersion": 3})

    # The report that had passed the old step moved with its history; its next reply waits at the new step.
    replied = await reports.reply_to_report(runtime, world.budi.actor, answered.id, "Masih berlubang.")
    assert (replied.status, replied.pending_actions[0]["action"]) == ("IN_PROGRESS", "follow_up")
    waiting = runtime.engine.inspect((await ReportWorkflow.get(report_id=answered.id)).state)
    assert "answer_reporter" in [p.element_id for p in waiting.pending_actions]
    answered_again = await reports.follow_up_report(runtime, world.pu_liaison.actor, answered.id, "Besok.")
    assert answered_again.status == "IN_PROGRESS"
    # The report that stayed still runs on version 2.
    still = await reports.follow_up_report(
        runtime, world.pu_liaison.actor, answering.id, "Sudah kami jadwalkan."
    )
    assert still.status == "IN_PROGRESS"


async def test_a_dry_run_changes_nothing_and_reports_the_same_outcomes(
    gql, clock: FakeClock, runtime: Runtime
) -> None:
    world = await make_world(clock)
    for state in ("SUBMITTED", "DISPOSED", "ANSWERING", "ARCHIVED"):
        await _report_in(runtime, world, state)
    await _deploy(runtime, ANSWER_RENAMED)

    async def everything() -> tuple[object, ...]:
        return (
            await Report.all().order_by("id").values(),
            await ReportWorkflow.all().order_by("report_id").values(),
            await ReportEvent.all().count(),
            await AuditEvent.all().count(),
        )

    before = await everything()
    dry = await _migrate(gql, world.analyst.token, 1, 2, dry_run=True)
    assert await everything() == before
    real = await _migrate(gql, world.analyst.token, 1, 2)

    assert (dry["dryRun"], real["dryRun"]) == (True, False)
    assert dry["errors"] == real["errors"] == []
    assert {k: v for k, v in dry.items() if k != "dryRun"} == {k: v for k, v in real.items() if k != "dryRun"}
    assert (real["movedCount"], real["notMovedCount"]) == (2, 2)
    assert sorted(o["reason"] for o in real["outcomes"] if not o["moved"]) == [
        "Menunggu di 'answer_reply', yang tidak ada lagi di versi 2",
        "Sudah selesai; laporan yang selesai tetap pada versinya",
    ]
    assert await everything() != before


# --------------------------------------------------------------------------- timers the new version adds


async def test_a_timer_added_to_the_waiting_task_counts_from_the_move(
    gql, clock: FakeClock, runtime: Runtime
) -> None:
    world = await make_world(clock)
    report = await _report_in(runtime, world, "DISPOSED")  # Monday 08:00
    clock.advance(timedelta(hours=2))
    moved_at = clock()
    added = with_boundary_timer(
        "follow_up", "follow_up_second_look", "working_days(1)", "SECOND_LOOK", "liaison", V1_XML
    )
    await _deploy(runtime, added)

    payload = await _migrate(gql, world.admin.token, 1, 2)

    assert payload["movedCount"] == 1
    assert (await Report.get(id=report.id)).deadline == report.deadline  # not a deadline: no change
    clock.set(moved_at + timedelta(days=1))  # due at Tuesday 10:00, one working day after the move
    await reports.fire_due_timers(runtime)
    assert not await _events(report.id, "SECOND_LOOK")
    clock.advance(timedelta(seconds=1))
    await reports.fire_due_timers(runtime)
    assert [(e.from_status, e.to_status) for e in await _events(report.id, "SECOND_LOOK")] == [
        ("DISPOSED", "DISPOSED")
    ]
    # The task it is attached to goes on as before, and the added event ends with it.
    followed = await reports.follow_up_report(runtime, world.pu_liaison.actor, report.id, "Sudah ditambal.")
    assert followed.status == "IN_PROGRESS"


async def test_a_timer_added_to_a_waiting_task_without_boundary_events_is_armed_too(
    gql, clock: FakeClock, runtime: Runtime
) -> None:
    world = await make_world(clock)
    report = await _report_in(runtime, world, "NOT_AUTHORITY_REQUESTED")
    clock.advance(timedelta(hours=3))
    moved_at = clock()
    added = with_boundary_timer(
        "resolve_not_authority", "decision_overdue", "working_days(1)", "DECISION_OVERDUE", "admin", V1_XML
    )
    await _deploy(runtime, added)

    assert (await _migrate(gql, world.admin.token, 1, 2))["movedCount"] == 1

    assert (await ReportWorkflow.get(report_id=report.id)).next_timer_due_at == moved_at + timedelta(days=1)
    clock.set(moved_at + timedelta(days=1, seconds=1))
    assert await reports.fire_due_timers(runtime) == 1
    assert len(await _events(report.id, "DECISION_OVERDUE")) == 1
    resolved = await reports.resolve_not_authority(
        runtime, world.admin.actor, report.id, False, None, "Tetap kewenangan PU."
    )
    assert (resolved.status, resolved.deadline is not None) == ("DISPOSED", True)


# --------------------------------------------------------------------------- bad input, access


async def test_bad_versions_are_refused_with_field_errors_and_nothing_moves(
    gql, clock: FakeClock, runtime: Runtime
) -> None:
    world = await make_world(clock)
    report = await _report_in(runtime, world, "DISPOSED")
    await _deploy(runtime, FIVE_DAY_FOLLOW_UP)
    before = await _rows(report.id)
    cases: list[tuple[dict[str, Any], list[tuple[str, str]]]] = [
        ({"fromVersion": 7, "toVersion": 2}, [("fromVersion", "NOT_FOUND")]),
        ({"fromVersion": 1, "toVersion": 9}, [("toVersion", "NOT_FOUND")]),
        ({"fromVersion": 2, "toVersion": 1}, [("toVersion", "VERSION_NOT_NEWER")]),
        ({"fromVersion": 1, "toVersion": 1}, [("toVersion", "SAME_VERSION")]),
        (
            {"processId": "another_process", "fromVersion": 1, "toVersion": 2},
            [("fromVersion", "NOT_FOUND"), ("toVersion", "NOT_FOUND")],
        ),
        ({"processId": " ", "fromVersion": 1, "toVersion": 2}, [("processId", "REQUIRED")]),
    ]
    for variables, expected in cases:
        result = await gql(PROCESS_INSTANCES_MIGRATE, {"input": variables}, world.admin.token, "en")
        payload = result.data["processInstancesMigrate"]
        assert [(e["field"], e["code"]) for e in payload["errors"]] == expected, variables
        assert (payload["outcomes"], payload["movedCount"], payload["notMovedCount"]) == ([], 0, 0)
    refused = await gql(
        PROCESS_INSTANCES_MIGRATE, {"input": {"fromVersion": 2, "toVersion": 1}}, world.admin.token, "en"
    )
    assert refused.data["processInstancesMigrate"]["errors"][0]["message"] == (
        "Reports can only move to a newer version."
    )
    assert await _rows(report.id) == before


@pytest.mark.parametrize(
    ("who", "code"), [("budi", "FORBIDDEN"), ("pu_liaison", "FORBIDDEN"), (None, "UNAUTHENTICATED")]
)
async def test_only_admins_and_analysts_may_move_reports(
    gql, clock: FakeClock, runtime: Runtime, who: str | None, code: str
) -> None:
    world = await make_world(clock)
    report = await _report_in(runtime, world, "DISPOSED")
    await _deploy(runtime, FIVE_DAY_FOLLOW_UP)
    token = world.people[who].token if who else None

    result = await gql(PROCESS_INSTANCES_MIGRATE, {"input": {"fromVersion": 1, "toVersion": 2}}, token)

    assert result.error_codes == [code]
    assert await _version_of(report.id) == 1


# --------------------------------------------------------------------------- the engine alone


def _observable(snapshot: Snapshot) -> tuple[object, ...]:
    return (
        snapshot.status,
        snapshot.pending_actions,
        snapshot.deadline,
        snapshot.is_overdue,
        snapshot.next_timer_due_at,
        snapshot.is_completed,
        snapshot.system_steps,
    )


def test_moving_onto_an_equivalent_version_changes_nothing_observable() -> None:
    """Random walks through the lifecycle; at a random step a copy moves onto a version that differs only
    in bytes. Both then take the same actions and the same time; every step must look the same."""
    v1 = ProcessDiagram.from_xml(V1_XML.encode())
    copy = ProcessDiagram.from_xml((V1_XML + "<!-- saved again -->\n").encode())
    moved = 0
    for seed in range(30):
        rnd = random.Random(seed)
        clock = FakeClock(datetime(2026, 3, 2, 8, 0, tzinfo=UTC))
        engine = WorkflowEngine(clock=clock)
        original, other = engine.start(v1), None
        for _step in range(rnd.randint(3, 20)):
            if other is None and rnd.random() < 0.25:
                try:
                    other = engine.migrate(original.state, copy)
                    moved += 1
                except MigrationRefused as refused:
                    assert original.is_completed, refused.reasons
                    break
                assert _observable(other)[:-1] == _observable(engine.fire_due_timers(original.state))[:-1]
            if rnd.random() < 0.3:
                clock.advance(timedelta(hours=rnd.choice([1, 20, 50, 100, 300])))
                original = engine.fire_due_timers(original.state)
                other = engine.fire_due_timers(other.state) if other else None
            elif original.pending_actions:
                pending = rnd.choice(original.pending_actions)
                data = {"accepted": rnd.random() < 0.5} if pending.action == "resolve_not_authority" else {}
                original = engine.perform(original.state, pending.action, [pending.lane], data)
                if other is not None:
                    other = engine.perform(other.state, pending.action, [pending.lane], data)
            if other is not None:
                assert _observable(other) == _observable(original), (seed, _step)
    assert moved > 10


def test_an_overdue_timer_fires_under_the_old_version_before_the_move() -> None:
    clock = FakeClock(datetime(2026, 3, 2, 8, 0, tzinfo=UTC))
    engine = WorkflowEngine(clock=clock)
    v1 = ProcessDiagram.from_xml(V1_XML.encode())
    v2 = ProcessDiagram.from_xml(FIVE_DAY_FOLLOW_UP.encode())
    disposed = engine.perform(engine.start(v1).state, "dispose", ["admin"], {})
    clock.set(datetime(2026, 3, 5, 9, 0, tzinfo=UTC))  # the three working days ran out an hour ago

    moved = engine.migrate(disposed.state, v2)

    assert "ESCALATED" in [step.audit for step in moved.system_steps]
    assert (moved.deadline, moved.is_overdue) == (disposed.deadline, True)
    assert engine.perform(moved.state, "follow_up", LIAISON_LANES, {}).status == "IN_PROGRESS"


def test_a_boundary_event_attached_to_another_task_keeps_its_waiting_reports_where_they_are() -> None:
    moved_host, count = re.subn(
        r'(<bpmn:boundaryEvent id="follow_up_not_authority"[^>]*attachedToRef=")follow_up"',
        r'\g<1>answer_reply"',
        V1_XML,
    )
    assert count == 1
    engine = WorkflowEngine(clock=FakeClock(datetime(2026, 3, 2, 8, 0, tzinfo=UTC)))
    disposed = engine.perform(
        engine.start(ProcessDiagram.from_xml(V1_XML.encode())).state, "dispose", ["admin"], {}
    )

    with pytest.raises(MigrationRefused) as refused:
        engine.migrate(disposed.state, ProcessDiagram.from_xml(moved_host.encode()))

    assert [(r.code, r.element_id) for r in refused.value.reasons] == [
        ("element_moved", "follow_up_not_authority")
    ]


# --------------------------------------------------------------------------- CLI


@pytest.fixture
def database(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "cli.sqlite3"
    monkeypatch.setenv("LAPOR_DATABASE_URL", f"sqlite://{path}")
    return path


def _seed_reports(database: Path) -> dict[str, str]:
    """Reports on version 1, made with the real clock as the CLI runs on it; state → tracking number."""

    async def seed() -> dict[str, str]:
        await open_database(f"sqlite://{database}")
        try:
            rt = Runtime()
            world = await make_world(system_clock)
            return {
                state: (await _report_in(rt, world, state)).tracking_number
                for state in ("ANSWERING", "DISPOSED", "ARCHIVED")
            }
        finally:
            await close_database()

    return asyncio.run(seed())


def test_cli_migrate(database: Path, tmp_path: Path) -> None:
    runner = CliRunner()
    assert runner.invoke(app, ["migrate"]).exit_code == 0
    numbers = _seed_reports(database)
    v2, v3 = tmp_path / "v2.bpmn", tmp_path / "v3.bpmn"
    v2.write_text(ANSWER_RENAMED, encoding="utf-8")
    v3.write_text(timer_of("dispose_deadline", "working_days(4)", ANSWER_RENAMED), encoding="utf-8")
    assert runner.invoke(app, ["process", "deploy", str(v2)]).exit_code == 0

    dry = runner.invoke(app, ["process", "migrate", "--from", "1", "--to", "2", "--dry-run"])
    real = runner.invoke(app, ["process", "migrate", "--from", "1", "--to", "2"])
    backwards = runner.invoke(app, ["process", "migrate", "--from", "2", "--to", "1"])
    unknown = runner.invoke(
        app, ["process", "migrate", "--from", "1", "--to", "5", "--process", "report_lifecycle"]
    )
    assert runner.invoke(app, ["process", "deploy", str(v3)]).exit_code == 0
    all_moved = runner.invoke(app, ["process", "migrate", "--from", "2", "--to", "3"])

    stays = (
        f"{numbers['ANSWERING']}: stays on version 1: "
        "waiting at 'answer_reply', which version 2 no longer has"
    )
    assert dry.exit_code == 1, dry.output
    assert dry.output.splitlines() == [
        stays,
        f"{numbers['DISPOSED']}: would move",
        f"{numbers['ARCHIVED']}: stays on version 1: completed; finished reports stay on their version",
        "1 report(s) would move to version 2, 2 not (dry run: nothing changed)",
    ]
    assert real.exit_code == 1
    assert real.output.splitlines()[1:] == [
        f"{numbers['DISPOSED']}: moved",
        f"{numbers['ARCHIVED']}: stays on version 1: completed; finished reports stay on their version",
        "1 report(s) moved to version 2, 2 not",
    ]
    assert (
        backwards.exit_code == 2
        and "toVersion: Reports can only move to a newer version." in backwards.output
    )
    assert unknown.exit_code == 2 and "toVersion: Not found." in unknown.output
    assert all_moved.exit_code == 0, all_moved.output
    assert all_moved.output.splitlines() == [
        f"{numbers['DISPOSED']}: moved",
        "1 report(s) moved to version 3, 0 not",
    ]
    with sqlite3.connect(database) as db:
        versions = dict(
            db.execute(
                "SELECT r.tracking_number, d.version FROM report r "
                "JOIN report_workflow w ON w.report_id = r.id "
                "JOIN process_definition d ON d.id = w.definition_id"
            ).fetchall()
        )
    assert versions == {numbers["ANSWERING"]: 1, numbers["DISPOSED"]: 3, numbers["ARCHIVED"]: 1}


async def test_an_analyst_moves_confidential_reports_without_learning_which(
    gql, clock: FakeClock, runtime: Runtime
) -> None:
    world = await make_world(clock)
    public = await _report_in(runtime, world, "DISPOSED")
    secret = await reports.submit_report(runtime, world.budi.actor, replace(DRAFT, is_confidential=True))
    await _deploy(runtime, ANSWER_RENAMED)

    async with runtime.changes.subscribe() as changes:
        by_analyst = await _migrate(gql, world.analyst.token, 1, 2)
        announced = {(await asyncio.wait_for(anext(changes), 1)).report_id for _ in range(2)}

    assert by_analyst["movedCount"] == 2
    named = {(o["reportId"], o["trackingNumber"]) for o in by_analyst["outcomes"]}
    assert named == {(encode_id("Report", public.id), public.tracking_number), (None, None)}
    assert secret.tracking_number not in str(by_analyst)
    assert announced == {public.id, secret.id}  # live views hear of the move
