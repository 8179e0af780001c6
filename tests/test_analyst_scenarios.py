"""What an analyst changes by editing a copy of the diagram and deploying it, with no Python change.

Each scenario edits the shipped diagram the way a modeler would save it, deploys it through GraphQL as
the analyst, and then shows two reports side by side: one started before the deploy, which keeps the
old behaviour, and one started after it, which follows the new diagram.
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta
from typing import Any

from lapor_gql.clock import FakeClock
from lapor_gql.db.models import Notification, ReportWorkflow
from lapor_gql.domain import reports as report_commands
from lapor_gql.domain.processes import Runtime
from lapor_gql.schema.ids import decode_id, encode_id

from .operations import CLOSE, DISPOSE, FOLLOW_UP, REOPEN, REPLY, REPORT_TIMELINE, SUBMIT, action_codes
from .test_process_definitions import DEFAULT_XML, DEPLOY, edit, timer_of
from .world import World, make_world

DAY = timedelta(days=1)
SECOND = timedelta(seconds=1)

REPORT_STATE = """
query ReportState($id: ID!) {
  report(id: $id) { status deadline isOverdue availableActions { code } }
}
"""


class Desk:
    """The people of a small province acting through GraphQL, one call per step."""

    def __init__(self, gql: Any, world: World) -> None:
        self.gql = gql
        self.world = world

    async def deploy(self, xml: str, note: str) -> int:
        payload = (
            await self.gql(DEPLOY, {"input": {"bpmnXml": xml, "note": note}}, self.world.analyst.token)
        ).data["processDefinitionDeploy"]
        assert payload["errors"] == [], payload["errors"]
        return int(payload["processDefinition"]["version"])

    async def submit_and_dispose(self) -> str:
        submitted = await self._mutate(
            SUBMIT,
            "reportSubmit",
            {"title": "Drainase tersumbat", "body": "Banjir tiap hujan.", "classification": "COMPLAINT"},
            self.world.budi.token,
        )
        agency_id = encode_id("Agency", self.world.pu.id)
        await self._mutate(
            DISPOSE, "reportDispose", {"id": submitted["id"], "agencyId": agency_id}, self.world.admin.token
        )
        return str(submitted["id"])

    async def act(
        self, who: str, operation: str, field: str, report_id: str, **fields: object
    ) -> dict[str, Any]:
        token = self.world.people[who].token
        return await self._mutate(operation, field, {"id": report_id, **fields}, token)

    async def state(self, report_id: str, who: str = "admin") -> dict[str, Any]:
        data = (await self.gql(REPORT_STATE, {"id": report_id}, self.world.people[who].token)).data
        return dict(data["report"])

    async def timeline(self, report_id: str) -> list[str]:
        data = (await self.gql(REPORT_TIMELINE, {"id": report_id}, self.world.admin.token)).data
        return [entry["action"] for entry in data["report"]["timeline"]]

    async def _mutate(
        self, operation: str, field: str, fields: dict[str, object], token: str
    ) -> dict[str, Any]:
        payload = (await self.gql(operation, {"input": fields}, token)).data[field]
        assert payload["errors"] == [], payload["errors"]
        return dict(payload["report"])


def report_key(global_id: str) -> int:
    key = decode_id(global_id, "Report")
    assert key is not None
    return key


async def _version_of(report_id: str) -> int:
    workflow = await ReportWorkflow.get(report_id=report_key(report_id)).prefetch_related("definition")
    return workflow.definition.version


# --------------------------------------------------------------- (a) follow-up in 5 working days


async def test_a_follow_up_deadline_moves_from_3_to_5_working_days(
    gql: Any, clock: FakeClock, runtime: Runtime
) -> None:
    desk = Desk(gql, await make_world(clock))
    old = await desk.submit_and_dispose()  # Monday 08:00, on version 1

    # The analyst sets the deadline to 5 working days and keeps the reminder one working day before it.
    five_days = timer_of(
        "follow_up_reminder", "working_days(4)", timer_of("follow_up_deadline", "working_days(5)")
    )
    assert await desk.deploy(five_days, "Tindak lanjut 5 hari kerja") == 2
    new = await desk.submit_and_dispose()  # the same Monday 08:00, on version 2

    monday = clock()
    assert (await _version_of(old), await _version_of(new)) == (1, 2)
    assert datetime.fromisoformat((await desk.state(old))["deadline"]) == monday + 3 * DAY  # Thursday
    assert datetime.fromisoformat((await desk.state(new))["deadline"]) == monday + 7 * DAY  # next Monday

    clock.set(monday + 3 * DAY + SECOND)
    await report_commands.fire_due_timers(runtime)
    assert (await desk.state(old))["isOverdue"] is True
    assert (await desk.state(new))["isOverdue"] is False

    clock.set(monday + 4 * DAY + SECOND)  # Friday: one working day before the new deadline
    await report_commands.fire_due_timers(runtime)
    assert (await desk.timeline(new))[-1] == "FOLLOW_UP_REMINDER"
    clock.set(monday + 7 * DAY + SECOND)
    await report_commands.fire_due_timers(runtime)
    assert (await desk.state(new))["isOverdue"] is True
    assert (await desk.timeline(new))[-2:] == ["FOLLOW_UP_REMINDER", "ESCALATED"]


# --------------------------------------------- (b) a reminder before the answer deadline as well


ANSWER_REMINDER = """    <bpmn:boundaryEvent id="answer_reply_reminder" name="Answer due tomorrow" \
attachedToRef="answer_reply" cancelActivity="false">
      <bpmn:extensionElements>
        <spiffworkflow:properties>
          <spiffworkflow:property name="kind" value="reminder" />
          <spiffworkflow:property name="audit" value="ANSWER_REMINDER" />
          <spiffworkflow:property name="audit_label_id" value="Jawaban jatuh tempo besok" />
          <spiffworkflow:property name="audit_label_en" value="Answer due tomorrow" />
          <spiffworkflow:property name="notify" value="liaison" />
        </spiffworkflow:properties>
      </bpmn:extensionElements>
      <bpmn:outgoing>f_answer_reply_reminder</bpmn:outgoing>
      <bpmn:timerEventDefinition id="answer_reply_reminder_definition">
        <bpmn:timeDate xsi:type="bpmn:tFormalExpression">working_days(2)</bpmn:timeDate>
      </bpmn:timerEventDefinition>
    </bpmn:boundaryEvent>
    <bpmn:endEvent id="answer_reply_reminded_end" name="Liaison reminded to answer">
      <bpmn:incoming>f_answer_reply_reminder</bpmn:incoming>
    </bpmn:endEvent>
    <bpmn:sequenceFlow id="f_answer_reply_reminder" sourceRef="answer_reply_reminder" \
