"""An action the diagram declares itself, offered and performed through GraphQL with no code of its own.

The variant of the shipped diagram below sends the liaison's close to a step of its own: the agency
approves the closure (``approve_closure``, a yes/no and an optional note, in the liaison lane, stage
AWAITING_APPROVAL), which either closes the report or returns it to the agency's follow-up. Clients
learn the action, its labels and its inputs from ``availableActions`` and perform it with
``reportActionPerform``; the typed mutations keep working beside it.
"""

from __future__ import annotations

from typing import Any
from zoneinfo import ZoneInfo

from lapor_gql.clock import FakeClock
from lapor_gql.db.models import Agency, Notification
from lapor_gql.domain import processes
from lapor_gql.domain.actions import BUILTIN_ACTIONS, INPUT_KINDS, action_data_variants
from lapor_gql.domain.messages import render_notification
from lapor_gql.schema.ids import encode_id

from . import operations as op
from .test_analyst_scenarios import closing_through
from .test_process_definitions import DEPLOY
from .world import World, make_world

APPROVAL = """    <bpmn:userTask id="approve_closure" name="Approve the closure">
      <bpmn:extensionElements>
        <spiffworkflow:properties>
          <spiffworkflow:property name="status" value="IN_PROGRESS" />
          <spiffworkflow:property name="stage" value="AWAITING_APPROVAL" />
          <spiffworkflow:property name="stage_label_id" value="Menunggu persetujuan penutupan" />
          <spiffworkflow:property name="stage_label_en" value="Awaiting approval of the closure" />
          <spiffworkflow:property name="action" value="approve_closure" />
          <spiffworkflow:property name="action_label_id" value="Setujui penutupan" />
          <spiffworkflow:property name="action_label_en" value="Approve the closure" />
          <spiffworkflow:property name="input:approved" \
value="yesno required | Penutupan disetujui? | Closure approved?" />
          <spiffworkflow:property name="input:note" value="note optional | Catatan | Note" />
          <spiffworkflow:property name="notify" value="admin" />
        </spiffworkflow:properties>
      </bpmn:extensionElements>
      <bpmn:incoming>f_follow_up_close</bpmn:incoming>
      <bpmn:incoming>f_reply_close</bpmn:incoming>
      <bpmn:incoming>f_answer_reply_close</bpmn:incoming>
      <bpmn:outgoing>f_approval_done</bpmn:outgoing>
    </bpmn:userTask>
    <bpmn:exclusiveGateway id="approval_decision" name="Closure approved?" \
default="f_approve_closure_returned">
      <bpmn:incoming>f_approval_done</bpmn:incoming>
      <bpmn:outgoing>f_approve_closure_approved</bpmn:outgoing>
      <bpmn:outgoing>f_approve_closure_returned</bpmn:outgoing>
    </bpmn:exclusiveGateway>
    <bpmn:sequenceFlow id="f_approval_done" sourceRef="approve_closure" targetRef="approval_decision" />
    <bpmn:sequenceFlow id="f_approve_closure_approved" name="Approved" sourceRef="approval_decision" \
targetRef="closed">
      <bpmn:conditionExpression xsi:type="bpmn:tFormalExpression">approved == True</bpmn:conditionExpression>
    </bpmn:sequenceFlow>
    <bpmn:sequenceFlow id="f_approve_closure_returned" name="Returned" sourceRef="approval_decision" \
targetRef="back_to_follow_up" />
"""
APPROVAL_LAYOUT = """      <bpmndi:BPMNShape id="approve_closure_di" bpmnElement="approve_closure">
        <dc:Bounds x="1620" y="420" width="100" height="80" />
      </bpmndi:BPMNShape>
      <bpmndi:BPMNShape id="approval_decision_di" bpmnElement="approval_decision" isMarkerVisible="true">
        <dc:Bounds x="1645" y="535" width="50" height="50" />
      </bpmndi:BPMNShape>
      <bpmndi:BPMNEdge id="f_approval_done_di" bpmnElement="f_approval_done">
        <di:waypoint x="1670" y="500" />
        <di:waypoint x="1670" y="535" />
      </bpmndi:BPMNEdge>
      <bpmndi:BPMNEdge id="f_approve_closure_approved_di" bpmnElement="f_approve_closure_approved">
        <di:waypoint x="1645" y="560" />
        <di:waypoint x="1585" y="560" />
      </bpmndi:BPMNEdge>
      <bpmndi:BPMNEdge id="f_approve_closure_returned_di" bpmnElement="f_approve_closure_returned">
        <di:waypoint x="1670" y="585" />
        <di:waypoint x="1670" y="620" />
        <di:waypoint x="680" y="620" />
        <di:waypoint x="680" y="480" />
      </bpmndi:BPMNEdge>
"""


