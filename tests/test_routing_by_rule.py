"""Routing by rule, deadlines from the report's facts, and stages, driven through GraphQL.

An analyst deploys a variant of the shipped diagram with a decision table saved by Camunda Modeler
(DMN 1.3 with its drawing): aspirations skip the admin's verification and go straight to the agency
the table gives for their category. A category the table does not know, or an agency that is
unknown or inactive, leaves a public ROUTING_FAILED entry and the report with the admin, who
disposes it as usual.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from lapor_gql.cli import app
from lapor_gql.clock import FakeClock
from lapor_gql.db.models import (
    Agency,
    Holiday,
    Notification,
    ProcessDefinition,
    Report,
    ReportEvent,
    ReportWorkflow,
)
from lapor_gql.domain import reports as report_commands
from lapor_gql.domain.processes import Runtime, check_diagram, deploy_diagram_file
from lapor_gql.schema.ids import encode_id
from lapor_gql.workflow import ProcessDiagram

from .conftest import DIAGRAM
from .test_process_definitions import edit, timer_of
from .world import World, make_world

DAY = timedelta(days=1)
DEFAULT_XML = DIAGRAM.read_text(encoding="utf-8")
TABLES = Path(__file__).parent / "decision_tables"
# Saved by Camunda Modeler: DMN 1.3 namespace, FEEL-compatible cells, a DMNDI drawing.
AGENCY_BY_CATEGORY = (TABLES / "agency_by_category.dmn").read_text(encoding="utf-8")

# The rule and its fallback: aspirations go to a business rule task in the system lane, whose
# agency (``dispose_to``) disposes the report; the gateway after it sends a report the rule could
# not dispose to the admin's verification.
_RULE_ELEMENTS = """
    <bpmn:exclusiveGateway id="skip_verification" name="Skip verification?" default="f_verify">
      <bpmn:incoming>f_submitted</bpmn:incoming>
      <bpmn:outgoing>f_route</bpmn:outgoing>
      <bpmn:outgoing>f_verify</bpmn:outgoing>
    </bpmn:exclusiveGateway>
    <bpmn:businessRuleTask id="route_by_category" name="Agency by category">
      <bpmn:extensionElements>
        <spiffworkflow:calledDecisionId>agency_by_category</spiffworkflow:calledDecisionId>
        <spiffworkflow:properties>
          <spiffworkflow:property name="dispose_to" value="routed_agency" />
          <spiffworkflow:property name="notify" value="reporter liaison" />
        </spiffworkflow:properties>
      </bpmn:extensionElements>
      <bpmn:incoming>f_route</bpmn:incoming>
      <bpmn:outgoing>f_routed</bpmn:outgoing>
    </bpmn:businessRuleTask>
    <bpmn:exclusiveGateway id="routed" name="Agency found?" default="{default}">
      <bpmn:incoming>f_routed</bpmn:incoming>
      <bpmn:outgoing>f_route_ok</bpmn:outgoing>
      <bpmn:outgoing>f_route_failed</bpmn:outgoing>
    </bpmn:exclusiveGateway>
    <bpmn:sequenceFlow id="f_route" sourceRef="skip_verification" targetRef="route_by_category">
      {aspiration}
    </bpmn:sequenceFlow>
    <bpmn:sequenceFlow id="f_verify" sourceRef="skip_verification" targetRef="dispose" />
    <bpmn:sequenceFlow id="f_routed" sourceRef="route_by_category" targetRef="routed" />
    <bpmn:sequenceFlow id="f_route_ok" sourceRef="routed" targetRef="to_follow_up">{ok}</bpmn:sequenceFlow>
    <bpmn:sequenceFlow id="f_route_failed" sourceRef="routed" targetRef="dispose">{failed}</bpmn:sequenceFlow>
