"""The default report lifecycle, driven the way the service drives it.

Every step goes state string → engine → snapshot, so each step is also a serialize/restore round
trip. Time only moves through a FakeClock.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from lapor_gql.workflow import (
    WEEKENDS_ONLY,
    ActionNotAvailable,
    DiagramInvalid,
    FakeClock,
    PendingAction,
    ProcessDiagram,
    Snapshot,
    WorkflowEngine,
    WorkflowError,
)
from lapor_gql.workflow.sandbox import RestrictedEnvironment, SandboxViolation

DIAGRAM_FILE = Path(__file__).resolve().parents[2] / "workflows" / "report_lifecycle.bpmn"
T0 = datetime(2025, 1, 6, 9, 0, tzinfo=UTC)
DAY = timedelta(days=1)
SECOND = timedelta(seconds=1)


@pytest.fixture(scope="module")
def diagram() -> ProcessDiagram:
    return ProcessDiagram.from_file(DIAGRAM_FILE)


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(T0)


class Report:
    """One report's workflow; only the serialized state survives between steps."""

    def __init__(self, diagram: ProcessDiagram, clock: FakeClock) -> None:
        self.clock = clock
        self.diagram = diagram
        self.calls = 0
        self.shared = WorkflowEngine(clock)
        self.snapshot = self.engine().start(diagram)

    def engine(self) -> WorkflowEngine:
        # Alternate between a long-lived engine and a brand new one, as different workers would.
        self.calls += 1
        return WorkflowEngine(self.clock) if self.calls % 2 else self.shared

    def _keep(self, snapshot: Snapshot) -> Snapshot:
        assert json.loads(snapshot.state)["serializer_version"]
        self.snapshot = snapshot
        return snapshot

    def act(self, action: str, lane: str, data: dict[str, object] | None = None) -> Snapshot:
        return self._keep(
            self.engine().perform(self.snapshot.state, action, [lane], data, diagram=self.diagram)
        )

    def fire(self) -> Snapshot:
        return self._keep(self.engine().fire_due_timers(self.snapshot.state, diagram=self.diagram))

    def wait(self, delta: timedelta) -> Snapshot:
        self.clock.advance(delta)
        return self.fire()

    @property
    def status(self) -> str | None:
        return self.snapshot.status

    @property
    def actions(self) -> set[tuple[str, str]]:
        return {(p.action, p.lane) for p in self.snapshot.pending_actions}


SUBMITTED_ACTIONS = {("dispose", "admin"), ("hold", "admin"), ("archive", "admin")}
DISPOSED_ACTIONS = {("follow_up", "liaison"), ("request_not_authority", "liaison"), ("close", "liaison")}
REPLY_ACTIONS = {
    ("reply", "reporter"),
    ("follow_up", "liaison"),
    ("request_not_authority", "liaison"),
    ("close", "liaison"),
}
CLOSED_ACTIONS = {("reopen", "liaison"), ("reopen", "admin"), ("rate", "reporter")}
RATED_ACTIONS = {("reopen", "liaison"), ("reopen", "admin")}
RATING_WINDOW = 14 * DAY  # 10 working days from a weekday: two weekends


# ------------------------------------------------------------------------------ the diagram


def steps(report: Report) -> list[tuple[str, str, tuple[str, ...]]]:
    """The automatic steps of the last call: element, audit code and whom they notify."""
    return [(step.element_id, step.audit, step.notify) for step in report.snapshot.system_steps]


def test_diagram_actions_are_exactly_the_api_actions(diagram: ProcessDiagram) -> None:
    assert diagram.actions() == {
        ("dispose", "admin"),
        ("hold", "admin"),
        ("resume", "admin"),
        ("archive", "admin"),
        ("follow_up", "liaison"),
        ("request_not_authority", "liaison"),
        ("close", "liaison"),
        ("resolve_not_authority", "admin"),
        ("reply", "reporter"),
        ("reopen", "liaison"),
        ("reopen", "admin"),
        ("rate", "reporter"),
    }


def test_diagram_statuses_and_identity(diagram: ProcessDiagram) -> None:
    assert diagram.statuses() == {
        "SUBMITTED",
        "ON_HOLD",
        "ARCHIVED",
        "DISPOSED",
        "NOT_AUTHORITY_REQUESTED",
        "IN_PROGRESS",
        "CLOSED",
    }
    assert diagram.process_id == "report_lifecycle"
    assert diagram.xml == DIAGRAM_FILE.read_bytes()
    assert len(diagram.sha256) == 64
    assert ProcessDiagram.from_xml(diagram.xml).sha256 == diagram.sha256


# ------------------------------------------------------------------------------ main paths


