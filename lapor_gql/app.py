"""The ASGI application: GraphQL at /graphql, liveness at /healthz, readiness at /readyz, and the
background loops in the lifespan."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from datetime import timedelta
from typing import Any

import orjson
from cross_web import AsyncHTTPRequestAdapter, HTTPException
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route, WebSocketRoute
from starlette.types import ASGIApp, Receive, Scope, Send
from strawberry.asgi import GraphQL
from strawberry.exceptions import ConnectionRejectionError
from strawberry.http import GraphQLHTTPResponse, GraphQLRequestData
from strawberry.subscriptions import GRAPHQL_TRANSPORT_WS_PROTOCOL
from strawberry.types import ExecutionResult
from strawberry.types.unset import UNSET, UnsetType

from lapor_gql import attachment_downloads, console, graphiql, statistics_export
from lapor_gql.browser_session import (
    COOKIE_AUTHENTICATED_METHODS,
    CSRF_CONNECTION_PARAM,
    CSRF_FAILED,
    CSRF_HEADER,
    BrowserSession,
    clear_cookies,
    csrf_matches,
)
from lapor_gql.config import Settings
from lapor_gql.db import close_database, open_database, pending_migrations, ping_database
from lapor_gql.domain import accounts, live
from lapor_gql.domain.actors import ANONYMOUS, Actor
from lapor_gql.domain.attachments import AttachmentFiles, sweep_orphans
from lapor_gql.domain.demo import refuse_demo_password_outside_development
from lapor_gql.domain.errors import AccessDenied
from lapor_gql.domain.labels import error_message
from lapor_gql.domain.processes import Runtime, deploy_diagram_file
from lapor_gql.domain.report_access import REPORT_TOKEN_PREFIX, actor_from_report_token
from lapor_gql.domain.reports import fire_due_timers
from lapor_gql.domain.throttling import forget_stale_attempts
from lapor_gql.graphql_http import (
    GRAPHQL_RESPONSE_JSON,
    JSON,
    REQUEST_ERROR_STATUS,
    content_type,
    is_request_error,
    response_media_type,
)
from lapor_gql.http_idempotency import REPLAYED_HEADER, IdempotentMutations
from lapor_gql.observability.background import background_round
from lapor_gql.observability.log_format import configure_logging
from lapor_gql.observability.metrics import metrics_endpoint
from lapor_gql.observability.request_log import RequestObservation
from lapor_gql.schema import known_queries, schema
from lapor_gql.schema.batch_executor import declined_before, known_documents
from lapor_gql.schema.context import Context, language_from_header
from lapor_gql.security_headers import SecurityHeaders
from lapor_gql.upload_requests import UploadRequests

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
            # Browsers send no CORS preflight before a websocket: Strawberry checks its Origin instead.
            allowed_origins=settings.cors_origins,
            # File uploads (the GraphQL multipart request spec); lapor_gql.upload_requests guards them.
            multipart_uploads_enabled=True,
        )
        self.settings = settings
        self.runtime = runtime

    async def get_context(self, request: Any, response: Any) -> Context:
        language = language_from_header(request.headers.get("accept-language"))
        if request.scope["type"] == "websocket":
            # Who is asking is known once connection_init arrives (browsers cannot set headers on a
            # websocket); until then the handshake's Authorization header, if any, stands. Its cookies
            # are kept for on_ws_connect, which needs connection_init's CSRF value to trust them.
            header = request.headers.get("authorization")
            return Context(
                actor=ANONYMOUS,
                runtime=self.runtime,
                settings=self.settings,
                language=language,
                transport="websocket",
                refresh_actor=self._actor_source(header) if header else None,
                browser=BrowserSession.from_cookies(request.cookies, secure=_secure_cookies(self.settings)),
            )
        return Context(
            actor=request.state.actor,
            runtime=self.runtime,
            settings=self.settings,
            language=language,
            client_address=request.client.host if request.client else None,
            browser=_browser_session(request, self.settings),
        )

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await super().__call__(scope, receive, send)
            return
        # Strawberry answers application/json only. The media type is chosen here, before the run, so
        # process_result knows it; the response then gets its content type and, for a request that
        # never ran, the status application/graphql-response+json requires (lapor_gql.graphql_http).
        request = Request(scope, receive)
        media_type = request.state.media_type = response_media_type(request.headers.get("accept"))
        try:
            response = await self._answer(request)
        except HTTPException as error:
            # A body that is not JSON, a missing query, a GET: refused before GraphQL ran. Strawberry says
            # so in plain text; clients parse a GraphQL response, so say it in one.
            response = JSONResponse(
                {"errors": [{"message": error.reason}]}, status_code=error.status_code, media_type=JSON
            )
        # A cookie login or a logout of the cookie's session: its cookies, on the answer it belongs to.
        _browser_session(request, self.settings).apply(response)
        if media_type == GRAPHQL_RESPONSE_JSON and response.media_type == JSON:
            response.headers["content-type"] = content_type(GRAPHQL_RESPONSE_JSON)
            if getattr(request.state, "request_error", False):
                response.status_code = REQUEST_ERROR_STATUS
        await response(scope, receive, send)

    async def _answer(self, request: Request) -> Response:
        """The answer to a query whose text is known (parsed and validated before), from the batch
        executor without the view's chain (``lapor_gql.schema.known_queries``); else the view's.

        Only a body the view would read the same way: a POST of one JSON object whose members have
        the types the view accepts. Anything else (a batch, a form, JSON that only the standard
        library reads) is the view's, with its own errors."""
        if request.method != "POST" or self._stream_transport_map:
            return await self.run(request)
        # Exactly application/json: the view's test is case-sensitive (it refuses Application/JSON).
        if request.headers.get("content-type", "").partition(";")[0].strip() != JSON:
            return await self.run(request)
        try:
            data = orjson.loads(await request.body())
        except orjson.JSONDecodeError:
            return await self.run(request)
        if type(data) is not dict:
            return await self.run(request)
        query, operation_name = data.get("query"), data.get("operationName")
        variables, extensions = data.get("variables"), data.get("extensions")
        if (
            type(query) is not str
            or not isinstance(operation_name, str | None)
            or not isinstance(variables, dict | None)
            or not isinstance(extensions, dict | None)
            # orjson reads an integer beyond 64 bits as a float, the view's json as an int.
            or (variables and _holds_float(variables))
            or known_documents.get(query) is None
        ):
            return await self.run(request)
        context = await self.get_context(request, None)
        answer = await known_queries.answer(self.schema, query, operation_name, variables, context)
        if answer.response is None:
            if answer.declined:
                with declined_before():
                    return await self.run(request)
            return await self.run(request)
        try:
            body: str | bytes = orjson.dumps(answer.response)
        except TypeError:
            body = self.encode_json(answer.response)
        return Response(body, status_code=200, media_type=JSON)

    async def parse_http_body(
        self, request: AsyncHTTPRequestAdapter
    ) -> GraphQLRequestData | list[GraphQLRequestData]:
        data = await super().parse_http_body(request)
        # Strawberry checks query, variables and extensions but lets any JSON through as operationName,
        # and a number or an object there fails deep inside execution instead of as a bad request.
        for item in data if isinstance(data, list) else [data]:
            if not isinstance(item.operation_name, str | None):
                raise HTTPException(
                    400, "The GraphQL operation's `operationName` must be a string or null, if provided."
                )
        return data

    async def process_result(self, request: Request, result: ExecutionResult) -> GraphQLHTTPResponse:
        response = await super().process_result(request, result)
        media_type = getattr(request.state, "media_type", JSON)
        if media_type == GRAPHQL_RESPONSE_JSON and is_request_error(result.data, result.errors):
            # Nothing ran, so there is no data entry, not even null.
            request.state.request_error = True
            response.pop("data", None)
        return response

    async def render_graphql_ide(self, request: Request) -> Response:
        return graphiql.page()

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
        …"}``), the handshake's header, or else the console's session cookie, which counts only with
        ``{"csrf": <the lapor_csrf cookie>}`` in ``connection_init``. A bad token or a cookie without its
        CSRF value closes the connection (4403), never anonymous."""
        params = context.connection_params or {}
        header = params.get("authorization", params.get("Authorization"))
        language = params.get("language")
        if header is not None:
            if not isinstance(header, str):
                raise ConnectionRejectionError()
            context.refresh_actor = self._actor_source(header)
        elif context.refresh_actor is None and (token := context.browser.token) is not None:
            # The handshake's Origin was checked (same origin, or LAPOR_CORS_ORIGINS); the CSRF value
            # shows the page could read the cookies, which a page of another site cannot.
            if not csrf_matches(context.browser.csrf_cookie, params.get(CSRF_CONNECTION_PARAM)):
                raise ConnectionRejectionError()
            context.refresh_actor = lambda: actor_from_token(self.runtime, token)
            context.browser.authenticated = True
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
    """Resolves the bearer token, or else the console's session cookie, before GraphQL runs: a bad token
    is a clear 401, never silently anonymous; a cookie without its CSRF header a 403."""

    def __init__(self, app: ASGIApp, runtime: Runtime, settings: Settings) -> None:
        self.app = app
        self.runtime = runtime
        self.settings = settings

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        request = Request(scope)
        header = request.headers.get("authorization")
        session = _browser_session(request, self.settings)
        # The cookie counts only without an Authorization header, and only where GraphQL runs (POST).
        cookie_token = (
            session.token if not header and request.method in COOKIE_AUTHENTICATED_METHODS else None
        )
        by_cookie = cookie_token is not None
        try:
            if cookie_token is not None:
                actor = await actor_from_token(self.runtime, cookie_token)
            else:
                actor = await actor_from_authorization(self.runtime, header)
        except AccessDenied as denied:
            response = self._refusal(request, 401, denied.code)
            if by_cookie:  # the page cannot remove an HttpOnly cookie itself
                clear_cookies(response, secure=session.secure)
            await response(scope, receive, send)
            return
        if by_cookie:
            if not csrf_matches(session.csrf_cookie, request.headers.get(CSRF_HEADER)):
                refusal = self._refusal(request, 403, CSRF_FAILED)
                # Cleared, so a page that lost its CSRF cookie (a cookie cleaner) can log in again;
                # another site's request brings no SameSite=Strict cookie to lose.
                clear_cookies(refusal, secure=session.secure)
                await refusal(scope, receive, send)
                return
            session.authenticated = True
        scope.setdefault("state", {})["actor"] = actor
        await self.app(scope, receive, send)

    @staticmethod
    def _refusal(request: Request, status: int, code: str) -> JSONResponse:
        language = language_from_header(request.headers.get("accept-language"))
        body = {"errors": [{"message": error_message(code, language), "extensions": {"code": code}}]}
        media_type = content_type(response_media_type(request.headers.get("accept")))
        return JSONResponse(body, status_code=status, media_type=media_type)


def _holds_float(value: object) -> bool:
    if type(value) is float:
        return True
    if isinstance(value, dict):
        return any(_holds_float(item) for item in value.values())
    if isinstance(value, list):
        return any(_holds_float(item) for item in value)
    return False


def _browser_session(request: Request, settings: Settings) -> BrowserSession:
    """The request's console cookies, read once and kept in its state for the layers after this one."""
    state = request.scope.setdefault("state", {})
    session = state.get("browser_session")
    if not isinstance(session, BrowserSession):
        session = state["browser_session"] = BrowserSession.from_cookies(
            request.cookies, secure=_secure_cookies(settings)
        )
    return session


