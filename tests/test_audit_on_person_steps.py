"""`audit` and `notify` on elements that a person's action passes through.

An analyst marks the end event after archive and a new event right after the liaison's close with
their own audit codes and recipients, deploys the diagram as the analyst, and then drives reports
through it: every marked element the report passes writes its timeline entry and queues its
notifications, in order and once, whatever made the report pass it. A marking that could never take
effect (on a sequence flow) is refused with the flow's id.
"""

from __future__ import annotations

from typing import Any

from lapor_gql.clock import FakeClock
from lapor_gql.db.models import Notification

from .operations import ARCHIVE, CLOSE, FOLLOW_UP, REOPEN, REPLY, REPORT_TIMELINE, SUBMIT
from .test_analyst_scenarios import Desk, report_key
from .test_process_definitions import DEFAULT_XML, VALIDATE, edit
from .world import make_world

CLOSE_NOTED = """    <bpmn:intermediateThrowEvent id="close_noted" name="Closure noted">
      <bpmn:extensionElements>
        <spiffworkflow:properties>
          <spiffworkflow:property name="audit" value="CLOSE_NOTED" />
          <spiffworkflow:property name="audit_label_id" value="Penutupan dicatat" />
          <spiffworkflow:property name="audit_label_en" value="Closure noted" />
          <spiffworkflow:property name="notify" value="admin liaison" />
        </spiffworkflow:properties>
      </bpmn:extensionElements>
      <bpmn:incoming>f_follow_up_close</bpmn:incoming>
      <bpmn:incoming>f_reply_close</bpmn:incoming>
      <bpmn:incoming>f_answer_reply_close</bpmn:incoming>
      <bpmn:outgoing>f_close_noted</bpmn:outgoing>
    </bpmn:intermediateThrowEvent>
    <bpmn:sequenceFlow id="f_close_noted" sourceRef="close_noted" targetRef="closed" />
"""


def with_audited_person_steps() -> str:
    # The end event after archive gets an audit code and tells the reporter.
    xml = edit(
        r'(<bpmn:endEvent id="archived" [^>]*>\s*<bpmn:extensionElements>\s*<spiffworkflow:properties>)',
        r'\1<spiffworkflow:property name="audit" value="ARCHIVE_FILED" />'
        r'<spiffworkflow:property name="audit_label_id" value="Arsip disimpan" />'
        r'<spiffworkflow:property name="audit_label_en" value="Archive filed" />'
        r'<spiffworkflow:property name="notify" value="reporter" />',
    )
    # The liaison's three ways of closing pass a new "Closure noted" event on their way to "closed".
    for flow in ("f_follow_up_close", "f_reply_close", "f_answer_reply_close"):
        xml = edit(rf'(<bpmn:sequenceFlow id="{flow}" [^>]*targetRef=)"closed"', r'\1"close_noted"', xml)
        xml = edit(rf"\s*<bpmn:incoming>{flow}</bpmn:incoming>", "", xml)
    xml = edit(
        r"(<bpmn:incoming>f_reply_silence</bpmn:incoming>)",
        r"\1<bpmn:incoming>f_close_noted</bpmn:incoming>",
        xml,
    )
    xml = edit(
        r"(<bpmn:flowNodeRef>closed</bpmn:flowNodeRef>)",
        r"\1<bpmn:flowNodeRef>close_noted</bpmn:flowNodeRef>",
        xml,
    )
    return edit(r"(  </bpmn:process>)", lambda m: CLOSE_NOTED + m.group(1), xml)


async def _notified(kind: str) -> list[tuple[int | None, str, str]]:
    rows = await Notification.filter(kind=kind).order_by("id").prefetch_related("recipient")
    return [(n.report_id, n.recipient.email, str(n.payload["step"])) for n in rows]


async def _timeline(gql: Any, report_id: str, token: str) -> list[tuple[str, str, str, str]]:
    data = (await gql(REPORT_TIMELINE, {"id": report_id}, token)).data["report"]["timeline"]
    return [(e["action"], e["actorRole"], e["fromStatus"] or "", e["toStatus"] or "") for e in data]