def test_submit_dispose_follow_up_reply_answer_close_reopen_close(
    diagram: ProcessDiagram, clock: FakeClock
) -> None:
    report = Report(diagram, clock)
    assert report.status == "SUBMITTED"
    assert report.actions == SUBMITTED_ACTIONS
    assert report.snapshot.deadline == T0 + 3 * DAY
    assert report.snapshot.is_overdue is False
    assert report.snapshot.is_completed is False
    assert report.snapshot.system_steps == ()

    clock.advance(hours=5)
    report.act("dispose", "admin")
    assert report.status == "DISPOSED"
    assert report.actions == DISPOSED_ACTIONS
    assert report.snapshot.deadline == T0 + timedelta(hours=5) + 3 * DAY

    clock.advance(DAY)
    report.act("follow_up", "liaison")
    assert report.status == "IN_PROGRESS"
    assert report.actions == REPLY_ACTIONS
    assert report.snapshot.deadline is None  # the reporter has no deadline, only the silence timer

    report.act("reply", "reporter")
    assert report.status == "IN_PROGRESS"
    assert report.actions == DISPOSED_ACTIONS  # same liaison actions, now answering the reply
    answer = next(p for p in report.snapshot.pending_actions if p.action == "follow_up")
    assert answer == PendingAction("follow_up", "liaison", "answer_reply")
    assert report.snapshot.deadline == clock() + 3 * DAY

    report.act("follow_up", "liaison")  # answers the reply
    assert report.actions == REPLY_ACTIONS

    report.act("close", "liaison")
    assert report.status == "CLOSED"
    assert report.actions == CLOSED_ACTIONS
    assert report.snapshot.deadline is None
    assert report.snapshot.next_timer_due_at == clock() + RATING_WINDOW  # only the rating window
    assert report.snapshot.is_completed is False  # closed reports stay open for reopening

    report.act("reopen", "liaison")
    assert report.status == "DISPOSED"
    report.act("close", "liaison")
    assert report.status == "CLOSED"
    assert report.snapshot.system_steps == ()


def test_further_follow_up_while_waiting_for_the_reporter(diagram: ProcessDiagram, clock: FakeClock) -> None:
    report = Report(diagram, clock)
    report.act("dispose", "admin")
    report.act("follow_up", "liaison")
    assert report.snapshot.next_timer_due_at == T0 + 14 * DAY  # 10 working days: two weekends

    clock.advance(4 * DAY)
    report.act("follow_up", "liaison")
    # Another answer restarts the reporter's 10 working days (from Friday: Friday two weeks on).
    assert report.status == "IN_PROGRESS"
    assert report.actions == REPLY_ACTIONS
    assert report.snapshot.next_timer_due_at == T0 + 18 * DAY


def test_hold_resume_returns_to_dispose_with_a_fresh_deadline(
    diagram: ProcessDiagram, clock: FakeClock
) -> None:
    report = Report(diagram, clock)
    clock.advance(DAY)
    report.act("hold", "admin")
    assert report.status == "ON_HOLD"
    assert report.actions == {("resume", "admin"), ("archive", "admin")}
    assert report.snapshot.deadline is None
    assert report.snapshot.next_timer_due_at is None

    clock.advance(20 * DAY)
    report.fire()
    assert report.status == "ON_HOLD"
    assert report.snapshot.system_steps == ()  # the cancelled verification timer never fires

    report.act("resume", "admin")
    assert report.status == "SUBMITTED"
    assert report.actions == SUBMITTED_ACTIONS
    assert report.snapshot.deadline == T0 + 21 * DAY + 3 * DAY
    assert report.snapshot.is_overdue is False


def test_hold_then_archive(diagram: ProcessDiagram, clock: FakeClock) -> None:
    report = Report(diagram, clock)
    report.act("hold", "admin")
    report.act("archive", "admin")
    assert report.snapshot.is_completed is True
    assert report.status == "ARCHIVED"
    assert report.snapshot.pending_actions == ()
    assert report.snapshot.next_timer_due_at is None


def test_archive_directly(diagram: ProcessDiagram, clock: FakeClock) -> None:
    report = Report(diagram, clock)
    report.act("archive", "admin")
    assert report.snapshot.is_completed is True
    assert report.status == "ARCHIVED"
    assert report.snapshot.pending_actions == ()
    assert report.snapshot.deadline is None
    with pytest.raises(ActionNotAvailable):
        report.act("dispose", "admin")