def _secure_cookies(settings: Settings) -> bool:
    # Local development runs on plain http://localhost, where a Secure cookie would not be sent back.
    return not settings.is_development


async def actor_from_authorization(runtime: Runtime, header: str | None) -> Actor:
    """The actor of an ``Authorization`` header: an account token, a report access token, or nobody."""
    if not header:
        return ANONYMOUS
    scheme, _, token = header.partition(" ")
    token = token.strip()
    if scheme.lower() != "bearer" or not token:
        raise AccessDenied("TOKEN_INVALID")
    return await actor_from_token(runtime, token)


async def actor_from_token(runtime: Runtime, token: str) -> Actor:
    """The actor of a token, from a header or the session cookie: an account's or a report's."""
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


async def _timer_loop(runtime: Runtime, settings: Settings) -> None:
    while True:
        with background_round("timer_sweep") as round_:
            try:
                fired = round_.counts["fired"] = await fire_due_timers(runtime)
                if fired:
                    log.info("fired due timers of %d report(s)", fired)
                round_.counts["forgotten_attempts"] = await forget_stale_attempts(
                    runtime.clock(), settings.longest_throttle_window
                )
            except Exception:  # the loop must survive a bad report; the next round retries it
                round_.outcome = "error"
                log.exception("timer sweep failed")
        await asyncio.sleep(settings.timer_interval_seconds)


