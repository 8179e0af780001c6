"""The speed-ups one by one: in-process time per request and per hot lookup, before and after.

    .venv/bin/python -m bench.hot --database postgres --reports 10000

Seeds its own database (as ``python -m bench`` does; dropped afterwards unless ``--keep``), then, in
this process, without HTTP servers:

* the inbox (50 reports), the public list and a report's detail through the app over ASGI, with the
  batch executor on and with graphql-core alone (``BatchExecution.enabled``);
* the same and ``{ __typename }`` through the view's extension chain with the operation planned on
  each request (as before the fast path), and as a known document on the fast path
  (``known_queries.enabled``);
* each lookup that now reads plain rows beside the Tortoise query it replaced: the bearer token,
  the timeline events of an inbox page, the holiday fingerprint and the deployed diagram ids;
* the JSON encoding of an inbox response with orjson and with the standard library;
* the engine's load + dump of a DISPOSED report's workflow state, with the diagram spec inside (Spiff's
  format) and referenced (``workflow.state_format``).

Each number is the mean of ``--repeat`` calls, best of five rounds: best-of, because this VM's speed
drifts and the question is what the code costs, not what the neighbours do.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import time
from collections.abc import Awaitable, Callable
from typing import Any

import orjson
from tortoise.functions import Count, Max

from lapor_gql.db import close_database
from lapor_gql.db.models import (
    AccessToken,
    Holiday,
    ProcessDefinition,
    Report,
    ReportEvent,
    ReportWorkflow,
)
from lapor_gql.db.projections import (
    events_of_reports,
    holiday_fingerprint,
    process_definition_ids,
    token_by_hash,
)
from lapor_gql.db.report_rows import last_events_of_reports, report_rows
from lapor_gql.domain.accounts import _digest
from lapor_gql.domain.processes import stored_decision_tables
from lapor_gql.schema import known_queries
from lapor_gql.schema.batch_executor import BatchExecution, known_documents
from lapor_gql.workflow import ProcessDiagram, WorkflowEngine
from lapor_gql.workflow.state_format import SpiffStateFormat

from .inprocess import app_client
from .rawdb import discard_database
from .run import database_urls
from .seed import seed
from .workloads import DETAIL, INBOX, PUBLIC, gid, graphql


async def best_ms(call: Callable[[], Awaitable[Any]], repeat: int) -> float:
    for _ in range(3):
        await call()
    rounds = []
    for _ in range(5):
        started = time.perf_counter()
        for _ in range(repeat):
            await call()
        rounds.append(1000 * (time.perf_counter() - started) / repeat)
    return min(rounds)


async def measure(kind: str, url: str, reports: int, repeat: int) -> list[tuple[str, float, float]]:
    seeded = await seed(url, kind, reports)
    agency = seeded.agency_ids[0]
    token = seeded.liaison_tokens[agency]
    report_id, report_agency = seeded.detail_ids[0]
    rows: list[tuple[str, float, float]] = []
    async with app_client(url) as http:
        requests = {
            "inbox, 50 reports": (
                INBOX,
                "LiaisonInbox",
                {"agencyId": gid("Agency", agency), "first": 50},
                token,
            ),
            "public list, 20 reports": (PUBLIC, "PublicReports", {"first": 20}, None),
            "report detail": (
                DETAIL,
                "ReportDetail",
                {"id": gid("Report", report_id)},
                seeded.liaison_tokens[report_agency],
            ),
        }
        fast_path_rows: list[tuple[str, Callable[[], Awaitable[Any]]]] = []
        for name, (query, operation, variables, bearer) in requests.items():

            async def request(q: str = query, o: str = operation, v: Any = variables, b: Any = bearer) -> Any:
                return await graphql(http, q, o, v, b)

            known_queries.enabled = False  # through the view, as this row has always been measured
            BatchExecution.enabled = False
            before = await best_ms(request, repeat)
            BatchExecution.enabled = True
            after = await best_ms(request, repeat)
            known_queries.enabled = True
            rows.append((f"{name}: graphql-core → batch executor", before, after))
            fast_path_rows.append((name, request))

        # The fixed cost of a request and the planning: before, every request went through the view's
        # extension chain and planned its operation again (the known documents forgotten each time).
        async def typename() -> Any:
            return await graphql(http, "query Ping { __typename }", "Ping", {})

        for name, request in [("{ __typename }", typename), *fast_path_rows]:

            async def replanned(call: Callable[[], Awaitable[Any]] = request) -> Any:
                known_documents.clear()
                return await call()

            known_queries.enabled = False
            before = await best_ms(replanned, repeat)
            known_queries.enabled = True
            after = await best_ms(request, repeat)
            rows.append((f"{name}: view chain, planned per request → known document", before, after))

        page = await Report.filter(agency_id=agency).order_by("-id").limit(50).values_list("id", flat=True)
        digest = _digest(token)
        lookups: dict[str, tuple[Callable[[], Awaitable[Any]], Callable[[], Awaitable[Any]]]] = {
            "bearer token: Tortoise select_related → row": (
                lambda: AccessToken.filter(token_hash=digest).select_related("user").first(),
                lambda: token_by_hash(digest),
            ),
            "events of a 50-report page: Tortoise models → rows": (
                lambda: ReportEvent.filter(report_id__in=list(page)).order_by("id"),
                lambda: events_of_reports(page),
            ),
            "an inbox page, 50 reports: Tortoise models → rows without the body": (
                lambda: Report.filter(agency_id=agency).order_by("-id").limit(51),
                lambda: report_rows(Report.filter(agency_id=agency).order_by("-id").limit(51)),
            ),
            "timeline(last: 3) of 50 reports: every event → window query": (
                lambda: events_of_reports(page),
                lambda: last_events_of_reports(page, page, 3),
            ),
            "holiday fingerprint: Tortoise annotate → row": (
                lambda: Holiday.all().annotate(n=Count("id"), last=Max("id")).values("n", "last"),
                holiday_fingerprint,
            ),
            "deployed diagram ids: Tortoise only() → row": (
                lambda: ProcessDefinition.all().only("id"),
                process_definition_ids,
            ),
        }
        for name, (old, new) in lookups.items():
            rows.append((name, await best_ms(old, repeat), await best_ms(new, repeat)))

        response = await graphql(http, *requests["inbox, 50 reports"])

        async def standard() -> str:
            return json.dumps(response, separators=(",", ":"))

        async def fast() -> str:
            return orjson.dumps(response).decode()

        rows.append(
            (
                "JSON of an inbox response: json → orjson",
                await best_ms(standard, repeat),
                await best_ms(fast, repeat),
            )
        )
        rows.append(await _state_format_row(repeat))
    await close_database()
    return rows


async def _state_format_row(repeat: int) -> tuple[str, float, float]:
    """The engine's load + dump of a DISPOSED report's workflow state: Spiff's format with the diagram
    spec inside, against the state that references its diagram (workflow.state_format). Uses the
    adapter's private helpers, to measure the format alone."""
    disposed = await Report.filter(status="DISPOSED").order_by("id").first().values_list("id", flat=True)
    stored = await ReportWorkflow.get(report_id=disposed)
    definition = await ProcessDefinition.get(id=stored.definition_id)
    diagram = ProcessDiagram.from_xml(definition.bpmn_xml.encode("utf-8"), stored_decision_tables(definition))
    engine = WorkflowEngine(diagrams=[diagram])
    spiff = SpiffStateFormat()
    embedded = spiff.dump(engine._load(stored.state, diagram))

    async def spec_inside() -> str:
        return spiff.dump(spiff.load(embedded))

    async def referenced() -> str:
        return engine._format.dump(engine._load(stored.state, diagram))

    name = (
        "workflow state of a DISPOSED report, load + dump: spec inside → referenced"
        f" ({len(embedded) / 1024:.1f} → {len(stored.state) / 1024:.1f} KiB)"
    )
    return name, await best_ms(spec_inside, repeat), await best_ms(referenced, repeat)


async def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.hot", description=__doc__)
    parser.add_argument("--database", default="postgres", help="sqlite | postgres | both | a URL")
    parser.add_argument("--reports", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=40, help="calls per round (default 40)")
    parser.add_argument("--keep", action="store_true", help="keep the seeded database")
    args = parser.parse_args(argv)
    for kind, url in database_urls(args.database):
        try:
            rows = await measure(kind, url, args.reports, args.repeat)
        finally:
            if not args.keep:
                await discard_database(kind, url)
        print(f"\n{kind}, {args.reports:,} reports, in-process (ms, best of 5 rounds of {args.repeat})\n")
        print("| speed-up | before | after | × |")
        print("|---|---:|---:|---:|")
        for name, before, after in rows:
            print(f"| {name} | {before:.2f} | {after:.2f} | {before / after:.1f} |")


if __name__ == "__main__":
    asyncio.run(main())
