"""The ASGI application: GraphQL at /graphql, liveness at /healthz, readiness at /readyz, and the
background loops in the lifespan."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator, Awaitable, Callable
from typing import Any

import orjson
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route, WebSocketRoute
from starlette.types import Receive, Scope, Send
from strawberry.asgi import GraphQL
from strawberry.exceptions import ConnectionRejectionError
from strawberry.subscriptions import GRAPHQL_TRANSPORT_WS_PROTOCOL
from strawberry.types.unset import UNSET, UnsetType

from lapor_gql.config import Settings
from lapor_gql.db import close_database, open_database, pending_migrations, ping_database
from lapor_gql.domain import accounts, live
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

Lifespan = Callable[[Starlette], contextlib.AbstractAsyncContextManager[None]]


class LaporGraphQL(GraphQL[Context, None]):
    def __init__(self, settings: Settings, runtime: Runtime) -> None:
        super().__init__(
            schema,
            graphql_ide="graphiql" if settings.is_development else None,
            allow_queries_via_get=False,
            subscription_protocols=(GRAPHQL_TRANSPORT_WS_PROTOCOL,),
        )
        self.settings = settings
        self.runtime = runtime

    async def get_context(self, request: Any, response: Any) -> Context:
        language = language_from_header(request.headers.get("accept-language"))
        if request.scope["type"] == "websocket":
            # Who is asking is known once connection_init arrives (browsers cannot set headers on a
            # websocket); until then the handshake's Authorization header, if any, stands.
            return Context(
                actor=ANONYMOUS,
                runtime=self.runtime,
                settings=self.settings,
                language=language,
                transport="websocket",
                refresh_actor=self._actor_source(request.headers.get("authorization")),
            )
        return Context(
            actor=request.state.actor, runtime=self.runtime, settings=self.settings, language=language
        )

    def encode_json(self, data: object) -> str | bytes:
        # orjson is several times faster on a 50-report page; it refuses what JSON cannot carry
        # (lone surrogates, say), which the standard encoder escapes, so that case goes there.
        # Text, not bytes: Strawberry would send bytes as binary websocket frames.
        try:
            return orjson.dumps(data).decode()
        except TypeError:
            return super().encode_json(data)

    async def on_ws_connect(self, context: Context) -> UnsetType | dict[str, object] | None:
        """Authenticate a websocket with the token in ``connection_init`` (``{"authorization": "Bearer
        …"}``) or the handshake's header; a bad token closes the connection (4403), never anonymous."""
        params = context.connection_params or {}
        header = params.get("authorization", params.get("Authorization"))
        language = params.get("language")
        if header is not None:
            if not isinstance(header, str):
                raise ConnectionRejectionError()
            context.refresh_actor = self._actor_source(header)
        if isinstance(language, str):
            context.language = language_from_header(language)
        context.refresh_actor = context.refresh_actor or self._actor_source(None)
        try:
            context.actor = await context.refresh_actor()
        except AccessDenied:
            raise ConnectionRejectionError() from None
        return UNSET

    def _actor_source(self, header: str | None) -> Callable[[], Awaitable[Actor]]:
        return lambda: actor_from_authorization(self.runtime, header)


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
        return await actor_from_authorization(self.runtime, header)


async def actor_from_authorization(runtime: Runtime, header: str | None) -> Actor:
    """The actor of an ``Authorization`` header: an account token, a report access token, or nobody."""
    if not header:
        return ANONYMOUS
    scheme, _, token = header.partition(" ")
    token = token.strip()
    if scheme.lower() != "bearer" or not token:
        raise AccessDenied("TOKEN_INVALID")
    if token.startswith(REPORT_TOKEN_PREFIX):
        return await actor_from_report_token(runtime.clock, token)
    return await accounts.actor_from_token(runtime.clock, token)


async def _healthz(request: Request) -> Response:
    """The process is alive; says nothing about the database."""
    return JSONResponse({"status": "ok"})


READINESS_TIMEOUT_SECONDS = 2.0


async def _readyz(request: Request) -> Response:
    """Ready for traffic: the database answers and its schema is this code's (no pending migration).

    The cause is logged, not returned: the probe is public and database errors can name hosts.
    """
    try:
        await asyncio.wait_for(ping_database(), READINESS_TIMEOUT_SECONDS)
        pending = await asyncio.wait_for(pending_migrations(), READINESS_TIMEOUT_SECONDS)
    except Exception:  # noqa: BLE001 - any failure to reach the database means "not ready"
        log.warning("readiness check: database unreachable", exc_info=True)
        return JSONResponse({"status": "unavailable", "database": "unreachable"}, status_code=503)
    if pending:
        return JSONResponse(
            {"status": "unavailable", "database": "ok", "pendingMigrations": pending}, status_code=503
        )
    return JSONResponse({"status": "ok", "database": "ok", "pendingMigrations": []})


async def _timer_loop(runtime: Runtime, interval: float) -> None:
    while True:
        try:
            fired = await fire_due_timers(runtime)
            if fired:
                log.info("fired due timers of %d report(s)", fired)
        except Exception:  # the loop must survive a bad report; the next round retries it
            log.exception("timer sweep failed")
        await asyncio.sleep(interval)


def _start_outbox_loop(settings: Settings, runtime: Runtime) -> asyncio.Task[None] | None:
    """E-mail the notification outbox, if a mail server is configured; without one the demo keeps
    working and the rows wait, PENDING, for a server (or ``lapor-gql outbox run``)."""
    from lapor_gql.domain.outbox import OutboxPolicy, run_delivery_loop
    from lapor_gql.mail.smtp import SmtpConfig, SmtpSender

    config = SmtpConfig.from_settings(settings)
    if config is None:
        log.warning("LAPOR_SMTP_HOST is not set: notifications are queued but not e-mailed")
        return None
    sender = SmtpSender(config)
    policy = OutboxPolicy.from_settings(settings)
    return asyncio.create_task(run_delivery_loop(runtime, sender, settings.outbox_interval_seconds, policy))


def create_app(
    settings: Settings | None = None, runtime: Runtime | None = None, *, manage_database: bool = True
) -> Starlette:
    """Build the app. Tests pass ``manage_database=False`` and own the database and the clock."""
    settings = settings or Settings.from_environment()
    runtime = runtime or Runtime(changes=live.change_feed_for(settings.database_url, settings.change_feed))
    graphql_view = LaporGraphQL(settings, runtime)
    graphql_app = BearerAuthentication(graphql_view, runtime)

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        if not manage_database:
            yield
            return
        await open_database(settings.database_url)
        await deploy_diagram_file(settings.workflows_dir / f"{settings.default_process_id}.bpmn")
        timers = asyncio.create_task(_timer_loop(runtime, settings.timer_interval_seconds))
        outbox = _start_outbox_loop(settings, runtime)
        try:
            yield
        finally:
            if outbox is not None:
                outbox.cancel()
                with contextlib.suppress(asyncio.CancelledError):
                    await outbox
            timers.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await timers
            await close_database()

    return Starlette(
        routes=[
            Route("/graphql", graphql_app, methods=["GET", "POST"], max_body_size=MAX_BODY_BYTES),
            WebSocketRoute("/graphql", graphql_view),
            Route("/healthz", _healthz),
            Route("/readyz", _readyz),
        ],
        lifespan=_with_change_feed(runtime, lifespan),
    )


def _with_change_feed(runtime: Runtime, lifespan: Lifespan) -> Lifespan:
    """Keep the change feed's link to the other servers open around the rest of the lifespan; also
    when tests own the database, since a feed handed in with the runtime is still the app's to run."""

    @contextlib.asynccontextmanager
    async def run(app: Starlette) -> AsyncIterator[None]:
        async with live.running(runtime.changes), lifespan(app):
            yield

    return run
