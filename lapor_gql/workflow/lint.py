"""Upload-time checks of a diagram against the application's rules, and ``validate_xml``, the
whole validation a deploy runs: parsing (with its structural checks), these checks, then the
exploration of the process (``explorer``).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from lxml import etree
from SpiffWorkflow.bpmn.specs.event_definitions.timer import TimerEventDefinition
from SpiffWorkflow.bpmn.specs.mixins.events.intermediate_event import EventBasedGateway

from .clock import clock_in_effect
from .contract import DiagramInvalid, DiagramProblem
from .declarations import RATING_CLEAR, declaration_problems
from .diagram import ProcessDiagram, action_of, message_catchers, message_name_of, properties_of
from .explorer import Exploration, explore
from .rules import ValidationRules
from .sandbox import SANDBOX_NAMES, assigned_names, evaluate_sample, read_names
from .structure import NAMESPACES, XML_PARSER, expression_sources, owner_id, timer_expressions

# Timer expressions are evaluated against this fixed instant at upload; a fixed value keeps the
# lint deterministic (month lengths matter for "P1M").
SAMPLE_NOW = datetime(2025, 1, 31, 12, 0, tzinfo=UTC)


_ISO_DURATION = re.compile(
    r"^P(?=\d|T\d)(\d+Y)?(\d+M)?(\d+W)?(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+(\.\d+)?S)?)?$"
)


def _check_timer(kind: str, expression: str, facts: Mapping[str, object]) -> str | None:
    try:
        with clock_in_effect(lambda: SAMPLE_NOW):
            value = evaluate_sample(expression, facts=facts)
            if not isinstance(value, str):
                return f"timer expression must give an ISO 8601 string, got {type(value).__name__}"
            if kind == "timeDuration":
                # Spiff reads "" and "3D" as durations (zero, three days); a real one starts with P
                # and names at least one unit.
                if not _ISO_DURATION.match(value):
                    return (
                        f"timer expression {expression!r} gives {value!r}, not an ISO 8601 duration "
                        '(e.g. "P3D", "PT30M"; working_days(n) gives a date: use it in a timeDate)'
                    )
                parsed = TimerEventDefinition.parse_iso_duration(value)
                TimerEventDefinition.get_timedelta_from_start(parsed, SAMPLE_NOW)
            elif kind == "timeDate":
                if datetime.fromisoformat(value).tzinfo is None:
                    return "timer date must carry a time zone (e.g. 'Z' or '+07:00')"
                TimerEventDefinition.get_datetime(value)
            else:
                TimerEventDefinition.parse_iso_recurring_interval(value)
    except Exception as err:  # noqa: BLE001 - anything that fails here would fail at runtime
        return (
            f"timer expression {expression!r} does not give a valid ISO 8601 {kind}: "
            f"{type(err).__name__}: {err}"
        )
    return None


def _bindable_names(diagram: ProcessDiagram, root: etree._Element, rules: ValidationRules) -> set[str]:
    """Names something in the diagram may give a value: scripts, decision tables' outputs, actions'
    inputs, rules' answers, and what the application passes with its own actions."""
    names = set(rules.reserved_names)
    for _node, source, mode in expression_sources(root):
        if mode == "exec":
            names |= assigned_names(source)
    for table in diagram.decision_tables:
        table_root = etree.fromstring(table, XML_PARSER)
        names |= {
            output.get("name") or ""
            for output in table_root.iter()
            if isinstance(output.tag, str) and etree.QName(output).localname == "output"
        }
    for spec in diagram.task_specs():
        for key, value in properties_of(spec).items():
            if key.startswith("input:"):
                names.add(key.removeprefix("input:").strip())
            elif key == "dispose_to":
                names.add(value.strip())
    return names


def _timer_problems(
    root: etree._Element, samples: Sequence[Mapping[str, object]], bindable: set[str]
) -> Iterator[DiagramProblem]:
    """Every timer evaluated with every sample of the report's facts (each different value of the
    facts it reads once).

    A timer that reads a name something in the diagram binds (a decision table's result, an action's
    yes/no) can only be evaluated where that name has its value: on a path of the exploration, which
    evaluates it there. A name nothing binds (a typo) fails here, on the timer itself.
    """
    fact_names = frozenset(name for facts in samples for name in facts)
    for node, kind, expression in timer_expressions(root):
        read = read_names(expression)
        if (read - fact_names - SANDBOX_NAMES) & bindable:
            continue
        tried: set[tuple[object, ...]] = set()
        for facts in samples:
            projection = tuple(facts.get(name) for name in sorted(read & fact_names))
            if projection in tried:
                continue
            tried.add(projection)
            if (problem := _check_timer(kind, expression, facts)) is not None:
                # Only the facts the timer reads say which report it fails for.
                shown = ", ".join(f"{name}={facts.get(name)!r}" for name in sorted(read & fact_names))
                yield DiagramProblem(
                    owner_id(node), f"{problem} (report facts: {shown})" if shown else problem
                )
                break