"""
_CONDITION = '<bpmn:conditionExpression xsi:type="bpmn:tFormalExpression">{}</bpmn:conditionExpression>'
ASPIRATIONS = _CONDITION.format('classification == "ASPIRATION"')


def routing_variant(xml: str = DEFAULT_XML, *, fallback: bool = True) -> str:
    """The diagram with the rule in front of the admin's verification.

    Without ``fallback`` the gateway after the rule sends every report to the agency, also one the
    rule found no agency for: the mistake the validator exists to catch.
    """
    if fallback:
        elements = _RULE_ELEMENTS.format(
            aspiration=ASPIRATIONS,
            default="f_route_failed",
            ok=_CONDITION.format("routed_agency is not None"),
            failed="",
        )
    else:
        elements = _RULE_ELEMENTS.format(
            aspiration=ASPIRATIONS,
            default="f_route_ok",
            ok="",
            failed=_CONDITION.format('routed_agency == "never"'),
        )
    xml = edit(
        r'<bpmn:sequenceFlow id="f_submitted" sourceRef="submitted" targetRef="dispose" />',
        lambda _: (
            '<bpmn:sequenceFlow id="f_submitted" sourceRef="submitted" targetRef="skip_verification" />'
            + elements
        ),
        xml,
    )
    xml = edit(
        r'(<bpmn:userTask id="dispose".*?)<bpmn:incoming>f_submitted</bpmn:incoming>',
        r"\1<bpmn:incoming>f_verify</bpmn:incoming><bpmn:incoming>f_route_failed</bpmn:incoming>",
        xml,
        count=1,
    )
    xml = edit(
        r'(<bpmn:exclusiveGateway id="to_follow_up".*?<bpmn:incoming>f_accepted</bpmn:incoming>)',
        r"\1<bpmn:incoming>f_route_ok</bpmn:incoming>",
        xml,
        count=1,
    )
    return edit(
        r'(<bpmn:lane id="lane_system" name="system">)',
        r"\1<bpmn:flowNodeRef>skip_verification</bpmn:flowNodeRef>"
        r"<bpmn:flowNodeRef>route_by_category</bpmn:flowNodeRef><bpmn:flowNodeRef>routed</bpmn:flowNodeRef>",
        xml,
        count=1,
    )


def routing_when_verification_is_late() -> str:
    """The verification deadline takes the report from the admin and lets the rule dispose it."""
    rule = _RULE_ELEMENTS.format(
        aspiration="", default="f_route_failed", ok=_CONDITION.format("routed_agency is not None"), failed=""
    )
    # The rule and the gateway after it, without the gateway before it and its two flows.
    rule = rule[rule.index("<bpmn:businessRuleTask") : rule.index('<bpmn:sequenceFlow id="f_route"')]
    rule += rule_flows()
    rule = rule.replace(
        "<bpmn:incoming>f_route</bpmn:incoming>", "<bpmn:incoming>f_dispose_deadline</bpmn:incoming>"
    )
    xml = edit(
        r'(<bpmn:boundaryEvent id="dispose_deadline" [^>]*)cancelActivity="false"', r'\1cancelActivity="true"'
    )
    xml = edit(r'<bpmn:endEvent id="verification_overdue_end".*?</bpmn:endEvent>', "", xml, count=1)
    xml = edit(r"<bpmn:flowNodeRef>verification_overdue_end</bpmn:flowNodeRef>", "", xml, count=1)
    xml = edit(
        r'<bpmn:sequenceFlow id="f_dispose_deadline" [^>]*/>',
        lambda _: (
            '<bpmn:sequenceFlow id="f_dispose_deadline" sourceRef="dispose_deadline" '
            'targetRef="route_by_category" />' + rule
        ),
        xml,
        count=1,
    )
    xml = edit(
        r'(<bpmn:userTask id="dispose".*?<bpmn:incoming>f_submitted</bpmn:incoming>)',
        r"\1<bpmn:incoming>f_route_failed</bpmn:incoming>",
        xml,
        count=1,
    )
    xml = edit(
        r'(<bpmn:exclusiveGateway id="to_follow_up".*?<bpmn:incoming>f_accepted</bpmn:incoming>)',
        r"\1<bpmn:incoming>f_route_ok</bpmn:incoming>",
        xml,
        count=1,
    )
    return edit(
        r'(<bpmn:lane id="lane_system" name="system">)',
        r"\1<bpmn:flowNodeRef>route_by_category</bpmn:flowNodeRef><bpmn:flowNodeRef>routed</bpmn:flowNodeRef>",
        xml,
        count=1,
    )


def rule_flows() -> str:
    ok = _CONDITION.format("routed_agency is not None")
    return (
        '<bpmn:sequenceFlow id="f_routed" sourceRef="route_by_category" targetRef="routed" />'
        '<bpmn:sequenceFlow id="f_route_ok" sourceRef="routed" targetRef="to_follow_up">'
        f"{ok}</bpmn:sequenceFlow>"
        '<bpmn:sequenceFlow id="f_route_failed" sourceRef="routed" targetRef="dispose" />'
    )


def with_stage(xml: str = DEFAULT_XML) -> str:
    """The agency's follow-up step declares a stage of its own (still status DISPOSED)."""
    return edit(
        r'(<bpmn:userTask id="follow_up" name="Follow up the report">\s*<bpmn:extensionElements>\s*'
        r"<spiffworkflow:properties>)",
        r'\1<spiffworkflow:property name="stage" value="AWAITING_AGENCY" />'
        r'<spiffworkflow:property name="stage_label_id" value="Menunggu tindak lanjut instansi" />'
        r'<spiffworkflow:property name="stage_label_en" value="Awaiting follow-up by the agency" />',
        xml,
        count=1,
    )


