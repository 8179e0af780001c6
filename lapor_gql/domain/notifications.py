"""Notifications queued in the outbox: who is told when the diagram says so.

An automatic step in the diagram names its recipients by role in its ``notify`` property (``liaison``,
``admin``, ``reporter``). Here each role becomes the people it means for one report, and one outbox
row is written per person, inside the caller's transaction, so a change that rolls back leaves no
message behind. ``recipients_for`` says who they are; ``queue_report_notifications`` writes their rows
in the same statement that selects them.
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import datetime

from lapor_gql.db.command_rows import queue_notifications
from lapor_gql.db.models import Report, Role, User


async def recipients_for(report: Report, roles: Collection[str]) -> list[int]:
    """Active accounts behind each named role, for this report, in a stable order, each once."""
    user_ids: list[int] = []
    if "liaison" in roles and report.agency_id is not None:
        user_ids += await _active_user_ids(role=Role.LIAISON.value, agency_id=report.agency_id)
    if "admin" in roles:
        user_ids += await _active_user_ids(role=Role.ADMIN.value)
    # A reporter without an account (access code only) has no address to reach; an anonymous
    # report still reaches its own reporter, because anonymity hides them from others, not from us.
    if "reporter" in roles and report.reporter_id is not None:
        user_ids += await _active_user_ids(id=report.reporter_id)
    return list(dict.fromkeys(user_ids))


async def queue_report_notifications(
    report: Report,
    kind: str,
    roles: Collection[str],
    now: datetime,
    payload: dict[str, object],
    actor_user_id: int | None = None,
) -> None:
    """Write one PENDING outbox row per recipient (those ``recipients_for`` names, in its order);
    call inside the command's transaction. One statement: the recipients are selected by the
    INSERT itself.

    Officers are not told about their own actions; a reporter is, as a receipt (the tracking number
    of a report just sent, say).
    """
    skipped = actor_user_id if actor_user_id != report.reporter_id else None
    # A reporter without an account (access code only) has no address to reach; an anonymous
    # report still reaches its own reporter, because anonymity hides them from others, not from us.
    reporter = report.reporter_id if "reporter" in roles and report.reporter_id is not None else None
    await queue_notifications(
        report_id=report.id,
        kind=kind,
        payload=payload,
        now=now,
        liaisons_of=report.agency_id if "liaison" in roles else None,
        admins="admin" in roles,
        user_ids=() if reporter is None else (reporter,),
        skipped=skipped,
    )


async def _active_user_ids(**conditions: object) -> list[int]:
    rows = await User.filter(is_active=True, **conditions).order_by("id").values_list("id", flat=True)
    return [int(user_id) for user_id in rows]  # type: ignore[call-overload]