@pytest.mark.parametrize("accepted", [True, False])
def test_not_authority_goes_back_to_follow_up_with_a_fresh_deadline(
    diagram: ProcessDiagram, clock: FakeClock, accepted: bool
) -> None:
    report = Report(diagram, clock)
    report.act("dispose", "admin")
    clock.advance(2 * DAY)
    report.act("request_not_authority", "liaison")
    assert report.status == "NOT_AUTHORITY_REQUESTED"
    assert report.actions == {("resolve_not_authority", "admin")}
    assert report.snapshot.deadline is None

    clock.advance(2 * DAY)
    report.act("resolve_not_authority", "admin", {"accepted": accepted})
    assert report.status == "DISPOSED"
    assert report.actions == DISPOSED_ACTIONS
    assert report.snapshot.deadline == T0 + 4 * DAY + 5 * DAY  # Friday + 3 working days: Wednesday
    assert report.snapshot.is_overdue is False


def test_not_authority_while_waiting_for_the_reporter(diagram: ProcessDiagram, clock: FakeClock) -> None:
    report = Report(diagram, clock)
    report.act("dispose", "admin")
    report.act("follow_up", "liaison")
    report.act("request_not_authority", "liaison")
    assert report.status == "NOT_AUTHORITY_REQUESTED"
    assert report.snapshot.next_timer_due_at is None  # the silence timer was cancelled
    report.act("resolve_not_authority", "admin", {"accepted": True})
    assert report.status == "DISPOSED"


def test_not_authority_without_a_decision_asks_again(diagram: ProcessDiagram, clock: FakeClock) -> None:
    report = Report(diagram, clock)
    report.act("dispose", "admin")
    report.act("request_not_authority", "liaison")
    report.act("resolve_not_authority", "admin", {"accepted": None})
    assert report.status == "NOT_AUTHORITY_REQUESTED"
    assert report.actions == {("resolve_not_authority", "admin")}


# ------------------------------------------------------------------------------ awaiting the reporter


def _awaiting_reporter(diagram: ProcessDiagram, clock: FakeClock) -> Report:
    report = Report(diagram, clock)
    report.act("dispose", "admin")
    report.act("follow_up", "liaison")
    return report


def test_awaiting_the_reporter_is_one_waiting_step_with_a_catch_event_per_role(
    diagram: ProcessDiagram, clock: FakeClock
) -> None:
    report = _awaiting_reporter(diagram, clock)
    assert report.status == "IN_PROGRESS"
    assert set(report.snapshot.pending_actions) == {
        PendingAction("reply", "reporter", "reply"),
        PendingAction("follow_up", "liaison", "reply_follow_up"),
        PendingAction("request_not_authority", "liaison", "reply_not_authority"),
        PendingAction("close", "liaison", "reply_close"),
    }
    assert report.snapshot.deadline is None
    assert report.snapshot.is_overdue is False
    assert report.snapshot.next_timer_due_at == T0 + 14 * DAY  # 10 working days: two weekends
    # A fresh engine reading the stored state sees the same step.
    again = WorkflowEngine(clock).inspect(report.snapshot.state, diagram=report.diagram)
    assert (again.status, again.pending_actions, again.next_timer_due_at) == (
        "IN_PROGRESS",
        report.snapshot.pending_actions,
        T0 + 14 * DAY,
    )


def test_reply_by_message_then_answer_restarts_the_silence_timer(
    diagram: ProcessDiagram, clock: FakeClock
) -> None:
    report = _awaiting_reporter(diagram, clock)
    clock.advance(2 * DAY)
    report.act("reply", "reporter", {"message": "Terima kasih"})
    assert report.status == "IN_PROGRESS"
    assert set(report.snapshot.pending_actions) == {
        PendingAction("follow_up", "liaison", "answer_reply"),
        PendingAction("request_not_authority", "liaison", "answer_reply_not_authority"),
        PendingAction("close", "liaison", "answer_reply_close"),
    }
    # While the liaison answers, the next timer is the answer deadline, not the reporter's silence.
    assert report.snapshot.deadline == T0 + 7 * DAY  # Wednesday + 3 working days: Monday
    assert report.snapshot.next_timer_due_at == T0 + 7 * DAY

    clock.advance(DAY)
    report.act("follow_up", "liaison")
    assert report.actions == REPLY_ACTIONS
    assert report.snapshot.next_timer_due_at == T0 + 3 * DAY + 14 * DAY  # 10 working days
    report.wait(14 * DAY)
    assert report.status == "IN_PROGRESS"
    assert report.snapshot.system_steps == ()
    report.wait(SECOND)
    assert report.status == "CLOSED"
    assert steps(report) == [("reply_silence", "AUTO_CLOSED", ("reporter",))]