REPORT_FIELDS = "id trackingNumber title status deadline agency { code }"

SUBMIT = f"""
mutation SubmitReportForRouting($input: ReportSubmitInput!) {{
  reportSubmit(input: $input) {{ report {{ {REPORT_FIELDS} }} errors {{ field code message }} }}
}}
"""

DISPOSE = f"""
mutation DisposeReportByHand($input: ReportDisposeInput!) {{
  reportDispose(input: $input) {{ report {{ {REPORT_FIELDS} }} errors {{ field code message }} }}
}}
"""

DEPLOY = """
mutation DeployRoutingDiagram($input: ProcessDefinitionDeployInput!) {
  processDefinitionDeploy(input: $input) {
    created
    processDefinition { version decisionTables }
    errors { field code message }
  }
}
"""

VALIDATE = """
mutation ValidateRoutingDiagram($input: ProcessDefinitionValidateInput!) {
  processDefinitionValidate(input: $input) { valid problems { elementId message } errors { code } }
}
"""

ROUTED_REPORT = """
query RoutedReport($id: ID!) {
  report(id: $id) {
    status
    stage { code label }
    deadline
    agency { code }
    timeline { action actionLabel fromStatus toStatus internalNote isPublic actorRole }
  }
}
"""

REPORTS_BY_STAGE = """
query ReportsByStage($filter: ReportFilter) {
  reports(filter: $filter) { edges { node { title status stage { code label } } } }
}
"""


class Desk:
    def __init__(self, gql: Any, world: World) -> None:
        self.gql = gql
        self.world = world

    async def deploy(self, xml: str, tables: list[str] | None = None) -> dict[str, Any]:
        variables = {"input": {"bpmnXml": xml, "decisionTables": tables or []}}
        payload = (await self.gql(DEPLOY, variables, self.world.analyst.token)).data[
            "processDefinitionDeploy"
        ]
        assert payload["errors"] == [], payload["errors"]
        return dict(payload)

    async def submit(self, classification: str, category: str, who: str = "budi") -> dict[str, Any]:
        fields = {
            "title": f"{classification} {category}",
            "body": "Mohon ditindaklanjuti.",
            "classification": classification,
            "category": category,
        }
        result = await self.gql(SUBMIT, {"input": fields}, self.world.people[who].token)
        payload = result.data["reportSubmit"]
        assert payload["errors"] == [], payload["errors"]
        return dict(payload["report"])

    async def report(self, report_id: str, who: str = "admin", language: str = "id") -> dict[str, Any]:
        data = (await self.gql(ROUTED_REPORT, {"id": report_id}, self.world.people[who].token, language)).data
        return dict(data["report"])

    async def dispose(self, report_id: str, agency: Agency) -> dict[str, Any]:
        variables = {"input": {"id": report_id, "agencyId": encode_id("Agency", agency.id)}}
        return dict((await self.gql(DISPOSE, variables, self.world.admin.token)).data["reportDispose"])


def _steps(timeline: list[dict[str, Any]]) -> list[tuple[str, str | None, str | None, str]]:
    return [(e["action"], e["fromStatus"], e["toStatus"], e["actorRole"]) for e in timeline]


# ------------------------------------------------------------------------------ routing by rule


