"""The validator explores every path of a diagram on a fake clock, for every sample of facts.

Each test edits the shipped diagram the way an analyst would (a few elements changed in place) and
asks the validation a deploy runs; nothing here needs a database.
"""

from __future__ import annotations

import re
from pathlib import Path

from typer.testing import CliRunner

from lapor_gql.cli import app
from lapor_gql.domain.processes import VALIDATION_RULES, check_diagram
from lapor_gql.workflow import ProcessDiagram
from lapor_gql.workflow.explorer import CHAINED_TIMER_PATTERN, explore

DIAGRAM_FILE = Path(__file__).resolve().parents[2] / "workflows" / "report_lifecycle.bpmn"
SHIPPED = DIAGRAM_FILE.read_text(encoding="utf-8")
# The reporter's silence timer, named with its definition: the rating window waits as long.
REPLY_SILENCE = (
    '<bpmn:timerEventDefinition id="reply_silence_definition">\n'
    '        <bpmn:timeDate xsi:type="bpmn:tFormalExpression">working_days(10)</bpmn:timeDate>'
)


def edited(xml: str, *replacements: tuple[str, str]) -> str:
    for old, new in replacements:
        assert xml.count(old) == 1, old
        xml = xml.replace(old, new)
    return xml


def with_elements(xml: str, elements: str, lanes: dict[str, list[str]] | None = None) -> str:
    """``elements`` added to the process, each id in ``lanes`` put in that lane."""
    xml = edited(xml, ("\n  </bpmn:process>", f"{elements}\n  </bpmn:process>"))
    for lane, ids in (lanes or {}).items():
        start = f'<bpmn:lane id="lane_{lane}" name="{lane}">'
        refs = "".join(f"<bpmn:flowNodeRef>{element_id}</bpmn:flowNodeRef>" for element_id in ids)
        xml = edited(xml, (start, start + refs))
    return xml


def flow_target(xml: str, flow_id: str, new_target: str) -> str:
    """The diagram with one sequence flow leading elsewhere."""
    [line] = [line for line in xml.splitlines() if f'<bpmn:sequenceFlow id="{flow_id}"' in line]
    return edited(xml, (line, re.sub(r'targetRef="[^"]*"', f'targetRef="{new_target}"', line)))


def review_in_system_lane(xml: str, flow_id: str, task_id: str, status: str, then: str) -> str:
    """The diagram with ``flow_id`` leading to a declared user task in the system lane, where nobody
    acts, and on from it to ``then``."""
    review = f"""
    <bpmn:userTask id="{task_id}" name="Review">
      <bpmn:extensionElements>
        <spiffworkflow:properties>
          <spiffworkflow:property name="status" value="{status}" />
          <spiffworkflow:property name="action" value="{task_id}" />
          <spiffworkflow:property name="action_label_id" value="Tinjau" />
          <spiffworkflow:property name="action_label_en" value="Review" />
        </spiffworkflow:properties>
      </bpmn:extensionElements>
    </bpmn:userTask>
    <bpmn:sequenceFlow id="f_{task_id}_done" sourceRef="{task_id}" targetRef="{then}" />"""
    return with_elements(flow_target(xml, flow_id, task_id), review, {"system": [task_id]})


def problems_of(xml: str) -> tuple[ProcessDiagram | None, list[tuple[str | None, str, str]]]:
    diagram, problems = check_diagram(xml)
    return diagram, [(p.element_id, p.severity, p.message) for p in problems]


def condition(expression: str) -> str:
    return (
        f'<bpmn:conditionExpression xsi:type="bpmn:tFormalExpression">{expression}</bpmn:conditionExpression>'
    )


# ------------------------------------------------------------------------------ the shipped diagram


def test_the_shipped_diagram_is_explored_completely_and_quickly() -> None:
    exploration = explore(ProcessDiagram.from_file(DIAGRAM_FILE), VALIDATION_RULES)

    assert exploration.problems == ()
    # It reads no fact of the report: one sample is enough, and no rule disposes.
    assert (exploration.samples, exploration.runs, exploration.read_facts) == (1, 1, frozenset())
    assert exploration.complete and exploration.unreached == ()
    assert exploration.reached >= {"dispose", "resume", "follow_up", "answer_reply", "reply_silence"}
    assert exploration.reached >= {"resolve_not_authority", "reopen_by_admin", "reopen_by_liaison"}
    # Told apart by what can still happen, the shipped lifecycle has a few dozen states at most.
    assert 8 <= exploration.states <= 40
    assert exploration.timers >= 5 and exploration.actions >= 20
    assert exploration.summary().endswith("every user task and catch event reached")


