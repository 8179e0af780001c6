"""A late sweep: timers that fell due while no sweeper ran fire in order of their due times, each at
its due time, so timers chained after them count from then; the rest of the call happens at now."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

from lapor_gql.clock import FakeClock, system_clock
from lapor_gql.db.models import Classification, Report, ReportEvent, ReportWorkflow
from lapor_gql.domain import processes, reports
from lapor_gql.domain.processes import Runtime
from lapor_gql.schema.ids import encode_id
from lapor_gql.workflow import ProcessDiagram, WorkflowEngine

from .conftest import DIAGRAM, START
from .world import World, make_world

V1_XML = DIAGRAM.read_text(encoding="utf-8")
DRAFT = reports.ReportDraft(title="Jalan rusak", body="Berlubang.", classification=Classification.COMPLAINT)

# START is Monday 2 March 2026, 08:00 UTC (15:00 in Jakarta); no holidays in the test calendar.
WEDNESDAY = datetime(2026, 3, 4, 8, 0, tzinfo=UTC)  # 2 working days: the follow-up reminder
THURSDAY = datetime(2026, 3, 5, 8, 0, tzinfo=UTC)  # 3 working days: the follow-up deadline
SILENCE_DUE = datetime(2026, 3, 16, 8, 0, tzinfo=UTC)  # 10 working days without a reply
WINDOW_DUE = datetime(2026, 3, 23, 8, 0, tzinfo=UTC)  # 5 working days after the silence was due

TIMELINE = """
query LateTimerTimeline($id: ID!) {
  report(id: $id) { timeline { action actorRole fromStatus toStatus dueAt createdAt } }
}
"""


def with_reopen_window(xml: str = V1_XML) -> str:
    """The shipped diagram where a closed report can be reopened for 5 working days only: the timer
    branch of the ``closed`` gateway (its one: the rating window) passes after 5 working days, with
    an audit entry, and ends the process. The reply-silence timer leads to it (a chained timer)."""
    window = '<bpmn:intermediateCatchEvent id="rating_window" name="10 working days to rate">'
    audit = """
      <bpmn:extensionElements>
        <spiffworkflow:properties>
          <spiffworkflow:property name="audit" value="REOPEN_WINDOW_OVER" />
          <spiffworkflow:property name="audit_label_id" value="Masa pembukaan kembali berakhir" />
          <spiffworkflow:property name="audit_label_en" value="Reopening window over" />
        </spiffworkflow:properties>
      </bpmn:extensionElements>"""
    days = (
        '<bpmn:timerEventDefinition id="rating_window_definition">\n'
        '        <bpmn:timeDate xsi:type="bpmn:tFormalExpression">working_days(10)'
    )
    flow = (
        '<bpmn:sequenceFlow id="f_rating_window_passed" sourceRef="rating_window" targetRef="closed_rated" />'
    )
    incoming = "<bpmn:incoming>f_rating_window_passed</bpmn:incoming>"
    lane_start = '<bpmn:lane id="lane_system" name="system">'
    end = """
    <bpmn:endEvent id="closed_for_good" name="Closed for good">
      <bpmn:incoming>f_rating_window_passed</bpmn:incoming>
    </bpmn:endEvent>
    """
    for part in (window, days, flow, lane_start):
        assert xml.count(part) == 1, part
    assert xml.count(incoming) == 1  # the closed_rated gateway's
    return (
        xml.replace(window, window.replace("10 working days to rate", "Reopening window over") + audit)
        .replace(days, days.replace("working_days(10)", "working_days(5)"))
        .replace(flow, flow.replace('targetRef="closed_rated"', 'targetRef="closed_for_good"'))
        .replace(
            f"      {incoming}\n      <bpmn:outgoing>f_closed_rated", "      <bpmn:outgoing>f_closed_rated"
        )
        .replace(lane_start, lane_start + "<bpmn:flowNodeRef>closed_for_good</bpmn:flowNodeRef>")
        .replace("</bpmn:process>", end + "</bpmn:process>")
    )


def _chained_after_the_reminder(expression: str, xml: str = V1_XML) -> str:
    """The follow-up reminder with ``expression`` (a timeDuration), and a second reminder chained
    after it with the same expression, for the engine alone."""
    xml, count = re.subn(
        r'(<bpmn:timerEventDefinition id="follow_up_reminder_definition">\s*)<bpmn:timeDate([^>]*)>[^<]*'
        r"</bpmn:timeDate>",
        rf"\g<1><bpmn:timeDuration\g<2>>{expression}</bpmn:timeDuration>",
        xml,
    )
    assert count == 1
    second = f"""
    <bpmn:intermediateCatchEvent id="second_reminder" name="Second reminder">
      <bpmn:extensionElements>
        <spiffworkflow:properties>
          <spiffworkflow:property name="audit" value="SECOND_REMINDER" />
        </spiffworkflow:properties>
      </bpmn:extensionElements>
      <bpmn:incoming>f_follow_up_reminder</bpmn:incoming>
      <bpmn:outgoing>f_second_reminder</bpmn:outgoing>
      <bpmn:timerEventDefinition id="second_reminder_definition">
        <bpmn:timeDuration xsi:type="bpmn:tFormalExpression">{expression}</bpmn:timeDuration>
      </bpmn:timerEventDefinition>
    </bpmn:intermediateCatchEvent>
    <bpmn:sequenceFlow id="f_second_reminder" sourceRef="second_reminder"
      targetRef="follow_up_reminded_end" />
    """
    xml, count = re.subn(
        r'(<bpmn:sequenceFlow id="f_follow_up_reminder" sourceRef="follow_up_reminder" targetRef=")'
        r'follow_up_reminded_end"',
        r'\g<1>second_reminder"',
        xml,
    )
    assert count == 1
    xml = xml.replace(
        '<bpmn:endEvent id="follow_up_reminded_end" name="Liaison reminded">\n      '
        "<bpmn:incoming>f_follow_up_reminder</bpmn:incoming>",
        '<bpmn:endEvent id="follow_up_reminded_end" name="Liaison reminded">\n      '
        "<bpmn:incoming>f_second_reminder</bpmn:incoming>",
    )
    return xml.replace("</bpmn:process>", second + "</bpmn:process>")


async def _followed_up(rt: Runtime, world: World) -> Report:
    """A report of budi's that PU followed up now: it waits for the reporter (reply silence armed)."""
    report = await reports.submit_report(rt, world.budi.actor, DRAFT)
    await reports.dispose_report(rt, world.admin.actor, report.id, world.pu.id, "")
    return await reports.follow_up_report(rt, world.pu_liaison.actor, report.id, "Segera kami tangani.")


