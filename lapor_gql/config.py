"""Settings read from the environment, with defaults that run on a laptop."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
# The window of the upload throttle (attachment_uploads_per_hour).
UPLOAD_WINDOW = timedelta(hours=1)
DEFAULT_S3_PREFIX = "lapor-attachments/"


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
    # How long an Idempotency-Key is remembered: a retry within it gets the first response back.
    idempotency_retention_hours: int = 24
    # Access codes: failures per client address (an IPv6 /64) and report within the login window,
    # then that client's lockout; the same per IPv6 /48 (one site's, or a tunnel broker's free
    # allocation, holds 65,536 /64s); and a ceiling per report from all addresses together, so high
    # that strangers cannot use it to lock the holder out (the README shows why guessing stays infeasible).
    access_code_client_max_failures: int = 5
    access_code_site_max_failures: int = 50
    access_code_report_max_failures: int = 1_000_000
    access_code_report_window_hours: int = 24
    # Working-day calendar: ISO weekday numbers of the weekend, and the zone whose dates count.
    weekend_days: frozenset[int] = frozenset({6, 7})
    time_zone: str = "Asia/Jakarta"
    # Follow-up compliance at or above these shares ranks an agency green, yellow; below, red.
    compliance_green: float = 0.9
    compliance_yellow: float = 0.7
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
    # Operations: log lines as "text" (human-readable) or "json" (one object per line); Prometheus
    # metrics at /metrics, answered only when enabled and, with a token set, only to its bearer.
    log_format: str = "text"
    metrics_enabled: bool = False  # off unless asked for: from_environment turns it on in development
    metrics_token: str | None = field(default=None, repr=False)
    # Browser origins (scheme://host[:port]) whose pages may call the API and open its websocket.
    cors_origins: tuple[str, ...] = ()
    # Attachments (lapor_gql.domain.attachments): limits per file and per report (all its entries
    # together), where files live ("local": attachment_dir; "s3": an S3-compatible bucket), how long a
    # signed download URL works and how long an upload may wait to be attached before it is swept.
    attachment_max_bytes: int = 10 * 1024 * 1024
    attachment_max_per_report: int = 5
    attachment_store: str = "local"
    attachment_dir: Path = Path("data/attachments")
    attachment_s3_endpoint: str | None = None
    attachment_s3_bucket: str = ""
    attachment_s3_region: str = ""
    attachment_s3_access_key: str | None = field(default=None, repr=False)
    attachment_s3_secret_key: str | None = field(default=None, repr=False)
    # Objects go under this folder of the bucket; the sweep deletes what no row names there, so it
    # must be the deployment's own (or the bucket is). Normalised to end with "/".
    attachment_s3_prefix: str = DEFAULT_S3_PREFIX
    attachment_url_ttl_seconds: int = 300
    attachment_upload_ttl_hours: int = 24
    # Files one client (an account, else an address's network) may upload per UPLOAD_WINDOW.
    attachment_uploads_per_hour: int = 60
    # The key signing download URLs; unset: one made at random once and kept in the database, so
    # every server of a deployment signs alike.
    attachment_url_key: str | None = field(default=None, repr=False)

    @property
    def is_development(self) -> bool:
        return self.environment == "development"

    @property
    def longest_throttle_window(self) -> timedelta:
        """No throttle counts failures further back than this; older unlocked counts can be forgotten."""
        return max(
            timedelta(minutes=self.login_failure_window_minutes),
            timedelta(hours=self.access_code_report_window_hours),
            UPLOAD_WINDOW,
        )

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
            idempotency_retention_hours=int(os.environ.get("LAPOR_IDEMPOTENCY_RETENTION_HOURS", "24")),
            access_code_client_max_failures=int(os.environ.get("LAPOR_ACCESS_CODE_CLIENT_MAX_FAILURES", "5")),
            access_code_site_max_failures=int(os.environ.get("LAPOR_ACCESS_CODE_SITE_MAX_FAILURES", "50")),
            access_code_report_max_failures=int(
                os.environ.get("LAPOR_ACCESS_CODE_REPORT_MAX_FAILURES", "1000000")
            ),
            access_code_report_window_hours=int(
                os.environ.get("LAPOR_ACCESS_CODE_REPORT_WINDOW_HOURS", "24")
            ),
            weekend_days=frozenset(
                int(day) for day in os.environ.get("LAPOR_WEEKEND_DAYS", "6,7").split(",") if day.strip()
            ),
            time_zone=os.environ.get("LAPOR_TIME_ZONE", "Asia/Jakarta"),
            change_feed=os.environ.get("LAPOR_CHANGE_FEED", "auto"),
            compliance_green=_share("LAPOR_COMPLIANCE_GREEN", 0.9),
            compliance_yellow=_share("LAPOR_COMPLIANCE_YELLOW", 0.7),
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
            log_format=_choice("LAPOR_LOG_FORMAT", LOG_FORMATS, "text"),
            metrics_enabled=_metrics_enabled(),
            metrics_token=os.environ.get("LAPOR_METRICS_TOKEN", "").strip() or None,
            cors_origins=_cors_origins(
                os.environ.get("LAPOR_CORS_ORIGINS"), os.environ.get("LAPOR_ENV", "development")
            ),
            attachment_max_bytes=int(os.environ.get("LAPOR_ATTACHMENT_MAX_BYTES", str(10 * 1024 * 1024))),
            attachment_max_per_report=int(os.environ.get("LAPOR_ATTACHMENT_MAX_PER_REPORT", "5")),
            attachment_store=_choice("LAPOR_ATTACHMENT_STORE", ATTACHMENT_STORES, "local"),
            attachment_dir=_attachment_dir(),
            attachment_s3_endpoint=os.environ.get("LAPOR_ATTACHMENT_S3_ENDPOINT", "").strip() or None,
            attachment_s3_bucket=os.environ.get("LAPOR_ATTACHMENT_S3_BUCKET", "").strip(),
            attachment_s3_region=os.environ.get("LAPOR_ATTACHMENT_S3_REGION", "").strip(),
            attachment_s3_access_key=os.environ.get("LAPOR_ATTACHMENT_S3_ACCESS_KEY") or None,
            attachment_s3_secret_key=os.environ.get("LAPOR_ATTACHMENT_S3_SECRET_KEY") or None,
            attachment_s3_prefix=os.environ.get("LAPOR_ATTACHMENT_S3_PREFIX", DEFAULT_S3_PREFIX).strip(),
            attachment_url_ttl_seconds=int(os.environ.get("LAPOR_ATTACHMENT_URL_TTL_SECONDS", "300")),
            attachment_upload_ttl_hours=int(os.environ.get("LAPOR_ATTACHMENT_UPLOAD_TTL_HOURS", "24")),
            attachment_uploads_per_hour=int(os.environ.get("LAPOR_ATTACHMENT_UPLOADS_PER_HOUR", "60")),
            attachment_url_key=os.environ.get("LAPOR_ATTACHMENT_URL_KEY", "").strip() or None,
        )

    @property
    def smtp_configured(self) -> bool:
        return self.smtp_host is not None


# The usual dev-server origins (Vite, its preview, Create React App/Next.js, Vue CLI/webpack), so a
# frontend on a laptop can call a development server without configuration; production allows none.
DEVELOPMENT_CORS_ORIGINS = tuple(
    f"http://{host}:{port}" for port in (5173, 4173, 3000, 8080) for host in ("localhost", "127.0.0.1")
)
_ORIGIN = re.compile(r"https?://[A-Za-z0-9.-]+(:[0-9]{1,5})?|https?://\[[0-9A-Fa-f:.]+\](:[0-9]{1,5})?")


def _share(name: str, default: float) -> float:
    """A share between 0 and 1 (a threshold such as 0.9), from the environment."""
    raw = os.environ.get(name, "").strip()
    value = float(raw) if raw else default
    if not 0.0 <= value <= 1.0:
        raise ValueError(f"{name} must be a share between 0 and 1, got {raw}")
    return value


def _cors_origins(value: str | None, environment: str) -> tuple[str, ...]:
    """LAPOR_CORS_ORIGINS, comma-separated; unset means the dev-server origins in development only."""
    if value is None:
        return DEVELOPMENT_CORS_ORIGINS if environment == "development" else ()
    origins = tuple(origin.strip().rstrip("/").lower() for origin in value.split(",") if origin.strip())
    for origin in origins:
        # "*" with credentials would let every site act with a signed-in user's browser; a path or a typo
        # would never match a browser's Origin header and fail silently. Refuse both at startup.
        if not _ORIGIN.fullmatch(origin):
            raise ValueError(
                f"LAPOR_CORS_ORIGINS: {origin!r} is not an origin such as https://lapor.example.go.id "
                "(scheme://host[:port], no path, no wildcard)"
            )
    return origins


LOG_FORMATS = ("text", "json")
ATTACHMENT_STORES = ("local", "s3")


def _attachment_dir() -> Path:
    """LAPOR_ATTACHMENT_DIR; unset: a folder beside a SQLite database file (the files go where the
    rows go), else ./data/attachments."""
    if given := os.environ.get("LAPOR_ATTACHMENT_DIR", "").strip():
        return Path(given)
    url = os.environ.get("LAPOR_DATABASE_URL", "sqlite://lapor.sqlite3")
    if url.startswith("sqlite://") and ":memory:" not in url:
        database = Path(url.removeprefix("sqlite://").partition("?")[0])
        return database.parent / "attachments"
    return Path("data/attachments")


def _choice(variable: str, allowed: tuple[str, ...], default: str) -> str:
    # A typo must fail at startup, not quietly fall back to another behaviour.
    value = os.environ.get(variable, default).strip().lower()
    if value not in allowed:
        raise ValueError(f"{variable} must be one of {', '.join(allowed)}, not {value!r}")
    return value


def _metrics_enabled() -> bool:
    """LAPOR_METRICS=on|off. Unset: on in development, or wherever a scrape token is configured; off
    in production otherwise, since the counts and timings are not for the public."""
    development = os.environ.get("LAPOR_ENV", "development") == "development"
    default = "on" if development or os.environ.get("LAPOR_METRICS_TOKEN", "").strip() else "off"
    return _choice("LAPOR_METRICS", ("on", "off"), default) == "on"


SMTP_SECURITY_MODES = ("none", "starttls", "tls")


def _smtp_security(value: str) -> str:
    # Refuse a typo at startup rather than silently sending credentials in the clear.
    mode = value.strip().lower()
    if mode not in SMTP_SECURITY_MODES:
        allowed = ", ".join(SMTP_SECURITY_MODES)
        raise ValueError(f"LAPOR_SMTP_STARTTLS must be one of {allowed}, not {value!r}")
    return mode
