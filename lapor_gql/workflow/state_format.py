"""How a report's workflow is stored: its tasks and data, and a reference to the diagram it runs on.

Spiff's serializer embeds the whole parsed diagram (``spec`` and ``subprocess_specs``) in every
state: about 29 of the 42 KiB of a report's state, converted on every dump and rebuilt on every
load. Here a state names its diagram instead (``"diagram": ProcessDiagram.fingerprint``), and a load
takes the diagram's parsed spec objects, shared by every workflow on that diagram as ``start``
already shares them. The rules:

* dump: a reference only when the workflow runs on the very spec objects of the diagram it was
  started or loaded with. Anything else embeds its spec as Spiff does: a workflow moved onto a
  version whose elements it partly lost (``migration`` adds stand-ins to a private copy of the spec),
  or one loaded from a state whose embedded spec is not the given diagram's.
* load of a reference: only with the diagram it names; any other diagram raises ``WorkflowError``,
  so a state never runs on another spec than its own.
* load of an embedded spec (states stored before this format, or pinned as above): it runs on its
  embedded spec, as it always did, unless that spec is exactly the given diagram's (compared as
  Spiff converts them); then it runs on the diagram's objects and is stored as a reference from then
  on. ``compacted`` makes the same change in place of a stored state, for the data conversion.

The reference leads the state's JSON (``COMPACT_PREFIX``), so the conversion tells the formats apart
from a state's first bytes. The JSON has no spaces after separators: a tenth of what is left.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any
from uuid import UUID

from SpiffWorkflow.bpmn import BpmnWorkflow
from SpiffWorkflow.bpmn.serializer import BpmnWorkflowSerializer
from SpiffWorkflow.bpmn.serializer.default.workflow import BpmnWorkflowConverter, WorkflowConverter
from SpiffWorkflow.spiff.serializer.config import SPIFF_CONFIG

from .contract import WorkflowError
from .diagram import ProcessDiagram

REFERENCE_KEY = "diagram"
COMPACT_PREFIX = '{"' + REFERENCE_KEY + '":'
_EMBEDDED_KEYS = ("spec", "subprocess_specs")
_WORKFLOW_TYPENAME = "BpmnWorkflow"
_SEPARATORS = (",", ":")


class DiagramWorkflow(BpmnWorkflow):
    """A workflow that knows the diagram it runs on; ``None``: it runs on a spec of its own."""

    diagram: ProcessDiagram | None = None


def runs_on(workflow: BpmnWorkflow, diagram: ProcessDiagram) -> bool:
    """Whether ``workflow`` runs on the diagram's own parsed specs (not on copies of them)."""
    subprocess_specs = workflow.subprocess_specs
    return (
        workflow.spec is diagram._spec
        and subprocess_specs.keys() == diagram._subprocess_specs.keys()
        and all(subprocess_specs[name] is spec for name, spec in diagram._subprocess_specs.items())
    )


class _WorkflowConverter(BpmnWorkflowConverter):
    """Spiff's converter for the top workflow, with the diagram referenced instead of embedded."""

    def __init__(self, registry: Any, state_format: StateFormat) -> None:
        # Registered under Spiff's own type name: states of either format are one kind of object.
        super().__init__(DiagramWorkflow, registry, _WORKFLOW_TYPENAME)
        self._format = state_format

    def to_dict(self, workflow: BpmnWorkflow) -> dict[str, Any]:
        diagram = getattr(workflow, "diagram", None)
        if diagram is None or not runs_on(workflow, diagram):
            return dict(super().to_dict(workflow))
        # What Spiff's to_dict writes, without the specs; the reference first (COMPACT_PREFIX).
        dct: dict[str, Any] = {REFERENCE_KEY: diagram.fingerprint}
        dct.update(WorkflowConverter.to_dict(self, workflow))
        dct["tasks"] = compact_tasks(dct["tasks"])
        dct["subprocesses"] = self.mapping_to_dict(workflow.subprocesses)
        for subprocess in dct["subprocesses"].values():
            subprocess["tasks"] = compact_tasks(subprocess["tasks"])
        dct["bpmn_events"] = self.registry.convert(workflow.bpmn_events)
        return dct

    def from_dict(
        self, dct: dict[str, Any], diagram: ProcessDiagram | None = None, script_engine: Any = None
    ) -> DiagramWorkflow:
        reference = dct.pop(REFERENCE_KEY, None)
        embedded = {key: dct.pop(key) for key in _EMBEDDED_KEYS if key in dct}
        runs_on_diagram: ProcessDiagram | None
        if reference is not None:
            if diagram is None:
                raise WorkflowError(
                    f"the workflow runs on diagram {str(reference)[:12]}, which the engine was not given"
                )
            if reference != diagram.fingerprint:
                raise WorkflowError(
                    f"the workflow runs on diagram {str(reference)[:12]}, not on {diagram!r} "
                    f"({diagram.fingerprint[:12]})"
                )
            runs_on_diagram = diagram
        elif "spec" not in embedded:
            raise WorkflowError("the workflow state names no diagram and embeds none")
        elif diagram is not None and self._format.is_spec_of(
            diagram, embedded["spec"], embedded.get("subprocess_specs") or {}
        ):
            runs_on_diagram = diagram
        else:
            runs_on_diagram = None

        if runs_on_diagram is not None:
            spec, subprocess_specs = runs_on_diagram._spec, runs_on_diagram._subprocess_specs
        else:
            spec = self.registry.restore(embedded["spec"])
            subprocess_specs = self.mapping_from_dict(embedded.get("subprocess_specs") or {})
        # From here on as Spiff's BpmnWorkflowConverter.from_dict.
        workflow = DiagramWorkflow(spec, subprocess_specs, script_engine=script_engine, deserializing=True)
        workflow.diagram = runs_on_diagram
        for subprocess in dct["subprocesses"].values():
            subprocess["tasks"] = expanded_tasks(subprocess["tasks"])
        workflow.tasks = self.mapping_from_dict(expanded_tasks(dct["tasks"]), UUID, workflow=workflow)
        workflow.task_tree = workflow.tasks.get(UUID(dct["root"]))
        self.set_default_attributes(workflow, dct)
        self.subprocesses_from_dict(dct["subprocesses"], workflow)
        workflow.bpmn_events = self.registry.restore(dct.pop("bpmn_events", []))
        return workflow


