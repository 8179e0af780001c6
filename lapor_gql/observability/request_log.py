"""One record per HTTP request or websocket connection: its id, what it asked and how it went.

The middleware opens the record, echoes the request id in ``X-Request-ID``, and when the response is
done writes one log line and the request metrics. The GraphQL extension fills in the operation and
the actor. The record never holds a header, a variable or a query text, so passwords, tokens, access
codes and report text cannot reach a log line through it.
"""

from __future__ import annotations

import logging
import re
import time
import uuid
from contextvars import ContextVar
from dataclasses import dataclass

from starlette.responses import PlainTextResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from . import metrics

log = logging.getLogger("lapor_gql.request")

REQUEST_ID_HEADER = "X-Request-ID"
_HEADER_KEY = REQUEST_ID_HEADER.lower().encode()
# A client's id is kept only if it is short and plain, so it cannot forge log lines or carry a payload.
_SANE_REQUEST_ID = re.compile(r"[A-Za-z0-9._:/+=-]{1,128}")
_GRAPHQL_NAME = re.compile(r"[_A-Za-z][_0-9A-Za-z]{0,99}")

request_id_var: ContextVar[str | None] = ContextVar("lapor_request_id", default=None)
"""The id of the request or background round being served; every log line of it carries the id."""
_record_var: ContextVar[RequestRecord | None] = ContextVar("lapor_request_record", default=None)


@dataclass
class RequestRecord:
    request_id: str
    kind: str
    """"http" or "websocket"."""
    method: str
    path: str
    started: float
    status: int | None = None
    operation_name: str | None = None
    """The operation's name as the client wrote it, if it is a GraphQL name: for logs only."""
    operation_type: str | None = None
    operation: str | None = None
    """The bounded metrics label: the root field the operation selected (see ``metrics``)."""
    outcome: str | None = None
    """Set by the GraphQL extension: ok, payload_error, error or invalid."""
    actor_id: int | None = None
    actor_kind: str | None = None
    """"user", "report_code" (the holder of a report's access code) or "anonymous"."""


def current_request() -> RequestRecord | None:
    return _record_var.get()


def sane_request_id(value: str | None) -> str | None:
    if value is None:
        return None
    value = value.strip()
    return value if _SANE_REQUEST_ID.fullmatch(value) else None


def new_request_id() -> str:
    return uuid.uuid4().hex


def graphql_name(value: object) -> str | None:
    """``value`` if it is a GraphQL name (what an operation name must be), else None; the client sends
    it, so it may be anything JSON can carry."""
    return value if isinstance(value, str) and _GRAPHQL_NAME.fullmatch(value) else None


def final_outcome(record: RequestRecord, failed: bool) -> str:
    """How the request went, from the status and what GraphQL said; the 401 of a bad token and the
    4xx of a body that never reached GraphQL have their own outcomes."""
    status = record.status or 500
    if failed or status >= 500:
        return "server_error"
    if status == 401:
        return "unauthenticated"
    if record.outcome is not None:
        return record.outcome
    return "rejected" if status >= 400 else "ok"


class RequestObservation:
    """ASGI middleware, outermost: every response, whichever route or middleware answers, gets the id."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] not in ("http", "websocket"):
            await self.app(scope, receive, send)
            return
        incoming = next((value for key, value in scope["headers"] if key == _HEADER_KEY), None)
        request_id = sane_request_id(incoming.decode("latin-1") if incoming else None) or new_request_id()
        record = RequestRecord(
            request_id=request_id,
            kind=scope["type"],
            method=scope.get("method", "GET"),
            path=scope.get("path", ""),
            started=time.perf_counter(),
        )
        id_header = (_HEADER_KEY, request_id.encode())

        async def send_with_id(message: Message) -> None:
            if message["type"] in ("http.response.start", "websocket.accept"):
                headers = [(k, v) for k, v in message.get("headers", []) if k.lower() != _HEADER_KEY]
                message = {**message, "headers": [*headers, id_header]}
                record.status = message.get("status", 101)
            elif message["type"] == "websocket.close" and record.status is None:
                record.status = 403  # closed before the handshake: the client was refused
            await send(message)

        record_token = _record_var.set(record)
        id_token = request_id_var.set(request_id)
        failed = False
        try:
            await self.app(scope, receive, send_with_id)
        except Exception:
            failed = True
            if record.kind == "http" and record.status is None:
                # Starlette's 500 would be sent outside this middleware, without the id; answer it here
                # (the same plain 500) and re-raise, so the error is still logged with its traceback.
                await PlainTextResponse("Internal Server Error", status_code=500)(
                    scope, receive, send_with_id
                )
            raise
        except BaseException:
            failed = True
            raise
        finally:
            try:
                _finish(record, failed)
            finally:
                _record_var.reset(record_token)
                request_id_var.reset(id_token)


def _finish(record: RequestRecord, failed: bool) -> None:
    duration = time.perf_counter() - record.started
    if record.kind == "websocket":
        # A websocket's outcome is its lifetime; its subscriptions are counted while they run.
        outcome = "server_error" if failed else "closed"
    else:
        outcome = final_outcome(record, failed)
        if record.path == "/graphql" and record.method in ("GET", "POST"):
            metrics.observe_request(record.operation_type, record.operation, outcome, duration)
    if not log.isEnabledFor(logging.INFO):
        return  # text logs at uvicorn's defaults: skip building a line nobody reads
    log.info(
        "%s %s %s %s %s %.1f ms",
        record.method if record.kind == "http" else "WEBSOCKET",
        record.path,
        record.status,
        record.operation_name or record.operation or "-",
        outcome,
        duration * 1000,
        extra={
            "event": "request" if record.kind == "http" else "websocket",
            "method": record.method,
            "path": record.path,
            "status": record.status,
            "operation": record.operation_name,
            "operation_type": record.operation_type,
            "root_field": record.operation,
            "actor_id": record.actor_id,
            "actor_kind": record.actor_kind,
            "outcome": outcome,
            "duration_ms": round(duration * 1000, 3),
        },
    )
