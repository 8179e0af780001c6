"""The example diagrams of the analysts' guide (``workflows/examples/``), deployed and driven.

Each example is the shipped diagram with one change, kept under the process id ``report_lifecycle``
so that new reports start on it. Every test deploys one through GraphQL as the analyst (with the
decision tables beside it), then drives reports through it on the fake clock, one named operation
per step, and checks what the guide promises: routing, deadlines, stage, declared actions, timeline
entries and notifications. The guide's table of report facts is checked against the application's.
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from typer.testing import CliRunner

from lapor_gql.cli import app
from lapor_gql.clock import FakeClock
from lapor_gql.config import PROJECT_ROOT
from lapor_gql.db.models import Agency, Notification
from lapor_gql.domain import reports as report_commands
from lapor_gql.domain.messages import render_notification
from lapor_gql.domain.processes import Runtime, check_diagram
from lapor_gql.domain.report_facts import FACTS
from lapor_gql.schema.ids import encode_id
from lapor_gql.workflow import ProcessDiagram

from .operations import ARCHIVE, CLOSE, DISPOSE, FOLLOW_UP, SUBMIT
from .world import World, make_world

EXAMPLES = PROJECT_ROOT / "workflows" / "examples"
GUIDE = PROJECT_ROOT / "workflows" / "README.md"
DAY = timedelta(days=1)
SECOND = timedelta(seconds=1)

DEPLOY_EXAMPLE = """
mutation DeployExample($input: ProcessDefinitionDeployInput!) {
  processDefinitionDeploy(input: $input) {
    created
    processDefinition { processId version decisionTables }
    errors { field code message }
  }
}
"""

EXAMPLE_REPORT = """
query ExampleReport($id: ID!) {
  report(id: $id) {
    status
    stage { code label }
    deadline
    isOverdue
    agency { code }
    availableActions { code label inputs { name kind required label choices { code label } } }
  }
}
"""

EXAMPLE_TIMELINE = """
query ExampleTimeline($id: ID!) {
  report(id: $id) { timeline { action actionLabel fromStatus toStatus message internalNote actorRole } }
}
"""

PERFORM_ACTION = """
mutation PerformAction($input: ReportActionPerformInput!) {
  reportActionPerform(input: $input) {
    report { status stage { code label } }
    errors { field code message }
  }
}
"""

MIGRATE_TO_EXAMPLE = """
mutation MigrateToExample($input: ProcessInstancesMigrateInput!) {
  processInstancesMigrate(input: $input) {
    movedCount
    outcomes { reportId moved timers { elementId oldDueAt newDueAt countedFrom } }
    errors { field code message }
  }
}
"""

REPORTS_AT_STAGE = """
query ReportsAtStage($stages: [String!]) {
  reports(filter: {stages: $stages}) { edges { node { id } } }
}
"""


def example_diagram(name: str) -> ProcessDiagram:
    """The example with the decision tables beside it that it calls, as the command line deploys it."""
    return ProcessDiagram.from_file(EXAMPLES / name)


class Desk:
    """The people of a small province acting through GraphQL on an example's reports."""

    def __init__(self, gql: Any, world: World) -> None:
        self.gql = gql
        self.world = world

    async def deploy(self, name: str) -> int:
        diagram = example_diagram(name)
        given = {
            "bpmnXml": diagram.xml.decode("utf-8"),
            "decisionTables": [table.decode("utf-8") for table in diagram.decision_tables],
            "note": f"example {name}",
        }
        result = await self.gql(DEPLOY_EXAMPLE, {"input": given}, self.world.analyst.token)
        payload = result.data["processDefinitionDeploy"]
        assert payload["errors"] == [], payload["errors"]
        deployed = payload["processDefinition"]
        assert deployed["processId"] == "report_lifecycle"  # new reports start on it
        assert len(deployed["decisionTables"]) == len(diagram.decision_tables)
        return int(deployed["version"])

    async def submit(self, classification: str = "COMPLAINT", category: str = "", who: str = "budi") -> str:
        fields = {
            "title": "Jalan berlubang",
            "body": "Lubang besar di depan sekolah.",
            "classification": classification,
            "category": category,
        }
        return str((await self._mutate(SUBMIT, "reportSubmit", fields, who))["id"])

    async def dispose(self, report_id: str, agency: Agency | None = None) -> None:
        agency_id = encode_id("Agency", (agency or self.world.pu).id)
        await self._mutate(DISPOSE, "reportDispose", {"id": report_id, "agencyId": agency_id}, "admin")

    async def act(self, who: str, operation: str, field: str, report_id: str, **fields: object) -> None:
        await self._mutate(operation, field, {"id": report_id, **fields}, who)

    async def perform(self, who: str, report_id: str, action: str, **values: str) -> dict[str, Any]:
        given = {
            "id": report_id,
            "action": action,
            "values": [{"name": name, "value": value} for name, value in values.items()],
        }
        result = await self.gql(PERFORM_ACTION, {"input": given}, self.world.people[who].token)
        return dict(result.data["reportActionPerform"])

    async def report(self, report_id: str, who: str = "admin", language: str = "id") -> dict[str, Any]:
        result = await self.gql(EXAMPLE_REPORT, {"id": report_id}, self.world.people[who].token, language)
        return dict(result.data["report"])

    async def actions(self, report_id: str, who: str) -> list[str]:
        return [action["code"] for action in (await self.report(report_id, who))["availableActions"]]

    async def timeline(
        self, report_id: str, language: str = "id", who: str = "admin"
    ) -> list[dict[str, Any]]:
        token = self.world.people[who].token
        result = await self.gql(EXAMPLE_TIMELINE, {"id": report_id}, token, language)
        return list(result.data["report"]["timeline"])

    async def entries(self, report_id: str) -> list[tuple[str, str, str, str]]:
        return [
            (e["action"], e["actorRole"], e["fromStatus"] or "", e["toStatus"] or "")
            for e in await self.timeline(report_id)
        ]

    async def _mutate(
        self, operation: str, field: str, fields: dict[str, object], who: str
    ) -> dict[str, Any]:
        result = await self.gql(operation, {"input": fields}, self.world.people[who].token)
        payload = result.data[field]
        assert payload["errors"] == [], payload["errors"]
        return dict(payload["report"])


