"""Who is acting: the authenticated user as the domain sees it, or nobody."""

from __future__ import annotations

from dataclasses import dataclass

from lapor_gql.db.models import Role


@dataclass(frozen=True)
class Actor:
    user_id: int | None
    role: Role | None
    agency_id: int | None = None

    @property
    def is_anonymous(self) -> bool:
        return self.user_id is None

    def has_role(self, role: Role) -> bool:
        return self.role is role


ANONYMOUS = Actor(user_id=None, role=None)
SYSTEM_ROLE = "SYSTEM"
