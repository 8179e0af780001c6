"""Parsing and upload-time validation of process diagrams."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from lxml import etree
from SpiffWorkflow.bpmn.parser.event_parsers import EventBasedGatewayParser
from SpiffWorkflow.bpmn.parser.util import full_tag
from SpiffWorkflow.bpmn.parser.ValidationException import ValidationException
from SpiffWorkflow.bpmn.specs.event_definitions.multiple import MultipleEventDefinition
from SpiffWorkflow.bpmn.specs.event_definitions.timer import TimerEventDefinition
from SpiffWorkflow.bpmn.specs.mixins.events.event_types import CatchingEvent
from SpiffWorkflow.bpmn.specs.mixins.events.intermediate_event import EventBasedGateway
from SpiffWorkflow.bpmn.specs.mixins.events.start_event import StartEvent
from SpiffWorkflow.specs.base import TaskSpec
from SpiffWorkflow.spiff.parser import VALIDATOR, SpiffBpmnParser
from SpiffWorkflow.spiff.parser.event_parsers import SpiffEventDefinitionParser
from SpiffWorkflow.spiff.specs.event_definitions import MessageEventDefinition

from .clock import clock_in_effect
from .contract import DiagramInvalid, DiagramProblem, WorkflowError
from .declarations import declaration_problems
from .sandbox import Mode, assigned_names, check_source, evaluate_sample

BPMN_NS = "http://www.omg.org/spec/BPMN/20100524/MODEL"
SPIFF_NS = "http://spiffworkflow.org/bpmn/schema/1.0/core"
_NS = {"bpmn": BPMN_NS, "spiffworkflow": SPIFF_NS}

# Timer expressions are evaluated against this fixed instant at upload; a fixed value keeps the
# lint deterministic (month lengths matter for "P1M").
SAMPLE_NOW = datetime(2025, 1, 31, 12, 0, tzinfo=UTC)

# Diagrams are uploaded by admins over the network; never let the XML reach the file system or
# network through entities or DTDs.
_XML_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)

BPMNDI_NS = "http://www.omg.org/spec/BPMN/20100524/DI"
# What does not change what a diagram does: its drawing (diagram interchange), and which modeler
# saved it last.
_LAYOUT_TAGS = (f"{{{BPMNDI_NS}}}BPMNDiagram",)
DMNDI_NS = "https://www.omg.org/spec/DMN/20191111/DMNDI/"
_DMN_LAYOUT_TAGS = (f"{{{DMNDI_NS}}}DMNDI",)
DMN_NAMESPACES = frozenset(
    {
        "https://www.omg.org/spec/DMN/20191111/MODEL/",
        "http://www.omg.org/spec/DMN/20180521/MODEL/",
        "http://www.omg.org/spec/DMN/20151101/dmn.xsd",
    }
)
_TOOL_ATTRIBUTES = ("exporter", "exporterVersion")


def content_digest(xml: bytes, decision_tables: Sequence[bytes] = ()) -> str:
    """sha256 of what a diagram (with its decision tables) means, not of how its files are laid out.

    The C14N 2.0 form of the document without its diagram interchange (shapes, edges, positions),
    comments and exporter stamp, with whitespace around text and between elements stripped and
    attributes in canonical order. Two files with the same digest run the same process; prefixes
    are kept as written, so renaming a namespace prefix still counts as a change.
    """
    digest = hashlib.sha256(_canonical(xml).encode("utf-8"))
    # Decision tables in any order are the same set of tables.
    for table in sorted(_canonical(table) for table in decision_tables):
        digest.update(b"\0")
        digest.update(table.encode("utf-8"))
    return digest.hexdigest()


def _canonical(xml: bytes) -> str:
    root = etree.fromstring(xml, _XML_PARSER)
    return etree.canonicalize(
        root,
        with_comments=False,
        strip_text=True,
        exclude_tags=(*_LAYOUT_TAGS, *_DMN_LAYOUT_TAGS),
        exclude_attrs=_TOOL_ATTRIBUTES,
    )


class _EventBasedGatewayParser(SpiffEventDefinitionParser, EventBasedGatewayParser):
    """Spiff 3.2.0 parses event-based gateways with the plain BPMN parser, which drops their
    extension properties; a waiting gateway needs its ``status`` like a user task does."""

    def create_task(self) -> Any:
        return EventBasedGatewayParser.create_task(self)


class _Parser(SpiffBpmnParser):
    OVERRIDE_PARSER_CLASSES = {
        **SpiffBpmnParser.OVERRIDE_PARSER_CLASSES,
        full_tag("eventBasedGateway"): (
            _EventBasedGatewayParser,
            SpiffBpmnParser.PARSER_CLASSES[full_tag("eventBasedGateway")][1],
        ),
    }


def properties_of(spec: TaskSpec) -> dict[str, str]:
    extensions: dict[str, Any] = getattr(spec, "extensions", None) or {}
    return dict(extensions.get("properties") or {})


def message_catchers(spec: TaskSpec) -> Iterator[tuple[TaskSpec, MessageEventDefinition]]:
    """(element spec, message definition) for every place a person's message can be caught.

    Event-based gateways take their children's definitions away (Spiff moves them onto the
    gateway), so for those the element is the gateway's child at the same position.
    """
    if isinstance(spec, EventBasedGateway):
        definition = spec.event_definition
        if isinstance(definition, MultipleEventDefinition):
            for child, child_definition in zip(spec.outputs, definition.event_definitions, strict=False):
                if isinstance(child_definition, MessageEventDefinition):
                    yield child, child_definition
    elif isinstance(spec, CatchingEvent) and not isinstance(spec, StartEvent):
        definition = getattr(spec, "event_definition", None)
        if isinstance(definition, MessageEventDefinition):
            yield spec, definition


def message_name_of(spec: TaskSpec) -> str | None:
    """The message an element catches, also for a branch of an event-based gateway."""
    for _element, definition in message_catchers(spec):
        return str(definition.name)
    for gateway in spec.inputs:
        for element, definition in message_catchers(gateway):
            if element is spec:
                return str(definition.name)
    return None


def action_of(spec: TaskSpec, fallback: str) -> str:
    return properties_of(spec).get("action") or fallback


class ProcessDiagram:
    """One validated, parsed version of a BPMN diagram with exactly one executable process."""

    process_id: str
    xml: bytes
    sha256: str
    """Of the file's bytes: identifies the stored XML."""
    content_digest: str
    """Of what the diagram means (see ``content_digest``): a new version is one whose meaning changed."""

    decision_tables: tuple[bytes, ...]
    """The DMN files deployed with the diagram, for its business rule tasks."""

    def __init__(
        self,
        xml: bytes,
        process_id: str,
        spec: Any,
        subprocess_specs: dict[str, Any],
        decision_tables: Sequence[bytes] = (),
    ) -> None:
        self.xml = xml
        self.decision_tables = tuple(decision_tables)
        self.sha256 = hashlib.sha256(xml).hexdigest()
        self.content_digest = content_digest(xml, self.decision_tables)
        self.process_id = process_id
        self._spec = spec
        self._subprocess_specs = subprocess_specs

    @classmethod
    def from_file(cls, path: Path) -> ProcessDiagram:
        """A diagram file with the decision tables (``*.dmn``) that lie beside it and it uses."""
        path = Path(path)
        tables = [table.read_bytes() for table in sorted(path.parent.glob("*.dmn"))]
        xml = path.read_bytes()
        return cls.from_xml(xml, used_decision_tables(xml, tables))

    @classmethod
    def from_xml(cls, xml: bytes, decision_tables: Sequence[bytes] = ()) -> ProcessDiagram:
        try:
            root = etree.fromstring(xml, _XML_PARSER)
        except etree.XMLSyntaxError as err:
            raise DiagramInvalid([DiagramProblem(None, f"malformed XML: {err}")]) from err
        if root.tag != f"{{{BPMN_NS}}}definitions":
            raise DiagramInvalid([DiagramProblem(None, f"not a BPMN 2.0 document (root element {root.tag})")])

        parser = _Parser(validator=VALIDATOR)
        try:
            for number, table in enumerate(decision_tables, start=1):
                parser.add_dmn_xml(_decision_table_root(table, number), filename=f"decision table {number}")
            parser.add_bpmn_xml(root)
            process_ids = parser.get_process_ids()
            if len(process_ids) != 1:
                raise DiagramInvalid(
                    [
                        DiagramProblem(
                            None, f"expected exactly one executable process, found {len(process_ids)}"
                        )
                    ]
                )
            process_id = process_ids[0]
            spec = parser.get_spec(process_id)
            subprocess_specs = parser.get_subprocess_specs(process_id)
        except DiagramInvalid:
            raise
        except ValidationException as err:
            message = str(err.args[0]) if err.args else str(err)
            element_id = getattr(err, "id", None) or _id_at_line(root, getattr(err, "line_number", None))
            raise DiagramInvalid([DiagramProblem(element_id or None, message)]) from err
        except Exception as err:  # noqa: BLE001 - any parser crash means the upload is unusable
            raise DiagramInvalid([DiagramProblem(None, f"cannot parse diagram: {err!r}")]) from err

        problems = _lint(root)
        if problems:
            raise DiagramInvalid(problems)
        return cls(xml, process_id, spec, subprocess_specs, decision_tables)

    def _task_specs(self) -> Iterator[TaskSpec]:
        yield from self._spec.task_specs.values()
        for sub in self._subprocess_specs.values():
            yield from sub.task_specs.values()

    def actions(self) -> frozenset[tuple[str, str]]:
        found: set[tuple[str, str]] = set()
        for spec in self._task_specs():
            if spec.manual:
                found.add((action_of(spec, spec.bpmn_id), spec.lane or ""))
            for element, definition in message_catchers(spec):
                found.add((action_of(element, definition.name), element.lane or ""))
        return frozenset(found)

    def statuses(self) -> frozenset[str]:
        return frozenset(
            status for spec in self._task_specs() if (status := properties_of(spec).get("status"))
        )

    def check_vocabulary(self, rules: ValidationRules) -> list[DiagramProblem]:
        """Actions, statuses and lanes the application does not know."""
        return _check_vocabulary(self, rules)

    def dry_run(self, rules: ValidationRules) -> list[DiagramProblem]:
        """Problems found by driving the main path with a fake clock."""
        return _dry_run(self, rules)

    def __repr__(self) -> str:
        return f"ProcessDiagram({self.process_id!r}, sha256={self.sha256[:12]})"


