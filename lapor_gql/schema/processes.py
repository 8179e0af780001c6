"""Process definitions: validate, deploy and inspect versions of the lifecycle diagram (analysts, admins)."""

from __future__ import annotations

from datetime import datetime
from enum import Enum
from functools import partial

import strawberry

from lapor_gql.db import models
from lapor_gql.domain import process_migration
from lapor_gql.domain import processes as commands
from lapor_gql.domain.errors import AccessDenied
from lapor_gql.domain.labels import Language, migration_reason
from lapor_gql.workflow import DiagramProblem
from lapor_gql.workflow.diff import DiagramDiff, ElementDiff, diff_diagrams

from .context import Info
from .errors import (
    ErrorCode,
    MutationError,
    access_error,
    input_field_name,
    mutation_error,
    refusing_access,
    run_mutation,
)
from .ids import decode_id, encode_id
from .queries import _bad_argument, _page_size
from .types import PageInfo, UserNode, decode_cursor, encode_cursor

_TYPE = "ProcessDefinition"
_CURSOR = "process"
NOTE_MAX = 2000


def _require_manager(info: Info) -> None:
    actor = info.context.actor
    if actor.is_anonymous:
        raise access_error(AccessDenied("UNAUTHENTICATED"), info.context.language)
    if not commands.may_manage_processes(actor):
        raise access_error(AccessDenied("FORBIDDEN"), info.context.language)


@strawberry.enum(description="Whether a problem keeps the diagram from being deployed.")
class DiagramProblemSeverity(Enum):
    ERROR = "error"
    """The diagram cannot be deployed."""
    WARNING = "warning"
    """Worth a look (e.g. a step no report reaches); the diagram may still be deployed."""


@strawberry.type(
    name="DiagramProblem",
    description="Something the validator found in a diagram: an error keeps it from being deployed.",
)
class DiagramProblemType:
    element_id: str | None = strawberry.field(description="The BPMN element id, when the problem has one.")
    message: str
    severity: DiagramProblemSeverity = strawberry.field(
        description="ERROR: the diagram cannot be deployed; WARNING: it may be."
    )

    @classmethod
    def of(cls, problem: DiagramProblem) -> DiagramProblemType:
        return cls(
            element_id=problem.element_id,
            message=problem.message,
            severity=DiagramProblemSeverity(problem.severity),
        )


def _diagram_errors(problems: list[DiagramProblem]) -> list[MutationError]:
    return [
        MutationError(
            field=input_field_name("bpmn_xml"),
            code=ErrorCode.DIAGRAM_INVALID,
            message=f"{p.element_id or '-'}: {p.message}",
        )
        for p in problems
    ]


@strawberry.type(description="One changed part of an element: an attribute, property, timer, condition …")
class ProcessElementChange:
    what: str = strawberry.field(
        description="attribute:<name>, property:<name>, extension:<name>, event:<kind>, timer:<kind>, "
        "condition, script, flowNodeRefs, name or type."
    )
    before: str | None
    after: str | None


@strawberry.type(description="A semantic BPMN element (diagram layout is ignored).")
class ProcessElementDiff:
    element_id: str
    element_type: str
    name: str | None
    changes: list[ProcessElementChange]

    @classmethod
    def of(cls, element: ElementDiff) -> ProcessElementDiff:
        return cls(
            element_id=element.element_id,
            element_type=element.element_type,
            name=element.name,
            changes=[
                ProcessElementChange(what=c.what, before=c.before, after=c.after) for c in element.changes
            ],
        )


@strawberry.type(description="Element-level difference between two versions, matched by element id.")
class ProcessDefinitionDiff:
    added: list[ProcessElementDiff]
    removed: list[ProcessElementDiff]
    changed: list[ProcessElementDiff]

    @classmethod
    def of(cls, diff: DiagramDiff) -> ProcessDefinitionDiff:
        return cls(
            added=[ProcessElementDiff.of(e) for e in diff.added],
            removed=[ProcessElementDiff.of(e) for e in diff.removed],
            changed=[ProcessElementDiff.of(e) for e in diff.changed],
        )


