"""Prometheus metrics at /metrics: what a scrape shows after a few requests, labels a client cannot
multiply, the gauges read from the database, and who may scrape in production."""

from __future__ import annotations

import asyncio
import contextlib
import os
import subprocess
import sys
import uuid
from collections.abc import AsyncIterator
from datetime import timedelta
from pathlib import Path

import httpx
import pytest
from prometheus_client.parser import text_string_to_metric_families

from lapor_gql.app import create_app
from lapor_gql.clock import FakeClock
from lapor_gql.config import Settings
from lapor_gql.db.models import Notification, NotificationStatus, ReportWorkflow
from lapor_gql.domain.processes import Runtime
from lapor_gql.schema import schema

from . import operations as op
from .test_subscriptions import WATCH_MY_QUEUE, live, serving
from .world import make_world

Samples = dict[tuple[str, frozenset[tuple[str, str]]], float]


async def scrape(client: httpx.AsyncClient, token: str | None = None) -> Samples:
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    response = await client.get("/metrics", headers=headers)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("text/plain")
    return {
        (sample.name, frozenset(sample.labels.items())): sample.value
        for family in text_string_to_metric_families(response.text)
        for sample in family.samples
    }


def value(samples: Samples, name: str, **labels: str) -> float:
    return samples.get((name, frozenset(labels.items())), 0.0)


def grown(before: Samples, after: Samples, name: str, **labels: str) -> float:
    return value(after, name, **labels) - value(before, name, **labels)


SUBMIT_WITHOUT_TITLE = {"input": {"title": "", "body": "Lubang.", "classification": "COMPLAINT"}}


async def test_a_scrape_counts_requests_by_root_field_and_outcome(
    client: httpx.AsyncClient, gql, clock: FakeClock
) -> None:
    world = await make_world(clock)
    before = await scrape(client)

    await gql(op.ME, token=world.budi.token)
    submitted = await gql(op.SUBMIT, SUBMIT_WITHOUT_TITLE, world.budi.token)
    not_a_report = await gql('query Report { report(id: "xyz") { title } }')
    invalid = await gql("query Nope { nope }")
    refused = await client.post(
        "/graphql", json={"query": "query Me { me { name } }"}, headers={"Authorization": "Bearer nonsense"}
    )

    after = await scrape(client)
    assert submitted.data["reportSubmit"]["errors"] and not_a_report.error_codes == ["INVALID"]
    assert invalid.body.get("data") is None and invalid.body["errors"]
    assert refused.status_code == 401
    requests = "lapor_graphql_requests_total"
    assert grown(before, after, requests, type="query", operation="me", outcome="ok") == 1
    assert (
        grown(before, after, requests, type="mutation", operation="reportSubmit", outcome="payload_error")
        == 1
    )
    assert grown(before, after, requests, type="query", operation="report", outcome="error") == 1
    assert grown(before, after, requests, type="query", operation="(none)", outcome="invalid") == 1
    assert grown(before, after, requests, type="none", operation="(none)", outcome="unauthenticated") == 1
    assert grown(before, after, "lapor_graphql_resolver_errors_total", field="report", code="INVALID") == 1
    latency = "lapor_graphql_request_duration_seconds_count"
    assert grown(before, after, latency, type="query", operation="me", outcome="ok") == 1


async def test_operation_names_and_aliases_a_client_makes_up_add_no_series(
    client: httpx.AsyncClient, gql, clock: FakeClock
) -> None:
    world = await make_world(clock)
    before = await scrape(client)

    for _ in range(25):
        made_up = uuid.uuid4().hex
        await gql(f"query Q{made_up} {{ a{made_up}: me {{ name }} }}", token=world.budi.token)
    await gql("query Both { me { name } agencies(first: 1) { edges { cursor } } }", token=world.budi.token)
    await gql("query JustTypename { __typename }")

    after = await scrape(client)
    assert (
        grown(before, after, "lapor_graphql_requests_total", type="query", operation="me", outcome="ok") == 25
    )
    assert grown(
        before, after, "lapor_graphql_requests_total", type="query", operation="(multiple)", outcome="ok"
    )
    graphql_schema = schema._schema
    root_fields = {
        *graphql_schema.query_type.fields,  # type: ignore[union-attr]
        *graphql_schema.mutation_type.fields,  # type: ignore[union-attr]
        *graphql_schema.subscription_type.fields,  # type: ignore[union-attr]
    }
    operations = {
        dict(labels).get("operation") for (name, labels) in after if name.startswith("lapor_graphql")
    }
    assert operations - {None} <= root_fields | {"(multiple)", "(none)"}
    new_series = {key for key in after if key not in before and key[0] == "lapor_graphql_requests_total"}
    assert len(new_series) <= 2, new_series  # at most the (multiple) one and the __typename-only one