def test_the_command_line_says_what_the_exploration_did() -> None:
    result = CliRunner().invoke(app, ["process", "validate", str(DIAGRAM_FILE)])

    assert result.exit_code == 0, result.output
    assert re.search(r"explored \d+ states for 1 sample of facts in \d+\.\d s", result.output)
    assert "every user task and catch event reached" in result.output


def test_a_declared_yes_no_action_is_taken_both_ways() -> None:
    # The liaison's closure waits for the admin's approval: yes closes, no sends it back for rework.
    approval = f"""
    <bpmn:userTask id="approve_closure" name="Approve the closure">
      <bpmn:extensionElements>
        <spiffworkflow:properties>
          <spiffworkflow:property name="status" value="IN_PROGRESS" />
          <spiffworkflow:property name="action" value="approve_closure" />
          <spiffworkflow:property name="action_label_id" value="Setujui penutupan" />
          <spiffworkflow:property name="action_label_en" value="Approve the closure" />
          <spiffworkflow:property name="input:approved" value="yesno required | Setuju? | Approve?" />
        </spiffworkflow:properties>
      </bpmn:extensionElements>
    </bpmn:userTask>
    <bpmn:exclusiveGateway id="approval" default="f_refused" />
    <bpmn:userTask id="rework_closure" name="Rework the closure">
      <bpmn:extensionElements>
        <spiffworkflow:properties>
          <spiffworkflow:property name="status" value="DISPOSED" />
          <spiffworkflow:property name="action" value="rework_closure" />
          <spiffworkflow:property name="action_label_id" value="Perbaiki penutupan" />
          <spiffworkflow:property name="action_label_en" value="Rework the closure" />
        </spiffworkflow:properties>
      </bpmn:extensionElements>
    </bpmn:userTask>
    <bpmn:sequenceFlow id="f_to_approval" sourceRef="approve_closure" targetRef="approval" />
    <bpmn:sequenceFlow id="f_approved" sourceRef="approval" targetRef="closed">
      {condition("approved")}
    </bpmn:sequenceFlow>
    <bpmn:sequenceFlow id="f_refused" sourceRef="approval" targetRef="rework_closure" />
    <bpmn:sequenceFlow id="f_reworked" sourceRef="rework_closure" targetRef="back_to_follow_up" />"""
    xml = with_elements(
        flow_target(SHIPPED, "f_follow_up_close", "approve_closure"),
        approval,
        {"admin": ["approve_closure", "approval"], "liaison": ["rework_closure"]},
    )

    diagram, problems = problems_of(xml)

    # The gateway reads the answer (a missing one would be a NameError), and both branches are
    # reached (else rework_closure would be reported as never reached).
    assert problems == [] and diagram is not None


# ------------------------------------------------------------------------------ routing by rule

ROUTE_BY_CATEGORY = """
    <bpmn:scriptTask id="route_by_category" name="Agency by category">
      <bpmn:extensionElements>
        <spiffworkflow:properties>
          <spiffworkflow:property name="dispose_to" value="routed_agency" />
        </spiffworkflow:properties>
      </bpmn:extensionElements>
      <bpmn:script>routed_agency = {"Jalan": "DPUPR", "Air bersih": "PDAM"}.get(category)</bpmn:script>
    </bpmn:scriptTask>"""


def aspirations_routed(fallback: bool) -> str:
    """Aspirations go to the rule, every other report to the admin's verification; with
    ``fallback``, what the rule cannot dispose goes to the verification too."""
    after_rule = (
        f"""
    <bpmn:exclusiveGateway id="routed" default="f_not_routed" />
    <bpmn:sequenceFlow id="f_routed" sourceRef="route_by_category" targetRef="routed" />
    <bpmn:sequenceFlow id="f_to_agency" sourceRef="routed" targetRef="to_follow_up">
      {condition("routed_agency is not None")}
    </bpmn:sequenceFlow>
    <bpmn:sequenceFlow id="f_not_routed" sourceRef="routed" targetRef="dispose" />"""
        if fallback
        else """
    <bpmn:sequenceFlow id="f_routed" sourceRef="route_by_category" targetRef="to_follow_up" />"""
    )
    return with_elements(
        flow_target(SHIPPED, "f_submitted", "skip_verification"),
        ROUTE_BY_CATEGORY
        + f"""
    <bpmn:exclusiveGateway id="skip_verification" default="f_verify" />
    <bpmn:sequenceFlow id="f_aspiration" sourceRef="skip_verification" targetRef="route_by_category">
      {condition('classification == "ASPIRATION"')}
    </bpmn:sequenceFlow>
    <bpmn:sequenceFlow id="f_verify" sourceRef="skip_verification" targetRef="dispose" />"""
        + after_rule,
        {"system": ["skip_verification", "route_by_category"] + (["routed"] if fallback else [])},
    )


