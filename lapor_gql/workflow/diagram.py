"""Parsing and upload-time validation of process diagrams."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from datetime import UTC, datetime
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
from .contract import DiagramInvalid, DiagramProblem
from .sandbox import Mode, check_source, evaluate_sample

BPMN_NS = "http://www.omg.org/spec/BPMN/20100524/MODEL"
SPIFF_NS = "http://spiffworkflow.org/bpmn/schema/1.0/core"
_NS = {"bpmn": BPMN_NS, "spiffworkflow": SPIFF_NS}

# Timer expressions are evaluated against this fixed instant at upload; a fixed value keeps the
# lint deterministic (month lengths matter for "P1M").
SAMPLE_NOW = datetime(2025, 1, 31, 12, 0, tzinfo=UTC)

# Diagrams are uploaded by admins over the network; never let the XML reach the file system or
# network through entities or DTDs.
_XML_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)


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


def action_of(spec: TaskSpec, fallback: str) -> str:
    return properties_of(spec).get("action") or fallback


class ProcessDiagram:
    """One validated, parsed version of a BPMN diagram with exactly one executable process."""

    process_id: str
    xml: bytes
    sha256: str

    def __init__(self, xml: bytes, process_id: str, spec: Any, subprocess_specs: dict[str, Any]) -> None:
        self.xml = xml
        self.sha256 = hashlib.sha256(xml).hexdigest()
        self.process_id = process_id
        self._spec = spec
        self._subprocess_specs = subprocess_specs

    @classmethod
    def from_file(cls, path: Path) -> ProcessDiagram:
        return cls.from_xml(Path(path).read_bytes())

    @classmethod
    def from_xml(cls, xml: bytes) -> ProcessDiagram:
        try:
            root = etree.fromstring(xml, _XML_PARSER)
        except etree.XMLSyntaxError as err:
            raise DiagramInvalid([DiagramProblem(None, f"malformed XML: {err}")]) from err
        if root.tag != f"{{{BPMN_NS}}}definitions":
            raise DiagramInvalid([DiagramProblem(None, f"not a BPMN 2.0 document (root element {root.tag})")])

        parser = _Parser(validator=VALIDATOR)
        try:
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
        return cls(xml, process_id, spec, subprocess_specs)

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

    def __repr__(self) -> str:
        return f"ProcessDiagram({self.process_id!r}, sha256={self.sha256[:12]})"


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


def _check_timer(kind: str, expression: str) -> str | None:
    try:
        with clock_in_effect(lambda: SAMPLE_NOW):
            value = evaluate_sample(expression)
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
        return f"timer expression {expression!r} does not give a valid ISO 8601 {kind}: {err}"
    return None


def _lint(root: etree._Element) -> list[DiagramProblem]:
    problems: list[DiagramProblem] = []
    for node, source, mode in _sources(root):
        for message in check_source(source, mode):
            problems.append(DiagramProblem(_owner_id(node), f"{source!r}: {message}"))

    for kind in ("timeDuration", "timeDate", "timeCycle"):
        for node in root.xpath(f".//bpmn:{kind}", namespaces=_NS):
            expression = (node.text or "").strip()
            element_id = _owner_id(node)
            compile_problems = check_source(expression, "eval")
            if compile_problems:
                problems.extend(DiagramProblem(element_id, f"{expression!r}: {m}") for m in compile_problems)
                continue
            if (timer_problem := _check_timer(kind, expression)) is not None:
                problems.append(DiagramProblem(element_id, timer_problem))

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
