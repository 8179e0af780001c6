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
from zoneinfo import ZoneInfo

from tortoise.expressions import Q
from tortoise.transactions import in_transaction

from lapor_gql import workflow
from lapor_gql.db.models import Agency, Classification, Report, ReportEvent, ReportWorkflow, Role
from lapor_gql.db.projections import EventRow

from . import idempotency, policy
from .actors import ANONYMOUS, REPORTER_ROLE, SYSTEM_ROLE, Actor
from .calendar import working_calendar
from .changes import ReportChanged
from .errors import AccessDenied, ActionNotAvailable, Conflict, NotFound
from .notifications import queue_report_notifications
from .processes import Runtime, latest_definition
from .report_access import access_code_digest, new_access_code
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


@dataclass(frozen=True)
class ReportFilter:
    statuses: Sequence[str] = ()
    agency_id: int | None = None
    is_overdue: bool | None = None
    classification: Classification | None = None
    title_contains: str | None = None


@dataclass
class ReportPage:
    reports: list[Report]
    has_next_page: bool


@dataclass(frozen=True)
class _Step:
    """What one action writes besides the workflow: the audit entry and any change of agency."""

    action: str
    workflow_data: Mapping[str, object] = field(default_factory=dict)
    message: str = ""
    internal_note: str = ""
    details: Mapping[str, object] = field(default_factory=dict)
    new_agency_id: int | None = None
    # Agencies named by the input, checked while the report is locked: input field → agency id.
    agency_fields: Mapping[str, int] = field(default_factory=dict)
    must_change_agency: bool = False


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
        calendar = await working_calendar(None)  # no agency yet: the national calendar
        snapshot = await _engine_call(
            rt, lambda: rt.engine.start(rt.diagram_of(definition), calendar=calendar)
        )
        tracking_number = new_tracking_number(now.year)
        while await Report.filter(tracking_number=tracking_number).exists():
            tracking_number = new_tracking_number(now.year)
        report = await Report.create(
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
            status=snapshot.status or "",
            deadline=snapshot.deadline,
            is_overdue=snapshot.is_overdue,
            pending_actions=_pending_json(snapshot),
            created_at=now,
            updated_at=now,
        )
        await ReportWorkflow.create(
            report=report,
            definition=definition,
            state=snapshot.state,
            next_timer_due_at=snapshot.next_timer_due_at,
            updated_at=now,
        )
        event = await _record(report, actor, "submit", None, report.status, now)
        await _record_action_steps(report, snapshot.steps, event, actor, now)
        record.produced(report)
    await announce_change(rt, report, "submit", ())
    return report


async def dispose_report(rt: Runtime, actor: Actor, report_id: int, agency_id: int, note: str) -> Report:
    check = InputCheck()
    note = check.text("note", note, max_length=NOTE_MAX, required=False)
    step = _Step(
        "dispose",
        internal_note=note,
        details={"agencyId": agency_id},
        new_agency_id=agency_id,
        agency_fields={"agency_id": agency_id},
    )
    return await _advance(rt, actor, report_id, step, check)


async def hold_report(rt: Runtime, actor: Actor, report_id: int, reason: str) -> Report:
    return await _advance_with_note(rt, actor, report_id, "hold", "reason", reason)


async def resume_report(rt: Runtime, actor: Actor, report_id: int, note: str) -> Report:
    check = InputCheck()
    note = check.text("note", note, max_length=NOTE_MAX, required=False)
    return await _advance(rt, actor, report_id, _Step("resume", message=note), check)


async def archive_report(rt: Runtime, actor: Actor, report_id: int, reason: str) -> Report:
    return await _advance_with_note(rt, actor, report_id, "archive", "reason", reason)


async def follow_up_report(rt: Runtime, actor: Actor, report_id: int, message: str) -> Report:
    check = InputCheck()
    message = check.text("message", message, max_length=BODY_MAX, required=True)
    return await _advance(rt, actor, report_id, _Step("follow_up", message=message), check)


