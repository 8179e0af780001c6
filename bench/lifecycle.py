"""Rough cost of the lifecycle through the whole stack (GraphQL → domain → engine → SQLite).

    .venv/bin/python -m bench.lifecycle [--reports 200]

Drives N reports through submit → dispose → follow-up → close over the in-process ASGI app and
prints per-mutation latency (median, p95) and one timer sweep over the N reports' deadlines. A
first look, not the benchmark suite the performance issue asks for.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import time
from datetime import UTC, datetime, timedelta

import httpx
from tortoise.context import tortoise_test_context

from lapor_gql.app import create_app
from lapor_gql.clock import FakeClock
from lapor_gql.config import PROJECT_ROOT, Settings
from lapor_gql.db import MODELS_MODULE
from lapor_gql.domain import reports
from lapor_gql.domain.processes import Runtime, deploy_diagram_file
from lapor_gql.schema.ids import encode_id
from tests import operations as op
from tests.world import make_world


def _summary(name: str, samples: list[float]) -> str:
    ordered = sorted(samples)
    p95 = ordered[int(len(ordered) * 0.95) - 1]
    median = statistics.median(ordered) * 1000
    return f"{name:<14} n={len(samples):<5} median {median:6.2f} ms   p95 {p95 * 1000:6.2f} ms"


async def main(count: int) -> None:
    clock = FakeClock(datetime(2026, 3, 2, 8, tzinfo=UTC))
    runtime = Runtime(clock=clock)
    async with tortoise_test_context([MODELS_MODULE], db_url="sqlite://:memory:"):
        await deploy_diagram_file(PROJECT_ROOT / "workflows" / "report_lifecycle.bpmn")
        world = await make_world(clock)
        app = create_app(Settings.from_environment(), runtime, manage_database=False)
        timings: dict[str, list[float]] = {
            "reportSubmit": [],
            "reportDispose": [],
            "reportFollowUp": [],
            "reportClose": [],
        }
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://bench") as http:

            async def call(name: str, query: str, variables: dict[str, object], token: str) -> dict:
                started = time.perf_counter()
                response = await http.post(
                    "/graphql",
                    json={"query": query, "variables": variables},
                    headers={"Authorization": f"Bearer {token}"},
                )
                timings[name].append(time.perf_counter() - started)
                body = response.json()
                assert not body.get("errors") and not body["data"][name]["errors"], body
                return body["data"][name]

            ids = []
            for index in range(count):
                submitted = await call(
                    "reportSubmit",
                    op.SUBMIT,
                    {"input": {"title": f"Laporan {index}", "body": "Isi.", "classification": "COMPLAINT"}},
                    world.budi.token,
                )
                report_id = submitted["report"]["id"]
                ids.append(report_id)
                await call(
                    "reportDispose",
                    op.DISPOSE,
                    {"input": {"id": report_id, "agencyId": encode_id("Agency", world.pu.id)}},
                    world.admin.token,
                )
            for report_id in ids[: count // 2]:
                await call(
                    "reportFollowUp",
                    op.FOLLOW_UP,
                    {"input": {"id": report_id, "message": "Ditangani."}},
                    world.pu_liaison.token,
                )
                await call(
                    "reportClose",
                    op.CLOSE,
                    {"input": {"id": report_id, "resolution": "Selesai."}},
                    world.pu_liaison.token,
                )

        clock.advance(timedelta(days=3, seconds=1))
        started = time.perf_counter()
        fired = await reports.fire_due_timers(runtime)
        sweep = time.perf_counter() - started

    for name, samples in timings.items():
        print(_summary(name, samples))
    print(
        f"timer sweep    {fired} due reports escalated in {sweep * 1000:.0f} ms"
        f" ({sweep / max(fired, 1) * 1000:.2f} ms each)"
    )


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reports", type=int, default=200)
    asyncio.run(main(parser.parse_args().reports))