def _decision_table_root(table: bytes, number: int) -> etree._Element:
    try:
        root = etree.fromstring(table, _XML_PARSER)
    except etree.XMLSyntaxError as err:
        raise DiagramInvalid(
            [DiagramProblem(None, f"decision table {number}: malformed XML: {err}")]
        ) from err
    if etree.QName(root).localname != "definitions" or etree.QName(root).namespace not in DMN_NAMESPACES:
        raise DiagramInvalid(
            [DiagramProblem(None, f"decision table {number} is not a DMN document (root element {root.tag})")]
        )
    return root


def decision_ids(table: bytes) -> set[str]:
    root = etree.fromstring(table, _XML_PARSER)
    return {node.get("id") or "" for node in root.iter() if etree.QName(node).localname == "decision"}


def used_decision_tables(xml: bytes, tables: Sequence[bytes]) -> list[bytes]:
    """The tables among ``tables`` that define a decision the diagram's business rule tasks call."""
    root = etree.fromstring(xml, _XML_PARSER)
    called = {
        str(ref).strip() for ref in root.xpath(".//spiffworkflow:calledDecisionId/text()", namespaces=_NS)
    }
    return [table for table in tables if decision_ids(table) & called]


# --------------------------------------------------------------------------- upload-time lint


def _id_at_line(root: etree._Element, line: object) -> str | None:
    """XSD errors only carry a line number; map it back to the element the analyst can find."""
    if not isinstance(line, int):
        return None
    for node in root.iter():
        if node.sourceline == line and isinstance(node.tag, str):
            return _owner_id(node)
    return None


