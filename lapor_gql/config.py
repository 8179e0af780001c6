"""Settings read from the environment, with defaults that run on a laptop."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
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
    # How live updates reach the subscribers of other server processes: "local" (one process),
    # "postgres" (LISTEN/NOTIFY) or "auto" (postgres exactly when the database is PostgreSQL).
    change_feed: str = "auto"
    # E-mail delivery of the notification outbox. Without a host nothing is sent: rows stay PENDING.
    # ``smtp_security``: "none" (plain), "starttls" (required upgrade) or "tls" (implicit TLS).
    smtp_host: str | None = None
    smtp_port: int | None = None
    smtp_username: str | None = None
    smtp_password: str | None = field(default=None, repr=False)
    smtp_security: str = "starttls"
    smtp_from: str = "LAPOR! <no-reply@localhost>"
    smtp_timeout_seconds: float = 30.0
    outbox_interval_seconds: float = 10.0
    outbox_max_attempts: int = 20
    outbox_backoff_base_seconds: float = 60.0
    outbox_backoff_max_seconds: float = 3600.0

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
            change_feed=os.environ.get("LAPOR_CHANGE_FEED", "auto"),
            smtp_host=os.environ.get("LAPOR_SMTP_HOST", "").strip() or None,
            smtp_port=int(os.environ["LAPOR_SMTP_PORT"]) if os.environ.get("LAPOR_SMTP_PORT") else None,
            smtp_username=os.environ.get("LAPOR_SMTP_USERNAME") or None,
            smtp_password=os.environ.get("LAPOR_SMTP_PASSWORD") or None,
            smtp_security=_smtp_security(os.environ.get("LAPOR_SMTP_STARTTLS", "starttls")),
            smtp_from=os.environ.get("LAPOR_SMTP_FROM", "LAPOR! <no-reply@localhost>"),
            smtp_timeout_seconds=float(os.environ.get("LAPOR_SMTP_TIMEOUT_SECONDS", "30")),
            outbox_interval_seconds=float(os.environ.get("LAPOR_OUTBOX_INTERVAL_SECONDS", "10")),
            outbox_max_attempts=int(os.environ.get("LAPOR_OUTBOX_MAX_ATTEMPTS", "20")),
            outbox_backoff_base_seconds=float(os.environ.get("LAPOR_OUTBOX_BACKOFF_BASE_SECONDS", "60")),
            outbox_backoff_max_seconds=float(os.environ.get("LAPOR_OUTBOX_BACKOFF_MAX_SECONDS", "3600")),
        )

    @property
    def smtp_configured(self) -> bool:
        return self.smtp_host is not None


SMTP_SECURITY_MODES = ("none", "starttls", "tls")


def _smtp_security(value: str) -> str:
    # Refuse a typo at startup rather than silently sending credentials in the clear.
    mode = value.strip().lower()
    if mode not in SMTP_SECURITY_MODES:
        allowed = ", ".join(SMTP_SECURITY_MODES)
        raise ValueError(f"LAPOR_SMTP_STARTTLS must be one of {allowed}, not {value!r}")
    return mode