def test_further_follow_ups_keep_waiting_for_the_reporter(diagram: ProcessDiagram, clock: FakeClock) -> None:
    report = _awaiting_reporter(diagram, clock)
    for week in range(1, 4):
        clock.advance(7 * DAY)  # before the 10 working days are up
        report.act("follow_up", "liaison", {"message": f"update {week}"})
        assert report.status == "IN_PROGRESS"
        assert report.actions == REPLY_ACTIONS
        assert report.snapshot.next_timer_due_at == T0 + week * 7 * DAY + 14 * DAY
        assert report.snapshot.system_steps == ()
    report.act("reply", "reporter")
    assert report.actions == DISPOSED_ACTIONS


def test_close_while_awaiting_the_reporter(diagram: ProcessDiagram, clock: FakeClock) -> None:
    report = _awaiting_reporter(diagram, clock)
    clock.advance(DAY)
    report.act("close", "liaison", {"resolution": "done"})
    assert report.status == "CLOSED"
    assert report.snapshot.system_steps == ()
    # The silence timer is gone; what remains is the reporter's window to rate.
    assert report.snapshot.next_timer_due_at == clock() + RATING_WINDOW
    report.wait(30 * DAY)
    assert report.status == "CLOSED"
    assert report.snapshot.system_steps == ()  # the window closes quietly
    assert report.actions == RATED_ACTIONS
    assert report.snapshot.next_timer_due_at is None


def test_not_authority_while_awaiting_the_reporter_cancels_the_silence_timer(
    diagram: ProcessDiagram, clock: FakeClock
) -> None:
    report = _awaiting_reporter(diagram, clock)
    report.act("request_not_authority", "liaison")
    assert report.status == "NOT_AUTHORITY_REQUESTED"
    assert report.actions == {("resolve_not_authority", "admin")}
    report.wait(11 * DAY)
    assert report.status == "NOT_AUTHORITY_REQUESTED"
    assert report.snapshot.system_steps == ()
    report.act("resolve_not_authority", "admin", {"accepted": False})
    assert report.status == "DISPOSED"
    assert report.actions == DISPOSED_ACTIONS


def test_closed_is_one_waiting_step_with_a_reopen_per_role(diagram: ProcessDiagram, clock: FakeClock) -> None:
    report = Report(diagram, clock)
    report.act("dispose", "admin")
    report.act("close", "liaison")
    pending = {(p.action, p.lane, p.element_id) for p in report.snapshot.pending_actions}
    assert pending == {
        ("reopen", "liaison", "reopen_by_liaison"),
        ("reopen", "admin", "reopen_by_admin"),
        ("rate", "reporter", "rate"),
    }
    report.act("reopen", "admin", {"reason": "again"})
    assert report.status == "DISPOSED"
    report.act("follow_up", "liaison")
    report.act("close", "liaison")
    report.act("reopen", "liaison")
    assert report.status == "DISPOSED"
    assert report.actions == DISPOSED_ACTIONS


def test_each_role_acts_only_in_its_own_lane(diagram: ProcessDiagram, clock: FakeClock) -> None:
    engine = WorkflowEngine(clock, diagrams=[diagram])
    report = _awaiting_reporter(diagram, clock)
    awaiting = report.snapshot
    refused = [
        ("close", ["reporter"]),
        ("follow_up", ["reporter"]),
        ("request_not_authority", ["reporter"]),
        ("reply", ["liaison"]),
        ("reply", ["admin"]),
        ("close", ["admin"]),
        ("reopen", ["admin", "liaison"]),  # not closed yet
    ]
    for action, lanes in refused:
        with pytest.raises(ActionNotAvailable):
            engine.perform(awaiting.state, action, lanes)
    assert engine.inspect(awaiting.state).pending_actions == awaiting.pending_actions

    closed = engine.perform(awaiting.state, "close", ["liaison"])
    assert closed.status == "CLOSED"
    for action, lanes in [("reopen", ["reporter"]), ("reply", ["reporter"]), ("close", ["liaison"])]:
        with pytest.raises(ActionNotAvailable):
            engine.perform(closed.state, action, lanes)
    assert engine.perform(closed.state, "reopen", ["admin"]).status == "DISPOSED"
    assert engine.perform(closed.state, "reopen", ["liaison"]).status == "DISPOSED"


# ------------------------------------------------------------------------------ deadlines and timers