def _diff(before: models.ProcessDefinition, after: models.ProcessDefinition) -> ProcessDefinitionDiff:
    return ProcessDefinitionDiff.of(diff_diagrams(before.bpmn_xml.encode(), after.bpmn_xml.encode()))


@strawberry.type(description="One deployed version of a process diagram.")
class ProcessDefinition:
    model: strawberry.Private[models.ProcessDefinition]
    known_report_count: strawberry.Private[int | None] = None

    @strawberry.field
    def id(self) -> strawberry.ID:
        return strawberry.ID(encode_id(_TYPE, self.model.id))

    @strawberry.field
    def process_id(self) -> str:
        return self.model.process_id

    @strawberry.field
    def version(self) -> int:
        return self.model.version

    @strawberry.field
    def bpmn_xml(self) -> str:
        return self.model.bpmn_xml

    @strawberry.field(
        description="The DMN decision tables (XML) its business rule tasks call, deployed with it; "
        "for bpmn.io's DMN editor or Camunda Modeler."
    )
    def decision_tables(self) -> list[str]:
        return list(self.model.decision_tables or [])

    @strawberry.field
    def sha256(self) -> str:
        return self.model.sha256

    @strawberry.field
    def note(self) -> str:
        return self.model.note

    @strawberry.field
    def deployed_at(self) -> datetime:
        return self.model.created_at

    @strawberry.field(description="Who deployed it; null for deployments from the command line.")
    async def deployed_by(self, info: Info) -> UserNode | None:
        if self.model.deployed_by_id is None:
            return None
        user = await info.context.loaders.user.load(self.model.deployed_by_id)
        return UserNode.from_model(user) if user else None

    @strawberry.field(description="How many reports run on this version.")
    async def report_count(self) -> int:
        if self.known_report_count is None:
            counts = await commands.report_counts([self.model.id])
            self.known_report_count = counts[self.model.id]
        return self.known_report_count

    @strawberry.field(description="What changed from the other version to this one.")
    async def diff(self, info: Info, other_id: strawberry.ID) -> ProcessDefinitionDiff:
        other = await _definition(info, other_id, "otherId")
        return _diff(other, self.model)


async def _definition(info: Info, raw_id: str, argument: str) -> models.ProcessDefinition:
    key = decode_id(raw_id, _TYPE)
    found = await models.ProcessDefinition.get_or_none(id=key) if key is not None else None
    if found is None:
        raise _bad_argument(info, argument)
    return found


@strawberry.type
class ProcessDefinitionEdge:
    cursor: str
    node: ProcessDefinition


@strawberry.type(description="A page of process definitions, newest first.")
class ProcessDefinitionConnection:
    edges: list[ProcessDefinitionEdge]
    page_info: PageInfo


_DECISION_TABLES = "DMN files (XML) with the decisions the diagram's business rule tasks call."


@strawberry.input
class ProcessDefinitionValidateInput:
    bpmn_xml: str
    decision_tables: list[str] = strawberry.field(default_factory=list, description=_DECISION_TABLES)


@strawberry.input
class ProcessDefinitionDeployInput:
    bpmn_xml: str
    note: str = ""
    decision_tables: list[str] = strawberry.field(
        default_factory=list, description=f"{_DECISION_TABLES} Versioned with the diagram."
    )


@strawberry.type(
    description="Whether the diagram would deploy (no problem is an ERROR), and every problem: errors and "
    "warnings."
)
class ProcessDefinitionValidatePayload:
    valid: bool
    problems: list[DiagramProblemType] = strawberry.field(default_factory=list)
    errors: list[MutationError] = strawberry.field(default_factory=list)


@strawberry.type(description="The deployed (or unchanged newest) version, or errors and nothing stored.")
class ProcessDefinitionDeployPayload:
    process_definition: ProcessDefinition | None = None
    created: bool = strawberry.field(
        default=False,
        description="False when the newest version already had this content, layout, whitespace, "
        "attribute order and comments aside: nothing new was stored.",
    )
    errors: list[MutationError] = strawberry.field(default_factory=list)


