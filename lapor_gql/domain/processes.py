"""Process definitions: the versioned BPMN diagrams reports run on."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from tortoise.functions import Count
from tortoise.transactions import in_transaction

from lapor_gql.clock import Clock, system_clock
from lapor_gql.db.models import ProcessDefinition, ReportWorkflow, Role
from lapor_gql.db.projections import process_definition_ids
from lapor_gql.workflow import DiagramProblem, ProcessDiagram, WorkflowEngine
from lapor_gql.workflow.diagram import content_digest, used_decision_tables
from lapor_gql.workflow.explorer import Exploration, explore
from lapor_gql.workflow.lint import validate_xml
from lapor_gql.workflow.rules import ValidationRules

from . import actions, catalog, idempotency, policy
from .actors import Actor
from .audit import record_audit
from .catalog import Catalog
from .changes import ChangeFeed, LocalChangeFeed
from .errors import AccessDenied
from .labels import EVENT_LABELS
from .live import BroadcastChangeFeed
from .report_facts import SAMPLE_AGENCIES, facts_after_action, sample_facts

if TYPE_CHECKING:
    from .attachments import AttachmentFiles

T = TypeVar("T")
log = logging.getLogger(__name__)


@dataclass
class Runtime:
    """What every command needs besides the database: the clock and the engine that shares it."""

    clock: Clock = system_clock
    changes: ChangeFeed = field(default_factory=LocalChangeFeed)
    files: AttachmentFiles | None = None
    """Where attachments are stored, and their limits (the app sets it from the settings)."""
    engine: WorkflowEngine = field(init=False)
    catalog: Catalog = field(init=False)
    """The deployed diagrams' ids and the holidays as last read, while nothing changed since."""
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
        # A feed between processes also hears their changes of diagrams and holidays; a local feed
        # means this process is the only one.
        self.catalog = Catalog(self.changes if isinstance(self.changes, BroadcastChangeFeed) else None)

    # Validating an uploaded diagram explores it for up to seconds; on a thread of its own, so an
    # analyst's validation never holds up the reports' commands (which wait for the engine thread
    # while holding a report's lock). One at a time: validations queue behind each other.
    _validation_executor: ThreadPoolExecutor = field(
        default_factory=lambda: ThreadPoolExecutor(max_workers=1, thread_name_prefix="lapor-validate"),
        init=False,
    )

    async def run_engine(self, call: Callable[[], T]) -> T:
        return await asyncio.get_running_loop().run_in_executor(self._executor, call)

    async def run_validation(self, call: Callable[[], T]) -> T:
        return await asyncio.get_running_loop().run_in_executor(self._validation_executor, call)

    async def lanes_of_action(self, action: str) -> frozenset[str]:
        """Every lane in which ``action`` waits in some deployed diagram, old versions included,
        since reports still run on them."""
        definition_ids = await self.catalog.read(
            catalog.DEFINITIONS, process_definition_ids, process_definition_ids
        )
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
            diagram = ProcessDiagram.from_xml(
                definition.bpmn_xml.encode("utf-8"), stored_decision_tables(definition)
            )
            self._diagrams[definition.id] = diagram
        return diagram

    async def diagram_by_id(self, definition_id: int) -> ProcessDiagram:
        """The diagram a report's workflow runs on; read from the database once per process."""
        diagram = self._diagrams.get(definition_id)
        if diagram is None:
            diagram = self.diagram_of(await ProcessDefinition.get(id=definition_id))
        return diagram


def stored_decision_tables(definition: ProcessDefinition) -> list[bytes]:
    return [table.encode("utf-8") for table in definition.decision_tables or ()]


async def latest_definition(process_id: str) -> ProcessDefinition | None:
    return await ProcessDefinition.filter(process_id=process_id).order_by("-version").first()


