"""Settings read from the environment, with defaults that run on a laptop."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Settings:
    database_url: str
    environment: str
    timer_interval_seconds: float
    workflows_dir: Path
    token_ttl_hours: int
    default_process_id: str = "report_lifecycle"
    # Account security policy: failed logins per e-mail allowed within the window, then a lockout;
    # how long a one-time setup or reset secret stays valid.
    login_max_failures: int = 5
    login_failure_window_minutes: int = 15
    login_lockout_minutes: int = 15
    account_secret_ttl_hours: int = 72
    # Working-day calendar: ISO weekday numbers of the weekend, and the zone whose dates count.
    weekend_days: frozenset[int] = frozenset({6, 7})
    time_zone: str = "Asia/Jakarta"

    @property
    def is_development(self) -> bool:
        return self.environment == "development"

    @classmethod
    def from_environment(cls) -> Settings:
        return cls(
            database_url=os.environ.get("LAPOR_DATABASE_URL", "sqlite://lapor.sqlite3"),
            environment=os.environ.get("LAPOR_ENV", "development"),
            timer_interval_seconds=float(os.environ.get("LAPOR_TIMER_INTERVAL_SECONDS", "30")),
            workflows_dir=Path(os.environ.get("LAPOR_WORKFLOWS_DIR", PROJECT_ROOT / "workflows")),
            token_ttl_hours=int(os.environ.get("LAPOR_TOKEN_TTL_HOURS", "12")),
            login_max_failures=int(os.environ.get("LAPOR_LOGIN_MAX_FAILURES", "5")),
            login_failure_window_minutes=int(os.environ.get("LAPOR_LOGIN_FAILURE_WINDOW_MINUTES", "15")),
            login_lockout_minutes=int(os.environ.get("LAPOR_LOGIN_LOCKOUT_MINUTES", "15")),
            account_secret_ttl_hours=int(os.environ.get("LAPOR_ACCOUNT_SECRET_TTL_HOURS", "72")),
            weekend_days=frozenset(
                int(day) for day in os.environ.get("LAPOR_WEEKEND_DAYS", "6,7").split(",") if day.strip()
            ),
            time_zone=os.environ.get("LAPOR_TIME_ZONE", "Asia/Jakarta"),
        )