_NOT_OWNERS = frozenset(
    {"timerEventDefinition", "timeDuration", "timeDate", "timeCycle", "script", "conditionExpression"}
)


def _owner_id(node: etree._Element) -> str | None:
    """Id of the nearest ancestor that is a flow element, so problems point at something clickable."""
    current: etree._Element | None = node
    while current is not None:
        if current.get("id") and current.tag != f"{{{BPMN_NS}}}definitions":
            if etree.QName(current).localname not in _NOT_OWNERS:
                return current.get("id")
        current = current.getparent()
    return None


_SOURCES: tuple[tuple[str, Mode], ...] = (
    (".//bpmn:conditionExpression", "eval"),
    (".//bpmn:completionCondition", "eval"),
    (".//bpmn:loopCardinality", "eval"),
    (".//bpmn:scriptTask/bpmn:script", "exec"),
    (".//spiffworkflow:preScript", "exec"),
    (".//spiffworkflow:postScript", "exec"),
    (".//spiffworkflow:messagePayload", "eval"),
    (".//bpmn:signal/@spiffworkflow:payloadExpression", "eval"),
)


def _sources(root: etree._Element) -> Iterator[tuple[etree._Element, str, Mode]]:
    for xpath, mode in _SOURCES:
        for hit in root.xpath(xpath, namespaces=_NS):
            if isinstance(hit, str):
                yield hit.getparent(), str(hit), mode  # type: ignore[attr-defined]
            elif (hit.text or "").strip():
                yield hit, hit.text.strip(), mode