async def notified(kind: str) -> list[str]:
    """Who was told of ``kind``, in the order the notifications were queued."""
    rows = await Notification.filter(kind=kind).order_by("id").prefetch_related("recipient")
    return [row.recipient.email for row in rows]


def due(report: dict[str, Any]) -> datetime:
    return datetime.fromisoformat(report["deadline"])


# ------------------------------------------------------------------------ the examples validate


@pytest.mark.parametrize("path", sorted(EXAMPLES.glob("*.bpmn")), ids=lambda path: path.stem)
def test_every_example_validates_as_the_command_line_checks_it(path: Path) -> None:
    diagram = example_diagram(path.name)
    checked, problems = check_diagram(diagram.xml, diagram.decision_tables)
    assert (checked is not None, problems) == (True, [])  # not even a warning

    # The command line picks up the decision tables beside the file, and says what it explored.
    result = CliRunner().invoke(app, ["process", "validate", str(path)])
    assert result.exit_code == 0, result.output
    assert f"{path}: valid (process report_lifecycle" in result.output
    assert "every user task and catch event reached" in result.output


def test_the_guide_lists_exactly_the_report_facts() -> None:
    guide = GUIDE.read_text(encoding="utf-8")
    section = guide.split("### Report facts", 1)[1].split("\n### ", 1)[0]
    rows = re.findall(r"^\| `(\w+)` \| ([^|]+?) \|", section, flags=re.MULTILINE)
    assert rows == [(fact.name, fact.type) for fact in FACTS]


# ------------------------------------------------ (a) aspirations of a category go to the agency


