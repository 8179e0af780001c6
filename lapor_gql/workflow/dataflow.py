"""Which names each element of a diagram reads, which a person's action always writes, and which
elements can follow which: what the explorer needs to tell apart states whose futures differ.

A name matters in a state when some element the report can still reach reads it before a person's
action sets it anew; facts and data no reachable element reads cannot change what happens next.
"""

from __future__ import annotations

import ast
from collections.abc import Iterable, Iterator, Sequence

from lxml import etree
from SpiffWorkflow.specs.base import TaskSpec

from .declarations import action_declaration
from .diagram import ProcessDiagram, action_of, message_catchers, properties_of
from .rules import ValidationRules
from .structure import NAMESPACES, XML_PARSER, expression_sources, timer_expressions

AGENCIES = "<agencies>"
"""A name no expression can use: read by an element whose outcome depends on the agencies that exist
(a rule that disposes)."""
WAITING_KINDS = frozenset(
    {"userTask", "manualTask", "receiveTask", "intermediateCatchEvent", "boundaryEvent"}
)
"""Elements where a report waits for a person or a timer."""
# Input kinds whose value reaches the workflow under the input's name.
_VALUE_KINDS = frozenset({"yesno", "choice", "agency", "rating"})


class DataFlow:
    """What the diagram's expressions read, what people's actions always write, and which elements
    can follow which (from the XML)."""

    def __init__(self, diagram: ProcessDiagram, rules: ValidationRules) -> None:
        root = etree.fromstring(diagram.xml, XML_PARSER)
        self.kinds: dict[str, str] = {}
        # Flow elements only: the parts of one (a timer's definition …) belong to it.
        for node in root.xpath(
            "./bpmn:process/bpmn:*[@id] | .//bpmn:subProcess/bpmn:*[@id] | .//bpmn:transaction/bpmn:*[@id]"
            " | .//bpmn:adHocSubProcess/bpmn:*[@id]",
            namespaces=NAMESPACES,
        ):
            self.kinds.setdefault(node.get("id") or "", etree.QName(node).localname)
        self.reads: dict[str, set[str]] = {element_id: set() for element_id in self.kinds}
        self.writes: dict[str, set[str]] = {element_id: set() for element_id in self.kinds}
        self.flows: dict[str, set[str]] = {element_id: set() for element_id in self.kinds}
        self.boundaries: dict[str, set[str]] = {element_id: set() for element_id in self.kinds}
        for node, source, mode in expression_sources(root):
            self._read(node, _names_in(source, mode))
        for node, _kind, expression in timer_expressions(root):
            self._read(node, _names_in(expression, "eval"))
        decisions = _decision_names(diagram.decision_tables)
        every_decision = set().union(*decisions.values()) if decisions else set()
        for task in root.xpath(".//bpmn:businessRuleTask", namespaces=NAMESPACES):
            called = task.xpath(".//spiffworkflow:calledDecisionId/text()", namespaces=NAMESPACES)
            names = decisions.get(str(called[0]).strip(), every_decision) if called else every_decision
            self._read(task, names)
        for spec in diagram.task_specs():
            if (properties_of(spec).get("dispose_to") or "").strip() and spec.bpmn_id in self.reads:
                self.reads[spec.bpmn_id].add(AGENCIES)
            for element, action in _acting_elements(spec):
                if element.bpmn_id in self.writes:
                    self.writes[element.bpmn_id] |= _always_written(element, action, rules)
        for flow in root.xpath(".//bpmn:sequenceFlow", namespaces=NAMESPACES):
            self._link(self.flows, flow.get("sourceRef"), flow.get("id"))
            self._link(self.flows, flow.get("id"), flow.get("targetRef"))
        self.hosts: dict[str, str] = {}
        """Boundary event → the element it is attached to."""
        self.non_interrupting: set[str] = set()
        for event in root.xpath(".//bpmn:boundaryEvent", namespaces=NAMESPACES):
            event_id, host = event.get("id") or "", event.get("attachedToRef") or ""
            self._link(self.boundaries, host, event_id)
            self.hosts[event_id] = host
            if event.get("cancelActivity") == "false":
                self.non_interrupting.add(event_id)
        for container in root.xpath(
            ".//bpmn:subProcess | .//bpmn:transaction | .//bpmn:adHocSubProcess", namespaces=NAMESPACES
        ):
            # What happens inside follows the container, and what follows it follows its inside.
            for inner in container.xpath(".//bpmn:*[@id]", namespaces=NAMESPACES):
                self._link(self.flows, container.get("id"), inner.get("id"))
                self._link(self.flows, inner.get("id"), container.get("id"))
        self.timers = frozenset(
            node.getparent().get("id") or ""
            for node in root.xpath(".//bpmn:timerEventDefinition", namespaces=NAMESPACES)
        )
        """Elements that wait for a timer."""
        self.every_read: frozenset[str] = frozenset(set().union(*self.reads.values()))
        # Link events jump without a sequence flow; rather than follow them, assume anything may follow.
        self._exact = not root.xpath(".//bpmn:linkEventDefinition", namespaces=NAMESPACES)
        self._ahead: dict[str, frozenset[str]] = {}

    def _owner(self, node: etree._Element) -> str | None:
        current: etree._Element | None = node
        while current is not None:
            if (element_id := current.get("id")) in self.reads:
                return element_id
            current = current.getparent()
        return None

    def _read(self, node: etree._Element, names: Iterable[str]) -> None:
        if (owner := self._owner(node)) is not None:
            self.reads[owner].update(names)

    def _link(self, edges: dict[str, set[str]], source: str | None, target: str | None) -> None:
        if source in edges and target in edges:
            edges[source].add(target)

    def following(self, element_id: str) -> set[str]:
        return self.flows.get(element_id, set()) | self.boundaries.get(element_id, set())

    def read_ahead(self, element_id: str) -> frozenset[str]:
        """Every name some element from here on may read before a person's action sets it anew."""
        if not self._exact or element_id not in self.reads:
            return self.every_read
        if (known := self._ahead.get(element_id)) is None:
            known = self._ahead[element_id] = frozenset(
                name for name in self.every_read if self._read_before_written(element_id, name)
            )
        return known

    def _read_before_written(self, start: str, name: str) -> bool:
        seen, stack = {start}, [start]
        while stack:
            current = stack.pop()
            if name in self.reads[current]:
                return True
            # Past an element that always writes the name, the value from before no longer matters;
            # its boundary events fire instead of it completing, so they still see the old value.
            following = set(self.boundaries[current])
            if name not in self.writes[current]:
                following |= self.flows[current]
            for element_id in following - seen:
                seen.add(element_id)
                stack.append(element_id)
        return False

    def waiting_elements(self) -> frozenset[str]:
        """User tasks and catch events: where a report can wait for a person or a timer."""
        return frozenset(element_id for element_id, kind in self.kinds.items() if kind in WAITING_KINDS)