def _check_timer(kind: str, expression: str, facts: Mapping[str, object]) -> str | None:
    try:
        with clock_in_effect(lambda: SAMPLE_NOW):
            value = evaluate_sample(expression, facts=facts)
            if not isinstance(value, str):
                return f"timer expression must give an ISO 8601 string, got {type(value).__name__}"
            if kind == "timeDuration":
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


_TIMER_KINDS = ("timeDuration", "timeDate", "timeCycle")


def _timer_problems(
    root: etree._Element, samples: Sequence[Mapping[str, object]]
) -> Iterator[DiagramProblem]:
    """Every timer evaluated with every sample of the report's facts."""
    for kind in _TIMER_KINDS:
        for node in root.xpath(f".//bpmn:{kind}", namespaces=_NS):
            expression = (node.text or "").strip()
            for facts in samples:
                if (problem := _check_timer(kind, expression, facts)) is not None:
                    yield DiagramProblem(_owner_id(node), f"{problem} (report facts: {_brief(facts)})")
                    break


def _brief(facts: Mapping[str, object]) -> str:
    shown = ("classification", "category", "is_confidential", "is_anonymous", "reporter_has_account")
    return ", ".join(f"{key}={facts[key]!r}" for key in shown if key in facts) or "none"


def _lint(root: etree._Element) -> list[DiagramProblem]:
    problems: list[DiagramProblem] = []
    for node, source, mode in _sources(root):
        for message in check_source(source, mode):
            problems.append(DiagramProblem(_owner_id(node), f"{source!r}: {message}"))

    for kind in _TIMER_KINDS:
        for node in root.xpath(f".//bpmn:{kind}", namespaces=_NS):
            expression = (node.text or "").strip()
            element_id = _owner_id(node)
            compile_problems = check_source(expression, "eval")
            # Evaluated with the report's facts at validation (see _timer_problems).
            problems.extend(DiagramProblem(element_id, f"{expression!r}: {m}") for m in compile_problems)

    refs = root.xpath(".//bpmn:lane/bpmn:flowNodeRef", namespaces=_NS)
    in_lane = {ref.text.strip() for ref in refs if ref.text}
    catching = root.xpath(
        ".//bpmn:boundaryEvent[bpmn:messageEventDefinition]"
        " | .//bpmn:intermediateCatchEvent[bpmn:messageEventDefinition]"
        " | .//bpmn:receiveTask",
        namespaces=_NS,
    )
    without_lane: set[str] = set()
    for node in [*root.xpath(".//bpmn:userTask", namespaces=_NS), *catching]:
        if node.get("id") not in in_lane:
            without_lane.add(node.get("id") or "")
            problems.append(
                DiagramProblem(node.get("id"), "must sit in a lane (the lane is the role allowed to act)")
            )
    for kind, what in (("userTask", "user task"), ("eventBasedGateway", "event-based gateway")):
        for node in root.xpath(f".//bpmn:{kind}", namespaces=_NS):
            statuses = node.xpath(
                "./bpmn:extensionElements/spiffworkflow:properties/spiffworkflow:property[@name='status']/@value",
                namespaces=_NS,
            )
            if not statuses or not statuses[0].strip():
                problems.append(DiagramProblem(node.get("id"), f"{what} needs a 'status' property"))
    problems.extend(_boundary_lane_problems(root, without_lane))
    problems.extend(_event_gateway_problems(root))
    return problems