@strawberry.input
class ProcessInstancesMigrateInput:
    process_id: str | None = process_migration.DEFAULT_PROCESS_ID
    from_version: int
    to_version: int
    dry_run: bool = strawberry.field(default=False, description="Work out every outcome; change nothing.")
    rearm_timers: bool = strawberry.field(
        default=False,
        description="Give every waiting timer whose expression (or kind) changed the new version's due "
        "time, counted from when its step began, not from the move. A timer whose new due time has "
        "passed fires at the next sweep. Without it, waiting timers keep their due times.",
    )


@strawberry.type(description="A waiting timer re-armed with the new version's expression.")
class ProcessInstanceTimerRearm:
    element_id: str = strawberry.field(description="The timer's BPMN element id.")
    old_due_at: datetime | None = strawberry.field(description="When it was due under the old version.")
    new_due_at: datetime | None = strawberry.field(
        description="When it is due now; a time already past means it fires at the next sweep."
    )
    counted_from: datetime = strawberry.field(
        description="When its step began: the new due time counts from here."
    )


@strawberry.type(description="What happened (or, in a dry run, would happen) to one running report.")
class ProcessInstanceMigrationOutcome:
    report_id: strawberry.ID | None = strawberry.field(
        description="Null for a report the caller may not see (a confidential one, to an analyst)."
    )
    tracking_number: str | None = strawberry.field(description="Null when reportId is.")
    moved: bool
    reason: str | None = strawberry.field(
        default=None, description="Why it stays on its version, in the request's language; null if it moved."
    )
    element_ids: list[str] = strawberry.field(
        default_factory=list, description="The BPMN elements that keep it where it is, if any."
    )
    timers: list[ProcessInstanceTimerRearm] = strawberry.field(
        default_factory=list,
        description="With rearmTimers: its waiting timers re-armed, old and new due times.",
    )

    @classmethod
    def of(
        cls,
        outcome: process_migration.MigrationOutcome,
        result: process_migration.MigrationResult,
        language: Language,
    ) -> ProcessInstanceMigrationOutcome:
        reasons = [
            migration_reason(
                r.code,
                language,
                element=r.element_id,
                version=result.to_version,
                from_version=result.from_version,
            )
            for r in outcome.reasons
        ]
        return cls(
            report_id=strawberry.ID(encode_id("Report", outcome.report_id)) if outcome.visible else None,
            tracking_number=outcome.tracking_number if outcome.visible else None,
            moved=outcome.moved,
            reason="; ".join(reasons) or None,
            element_ids=[r.element_id for r in outcome.reasons if r.element_id],
            timers=[
                ProcessInstanceTimerRearm(
                    element_id=t.element_id,
                    old_due_at=t.old_due_at,
                    new_due_at=t.new_due_at,
                    counted_from=t.counted_from,
                )
                # When a report's steps began is about that report: only for those the caller sees.
                for t in (outcome.timers if outcome.visible else ())
            ],
        )


@strawberry.type(description="Every report that was on the source version, moved or not; or errors.")
class ProcessInstancesMigratePayload:
    dry_run: bool
    moved_count: int = 0
    not_moved_count: int = 0
    outcomes: list[ProcessInstanceMigrationOutcome] = strawberry.field(default_factory=list)
    errors: list[MutationError] = strawberry.field(default_factory=list)


@strawberry.type
class ProcessQuery:
    @strawberry.field(description="Analysts and admins: deployed diagram versions, newest first.")
    async def process_definitions(
        self, info: Info, first: int | None = None, after: str | None = None
    ) -> ProcessDefinitionConnection:
        _require_manager(info)
        size = _page_size(info, first)
        try:
            after_id = decode_cursor(_CURSOR, after)
        except ValueError:
            raise _bad_argument(info, "after") from None
        query = models.ProcessDefinition.all()
        if after_id is not None:
            query = query.filter(id__lt=after_id)
        rows = await query.order_by("-id").limit(size + 1)
        page = rows[:size]
        counts = await commands.report_counts([row.id for row in page])
        edges = [
            ProcessDefinitionEdge(
                cursor=encode_cursor(_CURSOR, row.id),
                node=ProcessDefinition(model=row, known_report_count=counts[row.id]),
            )
            for row in page
        ]
        return ProcessDefinitionConnection(
            edges=edges,
            page_info=PageInfo.of(
                [e.cursor for e in edges],
                has_next_page=len(rows) > size,
                has_previous_page=after_id is not None,
            ),
        )

    @strawberry.field(description="Analysts and admins: one deployed diagram version.")
    async def process_definition(self, info: Info, id: strawberry.ID) -> ProcessDefinition | None:
        _require_manager(info)
        key = decode_id(id, _TYPE)
        if key is None:
            raise _bad_argument(info, "id")
        found = await models.ProcessDefinition.get_or_none(id=key)
        return ProcessDefinition(model=found) if found else None

    @strawberry.field(
        description="Analysts and admins: element-level difference from one version to another."
    )
    async def process_definition_diff(
        self, info: Info, from_id: strawberry.ID, to_id: strawberry.ID
    ) -> ProcessDefinitionDiff:
        _require_manager(info)
        before = await _definition(info, from_id, "fromId")
        after = await _definition(info, to_id, "toId")
        return _diff(before, after)