async def _timer_entries(report_id: int) -> list[tuple[str, str | None, str | None, str, str]]:
    """(action, dueAt, firedAt, from status, to status) of every entry a timer wrote, in timeline order."""
    events = await ReportEvent.filter(report_id=report_id, actor_role="SYSTEM").order_by("id")
    return [
        (
            e.action,
            e.details.get("dueAt"),  # type: ignore[misc]
            e.details.get("firedAt"),  # type: ignore[misc]
            e.from_status or "",
            e.to_status or "",
        )
        for e in events
        if "dueAt" in e.details
    ]


# --------------------------------------------------------------------------- through the domain


async def test_a_late_sweep_fires_in_due_order_and_a_chained_timer_counts_from_the_due_time(
    gql, clock: FakeClock, runtime: Runtime
) -> None:
    deployment = await processes.deploy_diagram(runtime, None, with_reopen_window(), "reopen window")
    assert deployment.created
    world = await make_world(clock)
    report = await _followed_up(runtime, world)
    assert (await ReportWorkflow.get(report_id=report.id)).next_timer_due_at == SILENCE_DUE

    # No sweeper ran for three days after the silence fell due.
    swept_at = clock.set(SILENCE_DUE + timedelta(days=3, hours=4))
    assert await reports.fire_due_timers(runtime) == 1

    assert await _timer_entries(report.id) == [
        ("AUTO_CLOSED", SILENCE_DUE.isoformat(), swept_at.isoformat(), "IN_PROGRESS", "CLOSED")
    ]
    # The reopening window was armed when the silence was due, not when the sweep came.
    flow = await ReportWorkflow.get(report_id=report.id)
    assert flow.next_timer_due_at == WINDOW_DUE
    assert WINDOW_DUE < swept_at + timedelta(days=7)  # what counting from the sweep would have given

    timeline = (await gql(TIMELINE, {"id": encode_id("Report", report.id)}, world.admin.token)).data
    closed = next(e for e in timeline["report"]["timeline"] if e["action"] == "AUTO_CLOSED")
    assert (closed["dueAt"], closed["createdAt"]) == (SILENCE_DUE.isoformat(), swept_at.isoformat())
    assert all(e["dueAt"] is None for e in timeline["report"]["timeline"] if e["action"] != "AUTO_CLOSED")


async def test_a_sweep_late_past_a_timer_and_the_timer_chained_after_it_records_both_in_due_order(
    db: None, clock: FakeClock, runtime: Runtime
) -> None:
    await processes.deploy_diagram(runtime, None, with_reopen_window(), "reopen window")
    world = await make_world(clock)
    report = await _followed_up(runtime, world)

    # The server was down past both the silence and the reopening window counted from it.
    swept_at = clock.set(WINDOW_DUE + timedelta(days=2))
    assert await reports.fire_due_timers(runtime) == 1

    entries = await _timer_entries(report.id)
    assert [(action, due, fired) for action, due, fired, _from, _to in entries] == [
        ("AUTO_CLOSED", SILENCE_DUE.isoformat(), swept_at.isoformat()),
        ("REOPEN_WINDOW_OVER", WINDOW_DUE.isoformat(), swept_at.isoformat()),
    ]
    stored = await Report.get(id=report.id)
    assert stored.status == "CLOSED" and stored.pending_actions == []
    assert (await ReportWorkflow.get(report_id=report.id)).next_timer_due_at is None
    # Each entry keeps the real time it was written.
    system = await ReportEvent.filter(report_id=report.id, actor_role="SYSTEM")
    created = {event.action: event.created_at for event in system}
    assert created["AUTO_CLOSED"] == created["REOPEN_WINDOW_OVER"] == swept_at