def _lanes_by_node(root: etree._Element) -> dict[str, str]:
    found: dict[str, str] = {}
    for lane in root.xpath(".//bpmn:lane", namespaces=_NS):
        for ref in lane.xpath("./bpmn:flowNodeRef", namespaces=_NS):
            if ref.text and ref.text.strip():
                found[ref.text.strip()] = lane.get("name") or lane.get("id") or ""
    return found


def _boundary_lane_problems(
    root: etree._Element, reported_without_lane: set[str]
) -> Iterator[DiagramProblem]:
    """A boundary event must be in its host's lane.

    bpmn.io-based modelers (Camunda Modeler, spiff-arena) recompute lane membership from the drawing
    whenever a shape moves, and a boundary event always follows its host; an event listed in
    another lane than its host silently changes role the next time anyone drags the host.
    """
    lanes = _lanes_by_node(root)
    for node in root.xpath(".//bpmn:boundaryEvent", namespaces=_NS):
        event_id, host = node.get("id"), node.get("attachedToRef")
        event_lane, host_lane = lanes.get(event_id or ""), lanes.get(host or "")
        if event_lane == host_lane or reported_without_lane & {event_id, host}:
            continue  # a missing lane is reported once, on the element that misses it
        yield DiagramProblem(
            event_id,
            f"boundary event is in lane {event_lane or '(none)'} but its host {host} is in lane "
            f"{host_lane or '(none)'}; modelers reassign lanes by position and move a boundary event "
            "into its host's lane as soon as the host is moved, which changes who may act. Model a step "
            "where several roles act as an event-based gateway with one catch event in each role's lane",
        )


def _event_gateway_problems(root: etree._Element) -> Iterator[DiagramProblem]:
    by_id = {node.get("id"): node for node in root.xpath(".//bpmn:process//bpmn:*[@id]", namespaces=_NS)}
    for gateway in root.xpath(".//bpmn:eventBasedGateway", namespaces=_NS):
        gateway_id = gateway.get("id")
        targets = [
            by_id.get(flow.get("targetRef"))
            for flow in root.xpath(".//bpmn:sequenceFlow", namespaces=_NS)
            if flow.get("sourceRef") == gateway_id
        ]
        branches = [t for t in targets if t is not None]
        timers = [t.get("id") for t in branches if t.xpath("./bpmn:timerEventDefinition", namespaces=_NS)]
        if len(timers) > 1:
            yield DiagramProblem(
                gateway_id,
                f"event-based gateway has {len(timers)} timer branches ({', '.join(map(str, timers))}); "
                "SpiffWorkflow gives all of them the due time of the first one, so use at most one",
            )
        seen: dict[str, str] = {}
        for branch in branches:
            for ref in branch.xpath("./bpmn:messageEventDefinition/@messageRef", namespaces=_NS):
                if ref in seen:
                    yield DiagramProblem(
                        branch.get("id"),
                        f"catches the same message as {seen[ref]} after event-based gateway {gateway_id}; "
                        "SpiffWorkflow always takes the first of them, so give each branch its own message",
                    )
                seen.setdefault(ref, branch.get("id") or "")


# --------------------------------------------------------------------------- full validation

# Where the dry run starts its fake clock: a Monday morning, so working-day timers behave ordinarily.
DRY_RUN_START = datetime(2025, 1, 6, 9, 0, tzinfo=UTC)
_DRY_RUN_MIN_STEP = timedelta(minutes=1)
_DRY_RUN_MAX_FIRINGS = 200


@dataclass(frozen=True)
class ValidationRules:
    """What the application accepts; the adapter knows no action, status or lane by itself."""

    known_actions: frozenset[str]
    known_statuses: frozenset[str]
    known_lanes: frozenset[str]
    acting_lanes: frozenset[str]
    """Lanes where people act; the dry run acts in all of them."""
    max_bytes: int
    known_recipients: frozenset[str] = frozenset()
    """Who a ``notify`` property may name."""
    known_timer_kinds: frozenset[str] = frozenset()
    """Values a timer's ``kind`` property may take (e.g. ``deadline``, ``reminder``)."""
    main_path: tuple[str, ...] = ()
    """Actions the dry run performs one after the other from the start."""
    timer_horizon: timedelta = timedelta(days=60)
    """How much fake time the dry run lets pass (after the start and after each step of the main path)."""
    fact_samples: tuple[Mapping[str, object], ...] = ({},)
    """The report facts every expression is tried with: each a complete set of facts."""
    known_audit_codes: frozenset[str] = frozenset()
    """Audit codes the application has labels for; any other needs its labels in the diagram."""
    reserved_names: frozenset[str] = frozenset()
    """Names an action's inputs may not take (besides the facts): those the application passes itself."""
    sample_agencies: Mapping[str, bool] = field(default_factory=dict)
    """Agency codes the dry run's rules may dispose to, and whether each is active."""

    @property
    def fact_names(self) -> frozenset[str]:
        return frozenset(name for sample in self.fact_samples for name in sample)