def has_same_content(definition: ProcessDefinition, diagram: ProcessDiagram) -> bool:
    """Whether a stored version already does what ``diagram`` does.

    A diagram that differs only in layout, whitespace, attribute order, comments or the modeler's
    stamp is the same process: deploying it stores no new version, and the stored version keeps its
    own file (layout included). A new version means the process changed. Its decision tables count
    the same way: another table, or a table whose rules changed, is another process.
    """
    stored_tables = stored_decision_tables(definition)
    if definition.sha256 == diagram.sha256 and stored_tables == list(diagram.decision_tables):
        return True
    try:
        stored = content_digest(definition.bpmn_xml.encode("utf-8"), stored_tables)
        return stored == diagram.content_digest
    except Exception:  # noqa: BLE001 - a stored file we cannot read again is simply not the same
        log.exception("cannot read process definition %s to compare it", definition.id)
        return False


async def deploy_diagram_file(path: Path, note: str = "") -> ProcessDefinition:
    """Store the diagram, with the decision tables beside it that it calls, as a new version unless
    the newest version already has the same content."""
    diagram = ProcessDiagram.from_file(path)
    latest = await latest_definition(diagram.process_id)
    if latest is not None and has_same_content(latest, diagram):
        return latest
    async with in_transaction():
        definition = await ProcessDefinition.create(
            process_id=diagram.process_id,
            version=(latest.version + 1) if latest else 1,
            bpmn_xml=diagram.xml.decode("utf-8"),
            decision_tables=[table.decode("utf-8") for table in diagram.decision_tables],
            sha256=diagram.sha256,
            note=note or f"deployed from {path.name}",
        )
        await catalog.announce(catalog.DEFINITIONS)
    catalog.changed_here(catalog.DEFINITIONS)
    return definition


def decision_tables_beside(path: Path, xml: bytes) -> list[bytes]:
    """The decision tables (``*.dmn``) in the diagram's folder that its business rule tasks call,
    as ``lapor-gql process deploy FILE`` deploys them with it. Unreadable or malformed ones are left
    to the checks, which name them; too large ones are cut, which the checks refuse."""
    tables: list[bytes] = []
    for candidate in sorted(path.parent.glob("*.dmn"))[:MAX_DECISION_TABLES]:
        try:
            with candidate.open("rb") as file:
                tables.append(file.read(MAX_DIAGRAM_BYTES + 1))
        except OSError:
            continue
    try:
        return used_decision_tables(xml, tables)
    except Exception:  # noqa: BLE001 - a malformed file: hand them all over, the checks say which
        return tables


# --------------------------------------------------------------------------- deploying new versions

# What a diagram may refer to. Kept here, next to the code that gives these names their meaning
# (reports.py performs the actions, policy.LANES gives the lanes their roles), and handed to the
# generic validator in the workflow adapter.
# The application's own actions come from their one table (actions.BUILTIN_ACTIONS).
KNOWN_ACTIONS = actions.BUILTIN_CODES
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
# Decision tables deployed with one diagram; each is at most MAX_DIAGRAM_BYTES too.
MAX_DECISION_TABLES = 20
# Lanes whose people act for the report's agency (policy.is_handling_liaison): a report waiting only
# there needs an agency.
AGENCY_LANES = frozenset({"liaison"})

VALIDATION_RULES = ValidationRules(
    known_actions=KNOWN_ACTIONS,
    known_statuses=KNOWN_STATUSES,
    known_lanes=KNOWN_LANES,
    acting_lanes=ACTING_LANES,
    max_bytes=MAX_DIAGRAM_BYTES,
    known_recipients=NOTIFY_RECIPIENTS,
    known_timer_kinds=TIMER_KINDS,
    fact_samples=sample_facts(),
    known_audit_codes=frozenset(code for code in EVENT_LABELS if code.isupper()),
    # What the application itself passes to the workflow with an action.
    reserved_names=actions.workflow_names(),
    sample_agencies=SAMPLE_AGENCIES,
    action_data_variants=actions.action_data_variants(),
    facts_after_action=facts_after_action,
    agency_lanes=AGENCY_LANES,
)