async def test_an_aspiration_goes_straight_to_the_agency_its_category_names(
    gql: Any, clock: FakeClock
) -> None:
    world = await make_world(clock)
    desk = Desk(gql, world)
    deployed = await desk.deploy(routing_variant(), [AGENCY_BY_CATEGORY])
    assert deployed["created"] and deployed["processDefinition"]["version"] == 2
    assert deployed["processDefinition"]["decisionTables"] == [AGENCY_BY_CATEGORY]

    routed = await desk.submit("ASPIRATION", "Jalan")

    # Disposed as an admin's dispose would: the agency set, its deadline from the diagram (3
    # working days from Monday: Thursday), the liaison able to follow up at once.
    assert routed["status"] == "DISPOSED" and routed["agency"]["code"] == "PU"
    assert datetime.fromisoformat(routed["deadline"]) == clock() + 3 * DAY
    report = await desk.report(routed["id"])
    assert _steps(report["timeline"]) == [
        ("submit", None, None, "CITIZEN"),
        ("dispose", None, "DISPOSED", "SYSTEM"),
    ]
    assert report["timeline"][1]["actionLabel"] == "Disposisi ke instansi"
    entry = await ReportEvent.get(report__tracking_number=routed["trackingNumber"], action="dispose")
    assert entry.details == {
        "agencyId": world.pu.id,
        "rule": "route_by_category",
        "ruleLabel": "Agency by category",
    }
    assert entry.actor_id is None and entry.is_public
    # The rule's notify names the reporter and the liaison, as the admin's dispose does.
    told = {
        (n.recipient_id, n.kind)
        for n in await Notification.filter(report__tracking_number=routed["trackingNumber"])
    }
    assert (world.pu_liaison.user.id, "dispose") in told
    assert (world.budi.user.id, "dispose") in told
    followed = await desk.gql(
        """
        mutation FollowUpRouted($input: ReportMessageInput!) {
          reportFollowUp(input: $input) { report { status } errors { code } }
        }
        """,
        {"input": {"id": routed["id"], "message": "Sedang kami kerjakan."}},
        world.pu_liaison.token,
    )
    assert followed.data["reportFollowUp"] == {"report": {"status": "IN_PROGRESS"}, "errors": []}

    # A complaint of the same category still goes through the admin's verification.
    complaint = await desk.submit("COMPLAINT", "Jalan")
    assert complaint["status"] == "SUBMITTED" and complaint["agency"] is None


@pytest.mark.parametrize(
    ("category", "reason"),
    [
        ("Lainnya", "the rule gave no agency"),
        ("Pendidikan", "the rule gave agency code 'DINAS_TIDAK_ADA', which no agency has"),
        ("Kesehatan", "the rule gave agency 'DINKES', which is inactive"),
    ],
    ids=["unknown category", "unknown agency", "inactive agency"],
)
async def test_a_rule_without_a_usable_agency_leaves_the_report_with_the_admin(
    gql: Any, clock: FakeClock, category: str, reason: str
) -> None:
    world = await make_world(clock)
    await Agency.filter(id=world.dinkes.id).update(is_active=False)
    desk = Desk(gql, world)
    await desk.deploy(routing_variant(), [AGENCY_BY_CATEGORY])

    stuck = await desk.submit("ASPIRATION", category)

    assert stuck["status"] == "SUBMITTED" and stuck["agency"] is None
    report = await desk.report(stuck["id"])
    assert _steps(report["timeline"]) == [
        ("submit", None, "SUBMITTED", "CITIZEN"),
        ("ROUTING_FAILED", "SUBMITTED", "SUBMITTED", "SYSTEM"),
    ]
    failed = report["timeline"][1]
    assert failed["isPublic"] and failed["internalNote"] == reason
    # The reporter sees why, in their language, without the internal reason.
    public = await desk.report(stuck["id"], who="budi", language="en")
    assert public["timeline"][1]["actionLabel"] == (
        "Automatic disposition failed: the report awaits the admin's verification"
    )
    assert public["timeline"][1]["internalNote"] is None
    assert (
        await Notification.filter(report__tracking_number=stuck["trackingNumber"], kind="dispose").count()
        == 0
    )

    disposed = await desk.dispose(stuck["id"], world.pu)
    assert disposed["errors"] == [] and disposed["report"]["status"] == "DISPOSED"


async def test_the_deadline_of_a_routed_report_counts_with_its_agency_calendar(
    gql: Any, clock: FakeClock
) -> None:
    world = await make_world(clock)
    # The agency's own day off on Tuesday: not one for the national calendar the submission starts with.
    await Holiday.create(date=date(2026, 3, 3), name="Hari jadi dinas", kind="NATIONAL", agency=world.pu)
    desk = Desk(gql, world)
    await desk.deploy(routing_variant(), [AGENCY_BY_CATEGORY])

    routed = await desk.submit("ASPIRATION", "Jalan")

    assert datetime.fromisoformat(routed["deadline"]) == clock() + 4 * DAY  # Friday, not Thursday


