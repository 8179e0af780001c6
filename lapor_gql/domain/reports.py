"""Report commands and queries.

Every command is one transaction: it locks the report, advances its workflow, projects the result
into the report's columns and appends the audit events, or changes nothing at all. Which action is
available, to which lane, and what status follows is decided by the diagram, not here; this module
only validates each action's input and records what happened.
"""

from __future__ import annotations

import logging
import re
import secrets
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import Enum
from zoneinfo import ZoneInfo

from tortoise.expressions import Q
from tortoise.queryset import QuerySet
from tortoise.transactions import in_transaction

from lapor_gql import workflow
from lapor_gql.db.command_rows import LockedReport, lock_report, store_step
from lapor_gql.db.models import Agency, Classification, Report, ReportEvent, ReportWorkflow, Role
from lapor_gql.db.projections import EventRow
from lapor_gql.db.report_rows import ReportRow, report_rows

from . import actions, attachments, idempotency, policy, ratings
from .actors import ANONYMOUS, REPORTER_ROLE, SYSTEM_ROLE, Actor
from .calendar import working_calendar
from .catalog import Catalog
from .changes import ReportChanged
from .errors import AccessDenied, ActionNotAvailable, Conflict, NobodyCanAct, NotFound
from .notifications import queue_report_notifications
from .processes import AGENCY_LANES, Runtime, latest_definition
from .report_access import access_code_digest, new_access_code
from .report_facts import (
    Facts,
    agency_directory,
    count_columns,
    counts_of,
    current_facts,
    facts_of,
    with_action,
)
from .statistics_facts import Before, ByPerson, record_step, record_submission
from .validation import InputCheck

log = logging.getLogger(__name__)
EASTERNMOST_ZONE = ZoneInfo("Asia/Jayapura")

TITLE_MAX = 200
BODY_MAX = 5000
NOTE_MAX = 2000
CATEGORY_MAX = 100
LOCATION_MAX = 300
PAGE_SIZE_MAX = 100
DEFAULT_PROCESS_ID = "report_lifecycle"
# What a change announces when a timer fired without an audit code of its own.
TIMER_ACTION = "timer"
# The timeline entry of a rule that could not dispose the report (it went to the admin's verification).
ROUTING_FAILED = "ROUTING_FAILED"

# Crockford's base32 without I, L, O and U: unambiguous when read aloud or typed from paper.
_TRACKING_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
TRACKING_NUMBER_PATTERN = re.compile(r"^LPR-\d{4}-[0-9A-HJKMNP-TV-Z]{6}$")


@dataclass(frozen=True)
class ReportDraft:
    title: str
    body: str
    classification: Classification
    category: str = ""
    location_text: str = ""
    latitude: float | None = None
    longitude: float | None = None
    incident_date: date | None = None
    is_anonymous: bool = False
    is_confidential: bool = False
    # Keys of pending uploads to attach (``attachments.stage_upload``), public on the submission entry.
    attachments: tuple[str, ...] = ()


@dataclass(frozen=True)
class ReportFilter:
    statuses: Sequence[str] = ()
    agency_id: int | None = None
    is_overdue: bool | None = None
    classification: Classification | None = None
    title_contains: str | None = None
    stages: Sequence[str] = ()
    category: str | None = None
    """The exact category, as stored (trimmed)."""
    mine: bool = False
    """Only what the actor sent: an account's reports, or the one report an access code follows."""


class ReportOrder(Enum):
    NEWEST = "NEWEST"
    """The newest first, by id (ids grow with submission)."""
    DEADLINE = "DEADLINE"
    """Overdue first: the earliest deadline first, ties by id, then the reports without a deadline
    by id."""


@dataclass(frozen=True)
class ReportPosition:
    """Where a page ended in its order, to continue after: the last report's id and, in DEADLINE
    order, its deadline (None: the page ended among the reports without one)."""

    id: int
    deadline: datetime | None = None


@dataclass
class ReportPage:
    reports: list[ReportRow]
    has_next_page: bool


def new_tracking_number(year: int) -> str:
    suffix = "".join(secrets.choice(_TRACKING_ALPHABET) for _ in range(6))
    return f"LPR-{year}-{suffix}"


# --- commands -------------------------------------------------------------------------------


async def submit_report(rt: Runtime, actor: Actor, draft: ReportDraft) -> Report:
    """A citizen with an account reports; they follow the report through their account."""
    if actor.is_anonymous:
        raise AccessDenied("UNAUTHENTICATED")
    if not actor.has_role(Role.CITIZEN):
        raise AccessDenied("FORBIDDEN")
    if (earlier := await idempotency.replayed(Report)) is not None:
        return earlier
    return await _create_report(rt, actor, draft, access_code_hash=None)


async def submit_report_without_account(rt: Runtime, draft: ReportDraft) -> tuple[Report, str]:
    """Anyone reports without an account and gets the access code, shown this once, to follow it.

    The code is empty in the answer to a retry whose first response was lost with the server: it
    existed only in that response (only its hash is kept).
    """
    if (earlier := await idempotency.replayed(Report)) is not None:
        return earlier, ""
    access_code = new_access_code()
    report = await _create_report(rt, ANONYMOUS, draft, access_code_hash=access_code_digest(access_code))
    return report, access_code