def explore_diagram(diagram: ProcessDiagram) -> Exploration:
    """What the validator's exploration does with a diagram (states, samples, time), for the
    command line; synchronous and CPU-bound."""
    return explore(diagram, VALIDATION_RULES)


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


def check_diagram(
    xml: str | bytes, decision_tables: Sequence[str | bytes] = ()
) -> tuple[ProcessDiagram | None, list[DiagramProblem]]:
    """Every check deploy runs (XSD, lint, vocabulary, size, the exploration of every path) on a
    diagram with the decision tables its business rule tasks call; synchronous and CPU-bound. The
    diagram comes back when no problem is an error (warnings may be listed)."""
    tables = [_as_bytes(table) for table in decision_tables]
    problems = _decision_table_limits(tables)
    if problems:
        return None, problems
    diagram, problems = validate_xml(_as_bytes(xml), VALIDATION_RULES, tables)
    if diagram is not None:
        # A table no business rule task calls is most likely the wrong file: say so rather than
        # store it unseen.
        problems += [
            DiagramProblem(None, f"decision table {number} defines no decision the diagram calls")
            for number, table in enumerate(tables, start=1)
            if not used_decision_tables(diagram.xml, [table])
        ]
    # Warnings (the explorer's) are shown, and do not keep the diagram from being deployed.
    return (None if any(p.severity == "error" for p in problems) else diagram), problems


def _decision_table_limits(tables: Sequence[bytes]) -> list[DiagramProblem]:
    if len(tables) > MAX_DECISION_TABLES:
        return [DiagramProblem(None, f"{len(tables)} decision tables, at most {MAX_DECISION_TABLES} allowed")]
    return [
        DiagramProblem(
            None,
            f"decision table {number}: file too large: {len(table)} bytes, "
            f"at most {MAX_DIAGRAM_BYTES} allowed",
        )
        for number, table in enumerate(tables, start=1)
        if len(table) > MAX_DIAGRAM_BYTES
    ]


async def validate_diagram(
    rt: Runtime, actor: Actor | None, xml: str | bytes, decision_tables: Sequence[str | bytes] = ()
) -> list[DiagramProblem]:
    """Problems of a diagram (empty: it would deploy). ``actor=None`` is the command line."""
    if actor is not None:
        _require_process_manager(actor)
    _diagram, problems = await rt.run_validation(lambda: check_diagram(xml, decision_tables))
    return problems


async def deploy_diagram(
    rt: Runtime,
    actor: Actor | None,
    xml: str | bytes,
    note: str = "",
    decision_tables: Sequence[str | bytes] = (),
) -> Deployment:
    """Validate, then store with its decision tables as the newest version (unless identical to it).
    Raises DiagramRejected."""
    if actor is not None:
        _require_process_manager(actor)
    if (earlier := await idempotency.replayed(ProcessDefinition)) is not None:
        return Deployment(earlier, created=True)  # only a deploy that created a version records one
    diagram, problems = await rt.run_validation(lambda: check_diagram(xml, decision_tables))
    if diagram is None:
        errors = [p for p in problems if p.severity == "error"]
        raise DiagramRejected(errors or [DiagramProblem(None, "diagram cannot be used")])
    async with idempotency.command_transaction() as record:
        latest = await ProcessDefinition.filter(process_id=diagram.process_id).order_by("-version").first()
        if latest is not None and has_same_content(latest, diagram):
            record.unchanged()
            return Deployment(latest, created=False)
        definition = await ProcessDefinition.create(
            process_id=diagram.process_id,
            version=(latest.version + 1) if latest else 1,
            bpmn_xml=diagram.xml.decode("utf-8"),
            decision_tables=[table.decode("utf-8") for table in diagram.decision_tables],
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
                "decisionTables": len(definition.decision_tables),
                "note": note,
            },
        )
        await catalog.announce(catalog.DEFINITIONS)
        record.produced(definition)
    catalog.changed_here(catalog.DEFINITIONS)
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