async def test_a_aspirations_of_a_listed_category_go_straight_to_the_agency(
    gql: Any, clock: FakeClock
) -> None:
    world = await make_world(clock)
    desk = Desk(gql, world)
    assert await desk.deploy("route_aspirations_by_category.bpmn") == 2
    monday = clock()

    # An aspiration about roads: the table names PU, and the report is PU's at once.
    roads = await desk.submit("ASPIRATION", "Jalan")
    routed = await desk.report(roads)
    assert (routed["status"], routed["agency"]) == ("DISPOSED", {"code": "PU"})
    assert due(routed) == monday + 3 * DAY  # the follow-up deadline, as after the admin's dispose
    assert await desk.actions(roads, "pu_liaison") == ["follow_up", "request_not_authority", "close"]
    assert await desk.actions(roads, "admin") == []
    # The rule's entry is the admin's dispose, by the system, and carries the status change.
    assert await desk.entries(roads) == [("submit", "CITIZEN", "", ""), ("dispose", "SYSTEM", "", "DISPOSED")]
    assert sorted(await notified("dispose")) == ["budi@lapor.test", "pu_liaison@lapor.test"]

    # A complaint about roads is not an aspiration: the admin verifies it, as before.
    complaint = await desk.submit("COMPLAINT", "Jalan")
    assert (await desk.report(complaint))["status"] == "SUBMITTED"
    assert [entry[0] for entry in await desk.entries(complaint)] == ["submit"]

    # A category the table does not list: the admin verifies it, and the timeline says why.
    unlisted = await desk.submit("ASPIRATION", "Sampah")
    waiting = await desk.report(unlisted)
    assert (waiting["status"], waiting["agency"]) == ("SUBMITTED", None)
    assert due(waiting) == monday + 3 * DAY  # the admin's verification deadline
    assert "dispose" in await desk.actions(unlisted, "admin")
    assert await desk.entries(unlisted) == [
        ("submit", "CITIZEN", "", "SUBMITTED"),
        ("ROUTING_FAILED", "SYSTEM", "SUBMITTED", "SUBMITTED"),
    ]
    failed = (await desk.timeline(unlisted))[-1]
    # The reporter sees that the admin will verify it; why is for the officers.
    seen_by_reporter = (await desk.timeline(unlisted, who="budi"))[-1]
    assert (seen_by_reporter["action"], seen_by_reporter["internalNote"]) == ("ROUTING_FAILED", None)
    assert (failed["action"], failed["actorRole"]) == ("ROUTING_FAILED", "SYSTEM")
    assert failed["internalNote"] == "the rule gave no agency"
    await desk.dispose(unlisted, world.dinkes)
    assert (await desk.report(unlisted))["agency"] == {"code": "DINKES"}

    # An agency the table names but which is inactive: the admin verifies it too.
    await Agency.filter(id=world.dindik.id).update(is_active=False)
    schools = await desk.submit("ASPIRATION", "Pendidikan")
    assert (await desk.report(schools))["status"] == "SUBMITTED"
    failed = (await desk.timeline(schools))[-1]
    assert failed["action"] == "ROUTING_FAILED"
    assert failed["internalNote"] == "the rule gave agency 'DINDIK', which is inactive"

    # Reports the rule disposed wait at the same stage as those the admin disposed.
    found = await gql(REPORTS_AT_STAGE, {"stages": ["DISPOSED"]}, world.admin.token)
    assert sorted(edge["node"]["id"] for edge in found.data["reports"]["edges"]) == sorted([roads, unlisted])


# ------------------------------------------------------ (b) a follow-up period by classification


