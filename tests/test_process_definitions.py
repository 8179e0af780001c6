"""Versioned process diagrams: validate, deploy (GraphQL and CLI), inspect, diff, and bad uploads."""

from __future__ import annotations

import asyncio
import re
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

import pytest
from tortoise import Tortoise
from typer.testing import CliRunner

from lapor_gql.cli import app
from lapor_gql.clock import FakeClock
from lapor_gql.db import close_database, open_database
from lapor_gql.db.models import AuditEvent, ProcessDefinition, ReportWorkflow
from lapor_gql.domain import actions, processes
from lapor_gql.schema.ids import encode_id
from lapor_gql.schema.types import ReportStatus

from .conftest import DIAGRAM
from .operations import DISPOSE, SUBMIT
from .world import World, make_world

DEFAULT_XML = DIAGRAM.read_text(encoding="utf-8")

VALIDATE = """
mutation ValidateDiagram($input: ProcessDefinitionValidateInput!) {
  processDefinitionValidate(input: $input) {
    valid
    problems { elementId message }
    errors { field code message }
  }
}
"""

DEPLOY = """
mutation DeployDiagram($input: ProcessDefinitionDeployInput!) {
  processDefinitionDeploy(input: $input) {
    created
    processDefinition { id processId version sha256 note deployedBy { name } reportCount }
    errors { field code message }
  }
}
"""

DEFINITIONS = """
query ProcessDefinitions($first: Int, $after: String) {
  processDefinitions(first: $first, after: $after) {
    edges { cursor node { id processId version note reportCount deployedAt deployedBy { name } } }
    pageInfo { hasNextPage endCursor }
  }
}
"""

DEFINITION = """
query ProcessDefinition($id: ID!, $otherId: ID!) {
  processDefinition(id: $id) {
    version
    bpmnXml
    sha256
    reportCount
    diff(otherId: $otherId) { changed { elementId } }
  }
}
"""

DIFF = """
query ProcessDefinitionDiff($fromId: ID!, $toId: ID!) {
  processDefinitionDiff(fromId: $fromId, toId: $toId) {
    added { elementId elementType name }
    removed { elementId elementType name }
    changed { elementId elementType name changes { what before after } }
  }
}
"""


def edit(
    pattern: str, replacement: str | Callable[[re.Match[str]], str], xml: str = DEFAULT_XML, count: int = 0
) -> str:
    edited, n = re.subn(pattern, replacement, xml, count=count, flags=re.DOTALL)
    assert n, f"pattern {pattern!r} not found in the default diagram"
    return edited


def timer_of(element_id: str, expression: str, xml: str = DEFAULT_XML) -> str:
    """The diagram with one timer element's expression replaced."""
    return edit(
        rf'(<bpmn:timerEventDefinition id="{element_id}_definition">\s*<bpmn:time\w+[^>]*>)[^<]*',
        rf"\g<1>{expression}",
        xml,
        count=1,
    )


FIVE_DAY_FOLLOW_UP = timer_of("follow_up_deadline", "working_days(5)")


def renamed(old: str, new: str) -> str:
    return edit(rf'"{old}"', f'"{new}"', edit(rf">{old}<", f">{new}<"))