async def reply_to_report(rt: Runtime, actor: Actor, report_id: int, message: str) -> Report:
    check = InputCheck()
    message = check.text("message", message, max_length=BODY_MAX, required=True)
    return await _advance(rt, actor, report_id, _Step("reply", message=message), check)


async def request_not_authority(
    rt: Runtime, actor: Actor, report_id: int, reason: str, suggested_agency_id: int | None
) -> Report:
    check = InputCheck()
    reason = check.text("reason", reason, max_length=NOTE_MAX, required=True)
    suggested = {"suggested_agency_id": suggested_agency_id} if suggested_agency_id is not None else {}
    step = _Step("request_not_authority", internal_note=reason, details=suggested, agency_fields=suggested)
    return await _advance(rt, actor, report_id, step, check)


async def resolve_not_authority(
    rt: Runtime, actor: Actor, report_id: int, accept: bool, agency_id: int | None, note: str
) -> Report:
    check = InputCheck()
    note = check.text("note", note, max_length=NOTE_MAX, required=not accept)
    if accept and agency_id is None:
        check.fail("agency_id", "REQUIRED")
    new_agency_id = agency_id if accept else None
    step = _Step(
        "resolve_not_authority",
        workflow_data={"accepted": accept},
        internal_note=note,
        details={"accepted": accept, "agencyId": new_agency_id},
        new_agency_id=new_agency_id,
        agency_fields={"agency_id": new_agency_id} if new_agency_id is not None else {},
        must_change_agency=True,
    )
    return await _advance(rt, actor, report_id, step, check)


async def close_report(rt: Runtime, actor: Actor, report_id: int, resolution: str) -> Report:
    return await _advance_with_note(rt, actor, report_id, "close", "resolution", resolution)


async def reopen_report(rt: Runtime, actor: Actor, report_id: int, reason: str) -> Report:
    return await _advance_with_note(rt, actor, report_id, "reopen", "reason", reason)


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
    await announce_change(rt, report, last.audit if last else TIMER_ACTION, (), last.name if last else "")
    return 1


async def _fire_locked(
    rt: Runtime, report: Report, state: ReportWorkflow, now: datetime
) -> tuple[workflow.Step, ...]:
    calendar = await working_calendar(report.agency_id)
    snapshot = await _engine_call(rt, lambda: rt.engine.fire_due_timers(state.state, calendar=calendar))
    from_status = report.status
    await _store(report, state, snapshot, now, new_agency_id=None)
    await _record_system_steps(report, snapshot, from_status, report.status, now)
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
    actor: Actor, report_filter: ReportFilter, first: int, after_id: int | None
) -> ReportPage:
    """Newest first, by keyset on the id so pages stay stable while reports arrive."""
    query = Report.filter(policy.visible_reports(actor))
    if report_filter.statuses:
        query = query.filter(status__in=list(report_filter.statuses))
    if report_filter.agency_id is not None:
        query = query.filter(agency_id=report_filter.agency_id)
    if report_filter.is_overdue is not None:
        query = query.filter(is_overdue=report_filter.is_overdue)
    if report_filter.classification is not None:
        query = query.filter(classification=report_filter.classification.value)
    if report_filter.title_contains:
        query = query.filter(title__icontains=report_filter.title_contains)
    if after_id is not None:
        query = query.filter(id__lt=after_id)
    size = max(0, min(first, PAGE_SIZE_MAX))
    rows = await query.order_by("-id").limit(size + 1)
    return ReportPage(reports=rows[:size], has_next_page=len(rows) > size)


def available_actions(actor: Actor, report: Report) -> list[str]:
    """What this actor may do to the report now, read from the projected column, not the workflow."""
    actions: list[str] = []
    for pending in report.pending_actions or []:
        if policy.may_act_in_lane(actor, report, pending["lane"]) and pending["action"] not in actions:
            actions.append(pending["action"])
    return actions


def events_for(actor: Actor, report: Report, events: Sequence[EventRow]) -> list[EventRow]:
    if policy.may_see_internal_notes(actor, report):
        return list(events)
    return [event for event in events if event.is_public]