async def test_a_late_verification_is_disposed_by_the_rule(
    gql: Any, clock: FakeClock, runtime: Runtime
) -> None:
    world = await make_world(clock)
    desk = Desk(gql, world)
    await desk.deploy(routing_when_verification_is_late(), [AGENCY_BY_CATEGORY])
    routed = await desk.submit("COMPLAINT", "Jalan")
    stuck = await desk.submit("COMPLAINT", "Lainnya", who="siti")

    due = clock() + 3 * DAY  # Thursday: three working days without verification
    clock.set(due + timedelta(seconds=1))
    assert await report_commands.fire_due_timers(runtime) == 2

    report = await desk.report(routed["id"])
    assert report["status"] == "DISPOSED" and report["agency"] == {"code": "PU"}
    assert _steps(report["timeline"]) == [
        ("submit", None, "SUBMITTED", "CITIZEN"),
        ("VERIFICATION_OVERDUE", "SUBMITTED", "SUBMITTED", "SYSTEM"),
        ("dispose", "SUBMITTED", "DISPOSED", "SYSTEM"),
    ]
    assert [entry["isPublic"] for entry in report["timeline"]] == [True, False, True]
    # Three working days from when the rule ran, which is when the verification fell due: Tuesday.
    assert datetime.fromisoformat(report["deadline"]) == due + 5 * DAY
    liaison = world.pu_liaison.user.id
    assert await Notification.filter(recipient_id=liaison, kind="dispose").count() == 1

    other = await desk.report(stuck["id"])
    assert other["status"] == "SUBMITTED" and other["agency"] is None
    assert _steps(other["timeline"])[-1] == ("ROUTING_FAILED", "SUBMITTED", "SUBMITTED", "SYSTEM")
    # Back at the admin's verification, with a new deadline.
    assert datetime.fromisoformat(other["deadline"]) == due + 5 * DAY


async def test_a_diagram_that_would_strand_a_report_is_refused_and_never_runs(
    gql: Any, clock: FakeClock
) -> None:
    world = await make_world(clock)
    desk = Desk(gql, world)
    broken = routing_variant(fallback=False)

    # The validator explores every sample: a category no table knows ends at the agency's step
    # with no agency.
    _diagram, problems = check_diagram(broken, [AGENCY_BY_CATEGORY])
    assert problems, "a diagram that strands reports must not validate"
    validated = (
        await gql(
            VALIDATE,
            {"input": {"bpmnXml": broken, "decisionTables": [AGENCY_BY_CATEGORY]}},
            world.analyst.token,
        )
    ).data
    assert validated["processDefinitionValidate"]["valid"] is False
    _diagram, problems = check_diagram(routing_variant(), [AGENCY_BY_CATEGORY])
    assert problems == []

    # Stored behind the validator's back, it still cannot strand a report: the submission is refused
    # and nothing of it is kept.
    diagram = ProcessDiagram.from_xml(broken.encode(), [AGENCY_BY_CATEGORY.encode()])
    await ProcessDefinition.create(
        process_id="report_lifecycle",
        version=2,
        bpmn_xml=broken,
        decision_tables=[AGENCY_BY_CATEGORY],
        sha256=diagram.sha256,
    )
    refused = await gql(
        SUBMIT,
        {
            "input": {
                "title": "Saran",
                "body": "Taman kota.",
                "classification": "ASPIRATION",
                "category": "Lainnya",
            }
        },
        world.budi.token,
    )
    assert refused.data["reportSubmit"]["report"] is None
    assert [e["code"] for e in refused.data["reportSubmit"]["errors"]] == ["NOBODY_CAN_ACT"]
    assert await Report.all().count() == 0
    # A category the table routes still works on it.
    assert (await desk.submit("ASPIRATION", "Jalan"))["agency"]["code"] == "PU"


async def test_the_validated_routing_diagram_never_leaves_a_report_without_someone_to_act(
    gql: Any, clock: FakeClock, runtime: Runtime
) -> None:
    world = await make_world(clock)
    await Agency.filter(id=world.dinkes.id).update(is_active=False)
    desk = Desk(gql, world)
    await desk.deploy(routing_variant(), [AGENCY_BY_CATEGORY])

    for classification in ("COMPLAINT", "ASPIRATION", "INFORMATION_REQUEST"):
        for category in ("Jalan", "Kesehatan", "Pendidikan", "Lainnya", ""):
            await desk.submit(classification, category)
    clock.advance(30 * DAY)  # every deadline, escalation and reminder passes
    await report_commands.fire_due_timers(runtime)

    for report in await Report.all():
        lanes = {pending["lane"] for pending in report.pending_actions}
        assert lanes, report.title
        assert report.agency_id is not None or not lanes <= {"liaison"}, report.title


