"""Moving running reports from one version of a process diagram to a newer one.

Each report moves in its own transaction, under the same locks and version check as any action on
it, so a report that is being acted on at the same time either moves before or after that action,
never halfway. Which reports can move, and what happens to their timers, is the workflow adapter's
rule (``lapor_gql.workflow.migration``); a report that cannot move is not written at all.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime

from tortoise.transactions import in_transaction

from lapor_gql import workflow
from lapor_gql.db.models import ProcessDefinition, Report, ReportWorkflow

from . import idempotency, policy, ratings
from .actors import Actor
from .audit import record_audit
from .processes import Runtime, _require_process_manager
from .report_facts import current_facts
from .reports import (
    DEFAULT_PROCESS_ID,
    _record,
    _record_system_steps,
    _store,
    announce_change,
    call_engine,
    is_stranded,
)
from .validation import InputCheck

log = logging.getLogger(__name__)

PROCESS_ID_MAX = 100
# Reports are read this many ids at a time; only ids, states are loaded one report at a time.
BATCH_SIZE = 200

MIGRATED_ACTION = "process_migrated"
__all__ = ["DEFAULT_PROCESS_ID", "MigrationOutcome", "MigrationResult", "migrate_instances"]


@dataclass(frozen=True)
class NotMovedReason:
    """Why one report stayed where it was; ``labels.migration_reason`` words it."""

    code: str
    """An adapter reason (``completed``, ``element_removed``, ``element_changed_kind``,
    ``element_moved``, ``subprocess``), ``version_changed`` (it left the source version meanwhile),
    ``stranded`` (it would wait for an agency it does not have) or ``failed`` (its workflow could
    not be loaded or moved; logged)."""
    element_id: str | None = None


@dataclass(frozen=True)
class MigrationOutcome:
    report_id: int
    tracking_number: str
    moved: bool
    reasons: tuple[NotMovedReason, ...] = ()
    visible: bool = True
    """Whether the caller may see the report (a confidential one, to an analyst, is not)."""
    timers: tuple[workflow.RearmedTimer, ...] = ()
    """With re-arming: its waiting timers whose expression changed, with their old and new due times."""

    @property
    def is_finished(self) -> bool:
        """Stayed because its workflow is over: expected, not a problem to look into."""
        return any(reason.code == "completed" for reason in self.reasons)


@dataclass(frozen=True)
class MigrationResult:
    process_id: str
    from_version: int
    to_version: int
    dry_run: bool
    outcomes: tuple[MigrationOutcome, ...]
    rearm_timers: bool = False

    @property
    def moved_count(self) -> int:
        return sum(1 for outcome in self.outcomes if outcome.moved)

    @property
    def not_moved_count(self) -> int:
        return len(self.outcomes) - self.moved_count


async def migrate_instances(
    rt: Runtime,
    actor: Actor | None,
    process_id: str,
    from_version: int,
    to_version: int,
    dry_run: bool = False,
    rearm_timers: bool = False,
) -> MigrationResult:
    """Move every report running on ``from_version`` to ``to_version``; ``actor=None`` is the CLI.

    A dry run works out every outcome the same way and writes nothing.

    Waiting timers keep their due times. With ``rearm_timers``, one whose expression (or kind) changed
    gets the new expression's due time, counted from when its step began; one whose new due time
    has passed fires at the next sweep, as any due timer (the move itself changes no status).

    The request's ``Idempotency-Key`` commits with the summary audit entry. A replay whose first answer
    was lost is refused: the per-report outcomes were only in it, and a new run (a new key) moves only
    what is still on ``from_version``, so nothing twice.
    """
    if actor is not None:
        _require_process_manager(actor)
    idempotency.no_replay()
    source, target = await _versions(process_id, from_version, to_version)
    diagram = rt.diagram_of(target)
    outcomes: list[MigrationOutcome] = []
    last_id = 0
    while True:
        # Keyset over the report id: moved reports leave the source version, so no offset would do.
        batch = await (
            ReportWorkflow.filter(definition_id=source.id, report_id__gt=last_id)
            .order_by("report_id")
            .limit(BATCH_SIZE)
            .values_list("report_id", flat=True)
        )
        for report_id in batch:
            last_id = int(report_id)  # type: ignore[call-overload]
            outcomes.append(
                await _migrate_one(rt, actor, last_id, source, target, diagram, dry_run, rearm_timers)
            )
        if len(batch) < BATCH_SIZE:
            break

    result = MigrationResult(
        source.process_id, from_version, to_version, dry_run, tuple(outcomes), rearm_timers
    )
    if not dry_run and result.moved_count:
        async with idempotency.command_transaction() as record:
            event = await record_audit(
                actor,
                "process_instances_migrated",
                "process",
                target.id,
                rt.clock(),
                before={"processId": source.process_id, "version": from_version},
                after={
                    "version": to_version,
                    "moved": result.moved_count,
                    "notMoved": result.not_moved_count,
                    **(
                        {"rearmedTimers": sum(len(o.timers) for o in result.outcomes)} if rearm_timers else {}
                    ),
                },
            )
            record.produced(event)
    return result


async def _versions(
    process_id: str, from_version: int, to_version: int
) -> tuple[ProcessDefinition, ProcessDefinition]:
    check = InputCheck()
    # Named as the API's input fields (camelCase passes the schema's renaming unchanged) because
    # `lapor-gql process migrate` prints these names as they are.
    process_id = check.text("processId", process_id, max_length=PROCESS_ID_MAX, required=True)
    check.raise_if_any()
    source = await ProcessDefinition.get_or_none(process_id=process_id, version=from_version)
    target = await ProcessDefinition.get_or_none(process_id=process_id, version=to_version)
    if source is None:
        check.fail("fromVersion", "NOT_FOUND")
    if target is None:
        check.fail("toVersion", "NOT_FOUND")
    elif source is not None and to_version == from_version:
        check.fail("toVersion", "SAME_VERSION")
    elif source is not None and to_version < from_version:
        check.fail("toVersion", "VERSION_NOT_NEWER")
    check.raise_if_any()
    assert source is not None and target is not None  # raise_if_any() returned
    return source, target


async def _migrate_one(
    rt: Runtime,
    actor: Actor | None,
    report_id: int,
    source: ProcessDefinition,
    target: ProcessDefinition,
    diagram: workflow.ProcessDiagram,
    dry_run: bool,
    rearm_timers: bool,
) -> MigrationOutcome:
    now = rt.clock()
    async with in_transaction():
        # The report first, then its workflow: the order every command locks them in.
        report = await Report.filter(id=report_id).select_for_update().get()
        state = await ReportWorkflow.filter(report_id=report_id).select_for_update().get()

        # An analyst may move reports they may not read: those are counted, not named.
        visible = actor is None or policy.may_view_report(actor, report)

        def stayed(*reasons: NotMovedReason) -> MigrationOutcome:
            return MigrationOutcome(
                report.id, report.tracking_number, moved=False, reasons=reasons, visible=visible
            )

        if state.definition_id != source.id:
            return stayed(NotMovedReason("version_changed"))
        facts = await current_facts(report)
        # Rules of either version may run: the old one's while due timers fire first, the new one's after.
        current = rt.diagram_of(source)
        has_routing = current.has_routing or diagram.has_routing
        try:
            outcome = await call_engine(
                rt,
                has_routing,
                report.agency_id,
                lambda calendar, agencies: rt.engine.migrate(
                    state.state,
                    diagram,
                    calendar=calendar,
                    facts=facts,
                    agencies=agencies,
                    rearm_timers=rearm_timers,
                    from_diagram=current,
                ),
            )
        except workflow.MigrationRefused as refused:
            return stayed(*(NotMovedReason(r.code, r.element_id) for r in refused.reasons))
        except workflow.WorkflowError:
            # One broken workflow must not stop the others; it stays as it was, for a person to look at.
            log.exception("moving report %s to version %s failed", report.id, target.version)
            return stayed(NotMovedReason("failed"))
        snapshot = outcome.snapshot
        if is_stranded(snapshot, outcome.routed_agency_id or report.agency_id):
            return stayed(NotMovedReason("stranded"))
        if not dry_run:
            from_status = report.status
            cleared_rating = ratings.cleared_by(report, snapshot.steps)  # read before _store clears it
            await _store(report, state, snapshot, now, new_agency_id=outcome.routed_agency_id)
            await ReportWorkflow.filter(report_id=report.id).update(definition_id=target.id)
            # Deadlines that fell due before the move are recorded as the sweeper would record them; a
            # step that only notifies writes no entry, so then the move's own entry keeps the change.
            if snapshot.steps:
                await _record_system_steps(
                    report, snapshot, from_status, report.status, now, outcome, cleared_rating
                )
                if snapshot.system_steps or outcome.routed_agency_id is not None:
                    from_status = report.status
            await _record(
                report,
                actor,
                MIGRATED_ACTION,
                from_status,
                report.status,
                now,
                # The move's own entry keeps a rating it cleared, whether or not a step's entry does.
                details=ratings.with_cleared(
                    _migration_details(source, target, snapshot.rearmed_timers), cleared_rating
                ),
                is_public=False,
            )
    if not dry_run:
        await announce_change(rt, report, MIGRATED_ACTION, ())
    return MigrationOutcome(
        report.id, report.tracking_number, moved=True, visible=visible, timers=snapshot.rearmed_timers
    )


def _migration_details(
    source: ProcessDefinition, target: ProcessDefinition, timers: tuple[workflow.RearmedTimer, ...]
) -> dict[str, object]:
    details: dict[str, object] = {"fromVersion": source.version, "toVersion": target.version}
    if timers:
        details["timers"] = [
            {
                "elementId": timer.element_id,
                "oldDueAt": _iso(timer.old_due_at),
                "newDueAt": _iso(timer.new_due_at),
                "countedFrom": _iso(timer.counted_from),
            }
            for timer in timers
        ]
    return details


def _iso(moment: datetime | None) -> str | None:
    return moment.isoformat() if moment is not None else None