def test_verification_deadline_marks_overdue_once(diagram: ProcessDiagram, clock: FakeClock) -> None:
    report = Report(diagram, clock)
    report.wait(3 * DAY + SECOND)
    assert steps(report) == [("dispose_deadline", "VERIFICATION_OVERDUE", ("admin",))]
    assert report.snapshot.is_overdue is True
    assert report.snapshot.deadline == T0 + 3 * DAY
    assert report.status == "SUBMITTED"
    assert report.actions == SUBMITTED_ACTIONS  # non-interrupting: the admin can still dispose
    assert report.snapshot.next_timer_due_at is None

    report.wait(5 * DAY)
    assert report.snapshot.system_steps == ()
    assert report.snapshot.is_overdue is True

    report.act("dispose", "admin")
    assert report.snapshot.is_overdue is False
    assert report.snapshot.deadline == T0 + 8 * DAY + SECOND + 3 * DAY


def test_follow_up_deadline_escalates_but_keeps_the_task(diagram: ProcessDiagram, clock: FakeClock) -> None:
    report = Report(diagram, clock)
    report.act("dispose", "admin")
    report.wait(2 * DAY + SECOND)
    assert steps(report) == [("follow_up_reminder", "FOLLOW_UP_REMINDER", ("liaison",))]
    assert report.snapshot.is_overdue is False
    report.wait(DAY)
    assert steps(report) == [("follow_up_deadline", "ESCALATED", ("liaison", "admin"))]
    assert report.snapshot.is_overdue is True
    assert report.status == "DISPOSED"
    assert report.actions == DISPOSED_ACTIONS

    report.act("follow_up", "liaison")
    assert report.status == "IN_PROGRESS"
    assert report.snapshot.is_overdue is False


def test_answer_deadline_escalates(diagram: ProcessDiagram, clock: FakeClock) -> None:
    report = Report(diagram, clock)
    report.act("dispose", "admin")
    report.act("follow_up", "liaison")
    report.act("reply", "reporter")
    clock.advance(3 * DAY + SECOND)
    # A due timer fires before the requested action runs, within the same call.
    report.act("follow_up", "liaison")
    assert steps(report) == [("answer_reply_deadline", "ESCALATED", ("liaison", "admin"))]
    assert report.actions == REPLY_ACTIONS


def test_timer_fires_one_second_after_due_time_not_at_it(diagram: ProcessDiagram, clock: FakeClock) -> None:
    report = Report(diagram, clock)
    assert report.snapshot.next_timer_due_at == T0 + 3 * DAY
    report.wait(3 * DAY)
    assert report.snapshot.system_steps == ()
    assert report.snapshot.is_overdue is False
    report.wait(SECOND)
    assert steps(report) == [("dispose_deadline", "VERIFICATION_OVERDUE", ("admin",))]
    assert report.snapshot.is_overdue is True


def test_reporter_silence_closes_the_report(diagram: ProcessDiagram, clock: FakeClock) -> None:
    report = Report(diagram, clock)
    report.act("dispose", "admin")
    clock.advance(DAY)
    report.act("follow_up", "liaison")
    assert report.snapshot.next_timer_due_at == T0 + DAY + 14 * DAY  # 10 working days: two weekends

    report.wait(14 * DAY)
    assert report.status == "IN_PROGRESS"
    clock.advance(SECOND)
    with pytest.raises(ActionNotAvailable):
        report.act("reply", "reporter")  # too late: the timer fires first
    report.fire()
    assert report.status == "CLOSED"
    assert steps(report) == [("reply_silence", "AUTO_CLOSED", ("reporter",))]
    assert report.actions == CLOSED_ACTIONS
    # The rating window counts from when the silence ran out, not from when the timer was noticed.
    assert report.snapshot.next_timer_due_at == T0 + DAY + 14 * DAY + RATING_WINDOW


@pytest.mark.parametrize("lane", ["liaison", "admin"])
def test_reopen_gives_a_fresh_deadline(diagram: ProcessDiagram, clock: FakeClock, lane: str) -> None:
    report = Report(diagram, clock)
    report.act("dispose", "admin")
    report.act("close", "liaison")
    assert report.status == "CLOSED"

    clock.advance(30 * DAY)
    report.act("reopen", lane)
    assert report.status == "DISPOSED"
    assert report.actions == DISPOSED_ACTIONS
    # Reopened on a Wednesday: 3 working days later is the Monday after.
    assert report.snapshot.deadline == T0 + 35 * DAY
    # The next timer is the reminder one working day before: the Friday.
    assert report.snapshot.next_timer_due_at == T0 + 32 * DAY
    assert report.snapshot.is_overdue is False


def test_snapshot_datetimes_are_aware_utc(diagram: ProcessDiagram, clock: FakeClock) -> None:
    report = Report(diagram, clock)
    for value in (report.snapshot.deadline, report.snapshot.next_timer_due_at):
        assert value is not None
        assert value.utcoffset() == timedelta(0)