async def test_sweep_lag_outbox_and_pool_are_read_from_the_database(
    client: httpx.AsyncClient, gql, clock: FakeClock
) -> None:
    world = await make_world(clock)
    assert value(await scrape(client), "lapor_timer_sweep_lag_seconds") == 0
    await gql(op.SUBMIT, {"input": {**SUBMIT_WITHOUT_TITLE["input"], "title": "Jalan"}}, world.budi.token)
    due = (await ReportWorkflow.all().values_list("next_timer_due_at", flat=True))[0]
    assert due is not None
    clock.set(due + timedelta(minutes=90))  # nobody sweeps: the timer is 90 minutes late
    await Notification.create(
        recipient=world.admin.user,
        kind="ESCALATED",
        status=NotificationStatus.FAILED.value,
        next_attempt_at=clock(),
        created_at=clock(),
    )

    samples = await scrape(client)
    assert value(samples, "lapor_metrics_database_up") == 1
    assert value(samples, "lapor_timer_sweep_lag_seconds") == 90 * 60
    pending = await Notification.filter(status=NotificationStatus.PENDING).count()
    assert value(samples, "lapor_outbox_notifications", status="pending") == pending
    assert value(samples, "lapor_outbox_notifications", status="failed") == 1
    in_use = value(samples, "lapor_db_pool_in_use_connections")
    open_ = value(samples, "lapor_db_pool_open_connections")
    assert 0 <= in_use <= open_ <= value(samples, "lapor_db_pool_max_connections")
    assert open_ >= 1


async def test_an_open_subscription_is_counted_until_it_closes(
    db: None, clock: FakeClock, runtime: Runtime
) -> None:
    world = await make_world(clock)
    gauge, labels = "lapor_graphql_active_subscriptions", {"subscription": "myQueueChanged"}
    async with serving(runtime) as server, httpx.AsyncClient(base_url=server.http) as http:
        before = await scrape(http)
        async with live(server, world.admin.token) as admin:
            await admin.subscribe(WATCH_MY_QUEUE)
            during = await _scrape_until(http, gauge, labels, value(before, gauge, **labels) + 1)
        after = await _scrape_until(http, gauge, labels, value(before, gauge, **labels))

    assert grown(before, during, gauge, **labels) == 1
    assert grown(before, after, gauge, **labels) == 0


async def _scrape_until(
    http: httpx.AsyncClient, gauge: str, labels: dict[str, str], expected: float
) -> Samples:
    """A scrape once the gauge shows ``expected`` (a subscription starts and ends a moment after the
    client's message), or the last one after a few seconds."""
    for _ in range(100):
        samples = await scrape(http)
        if value(samples, gauge, **labels) == expected:
            break
        await asyncio.sleep(0.03)
    return samples


# --------------------------------------------------------------------------- who may scrape


@contextlib.asynccontextmanager
async def app_client(runtime: Runtime) -> AsyncIterator[httpx.AsyncClient]:
    """The app as the environment (set by the test) configures it."""
    app = create_app(Settings.from_environment(), runtime, manage_database=False)
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://lapor.test") as http:
        yield http


