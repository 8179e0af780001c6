"""Workflow states stored before a state referenced its diagram: each embeds the whole spec (~29 KiB).

Run by ``lapor-gql migrate`` (and so by ``serve``): every state that still embeds a spec is rewritten
with a reference to its version's diagram instead (``workflow.state_format``), if what it embeds is
exactly that diagram's parsed spec. One that embeds anything else stays as it is, still loads and
runs on its own spec, and is counted: a workflow moved onto a version whose elements it partly lost
keeps stand-ins in a spec of its own.

Safe while servers of this release run: a batch at a time, each in its own transaction, with the
batch's workflow rows locked (``FOR UPDATE`` on PostgreSQL) the way a command locks its report's,
and every row written only if it still holds the state that was read. Idempotent: a state that references its
diagram is not even read again (told apart by its first bytes), and an interrupted run continues
where it stopped. States that embed a spec also become compact on their report's next step, since
the engine then stores what it loaded from the diagram. Servers of an earlier release cannot read
a converted state: stop them before the upgrade (the README's *Running in production*).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from pypika_tortoise import functions
from pypika_tortoise.terms import LiteralValue
from tortoise.expressions import Function
from tortoise.transactions import in_transaction

from lapor_gql import workflow
from lapor_gql.db.models import ProcessDefinition, ReportWorkflow

from .processes import stored_decision_tables

log = logging.getLogger(__name__)
BATCH = 50


class _Substring(Function):
    database_func = functions.Substring


@dataclass(frozen=True)
class Compaction:
    compacted: int = 0
    """States rewritten with a reference to their diagram."""
    kept: int = 0
    """States that embed another spec than their version's diagram, left as they are."""
    failed: int = 0
    """States that could not be read (logged); they stay as they are."""


async def compact_workflow_states(
    engine: workflow.WorkflowEngine | None = None, batch_size: int = BATCH
) -> Compaction:
    """Rewrite every state that embeds its diagram's spec with a reference to it."""
    engine = engine or workflow.WorkflowEngine()
    diagrams: dict[int, workflow.ProcessDiagram] = {}
    total = Compaction()
    last_id = 0
    while True:
        ids = await _embedding_after(last_id, batch_size)
        if not ids:
            return total
        batch = await _compact_batch(engine, ids, diagrams)
        total = Compaction(
            total.compacted + batch.compacted, total.kept + batch.kept, total.failed + batch.failed
        )
        last_id = ids[-1]


async def _embedding_after(after_id: int, batch_size: int) -> list[int]:
    """Report ids after ``after_id`` whose state does not lead with a diagram reference. Only the
    first bytes are compared: PostgreSQL reads a prefix of a compressed value without the rest."""
    prefix = workflow.COMPACT_STATE_PREFIX
    found = (
        await ReportWorkflow.filter(report_id__gt=after_id)
        # Positions as literals: bound as parameters, they would be typed as the column's text.
        .annotate(head=_Substring("state", LiteralValue("1"), LiteralValue(str(len(prefix)))))
        .exclude(head=prefix)
        .order_by("report_id")
        .limit(batch_size)
        .values_list("report_id", flat=True)
    )
    return [int(str(report_id)) for report_id in found]


async def _compact_batch(
    engine: workflow.WorkflowEngine, ids: list[int], diagrams: dict[int, workflow.ProcessDiagram]
) -> Compaction:
    compacted = kept = failed = 0
    async with in_transaction():
        rows = await ReportWorkflow.filter(report_id__in=ids).order_by("report_id").select_for_update()
        for row in rows:
            try:
                diagram = await _diagram(row.definition_id, diagrams)
                compact = engine.compacted_state(row.state, diagram)
            except (workflow.WorkflowError, workflow.DiagramInvalid):
                log.exception(
                    "the workflow state of report %s cannot be read; it stays as it is", row.report_id
                )
                failed += 1
                continue
            if compact is None:
                kept += 1
            elif compact != row.state:
                # Only if it still is the state read (SQLite locks no rows; nothing else should change it).
                changed = await ReportWorkflow.filter(report_id=row.report_id, state=row.state).update(
                    state=compact
                )
                compacted += changed
    return Compaction(compacted, kept, failed)


async def _diagram(
    definition_id: int, diagrams: dict[int, workflow.ProcessDiagram]
) -> workflow.ProcessDiagram:
    diagram = diagrams.get(definition_id)
    if diagram is None:
        definition = await ProcessDefinition.get(id=definition_id)
        diagram = diagrams[definition_id] = workflow.ProcessDiagram.from_xml(
            definition.bpmn_xml.encode("utf-8"), stored_decision_tables(definition)
        )
    return diagram