# ------------------------------------------------------------------------------ refusals


def test_wrong_lane_or_action_not_waiting_is_refused_and_state_is_unchanged(
    diagram: ProcessDiagram, clock: FakeClock
) -> None:
    engine = WorkflowEngine(clock)
    before = engine.start(diagram)
    refused = [
        ("dispose", ["liaison"]),  # right action, wrong lane
        ("dispose", []),
        ("follow_up", ["liaison"]),  # not waiting yet
        ("reopen", ["admin", "liaison"]),
        ("resolve_not_authority", ["admin"]),
        ("no_such_action", ["admin"]),
    ]
    for action, lanes in refused:
        with pytest.raises(ActionNotAvailable) as caught:
            engine.perform(before.state, action, lanes)
        assert caught.value.action == action
    again = engine.inspect(before.state)
    assert again.status == "SUBMITTED"
    assert again.pending_actions == before.pending_actions
    assert again.deadline == before.deadline
    assert engine.perform(before.state, "dispose", ["admin", "liaison"]).status == "DISPOSED"


def test_inspect_changes_nothing(diagram: ProcessDiagram, clock: FakeClock) -> None:
    engine = WorkflowEngine(clock)
    start = engine.start(diagram)
    clock.advance(4 * DAY)
    looked = engine.inspect(start.state)
    assert looked.is_overdue is False  # inspect does not fire due timers
    assert looked.system_steps == ()
    assert engine.fire_due_timers(start.state).is_overdue is True


def test_spiff_failure_becomes_workflow_error(diagram: ProcessDiagram, clock: FakeClock) -> None:
    report = Report(diagram, clock)
    report.act("dispose", "admin")
    report.act("request_not_authority", "liaison")
    with pytest.raises(WorkflowError) as caught:
        report.act("resolve_not_authority", "admin")  # the gateway needs `accepted`
    assert not isinstance(caught.value, ActionNotAvailable)
    assert report.status == "NOT_AUTHORITY_REQUESTED"  # the previous state is still the current one
    report.act("resolve_not_authority", "admin", {"accepted": False})
    assert report.status == "DISPOSED"


def test_underscore_data_keys_are_refused(diagram: ProcessDiagram, clock: FakeClock) -> None:
    engine = WorkflowEngine(clock)
    with pytest.raises(WorkflowError):
        engine.start(diagram, {"__builtins__": {}})


# ------------------------------------------------------------------------------ clock


def test_each_engine_reads_its_own_clock(diagram: ProcessDiagram) -> None:
    early, late = FakeClock(T0), FakeClock(T0 + 100 * DAY)
    assert WorkflowEngine(early).start(diagram).deadline == T0 + 3 * DAY
    assert WorkflowEngine(late).start(diagram).deadline == T0 + 105 * DAY  # Wednesday → Monday
    real = WorkflowEngine().start(diagram).deadline
    assert real is not None
    expected = WEEKENDS_ONLY.add_working_days(datetime.now(UTC), 3)
    assert abs(real - expected) < timedelta(minutes=1)


# ------------------------------------------------------------------------------ validation


def _invalid(xml: bytes) -> list[tuple[str | None, str]]:
    with pytest.raises(DiagramInvalid) as caught:
        ProcessDiagram.from_xml(xml)
    return [(p.element_id, p.message) for p in caught.value.problems]


