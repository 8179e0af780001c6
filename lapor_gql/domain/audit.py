"""The audit trail of accounts, roles and agencies (reports keep their own event log)."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime

from lapor_gql.db.models import AuditEvent

from .actors import Actor


async def record_audit(
    actor: Actor | None,
    action: str,
    object_type: str,
    object_id: int,
    now: datetime,
    *,
    before: Mapping[str, object] | None = None,
    after: Mapping[str, object] | None = None,
) -> AuditEvent:
    """Record a change; call inside the command's transaction. Pass only non-secret values."""
    return await AuditEvent.create(
        actor_id=actor.user_id if actor else None,
        action=action,
        object_type=object_type,
        object_id=object_id,
        before=dict(before or {}),
        after=dict(after or {}),
        created_at=now,
    )