def validate_xml(xml: bytes, rules: ValidationRules) -> tuple[ProcessDiagram | None, list[DiagramProblem]]:
    """Every problem of an uploaded diagram (empty list: it may be deployed), and the parsed diagram."""
    if len(xml) > rules.max_bytes:
        return None, [
            DiagramProblem(None, f"file too large: {len(xml)} bytes, at most {rules.max_bytes} allowed")
        ]
    try:
        diagram = ProcessDiagram.from_xml(xml)
    except DiagramInvalid as err:
        return None, list(err.problems)
    problems = diagram.check_vocabulary(rules)
    if not problems:
        problems = diagram.dry_run(rules)
    return (diagram if not problems else None), problems


def _check_vocabulary(diagram: ProcessDiagram, rules: ValidationRules) -> list[DiagramProblem]:
    problems: list[DiagramProblem] = []
    root = etree.fromstring(diagram.xml, _XML_PARSER)
    for spec in diagram._task_specs():
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
        if not acting and not isinstance(spec, EventBasedGateway):
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
                        spec.bpmn_id, f"dispose_to {variable!r} must name a variable (e.g. agency_code)"
                    )
                )
            if spec.manual or (spec.lane or "") in rules.acting_lanes:
                problems.append(
                    DiagramProblem(
                        spec.bpmn_id,
                        "a rule that disposes (dispose_to) must be a script, service or business rule task "
                        "in the 'system' lane: people dispose with the dispose action",
                    )
                )
    for value in root.xpath(".//spiffworkflow:property[@name='status']/@value", namespaces=_NS):
        if value.strip() not in rules.known_statuses:
            problems.append(
                DiagramProblem(
                    _owner_id(value.getparent()),
                    f"unknown status {value!r}; known statuses: {', '.join(sorted(rules.known_statuses))}",
                )
            )
    problems.extend(_property_problems(root, rules))
    problems.extend(_unrecorded_properties(root, {spec.bpmn_id for spec in diagram._task_specs()}))
    problems.extend(_fact_assignments(root, rules.fact_names))
    problems.extend(_timer_problems(root, rules.fact_samples))
    for lane in root.xpath(".//bpmn:lane", namespaces=_NS):
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
    for value in root.xpath(f".//spiffworkflow:property[@name='{name}']/@value", namespaces=_NS):
        yield _owner_id(value.getparent()), str(value).strip()


def _property_problems(root: etree._Element, rules: ValidationRules) -> Iterator[DiagramProblem]:
    """The ``notify``, ``kind`` and ``audit`` properties that steer notifications and the timeline."""
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
    for element_id, value in _property_values(root, "audit"):
        if not _AUDIT_CODE.match(value):
            yield DiagramProblem(
                element_id,
                f"audit code {value!r} must be 1 to 40 capital letters, digits or '_' "
                "(e.g. FOLLOW_UP_REMINDED)",
            )


def _fact_assignments(root: etree._Element, fact_names: frozenset[str]) -> Iterator[DiagramProblem]:
    for node, source, mode in _sources(root):
        if mode != "exec":
            continue
        for name in sorted(assigned_names(source) & fact_names):
            yield DiagramProblem(
                _owner_id(node),
                f"script assigns {name!r}, a report fact: facts are read-only (the application keeps them "
                "current); use a variable of your own",
            )


