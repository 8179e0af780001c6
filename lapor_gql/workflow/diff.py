"""Element-level differences between two versions of a diagram, by element id."""

from __future__ import annotations

from dataclasses import dataclass

from lxml import etree

from .structure import NAMESPACES, XML_PARSER

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
    root = etree.fromstring(xml, XML_PARSER)
    found: dict[str, tuple[str, str | None, dict[str, str]]] = {}
    candidates = root.xpath(
        "./bpmn:process | ./bpmn:process//bpmn:*[@id] | ./bpmn:message | ./bpmn:signal | ./bpmn:error",
        namespaces=NAMESPACES,
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
            "./bpmn:extensionElements/spiffworkflow:properties/spiffworkflow:property", namespaces=NAMESPACES
        ):
            facets[f"property:{prop.get('name')}"] = prop.get("value") or ""
        for extension in node.xpath("./bpmn:extensionElements/spiffworkflow:*", namespaces=NAMESPACES):
            local = etree.QName(extension).localname
            if local != "properties":
                facets[f"extension:{local}"] = (extension.text or "").strip() or etree.tostring(
                    extension, encoding="unicode"
                )
        for definition in node.xpath(
            "./bpmn:*[contains(local-name(), 'EventDefinition')]", namespaces=NAMESPACES
        ):
            local = etree.QName(definition).localname
            facets[f"event:{local}"] = definition.get("messageRef") or definition.get("signalRef") or ""
            for timer in definition.xpath(
                "./bpmn:timeDuration | ./bpmn:timeDate | ./bpmn:timeCycle", namespaces=NAMESPACES
            ):
                facets[f"timer:{etree.QName(timer).localname}"] = (timer.text or "").strip()
        for condition in node.xpath("./bpmn:conditionExpression", namespaces=NAMESPACES):
            facets["condition"] = (condition.text or "").strip()
        for script in node.xpath("./bpmn:script", namespaces=NAMESPACES):
            facets["script"] = (script.text or "").strip()
        if kind == "lane":
            refs = sorted(
                (r.text or "").strip() for r in node.xpath("./bpmn:flowNodeRef", namespaces=NAMESPACES)
            )
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