targetRef="answer_reply_reminded_end" />
"""
ANSWER_REMINDER_LAYOUT = """\
      <bpmndi:BPMNShape id="answer_reply_reminder_di" bpmnElement="answer_reply_reminder">
        <dc:Bounds x="1377" y="622" width="36" height="36" />
      </bpmndi:BPMNShape>
      <bpmndi:BPMNShape id="answer_reply_reminded_end_di" bpmnElement="answer_reply_reminded_end">
        <dc:Bounds x="1377" y="1092" width="36" height="36" />
      </bpmndi:BPMNShape>
      <bpmndi:BPMNEdge id="f_answer_reply_reminder_di" bpmnElement="f_answer_reply_reminder">
        <di:waypoint x="1395" y="658" />
        <di:waypoint x="1395" y="1092" />
      </bpmndi:BPMNEdge>
"""


def with_answer_reminder() -> str:
    xml = edit(
        r"(<bpmn:flowNodeRef>answer_reply_deadline</bpmn:flowNodeRef>)",
        r"\1<bpmn:flowNodeRef>answer_reply_reminder</bpmn:flowNodeRef>",
    )
    xml = edit(
        r"(<bpmn:flowNodeRef>answer_reply_escalated_end</bpmn:flowNodeRef>)",
        r"\1<bpmn:flowNodeRef>answer_reply_reminded_end</bpmn:flowNodeRef>",
        xml,
    )
    xml = edit(r"(  </bpmn:process>)", lambda m: ANSWER_REMINDER + m.group(1), xml)
    return edit(r"(    </bpmndi:BPMNPlane>)", lambda m: ANSWER_REMINDER_LAYOUT + m.group(1), xml)


async def test_b_a_reminder_one_working_day_before_the_answer_deadline(
    gql: Any, clock: FakeClock, runtime: Runtime
) -> None:
    world = await make_world(clock)
    desk = Desk(gql, world)
    old = await desk.submit_and_dispose()
    assert await desk.deploy(with_answer_reminder(), "Pengingat jawaban") == 2
    new = await desk.submit_and_dispose()
    for report_id in (old, new):
        await desk.act("pu_liaison", FOLLOW_UP, "reportFollowUp", report_id, message="Sedang dikerjakan.")
        await desk.act("budi", REPLY, "reportReply", report_id, message="Masih tergenang.")
    replied = clock()  # Monday: the answer is due Thursday, the reminder Wednesday

    clock.set(replied + 2 * DAY + SECOND)
    await report_commands.fire_due_timers(runtime)

    assert (await desk.timeline(old))[-1] == "reply"  # version 1 has no such reminder
    assert (await desk.timeline(new))[-1] == "ANSWER_REMINDER"
    reminded = await Notification.filter(kind="ANSWER_REMINDER").prefetch_related("recipient")
    assert [(n.report_id, n.recipient.email) for n in reminded] == [
        (report_key(new), "pu_liaison@lapor.test")
    ]
    # The timeline labels a step the application does not know with the labels the analyst gave its
    # audit code, in the reader's language.
    for language, words in (("id", "Jawaban jatuh tempo besok"), ("en", "Answer due tomorrow")):
        label = (
            await gql(
                "query Label($id: ID!) { report(id: $id) { timeline { action actionLabel } } }",
                {"id": new},
                world.admin.token,
                language=language,
            )
        ).data["report"]["timeline"][-1]
        assert label == {"action": "ANSWER_REMINDER", "actionLabel": words}

    clock.set(replied + 3 * DAY + SECOND)
    await report_commands.fire_due_timers(runtime)
    assert (await desk.timeline(old))[-1] == "ESCALATED"
    assert (await desk.timeline(new))[-1] == "ESCALATED"


# ------------------------------------------- (c) an admin quality check before a report is closed


QUALITY_CHECK = """    <bpmn:userTask id="quality_check" name="Check the answer before closing">
      <bpmn:extensionElements>
        <spiffworkflow:properties>
          <spiffworkflow:property name="status" value="IN_PROGRESS" />
          <spiffworkflow:property name="action" value="close" />
        </spiffworkflow:properties>
      </bpmn:extensionElements>
      <bpmn:incoming>f_follow_up_close</bpmn:incoming>
      <bpmn:incoming>f_reply_close</bpmn:incoming>
      <bpmn:incoming>f_answer_reply_close</bpmn:incoming>
      <bpmn:outgoing>f_quality_check_approved</bpmn:outgoing>
    </bpmn:userTask>
    <bpmn:boundaryEvent id="quality_check_return" name="Send back to the agency" \
