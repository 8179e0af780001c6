"""Prometheus metrics, served at /metrics.

Labels are bounded by the server, never by what a client writes: a GraphQL request is labelled with
the root field its operation selected (the schema has a fixed set; several distinct root fields are
``(multiple)``, none or an unknown one ``(none)``), its operation type and its outcome, not with its
client-chosen operation name, which goes to the log line instead.

Request, resolver-error, background and subscription metrics live in this process's registry (or,
with ``PROMETHEUS_MULTIPROC_DIR`` set, in files that every worker of the host shares). What the
database knows (sweep lag, outbox counts) is read when scraped, within a timeout, so every process
answers the same and a dead database shows as ``lapor_metrics_database_up 0`` rather than as a hang.
"""

from __future__ import annotations

import asyncio
import contextlib
import hmac
import logging
import os
import re
from collections.abc import AsyncIterator, Awaitable, Callable, Iterable, Mapping
from datetime import datetime

from prometheus_client import (
    CONTENT_TYPE_LATEST,
    REGISTRY,
    CollectorRegistry,
    Counter,
    Gauge,
    Histogram,
    generate_latest,
)
from prometheus_client.core import GaugeMetricFamily
from prometheus_client.metrics_core import Metric
from prometheus_client.multiprocess import MultiProcessCollector
from prometheus_client.registry import Collector
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response
from tortoise.connection import get_connection

from lapor_gql.clock import Clock
from lapor_gql.config import Settings
from lapor_gql.db.models import Notification, NotificationStatus, ReportWorkflow
from lapor_gql.domain.changes import ChangeFeed, ReportChanged

log = logging.getLogger("lapor_gql.metrics")

SCRAPE_DATABASE_TIMEOUT_SECONDS = 2.0
MULTIPLE_ROOT_FIELDS = "(multiple)"
NO_ROOT_FIELD = "(none)"
_ERROR_CODE = re.compile(r"[A-Z][A-Z0-9_]{0,39}")

REQUESTS = Counter(
    "lapor_graphql_requests",
    "GraphQL requests over HTTP by operation type, root field and outcome (ok, payload_error, error, "
    "invalid, unauthenticated, rejected, server_error).",
    ["type", "operation", "outcome"],
)
REQUEST_SECONDS = Histogram(
    "lapor_graphql_request_duration_seconds",
    "Time from the request's arrival to the end of its response.",
    ["type", "operation", "outcome"],
    buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0),
)
RESOLVER_ERRORS = Counter(
    "lapor_graphql_resolver_errors",
    "Errors in the response's errors list, by the root field they came under and their code "
    "(INTERNAL: an unexpected exception, masked in production).",
    ["field", "code"],
)
ACTIVE_SUBSCRIPTIONS = Gauge(
    "lapor_graphql_active_subscriptions",
    "Subscriptions running now over websockets.",
    ["subscription"],
    multiprocess_mode="livesum",
)
BACKGROUND_SECONDS = Histogram(
    "lapor_background_round_duration_seconds",
    "Rounds of the background loops (timer_sweep, outbox) by outcome, and how long each took.",
    ["step", "outcome"],
    buckets=(0.01, 0.05, 0.1, 0.5, 1.0, 5.0, 30.0, 120.0),
)
BACKGROUND_ITEMS = Counter(
    "lapor_background_items",
    "What the background rounds did: reports whose timers fired; notifications sent, to retry, failed.",
    ["step", "result"],
)


def root_field_label(field_names: set[str]) -> str:
    if len(field_names) == 1:
        return next(iter(field_names))
    return MULTIPLE_ROOT_FIELDS if field_names else NO_ROOT_FIELD


def error_code_label(code: object) -> str:
    return code if isinstance(code, str) and _ERROR_CODE.fullmatch(code) else "OTHER"


def observe_request(operation_type: str | None, operation: str | None, outcome: str, seconds: float) -> None:
    labels = (operation_type or "none", operation or NO_ROOT_FIELD, outcome)
    REQUESTS.labels(*labels).inc()
    REQUEST_SECONDS.labels(*labels).observe(seconds)


def count_resolver_error(field: str | None, code: str) -> None:
    RESOLVER_ERRORS.labels(field or NO_ROOT_FIELD, code).inc()


def observe_background(step: str, outcome: str, seconds: float, counts: Mapping[str, int]) -> None:
    BACKGROUND_SECONDS.labels(step, outcome).observe(seconds)
    for result, count in counts.items():
        if count:
            BACKGROUND_ITEMS.labels(step, result).inc(count)


@contextlib.asynccontextmanager
async def counted_subscription(name: str, feed: ChangeFeed) -> AsyncIterator[AsyncIterator[ReportChanged]]:
    """``feed.subscribe()``, counted in ``lapor_graphql_active_subscriptions`` while it is open."""
    with ACTIVE_SUBSCRIPTIONS.labels(name).track_inprogress():
        async with feed.subscribe() as changes:
            yield changes


# --------------------------------------------------------------------------- the /metrics route