async def test_b_complaints_get_5_working_days_to_follow_up_the_rest_3(
    gql: Any, clock: FakeClock, runtime: Runtime
) -> None:
    desk = Desk(gql, await make_world(clock))
    assert await desk.deploy("follow_up_by_classification.bpmn") == 2
    complaint = await desk.submit("COMPLAINT")
    aspiration = await desk.submit("ASPIRATION")
    monday = clock()
    await desk.dispose(complaint)
    await desk.dispose(aspiration)

    assert due(await desk.report(complaint)) == monday + 7 * DAY  # next Monday
    assert due(await desk.report(aspiration)) == monday + 3 * DAY  # Thursday

    clock.set(monday + 2 * DAY + SECOND)  # Wednesday: the aspiration's reminder
    await report_commands.fire_due_timers(runtime)
    assert [e[0] for e in await desk.entries(aspiration)][-1] == "FOLLOW_UP_REMINDER"
    assert [e[0] for e in await desk.entries(complaint)][-1] == "dispose"

    clock.set(monday + 3 * DAY + SECOND)  # Thursday: the aspiration is overdue, the complaint not
    await report_commands.fire_due_timers(runtime)
    assert (await desk.report(aspiration))["isOverdue"] is True
    assert (await desk.report(complaint))["isOverdue"] is False

    clock.set(monday + 4 * DAY + SECOND)  # Friday: the complaint's reminder, one working day before
    await report_commands.fire_due_timers(runtime)
    assert [e[0] for e in await desk.entries(complaint)][-1] == "FOLLOW_UP_REMINDER"

    clock.set(monday + 7 * DAY + SECOND)  # next Monday: the complaint is escalated
    await report_commands.fire_due_timers(runtime)
    assert (await desk.report(complaint))["isOverdue"] is True
    assert [e[0] for e in await desk.entries(complaint)][-2:] == ["FOLLOW_UP_REMINDER", "ESCALATED"]
    assert [e[0] for e in await desk.entries(aspiration)][-2:] == ["FOLLOW_UP_REMINDER", "ESCALATED"]


async def test_b_running_complaints_get_the_longer_period_counted_from_their_disposition_when_rearmed(
    gql: Any, clock: FakeClock
) -> None:
    world = await make_world(clock)
    desk = Desk(gql, world)
    complaint = await desk.submit("COMPLAINT")
    aspiration = await desk.submit("ASPIRATION")
    monday = clock()
    await desk.dispose(complaint)  # on version 1: 3 working days for both
    await desk.dispose(aspiration)
    assert due(await desk.report(complaint)) == monday + 3 * DAY

    clock.set(monday + 2 * DAY)  # Wednesday: the new rule is deployed, running reports moved
    assert await desk.deploy("follow_up_by_classification.bpmn") == 2
    given = {"fromVersion": 1, "toVersion": 2, "rearmTimers": True}
    result = (await gql(MIGRATE_TO_EXAMPLE, {"input": given}, world.analyst.token)).data
    payload = result["processInstancesMigrate"]
    assert (payload["errors"], payload["movedCount"]) == ([], 2)
    timers = {
        (outcome["reportId"], timer["elementId"]): timer
        for outcome in payload["outcomes"]
        for timer in outcome["timers"]
    }
    deadline = timers[(complaint, "follow_up_deadline")]
    assert datetime.fromisoformat(deadline["countedFrom"]) == monday  # when the follow-up began
    assert datetime.fromisoformat(deadline["oldDueAt"]) == monday + 3 * DAY
    assert datetime.fromisoformat(deadline["newDueAt"]) == monday + 7 * DAY

    # The complaint is due next Monday, counted from Monday's disposition; the aspiration keeps Thursday.
    assert due(await desk.report(complaint)) == monday + 7 * DAY
    assert due(await desk.report(aspiration)) == monday + 3 * DAY


# --------------------------------------------------- (c) a closure the admin approves, own stage


