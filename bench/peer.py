"""The peer: what a Python team would build instead of lapor-gql, for workload (b) only.

Plain Strawberry (graphql-core's default executor, no batch executor) on Starlette, the app's own
Tortoise models, and a DataLoader for the agencies, answering the public list (``PublicReports``: 20
non-confidential reports, newest first) with the same fields and byte-for-byte the same JSON as
lapor-gql (global ids, labels, cursors). Two endpoints on one server:

* ``/graphql``: no parser or validation cache (Strawberry's defaults);
* ``/graphql-cached``: the same schema with Strawberry's ``ParserCache`` and ``ValidationCache``.

Responses are encoded with orjson, as lapor-gql and the baseline do, so that no side wins on its
JSON encoder. Serve it with ``uvicorn --factory bench.peer:create_app`` and ``BENCH_DATABASE_URL``.
"""

from __future__ import annotations

import base64
import contextlib
import os
from collections.abc import AsyncIterator
from datetime import datetime
from typing import Any

import orjson
import strawberry  # noqa: TID251 - the peer is plain Strawberry on purpose
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route
from strawberry.asgi import GraphQL  # noqa: TID251 - the peer is plain Strawberry on purpose
from strawberry.dataloader import DataLoader  # noqa: TID251 - the peer is plain Strawberry on purpose
from strawberry.extensions import ParserCache, ValidationCache  # noqa: TID251 - the peer is plain Strawberry on purpose

from lapor_gql.db import close_database, open_database
from lapor_gql.db.models import Agency, Report
from lapor_gql.domain.labels import status_label


def global_id(kind: str, key: int) -> str:
    return base64.b64encode(f"{kind}:{key}".encode()).decode()


@strawberry.type(name="Agency")
class AgencyNode:
    id: strawberry.ID
    name: str


@strawberry.type(name="Report")
class ReportNode:
    id: strawberry.ID
    tracking_number: str
    title: str
    status: str
    status_label: str
    created_at: datetime
    agency_id: strawberry.Private[int | None]

    @strawberry.field
    async def agency(self, info: strawberry.Info) -> AgencyNode | None:
        if self.agency_id is None:
            return None
        return await info.context["agencies"].load(self.agency_id)  # type: ignore[no-any-return]


@strawberry.type
class ReportEdge:
    cursor: str
    node: ReportNode


@strawberry.type
class PageInfo:
    has_next_page: bool
    end_cursor: str | None


@strawberry.type
class ReportConnection:
    edges: list[ReportEdge]
    page_info: PageInfo


@strawberry.type
class Query:
    @strawberry.field
    async def reports(self, first: int = 20) -> ReportConnection:
        first = max(0, min(first, 100))
        # Anonymous visitors see non-confidential reports only.
        rows = await Report.filter(is_confidential=False).order_by("-id").limit(first + 1)
        edges = [
            ReportEdge(
                cursor=global_id("report", r.id),
                node=ReportNode(
                    id=strawberry.ID(global_id("Report", r.id)),
                    tracking_number=r.tracking_number,
                    title=r.title,
                    status=r.status,
                    status_label=status_label(r.status, "id"),
                    created_at=r.created_at,
                    agency_id=r.agency_id,
                ),
            )
            for r in rows[:first]
        ]
        return ReportConnection(
            edges=edges,
            page_info=PageInfo(
                has_next_page=len(rows) > first, end_cursor=edges[-1].cursor if edges else None
            ),
        )


async def load_agencies(keys: list[int]) -> list[AgencyNode | None]:
    found = {a.id: a for a in await Agency.filter(id__in=keys)}
    return [
        AgencyNode(id=strawberry.ID(global_id("Agency", k)), name=found[k].name) if k in found else None
        for k in keys
    ]


class PeerGraphQL(GraphQL[dict[str, Any], None]):
    async def get_context(self, request: Any, response: Any) -> dict[str, Any]:
        return {"request": request, "response": response, "agencies": DataLoader(load_fn=load_agencies)}

    def encode_json(self, data: object) -> str:
        return orjson.dumps(data).decode()


plain_schema = strawberry.Schema(query=Query)
cached_schema = strawberry.Schema(
    query=Query, extensions=[ParserCache(maxsize=256), ValidationCache(maxsize=256)]
)


async def _healthz(request: Request) -> Response:
    return JSONResponse({"status": "ok"})


def create_app() -> Starlette:
    url = os.environ["BENCH_DATABASE_URL"]

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        await open_database(url)
        try:
            yield
        finally:
            await close_database()

    return Starlette(
        routes=[
            Route("/graphql", PeerGraphQL(plain_schema, graphql_ide=None), methods=["POST"]),
            Route("/graphql-cached", PeerGraphQL(cached_schema, graphql_ide=None), methods=["POST"]),
            Route("/healthz", _healthz),
        ],
        lifespan=lifespan,
    )