# Pending uploads live for hours (LAPOR_ATTACHMENT_UPLOAD_TTL_HOURS); looking for stale ones every few
# minutes is soon enough, and lists the store (an S3 bucket, maybe) rarely.
ATTACHMENT_SWEEP_INTERVAL_SECONDS = 600.0
# Files no row names (a crash between storing and recording) are rare, and finding them lists the
# whole store: a few times a day is enough (`lapor-gql attachments-sweep` does it at once).
ATTACHMENT_STORE_SWEEP_INTERVAL_SECONDS = 6 * 3600.0


async def _attachment_sweep_loop(runtime: Runtime) -> None:
    store_swept_at: float | None = None
    while True:
        with background_round("attachment_sweep") as round_:
            started = time.monotonic()
            whole_store = (
                store_swept_at is None or started - store_swept_at >= ATTACHMENT_STORE_SWEEP_INTERVAL_SECONDS
            )
            try:
                round_.counts["removed"] = await sweep_orphans(runtime, whole_store=whole_store)
                if whole_store:
                    store_swept_at = started
            except Exception:  # an unreachable store must not end the loop; the next round retries
                round_.outcome = "error"
                log.exception("attachment sweep failed")
        await asyncio.sleep(ATTACHMENT_SWEEP_INTERVAL_SECONDS)


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
    return asyncio.create_task(
        run_delivery_loop(
            runtime,
            sender,
            settings.outbox_interval_seconds,
            policy,
            watch_round=lambda: background_round("outbox"),
        )
    )