def _acting_elements(spec: TaskSpec) -> Iterator[tuple[TaskSpec, str]]:
    """(element, action) for each place people act at: a user task, or a message it catches."""
    if spec.manual:
        yield spec, action_of(spec, spec.bpmn_id)
    for element, definition in message_catchers(spec):
        yield element, action_of(element, definition.name)


def _always_written(element: TaskSpec, action: str, rules: ValidationRules) -> set[str]:
    """The workflow data every way of doing the action sets."""
    declaration = action_declaration(action, properties_of(element))
    if declaration is not None:
        return {field_.name for field_ in declaration.inputs if field_.kind in _VALUE_KINDS}
    variants = rules.action_data_variants.get(action) or ()
    return set.intersection(*(set(data) for data in variants)) if variants else set()


def _names_in(source: str, mode: str) -> set[str]:
    try:
        tree = ast.parse(source, mode="eval" if mode == "eval" else "exec")
    except SyntaxError:
        return set()
    return {node.id for node in ast.walk(tree) if isinstance(node, ast.Name)}


def _dmn_names(text: str) -> set[str]:
    """Names in a decision table cell: an expression (``category``) or a test (``> 5``, ``"a", "b"``)."""
    for candidate in (text, f"_value {text}"):
        try:
            tree = ast.parse(candidate, mode="eval")
        except SyntaxError:
            continue
        return {node.id for node in ast.walk(tree) if isinstance(node, ast.Name)} - {"_value"}
    return set()


def _decision_names(tables: Sequence[bytes]) -> dict[str, set[str]]:
    """Decision id → every name its input expressions and entries read."""
    found: dict[str, set[str]] = {}
    cells = ("inputExpression", "inputEntry", "outputEntry")
    for table in tables:
        root = etree.fromstring(table, XML_PARSER)
        for decision in root.iter():
            if not isinstance(decision.tag, str) or etree.QName(decision).localname != "decision":
                continue
            names = found.setdefault(decision.get("id") or "", set())
            for cell in decision.iter():
                if isinstance(cell.tag, str) and etree.QName(cell).localname in cells:
                    for text in cell.itertext():
                        names |= _dmn_names(text.strip())
    return found