def _unrecorded_properties(root: etree._Element, passable_ids: set[str | None]) -> Iterator[DiagramProblem]:
    """``audit`` and ``notify`` where they could never take effect.

    The engine records the flow nodes (tasks, events, gateways) a report passes, whatever made it
    pass them; a sequence flow, a lane or the process itself is never passed, so a property there
    would be accepted and then silently do nothing.
    """
    for name in ("audit", "notify"):
        for element_id, _value in _property_values(root, name):
            if element_id in passable_ids:
                continue
            owner = root.xpath(".//bpmn:*[@id=$id]", namespaces=_NS, id=element_id or "")
            kind = etree.QName(owner[0]).localname if owner else "element"
            if kind == "sequenceFlow":
                where = (
                    "a sequence flow is not recorded when a report takes it; put it on the element "
                    "the flow leads to, or on an intermediate throw event drawn on the flow"
                )
            else:
                where = f"a {kind} is never passed by a report; only tasks, events and gateways are"
            yield DiagramProblem(element_id, f"'{name}' cannot take effect here: {where}")


_AUDIT_CODE = re.compile(r"^[A-Z][A-Z0-9_]{0,39}$")
# Audit codes and notification kinds are stored in 40-character columns.
MAX_NOTICE_KIND = 40


def _unique(problems: list[DiagramProblem]) -> list[DiagramProblem]:
    return list(dict.fromkeys(problems))


def _dry_run(diagram: ProcessDiagram, rules: ValidationRules) -> list[DiagramProblem]:
    """Drive the main path with a fake clock, and let timers run out after every step."""
    from lapor_gql.clock import FakeClock

    from .engine import WorkflowEngine

    problems: list[DiagramProblem] = []
    clock = FakeClock(DRY_RUN_START)
    engine = WorkflowEngine(clock=clock)
    lanes = sorted(rules.acting_lanes)
    done: list[str] = ["start"]
    try:
        snapshot = engine.start(diagram)
    except WorkflowError as err:
        return [_dry_run_problem(err, "start")]

    def let_time_pass(state: str) -> None:
        # Jump from one due timer to the next (never less than a minute) until the horizon.
        waited = FakeClock(clock())
        timer_engine = WorkflowEngine(clock=waited)
        end = waited() + rules.timer_horizon
        due = timer_engine.inspect(state).next_timer_due_at
        for _ in range(_DRY_RUN_MAX_FIRINGS):
            if due is None or due > end:
                return
            waited.set(max(due, waited() + _DRY_RUN_MIN_STEP))
            fired = timer_engine.fire_due_timers(state)
            state, due = fired.state, fired.next_timer_due_at

    try:
        let_time_pass(snapshot.state)
    except WorkflowError as err:
        problems.append(_dry_run_problem(err, f"timers after {done[-1]}"))
    for action in rules.main_path:
        try:
            snapshot = engine.perform(snapshot.state, action, lanes, {})
        except WorkflowError as err:
            waiting = ", ".join(sorted({p.action for p in snapshot.pending_actions})) or "nothing"
            problems.append(
                _dry_run_problem(err, f"{action} after {' → '.join(done)} (waiting for: {waiting})")
            )
            break
        done.append(action)
        try:
            let_time_pass(snapshot.state)
        except WorkflowError as err:
            problems.append(_dry_run_problem(err, f"timers after {' → '.join(done)}"))
    return _unique(problems)


def _dry_run_problem(err: WorkflowError, step: str) -> DiagramProblem:
    element_id: str | None = None
    cause: BaseException | None = err
    while cause is not None and element_id is None:
        spec = getattr(cause, "task_spec", None)
        element_id = getattr(spec, "bpmn_id", None) or getattr(cause, "id", None) or None
        cause = cause.__cause__ or cause.__context__
    return DiagramProblem(element_id, f"dry run failed at {step}: {err}")


# --------------------------------------------------------------------------- element-level diff

# Parts of an element that belong to it rather than being elements of their own.
_FOLDED = frozenset(
    {
        "timerEventDefinition",
        "messageEventDefinition",
        "signalEventDefinition",
        "errorEventDefinition",
        "escalationEventDefinition",
        "terminateEventDefinition",
        "conditionalEventDefinition",
        "linkEventDefinition",
        "timeDuration",
        "timeDate",
        "timeCycle",
        "conditionExpression",
        "script",
        "extensionElements",
    }
)


@dataclass(frozen=True)
class ElementChange:
    what: str
    """``attribute:<name>``, ``property:<name>``, ``timer:<kind>``, ``condition``, ``script``, ``lanes`` …"""
    before: str | None
    after: str | None