async def test_c_the_liaison_proposes_closing_and_the_admin_approves_with_its_own_stage_and_action(
    gql: Any, clock: FakeClock
) -> None:
    world = await make_world(clock)
    desk = Desk(gql, world)
    assert await desk.deploy("closure_approval.bpmn") == 2
    report = await desk.submit()
    await desk.dispose(report)

    # The liaison's button is the diagram's own action, with its form.
    offered = {a["code"]: a for a in (await desk.report(report, "pu_liaison"))["availableActions"]}
    assert sorted(offered) == ["follow_up", "propose_closure", "request_not_authority"]
    assert offered["propose_closure"]["label"] == "Usulkan penutupan"
    assert offered["propose_closure"]["inputs"] == [
        {"name": "resolution", "kind": "NOTE", "required": True, "label": "Penyelesaian", "choices": []}
    ]
    # The application's close is no longer the liaison's.
    refused = await gql(CLOSE, {"input": {"id": report, "resolution": "Selesai."}}, world.pu_liaison.token)
    assert [e["code"] for e in refused.data["reportClose"]["errors"]] == ["ACTION_NOT_AVAILABLE"]
    proposed = await desk.perform(
        "pu_liaison", report, "propose_closure", resolution="Lubang sudah ditambal."
    )
    assert proposed["errors"] == []
    assert proposed["report"]["status"] == "IN_PROGRESS"
    assert proposed["report"]["stage"] == {
        "code": "AWAITING_APPROVAL",
        "label": "Menunggu persetujuan penutupan",
    }
    english = await desk.report(report, "admin", language="en")
    assert english["stage"] == {"code": "AWAITING_APPROVAL", "label": "Awaiting closure approval"}
    assert await desk.actions(report, "pu_liaison") == []
    decision = english["availableActions"]
    assert [(a["code"], a["label"]) for a in decision] == [("approve_closure", "Decide on the closure")]
    assert decision[0]["inputs"] == [
        {
            "name": "approved",
            "kind": "YESNO",
            "required": True,
            "label": "Approve the closure?",
            "choices": [],
        },
        {"name": "note", "kind": "NOTE", "required": False, "label": "Note", "choices": []},
    ]
    # The admins are told that a closure waits for them; the reporter is not told anything yet.
    assert await notified("propose_closure") == ["admin@lapor.test"]
    found = await gql(REPORTS_AT_STAGE, {"stages": ["AWAITING_APPROVAL"]}, world.admin.token)
    assert [edge["node"]["id"] for edge in found.data["reports"]["edges"]] == [report]

    # A decision needs its yes or no.
    missing = await desk.perform("admin", report, "approve_closure", note="Belum lengkap.")
    assert [(e["field"], e["code"]) for e in missing["errors"]] == [("approved", "REQUIRED")]

    # Sent back: the agency follows up again, with a fresh deadline; the liaisons are told.
    returned = await desk.perform("admin", report, "approve_closure", approved="false", note="Foto bukti?")
    assert returned["errors"] == []
    assert returned["report"]["stage"]["code"] == "DISPOSED"
    back = await desk.report(report)
    assert (back["status"], due(back)) == ("DISPOSED", clock() + 3 * DAY)
    assert await notified("CLOSURE_RETURNED") == ["pu_liaison@lapor.test"]

    # Proposed again and approved: closed, and now the reporter is told.
    await desk.perform("pu_liaison", report, "propose_closure", resolution="Foto terlampir.")
    approved = await desk.perform("admin", report, "approve_closure", approved="true")
    assert approved["errors"] == []
    assert approved["report"]["status"] == "CLOSED"
    assert sorted(await notified("CLOSURE_APPROVED")) == ["budi@lapor.test", "pu_liaison@lapor.test"]
    to_reporter = await Notification.get(kind="CLOSURE_APPROVED", recipient_id=world.budi.user.id)
    mail = render_notification(
        "CLOSURE_APPROVED", to_reporter.payload, "Budi", "reporter", clock(), ZoneInfo("Asia/Jakarta")
    )
    assert mail.subject.endswith(": Penutupan disetujui")
    assert await notified("close") == []

    assert await desk.entries(report) == [
        ("submit", "CITIZEN", "", "SUBMITTED"),
        ("dispose", "ADMIN", "SUBMITTED", "DISPOSED"),
        ("propose_closure", "LIAISON", "DISPOSED", "IN_PROGRESS"),
        ("approve_closure", "ADMIN", "IN_PROGRESS", "DISPOSED"),
        ("CLOSURE_RETURNED", "SYSTEM", "DISPOSED", "DISPOSED"),
        ("propose_closure", "LIAISON", "DISPOSED", "IN_PROGRESS"),
        ("approve_closure", "ADMIN", "IN_PROGRESS", "CLOSED"),
        ("CLOSURE_APPROVED", "SYSTEM", "CLOSED", "CLOSED"),
    ]
    timeline = await desk.timeline(report)
    assert [e["actionLabel"] for e in timeline[2:5]] == [
        "Usulkan penutupan",
        "Putuskan usulan penutupan",
        "Usulan penutupan dikembalikan",
    ]
    assert (timeline[2]["message"], timeline[3]["message"]) == ("Lubang sudah ditambal.", "Foto bukti?")