# ----------------------------------------------------------------------- deadlines from data


async def test_a_follow_up_deadline_from_the_classification(gql: Any, clock: FakeClock) -> None:
    world = await make_world(clock)
    desk = Desk(gql, world)
    longer_for_complaints = timer_of(
        "follow_up_deadline", 'working_days(5 if classification == "COMPLAINT" else 3)'
    )
    await desk.deploy(longer_for_complaints)

    deadlines = {}
    for classification in ("COMPLAINT", "ASPIRATION"):
        submitted = await desk.submit(classification, "Jalan")
        deadlines[classification] = (await desk.dispose(submitted["id"], world.pu))["report"]["deadline"]

    monday = clock()
    assert datetime.fromisoformat(deadlines["COMPLAINT"]) == monday + 7 * DAY  # 5 working days
    assert datetime.fromisoformat(deadlines["ASPIRATION"]) == monday + 3 * DAY  # 3 working days


async def test_a_deadline_from_how_often_the_report_was_reopened(gql: Any, clock: FakeClock) -> None:
    world = await make_world(clock)
    desk = Desk(gql, world)
    # A reopened report is already known to the agency: one working day for the next follow-up.
    await desk.deploy(timer_of("follow_up_deadline", "working_days(3 if reopen_count == 0 else 1)"))
    submitted = await desk.submit("COMPLAINT", "Jalan")
    first = (await desk.dispose(submitted["id"], world.pu))["report"]
    assert datetime.fromisoformat(first["deadline"]) == clock() + 3 * DAY

    closed = await gql(
        """
        mutation CloseToReopen($input: ReportCloseInput!) {
          reportClose(input: $input) { report { status } errors { code } }
        }
        """,
        {"input": {"id": submitted["id"], "resolution": "Sudah diperbaiki."}},
        world.pu_liaison.token,
    )
    assert closed.data["reportClose"]["errors"] == []
    reopened = await gql(
        f"""
        mutation ReopenCounted($input: ReportReasonInput!) {{
          reportReopen(input: $input) {{ report {{ {REPORT_FIELDS} }} errors {{ code }} }}
        }}
        """,
        {"input": {"id": submitted["id"], "reason": "Masih rusak."}},
        world.admin.token,
    )

    again = reopened.data["reportReopen"]["report"]
    assert again["status"] == "DISPOSED"
    assert datetime.fromisoformat(again["deadline"]) == clock() + DAY  # the reopening counts at once
    assert (await Report.get(tracking_number=again["trackingNumber"])).reopen_count == 1


# ----------------------------------------------------------------------------------- stages


async def test_a_declared_stage_is_shown_and_filtered_on(gql: Any, clock: FakeClock) -> None:
    world = await make_world(clock)
    desk = Desk(gql, world)
    await desk.deploy(with_stage())
    waiting = await desk.submit("COMPLAINT", "Jalan")
    followed = await desk.submit("COMPLAINT", "Jalan", who="siti")
    await desk.dispose(followed["id"], world.pu)

    assert (await desk.report(followed["id"]))["stage"] == {
        "code": "AWAITING_AGENCY",
        "label": "Menunggu tindak lanjut instansi",
    }
    english = await desk.report(followed["id"], language="en")
    assert english["status"] == "DISPOSED"
    assert english["stage"] == {"code": "AWAITING_AGENCY", "label": "Awaiting follow-up by the agency"}
    # A step without a stage of its own: the status is the stage.
    assert (await desk.report(waiting["id"], language="en"))["stage"] == {
        "code": "SUBMITTED",
        "label": "Awaiting verification",
    }

    async def titles(*stages: str) -> list[str]:
        data = (await gql(REPORTS_BY_STAGE, {"filter": {"stages": list(stages)}}, world.admin.token)).data
        return [edge["node"]["title"] for edge in data["reports"]["edges"]]

    assert await titles("AWAITING_AGENCY") == [followed["title"]]
    assert len(await titles("SUBMITTED")) == 1
    assert len(await titles("AWAITING_AGENCY", "SUBMITTED")) == 2
    assert await titles("DISPOSED") == []
    bad = await gql(REPORTS_BY_STAGE, {"filter": {"stages": ["no spaces please"]}}, world.admin.token)
    assert bad.error_codes == ["INVALID"]