@dataclass(frozen=True)
class Validation:
    """Everything the validator found out about an uploaded diagram."""

    diagram: ProcessDiagram | None
    """The parsed diagram, when it may be deployed (no errors; warnings allowed)."""
    problems: tuple[DiagramProblem, ...]
    """Errors and warnings, each with its element."""
    exploration: Exploration | None
    """What the explorer did; None when the checks before it found errors."""

    @property
    def errors(self) -> tuple[DiagramProblem, ...]:
        return tuple(p for p in self.problems if p.severity == "error")

    @property
    def warnings(self) -> tuple[DiagramProblem, ...]:
        return tuple(p for p in self.problems if p.severity == "warning")


def validate(xml: bytes, rules: ValidationRules, decision_tables: Sequence[bytes] = ()) -> Validation:
    """Every check a deploy runs: size, parsing with its structural checks, the application's
    vocabulary and properties, every timer with every sample of facts, then the exploration."""
    if len(xml) > rules.max_bytes:
        too_large = DiagramProblem(
            None, f"file too large: {len(xml)} bytes, at most {rules.max_bytes} allowed"
        )
        return Validation(None, (too_large,), None)
    try:
        diagram = ProcessDiagram.from_xml(xml, decision_tables)
    except DiagramInvalid as err:
        return Validation(None, tuple(err.problems), None)
    problems = check_vocabulary(diagram, rules)
    if problems:
        return Validation(None, tuple(problems), None)
    exploration = explore(diagram, rules)
    problems = list(exploration.problems)
    has_errors = any(problem.severity == "error" for problem in problems)
    return Validation(None if has_errors else diagram, tuple(problems), exploration)


def validate_xml(
    xml: bytes, rules: ValidationRules, decision_tables: Sequence[bytes] = ()
) -> tuple[ProcessDiagram | None, list[DiagramProblem]]:
    """Every problem of an uploaded diagram, and the parsed diagram (with the decision tables its
    business rule tasks call) when it may be deployed: when no problem is an error."""
    validation = validate(xml, rules, decision_tables)
    return validation.diagram, list(validation.problems)


def check_vocabulary(diagram: ProcessDiagram, rules: ValidationRules) -> list[DiagramProblem]:
    """Actions, statuses, lanes, properties and declarations the application does not know, and
    timers that fail for a sample of the report's facts."""
    problems: list[DiagramProblem] = []
    root = etree.fromstring(diagram.xml, XML_PARSER)
    for spec in diagram.task_specs():
        properties = properties_of(spec)
        if properties.get("notify") and not properties.get("audit"):
            # What it notifies of is named by its action, message or id, stored with each notification.
            kind = action_of(spec, message_name_of(spec) or spec.bpmn_id)
            if len(kind) > MAX_NOTICE_KIND:
                problems.append(
                    DiagramProblem(
                        spec.bpmn_id,
                        f"notifies of {kind!r}, longer than {MAX_NOTICE_KIND} characters: shorten the "
                        "id, or give the element an 'audit' code",
                    )
                )
        acting: dict[str, str] = {}
        if spec.manual:
            acting[spec.bpmn_id] = action_of(spec, spec.bpmn_id)
        for element, definition in message_catchers(spec):
            acting[element.bpmn_id] = action_of(element, definition.name)
        for element_id, action in acting.items():
            element = spec if element_id == spec.bpmn_id else None
            element_properties = properties if element is not None else {}
            if element is None:
                for candidate, _definition in message_catchers(spec):
                    if candidate.bpmn_id == element_id:
                        element_properties = properties_of(candidate)
            for message in declaration_problems(
                element_properties,
                action,
                rules.known_actions,
                rules.known_audit_codes,
                rules.fact_names | rules.reserved_names,
            ):
                problems.append(DiagramProblem(element_id, message))
        # A branch of an event-based gateway catches its message through the gateway (checked with
        # it above), so it may declare an action too.
        if not acting and not isinstance(spec, EventBasedGateway) and message_name_of(spec) is None:
            for message in declaration_problems(
                properties,
                None,
                rules.known_actions,
                rules.known_audit_codes,
                rules.fact_names | rules.reserved_names,
            ):
                problems.append(DiagramProblem(spec.bpmn_id, message))
        if variable := properties.get("dispose_to", "").strip():
            if not variable.isidentifier() or variable.startswith("_"):
                problems.append(
                    DiagramProblem(
                        spec.bpmn_id, f"dispose_to {variable!r} must name a variable (e.g. routed_agency)"
                    )
                )
            elif variable in rules.fact_names | rules.reserved_names:
                # Expressions read a fact over a variable of the same name, so the fallback gateway
                # would see the report's current agency instead of the rule's answer.
                problems.append(
                    DiagramProblem(
                        spec.bpmn_id,
                        f"dispose_to {variable!r} is a report fact or a reserved name; name the rule's "
                        "answer differently (e.g. routed_agency)",
                    )
                )
            if spec.manual or (spec.lane or "") in rules.acting_lanes or spec.bpmn_id is None:
                problems.append(
                    DiagramProblem(
                        spec.bpmn_id,
                        "a rule that disposes (dispose_to) must be a script or business rule task in the "
                        "'system' lane: people dispose with the dispose action",
                    )
                )
            elif type(spec).__name__ == "ServiceTask":
                problems.append(
                    DiagramProblem(
                        spec.bpmn_id,
                        "a service task cannot run here (no services are configured); make the rule a "
                        "script or business rule task",
                    )
                )
    for value in root.xpath(".//spiffworkflow:property[@name='status']/@value", namespaces=NAMESPACES):
        if value.strip() not in rules.known_statuses:
            problems.append(
                DiagramProblem(
                    owner_id(value.getparent()),
                    f"unknown status {value!r}; known statuses: {', '.join(sorted(rules.known_statuses))}",
                )
            )
    problems.extend(_property_problems(root, rules))
    problems.extend(_unrecorded_properties(root, {spec.bpmn_id for spec in diagram.task_specs()}))
    problems.extend(_fact_assignments(root, rules.fact_names))
    problems.extend(_timer_problems(root, rules.fact_samples, _bindable_names(diagram, root, rules)))
    for lane in root.xpath(".//bpmn:lane", namespaces=NAMESPACES):
        name = (lane.get("name") or "").strip()
        if name not in rules.known_lanes:
            problems.append(
                DiagramProblem(
                    lane.get("id"),
                    f"unknown lane name {name!r}; a lane must be named after a role: "
                    f"{', '.join(sorted(rules.known_lanes))}",
                )
            )
    return _unique(problems)