# ------------------------------------------------------- (d) audit on steps a person completes


async def test_d_the_end_after_archive_and_an_event_after_close_write_their_entries(
    gql: Any, clock: FakeClock
) -> None:
    world = await make_world(clock)
    desk = Desk(gql, world)
    assert await desk.deploy("audit_person_steps.bpmn") == 2

    archived = await desk.submit("INFORMATION_REQUEST")
    await desk.act("admin", ARCHIVE, "reportArchive", archived, reason="Bukan laporan.")
    assert await desk.entries(archived) == [
        ("submit", "CITIZEN", "", "SUBMITTED"),
        ("archive", "ADMIN", "SUBMITTED", "ARCHIVED"),
        ("ARCHIVE_FILED", "SYSTEM", "ARCHIVED", "ARCHIVED"),
    ]
    assert (await desk.timeline(archived, "en"))[-1]["actionLabel"] == "Report filed in the archive"

    closed = await desk.submit()
    await desk.dispose(closed)
    await desk.act("pu_liaison", FOLLOW_UP, "reportFollowUp", closed, message="Sedang dikerjakan.")
    await desk.act("pu_liaison", CLOSE, "reportClose", closed, resolution="Sudah ditambal.")
    assert (await desk.entries(closed))[-2:] == [
        ("close", "LIAISON", "IN_PROGRESS", "CLOSED"),
        ("CLOSURE_NOTED", "SYSTEM", "CLOSED", "CLOSED"),
    ]
    assert await notified("CLOSURE_NOTED") == ["admin@lapor.test"]


# ----------------------------------------------------------- (e) a repeated escalation, done right


async def test_e_a_second_boundary_timer_escalates_again_only_while_the_follow_up_waits(
    gql: Any, clock: FakeClock, runtime: Runtime
) -> None:
    desk = Desk(gql, await make_world(clock))
    assert await desk.deploy("repeated_escalation.bpmn") == 2
    ignored = await desk.submit()
    answered = await desk.submit()
    monday = clock()
    await desk.dispose(ignored)
    await desk.dispose(answered)

    clock.set(monday + 3 * DAY + SECOND)  # Thursday: both escalated once
    await report_commands.fire_due_timers(runtime)
    clock.set(monday + 4 * DAY)  # Friday: one agency follows up after all
    await desk.act("pu_liaison", FOLLOW_UP, "reportFollowUp", answered, message="Maaf, sedang dikerjakan.")

    clock.set(monday + 8 * DAY + SECOND)  # Tuesday, 6 working days: only the ignored one again
    await report_commands.fire_due_timers(runtime)
    assert [e[0] for e in await desk.entries(ignored)][-3:] == [
        "FOLLOW_UP_REMINDER",
        "ESCALATED",
        "ESCALATED_AGAIN",
    ]
    assert [e[0] for e in await desk.entries(answered)][-2:] == ["ESCALATED", "follow_up"]
    assert await notified("ESCALATED_AGAIN") == ["pu_liaison@lapor.test", "admin@lapor.test"]

    clock.set(monday + 30 * DAY)  # nothing else fires for either
    await report_commands.fire_due_timers(runtime)
    assert [e[0] for e in await desk.entries(ignored)][-1] == "ESCALATED_AGAIN"
    assert [e[0] for e in await desk.entries(answered)][-1] == "AUTO_CLOSED"


