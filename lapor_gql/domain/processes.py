"""Process definitions: the versioned BPMN diagrams reports run on."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

from lapor_gql.clock import Clock, system_clock
from lapor_gql.db.models import ProcessDefinition
from lapor_gql.workflow import ProcessDiagram, WorkflowEngine

T = TypeVar("T")


@dataclass
class Runtime:
    """What every command needs besides the database: the clock and the engine that shares it."""

    clock: Clock = system_clock
    engine: WorkflowEngine = field(init=False)
    _diagrams: dict[int, ProcessDiagram] = field(default_factory=dict, init=False)
    # The engine is synchronous and CPU-bound; one worker thread keeps it off the event loop
    # without GIL contention between engine calls.
    _executor: ThreadPoolExecutor = field(
        default_factory=lambda: ThreadPoolExecutor(max_workers=1, thread_name_prefix="lapor-engine"),
        init=False,
    )

    def __post_init__(self) -> None:
        self.engine = WorkflowEngine(clock=self.clock)

    async def run_engine(self, call: Callable[[], T]) -> T:
        return await asyncio.get_running_loop().run_in_executor(self._executor, call)

    def diagram_of(self, definition: ProcessDefinition) -> ProcessDiagram:
        diagram = self._diagrams.get(definition.id)
        if diagram is None:
            diagram = ProcessDiagram.from_xml(definition.bpmn_xml.encode("utf-8"))
            self._diagrams[definition.id] = diagram
        return diagram


async def latest_definition(process_id: str) -> ProcessDefinition | None:
    return await ProcessDefinition.filter(process_id=process_id).order_by("-version").first()


async def deploy_diagram_file(path: Path, note: str = "") -> ProcessDefinition:
    """Store the diagram as a new version unless the newest version already has the same content."""
    diagram = ProcessDiagram.from_file(path)
    latest = await latest_definition(diagram.process_id)
    if latest is not None and latest.sha256 == diagram.sha256:
        return latest
    return await ProcessDefinition.create(
        process_id=diagram.process_id,
        version=(latest.version + 1) if latest else 1,
        bpmn_xml=diagram.xml.decode("utf-8"),
        sha256=diagram.sha256,
        note=note or f"deployed from {path.name}",
    )