async def _create_report(
    rt: Runtime, actor: Actor, draft: ReportDraft, access_code_hash: str | None
) -> Report:
    check = InputCheck()
    title = check.text("title", draft.title, max_length=TITLE_MAX, required=True)
    body = check.text("body", draft.body, max_length=BODY_MAX, required=True)
    category = check.text("category", draft.category, max_length=CATEGORY_MAX, required=False)
    location = check.text("location_text", draft.location_text, max_length=LOCATION_MAX, required=False)
    if (draft.latitude is None) != (draft.longitude is None):
        check.fail("latitude" if draft.latitude is None else "longitude", "REQUIRED")
    if draft.latitude is not None and not -90 <= draft.latitude <= 90:
        check.fail("latitude", "INVALID")
    if draft.longitude is not None and not -180 <= draft.longitude <= 180:
        check.fail("longitude", "INVALID")
    now = rt.clock()
    # "Today" ends last in Papua: a date that is already today anywhere in Indonesia is not in the future.
    if draft.incident_date is not None and draft.incident_date > now.astimezone(EASTERNMOST_ZONE).date():
        check.fail("incident_date", "INVALID")
    check.raise_if_any()

    async with idempotency.command_transaction() as record:
        definition = await latest_definition(DEFAULT_PROCESS_ID)
        if definition is None:
            raise RuntimeError("no process definition deployed: run `lapor-gql migrate` first")
        diagram = rt.diagram_of(definition)
        tracking_number = new_tracking_number(now.year)
        while await Report.filter(tracking_number=tracking_number).exists():
            tracking_number = new_tracking_number(now.year)
        # The row is built first so its facts start the workflow, and stored once the workflow says
        # where it stands (and, when a rule disposed it at once, with which agency).
        report = Report(
            tracking_number=tracking_number,
            title=title,
            body=body,
            classification=draft.classification.value,
            category=category,
            location_text=location,
            latitude=draft.latitude,
            longitude=draft.longitude,
            incident_date=draft.incident_date,
            is_anonymous=draft.is_anonymous,
            is_confidential=draft.is_confidential,
            reporter_id=actor.user_id,
            access_code_hash=access_code_hash,
            created_at=now,
            updated_at=now,
        )
        facts = facts_of(report)
        # No agency yet: the national calendar, unless a rule disposes the report right away.
        outcome = await call_engine(
            rt,
            diagram.has_routing,
            None,
            lambda calendar, agencies: rt.engine.start(
                diagram, calendar=calendar, facts=facts, agencies=agencies
            ),
        )
        snapshot = outcome.snapshot
        _refuse_if_stranded(snapshot, outcome.routed_agency_id, tracking_number)
        report.agency_id = outcome.routed_agency_id
        report.status = snapshot.status or ""
        report.stage, report.stage_labels = _stage_columns(snapshot, report.status)
        report.deadline = snapshot.deadline
        report.is_overdue = snapshot.is_overdue
        report.pending_actions = _pending_json(snapshot)
        await report.save()
        await ReportWorkflow.create(
            report=report,
            definition=definition,
            state=snapshot.state,
            next_timer_due_at=snapshot.next_timer_due_at,
            updated_at=now,
        )
        await record_submission(report, now, rt.catalog)
        # A rule that disposed the report carries the status change, as the admin's dispose would.
        submitted_to = None if outcome.routed_agency_id is not None else report.status
        event = await _record(report, actor, "submit", None, submitted_to, now)
        await attachments.attach_in_command(rt, report, event, draft.attachments, actor, now)
        await _record_action_steps(report, snapshot.steps, event, actor, now, outcome, None)
        record.produced(report)
        sent = await announce_with_commit(rt, report, "submit", ())
    await announce_change(rt, report, "submit", (), sent_with_commit=sent)
    return report


async def perform_action(
    rt: Runtime,
    actor: Actor,
    report_id: int,
    action: str,
    values: Mapping[str, str],
    agency_key: actions.AgencyKey | None = None,
    attachment_keys: Sequence[str] = (),
) -> Report:
    """Any action the report waits for now in one of the actor's lanes: one of the application's
    (``actions.BUILTIN_ACTIONS``) or one its diagram declares. ``values`` are the action's inputs by
    name, as text (``agency_key`` reads an agency input's text; by default a plain id); problems name
    the input as given. ``attachment_keys``: pending uploads to attach to the action's entry."""
    return await _advance(rt, actor, report_id, action, values, agency_key, attachment_keys)


# The typed commands: one of the application's actions each, on the same path with Python values.


async def dispose_report(rt: Runtime, actor: Actor, report_id: int, agency_id: int, note: str) -> Report:
    return await _advance(rt, actor, report_id, "dispose", {"agency_id": agency_id, "note": note})


async def hold_report(rt: Runtime, actor: Actor, report_id: int, reason: str) -> Report:
    return await _advance(rt, actor, report_id, "hold", {"reason": reason})


async def resume_report(rt: Runtime, actor: Actor, report_id: int, note: str) -> Report:
    return await _advance(rt, actor, report_id, "resume", {"note": note})


async def archive_report(rt: Runtime, actor: Actor, report_id: int, reason: str) -> Report:
    return await _advance(rt, actor, report_id, "archive", {"reason": reason})


async def follow_up_report(
    rt: Runtime, actor: Actor, report_id: int, message: str, attachment_keys: Sequence[str] = ()
) -> Report:
    return await _advance(rt, actor, report_id, "follow_up", {"message": message}, None, attachment_keys)