def with_closure_approval() -> str:
    return closing_through("approve_closure", "reopen_by_liaison", APPROVAL, APPROVAL_LAYOUT)


REPORT_ACTIONS = """
query ReportActions($id: ID!) {
  report(id: $id) {
    status
    stage { code label }
    availableActions { code label inputs { name kind required label choices { code label } } }
  }
}
"""

TIMELINE_LABELS = """
query TimelineLabels($id: ID!) {
  report(id: $id) { timeline { action actionLabel message } }
}
"""


class Desk:
    """The people of a small province acting through GraphQL."""

    def __init__(self, gql: Any, world: World) -> None:
        self.gql = gql
        self.world = world

    def token(self, who: str) -> str:
        return self.world.people[who].token

    async def report(self, report_id: str, who: str, language: str = "id") -> dict[str, Any]:
        result = await self.gql(REPORT_ACTIONS, {"id": report_id}, self.token(who), language=language)
        return dict(result.data["report"])

    async def perform(self, who: str, report_id: str, action: str, **values: str) -> Any:
        variables = {
            "input": {
                "id": report_id,
                "action": action,
                "values": [{"name": name, "value": value} for name, value in values.items()],
            }
        }
        return await self.gql(op.PERFORM_ACTION, variables, self.token(who))

    async def timeline(self, report_id: str, language: str) -> list[dict[str, Any]]:
        result = await self.gql(TIMELINE_LABELS, {"id": report_id}, self.token("admin"), language=language)
        return list(result.data["report"]["timeline"])

    async def typed(self, operation: str, field: str, who: str, **fields: object) -> dict[str, Any]:
        payload = (await self.gql(operation, {"input": fields}, self.token(who))).data[field]
        assert payload["errors"] == [], payload["errors"]
        return dict(payload["report"])