async def test_production_serves_no_metrics_unless_enabled(
    db: None, runtime: Runtime, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LAPOR_ENV", "production")
    monkeypatch.delenv("LAPOR_METRICS", raising=False)
    monkeypatch.delenv("LAPOR_METRICS_TOKEN", raising=False)
    async with app_client(runtime) as http:
        assert (await http.get("/metrics")).status_code == 404

    monkeypatch.setenv("LAPOR_METRICS", "on")  # an operator who guards /metrics at the network
    async with app_client(runtime) as http:
        assert (await http.get("/metrics")).status_code == 200


async def test_with_a_token_only_its_bearer_may_scrape(
    db: None, runtime: Runtime, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LAPOR_ENV", "production")
    monkeypatch.delenv("LAPOR_METRICS", raising=False)
    monkeypatch.setenv("LAPOR_METRICS_TOKEN", "scrape-secret-123")
    async with app_client(runtime) as http:
        anonymous = await http.get("/metrics")
        wrong = await http.get("/metrics", headers={"Authorization": "Bearer scrape-secret-124"})
        samples = await scrape(http, token="scrape-secret-123")

    assert (anonymous.status_code, wrong.status_code) == (401, 401)
    assert anonymous.headers["www-authenticate"].startswith("Bearer")
    assert "lapor_graphql_requests_total" not in anonymous.text
    assert value(samples, "lapor_metrics_database_up") == 1


async def test_metrics_can_be_switched_off_in_development(
    db: None, runtime: Runtime, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("LAPOR_ENV", raising=False)
    monkeypatch.setenv("LAPOR_METRICS", "off")
    async with app_client(runtime) as http:
        assert (await http.get("/metrics")).status_code == 404


# --------------------------------------------------------------------------- several workers

WORKER = """
import asyncio, dataclasses, sys
import httpx
from starlette.applications import Starlette
from starlette.routing import Route
from tortoise import Tortoise
from lapor_gql.clock import system_clock
from lapor_gql.config import Settings
from lapor_gql.db import open_database
from lapor_gql.observability import metrics
from lapor_gql.domain.changes import LocalChangeFeed

async def main():
    metrics.observe_request("query", "me", "ok", 0.01)
    if sys.argv[1] == "scrape":
        await open_database("sqlite://:memory:")
        await Tortoise.generate_schemas()
        settings = dataclasses.replace(Settings.from_environment(), metrics_enabled=True, metrics_token=None)
        app = Starlette(routes=[Route("/metrics", metrics.metrics_endpoint(settings, system_clock))])
        transport = httpx.ASGITransport(app=app)
        async with metrics.counted_subscription("myQueueChanged", LocalChangeFeed()):
            async with httpx.AsyncClient(transport=transport, base_url="http://lapor.test") as http:
                for _ in range(2):  # the first scrape must leave nothing behind that the second repeats
                    response = await http.get("/metrics")
                    assert response.status_code == 200, response.text
                    print(response.text)
                    print("=== end of scrape ===")
        await Tortoise.close_connections()

asyncio.run(main())
"""


def test_with_a_multiprocess_directory_any_worker_answers_for_all(tmp_path: Path) -> None:
    environment = {**os.environ, "PROMETHEUS_MULTIPROC_DIR": str(tmp_path)}
    environment.pop("LAPOR_METRICS", None)
    for _ in range(2):  # two workers that have gone
        subprocess.run([sys.executable, "-c", WORKER, "count"], env=environment, check=True, timeout=60)
    scraped = subprocess.run(
        [sys.executable, "-c", WORKER, "scrape"], env=environment, check=True, timeout=60, capture_output=True
    )

    *scrapes, rest = scraped.stdout.decode().split("=== end of scrape ===")
    assert len(scrapes) == 2 and not rest.strip()
    for text in scrapes:
        # Prometheus rejects a whole scrape that names a family twice: each HELP, TYPE and family once.
        helps = [line.split()[2] for line in text.splitlines() if line.startswith("# HELP ")]
        types = [line.split()[2] for line in text.splitlines() if line.startswith("# TYPE ")]
        assert len(helps) == len(set(helps)) and len(types) == len(set(types)), text
        families = [family.name for family in text_string_to_metric_families(text)]
        assert len(families) == len(set(families)), text
        samples = {
            (sample.name, frozenset(sample.labels.items())): sample.value
            for family in text_string_to_metric_families(text)
            for sample in family.samples
        }
        assert not [key for key in samples if dict(key[1]).get("pid")], text  # no process's leftovers
        assert value(samples, "lapor_graphql_requests_total", type="query", operation="me", outcome="ok") == 3
        assert value(samples, "lapor_graphql_active_subscriptions", subscription="myQueueChanged") == 1
        assert value(samples, "lapor_metrics_database_up") == 1
        assert value(samples, "lapor_timer_sweep_lag_seconds") == 0
        assert value(samples, "lapor_outbox_notifications", status="pending") == 0
        assert value(samples, "lapor_db_pool_max_connections") == 1
    assert not list(tmp_path.glob("gauge_all_*.db"))  # the database figures leave no files behind


async def test_settings_built_directly_serve_no_metrics(db: None, runtime: Runtime) -> None:
    # Only from_environment turns metrics on (in development); a Settings made in code stays closed.
    settings = Settings(
        database_url="sqlite://:memory:",
        environment="production",
        timer_interval_seconds=30,
        workflows_dir=Settings.from_environment().workflows_dir,
        token_ttl_hours=12,
    )
    assert settings.metrics_enabled is False
    app = create_app(settings, runtime, manage_database=False)
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://lapor.test") as http:
        assert (await http.get("/metrics")).status_code == 404