@dataclass(frozen=True)
class ElementDiff:
    element_id: str
    element_type: str
    name: str | None
    changes: tuple[ElementChange, ...] = ()


@dataclass(frozen=True)
class DiagramDiff:
    added: tuple[ElementDiff, ...]
    removed: tuple[ElementDiff, ...]
    changed: tuple[ElementDiff, ...]


def _semantic_elements(xml: bytes) -> dict[str, tuple[str, str | None, dict[str, str]]]:
    """id → (type, name, facets) of every semantic element: the process's and the definitions'
    messages and signals. Diagram interchange (shapes, edges, positions) is not semantic."""
    root = etree.fromstring(xml, _XML_PARSER)
    found: dict[str, tuple[str, str | None, dict[str, str]]] = {}
    candidates = root.xpath(
        "./bpmn:process | ./bpmn:process//bpmn:*[@id] | ./bpmn:message | ./bpmn:signal | ./bpmn:error",
        namespaces=_NS,
    )
    for node in candidates:
        kind = etree.QName(node).localname
        if kind in _FOLDED:
            continue
        facets: dict[str, str] = {}
        for key, value in node.attrib.items():
            local = etree.QName(key).localname
            if local not in ("id", "name"):
                facets[f"attribute:{local}"] = value
        for prop in node.xpath(
            "./bpmn:extensionElements/spiffworkflow:properties/spiffworkflow:property", namespaces=_NS
        ):
            facets[f"property:{prop.get('name')}"] = prop.get("value") or ""
        for extension in node.xpath("./bpmn:extensionElements/spiffworkflow:*", namespaces=_NS):
            local = etree.QName(extension).localname
            if local != "properties":
                facets[f"extension:{local}"] = (extension.text or "").strip() or etree.tostring(
                    extension, encoding="unicode"
                )
        for definition in node.xpath("./bpmn:*[contains(local-name(), 'EventDefinition')]", namespaces=_NS):
            local = etree.QName(definition).localname
            facets[f"event:{local}"] = definition.get("messageRef") or definition.get("signalRef") or ""
            for timer in definition.xpath(
                "./bpmn:timeDuration | ./bpmn:timeDate | ./bpmn:timeCycle", namespaces=_NS
            ):
                facets[f"timer:{etree.QName(timer).localname}"] = (timer.text or "").strip()
        for condition in node.xpath("./bpmn:conditionExpression", namespaces=_NS):
            facets["condition"] = (condition.text or "").strip()
        for script in node.xpath("./bpmn:script", namespaces=_NS):
            facets["script"] = (script.text or "").strip()
        if kind == "lane":
            refs = sorted((r.text or "").strip() for r in node.xpath("./bpmn:flowNodeRef", namespaces=_NS))
            facets["flowNodeRefs"] = " ".join(refs)
        element_id = node.get("id")
        if element_id:
            found[element_id] = (kind, node.get("name"), facets)
    return found


def diff_diagrams(before: bytes, after: bytes) -> DiagramDiff:
    """Which semantic elements were added, removed or changed between two versions, by element id."""
    old, new = _semantic_elements(before), _semantic_elements(after)
    added = tuple(ElementDiff(i, new[i][0], new[i][1]) for i in sorted(new.keys() - old.keys()))
    removed = tuple(ElementDiff(i, old[i][0], old[i][1]) for i in sorted(old.keys() - new.keys()))
    changed: list[ElementDiff] = []
    for element_id in sorted(old.keys() & new.keys()):
        (old_kind, old_name, old_facets), (new_kind, new_name, new_facets) = old[element_id], new[element_id]
        changes: list[ElementChange] = []
        if old_kind != new_kind:
            changes.append(ElementChange("type", old_kind, new_kind))
        if (old_name or "") != (new_name or ""):
            changes.append(ElementChange("name", old_name, new_name))
        for key in sorted(old_facets.keys() | new_facets.keys()):
            if old_facets.get(key) != new_facets.get(key):
                changes.append(ElementChange(key, old_facets.get(key), new_facets.get(key)))
        if changes:
            changed.append(ElementDiff(element_id, new_kind, new_name, tuple(changes)))
    return DiagramDiff(added, removed, tuple(changed))