# --- internals ------------------------------------------------------------------------------


async def _advance_with_note(
    rt: Runtime, actor: Actor, report_id: int, action: str, field_name: str, text: str
) -> Report:
    """An action whose only input is a required public note (a reason, a resolution)."""
    check = InputCheck()
    message = check.text(field_name, text, max_length=NOTE_MAX, required=True)
    return await _advance(rt, actor, report_id, _Step(action, message=message), check)


async def _check_agency(check: InputCheck, field_name: str, agency_id: int) -> None:
    agency = await Agency.filter(id=agency_id).only("id", "is_active").first()
    if agency is None:
        check.fail(field_name, "NOT_FOUND")
    elif not agency.is_active:
        check.fail(field_name, "AGENCY_INACTIVE")


async def _engine_call(rt: Runtime, call: Callable[[], workflow.Snapshot]) -> workflow.Snapshot:
    try:
        return await rt.run_engine(call)
    except workflow.ActionNotAvailable as exc:
        raise ActionNotAvailable() from exc


async def _advance(
    rt: Runtime, actor: Actor, report_id: int, step: _Step, check: InputCheck | None = None
) -> Report:
    if actor.is_anonymous:
        raise AccessDenied("UNAUTHENTICATED")
    if (earlier := await idempotency.replayed(Report)) is not None:
        return earlier
    check = check or InputCheck()
    now = rt.clock()
    async with idempotency.command_transaction() as record:
        report = await Report.filter(policy.visible_reports(actor), id=report_id).select_for_update().first()
        if report is None:
            raise NotFound("id")
        state = await ReportWorkflow.filter(report_id=report_id).select_for_update().get()
        if state.next_timer_due_at is not None and state.next_timer_due_at < now:
            # What the sweeper would have done first happens first, with its own audit entries
            # (undone with the rest if this action is then refused; the sweeper does it again).
            await _fire_locked(rt, report, state, now)

        # Whether the action is open at all comes before its input: an input problem (a missing note,
        # "the same agency") on an action that is not available would send the client to fix a
        # field that can never make it succeed. The engine checks again when it performs the step.
        if step.action not in available_actions(actor, report):
            raise ActionNotAvailable()
        # Agencies are checked under the report's lock, so a concurrent re-disposition or an agency
        # deactivated a moment ago cannot slip through.
        for field_name, agency_id in step.agency_fields.items():
            await _check_agency(check, field_name, agency_id)
        if step.must_change_agency and step.new_agency_id == report.agency_id:
            check.fail("agency_id", "SAME_AGENCY")
        check.raise_if_any()

        lanes = policy.lanes_of(actor, report)
        # Deadlines armed by this step count with the calendar of the agency the report goes to.
        calendar = await working_calendar(step.new_agency_id or report.agency_id)
        snapshot = await _engine_call(
            rt,
            lambda: rt.engine.perform(
                state.state, step.action, lanes, dict(step.workflow_data), calendar=calendar
            ),
        )
        from_status, from_agency_id = report.status, report.agency_id
        await _store(report, state, snapshot, now, new_agency_id=step.new_agency_id)
        # Timers that fell due between the lock and the engine call fired before the action: their
        # entries come first, and the status change is the action's.
        await _record_automatic_steps(
            report,
            [passed for passed in snapshot.steps if not passed.by_action],
            from_status,
            from_status,
            now,
        )
        event = await _record(
            report,
            actor,
            step.action,
            from_status,
            report.status,
            now,
            message=step.message,
            internal_note=step.internal_note,
            details=step.details,
        )
        by_action = [passed for passed in snapshot.steps if passed.by_action]
        await _record_action_steps(report, by_action, event, actor, now)
        record.produced(report)
    await announce_change(rt, report, step.action, (from_agency_id,))
    return report