async def test_a_declared_action_is_offered_and_performed_with_the_same_checks(gql, clock: FakeClock) -> None:
    world = await make_world(clock)
    desk = Desk(gql, world)
    deployed = (
        await gql(
            DEPLOY,
            {"input": {"bpmnXml": with_closure_approval(), "note": "Persetujuan penutupan"}},
            desk.token("analyst"),
        )
    ).data["processDefinitionDeploy"]
    assert deployed["errors"] == [], deployed["errors"]

    # Any action, the application's own too, goes through reportActionPerform: the admin disposes.
    submitted = await desk.typed(
        op.SUBMIT,
        "reportSubmit",
        "budi",
        title="Drainase tersumbat",
        body="Banjir.",
        classification="COMPLAINT",
    )
    report_id = submitted["id"]
    disposed = await desk.perform("admin", report_id, "dispose", agency_id=encode_id("Agency", world.pu.id))
    assert disposed.data["reportActionPerform"]["errors"] == []
    assert disposed.data["reportActionPerform"]["report"]["status"] == "DISPOSED"

    # The liaison's close now waits for the approval, which the liaison lane is offered.
    closing = await desk.typed(
        op.CLOSE, "reportClose", "pu_liaison", id=report_id, resolution="Saluran dibersihkan."
    )
    assert closing["status"] == "IN_PROGRESS"
    offered = await desk.report(report_id, "pu_liaison")
    assert offered["stage"] == {"code": "AWAITING_APPROVAL", "label": "Menunggu persetujuan penutupan"}
    assert offered["availableActions"] == [
        {
            "code": "approve_closure",
            "label": "Setujui penutupan",
            "inputs": [
                {
                    "name": "approved",
                    "kind": "YESNO",
                    "required": True,
                    "label": "Penutupan disetujui?",
                    "choices": [],
                },
                {"name": "note", "kind": "NOTE", "required": False, "label": "Catatan", "choices": []},
            ],
        }
    ]
    in_english = await desk.report(report_id, "pu_liaison", language="en")
    assert in_english["stage"]["label"] == "Awaiting approval of the closure"
    assert [(a["label"], [i["label"] for i in a["inputs"]]) for a in in_english["availableActions"]] == [
        ("Approve the closure", ["Closure approved?", "Note"])
    ]
    # The built-in actions are described the same way, from their table.
    admin_view = await desk.report(report_id, "admin")
    assert admin_view["availableActions"] == []

    # Who may not act in the lane: another agency's liaison sees the report but has nothing to do;
    # a citizen and an admin can never hold the liaison lane (found in the deployed diagrams).
    other = await desk.perform("dinkes_liaison", report_id, "approve_closure", approved="true")
    assert [(e["field"], e["code"]) for e in other.data["reportActionPerform"]["errors"]] == [
        (None, "ACTION_NOT_AVAILABLE")
    ]
    for who in ("budi", "admin"):
        refused = await desk.perform(who, report_id, "approve_closure", approved="true")
        assert refused.error_codes == ["FORBIDDEN"]
    unknown = await desk.perform("pu_liaison", report_id, "fly_away")
    assert [(e["field"], e["code"]) for e in unknown.data["reportActionPerform"]["errors"]] == [
        ("action", "ACTION_NOT_AVAILABLE")
    ]

    # Inputs are checked by their kind; errors name the input as the client sent it.
    missing = await desk.perform("pu_liaison", report_id, "approve_closure", note="Lihat foto.")
    assert [(e["field"], e["code"]) for e in missing.data["reportActionPerform"]["errors"]] == [
        ("approved", "REQUIRED")
    ]
    wrong = await desk.perform("pu_liaison", report_id, "approve_closure", approved="mungkin", extra="x")
    assert [(e["field"], e["code"]) for e in wrong.data["reportActionPerform"]["errors"]] == [
        ("approved", "INVALID"),
        ("extra", "INVALID"),
    ]
    assert (await desk.report(report_id, "pu_liaison"))["status"] == "IN_PROGRESS"  # nothing changed

    # Returned: back to the agency's follow-up, with the note public on the timeline.
    returned = await desk.perform(
        "pu_liaison", report_id, "approve_closure", approved="false", note="Foto belum ada."
    )
    assert returned.data["reportActionPerform"]["errors"] == []
    assert returned.data["reportActionPerform"]["report"]["status"] == "DISPOSED"
    assert op.action_codes(returned.data["reportActionPerform"]["report"]) == [
        "follow_up",
        "request_not_authority",
        "close",
    ]

    # Closed again, approved this time: CLOSED.
    await desk.typed(op.CLOSE, "reportClose", "pu_liaison", id=report_id, resolution="Foto terlampir.")
    approved = await desk.perform("pu_liaison", report_id, "approve_closure", approved="true")
    assert approved.data["reportActionPerform"]["errors"] == []
    assert approved.data["reportActionPerform"]["report"]["status"] == "CLOSED"

    # The timeline names the declared action with the diagram's labels, in the reader's language.
    timeline = await desk.timeline(report_id, "id")
    assert [(e["action"], e["actionLabel"], e["message"]) for e in timeline] == [
        ("submit", "Laporan dikirim", ""),
        ("dispose", "Disposisi ke instansi", ""),
        ("close", "Tutup laporan", "Saluran dibersihkan."),
        ("approve_closure", "Setujui penutupan", "Foto belum ada."),
        ("close", "Tutup laporan", "Foto terlampir."),
        ("approve_closure", "Setujui penutupan", ""),
    ]
    in_english = await desk.timeline(report_id, "en")
    assert [e["actionLabel"] for e in in_english if e["action"] == "approve_closure"] == [
        "Approve the closure",
        "Approve the closure",
    ]

    # The admins the diagram names are told, with the declared label in the e-mail's subject.
    told = await Notification.filter(kind="approve_closure").prefetch_related("recipient").order_by("id")
    assert [n.recipient.email for n in told] == ["admin@lapor.test", "admin@lapor.test"]
    assert told[0].payload["stepLabels"] == {"id": "Setujui penutupan", "en": "Approve the closure"}
    message = render_notification(
        "approve_closure", told[0].payload, "Admin", "officer", clock(), ZoneInfo("Asia/Jakarta")
    )
    assert message.subject.endswith(": Setujui penutupan")
    assert "Approve the closure" in message.body