# What Spiff writes into every task whether it says anything or not; a compact state leaves these out
# and a load puts them back. (A root task's delta is ``{}``; Spiff ignores a root's delta.)
_TASK_DEFAULTS: dict[str, Any] = {
    "typename": "Task",
    "triggered": False,
    "internal_data": {},
    "data": {},
}


def compact_tasks(tasks: Mapping[str, dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """Spiff's task dicts without what a load can restore exactly: the id (the mapping's key), the
    defaults above, and the children where they are the tasks naming the parent, in mapping order.

    Task ids are random UUIDs that compress badly, and each was written up to four times (key, id,
    the parent's children, the children's parent); the database's compression of the rest is what
    makes a stored state small.
    """
    rebuilt = _children_by_parent(tasks)
    compact: dict[str, dict[str, Any]] = {}
    for key, task in tasks.items():
        entry = {
            name: value
            for name, value in task.items()
            if name != "id" and not (name in _TASK_DEFAULTS and value == _TASK_DEFAULTS[name])
        }
        if task.get("id", key) != key:
            entry["id"] = task["id"]  # never written by Spiff; kept rather than lost
        if entry.get("delta") == _delta_default(task):
            del entry["delta"]
        if entry.get("children") == rebuilt.get(key, []):
            del entry["children"]
        compact[key] = entry
    return compact


def expanded_tasks(tasks: Mapping[str, dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """The task dicts as Spiff wrote them, from ``compact_tasks``' (full dicts pass unchanged)."""
    rebuilt = _children_by_parent(tasks)
    expanded: dict[str, dict[str, Any]] = {}
    for key, task in tasks.items():
        entry = {"id": key, **_TASK_DEFAULTS, **task}
        entry.setdefault("children", rebuilt.get(key, []))
        entry.setdefault("delta", _delta_default(entry))
        expanded[key] = entry
    return expanded


def _delta_default(task: Mapping[str, Any]) -> dict[str, Any]:
    return {} if task.get("parent") is None else {"updates": {}, "deletions": []}


def _children_by_parent(tasks: Mapping[str, Mapping[str, Any]]) -> dict[str, list[str]]:
    children: dict[str, list[str]] = {}
    for key, task in tasks.items():
        parent = task.get("parent")
        if parent is not None:
            children.setdefault(parent, []).append(key)
    return children


class _Serializer(BpmnWorkflowSerializer):
    def serialize_json(self, workflow: BpmnWorkflow, use_gzip: bool = False) -> str:
        """As Spiff's, with compact separators (and never gzipped: states are stored as text)."""
        if use_gzip:
            raise ValueError("workflow states are stored as text")
        self.registry._encoder_mode = True
        try:
            dct = self.to_dict(workflow)
            dct[self.VERSION_KEY] = self.VERSION
            return json.dumps(dct, cls=self._encoder_cls, separators=_SEPARATORS)
        finally:
            self.registry._encoder_mode = False


class StateFormat:
    """Loads and dumps workflows in the format above. Not thread-safe (Spiff's registry flips a
    shared flag while encoding): the engine calls it under its lock."""

    def __init__(self) -> None:
        registry = BpmnWorkflowSerializer.configure(SPIFF_CONFIG)
        self._converter = _WorkflowConverter(registry, self)
        self.serializer = _Serializer(registry)
        # The diagram's spec as Spiff converts it and as JSON reads it back, per fingerprint: what an
        # embedded spec is compared with.
        self._spec_documents: dict[str, Any] = {}

    def load(
        self,
        state: str,
        diagram: ProcessDiagram | None = None,
        known: Mapping[str, ProcessDiagram] | None = None,
        script_engine: Any = None,
    ) -> DiagramWorkflow:
        """The workflow stored in ``state``, on ``diagram`` (else on the one ``known`` has under the
        state's reference). Raises WorkflowError if the state runs on another diagram."""
        dct = json.loads(state)
        reference = dct.get(REFERENCE_KEY)
        if diagram is None and known is not None and isinstance(reference, str):
            diagram = known.get(reference)
        self.serializer.migrate(dct)
        workflow: DiagramWorkflow = self.serializer.from_dict(
            dct, diagram=diagram, script_engine=script_engine
        )
        return workflow

    def dump(self, workflow: BpmnWorkflow) -> str:
        return str(self.serializer.serialize_json(workflow))

    def compacted(self, state: str, diagram: ProcessDiagram) -> str | None:
        """``state`` with the diagram referenced instead of embedded, if what it embeds is exactly
        ``diagram``'s spec; ``state`` itself if it already references ``diagram``; else None (it
        stays as it is: a pinned spec, or another diagram's).

        Only the spec is taken out and the tasks written as ``compact_tasks`` writes them (which a
        load restores exactly); the tasks and data are not reinterpreted. The
        result is loaded once, to prove it loads with ``diagram``.
        """
        dct = json.loads(state)
        if REFERENCE_KEY in dct:
            return state if dct[REFERENCE_KEY] == diagram.fingerprint else None
        self.serializer.migrate(dct)  # an older serializer version: its dict as Spiff reads it now
        spec, subprocess_specs = dct.get("spec"), dct.get("subprocess_specs") or {}
        if spec is None or not self.is_spec_of(diagram, spec, subprocess_specs):
            return None
        compact: dict[str, Any] = {REFERENCE_KEY: diagram.fingerprint}
        compact.update((key, value) for key, value in dct.items() if key not in _EMBEDDED_KEYS)
        compact["tasks"] = compact_tasks(compact["tasks"])
        for subprocess in compact.get("subprocesses", {}).values():
            subprocess["tasks"] = compact_tasks(subprocess["tasks"])
        compact[self.serializer.VERSION_KEY] = self.serializer.VERSION
        text = json.dumps(compact, separators=_SEPARATORS)
        loaded = self.load(text, diagram)
        if not runs_on(loaded, diagram):  # never expected: load takes the diagram's specs
            return None
        return text

    def is_spec_of(self, diagram: ProcessDiagram, spec: Any, subprocess_specs: Any) -> bool:
        """Whether a state's embedded spec (as JSON read it) is exactly the diagram's."""
        document = self._spec_documents.get(diagram.fingerprint)
        if document is None:
            document = self._spec_documents[diagram.fingerprint] = self._spec_document(diagram)
        return bool(document == {"spec": spec, "subprocess_specs": subprocess_specs})

    def _spec_document(self, diagram: ProcessDiagram) -> Any:
        """The diagram's specs as a stored state embeds them: converted as ``serialize_json``
        converts them, through JSON and back (tuples become lists, as in a stored state)."""
        registry = self.serializer.registry
        registry._encoder_mode = True
        try:
            text = json.dumps(
                {
                    "spec": registry.convert(diagram._spec),
                    "subprocess_specs": self._converter.mapping_to_dict(diagram._subprocess_specs),
                },
                cls=self.serializer._encoder_cls,
            )
        finally:
            registry._encoder_mode = False
        return json.loads(text)


class SpiffStateFormat:
    """Spiff's own format, with the whole spec inside every state: what states were before this one.
    For tests that make such states and for the bench's before/after, never for storing."""

    def __init__(self) -> None:
        self.serializer = BpmnWorkflowSerializer(BpmnWorkflowSerializer.configure(SPIFF_CONFIG))
        # The engine's workflows are Spiff's class with a diagram attached: stored as Spiff's.
        self.serializer.registry.typenames[DiagramWorkflow] = _WORKFLOW_TYPENAME

    def load(self, state: str) -> BpmnWorkflow:
        return self.serializer.deserialize_json(state)

    def dump(self, workflow: BpmnWorkflow) -> str:
        return str(self.serializer.serialize_json(workflow))