async def reply_to_report(
    rt: Runtime, actor: Actor, report_id: int, message: str, attachment_keys: Sequence[str] = ()
) -> Report:
    return await _advance(rt, actor, report_id, "reply", {"message": message}, None, attachment_keys)


async def request_not_authority(
    rt: Runtime, actor: Actor, report_id: int, reason: str, suggested_agency_id: int | None
) -> Report:
    values = {"reason": reason, "suggested_agency_id": suggested_agency_id}
    return await _advance(rt, actor, report_id, "request_not_authority", values)


async def resolve_not_authority(
    rt: Runtime, actor: Actor, report_id: int, accept: bool, agency_id: int | None, note: str
) -> Report:
    # Rejecting keeps the agency: an agency sent along is not looked at.
    values = {"accept": accept, "agency_id": agency_id if accept else None, "note": note}
    return await _advance(rt, actor, report_id, "resolve_not_authority", values)


async def close_report(rt: Runtime, actor: Actor, report_id: int, resolution: str) -> Report:
    return await _advance(rt, actor, report_id, "close", {"resolution": resolution})


async def reopen_report(rt: Runtime, actor: Actor, report_id: int, reason: str) -> Report:
    return await _advance(rt, actor, report_id, "reopen", {"reason": reason})


async def add_internal_attachments(
    rt: Runtime, actor: Actor, report_id: int, attachment_keys: Sequence[str], note: str
) -> Report:
    """An officer of the report (an admin, a liaison of the handling agency) adds internal files, on
    an internal timeline entry of their own with an optional note. Not a step of the workflow: any
    time, whatever the report waits for."""
    if actor.is_anonymous:
        raise AccessDenied("UNAUTHENTICATED")
    if (earlier := await idempotency.replayed(Report)) is not None:
        return earlier
    now = rt.clock()
    async with idempotency.command_transaction() as record:
        report = await Report.filter(id=report_id).select_for_update().first()
        if report is None or not policy.may_view_report(actor, report):
            raise NotFound("id")
        # Whether the actor may add files here comes before their input, as for every action.
        if not policy.may_see_internal_notes(actor, report):
            raise ActionNotAvailable()
        check = InputCheck()
        note = check.text("note", note, max_length=NOTE_MAX, required=False)
        if not attachment_keys:
            check.fail(attachments.ATTACHMENTS_FIELD, "REQUIRED")
        check.raise_if_any()
        event = await _record(
            report,
            actor,
            attachments.ATTACHMENT_ADD_ACTION,
            report.status,
            report.status,
            now,
            internal_note=note,
            is_public=False,
        )
        await attachments.attach_in_command(rt, report, event, attachment_keys, actor, now, internal=True)
        record.produced(report)
        sent = await announce_with_commit(rt, report, attachments.ATTACHMENT_ADD_ACTION, ())
    await announce_change(rt, report, attachments.ATTACHMENT_ADD_ACTION, (), sent_with_commit=sent)
    return report


async def fire_due_timers(rt: Runtime, batch_size: int = 200) -> int:
    """Advance every report with a due timer once, each in its own transaction; returns how many.

    Reports are found through the indexed due column alone. A timer is due strictly after its due
    time, as the engine counts it.
    """
    now = rt.clock()
    fired = 0
    last_due: datetime | None = None
    last_id = 0
    while True:
        query = ReportWorkflow.filter(next_timer_due_at__lt=now)
        if last_due is not None:
            # Keyset over (due, id): a report is visited once even if its next timer is also due.
            query = query.filter(
                Q(next_timer_due_at__gt=last_due) | Q(next_timer_due_at=last_due, report_id__gt=last_id)
            )
        batch = (
            await query.order_by("next_timer_due_at", "report_id")
            .limit(batch_size)
            .values_list("report_id", "next_timer_due_at")
        )
        for report_id, due in batch:
            last_due, last_id = due, report_id
            try:
                fired += await _fire_report_timers(rt, report_id, now)
            except Exception:  # one broken report must not stop every deadline behind it
                log.exception("firing the timers of report %s failed; it stays due and is retried", report_id)
        if len(batch) < batch_size:
            return fired


async def _fire_report_timers(rt: Runtime, report_id: int, now: datetime) -> int:
    async with in_transaction():
        # SKIP LOCKED: a report locked right now belongs to another sweeper, which fires it, or to
        # an action, which fires due timers before it acts; waiting for it would only serialise
        # sweepers. SQLite ignores the clause and has a single writer anyway.
        report = await Report.filter(id=report_id).select_for_update(skip_locked=True).first()
        if report is None:
            return 0
        state = await ReportWorkflow.filter(report_id=report_id).select_for_update().get()
        if state.next_timer_due_at is None or state.next_timer_due_at >= now:
            return 0  # another sweeper or an action got here first
        steps = await _fire_locked(rt, report, state, now)
        # A timer without an audit code may still have moved the report on: announce it all the same.
        last = next((step for step in reversed(steps) if step.audit), None)
        action, label = (last.audit, last.name) if last else (TIMER_ACTION, "")
        labels = last.labels if last else None
        sent = await announce_with_commit(rt, report, action, (), label, labels)
    await announce_change(rt, report, action, (), label, labels, sent_with_commit=sent)
    return 1