@contextlib.asynccontextmanager
async def _background_loops(settings: Settings, runtime: Runtime) -> AsyncIterator[None]:
    """The timer sweep, the attachment sweep and the outbox delivery, for as long as the server runs."""
    loops = [
        asyncio.create_task(_timer_loop(runtime, settings)),
        asyncio.create_task(_attachment_sweep_loop(runtime)),
    ]
    outbox = _start_outbox_loop(settings, runtime)
    if outbox is not None:
        loops.append(outbox)
    try:
        yield
    finally:
        for loop in reversed(loops):
            loop.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await loop


def create_app(
    settings: Settings | None = None, runtime: Runtime | None = None, *, manage_database: bool = True
) -> Starlette:
    """Build the app. Tests pass ``manage_database=False`` and own the database and the clock."""
    settings = settings or Settings.from_environment()
    configure_logging(settings.log_format)
    runtime = runtime or Runtime(changes=live.change_feed_for(settings.database_url, settings.change_feed))
    if runtime.files is None:
        runtime.files = AttachmentFiles.from_settings(settings)
    graphql_view = LaporGraphQL(settings, runtime)
    # Idempotency-Key sits inside the authentication: a key belongs to the actor who sent it. A
    # multipart request is checked (and its body limit chosen) between the two: after the console
    # session's CSRF check (a cookie without its header is that check's 403, whatever the body), and
    # before the idempotency layer would keep a body in memory. Neither earlier layer reads the body.
    retention = timedelta(hours=settings.idempotency_retention_hours)
    graphql_app = BearerAuthentication(
        UploadRequests(
            IdempotentMutations(graphql_view, runtime, retention), settings, json_limit=MAX_BODY_BYTES
        ),
        runtime,
        settings,
    )

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        if not manage_database:
            yield
            return
        await open_database(settings.database_url)
        try:
            # `lapor-gql serve` checks this before it starts uvicorn, for a clean exit; servers started
            # with `uvicorn --factory` (as production often is) reach only this one.
            await refuse_demo_password_outside_development(settings)
            await deploy_diagram_file(settings.workflows_dir / f"{settings.default_process_id}.bpmn")
            async with _background_loops(settings, runtime):
                yield
        finally:
            await close_database()

    return Starlette(
        routes=[
            # The body limit (1 MiB for JSON, a report's worth of files for multipart): UploadRequests.
            Route("/graphql", graphql_app, methods=["GET", "POST"]),
            WebSocketRoute("/graphql", graphql_view),
            Route("/healthz", _healthz),
            Route("/readyz", _readyz),
            Route("/metrics", metrics_endpoint(settings, runtime.clock)),
            # CSV and XLSX of the statistics, authenticated as /graphql is (same token, same actor).
            *statistics_export.routes(settings, runtime, actor_from_authorization, actor_from_token),
            # Attachment files behind the signed, short-lived URLs the API hands out (no token needed).
            *attachment_downloads.routes(runtime),
            # GraphiQL's own scripts and styles, where GraphiQL is served (development only).
            *(graphiql.asset_routes() if graphql_view.graphql_ide else []),
            # The browser console: its assets, files at its root, and its page for every other path.
            *console.routes(),
        ],
        # The security headers outermost, so that every answer carries them, the request log's own 500
        # included; request ids next, on every response too, a CORS refusal included.
        middleware=[
            Middleware(SecurityHeaders, development=settings.is_development),
            Middleware(RequestObservation),
            *_cors_middleware(settings),
        ],
        lifespan=_with_change_feed(runtime, lifespan),
    )


