"""Every diagram we ship carries its layout, so it opens in bpmn.io-based modelers as drawn."""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree

from lapor_gql.config import PROJECT_ROOT

NS = {
    "bpmn": "http://www.omg.org/spec/BPMN/20100524/MODEL",
    "bpmndi": "http://www.omg.org/spec/BPMN/20100524/DI",
    "dc": "http://www.omg.org/spec/DD/20100524/DC",
    "di": "http://www.omg.org/spec/DD/20100524/DI",
}
FLOW_NODES = (
    "startEvent endEvent userTask task scriptTask serviceTask manualTask exclusiveGateway parallelGateway "
    "eventBasedGateway inclusiveGateway boundaryEvent intermediateCatchEvent intermediateThrowEvent"
).split()
DIAGRAMS = sorted((PROJECT_ROOT / "workflows").glob("*.bpmn"))


def _bounds(shape: etree._Element) -> tuple[float, float, float, float]:
    b = shape.find("dc:Bounds", NS)
    assert b is not None
    x, y, w, h = (float(b.get(k, "0")) for k in ("x", "y", "width", "height"))
    return x, y, x + w, y + h


@pytest.mark.parametrize("path", DIAGRAMS, ids=lambda p: p.name)
def test_every_element_has_a_shape_inside_its_lane(path: Path) -> None:
    root = etree.parse(str(path)).getroot()
    shapes = {s.get("bpmnElement"): _bounds(s) for s in root.iterfind(".//bpmndi:BPMNShape", NS)}
    edges = {e.get("bpmnElement") for e in root.iterfind(".//bpmndi:BPMNEdge", NS)}
    nodes = [n for kind in FLOW_NODES for n in root.iterfind(f".//bpmn:process/bpmn:{kind}", NS)]

    assert nodes
    assert {n.get("id") for n in nodes} <= set(shapes), "flow nodes without a shape"
    assert {f.get("id") for f in root.iterfind(".//bpmn:sequenceFlow", NS)} <= edges, "flows without an edge"

    hosts = {n.get("id"): n.get("attachedToRef") for n in nodes if n.get("attachedToRef")}
    for lane in root.iterfind(".//bpmn:lane", NS):
        lx1, ly1, lx2, ly2 = shapes[lane.get("id")]
        for ref in lane.iterfind("bpmn:flowNodeRef", NS):
            node_id = (ref.text or "").strip()
            # A boundary event is drawn on its host's border, which may be the edge of the lane.
            x1, y1, x2, y2 = shapes[hosts.get(node_id, node_id)]
            assert lx1 <= x1 and x2 <= lx2 and ly1 <= y1 and y2 <= ly2, (
                f"{node_id} is outside lane {lane.get('name')}"
            )

    for event, host in hosts.items():
        ex1, ey1, ex2, ey2 = shapes[event]
        cx, cy = (ex1 + ex2) / 2, (ey1 + ey2) / 2
        hx1, hy1, hx2, hy2 = shapes[host]
        on_vertical = cx in (hx1, hx2) and hy1 <= cy <= hy2
        on_horizontal = cy in (hy1, hy2) and hx1 <= cx <= hx2
        assert on_vertical or on_horizontal, f"boundary event {event} is not on the border of {host}"