async def test_the_applications_own_actions_are_described_and_performed_the_same_way(
    gql, clock: FakeClock
) -> None:
    world = await make_world(clock)
    desk = Desk(gql, world)
    submitted = await desk.typed(
        op.SUBMIT, "reportSubmit", "budi", title="Lampu mati", body="Gelap.", classification="COMPLAINT"
    )
    report_id = submitted["id"]

    offered = {
        a["code"]: a for a in (await desk.report(report_id, "admin", language="en"))["availableActions"]
    }
    assert set(offered) == {"dispose", "hold", "archive"}
    assert offered["dispose"] == {
        "code": "dispose",
        "label": "Dispose to agency",
        "inputs": [
            {"name": "agency_id", "kind": "AGENCY", "required": True, "label": "Agency", "choices": []},
            {
                "name": "note",
                "kind": "INTERNAL_NOTE",
                "required": False,
                "label": "Note for the agency",
                "choices": [],
            },
        ],
    }

    # Errors name the input as sent: agency_id here, agencyId in the typed mutation's input.
    malformed = await desk.perform("admin", report_id, "dispose", agency_id="PU")
    assert [(e["field"], e["code"]) for e in malformed.data["reportActionPerform"]["errors"]] == [
        ("agency_id", "INVALID")
    ]
    await Agency.filter(id=world.dinkes.id).update(is_active=False)
    inactive = await desk.perform(
        "admin", report_id, "dispose", agency_id=encode_id("Agency", world.dinkes.id)
    )
    assert [(e["field"], e["code"]) for e in inactive.data["reportActionPerform"]["errors"]] == [
        ("agency_id", "AGENCY_INACTIVE")
    ]
    typed = await gql(
        op.DISPOSE,
        {"input": {"id": report_id, "agencyId": encode_id("Agency", world.dinkes.id)}},
        desk.token("admin"),
    )
    assert [(e["field"], e["code"]) for e in typed.data["reportDispose"]["errors"]] == [
        ("agencyId", "AGENCY_INACTIVE")
    ]

    # A yes/no decides which inputs the application's own action needs.
    await desk.perform("admin", report_id, "dispose", agency_id=encode_id("Agency", world.pu.id))
    await desk.perform("pu_liaison", report_id, "request_not_authority", reason="Bukan kewenangan kami.")
    accepted_without_agency = await desk.perform("admin", report_id, "resolve_not_authority", accept="true")
    rejected_without_note = await desk.perform("admin", report_id, "resolve_not_authority", accept="false")
    assert [
        [(e["field"], e["code"]) for e in result.data["reportActionPerform"]["errors"]]
        for result in (accepted_without_agency, rejected_without_note)
    ] == [[("agency_id", "REQUIRED")], [("note", "REQUIRED")]]
    rejected = await desk.perform(
        "admin", report_id, "resolve_not_authority", accept="false", note="Tetap wewenang PU."
    )
    assert rejected.data["reportActionPerform"]["report"]["status"] == "DISPOSED"
    assert rejected.data["reportActionPerform"]["report"]["agency"]["code"] == "PU"


def test_the_applications_actions_are_one_table() -> None:
    # The validator's vocabulary, the workflow data names and the yes/no branches all come from it.
    assert processes.KNOWN_ACTIONS == set(BUILTIN_ACTIONS)
    assert processes.VALIDATION_RULES.reserved_names >= {"accepted"}
    assert action_data_variants() == {"resolve_not_authority": ({"accepted": True}, {"accepted": False})}
    for action in BUILTIN_ACTIONS.values():
        assert set(action.labels) == {"id", "en"}, action.code
        for spec in action.inputs:
            assert spec.kind in INPUT_KINDS and set(spec.labels) == {"id", "en"}, (action.code, spec.name)