def metrics_endpoint(settings: Settings, clock: Clock) -> Callable[[Request], Awaitable[Response]]:
    async def scrape(request: Request) -> Response:
        if not settings.metrics_enabled:
            return PlainTextResponse("Not Found", status_code=404)
        if settings.metrics_token is not None and not _bearer_matches(
            request.headers.get("authorization"), settings.metrics_token
        ):
            return PlainTextResponse(
                "Unauthorized", status_code=401, headers={"WWW-Authenticate": 'Bearer realm="metrics"'}
            )
        body = generate_latest(_process_registry()) + await _database_metrics(clock)
        return Response(body, media_type=CONTENT_TYPE_LATEST)

    return scrape


def _bearer_matches(header: str | None, token: str) -> bool:
    scheme, _, given = (header or "").partition(" ")
    # Constant time, so the token cannot be guessed a character at a time from response times.
    return scheme.lower() == "bearer" and hmac.compare_digest(given.strip().encode(), token.encode())


def _process_registry() -> CollectorRegistry:
    if "PROMETHEUS_MULTIPROC_DIR" not in os.environ:
        return REGISTRY
    # Every worker of this host writes its metrics to files in that directory; sum them on scrape.
    registry = CollectorRegistry()
    MultiProcessCollector(registry)
    return registry


async def _database_metrics(clock: Clock) -> bytes:
    """The gauges the database knows, read for this scrape.

    They are built as metric families, not as ``Gauge`` objects: with ``PROMETHEUS_MULTIPROC_DIR``
    set, every ``Gauge`` writes a file of its own that the next scrape's MultiProcessCollector would
    return again (a duplicate family, and stale values from processes long gone).
    """
    families: list[Metric] = []

    def gauge(name: str, documentation: str, value: float) -> None:
        families.append(GaugeMetricFamily(name, documentation, value=value))

    # Read the pool before this scrape's own queries take a connection from it.
    pool = pool_usage()
    if pool is not None:
        gauge("lapor_db_pool_open_connections", "Connections this process holds open.", pool[0])
        gauge("lapor_db_pool_in_use_connections", "Of those, lent to a query or transaction now.", pool[1])
        gauge("lapor_db_pool_max_connections", "The most this process will open.", pool[2])
    up_help = "1 if this scrape could read the database, 0 if not."
    try:
        async with asyncio.timeout(SCRAPE_DATABASE_TIMEOUT_SECONDS):
            lag = await sweep_lag_seconds(clock())
            pending = await Notification.filter(status=NotificationStatus.PENDING).count()
            failed = await Notification.filter(status=NotificationStatus.FAILED).count()
    except Exception:  # noqa: BLE001 - a scrape must answer, and say the database did not
        log.warning("metrics: the database could not be read", exc_info=True)
        gauge("lapor_metrics_database_up", up_help, 0)
    else:
        gauge("lapor_metrics_database_up", up_help, 1)
        gauge(
            "lapor_timer_sweep_lag_seconds",
            "How long the oldest due timer has waited to fire (0: none is due).",
            lag,
        )
        outbox = GaugeMetricFamily(
            "lapor_outbox_notifications",
            "Notifications waiting to be e-mailed (PENDING) or given up on (FAILED).",
            labels=["status"],
        )
        outbox.add_metric(["pending"], pending)
        outbox.add_metric(["failed"], failed)
        families.append(outbox)
    registry = CollectorRegistry(auto_describe=False)
    registry.register(_Families(families))
    return generate_latest(registry)


class _Families(Collector):
    """Metric families already read, handed to a registry as they are: no values kept, no files."""

    def __init__(self, families: list[Metric]) -> None:
        self._families = families

    def collect(self) -> Iterable[Metric]:
        return iter(self._families)


async def sweep_lag_seconds(now: datetime) -> float:
    """now − the earliest due time already past, from the indexed due column; 0 when nothing is due."""
    oldest = (
        await ReportWorkflow.filter(next_timer_due_at__lt=now)
        .order_by("next_timer_due_at")
        .limit(1)
        .values_list("next_timer_due_at", flat=True)
    )
    due = oldest[0] if oldest else None
    if not isinstance(due, datetime):
        return 0.0
    return max((now - due).total_seconds(), 0.0)


def pool_usage() -> tuple[int, int, int] | None:
    """(open, in use, maximum) connections of this process, or None if the database is not open.

    Tortoise exposes no public figure, so this reads its clients: PostgreSQL's asyncpg pool, or
    SQLite's single connection, which is "in use" while its lock is held (one query or transaction
    at a time). Private attributes, read defensively: a Tortoise upgrade drops the gauges, not the scrape.
    """
    try:
        connection = get_connection("default")
    except Exception:  # noqa: BLE001 - not initialised (a scrape during startup)
        return None
    pool = getattr(connection, "_pool", None)
    if pool is not None:
        size, idle = pool.get_size(), pool.get_idle_size()
        return size, size - idle, pool.get_max_size()
    lock = getattr(connection, "_lock", None)
    if isinstance(lock, asyncio.Lock) and hasattr(connection, "_connection"):
        is_open = int(getattr(connection, "_connection", None) is not None)
        return is_open, int(lock.locked()), 1
    return None