def _property_values(root: etree._Element, name: str) -> Iterator[tuple[str | None, str]]:
    for value in root.xpath(f".//spiffworkflow:property[@name='{name}']/@value", namespaces=NAMESPACES):
        yield owner_id(value.getparent()), str(value).strip()


def _property_problems(root: etree._Element, rules: ValidationRules) -> Iterator[DiagramProblem]:
    """The ``notify``, ``kind``, ``audit`` and ``rating`` properties that steer notifications, the
    timeline and the report's rating."""
    for element_id, value in _property_values(root, "notify"):
        unknown = [who for who in value.split() if who not in rules.known_recipients]
        if unknown or not value:
            yield DiagramProblem(
                element_id,
                f"notify {value!r} names unknown recipients {unknown}; use space-separated names "
                f"from: {', '.join(sorted(rules.known_recipients))}",
            )
    for element_id, value in _property_values(root, "kind"):
        if value not in rules.known_timer_kinds:
            yield DiagramProblem(
                element_id,
                f"unknown kind {value!r}; known kinds: {', '.join(sorted(rules.known_timer_kinds))}",
            )
    for element_id, value in _property_values(root, "rating"):
        if value != RATING_CLEAR:
            yield DiagramProblem(
                element_id,
                f"rating {value!r} is not known; the one value is {RATING_CLEAR!r}: passing the element "
                "clears the report's rating (leave the property out to keep it)",
            )
    for element_id, value in _property_values(root, "audit"):
        if not _AUDIT_CODE.match(value):
            yield DiagramProblem(
                element_id,
                f"audit code {value!r} must be 1 to 40 capital letters, digits or '_' "
                "(e.g. FOLLOW_UP_REMINDED)",
            )


def _fact_assignments(root: etree._Element, fact_names: frozenset[str]) -> Iterator[DiagramProblem]:
    for node, source, mode in expression_sources(root):
        if mode != "exec":
            continue
        for name in sorted(assigned_names(source) & fact_names):
            yield DiagramProblem(
                owner_id(node),
                f"script assigns {name!r}, a report fact: facts are read-only (the application keeps them "
                "current); use a variable of your own",
            )


def _unrecorded_properties(root: etree._Element, passable_ids: set[str | None]) -> Iterator[DiagramProblem]:
    """``audit``, ``notify`` and ``rating`` where they could never take effect.

    The engine records the flow nodes (tasks, events, gateways) a report passes, whatever made it
    pass them; a sequence flow, a lane or the process itself is never passed, so a property there
    would be accepted and then silently do nothing.
    """
    for name in ("audit", "notify", "rating"):
        for element_id, _value in _property_values(root, name):
            if element_id in passable_ids:
                continue
            owner = root.xpath(".//bpmn:*[@id=$id]", namespaces=NAMESPACES, id=element_id or "")
            kind = etree.QName(owner[0]).localname if owner else "element"
            if kind == "sequenceFlow":
                where = (
                    "a sequence flow is not recorded when a report takes it; put it on the element "
                    "the flow leads to, or on an intermediate throw event drawn on the flow"
                )
            elif kind.endswith(("Task", "Event", "Gateway")) or kind in (
                "task",
                "subProcess",
                "callActivity",
            ):
                # Spiff leaves out what no flow from the start leads to.
                where = f"no flow from the start leads to this {kind}, so no report ever passes it"
            else:
                where = f"a {kind} is never passed by a report; only tasks, events and gateways are"
            yield DiagramProblem(element_id, f"'{name}' cannot take effect here: {where}")


_AUDIT_CODE = re.compile(r"^[A-Z][A-Z0-9_]{0,39}$")
# Audit codes and notification kinds are stored in 40-character columns.
MAX_NOTICE_KIND = 40


def _unique(problems: list[DiagramProblem]) -> list[DiagramProblem]:
    return list(dict.fromkeys(problems))