async def _fire_locked(
    rt: Runtime, report: Report, state: ReportWorkflow, now: datetime
) -> tuple[workflow.Step, ...]:
    diagram = await rt.diagram_by_id(state.definition_id)
    facts = await current_facts(report)
    outcome = await call_engine(
        rt,
        diagram.has_routing,
        report.agency_id,
        lambda calendar, agencies: rt.engine.fire_due_timers(
            state.state, calendar=calendar, facts=facts, agencies=agencies, diagram=diagram
        ),
    )
    snapshot = outcome.snapshot
    from_status = report.status
    cleared_rating = ratings.cleared_by(report, snapshot.steps)  # read before _store clears it
    await _store(report, state, snapshot, now, new_agency_id=outcome.routed_agency_id, holidays=rt.catalog)
    await _record_system_steps(report, snapshot, from_status, report.status, now, outcome, cleared_rating)
    return snapshot.steps


# --- queries --------------------------------------------------------------------------------


async def get_report(actor: Actor, report_id: int) -> Report:
    report = await Report.filter(policy.visible_reports(actor), id=report_id).first()
    if report is None:
        raise NotFound("id")
    return report


async def get_report_by_tracking_number(actor: Actor, tracking_number: str) -> Report | None:
    return await Report.filter(policy.visible_reports(actor), tracking_number=tracking_number).first()


def is_tracking_number(text: str) -> bool:
    return bool(TRACKING_NUMBER_PATTERN.match(text))


async def list_reports(
    actor: Actor,
    report_filter: ReportFilter,
    first: int,
    after: ReportPosition | None,
    order: ReportOrder = ReportOrder.NEWEST,
) -> ReportPage:
    """A page in ``order``, by keyset (after ``after``) so pages stay stable while reports arrive."""
    query = Report.filter(policy.visible_reports(actor))
    if report_filter.statuses:
        query = query.filter(status__in=list(report_filter.statuses))
    if report_filter.stages:
        query = query.filter(stage__in=list(report_filter.stages))
    if report_filter.agency_id is not None:
        query = query.filter(agency_id=report_filter.agency_id)
    if report_filter.is_overdue is not None:
        query = query.filter(is_overdue=report_filter.is_overdue)
    if report_filter.classification is not None:
        query = query.filter(classification=report_filter.classification.value)
    if report_filter.category is not None:
        query = query.filter(category=report_filter.category)
    if report_filter.title_contains:
        query = query.filter(title__icontains=report_filter.title_contains)
    if report_filter.mine:
        if actor.user_id is not None:
            query = query.filter(reporter_id=actor.user_id)
        else:  # an access code's one report, or nothing for the public
            query = query.filter(id=actor.report_id if actor.report_id is not None else 0)
    size = max(0, min(first, PAGE_SIZE_MAX))
    if order is ReportOrder.DEADLINE:
        return await _by_deadline(query, size, after)
    if after is not None:
        query = query.filter(id__lt=after.id)
    rows = await report_rows(query.order_by("-id").limit(size + 1))
    return ReportPage(reports=rows[:size], has_next_page=len(rows) > size)


async def _by_deadline(query: QuerySet[Report], size: int, after: ReportPosition | None) -> ReportPage:
    """The DEADLINE order: reports with a deadline by (deadline, id), then those without by id.

    Two keysets rather than one ORDER BY over "has no deadline": SQLite sorts NULLs first and
    PostgreSQL last, and an expression in the ORDER BY would sort every matching row instead of
    reading the (agency_id, deadline, id) or (deadline, id) index in order. A page costs one query,
    two when it reaches the reports without a deadline.
    """
    rows: list[ReportRow] = []
    if after is None or after.deadline is not None:
        dated = query.filter(deadline__isnull=False)
        if after is not None:
            # (deadline, id) > (after.deadline, after.id), written so that the bound on the deadline
            # alone is a range on the index: a deep page does not read every report before it.
            dated = dated.filter(deadline__gte=after.deadline).filter(
                Q(deadline__gt=after.deadline) | Q(id__gt=after.id)
            )
        rows = await report_rows(dated.order_by("deadline", "id").limit(size + 1))
        if len(rows) > size:
            return ReportPage(reports=rows[:size], has_next_page=True)
    undated = query.filter(deadline__isnull=True)
    if after is not None and after.deadline is None:
        undated = undated.filter(id__gt=after.id)
    rows += await report_rows(undated.order_by("id").limit(size - len(rows) + 1))
    return ReportPage(reports=rows[:size], has_next_page=len(rows) > size)


def available_actions(actor: Actor, report: Report | ReportRow) -> list[str]:
    """The codes of what this actor may do to the report now (see ``available_action_declarations``)."""
    return list(_pending_for(actor, report))


def available_action_declarations(
    actor: Actor, report: Report | ReportRow
) -> list[workflow.ActionDeclaration]:
    """What this actor may do to the report now, each with its labels and inputs, read from the
    projected column, not the workflow: built-in actions from their table, declared ones as the
    diagram declared them."""
    return [
        actions.declaration_for(code, pending.get("declaration"))
        for code, pending in _pending_for(actor, report).items()
    ]


def _pending_for(actor: Actor, report: Report | ReportRow) -> dict[str, dict[str, object]]:
    """The report's pending actions in the actor's lanes by code, each once (the first one found)."""
    found: dict[str, dict[str, object]] = {}
    for pending in report.pending_actions or []:
        if policy.may_act_in_lane(actor, report, str(pending["lane"])):
            found.setdefault(str(pending["action"]), pending)
    return found