# -------------------------------------------------------------------- decision tables deployed


async def test_decision_tables_are_versioned_with_the_diagram(gql: Any, clock: FakeClock) -> None:
    world = await make_world(clock)
    desk = Desk(gql, world)
    variant = routing_variant()
    assert (await desk.deploy(variant, [AGENCY_BY_CATEGORY]))["processDefinition"]["version"] == 2

    # The same table saved again with another drawing and layout is the same process.
    redrawn = AGENCY_BY_CATEGORY.replace('x="160" y="100"', 'x="400" y="250"').replace("  ", "    ")
    again = await desk.deploy(variant, [redrawn])
    assert not again["created"] and again["processDefinition"]["version"] == 2
    # Another rule is another version, whose reports follow it.
    to_dindik = AGENCY_BY_CATEGORY.replace('"DINAS_TIDAK_ADA"', '"DINDIK"')
    changed = await desk.deploy(variant, [to_dindik])
    assert changed["created"] and changed["processDefinition"]["version"] == 3
    assert (await desk.submit("ASPIRATION", "Pendidikan"))["agency"]["code"] == "DINDIK"

    async def problems(tables: list[str]) -> list[str]:
        data = (
            await gql(
                VALIDATE, {"input": {"bpmnXml": variant, "decisionTables": tables}}, world.analyst.token
            )
        ).data
        return [p["message"] for p in data["processDefinitionValidate"]["problems"]]

    assert await problems([AGENCY_BY_CATEGORY]) == []
    assert any("agency_by_category" in message for message in await problems([]))
    unused = AGENCY_BY_CATEGORY.replace('decision id="agency_by_category"', 'decision id="something_else"')
    assert await problems([AGENCY_BY_CATEGORY, unused]) == [
        "decision table 2 defines no decision the diagram calls"
    ]
    assert any("not a DMN document" in message for message in await problems(["<html/>"]))


async def test_the_startup_deploy_and_the_cli_take_the_tables_beside_the_diagram(
    db: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "workflows"
    folder.mkdir()
    (folder / "report_lifecycle.bpmn").write_text(routing_variant(), encoding="utf-8")
    (folder / "agency_by_category.dmn").write_text(AGENCY_BY_CATEGORY, encoding="utf-8")
    (folder / "unrelated.dmn").write_text(
        AGENCY_BY_CATEGORY.replace('decision id="agency_by_category"', 'decision id="unrelated"'),
        encoding="utf-8",
    )

    definition = await deploy_diagram_file(folder / "report_lifecycle.bpmn")

    assert definition.version == 2 and definition.decision_tables == [AGENCY_BY_CATEGORY]
    assert (await deploy_diagram_file(folder / "report_lifecycle.bpmn")).version == 2

    # The command line checks the diagram with the tables beside it.
    checked = CliRunner().invoke(app, ["process", "validate", str(folder / "report_lifecycle.bpmn")])
    assert checked.exit_code == 0, checked.output
    (folder / "agency_by_category.dmn").unlink()
    missing = CliRunner().invoke(app, ["process", "validate", str(folder / "report_lifecycle.bpmn")])
    assert missing.exit_code == 1 and "agency_by_category" in missing.output


async def test_a_running_report_keeps_its_tables_when_a_newer_version_drops_them(
    gql: Any, clock: FakeClock, runtime: Runtime
) -> None:
    world = await make_world(clock)
    desk = Desk(gql, world)
    await desk.deploy(routing_variant(), [AGENCY_BY_CATEGORY])
    routed = await desk.submit("ASPIRATION", "Jalan")
    await desk.deploy(DEFAULT_XML)  # version 3, no rule

    # A fresh process (no diagram cached) still runs the report on version 2.
    workflow = await ReportWorkflow.get(report__tracking_number=routed["trackingNumber"]).prefetch_related(
        "definition"
    )
    assert workflow.definition.version == 2
    clock.advance(4 * DAY)
    assert await report_commands.fire_due_timers(Runtime(clock=clock)) == 1
    assert (await desk.report(routed["id"]))["timeline"][-1]["action"] == "ESCALATED"