async def test_audit_and_notify_on_elements_a_person_passes_are_recorded(gql: Any, clock: FakeClock) -> None:
    world = await make_world(clock)
    desk = Desk(gql, world)
    assert await desk.deploy(with_audited_person_steps(), "Catat arsip dan penutupan") == 2

    # The admin archives: the end event after archive writes its entry after the admin's own.
    submitted = await desk._mutate(
        SUBMIT,
        "reportSubmit",
        {"title": "Iklan", "body": "Bukan laporan.", "classification": "ASPIRATION"},
        world.budi.token,
    )
    archived = submitted["id"]
    await desk.act("admin", ARCHIVE, "reportArchive", archived, reason="Bukan laporan.")
    assert await _timeline(gql, archived, world.admin.token) == [
        ("submit", "CITIZEN", "", "SUBMITTED"),
        ("archive", "ADMIN", "SUBMITTED", "ARCHIVED"),
        ("ARCHIVE_FILED", "SYSTEM", "ARCHIVED", "ARCHIVED"),
    ]
    # The entry is internal, as automatic entries are unless they change the status.
    assert [entry[0] for entry in await _timeline(gql, archived, world.budi.token)] == ["submit", "archive"]
    assert await _notified("ARCHIVE_FILED") == [(report_key(archived), "budi@lapor.test", "Report archived")]

    # The liaison closes by a boundary event of the follow-up step, then, after a reopen, by a branch
    # of the reporter's turn: "Closure noted" is passed each time, once, right after the close.
    report = await desk.submit_and_dispose()
    await desk.act("pu_liaison", CLOSE, "reportClose", report, resolution="Saluran dibersihkan.")
    await desk.act("pu_liaison", REOPEN, "reportReopen", report, reason="Masih tersumbat.")
    await desk.act("pu_liaison", FOLLOW_UP, "reportFollowUp", report, message="Dikerjakan lagi.")
    await desk.act("pu_liaison", CLOSE, "reportClose", report, resolution="Selesai dibersihkan.")
    assert await _timeline(gql, report, world.admin.token) == [
        ("submit", "CITIZEN", "", "SUBMITTED"),
        ("dispose", "ADMIN", "SUBMITTED", "DISPOSED"),
        ("close", "LIAISON", "DISPOSED", "CLOSED"),
        ("CLOSE_NOTED", "SYSTEM", "CLOSED", "CLOSED"),
        ("reopen", "LIAISON", "CLOSED", "DISPOSED"),
        ("follow_up", "LIAISON", "DISPOSED", "IN_PROGRESS"),
        ("close", "LIAISON", "IN_PROGRESS", "CLOSED"),
        ("CLOSE_NOTED", "SYSTEM", "CLOSED", "CLOSED"),
    ]
    # The admin is told each time; the liaison who closed is not told of their own action.
    assert await _notified("CLOSE_NOTED") == [
        (report_key(report), "admin@lapor.test", "Closure noted"),
        (report_key(report), "admin@lapor.test", "Closure noted"),
    ]
    # What the shipped diagram already said on the close events is still said, once per close.
    assert [email for _report, email, _step in await _notified("close")] == ["budi@lapor.test"] * 2

    # The reporter's reply passes nothing marked; the report stays on the reply step.
    await desk.act("pu_liaison", REOPEN, "reportReopen", report, reason="Dibuka lagi.")
    await desk.act("pu_liaison", FOLLOW_UP, "reportFollowUp", report, message="Mohon foto.")
    await desk.act("budi", REPLY, "reportReply", report, message="Terlampir.")
    assert (await _timeline(gql, report, world.admin.token))[-1][0] == "reply"
    assert len(await _notified("CLOSE_NOTED")) == 2


async def test_audit_on_a_sequence_flow_is_refused_with_the_flow_id(gql: Any, clock: FakeClock) -> None:
    world = await make_world(clock)
    on_a_flow = edit(
        r'<bpmn:sequenceFlow id="f_reply_close" ([^>]*) />',
        r'<bpmn:sequenceFlow id="f_reply_close" \1><bpmn:extensionElements><spiffworkflow:properties>'
        r'<spiffworkflow:property name="audit" value="CLOSE_NOTED" />'
        r"</spiffworkflow:properties></bpmn:extensionElements></bpmn:sequenceFlow>",
        DEFAULT_XML,
    )
    validated = (await gql(VALIDATE, {"input": {"bpmnXml": on_a_flow}}, world.analyst.token)).data[
        "processDefinitionValidate"
    ]
    assert validated["valid"] is False
    assert [problem["elementId"] for problem in validated["problems"]] == ["f_reply_close"]
    assert "'audit' cannot take effect here: a sequence flow" in validated["problems"][0]["message"]