def agency_at_hand(report: Report) -> Agency | None:
    """The agency handling the report, when the command that returned it read it along (no query)."""
    agency = report.agency  # the related object once set; else an unawaited query, never run
    if isinstance(agency, Agency) and agency.id == report.agency_id:
        return agency
    return None


def events_for(actor: Actor, report: Report | ReportRow, events: Sequence[EventRow]) -> list[EventRow]:
    if policy.may_see_internal_notes(actor, report):
        return list(events)
    return [event for event in events if event.is_public]


# --- internals ------------------------------------------------------------------------------


async def _engine_call(rt: Runtime, call: Callable[[], workflow.Snapshot]) -> workflow.Snapshot:
    try:
        return await rt.run_engine(call)
    except workflow.ActionNotAvailable as exc:
        raise ActionNotAvailable() from exc


# One engine call, given the calendar its deadlines count with and the agencies its rules may name.
EngineCall = Callable[
    [workflow.WorkingCalendar, Mapping[str, workflow.AgencyEntry] | None], workflow.Snapshot
]


@dataclass(frozen=True)
class EngineOutcome:
    """An engine call, and the agency its rules disposed the report to."""

    snapshot: workflow.Snapshot
    routed_agency_id: int | None = None
    """The agency the last rule of the call disposed the report to; None when no rule did."""
    agency_ids: Mapping[str, int] = field(default_factory=dict)
    """Agency ids by code, to name in the entries of rules that disposed (empty without rules)."""


async def call_engine(
    rt: Runtime, has_routing: bool, calendar_agency_id: int | None, call: EngineCall
) -> EngineOutcome:
    """Run ``call`` with the calendar of ``calendar_agency_id`` and, if the diagram has rules that
    dispose (``has_routing``), with every agency such a rule may name; other diagrams pay no query.

    Deadlines armed in a call count with the calendar of the agency the report ends up with: when a
    rule disposes it to an agency whose calendar differs, the same call runs again from the same
    state with that calendar. Calls are deterministic, so only the due times differ.
    """
    directory = await agency_directory() if has_routing else None
    agencies = directory.entries if directory is not None else None
    ids = directory.ids if directory is not None else {}
    calendar = await working_calendar(calendar_agency_id, rt.catalog)
    snapshot = await _engine_call(rt, lambda: call(calendar, agencies))
    routed = _routed_agency_id(snapshot.steps, ids)
    if routed is not None and routed != calendar_agency_id:
        routed_calendar = await working_calendar(routed, rt.catalog)
        if routed_calendar != calendar:
            snapshot = await _engine_call(rt, lambda: call(routed_calendar, agencies))
            routed = _routed_agency_id(snapshot.steps, ids)
    return EngineOutcome(snapshot, routed, ids)


def _routed_agency_id(steps: Sequence[workflow.Step], ids: Mapping[str, int]) -> int | None:
    chosen = [step.agency_code for step in steps if step.disposes and step.agency_code]
    return ids.get(chosen[-1]) if chosen else None


def _rule_disposed(steps: Sequence[workflow.Step]) -> bool:
    return any(step.disposes and step.agency_code for step in steps)


def is_stranded(snapshot: workflow.Snapshot, agency_id: int | None) -> bool:
    """Whether the report would wait only for an agency's people while it has no agency."""
    lanes = {pending.lane for pending in snapshot.pending_actions}
    return agency_id is None and bool(lanes) and lanes <= AGENCY_LANES


def _refuse_if_stranded(snapshot: workflow.Snapshot, agency_id: int | None, tracking_number: str) -> None:
    """A report is never stored where nobody can act. The validator refuses diagrams that could get
    there; this refuses the one call that would anyway, and nothing of it is kept."""
    if is_stranded(snapshot, agency_id):
        log.error("refused a step that would leave %s waiting for an agency it lacks", tracking_number)
        raise NobodyCanAct()


def _stage_columns(snapshot: workflow.Snapshot, status: str) -> tuple[str, dict[str, str]]:
    """The report's stage code and its labels: the waiting element's own, else the status."""
    stage = snapshot.stage
    if stage is None or not stage.code:
        return status, {}
    return stage.code, dict(stage.labels)