@strawberry.type
class ProcessMutation:
    @strawberry.mutation(
        description="Analysts and admins: run every check of a deploy on a diagram without storing it."
    )
    async def process_definition_validate(
        self, info: Info, input: ProcessDefinitionValidateInput
    ) -> ProcessDefinitionValidatePayload:
        _require_manager(info)
        with refusing_access(info.context.language):
            problems = await commands.validate_diagram(
                info.context.runtime, info.context.actor, input.bpmn_xml, input.decision_tables
            )
        return ProcessDefinitionValidatePayload(
            valid=not any(p.severity == "error" for p in problems),
            problems=[DiagramProblemType.of(p) for p in problems],
        )

    @strawberry.mutation(
        description="Analysts and admins: validate a diagram and deploy it as the newest version. New "
        "reports start on it; running reports stay on their version. Same content as the newest "
        "version (layout and formatting aside): nothing new is stored and created is false."
    )
    async def process_definition_deploy(
        self, info: Info, input: ProcessDefinitionDeployInput
    ) -> ProcessDefinitionDeployPayload:
        _require_manager(info)
        language = info.context.language
        if len(input.note) > NOTE_MAX:
            return ProcessDefinitionDeployPayload(
                errors=[mutation_error("note", "TOO_LONG", language, max=NOTE_MAX)]
            )

        async def deploy() -> ProcessDefinitionDeployPayload:
            try:
                deployment = await commands.deploy_diagram(
                    info.context.runtime,
                    info.context.actor,
                    input.bpmn_xml,
                    input.note,
                    decision_tables=input.decision_tables,
                )
            except commands.DiagramRejected as rejected:
                return ProcessDefinitionDeployPayload(errors=_diagram_errors(rejected.problems))
            return ProcessDefinitionDeployPayload(
                process_definition=ProcessDefinition(model=deployment.definition), created=deployment.created
            )

        return await run_mutation(language, ProcessDefinitionDeployPayload, deploy)

    @strawberry.mutation(
        description="Analysts and admins: move the reports running on one version of a process to a newer "
        "version. A report moves when every step it waits at still exists (same element id) in the new "
        "version; its pending deadlines keep their due times (unless rearmTimers), timers the new "
        "version adds where it waits start counting now, and its next steps follow the new version. "
        "Finished reports and reports that cannot move stay exactly as they were."
    )
    async def process_instances_migrate(
        self, info: Info, input: ProcessInstancesMigrateInput
    ) -> ProcessInstancesMigratePayload:
        _require_manager(info)
        language = info.context.language

        async def migrate() -> ProcessInstancesMigratePayload:
            result = await process_migration.migrate_instances(
                info.context.runtime,
                info.context.actor,
                input.process_id or process_migration.DEFAULT_PROCESS_ID,
                input.from_version,
                input.to_version,
                dry_run=input.dry_run,
                rearm_timers=input.rearm_timers,
            )
            return ProcessInstancesMigratePayload(
                dry_run=result.dry_run,
                moved_count=result.moved_count,
                not_moved_count=result.not_moved_count,
                outcomes=[ProcessInstanceMigrationOutcome.of(o, result, language) for o in result.outcomes],
            )

        refused = partial(ProcessInstancesMigratePayload, dry_run=input.dry_run)
        return await run_mutation(language, refused, migrate)
