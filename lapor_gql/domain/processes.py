"""Process definitions: the versioned BPMN diagrams reports run on."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path
from typing import TypeVar

from tortoise.functions import Count

from lapor_gql.clock import Clock, system_clock
from lapor_gql.db.models import ProcessDefinition, ReportWorkflow, Role
from lapor_gql.db.projections import process_definition_ids
from lapor_gql.workflow import DiagramProblem, ProcessDiagram, WorkflowEngine
from lapor_gql.workflow.diagram import ValidationRules, content_digest, validate_xml

from . import idempotency, policy
from .actors import Actor
from .audit import record_audit
from .changes import ChangeFeed, LocalChangeFeed
from .errors import AccessDenied
from .labels import ACTION_LABELS
from .report_facts import SAMPLE_AGENCIES, sample_facts

T = TypeVar("T")
log = logging.getLogger(__name__)


@dataclass
class Runtime:
    """What every command needs besides the database: the clock and the engine that shares it."""

    clock: Clock = system_clock
    changes: ChangeFeed = field(default_factory=LocalChangeFeed)
    engine: WorkflowEngine = field(init=False)
    _diagrams: dict[int, ProcessDiagram] = field(default_factory=dict, init=False)
    _action_lanes: dict[int, frozenset[tuple[str, str]]] = field(default_factory=dict, init=False)
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

    async def lanes_of_action(self, action: str) -> frozenset[str]:
        """Every lane in which ``action`` waits in some deployed diagram, old versions included,
        since reports still run on them."""
        definition_ids = await process_definition_ids()
        missing = definition_ids - self._diagrams.keys()
        if missing:
            for definition in await ProcessDefinition.filter(id__in=missing):
                self.diagram_of(definition)
        return frozenset(
            lane
            for definition_id in definition_ids
            for candidate, lane in self._actions_of(definition_id)
            if candidate == action
        )

    def _actions_of(self, definition_id: int) -> frozenset[tuple[str, str]]:
        # Walking a diagram's elements for every mutation would cost more than the mutation's query.
        actions = self._action_lanes.get(definition_id)
        if actions is None:
            actions = self._action_lanes[definition_id] = self._diagrams[definition_id].actions()
        return actions

    def diagram_of(self, definition: ProcessDefinition) -> ProcessDiagram:
        diagram = self._diagrams.get(definition.id)
        if diagram is None:
            diagram = ProcessDiagram.from_xml(definition.bpmn_xml.encode("utf-8"))
            self._diagrams[definition.id] = diagram
        return diagram


async def latest_definition(process_id: str) -> ProcessDefinition | None:
    return await ProcessDefinition.filter(process_id=process_id).order_by("-version").first()


def has_same_content(definition: ProcessDefinition, diagram: ProcessDiagram) -> bool:
    """Whether a stored version already does what ``diagram`` does.

    A diagram that differs only in layout, whitespace, attribute order, comments or the modeler's
    stamp is the same process: deploying it stores no new version, and the stored version keeps its
    own file (layout included). A new version means the process changed.
    """
    if definition.sha256 == diagram.sha256:
        return True
    try:
        return content_digest(definition.bpmn_xml.encode("utf-8")) == diagram.content_digest
    except Exception:  # noqa: BLE001 - a stored file we cannot read again is simply not the same
        log.exception("cannot read process definition %s to compare it", definition.id)
        return False


async def deploy_diagram_file(path: Path, note: str = "") -> ProcessDefinition:
    """Store the diagram as a new version unless the newest version already has the same content."""
    diagram = ProcessDiagram.from_file(path)
    latest = await latest_definition(diagram.process_id)
    if latest is not None and has_same_content(latest, diagram):
        return latest
    return await ProcessDefinition.create(
        process_id=diagram.process_id,
        version=(latest.version + 1) if latest else 1,
        bpmn_xml=diagram.xml.decode("utf-8"),
        sha256=diagram.sha256,
        note=note or f"deployed from {path.name}",
    )


# --------------------------------------------------------------------------- deploying new versions

# What a diagram may refer to. Kept here, next to the code that gives these names their meaning
# (reports.py performs the actions, policy.LANES gives the lanes their roles), and handed to the
# generic validator in the workflow adapter.
KNOWN_ACTIONS = frozenset(
    {
        "dispose",
        "hold",
        "resume",
        "archive",
        "follow_up",
        "reply",
        "request_not_authority",
        "resolve_not_authority",
        "close",
        "reopen",
    }
)
KNOWN_STATUSES = frozenset(
    {"SUBMITTED", "ON_HOLD", "ARCHIVED", "DISPOSED", "IN_PROGRESS", "NOT_AUTHORITY_REQUESTED", "CLOSED"}
)
ACTING_LANES = frozenset({"admin", "liaison", "reporter"})
# Whom an automatic step may notify (its ``notify`` property); notifications.py resolves each to people.
NOTIFY_RECIPIENTS = frozenset({"admin", "liaison", "reporter"})
# A ``deadline`` timer sets the report's deadline and overdue flag; a ``reminder`` only notifies.
TIMER_KINDS = frozenset({"deadline", "reminder"})
KNOWN_LANES = ACTING_LANES | {"system"}
MAX_DIAGRAM_BYTES = 1_000_000
# The dry run drives a report along these actions, letting every timer run out after each step.
DRY_RUN_PATH = ("dispose", "follow_up", "reply", "close", "reopen")
DRY_RUN_HORIZON = timedelta(days=60)

VALIDATION_RULES = ValidationRules(
    known_actions=KNOWN_ACTIONS,
    known_statuses=KNOWN_STATUSES,
    known_lanes=KNOWN_LANES,
    acting_lanes=ACTING_LANES,
    max_bytes=MAX_DIAGRAM_BYTES,
    known_recipients=NOTIFY_RECIPIENTS,
    known_timer_kinds=TIMER_KINDS,
    main_path=DRY_RUN_PATH,
    timer_horizon=DRY_RUN_HORIZON,
    fact_samples=sample_facts(),
    known_audit_codes=frozenset(code for code in ACTION_LABELS if code.isupper()),
    # What the application itself passes to the workflow with an action.
    reserved_names=frozenset({"accepted"}),
    sample_agencies=SAMPLE_AGENCIES,
)


class DiagramRejected(Exception):
    """The uploaded diagram has problems; nothing was stored."""

    def __init__(self, problems: list[DiagramProblem]) -> None:
        super().__init__("; ".join(f"{p.element_id or '-'}: {p.message}" for p in problems))
        self.problems = problems


@dataclass(frozen=True)
class Deployment:
    definition: ProcessDefinition
    created: bool
    """False when the newest version already had this content (see ``has_same_content``)."""


def may_manage_processes(actor: Actor) -> bool:
    """Reading, validating and deploying process diagrams: analysts and admins."""
    return actor.has_role(Role.ADMIN) or actor.has_role(Role.ANALYST)


async def require_possible_actor(rt: Runtime, actor: Actor, action: str) -> None:
    """The coarse check before a report action: the actor could hold a lane the action waits in.

    The diagram decides which lanes those are, so moving an action to another lane needs no code.
    Whether this actor may act on one particular report now is decided later, under its lock.
    """
    if actor.is_anonymous:
        raise AccessDenied("UNAUTHENTICATED")
    if not policy.may_hold_any_lane(actor, await rt.lanes_of_action(action)):
        raise AccessDenied("FORBIDDEN")


def _require_process_manager(actor: Actor) -> None:
    if actor.is_anonymous:
        raise AccessDenied("UNAUTHENTICATED")
    if not may_manage_processes(actor):
        raise AccessDenied("FORBIDDEN")


def _as_bytes(xml: str | bytes) -> bytes:
    return xml if isinstance(xml, bytes) else xml.encode("utf-8", errors="surrogatepass")


def check_diagram(xml: str | bytes) -> tuple[ProcessDiagram | None, list[DiagramProblem]]:
    """Every check deploy runs (XSD, lint, vocabulary, size, dry run); synchronous and CPU-bound."""
    return validate_xml(_as_bytes(xml), VALIDATION_RULES)


async def validate_diagram(rt: Runtime, actor: Actor | None, xml: str | bytes) -> list[DiagramProblem]:
    """Problems of a diagram (empty: it would deploy). ``actor=None`` is the command line."""
    if actor is not None:
        _require_process_manager(actor)
    _diagram, problems = await rt.run_engine(lambda: check_diagram(xml))
    return problems


async def deploy_diagram(rt: Runtime, actor: Actor | None, xml: str | bytes, note: str = "") -> Deployment:
    """Validate, then store as the newest version (unless identical to it). Raises DiagramRejected."""
    if actor is not None:
        _require_process_manager(actor)
    if (earlier := await idempotency.replayed(ProcessDefinition)) is not None:
        return Deployment(earlier, created=True)  # only a deploy that created a version records one
    diagram, problems = await rt.run_engine(lambda: check_diagram(xml))
    if diagram is None:
        raise DiagramRejected(problems or [DiagramProblem(None, "diagram cannot be used")])
    async with idempotency.command_transaction() as record:
        latest = await ProcessDefinition.filter(process_id=diagram.process_id).order_by("-version").first()
        if latest is not None and has_same_content(latest, diagram):
            record.unchanged()
            return Deployment(latest, created=False)
        definition = await ProcessDefinition.create(
            process_id=diagram.process_id,
            version=(latest.version + 1) if latest else 1,
            bpmn_xml=diagram.xml.decode("utf-8"),
            sha256=diagram.sha256,
            note=note,
            deployed_by_id=actor.user_id if actor else None,
        )
        await record_audit(
            actor,
            "process_deployed",
            "process",
            definition.id,
            rt.clock(),
            after={
                "processId": definition.process_id,
                "version": definition.version,
                "sha256": definition.sha256,
                "note": note,
            },
        )
        record.produced(definition)
    return Deployment(definition, created=True)


async def report_counts(definition_ids: list[int]) -> dict[int, int]:
    """Number of reports running on each definition, in one grouped query."""
    if not definition_ids:
        return {}
    rows = await (
        ReportWorkflow.filter(definition_id__in=definition_ids)
        .annotate(count=Count("report_id"))
        .group_by("definition_id")
        .values_list("definition_id", "count")
    )
    counts = {int(definition_id): int(count) for definition_id, count in rows}
    return {definition_id: counts.get(definition_id, 0) for definition_id in definition_ids}