async def _advance(
    rt: Runtime,
    actor: Actor,
    report_id: int,
    action: str,
    values: Mapping[str, actions.Value],
    agency_key: actions.AgencyKey | None = None,
    attachment_keys: Sequence[str] = (),
) -> Report:
    """One action, built-in or declared: the lane check, the lock, the input checked by its kinds,
    the engine, the audit entry (with the pending uploads ``attachment_keys`` attached to it) and the
    notifications, all in one transaction."""
    if actor.is_anonymous:
        raise AccessDenied("UNAUTHENTICATED")
    if (earlier := await idempotency.replayed(Report)) is not None:
        return earlier
    now = rt.clock()
    async with idempotency.command_transaction() as record:
        # One statement locks the report and its workflow and reads the agency handling it.
        locked = await lock_report(report_id)
        if locked is None or not policy.may_view_report(actor, locked.report):
            raise NotFound("id")
        report, state = locked.report, locked.workflow
        if locked.agency is not None:
            report.agency = locked.agency  # kept with the report for whoever shows it (the payload)
        if state.next_timer_due_at is not None and state.next_timer_due_at < now:
            # What the sweeper would have done first happens first, with its own audit entries
            # (undone with the rest if this action is then refused; the sweeper does it again).
            await _fire_locked(rt, report, state, now)

        # Whether the action is open at all comes before its input: an input problem (a missing note,
        # "the same agency") on an action that is not available would send the client to fix a
        # field that can never make it succeed. The engine checks again when it performs the step.
        pending = _pending_for(actor, report).get(action)
        if pending is None:
            raise ActionNotAvailable()
        # The input is checked under the report's lock, so a concurrent re-disposition or an agency
        # deactivated a moment ago cannot slip through.
        declaration = actions.declaration_for(action, pending.get("declaration"))
        given = await actions.read_values(declaration, values, report.agency_id, agency_key)
        ratings.refuse_second_rating(declaration, report, given.check)
        step = actions.step_for(declaration, given)
        given.check.raise_if_any()

        lanes = policy.lanes_of(actor, report)
        diagram = await rt.diagram_by_id(state.definition_id)
        facts = await _facts_for_step(report, locked, step)
        # Deadlines armed by this step count with the calendar of the agency the report goes to.
        outcome = await call_engine(
            rt,
            diagram.has_routing,
            step.new_agency_id or report.agency_id,
            lambda calendar, agencies: rt.engine.perform(
                state.state,
                step.action,
                lanes,
                dict(step.workflow_data),
                calendar=calendar,
                facts=facts,
                agencies=agencies,
                diagram=diagram,
            ),
        )
        snapshot = outcome.snapshot
        from_status, from_agency_id = report.status, report.agency_id
        # A rule that disposed the report after the action has the last word on its agency.
        new_agency_id = outcome.routed_agency_id or step.new_agency_id
        # An answer of the agency: an action in its lane with a text for the reporter.
        answers = str(pending["lane"]) in AGENCY_LANES and bool(step.message)
        labels = actions.labels_from(step.details.get("labels"))

        def notice(stored: Report) -> tuple[str, str] | None:
            change = _change(stored, step.action, (from_agency_id,), labels=labels)
            return rt.changes.notice_with_commit(change)

        # A reopening clears the rating the report had: the action's entry keeps what it was.
        cleared_rating = ratings.cleared_by(report, snapshot.steps)
        sent = await _store(
            report,
            state,
            snapshot,
            now,
            new_agency_id=new_agency_id,
            counts=count_columns(facts),
            by=ByPerson(actor.user_id, answers),
            holidays=rt.catalog,
            notice=notice,
            rating=step.rating,
            rating_comment=step.internal_note,
        )
        # Timers that fell due between the lock and the engine call fired before the action: their
        # entries come first, and the status change is the action's.
        await _record_automatic_steps(
            report,
            [passed for passed in snapshot.steps if not passed.by_action],
            from_status,
            from_status,
            now,
            outcome,
        )
        by_action = [passed for passed in snapshot.steps if passed.by_action]
        event = await _record(
            report,
            actor,
            step.action,
            from_status,
            from_status if _rule_disposed(by_action) else report.status,
            now,
            message=step.message,
            internal_note=step.internal_note,
            details=ratings.with_cleared(step.details, cleared_rating),
        )
        await attachments.attach_in_command(rt, report, event, attachment_keys, actor, now)
        await _record_action_steps(report, by_action, event, actor, now, outcome, from_status)
        record.produced(report)
        # The change went out with the report's UPDATE if the feed could send it so.
        sent = sent or await announce_with_commit(rt, report, step.action, (from_agency_id,), labels=labels)
    await announce_change(rt, report, step.action, (from_agency_id,), labels=labels, sent_with_commit=sent)
    return report


async def _facts_for_step(report: Report, locked: LockedReport, step: actions.ActionStep) -> Facts:
    """``current_facts`` for the step, from the agency read with the lock while the report stays
    with it (no timer that fired first moved it, the step does not send it elsewhere)."""
    agency = locked.agency
    stays = step.new_agency_id is None or step.new_agency_id == report.agency_id
    if not stays or (agency.id if agency is not None else None) != report.agency_id:
        return await current_facts(report, step.action, step.new_agency_id)
    counts = with_action(counts_of(report), step.action)
    return facts_of(report, agency.code if agency else None, locked.parent_code, counts)


async def announce_change(
    rt: Runtime,
    report: Report,
    action: str,
    earlier_agency_ids: Sequence[int | None],
    label: str = "",
    labels: Mapping[str, str] | None = None,
    *,
    sent_with_commit: bool = False,
) -> None:
    """Tell live subscribers, after commit, that the report changed and whose queues it touched
    (``labels``: the diagram's own for a declared action or audit code). Nothing more to do when
    ``announce_with_commit`` already sent it with the commit (``sent_with_commit``)."""
    if sent_with_commit:
        return
    try:
        await rt.changes.publish(_change(report, action, earlier_agency_ids, label, labels))
    except Exception:  # the change is committed; a lost live update must not report it as failed
        log.exception("announcing a change of report %s failed", report.id)


async def announce_with_commit(
    rt: Runtime,
    report: Report,
    action: str,
    earlier_agency_ids: Sequence[int | None],
    label: str = "",
    labels: Mapping[str, str] | None = None,
) -> bool:
    """As the last statement of the command's transaction, where the feed can send it with the
    commit (PostgreSQL's NOTIFY): no round trip of its own after the commit, and nobody hears of a
    change that rolled back. False when it is ``announce_change``'s to send after the commit."""
    return await rt.changes.publish_with_commit(_change(report, action, earlier_agency_ids, label, labels))