def test_routing_by_category_without_a_fallback_is_refused_where_the_report_would_strand() -> None:
    # From the rule straight to the agency's follow-up: an aspiration of a category the rule does
    # not know is left with no agency, where no liaison can act.
    diagram, problems = problems_of(aspirations_routed(fallback=False))

    assert diagram is None
    [(element_id, severity, message)] = problems
    assert (element_id, severity) == ("follow_up", "error")
    assert "waits in the liaison lane without an agency" in message
    assert "rule route_by_category: the rule gave no agency" in message
    assert "classification='ASPIRATION', category='Kategori yang tidak dikenal tabel mana pun'" in message
    assert "after start)" in message


def test_a_process_where_some_reports_skip_verification_is_valid() -> None:
    # What the rule cannot dispose (an unknown category, an unknown or inactive agency) goes to the
    # admin's verification like every other report.
    diagram, problems = problems_of(aspirations_routed(fallback=True))
    assert problems == [] and diagram is not None

    exploration = explore(diagram, VALIDATION_RULES)
    assert exploration.read_facts == {"classification", "category"}
    # Every classification with every category, once where the agencies exist and once where none do.
    assert (exploration.samples, exploration.runs) == (12, 24)
    assert exploration.complete and exploration.unreached == ()


# ------------------------------------------------------------------------------ deadlines from data


def test_a_deadline_by_classification_validates_and_a_misspelt_fact_is_refused() -> None:
    by_classification = edited(
        SHIPPED,
        (
            '<bpmn:timerEventDefinition id="follow_up_deadline_definition">\n'
            '        <bpmn:timeDate xsi:type="bpmn:tFormalExpression">working_days(3)',
            '<bpmn:timerEventDefinition id="follow_up_deadline_definition">\n'
            '        <bpmn:timeDate xsi:type="bpmn:tFormalExpression">'
            'working_days(5 if classification == "COMPLAINT" else 3)',
        ),
    )
    diagram, problems = problems_of(by_classification)
    assert problems == [] and diagram is not None
    exploration = explore(diagram, VALIDATION_RULES)
    assert exploration.read_facts == {"classification"} and exploration.samples == 3

    misspelt = by_classification.replace("5 if classification", "5 if clasification")
    diagram, problems = problems_of(misspelt)
    assert diagram is None
    [(element_id, severity, message)] = problems
    assert (element_id, severity) == ("follow_up_deadline", "error")
    assert "NameError: name 'clasification' is not defined" in message


def test_a_condition_that_fails_names_its_element_the_cause_and_the_path() -> None:
    xml = edited(
        SHIPPED,
        (
            '<bpmn:sequenceFlow id="f_to_reply" sourceRef="to_reply" targetRef="awaiting_reporter" />',
            '<bpmn:sequenceFlow id="f_to_reply" sourceRef="to_reply" targetRef="awaiting_reporter">'
            f"{condition('urgent == True')}</bpmn:sequenceFlow>",
        ),
    )

    diagram, problems = problems_of(xml)

    assert diagram is None
    [(element_id, severity, message)] = problems
    assert (element_id, severity) == ("to_reply", "error")
    assert "NameError: name 'urgent' is not defined" in message
    assert "at follow_up (liaison) after start → dispose (admin)" in message


# ------------------------------------------------------------------------------ stranded reports


def test_a_user_task_in_a_lane_where_nobody_acts_strands_the_report() -> None:
    xml = review_in_system_lane(SHIPPED, "f_dispose_hold", "review_hold", "ON_HOLD", "resume")

    diagram, problems = problems_of(xml)

    assert diagram is None
    [(element_id, severity, message)] = problems
    assert (element_id, severity) == ("review_hold", "error")
    assert message.startswith("stranded: the report waits (status ON_HOLD) and nobody can move it on")
    assert "'review_hold' waits in lane 'system', where nobody acts" in message
    assert "after start → hold (admin)" in message


