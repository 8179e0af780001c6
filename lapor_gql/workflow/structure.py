"""What every diagram must satisfy to run here, checked on every parse of its XML.

Expressions compile under the sandbox, people's elements sit in lanes, waiting elements carry a
status, boundary events share their host's lane, event-based gateways are ones Spiff runs
correctly. These checks need the XML only (no application rules), so ``ProcessDiagram.from_xml``
runs them for stored versions too; the checks against the application's vocabulary are in
``lint``, the exploration of the process in ``explorer``.
"""

from __future__ import annotations

from collections.abc import Iterator

from lxml import etree

from .contract import DiagramProblem
from .sandbox import Mode, check_source

BPMN_NS = "http://www.omg.org/spec/BPMN/20100524/MODEL"
SPIFF_NS = "http://spiffworkflow.org/bpmn/schema/1.0/core"
NAMESPACES = {"bpmn": BPMN_NS, "spiffworkflow": SPIFF_NS}

# Diagrams are uploaded by admins over the network; never let the XML reach the file system or
# network through entities or DTDs.
XML_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)

TIMER_KINDS = ("timeDuration", "timeDate", "timeCycle")

_NOT_OWNERS = frozenset(
    {"timerEventDefinition", "timeDuration", "timeDate", "timeCycle", "script", "conditionExpression"}
)


def owner_id(node: etree._Element) -> str | None:
    """Id of the nearest ancestor that is a flow element, so problems point at something clickable."""
    current: etree._Element | None = node
    while current is not None:
        if current.get("id") and current.tag != f"{{{BPMN_NS}}}definitions":
            if etree.QName(current).localname not in _NOT_OWNERS:
                return current.get("id")
        current = current.getparent()
    return None


def id_at_line(root: etree._Element, line: object) -> str | None:
    """XSD errors only carry a line number; map it back to the element the analyst can find."""
    if not isinstance(line, int):
        return None
    for node in root.iter():
        if node.sourceline == line and isinstance(node.tag, str):
            return owner_id(node)
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


def expression_sources(root: etree._Element) -> Iterator[tuple[etree._Element, str, Mode]]:
    """(node, source, mode) of every expression and script in the diagram, timers apart."""
    for xpath, mode in _SOURCES:
        for hit in root.xpath(xpath, namespaces=NAMESPACES):
            if isinstance(hit, str):
                yield hit.getparent(), str(hit), mode  # type: ignore[attr-defined]
            elif (hit.text or "").strip():
                yield hit, hit.text.strip(), mode


def timer_expressions(root: etree._Element) -> Iterator[tuple[etree._Element, str, str]]:
    """(node, kind, expression) of every timer: ``kind`` is timeDuration, timeDate or timeCycle."""
    for kind in TIMER_KINDS:
        for node in root.xpath(f".//bpmn:{kind}", namespaces=NAMESPACES):
            yield node, kind, (node.text or "").strip()


def structure_problems(root: etree._Element) -> list[DiagramProblem]:
    problems: list[DiagramProblem] = []
    for node, source, mode in expression_sources(root):
        for message in check_source(source, mode):
            problems.append(DiagramProblem(owner_id(node), f"{source!r}: {message}"))

    for node, _kind, expression in timer_expressions(root):
        # Evaluated with the report's facts at validation (see lint's timer problems).
        problems.extend(
            DiagramProblem(owner_id(node), f"{expression!r}: {m}") for m in check_source(expression, "eval")
        )

    refs = root.xpath(".//bpmn:lane/bpmn:flowNodeRef", namespaces=NAMESPACES)
    in_lane = {ref.text.strip() for ref in refs if ref.text}
    catching = root.xpath(
        ".//bpmn:boundaryEvent[bpmn:messageEventDefinition]"
        " | .//bpmn:intermediateCatchEvent[bpmn:messageEventDefinition]"
        " | .//bpmn:receiveTask",
        namespaces=NAMESPACES,
    )
    without_lane: set[str] = set()
    for node in [*root.xpath(".//bpmn:userTask", namespaces=NAMESPACES), *catching]:
        if node.get("id") not in in_lane:
            without_lane.add(node.get("id") or "")
            problems.append(
                DiagramProblem(node.get("id"), "must sit in a lane (the lane is the role allowed to act)")
            )
    for kind, what in (("userTask", "user task"), ("eventBasedGateway", "event-based gateway")):
        for node in root.xpath(f".//bpmn:{kind}", namespaces=NAMESPACES):
            statuses = node.xpath(
                "./bpmn:extensionElements/spiffworkflow:properties/spiffworkflow:property[@name='status']/@value",
                namespaces=NAMESPACES,
            )
            if not statuses or not statuses[0].strip():
                problems.append(DiagramProblem(node.get("id"), f"{what} needs a 'status' property"))
    problems.extend(_boundary_lane_problems(root, without_lane))
    problems.extend(_event_gateway_problems(root))
    return problems


def _lanes_by_node(root: etree._Element) -> dict[str, str]:
    found: dict[str, str] = {}
    for lane in root.xpath(".//bpmn:lane", namespaces=NAMESPACES):
        for ref in lane.xpath("./bpmn:flowNodeRef", namespaces=NAMESPACES):
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
    for node in root.xpath(".//bpmn:boundaryEvent", namespaces=NAMESPACES):
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
    by_id = {
        node.get("id"): node for node in root.xpath(".//bpmn:process//bpmn:*[@id]", namespaces=NAMESPACES)
    }
    for gateway in root.xpath(".//bpmn:eventBasedGateway", namespaces=NAMESPACES):
        gateway_id = gateway.get("id")
        targets = [
            by_id.get(flow.get("targetRef"))
            for flow in root.xpath(".//bpmn:sequenceFlow", namespaces=NAMESPACES)
            if flow.get("sourceRef") == gateway_id
        ]
        branches = [t for t in targets if t is not None]
        timers = [
            t.get("id") for t in branches if t.xpath("./bpmn:timerEventDefinition", namespaces=NAMESPACES)
        ]
        if len(timers) > 1:
            yield DiagramProblem(
                gateway_id,
                f"event-based gateway has {len(timers)} timer branches ({', '.join(map(str, timers))}); "
                "SpiffWorkflow gives all of them the due time of the first one, so use at most one",
            )
        seen: dict[str, str] = {}
        for branch in branches:
            for ref in branch.xpath("./bpmn:messageEventDefinition/@messageRef", namespaces=NAMESPACES):
                if ref in seen:
                    yield DiagramProblem(
                        branch.get("id"),
                        f"catches the same message as {seen[ref]} after event-based gateway {gateway_id}; "
                        "SpiffWorkflow always takes the first of them, so give each branch its own message",
                    )
                seen.setdefault(ref, branch.get("id") or "")
