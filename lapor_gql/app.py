"""The ASGI application: GraphQL at /graphql, health at /healthz, and the timer loop in the lifespan."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator
from typing import Any

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route
from starlette.types import Receive, Scope, Send
from strawberry.asgi import GraphQL

from lapor_gql.config import Settings
from lapor_gql.db import close_database, open_database
from lapor_gql.domain import accounts
from lapor_gql.domain.actors import ANONYMOUS, Actor
from lapor_gql.domain.errors import AccessDenied
from lapor_gql.domain.labels import error_message
from lapor_gql.domain.processes import Runtime, deploy_diagram_file
from lapor_gql.domain.report_access import REPORT_TOKEN_PREFIX, actor_from_report_token
from lapor_gql.domain.reports import fire_due_timers
from lapor_gql.schema import schema
from lapor_gql.schema.context import Context, language_from_header

log = logging.getLogger("lapor_gql")

MAX_BODY_BYTES = 1024 * 1024


class LaporGraphQL(GraphQL[Context, None]):
    def __init__(self, settings: Settings, runtime: Runtime) -> None:
        super().__init__(
            schema,
            graphql_ide="graphiql" if settings.is_development else None,
            allow_queries_via_get=False,
        )
        self.settings = settings
        self.runtime = runtime

    async def get_context(self, request: Any, response: Any) -> Context:
        return Context(
            actor=request.state.actor,
            runtime=self.runtime,
            settings=self.settings,
            language=language_from_header(request.headers.get("accept-language")),
        )


class BearerAuthentication:
    """Resolves the bearer token before GraphQL runs: a bad token is a clear 401, never silently anonymous."""

    def __init__(self, app: LaporGraphQL, runtime: Runtime) -> None:
        self.app = app
        self.runtime = runtime

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        request = Request(scope)
        try:
            actor = await self._actor(request.headers.get("authorization"))
        except AccessDenied as denied:
            language = language_from_header(request.headers.get("accept-language"))
            body = {
                "errors": [
                    {"message": error_message(denied.code, language), "extensions": {"code": denied.code}}
                ]
            }
            await JSONResponse(body, status_code=401)(scope, receive, send)
            return
        scope.setdefault("state", {})["actor"] = actor
        await self.app(scope, receive, send)

    async def _actor(self, header: str | None) -> Actor:
        if not header:
            return ANONYMOUS
        scheme, _, token = header.partition(" ")
        token = token.strip()
        if scheme.lower() != "bearer" or not token:
            raise AccessDenied("TOKEN_INVALID")
        if token.startswith(REPORT_TOKEN_PREFIX):
            return await actor_from_report_token(self.runtime.clock, token)
        return await accounts.actor_from_token(self.runtime.clock, token)


async def _healthz(request: Request) -> Response:
    return JSONResponse({"status": "ok"})


async def _timer_loop(runtime: Runtime, interval: float) -> None:
    while True:
        try:
            fired = await fire_due_timers(runtime)
            if fired:
                log.info("fired due timers of %d report(s)", fired)
        except Exception:  # the loop must survive a bad report; the next round retries it
            log.exception("timer sweep failed")
        await asyncio.sleep(interval)


def create_app(
    settings: Settings | None = None, runtime: Runtime | None = None, *, manage_database: bool = True
) -> Starlette:
    """Build the app. Tests pass ``manage_database=False`` and own the database and the clock."""
    settings = settings or Settings.from_environment()
    runtime = runtime or Runtime()
    graphql_app = BearerAuthentication(LaporGraphQL(settings, runtime), runtime)

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        if not manage_database:
            yield
            return
        await open_database(settings.database_url)
        await deploy_diagram_file(settings.workflows_dir / f"{settings.default_process_id}.bpmn")
        timers = asyncio.create_task(_timer_loop(runtime, settings.timer_interval_seconds))
        try:
            yield
        finally:
            timers.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await timers
            await close_database()

    return Starlette(
        routes=[
            Route("/graphql", graphql_app, methods=["GET", "POST"], max_body_size=MAX_BODY_BYTES),
            Route("/healthz", _healthz),
        ],
        lifespan=lifespan,
    )