CHAINED_ESCALATION = """    <bpmn:intermediateCatchEvent id="escalate_again" name="3 more working days">
      <bpmn:extensionElements>
        <spiffworkflow:properties>
          <spiffworkflow:property name="audit" value="ESCALATED" />
        </spiffworkflow:properties>
      </bpmn:extensionElements>
      <bpmn:incoming>f_follow_up_deadline</bpmn:incoming>
      <bpmn:outgoing>f_escalate_again</bpmn:outgoing>
      <bpmn:timerEventDefinition id="escalate_again_definition">
        <bpmn:timeDate xsi:type="bpmn:tFormalExpression">working_days(3)</bpmn:timeDate>
      </bpmn:timerEventDefinition>
    </bpmn:intermediateCatchEvent>
    <bpmn:sequenceFlow id="f_escalate_again" sourceRef="escalate_again" targetRef="follow_up_escalated_end" />
"""


def _replace_once(xml: str, old: str, new: str) -> str:
    assert xml.count(old) == 1, old
    return xml.replace(old, new)


def test_e_a_timer_chained_after_the_first_escalation_is_warned_with_the_pattern() -> None:
    # The wrong way: the first escalation's path waits 3 more working days, then escalates again.
    xml = (EXAMPLES.parent / "report_lifecycle.bpmn").read_text(encoding="utf-8")
    xml = _replace_once(
        xml,
        'sourceRef="follow_up_deadline" targetRef="follow_up_escalated_end"',
        'sourceRef="follow_up_deadline" targetRef="escalate_again"',
    )
    xml = _replace_once(
        xml,
        "<bpmn:incoming>f_follow_up_deadline</bpmn:incoming>",
        "<bpmn:incoming>f_escalate_again</bpmn:incoming>",
    )
    xml = _replace_once(
        xml,
        "<bpmn:flowNodeRef>follow_up_escalated_end</bpmn:flowNodeRef>",
        "<bpmn:flowNodeRef>follow_up_escalated_end</bpmn:flowNodeRef>"
        "<bpmn:flowNodeRef>escalate_again</bpmn:flowNodeRef>",
    )
    xml = _replace_once(xml, "  </bpmn:process>", CHAINED_ESCALATION + "  </bpmn:process>")

    diagram, problems = check_diagram(xml)
    assert diagram is not None  # a warning: it may still be deployed
    chained = [(p.element_id, p.severity) for p in problems if "cumulative days" in p.message]
    assert chained == [("follow_up_deadline", "warning")]


# ------------------------------------------------------------- (f) the reporter's rating, and low scores


async def test_f_a_low_rating_is_noted_and_the_admins_and_the_agency_are_told(
    gql: Any, clock: FakeClock
) -> None:
    desk = Desk(gql, await make_world(clock))
    assert await desk.deploy("low_rating_alert.bpmn") == 2

    async def closed_and_rated(score: str) -> str:
        report_id = await desk.submit()
        await desk.dispose(report_id)
        await desk.act("pu_liaison", CLOSE, "reportClose", report_id, resolution="Sudah ditambal.")
        assert "rate" in await desk.actions(report_id, "budi")
        rated = await desk.perform("budi", report_id, "rate", score=score, comment="Masih bergelombang.")
        assert rated["errors"] == []
        assert rated["report"]["status"] == "CLOSED"
        return report_id

    low = await closed_and_rated("2")
    assert (await desk.entries(low))[-2:] == [
        ("rate", "CITIZEN", "CLOSED", "CLOSED"),
        ("LOW_RATING", "SYSTEM", "CLOSED", "CLOSED"),
    ]
    assert (await desk.timeline(low, "en"))[-1]["actionLabel"] == "Low rating from the reporter"
    assert await notified("LOW_RATING") == ["pu_liaison@lapor.test", "admin@lapor.test"]
    # Rated once: the report waits where only a reopening is offered.
    assert await desk.actions(low, "budi") == []

    fine = await closed_and_rated("3")
    assert (await desk.entries(fine))[-1] == ("rate", "CITIZEN", "CLOSED", "CLOSED")
    assert await notified("LOW_RATING") == ["pu_liaison@lapor.test", "admin@lapor.test"]