attachedToRef="quality_check">
      <bpmn:extensionElements>
        <spiffworkflow:properties>
          <spiffworkflow:property name="action" value="reopen" />
        </spiffworkflow:properties>
      </bpmn:extensionElements>
      <bpmn:outgoing>f_quality_check_returned</bpmn:outgoing>
      <bpmn:messageEventDefinition id="quality_check_return_definition" \
messageRef="message_reopen_by_admin" />
    </bpmn:boundaryEvent>
    <bpmn:sequenceFlow id="f_quality_check_approved" sourceRef="quality_check" targetRef="closed" />
    <bpmn:sequenceFlow id="f_quality_check_returned" sourceRef="quality_check_return" \
targetRef="back_to_follow_up" />
"""
QUALITY_CHECK_LAYOUT = """      <bpmndi:BPMNShape id="quality_check_di" bpmnElement="quality_check">
        <dc:Bounds x="1620" y="150" width="150" height="80" />
      </bpmndi:BPMNShape>
      <bpmndi:BPMNShape id="quality_check_return_di" bpmnElement="quality_check_return">
        <dc:Bounds x="1632" y="132" width="36" height="36" />
      </bpmndi:BPMNShape>
      <bpmndi:BPMNEdge id="f_quality_check_approved_di" bpmnElement="f_quality_check_approved">
        <di:waypoint x="1695" y="230" />
        <di:waypoint x="1695" y="590" />
        <di:waypoint x="1585" y="590" />
      </bpmndi:BPMNEdge>
      <bpmndi:BPMNEdge id="f_quality_check_returned_di" bpmnElement="f_quality_check_returned">
        <di:waypoint x="1650" y="132" />
        <di:waypoint x="1650" y="60" />
        <di:waypoint x="680" y="60" />
        <di:waypoint x="680" y="455" />
      </bpmndi:BPMNEdge>