async def test_the_reminder_and_the_deadline_of_a_late_sweep_come_in_due_order_with_their_due_times(
    db: None, clock: FakeClock, runtime: Runtime
) -> None:
    world = await make_world(clock)
    report = await reports.submit_report(runtime, world.budi.actor, DRAFT)
    await reports.dispose_report(runtime, world.admin.actor, report.id, world.pu.id, "")

    swept_at = clock.set(START + timedelta(days=10))
    assert await reports.fire_due_timers(runtime) == 1

    assert [(a, due, fired) for a, due, fired, _f, _t in await _timer_entries(report.id)] == [
        ("FOLLOW_UP_REMINDER", WEDNESDAY.isoformat(), swept_at.isoformat()),
        ("ESCALATED", THURSDAY.isoformat(), swept_at.isoformat()),
    ]
    assert (await Report.get(id=report.id)).is_overdue is True


async def test_an_action_after_a_late_gap_fires_the_due_timers_first_then_counts_its_own_from_now(
    db: None, clock: FakeClock, runtime: Runtime
) -> None:
    world = await make_world(clock)
    report = await reports.submit_report(runtime, world.budi.actor, DRAFT)
    await reports.dispose_report(runtime, world.admin.actor, report.id, world.pu.id, "")
    acted_at = clock.set(datetime(2026, 3, 9, 10, 0, tzinfo=UTC))  # the next Monday; no sweeper ran

    await reports.follow_up_report(runtime, world.pu_liaison.actor, report.id, "Sudah kami tinjau.")

    assert [(a, due) for a, due, _fired, _f, _t in await _timer_entries(report.id)] == [
        ("FOLLOW_UP_REMINDER", WEDNESDAY.isoformat()),
        ("ESCALATED", THURSDAY.isoformat()),
    ]
    # The follow-up itself happened now: the reporter's 10 working days count from it.
    flow = await ReportWorkflow.get(report_id=report.id)
    assert flow.next_timer_due_at == acted_at + timedelta(days=14)


async def test_a_sweep_on_time_stamps_the_due_time_too(db: None, clock: FakeClock, runtime: Runtime) -> None:
    world = await make_world(clock)
    report = await reports.submit_report(runtime, world.budi.actor, DRAFT)
    await reports.dispose_report(runtime, world.admin.actor, report.id, world.pu.id, "")

    swept_at = clock.set(WEDNESDAY + timedelta(seconds=1))
    assert await reports.fire_due_timers(runtime) == 1

    assert [(a, due, fired) for a, due, fired, _f, _t in await _timer_entries(report.id)] == [
        ("FOLLOW_UP_REMINDER", WEDNESDAY.isoformat(), swept_at.isoformat())
    ]


# --------------------------------------------------------------------------- the engine alone


def test_the_engine_fires_late_timers_one_by_one_at_their_due_times() -> None:
    clock = FakeClock(START)
    engine = WorkflowEngine(clock=clock)
    diagram = ProcessDiagram.from_xml(_chained_after_the_reminder('"P2D"').encode())
    disposed = engine.perform(engine.start(diagram).state, "dispose", ["admin"], {})
    reminder_due = START + timedelta(days=2)

    clock.set(START + timedelta(days=30))
    swept = engine.fire_due_timers(disposed.state)

    assert [(s.audit, s.due_at) for s in swept.steps if s.audit] == [
        ("FOLLOW_UP_REMINDER", reminder_due),
        ("ESCALATED", THURSDAY),
        # Chained: two days after the first reminder was due, not after the sweep.
        ("SECOND_REMINDER", reminder_due + timedelta(days=2)),
    ]
    assert swept.next_timer_due_at is None


def test_late_timers_fire_at_their_due_times_on_the_system_clock_too() -> None:
    """Production's clock: a timer due a microsecond after it was armed is late at the next call,
    and the one chained after it still counts from its due time, however late that call is."""
    engine = WorkflowEngine(clock=system_clock)
    diagram = ProcessDiagram.from_xml(_chained_after_the_reminder('"PT0.000001S"').encode())
    before = system_clock()
    disposed = engine.perform(engine.start(diagram).state, "dispose", ["admin"], {})
    swept = engine.fire_due_timers(disposed.state)
    after = system_clock()

    fired = [(s.audit, s.due_at) for s in (*disposed.steps, *swept.steps) if s.audit and s.due_at]
    assert [audit for audit, _due in fired] == ["FOLLOW_UP_REMINDER", "SECOND_REMINDER"]
    (_first, first_due), (_second, second_due) = fired
    assert before < first_due < second_due < after
    assert second_due - first_due == timedelta(microseconds=1)