def test_a_waiting_step_without_a_status_is_refused() -> None:
    # A cooling-off hour before verification: the report waits at a timer that gives no status.
    cooling_off = """
    <bpmn:intermediateCatchEvent id="cooling_off" name="An hour to withdraw">
      <bpmn:timerEventDefinition id="cooling_off_definition">
        <bpmn:timeDuration xsi:type="bpmn:tFormalExpression">"PT1H"</bpmn:timeDuration>
      </bpmn:timerEventDefinition>
    </bpmn:intermediateCatchEvent>
    <bpmn:sequenceFlow id="f_cooled_off" sourceRef="cooling_off" targetRef="dispose" />"""
    xml = with_elements(
        flow_target(SHIPPED, "f_submitted", "cooling_off"), cooling_off, {"system": ["cooling_off"]}
    )

    diagram, problems = problems_of(xml)

    assert diagram is None
    assert [(element_id, severity) for element_id, severity, _ in problems] == [("cooling_off", "error")]
    assert "waits here without a status" in problems[0][2]


# ------------------------------------------------------------------------------ warnings


def test_a_timer_chained_after_a_non_interrupting_escalation_is_a_warning(tmp_path: Path) -> None:
    # "Escalate again two days later", drawn as a timer after the first escalation: it keeps waiting
    # after the liaison followed up, and escalates a report that has moved on.
    second = """
    <bpmn:intermediateCatchEvent id="second_escalation" name="Two more days">
      <bpmn:extensionElements>
        <spiffworkflow:properties>
          <spiffworkflow:property name="audit" value="ESCALATED" />
        </spiffworkflow:properties>
      </bpmn:extensionElements>
      <bpmn:timerEventDefinition id="second_escalation_definition">
        <bpmn:timeDate xsi:type="bpmn:tFormalExpression">working_days(2)</bpmn:timeDate>
      </bpmn:timerEventDefinition>
    </bpmn:intermediateCatchEvent>
    <bpmn:sequenceFlow id="f_second_escalation" sourceRef="second_escalation"
      targetRef="follow_up_escalated_end" />"""
    xml = with_elements(
        flow_target(SHIPPED, "f_follow_up_deadline", "second_escalation"),
        second,
        {"liaison": ["second_escalation"]},
    )

    diagram, problems = problems_of(xml)

    assert diagram is not None  # a warning does not keep it from being deployed
    [(element_id, severity, message)] = problems
    assert (element_id, severity) == ("follow_up_deadline", "warning")
    assert "leads to second_escalation, a timer chained after it" in message
    assert CHAINED_TIMER_PATTERN in message

    (tmp_path / "chained.bpmn").write_text(xml, encoding="utf-8")
    result = CliRunner().invoke(app, ["process", "validate", str(tmp_path / "chained.bpmn")])
    assert result.exit_code == 0, result.output
    assert "follow_up_deadline: warning: non-interrupting boundary event" in result.output


def test_a_user_task_no_report_reaches_is_a_warning() -> None:
    thanks = f"""
    <bpmn:exclusiveGateway id="praise_or_not" default="f_not_praise" />
    <bpmn:userTask id="thank_reporter" name="Thank the reporter">
      <bpmn:extensionElements>
        <spiffworkflow:properties>
          <spiffworkflow:property name="status" value="SUBMITTED" />
          <spiffworkflow:property name="action" value="thank" />
          <spiffworkflow:property name="action_label_id" value="Ucapkan terima kasih" />
          <spiffworkflow:property name="action_label_en" value="Thank" />
        </spiffworkflow:properties>
      </bpmn:extensionElements>
    </bpmn:userTask>
    <bpmn:sequenceFlow id="f_praise" sourceRef="praise_or_not" targetRef="thank_reporter">
      {condition('classification == "PRAISE"')}
    </bpmn:sequenceFlow>
    <bpmn:sequenceFlow id="f_not_praise" sourceRef="praise_or_not" targetRef="dispose" />
    <bpmn:sequenceFlow id="f_thanked" sourceRef="thank_reporter" targetRef="dispose" />"""
    xml = with_elements(
        flow_target(SHIPPED, "f_submitted", "praise_or_not"),
        thanks,
        {"admin": ["praise_or_not", "thank_reporter"]},
    )

    diagram, problems = problems_of(xml)

    assert diagram is not None
    [(element_id, severity, message)] = problems
    assert (element_id, severity) == ("thank_reporter", "warning")
    assert "no report ever reaches this element" in message