def _change(
    report: Report,
    action: str,
    earlier_agency_ids: Sequence[int | None],
    label: str = "",
    labels: Mapping[str, str] | None = None,
) -> ReportChanged:
    agency_ids = tuple(dict.fromkeys(a for a in (*earlier_agency_ids, report.agency_id) if a is not None))
    return ReportChanged(report.id, action, report.status, agency_ids, label, dict(labels or {}))


async def _store(
    report: Report,
    state: ReportWorkflow,
    snapshot: workflow.Snapshot,
    now: datetime,
    new_agency_id: int | None,
    counts: Mapping[str, int] | None = None,
    by: ByPerson | None = None,
    holidays: Catalog | None = None,
    notice: Callable[[Report], tuple[str, str] | None] | None = None,
    rating: int | None = None,
    rating_comment: str = "",
) -> bool:
    """Project the workflow after a call into the report's columns, with the agency a person or a
    rule moved it to and the counts its action changed, and record the step's statistics facts
    (``by``: the person who acted; None for timers, rules on their own and migrations; ``holidays``:
    the runtime's catalog, whose holidays the facts' times count with). ``rating``: the score the
    step's action gave (``rating_comment``: its comment); a step that passed a ``rating`` = ``clear``
    element clears the rating instead.

    ``notice`` gives, for the report as stored, the NOTIFY its change feed can send with the same
    statement (``ChangeFeed.notice_with_commit``); True when it did, so nothing is left to announce."""
    before = Before.of(report)
    agency_id = new_agency_id if new_agency_id is not None else report.agency_id
    _refuse_if_stranded(snapshot, agency_id, report.tracking_number)
    status = snapshot.status or report.status
    stage, stage_labels = _stage_columns(snapshot, status)
    changes: dict[str, object] = {
        "status": status,
        "stage": stage,
        "stage_labels": stage_labels,
        "deadline": snapshot.deadline,
        "is_overdue": snapshot.is_overdue,
        "pending_actions": _pending_json(snapshot),
        "updated_at": now,
        "version": report.version + 1,
    }
    if new_agency_id is not None:
        changes["agency_id"] = new_agency_id
    changes.update(counts or {})
    changes.update(ratings.rating_columns(report, snapshot.steps, rating, rating_comment, now))
    version = report.version
    # Set before the write, so the notice describes the report as stored; a refused write fails
    # the whole command, and this object with it.
    for name, value in changes.items():
        setattr(report, name, value)
    notify = notice(report) if notice is not None else None
    # The version still guards the row, and a lost race rolls the whole command back.
    stored = await store_step(
        report.id, version, changes, snapshot.state, snapshot.next_timer_due_at, now, notify
    )
    if not stored:
        raise Conflict("id")
    state.state = snapshot.state
    state.next_timer_due_at = snapshot.next_timer_due_at
    state.updated_at = now
    await record_step(report, before, now, by, holidays)
    return notify is not None


def _pending_json(snapshot: workflow.Snapshot) -> list[dict[str, object]]:
    """What the report keeps of its pending actions: enough to offer and check them without loading
    the workflow (a declared action with its labels and inputs)."""
    return [
        {"action": p.action, "lane": p.lane}
        | ({"declaration": actions.declaration_json(p.declaration)} if p.declaration else {})
        for p in snapshot.pending_actions
    ]


async def _record(
    report: Report,
    actor: Actor | None,
    action: str,
    from_status: str | None,
    to_status: str | None,
    now: datetime,
    *,
    message: str = "",
    internal_note: str = "",
    details: Mapping[str, object] | None = None,
    is_public: bool = True,
) -> ReportEvent:
    return await ReportEvent.create(
        report_id=report.id,
        actor_id=actor.user_id if actor else None,
        # A person without an account can only be the reporter (submitting, or holding the access code).
        actor_role=(actor.role.value if actor.role else REPORTER_ROLE) if actor else SYSTEM_ROLE,
        action=action,
        from_status=from_status,
        to_status=to_status,
        message=message,
        internal_note=internal_note,
        is_public=is_public,
        details=dict(details or {}),
        created_at=now,
    )


async def _record_system_steps(
    report: Report,
    snapshot: workflow.Snapshot,
    from_status: str,
    to_status: str,
    now: datetime,
    outcome: EngineOutcome | None = None,
    cleared_rating: ratings.Rating | None = None,
) -> None:
    """Everything a call without an action passed (firing due timers, migrating), in order.
    ``cleared_rating``: the rating a ``rating`` = ``clear`` element among them cleared."""
    await _record_automatic_steps(
        report, snapshot.steps, from_status, to_status, now, outcome, cleared_rating
    )


