"""Parsing process diagrams: the BPMN (with its decision tables) into a ProcessDiagram, and what
the engine reads from its elements (properties, actions, messages).

Checks against the application's rules are in ``lint``, the exploration of the process in
``explorer``, the element-level comparison of two versions in ``diff``.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator, Sequence
from functools import cached_property
from pathlib import Path
from typing import Any

from lxml import etree
from SpiffWorkflow.bpmn.parser.event_parsers import EventBasedGatewayParser
from SpiffWorkflow.bpmn.parser.util import full_tag
from SpiffWorkflow.bpmn.parser.ValidationException import ValidationException
from SpiffWorkflow.bpmn.specs.event_definitions.multiple import MultipleEventDefinition
from SpiffWorkflow.bpmn.specs.mixins.events.event_types import CatchingEvent
from SpiffWorkflow.bpmn.specs.mixins.events.intermediate_event import EventBasedGateway
from SpiffWorkflow.bpmn.specs.mixins.events.start_event import StartEvent
from SpiffWorkflow.specs.base import TaskSpec
from SpiffWorkflow.spiff.parser import VALIDATOR, SpiffBpmnParser
from SpiffWorkflow.spiff.parser.event_parsers import SpiffEventDefinitionParser
from SpiffWorkflow.spiff.specs.event_definitions import MessageEventDefinition

from .contract import DiagramInvalid, DiagramProblem
from .structure import BPMN_NS, NAMESPACES, XML_PARSER, id_at_line, structure_problems

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
    root = etree.fromstring(xml, XML_PARSER)
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
            root = etree.fromstring(xml, XML_PARSER)
        except etree.XMLSyntaxError as err:
            raise DiagramInvalid([DiagramProblem(None, f"malformed XML: {err}")]) from err
        if root.tag != f"{{{BPMN_NS}}}definitions":
            raise DiagramInvalid([DiagramProblem(None, f"not a BPMN 2.0 document (root element {root.tag})")])

        parser = _Parser(validator=VALIDATOR)
        try:
            defined: dict[str, int] = {}
            for number, table in enumerate(decision_tables, start=1):
                table_root = _decision_table_root(table, number)
                for decision in table_root.iter("{*}decision"):
                    decision_id = decision.get("id") or ""
                    if decision_id in defined:
                        # Spiff would keep the last silently; which table rules must not be a guess.
                        raise DiagramInvalid(
                            [
                                DiagramProblem(
                                    None,
                                    f"decision {decision_id!r} is defined by decision tables "
                                    f"{defined[decision_id]} and {number}: deploy one of them",
                                )
                            ]
                        )
                    defined[decision_id] = number
                parser.add_dmn_xml(table_root, filename=f"decision table {number}")
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
            if message.startswith("No DMN Diagram available"):
                message = (
                    f"{message.split(',')[0]}: the business rule task calls a decision no decision table "
                    "given defines; deploy its .dmn file with the diagram (decisionTables, or beside "
                    "the file on the command line)"
                )
            element_id = getattr(err, "id", None) or id_at_line(root, getattr(err, "line_number", None))
            raise DiagramInvalid([DiagramProblem(element_id or None, message)]) from err
        except Exception as err:  # noqa: BLE001 - any parser crash means the upload is unusable
            raise DiagramInvalid([DiagramProblem(None, f"cannot parse diagram: {err!r}")]) from err

        problems = structure_problems(root)
        if problems:
            raise DiagramInvalid(problems)
        return cls(xml, process_id, spec, subprocess_specs, decision_tables)

    def task_specs(self) -> Iterator[TaskSpec]:
        yield from self._spec.task_specs.values()
        for sub in self._subprocess_specs.values():
            yield from sub.task_specs.values()

    def actions(self) -> frozenset[tuple[str, str]]:
        found: set[tuple[str, str]] = set()
        for spec in self.task_specs():
            if spec.manual:
                found.add((action_of(spec, spec.bpmn_id), spec.lane or ""))
            for element, definition in message_catchers(spec):
                found.add((action_of(element, definition.name), element.lane or ""))
        return frozenset(found)

    @cached_property
    def fingerprint(self) -> str:
        """Identifies the parsed diagram a stored workflow runs on (``state_format``): the sha256 of
        its file's bytes and of each decision table's, in the order given.

        Bytes, not ``content_digest``: two files that mean the same may still parse into specs that
        differ (element names, documentation), and a state must run on exactly its own.
        """
        digest = hashlib.sha256(self.sha256.encode("ascii"))
        for table in self.decision_tables:
            digest.update(b"\0")
            digest.update(hashlib.sha256(table).digest())
        return digest.hexdigest()

    @cached_property
    def has_routing(self) -> bool:
        """Whether an element disposes the report by rule (``dispose_to``): only then does a call
        need the agencies a rule may name."""
        return any((properties_of(spec).get("dispose_to") or "").strip() for spec in self.task_specs())

    def statuses(self) -> frozenset[str]:
        return frozenset(
            status for spec in self.task_specs() if (status := properties_of(spec).get("status"))
        )

    def __repr__(self) -> str:
        return f"ProcessDiagram({self.process_id!r}, sha256={self.sha256[:12]})"


def _decision_table_root(table: bytes, number: int) -> etree._Element:
    try:
        root = etree.fromstring(table, XML_PARSER)
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
    root = etree.fromstring(table, XML_PARSER)
    return {node.get("id") or "" for node in root.iter() if etree.QName(node).localname == "decision"}


def used_decision_tables(xml: bytes, tables: Sequence[bytes]) -> list[bytes]:
    """The tables among ``tables`` that define a decision the diagram's business rule tasks call."""
    root = etree.fromstring(xml, XML_PARSER)
    called = {
        str(ref).strip()
        for ref in root.xpath(".//spiffworkflow:calledDecisionId/text()", namespaces=NAMESPACES)
    }
    return [table for table in tables if decision_ids(table) & called]