def test_a_fact_that_may_be_missing_is_tried_missing() -> None:
    # Many reports come without an incident date: a deadline that assumes one would fail on them.
    by_incident_year = edited(
        SHIPPED,
        (
            '<bpmn:timerEventDefinition id="follow_up_deadline_definition">\n'
            '        <bpmn:timeDate xsi:type="bpmn:tFormalExpression">working_days(3)',
            '<bpmn:timerEventDefinition id="follow_up_deadline_definition">\n'
            '        <bpmn:timeDate xsi:type="bpmn:tFormalExpression">'
            'working_days(3 if incident_date[:4] == "2025" else 4)',
        ),
    )
    diagram, problems = problems_of(by_incident_year)
    assert diagram is None
    [(element_id, severity, message)] = problems
    assert (element_id, severity) == ("follow_up_deadline", "error")
    assert "TypeError" in message and "NoneType" in message

    guarded = by_incident_year.replace("3 if incident_date[:4]", "3 if incident_date and incident_date[:4]")
    diagram, problems = problems_of(guarded)
    assert problems == [] and diagram is not None


def test_what_lies_behind_a_long_timer_is_explored_too() -> None:
    # A silence of 70 working days (over three months) still fires in the exploration, so the
    # stranded step behind it is found rather than left unreached.
    long_silence = edited(SHIPPED, (REPLY_SILENCE, REPLY_SILENCE.replace("(10)", "(70)")))
    diagram, problems = problems_of(long_silence)
    assert problems == [] and diagram is not None
    stranded_behind = review_in_system_lane(
        long_silence, "f_reply_silence", "review_silence", "IN_PROGRESS", "closed"
    )
    diagram, problems = problems_of(stranded_behind)
    assert diagram is None
    assert [(element_id, severity) for element_id, severity, _message in problems] == [
        ("review_silence", "error")
    ]


def test_a_diagram_reading_many_facts_is_explored_for_every_pair_of_their_values() -> None:
    # 3 classifications x 4 categories x 2^5 on/off facts would be 384 samples; every pair of values
    # needs far fewer, and the exploration still reaches every step.
    many = edited(
        SHIPPED,
        (
            '<bpmn:timerEventDefinition id="follow_up_deadline_definition">\n'
            '        <bpmn:timeDate xsi:type="bpmn:tFormalExpression">working_days(3)',
            '<bpmn:timerEventDefinition id="follow_up_deadline_definition">\n'
            '        <bpmn:timeDate xsi:type="bpmn:tFormalExpression">working_days(3 if classification == '
            '"COMPLAINT" and category and is_confidential and is_anonymous and reporter_has_account and '
            "incident_date and location_text else 4)",
        ),
    )
    diagram, problems = problems_of(many)
    assert problems == [] and diagram is not None
    exploration = explore(diagram, VALIDATION_RULES)
    assert len(exploration.read_facts) == 7
    assert 12 <= exploration.samples <= 48
    assert exploration.complete


EXAMPLES = DIAGRAM_FILE.parent / "examples"
ROUTING = (EXAMPLES / "route_aspirations_by_category.bpmn").read_text(encoding="utf-8")
ROUTING_TABLE = (EXAMPLES / "aspiration_agency.dmn").read_bytes()


def test_a_duration_that_is_not_iso_8601_is_refused_even_where_spiff_would_read_one() -> None:
    # SpiffWorkflow reads "" as no time at all and "3D" as three days; neither is a duration.
    for value in ('""', '"3D"', "working_days(3)"):
        xml = edited(
            SHIPPED,
            (
                REPLY_SILENCE,
                '<bpmn:timerEventDefinition id="reply_silence_definition">\n'
                f'        <bpmn:timeDuration xsi:type="bpmn:tFormalExpression">{value}</bpmn:timeDuration>',
            ),
        )
        diagram, problems = problems_of(xml)
        assert diagram is None, value
        [(element_id, severity, message)] = problems
        assert (element_id, severity) == ("reply_silence", "error")
        assert "not an ISO 8601 duration" in message


def test_decision_tables_must_be_given_once_each() -> None:
    diagram, problems = check_diagram(ROUTING, [ROUTING_TABLE])
    assert diagram is not None and problems == []

    diagram, problems = check_diagram(ROUTING, [])
    assert diagram is None
    assert "deploy its .dmn file with the diagram" in problems[0].message

    # Two tables defining the same decision: which one rules would be a guess.
    other = ROUTING_TABLE.replace(b'"PU"', b'"DINKES"')
    diagram, problems = check_diagram(ROUTING, [ROUTING_TABLE, other])
    assert diagram is None
    assert "defined by decision tables 1 and 2" in problems[0].message


def test_a_rule_no_report_reaches_is_a_warning() -> None:
    # Classifications are capitals: "Aspiration" never matches, so the rule never runs.
    miscased = edited(ROUTING, ('classification == "ASPIRATION"', 'classification == "Aspiration"'))
    diagram, problems = check_diagram(miscased, [ROUTING_TABLE])
    assert diagram is not None
    assert [(p.element_id, p.severity) for p in problems] == [("route_by_category", "warning")]