async def _record_automatic_steps(
    report: Report,
    steps: Sequence[workflow.Step],
    from_status: str,
    to_status: str,
    now: datetime,
    outcome: EngineOutcome | None = None,
    cleared_rating: ratings.Rating | None = None,
) -> None:
    """Automatic steps (deadlines passed, silence closing a report, rules) get their own entries.

    One entry carries the status change, if any, and is public: the last rule that disposed the
    report, else the last audited step; a passed deadline that changes nothing is an internal
    escalation. A step that only notifies writes no entry of its own.
    """
    disposed = [i for i, step in enumerate(steps) if step.disposes and step.agency_code]
    audited = [i for i, step in enumerate(steps) if step.audit and not step.disposes]
    routed = [i for i, step in enumerate(steps) if step.disposes]
    carrier = (disposed or audited or routed or [-1])[-1]
    for index, step in enumerate(steps):
        event: ReportEvent | None = None
        changes_status = index == carrier and from_status != to_status
        if step.disposes:
            event = await _record_rule(
                report,
                step,
                from_status,
                to_status if changes_status else from_status,
                now,
                outcome.agency_ids if outcome is not None else {},
            )
            if not step.agency_code:
                continue  # the admin's verification follows; the rule's recipients have nothing yet
        if step.audit:
            # A rule's own entry already carries its change; its audit code is noted besides.
            audit_changes = changes_status and not step.disposes
            details: dict[str, object] = {"element": step.element_id, "label": step.name, **_labels_of(step)}
            if step.due_at is not None:
                # A timer: when it was due, and when it fired (later, when no sweeper ran for a while).
                details |= {"dueAt": step.due_at.isoformat(), "firedAt": now.isoformat()}
            # A step that cleared the rating keeps what it was in its own entry, as a reopening does.
            cleared = cleared_rating if step.clears_rating else None
            audit_event = await _record(
                report,
                None,
                step.audit,
                from_status,
                to_status if audit_changes else from_status,
                now,
                details=ratings.with_cleared(details, cleared),
                is_public=audit_changes,
            )
            event = event or audit_event
        if step.notify:
            await queue_report_notifications(
                report, step.kind, step.notify, now, _notification_payload(report, event, step)
            )


async def _record_action_steps(
    report: Report,
    steps: Sequence[workflow.Step],
    action_event: ReportEvent,
    actor: Actor,
    now: datetime,
    outcome: EngineOutcome | None = None,
    before: str | None = None,
) -> None:
    """What a person's action (or a submission) passed, after its own entry and in order.

    An element with an ``audit`` code gets an internal entry of its own, written by the diagram (the
    system), as every audit entry is: the action's own entry already names the person and carries
    the status change, and is what the public sees. Whom the diagram names is told, except the actor
    (officers are not told of their own actions; a reporter gets a receipt).

    A rule that disposed the report writes the entry an admin's dispose would, by the system, and
    carries the status change from ``before`` (the last such rule, if several did); one that could
    not writes a public ``ROUTING_FAILED`` entry, and the admin's verification follows.
    """
    disposed = [i for i, step in enumerate(steps) if step.disposes and step.agency_code]
    carrier = disposed[-1] if disposed else -1
    for index, step in enumerate(steps):
        event = action_event
        if step.disposes:
            event = await _record_rule(
                report,
                step,
                report.status if index > carrier else before,
                before if index < carrier else report.status,
                now,
                outcome.agency_ids if outcome is not None else {},
            )
            if not step.agency_code:
                continue
        if step.audit:
            audited = await _record(
                report,
                None,
                step.audit,
                report.status,
                report.status,
                now,
                details={"element": step.element_id, "label": step.name, **_labels_of(step)},
                is_public=False,
            )
            # Notices of a rule that disposed point at its dispose entry, like an admin's would.
            event = event if step.disposes else audited
        await _queue_notices(report, step, event, actor, now)


async def _record_rule(
    report: Report,
    step: workflow.Step,
    from_status: str | None,
    to_status: str | None,
    now: datetime,
    agency_ids: Mapping[str, int],
) -> ReportEvent:
    """The entry of a rule (an element with ``dispose_to``): a dispose, or why it could not."""
    rule = {"rule": step.element_id, "ruleLabel": step.name}
    if step.agency_code:
        details = {"agencyId": agency_ids.get(step.agency_code), **rule}
        return await _record(report, None, "dispose", from_status, to_status, now, details=details)
    return await _record(
        report,
        None,
        ROUTING_FAILED,
        from_status,
        to_status,
        now,
        internal_note=step.routing_problem,
        details={"reason": step.routing_problem, **rule},
    )


async def _queue_notices(
    report: Report, step: workflow.Step, event: ReportEvent, actor: Actor, now: datetime
) -> None:
    """Tell the people the diagram names about a step of an action, after the step is stored."""
    if step.notify:
        await queue_report_notifications(
            report,
            step.kind,
            step.notify,
            now,
            _notification_payload(report, event, step),
            actor_user_id=actor.user_id,
        )


def _labels_of(step: workflow.Step) -> dict[str, object]:
    """The diagram's labels of an audit code, kept with its entry for the timeline and e-mails."""
    return {"labels": dict(step.labels)} if step.labels else {}


def _notification_payload(
    report: Report, event: ReportEvent | None, step: workflow.Step
) -> dict[str, object]:
    # A step that only notifies from a timer's path has no timeline entry to point at. The diagram's
    # labels of the step (its audit code's, or the declared action's on the action's own entry) name
    # it in the e-mail as in the timeline.
    labels = dict(step.labels) or actions.labels_from(event.details.get("labels") if event else None)
    return {
        "eventId": event.id if event else None,
        "trackingNumber": report.tracking_number,
        "title": report.title,
        "status": report.status,
        "deadline": report.deadline.isoformat() if report.deadline else None,
        "step": (event.details.get("label") or event.action) if event else step.kind,
        **({"stepLabels": labels} if labels else {}),
    }
