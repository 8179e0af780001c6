"""Who is acting: the authenticated user as the domain sees it, or nobody."""

from __future__ import annotations

from dataclasses import dataclass

from lapor_gql.db.models import Role


@dataclass(frozen=True)
class Actor:
    user_id: int | None
    role: Role | None
    agency_id: int | None = None
    # The AccessToken row this request authenticated with, so "other sessions" can be told apart.
    token_id: int | None = None
    # Set for the holder of a report's access code: the reporter of that one report, no account.
    report_id: int | None = None
    # The ReportAccessToken row such a holder authenticated with, so they can end it (stop following).
    report_token_id: int | None = None

    @property
    def is_anonymous(self) -> bool:
        """Neither logged in nor holding a report's access code."""
        return self.user_id is None and self.report_id is None

    def has_role(self, role: Role) -> bool:
        return self.role is role


ANONYMOUS = Actor(user_id=None, role=None)
SYSTEM_ROLE = "SYSTEM"
REPORTER_ROLE = "REPORTER"