async def announce_change(
    rt: Runtime, report: Report, action: str, earlier_agency_ids: Sequence[int | None], label: str = ""
) -> None:
    """Tell live subscribers, after commit, that the report changed and whose queues it touched."""
    agency_ids = tuple(dict.fromkeys(a for a in (*earlier_agency_ids, report.agency_id) if a is not None))
    try:
        await rt.changes.publish(ReportChanged(report.id, action, report.status, agency_ids, label))
    except Exception:  # the change is committed; a lost live update must not report it as failed
        log.exception("announcing a change of report %s failed", report.id)


async def _store(
    report: Report,
    state: ReportWorkflow,
    snapshot: workflow.Snapshot,
    now: datetime,
    new_agency_id: int | None,
) -> None:
    changes: dict[str, object] = {
        "status": snapshot.status or report.status,
        "deadline": snapshot.deadline,
        "is_overdue": snapshot.is_overdue,
        "pending_actions": _pending_json(snapshot),
        "updated_at": now,
        "version": report.version + 1,
    }
    if new_agency_id is not None:
        changes["agency_id"] = new_agency_id
    updated = await Report.filter(id=report.id, version=report.version).update(**changes)
    if updated != 1:
        raise Conflict("id")
    for name, value in changes.items():
        setattr(report, name, value)
    state.state = snapshot.state
    state.next_timer_due_at = snapshot.next_timer_due_at
    state.updated_at = now
    await state.save(update_fields=["state", "next_timer_due_at", "updated_at"])


def _pending_json(snapshot: workflow.Snapshot) -> list[dict[str, str]]:
    return [{"action": p.action, "lane": p.lane} for p in snapshot.pending_actions]


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
    report: Report, snapshot: workflow.Snapshot, from_status: str, to_status: str, now: datetime
) -> None:
    """Everything a call without an action passed (firing due timers, migrating), in order."""
    await _record_automatic_steps(report, snapshot.steps, from_status, to_status, now)


async def _record_automatic_steps(
    report: Report, steps: Sequence[workflow.Step], from_status: str, to_status: str, now: datetime
) -> None:
    """Automatic steps (deadlines passed, silence closing a report) get their own audit entries.

    The last entry carries the status change, if any, and is public; a passed deadline that changes
    nothing is an internal escalation. A step that only notifies writes no entry of its own.
    """
    last_audited = max((i for i, step in enumerate(steps) if step.audit), default=-1)
    for index, step in enumerate(steps):
        event: ReportEvent | None = None
        if step.audit:
            changes_status = index == last_audited and from_status != to_status
            event = await _record(
                report,
                None,
                step.audit,
                from_status,
                to_status if changes_status else from_status,
                now,
                details={"element": step.element_id, "label": step.name},
                is_public=changes_status,
            )
        if step.notify:
            await queue_report_notifications(
                report, step.kind, step.notify, now, _notification_payload(report, event, step)
            )


async def _record_action_steps(
    report: Report, steps: Sequence[workflow.Step], action_event: ReportEvent, actor: Actor, now: datetime
) -> None:
    """What a person's action (or a submission) passed, after its own entry and in order.

    An element with an ``audit`` code gets an internal entry of its own, written by the diagram (the
    system), as every audit entry is: the action's own entry already names the person and carries
    the status change, and is what the public sees. Whom the diagram names is told, except the actor
    (officers are not told of their own actions; a reporter gets a receipt).
    """
    for step in steps:
        event = action_event
        if step.audit:
            event = await _record(
                report,
                None,
                step.audit,
                report.status,
                report.status,
                now,
                details={"element": step.element_id, "label": step.name},
                is_public=False,
            )
        await _queue_notices(report, step, event, actor, now)


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


def _notification_payload(
    report: Report, event: ReportEvent | None, step: workflow.Step
) -> dict[str, object]:
    # A step that only notifies from a timer's path has no timeline entry to point at.
    return {
        "eventId": event.id if event else None,
        "trackingNumber": report.tracking_number,
        "title": report.title,
        "status": report.status,
        "deadline": report.deadline.isoformat() if report.deadline else None,
        "step": (event.details.get("label") or event.action) if event else step.kind,
    }