# What a browser page on an allowed origin may send and read (besides the CORS-safelisted ones).
CORS_REQUEST_HEADERS = (
    "Authorization",
    "Content-Type",
    "Accept-Language",
    "Idempotency-Key",
    CSRF_HEADER,
    # Sent by upload clients (Apollo, urql) so their multipart requests get a preflight: upload_requests.
    "Apollo-Require-Preflight",
    "X-Apollo-Operation-Name",
)
CORS_RESPONSE_HEADERS = ("X-Request-ID", REPLAYED_HEADER)
CORS_MAX_AGE_SECONDS = 600


def _cors_middleware(settings: Settings) -> list[Middleware]:
    """CORS for the pages of ``LAPOR_CORS_ORIGINS``. Installed also when that list is empty, so a preflight
    from anywhere gets a clear refusal (400) rather than a 405 from the route."""
    return [
        Middleware(
            CORSMiddleware,
            allow_origins=list(settings.cors_origins),
            # GraphQL is POST only here (GET is refused: see the README); the pages are same-origin.
            allow_methods=["POST"],
            allow_headers=list(CORS_REQUEST_HEADERS),
            expose_headers=list(CORS_RESPONSE_HEADERS),
            # Some clients fetch with credentials "include" (an Apollo Client or urql option); without this
            # the browser drops their answers. The console's session cookie is SameSite=Strict and counts
            # only with its X-CSRF-Token, which a page on another host cannot read from the cookie, so
            # this gives such a page no authority its own code did not send.
            allow_credentials=True,
            max_age=CORS_MAX_AGE_SECONDS,
        )
    ]


def _with_change_feed(runtime: Runtime, lifespan: Lifespan) -> Lifespan:
    """Keep the change feed's link to the other servers open around the rest of the lifespan; also
    when tests own the database, since a feed handed in with the runtime is still the app's to run."""

    @contextlib.asynccontextmanager
    async def run(app: Starlette) -> AsyncIterator[None]:
        async with live.running(runtime.changes), lifespan(app):
            yield

    return run