"""


def closing_through(step: str, lane_neighbour: str, elements: str, layout: str) -> str:
    """The shipped diagram with the liaison's three ways of closing leading to ``step`` instead of
    straight to "closed": ``elements`` add the step, which leads to "closed" by ``f_<step>_approved``
    and back to the agency by ``f_<step>_returned``; the step joins the lane of ``lane_neighbour``."""
    xml = DEFAULT_XML
    for flow in ("f_follow_up_close", "f_reply_close", "f_answer_reply_close"):
        xml = edit(rf'(<bpmn:sequenceFlow id="{flow}" [^>]*targetRef=)"closed"', rf'\1"{step}"', xml)
        xml = edit(rf"\s*<bpmn:incoming>{flow}</bpmn:incoming>", "", xml)
    xml = edit(
        r"(<bpmn:incoming>f_reply_silence</bpmn:incoming>)",
        rf"\1<bpmn:incoming>f_{step}_approved</bpmn:incoming>",
        xml,
    )
    xml = edit(
        r"(<bpmn:incoming>f_reopen_by_admin</bpmn:incoming>)",
        rf"\1<bpmn:incoming>f_{step}_returned</bpmn:incoming>",
        xml,
    )
    # Every element of the step but its flows belongs to the lane.
    found = re.findall(r'^    <bpmn:(?!sequenceFlow)\w+ id="([^"]+)"', elements, flags=re.MULTILINE)
    nodes = "".join(f"<bpmn:flowNodeRef>{node}</bpmn:flowNodeRef>" for node in found)
    xml = edit(rf"(<bpmn:flowNodeRef>{lane_neighbour}</bpmn:flowNodeRef>)", lambda m: m.group(1) + nodes, xml)
    xml = edit(r"(  </bpmn:process>)", lambda m: elements + m.group(1), xml)
    return edit(r"(    </bpmndi:BPMNPlane>)", lambda m: layout + m.group(1), xml)


def with_quality_check() -> str:
    return closing_through("quality_check", "reopen_by_admin", QUALITY_CHECK, QUALITY_CHECK_LAYOUT)


async def test_c_an_admin_checks_the_answer_between_the_liaisons_close_and_closed(
    gql: Any, clock: FakeClock
) -> None:
    desk = Desk(gql, await make_world(clock))
    old = await desk.submit_and_dispose()
    assert await desk.deploy(with_quality_check(), "Kendali mutu sebelum selesai") == 2
    new = await desk.submit_and_dispose()

    # Version 1: the liaison's close is final.
    closed = await desk.act("pu_liaison", CLOSE, "reportClose", old, resolution="Saluran dibersihkan.")
    assert closed["status"] == "CLOSED"

    # Version 2: the liaison's close waits for the admin, who sends it back once, then approves.
    checked = await desk.act("pu_liaison", CLOSE, "reportClose", new, resolution="Saluran dibersihkan.")
    assert checked["status"] == "IN_PROGRESS"
    assert checked["availableActions"] == []  # the liaison has nothing left to do
    assert sorted(action_codes(await desk.state(new, "admin"))) == ["close", "reopen"]

    returned = await desk.act("admin", REOPEN, "reportReopen", new, reason="Foto bukti belum ada.")
    assert (returned["status"], returned["isOverdue"]) == ("DISPOSED", False)
    assert returned["deadline"] is not None  # a fresh follow-up deadline for the agency
    await desk.act("pu_liaison", CLOSE, "reportClose", new, resolution="Foto bukti terlampir.")
    approved = await desk.act("admin", CLOSE, "reportClose", new, resolution="Sesuai.")
    assert approved["status"] == "CLOSED"

    assert await desk.timeline(new) == ["submit", "dispose", "close", "reopen", "close", "close"]
    assert await desk.timeline(old) == ["submit", "dispose", "close"]