def test_rejects_malformed_and_non_bpmn_xml() -> None:
    good = DIAGRAM_FILE.read_bytes()
    [(element_id, message)] = _invalid(good[: len(good) // 2])
    assert element_id is None and "malformed XML" in message
    [(element_id, message)] = _invalid(b"<html><body>not a diagram</body></html>")
    assert element_id is None and "not a BPMN" in message
    xsd_invalid = good.replace(b'<bpmn:userTask id="dispose"', b'<bpmn:userTask colour="red" id="dispose"')
    problems = _invalid(xsd_invalid)
    assert problems[0][0] == "dispose" and "colour" in problems[0][1]


def _refused(xml: bytes) -> list[tuple[str | None, str]]:
    """Problems of the whole validation, which evaluates every timer with the report's facts."""
    from lapor_gql.domain.processes import check_diagram

    diagram, problems = check_diagram(xml)
    assert diagram is None
    return [(p.element_id, p.message) for p in problems]


# The reporter's silence timer; the rating window waits as long, so name the definition too.
REPLY_SILENCE = (
    b'<bpmn:timerEventDefinition id="reply_silence_definition">\n'
    b'        <bpmn:timeDate xsi:type="bpmn:tFormalExpression">working_days(10)'
)


def _reply_silence_as(expression: bytes) -> bytes:
    xml = DIAGRAM_FILE.read_bytes()
    assert xml.count(REPLY_SILENCE) == 1
    return xml.replace(REPLY_SILENCE, REPLY_SILENCE.replace(b"working_days(10)", expression))


def test_rejects_unquoted_timer_expression() -> None:
    xml = _reply_silence_as(b"P10D")
    [(element_id, message)] = _refused(xml)
    assert element_id == "reply_silence"
    assert "P10D" in message and "NameError" in message


def test_rejects_timer_that_is_not_iso_8601() -> None:
    xml = _reply_silence_as(b'"ten days"')
    assert [element_id for element_id, _ in _refused(xml)] == ["reply_silence"]


@pytest.mark.parametrize(
    "condition",
    [
        b"__import__('os').getpid() &gt; 0",
        b"().__class__.__base__.__subclasses__() != []",
        b"open('/etc/passwd').read() != ''",
    ],
)
def test_rejects_escaping_conditions(condition: bytes) -> None:
    xml = DIAGRAM_FILE.read_bytes().replace(b"accepted == True", condition)
    problems = _invalid(xml)
    assert {element_id for element_id, _ in problems} == {"f_accepted"}


def test_rejects_user_task_without_lane_or_status() -> None:
    good = DIAGRAM_FILE.read_bytes()
    no_lane = good.replace(b"<bpmn:flowNodeRef>dispose</bpmn:flowNodeRef>", b"")
    assert [element_id for element_id, _ in _invalid(no_lane)] == ["dispose"]
    no_status = good.replace(b'<spiffworkflow:property name="status" value="DISPOSED" />', b"")
    [(element_id, message)] = _invalid(no_status)
    assert element_id == "follow_up" and "status" in message


def test_rejects_message_catch_event_without_lane() -> None:
    xml = DIAGRAM_FILE.read_bytes().replace(b"<bpmn:flowNodeRef>reopen_by_admin</bpmn:flowNodeRef>", b"")
    assert [element_id for element_id, _ in _invalid(xml)] == ["reopen_by_admin"]


def _move_to_lane(xml: bytes, element_id: str, lane: str) -> bytes:
    ref = f"<bpmn:flowNodeRef>{element_id}</bpmn:flowNodeRef>".encode()
    assert xml.count(ref) == 1
    xml = xml.replace(ref, b"")
    lane_start = f'<bpmn:lane id="lane_{lane}" name="{lane}">'.encode()
    return xml.replace(lane_start, lane_start + ref)


@pytest.mark.parametrize(("event", "lane"), [("follow_up_close", "admin"), ("dispose_deadline", "system")])
def test_rejects_boundary_event_in_another_lane_than_its_host(event: str, lane: str) -> None:
    [(element_id, message)] = _invalid(_move_to_lane(DIAGRAM_FILE.read_bytes(), event, lane))
    assert element_id == event
    assert f"lane {lane}" in message and "reassign lanes by position" in message


def test_rejects_event_based_gateway_with_two_timers() -> None:
    second_timer = b"""
    <bpmn:intermediateCatchEvent id="reply_reminder" name="5 days without reply">
      <bpmn:timerEventDefinition id="reply_reminder_definition">
        <bpmn:timeDuration xsi:type="bpmn:tFormalExpression">"P5D"</bpmn:timeDuration>
      </bpmn:timerEventDefinition>
    </bpmn:intermediateCatchEvent>
    <bpmn:sequenceFlow id="f_await_reminder" sourceRef="awaiting_reporter" targetRef="reply_reminder" />
    <bpmn:sequenceFlow id="f_reminder" sourceRef="reply_reminder" targetRef="closed" />
  </bpmn:process>"""
    xml = DIAGRAM_FILE.read_bytes().replace(b"\n  </bpmn:process>", second_timer)
    [(element_id, message)] = _invalid(xml)
    assert element_id == "awaiting_reporter"
    assert "2 timer branches" in message and "reply_silence" in message and "reply_reminder" in message


def test_rejects_event_based_gateway_catching_one_message_twice() -> None:
    xml = DIAGRAM_FILE.read_bytes().replace(
        b'id="reopen_by_liaison_definition" messageRef="message_reopen_by_liaison"',
        b'id="reopen_by_liaison_definition" messageRef="message_reopen_by_admin"',
    )
    problems = _invalid(xml)
    assert len(problems) == 1
    assert problems[0][0] in {"reopen_by_liaison", "reopen_by_admin"}
    assert "same message" in problems[0][1]


def test_rejects_event_based_gateway_without_status() -> None:
    closed = b'<bpmn:eventBasedGateway id="closed" name="Report closed">'
    xml = DIAGRAM_FILE.read_bytes()
    start = xml.index(closed)
    status = b'<spiffworkflow:property name="status" value="CLOSED" />'
    at = xml.index(status, start)
    xml = xml[:at] + xml[at + len(status) :]
    [(element_id, message)] = _invalid(xml)
    assert element_id == "closed" and "status" in message


def test_sandbox_refuses_escapes_at_run_time() -> None:
    environment = RestrictedEnvironment()
    with pytest.raises(SandboxViolation):
        environment.evaluate("__import__('os')", {})
    with pytest.raises(SandboxViolation):
        environment.evaluate("().__class__.__base__.__subclasses__()", {})
    with pytest.raises(NameError):
        environment.evaluate("open('/etc/passwd')", {})
    with pytest.raises(ImportError):
        environment.execute("import os", {})
    context: dict[str, object] = {"a": 1}
    environment.execute("b = a + 1\nb += 1\nitems = [i for i in range(3)]", context)
    assert context == {"a": 1, "b": 3, "items": [0, 1, 2]}


def test_escape_hidden_in_a_string_fails_inside_the_engine(clock: FakeClock) -> None:
    # The lint cannot see attribute access inside format strings; the runtime guard must stop it.
    sneaky = b"'{0.__class__}'.format(accepted) != ''"
    diagram = ProcessDiagram.from_xml(DIAGRAM_FILE.read_bytes().replace(b"accepted == True", sneaky))
    engine = WorkflowEngine(clock)
    state = engine.start(diagram).state
    state = engine.perform(state, "dispose", ["admin"]).state
    state = engine.perform(state, "request_not_authority", ["liaison"]).state
    with pytest.raises(WorkflowError):
        engine.perform(state, "resolve_not_authority", ["admin"], {"accepted": True})


# ------------------------------------------------------------------------------ who is told


def notices(snapshot: Snapshot) -> list[tuple[str, str, tuple[str, ...]]]:
    return [(notice.element_id, notice.kind, notice.notify) for notice in snapshot.notices]


def test_each_step_names_whom_to_tell(diagram: ProcessDiagram, clock: FakeClock) -> None:
    report = Report(diagram, clock)
    assert notices(report.snapshot) == [("submitted", "submitted", ("reporter",))]
    assert notices(report.act("dispose", "admin")) == [("dispose", "dispose", ("reporter", "liaison"))]
    assert notices(report.act("follow_up", "liaison")) == [("follow_up", "follow_up", ("reporter",))]
    # A branch of the waiting gateway is named by its message, like the action that took it.
    assert notices(report.act("reply", "reporter")) == [("reply", "reply", ("liaison",))]
    assert notices(report.act("follow_up", "liaison")) == [("answer_reply", "follow_up", ("reporter",))]
    assert notices(report.act("close", "liaison")) == [("reply_close", "close", ("reporter",))]
    assert notices(report.act("reopen", "admin")) == [("reopen_by_admin", "reopen", ("reporter", "liaison"))]
    assert notices(report.act("request_not_authority", "liaison")) == [
        ("follow_up_not_authority", "request_not_authority", ("admin",))
    ]
    decided = report.act("resolve_not_authority", "admin", {"accepted": True})
    assert notices(decided) == [("resolve_not_authority", "resolve_not_authority", ("liaison",))]
    assert notices(report.fire()) == []  # nothing new happened


def test_every_marked_element_a_call_passes_is_listed_once_in_order(clock: FakeClock) -> None:
    """Whatever made the report pass an element (a timer due before the action, the action itself),
    its ``audit`` and ``notify`` are in the call's steps, each once, in the order they completed."""
    xml = DIAGRAM_FILE.read_bytes().replace(
        b'<spiffworkflow:property name="status" value="ARCHIVED" />',
        b'<spiffworkflow:property name="status" value="ARCHIVED" />'
        b'<spiffworkflow:property name="audit" value="ARCHIVE_FILED" />'
        b'<spiffworkflow:property name="notify" value="reporter" />',
    )
    report = Report(ProcessDiagram.from_xml(xml), clock)
    clock.advance(3 * DAY + SECOND)  # the verification deadline passed; nobody swept it yet

    archived = report.act("archive", "admin")

    assert [(s.element_id, s.kind, s.notify, s.by_action) for s in archived.steps] == [
        ("dispose_deadline", "VERIFICATION_OVERDUE", ("admin",), False),
        ("dispose_archive", "archive", ("reporter",), True),
        ("archived", "ARCHIVE_FILED", ("reporter",), True),
    ]
    assert archived.status == "ARCHIVED"
    assert report.fire().steps == ()  # nothing is listed twice