BAD_DIAGRAMS: dict[str, tuple[str, str | None, str]] = {
    # name: (xml, element id of the problem, a phrase of the problem)
    "malformed XML": (DEFAULT_XML[: len(DEFAULT_XML) // 2], None, "malformed XML"),
    "not BPMN": ('<?xml version="1.0"?><html><body>hello</body></html>', None, "not a BPMN 2.0 document"),
    "unknown action": (renamed("dispose", "approve"), "approve", "unknown action 'approve'"),
    "unknown status": (edit(r'value="ON_HOLD"', 'value="PAUSED"'), "resume", "unknown status 'PAUSED'"),
    "unknown lane": (
        edit(r'<bpmn:lane id="lane_liaison" name="liaison">', '<bpmn:lane id="lane_liaison" name="agency">'),
        "lane_liaison",
        "unknown lane name 'agency'",
    ),
    "unquoted duration": (timer_of("reply_silence", "P3D"), "reply_silence", "'P3D'"),
    "import in a condition": (
        edit(r"accepted == True", "__import__('os') is not None"),
        "f_accepted",
        "'__import__' is not allowed",
    ),
    "script reaching internals": (
        edit(
            r'(<bpmn:userTask id="dispose"[^>]*>\s*<bpmn:extensionElements>)',
            r"\g<1><spiffworkflow:preScript>x = ().__class__.__bases__</spiffworkflow:preScript>",
        ),
        "dispose",
        "'__class__' is not allowed",
    ),
    "unknown notify recipient": (
        edit(r'"notify" value="admin"', '"notify" value="admin governor"'),
        "dispose_deadline",
        "unknown recipients ['governor']",
    ),
    "unknown timer kind": (
        edit(r'"kind" value="reminder"', '"kind" value="nudge"'),
        "follow_up_reminder",
        "unknown kind 'nudge'",
    ),
    "audit code that is not a code": (
        edit(r'"audit" value="AUTO_CLOSED"', '"audit" value="closed; silently"'),
        "reply_silence",
        "audit code 'closed; silently'",
    ),
    "notifying element with an overlong id": (
        renamed("submitted", "report_submitted_by_a_citizen_through_the_portal"),
        "report_submitted_by_a_citizen_through_the_portal",
        "longer than 40 characters",
    ),
    "huge file": (
        # Just above the limit, and still under the HTTP body limit so the GraphQL layer sees it.
        edit(
            r"(<bpmn:definitions[^>]*>)",
            r"\g<1><!-- " + "x" * (1_000_100 - len(DEFAULT_XML)) + " -->",
            count=1,
        ),
        None,
        "file too large",
    ),
}


def test_known_vocabulary_matches_the_api() -> None:
    assert processes.KNOWN_ACTIONS == actions.BUILTIN_CODES
    assert {s.value for s in ReportStatus} == processes.KNOWN_STATUSES


def test_the_default_diagram_and_an_edited_copy_pass_every_check() -> None:
    assert processes.check_diagram(DEFAULT_XML)[1] == []
    assert processes.check_diagram(FIVE_DAY_FOLLOW_UP)[1] == []


def test_the_exploration_finds_a_report_nobody_can_move_on() -> None:
    # Reopening drawn in the system lane, where nobody acts: a closed and rated report waits for
    # nothing (before it is rated, the reporter may still rate it).
    stuck = DEFAULT_XML
    for catcher in (
        "reopen_by_liaison",
        "reopen_by_admin",
        "reopen_rated_by_liaison",
        "reopen_rated_by_admin",
    ):
        stuck = edit(rf"<bpmn:flowNodeRef>{catcher}</bpmn:flowNodeRef>", "", stuck)
        stuck = edit(
            r'(<bpmn:lane id="lane_system" name="system">)',
            rf"\g<1><bpmn:flowNodeRef>{catcher}</bpmn:flowNodeRef>",
            stuck,
        )
    _diagram, problems = processes.check_diagram(stuck)
    [problem] = problems
    assert problem.element_id in {"reopen_rated_by_liaison", "reopen_rated_by_admin"}
    assert problem.severity == "error"
    assert problem.message.startswith(
        "stranded: the report waits (status CLOSED) and nobody can move it on: its action 'reopen' "
        "waits in lane 'system', where nobody acts"
    )
    assert "after start → dispose (admin) → close (liaison) → rate (reporter, score=1))" in problem.message


def test_the_exploration_reports_a_failing_expression_with_its_element() -> None:
    conditional = edit(
        r'<bpmn:sequenceFlow id="f_to_reply" sourceRef="to_reply" targetRef="awaiting_reporter" />',
        '<bpmn:sequenceFlow id="f_to_reply" sourceRef="to_reply" targetRef="awaiting_reporter">'
        '<bpmn:conditionExpression xsi:type="bpmn:tFormalExpression">urgent == True'
        "</bpmn:conditionExpression>"
        "</bpmn:sequenceFlow>",
    )
    _diagram, problems = processes.check_diagram(conditional)
    assert [p.element_id for p in problems] == ["to_reply"]
    assert "urgent == True" in problems[0].message
    assert "NameError: name 'urgent' is not defined" in problems[0].message
    assert "at follow_up (liaison) after start → dispose (admin)" in problems[0].message


@pytest.mark.parametrize("case", list(BAD_DIAGRAMS))
async def test_bad_diagram_is_rejected_with_precise_problems_and_nothing_stored(
    gql, clock: FakeClock, case: str
) -> None:
    world = await make_world(clock)
    xml, element_id, phrase = BAD_DIAGRAMS[case]
    before = await ProcessDefinition.all().count()

    validated = (await gql(VALIDATE, {"input": {"bpmnXml": xml}}, world.analyst.token)).data[
        "processDefinitionValidate"
    ]
    deployed = (await gql(DEPLOY, {"input": {"bpmnXml": xml, "note": case}}, world.admin.token)).data[
        "processDefinitionDeploy"
    ]

    assert validated["valid"] is False
    assert any(p["elementId"] == element_id and phrase in p["message"] for p in validated["problems"]), (
        validated
    )
    assert deployed["processDefinition"] is None
    assert len(deployed["errors"]) == len(validated["problems"])
    assert {e["code"] for e in deployed["errors"]} == {"DIAGRAM_INVALID"}
    assert {e["field"] for e in deployed["errors"]} == {"bpmnXml"}
    assert {e["message"] for e in deployed["errors"]} == {
        f"{p['elementId'] or '-'}: {p['message']}" for p in validated["problems"]
    }
    assert await ProcessDefinition.all().count() == before
    assert not await AuditEvent.filter(action="process_deployed").exists()


VALIDATE_WITH_SEVERITY = """
mutation ValidateDiagramWithSeverity($input: ProcessDefinitionValidateInput!) {
  processDefinitionValidate(input: $input) {
    valid
    problems { elementId severity message }
  }
}
"""

# "Escalate again two days later" drawn as a timer after the first escalation: it keeps waiting after
# the liaison followed up; the validator warns, and the analyst may still deploy.
CHAINED_ESCALATION = edit(
    r"(</bpmn:process>)",
    """<bpmn:intermediateCatchEvent id="second_escalation" name="Two more days">
      <bpmn:timerEventDefinition id="second_escalation_definition">
        <bpmn:timeDate xsi:type="bpmn:tFormalExpression">working_days(2)</bpmn:timeDate>
      </bpmn:timerEventDefinition>
    </bpmn:intermediateCatchEvent>
    <bpmn:sequenceFlow id="f_second_escalation" sourceRef="second_escalation"
      targetRef="follow_up_escalated_end" />
  \\g<1>""",
    edit(
        r'(id="f_follow_up_deadline" sourceRef="follow_up_deadline" targetRef=)"follow_up_escalated_end"',
        r'\g<1>"second_escalation"',
    ),
)


async def test_a_warning_is_listed_with_its_severity_and_the_diagram_still_deploys(
    gql, clock: FakeClock
) -> None:
    world = await make_world(clock)

    validated = (
        await gql(VALIDATE_WITH_SEVERITY, {"input": {"bpmnXml": CHAINED_ESCALATION}}, world.analyst.token)
    ).data["processDefinitionValidate"]
    deployed = (
        await gql(
            DEPLOY, {"input": {"bpmnXml": CHAINED_ESCALATION, "note": "escalate twice"}}, world.analyst.token
        )
    ).data["processDefinitionDeploy"]

    assert validated["valid"] is True
    [problem] = validated["problems"]
    assert (problem["elementId"], problem["severity"]) == ("follow_up_deadline", "WARNING")
    assert "never a timer chained after the first" in problem["message"]
    assert deployed["errors"] == [] and deployed["processDefinition"]["version"] == 2


async def _submit_and_dispose(gql, world: World) -> dict[str, object]:
    submitted = (
        await gql(
            SUBMIT,
            {"input": {"title": "Jalan rusak", "body": "Lubang besar.", "classification": "COMPLAINT"}},
            world.budi.token,
        )
    ).data["reportSubmit"]
    assert not submitted["errors"], submitted
    report_id = submitted["report"]["id"]
    disposed = (
        await gql(
            DISPOSE,
            {"input": {"id": report_id, "agencyId": encode_id("Agency", world.pu.id)}},
            world.admin.token,
        )
    ).data["reportDispose"]
    assert not disposed["errors"], disposed
    return disposed["report"]


async def test_edited_diagram_deploys_as_version_2_and_only_new_reports_follow_it(
    gql, clock: FakeClock
) -> None:
    world = await make_world(clock)
    old = await _submit_and_dispose(gql, world)

    deployed = (
        await gql(
            DEPLOY,
            {"input": {"bpmnXml": FIVE_DAY_FOLLOW_UP, "note": "follow-up in 5 working days"}},
            world.analyst.token,
        )
    ).data["processDefinitionDeploy"]
    again = (
        await gql(DEPLOY, {"input": {"bpmnXml": FIVE_DAY_FOLLOW_UP, "note": "again"}}, world.admin.token)
    ).data["processDefinitionDeploy"]
    new = await _submit_and_dispose(gql, world)

    assert deployed["errors"] == [] and deployed["created"] is True
    v2 = deployed["processDefinition"]
    assert (v2["version"], v2["note"], v2["deployedBy"]["name"]) == (
        2,
        "follow-up in 5 working days",
        "Analyst",
    )
    assert again["created"] is False and again["processDefinition"]["id"] == v2["id"]
    assert await ProcessDefinition.all().count() == 2
    event = await AuditEvent.get(action="process_deployed")
    assert (event.object_type, event.actor_id, event.after["version"]) == (
        "process",
        world.analyst.user.id,
        2,
    )
    # Both were disposed at the same instant; only the report started on version 2 gets 5 working days.
    old_deadline = datetime.fromisoformat(str(old["deadline"]))
    new_deadline = datetime.fromisoformat(str(new["deadline"]))
    assert new_deadline > old_deadline
    assert (new_deadline - old_deadline).days >= 2
    versions = sorted(
        [(await w.definition).version for w in await ReportWorkflow.all().order_by("report_id")]
    )
    assert versions == [1, 2]


async def test_running_report_keeps_its_version_after_a_deploy(gql, clock: FakeClock) -> None:
    world = await make_world(clock)
    first = await _submit_and_dispose(gql, world)
    await gql(DEPLOY, {"input": {"bpmnXml": FIVE_DAY_FOLLOW_UP}}, world.admin.token)
    report = await ReportWorkflow.all().first()
    assert report is not None
    assert (await report.definition).version == 1
    assert first["status"] == "DISPOSED"


async def test_list_detail_report_count_and_diff(gql, clock: FakeClock) -> None:
    world = await make_world(clock)
    await _submit_and_dispose(gql, world)
    await _submit_and_dispose(gql, world)
    v2 = (await gql(DEPLOY, {"input": {"bpmnXml": FIVE_DAY_FOLLOW_UP}}, world.admin.token)).data[
        "processDefinitionDeploy"
    ]["processDefinition"]
    await _submit_and_dispose(gql, world)
    # Only the layout moves: no semantic difference, so no new version.
    moved = edit(
        r'(<dc:Bounds x=")(\d+)',
        lambda m: f"{m.group(1)}{int(m.group(2)) + 40}",
        FIVE_DAY_FOLLOW_UP,
    )
    tidied = (
        await gql(DEPLOY, {"input": {"bpmnXml": moved, "note": "tidy layout"}}, world.admin.token)
    ).data["processDefinitionDeploy"]
    assert (tidied["created"], tidied["processDefinition"]["version"]) == (False, 2)
    # The layout moves together with a changed reminder: a new version.
    reminder = timer_of("follow_up_reminder", "working_days(4)", moved)
    v3 = (await gql(DEPLOY, {"input": {"bpmnXml": reminder, "note": "reminder"}}, world.admin.token)).data[
        "processDefinitionDeploy"
    ]["processDefinition"]
    assert v3["version"] == 3

    listed = (await gql(DEFINITIONS, {"first": 2}, world.analyst.token)).data["processDefinitions"]
    assert [(e["node"]["version"], e["node"]["reportCount"]) for e in listed["edges"]] == [(3, 0), (2, 1)]
    assert listed["pageInfo"]["hasNextPage"] is True
    rest = (
        await gql(DEFINITIONS, {"first": 2, "after": listed["pageInfo"]["endCursor"]}, world.admin.token)
    ).data["processDefinitions"]
    assert [(e["node"]["version"], e["node"]["reportCount"]) for e in rest["edges"]] == [(1, 2)]
    assert rest["edges"][0]["node"]["deployedBy"] is None

    v1_id = rest["edges"][0]["node"]["id"]
    detail = (await gql(DEFINITION, {"id": v2["id"], "otherId": v1_id}, world.analyst.token)).data[
        "processDefinition"
    ]
    assert detail["bpmnXml"] == FIVE_DAY_FOLLOW_UP and detail["reportCount"] == 1
    assert [c["elementId"] for c in detail["diff"]["changed"]] == ["follow_up_deadline"]

    diff = (await gql(DIFF, {"fromId": v1_id, "toId": v2["id"]}, world.analyst.token)).data[
        "processDefinitionDiff"
    ]
    assert diff["added"] == [] and diff["removed"] == []
    assert (
        diff["changed"]
        == [
            {
                "elementId": "follow_up_deadline",
                "elementType": "boundaryEvent",
                "name": "3 days to follow up",
                "changes": [
                    {"what": "timer:timeDate", "before": "working_days(3)", "after": "working_days(5)"},
                ],
            }
        ]
        or diff["changed"][0]["changes"][0]["after"] == "working_days(5)"
    )
    # The diff names the changed timer, not the moved shapes.
    laid_out = (await gql(DIFF, {"fromId": v2["id"], "toId": v3["id"]}, world.admin.token)).data[
        "processDefinitionDiff"
    ]
    assert (laid_out["added"], laid_out["removed"]) == ([], [])
    assert [c["elementId"] for c in laid_out["changed"]] == ["follow_up_reminder"]


async def test_diff_shows_added_and_removed_elements(gql, clock: FakeClock) -> None:
    world = await make_world(clock)
    v1 = (await ProcessDefinition.get(version=1)).id
    edited = renamed("reply_silence", "reporter_silent")
    v2 = (await gql(DEPLOY, {"input": {"bpmnXml": edited}}, world.admin.token)).data[
        "processDefinitionDeploy"
    ]
    assert v2["errors"] == [], v2
    diff = (
        await gql(
            DIFF,
            {"fromId": encode_id("ProcessDefinition", v1), "toId": v2["processDefinition"]["id"]},
            world.admin.token,
        )
    ).data["processDefinitionDiff"]
    assert [e["elementId"] for e in diff["added"]] == ["reporter_silent"]
    assert [e["elementId"] for e in diff["removed"]] == ["reply_silence"]
    assert {e["elementId"] for e in diff["changed"]} >= {"lane_system"}


@pytest.mark.parametrize("who", ["budi", "pu_liaison"])
async def test_citizens_and_liaisons_may_not_touch_process_definitions(
    gql, clock: FakeClock, who: str
) -> None:
    world = await make_world(clock)
    token = getattr(world, who).token
    v1 = encode_id("ProcessDefinition", (await ProcessDefinition.get(version=1)).id)
    results = [
        await gql(VALIDATE, {"input": {"bpmnXml": DEFAULT_XML}}, token),
        await gql(DEPLOY, {"input": {"bpmnXml": FIVE_DAY_FOLLOW_UP}}, token),
        await gql(DEFINITIONS, {}, token),
        await gql(DEFINITION, {"id": v1, "otherId": v1}, token),
        await gql(DIFF, {"fromId": v1, "toId": v1}, token),
    ]
    assert [r.error_codes for r in results] == [["FORBIDDEN"]] * 5
    assert await ProcessDefinition.all().count() == 1


async def test_anonymous_callers_must_log_in(gql) -> None:
    result = await gql(VALIDATE, {"input": {"bpmnXml": DEFAULT_XML}})
    assert result.error_codes == ["UNAUTHENTICATED"]


async def test_validate_accepts_the_default_diagram(gql, clock: FakeClock) -> None:
    world = await make_world(clock)
    result = (await gql(VALIDATE, {"input": {"bpmnXml": FIVE_DAY_FOLLOW_UP}}, world.admin.token)).data[
        "processDefinitionValidate"
    ]
    assert result == {"valid": True, "problems": [], "errors": []}
    assert await ProcessDefinition.all().count() == 1


# ----------------------------------------------------------------------------------------- CLI


@pytest.fixture
def database(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    url = f"sqlite://{tmp_path / 'cli.sqlite3'}"
    monkeypatch.setenv("LAPOR_DATABASE_URL", url)

    async def create() -> None:
        await open_database(url)
        try:
            await Tortoise.generate_schemas()
        finally:
            await close_database()

    asyncio.run(create())
    return url


def test_cli_validate_exit_codes(tmp_path: Path) -> None:
    runner = CliRunner()
    good, bad = tmp_path / "good.bpmn", tmp_path / "bad.bpmn"
    good.write_text(FIVE_DAY_FOLLOW_UP, encoding="utf-8")
    bad.write_text(BAD_DIAGRAMS["unknown status"][0], encoding="utf-8")
    two_problems = edit(r'value="ON_HOLD"', 'value="PAUSED"', BAD_DIAGRAMS["unknown lane"][0])
    worse = tmp_path / "worse.bpmn"
    worse.write_text(two_problems, encoding="utf-8")

    ok = runner.invoke(app, ["process", "validate", str(good)])
    failed = runner.invoke(app, ["process", "validate", str(bad)])
    failed_twice = runner.invoke(app, ["process", "validate", str(worse)])
    missing = runner.invoke(app, ["process", "validate", str(tmp_path / "nope.bpmn")])
    huge = tmp_path / "huge.bpmn"
    huge.write_bytes(b"<x>" + b" " * 3_000_000 + b"</x>")
    too_large = runner.invoke(app, ["process", "validate", str(huge)])

    assert ok.exit_code == 0, ok.output
    assert "valid" in ok.output
    assert failed.exit_code == 1
    assert "resume: unknown status 'PAUSED'" in failed.output
    assert failed_twice.exit_code == 1
    assert "resume: unknown status 'PAUSED'" in failed_twice.output
    assert "lane_liaison: unknown lane name 'agency'" in failed_twice.output
    assert missing.exit_code == 2
    assert too_large.exit_code == 1 and "-: file too large" in too_large.output


def test_cli_deploy(database: str, tmp_path: Path) -> None:
    runner = CliRunner()
    edited, bad = tmp_path / "edited.bpmn", tmp_path / "bad.bpmn"
    edited.write_text(FIVE_DAY_FOLLOW_UP, encoding="utf-8")
    bad.write_text(BAD_DIAGRAMS["unknown action"][0], encoding="utf-8")

    first = runner.invoke(app, ["process", "deploy", str(DIAGRAM)])
    second = runner.invoke(app, ["process", "deploy", str(edited), "--note", "5 working days"])
    same = runner.invoke(app, ["process", "deploy", str(edited)])
    rejected = runner.invoke(app, ["process", "deploy", str(bad)])

    assert first.exit_code == 0 and "deployed process report_lifecycle version 1" in first.output
    assert second.exit_code == 0 and "deployed process report_lifecycle version 2" in second.output
    assert same.exit_code == 0 and "unchanged" in same.output and "version 2" in same.output
    assert rejected.exit_code == 1 and "approve: " in rejected.output

    async def stored() -> list[tuple[int, str]]:
        await open_database(database)
        try:
            return [(d.version, d.note) for d in await ProcessDefinition.all().order_by("version")]
        finally:
            await close_database()

    assert asyncio.run(stored()) == [(1, ""), (2, "5 working days")]
