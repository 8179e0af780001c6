"""The ``Idempotency-Key`` request header (IETF httpapi draft) for every mutation at once.

A POST whose operation is a mutation and which carries the header is answered once: a retry with the
same key from the same actor within ``LAPOR_IDEMPOTENCY_RETENTION_HOURS`` gets the first response
back (marked ``Idempotent-Replayed: true``) and changes nothing. Queries ignore the header (they
change nothing anyway). Problems with the key itself are HTTP errors with a GraphQL-shaped body, like
a bad token, because the header is not part of the GraphQL request: 400 for a malformed key, a key on
a request with more than one mutation field, or, from an actor without an account, a key that is not
recognisably random (the key alone makes the row theirs); 422 for a different request under a used
key; 409 while a request with the key is still running or storing its answer; 410 when the first
request was carried out but its answer can be given neither from the table nor rebuilt (it was a
login token, or what it named is gone, or the stored answer fails its integrity check). See
``domain.idempotency`` for how the key commits with the mutation's effect.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from graphql import FieldNode, GraphQLError, OperationDefinitionNode, OperationType, parse
from starlette.datastructures import Headers
from starlette.responses import JSONResponse, Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from lapor_gql.domain import idempotency
from lapor_gql.domain.actors import ANONYMOUS, Actor
from lapor_gql.domain.errors import TEMPORARY_CODES
from lapor_gql.domain.idempotency import Claim, KeyInUse, KeyInvalid, KeyReused, Recorded, ResponseLost
from lapor_gql.domain.labels import Language, error_message
from lapor_gql.domain.processes import Runtime
from lapor_gql.schema.context import MAX_QUERY_TOKENS, language_from_header

log = logging.getLogger(__name__)

HEADER = "idempotency-key"
REPLAYED_HEADER = "Idempotent-Replayed"
SWEEP_EVERY = timedelta(minutes=10)


@dataclass
class _Buffered:
    """A response held back until it is stored, so a retry can never see less than the client did."""

    status: int = 500
    headers: list[tuple[bytes, bytes]] = field(default_factory=list)
    body: bytearray = field(default_factory=bytearray)

    async def send(self, message: Message) -> None:
        if message["type"] == "http.response.start":
            self.status = message["status"]
            self.headers = list(message.get("headers", []))
        elif message["type"] == "http.response.body":
            self.body.extend(message.get("body", b""))

    def stored(self) -> dict[str, object]:
        headers = Headers(raw=self.headers)
        content_type = headers.get("content-type", "application/json")
        stored: dict[str, object] = {
            "status": self.status,
            "contentType": content_type,
            "body": self.body.decode(),
        }
        # A browser login's or logout's cookies are part of its answer (sealed like a token in the body).
        if cookies := headers.getlist("set-cookie"):
            stored["setCookies"] = cookies
        return stored

    def recordable(self, claim: Claim) -> bool:
        """An answer worth keeping for the key: not a top-level error, and not a refusal made only of
        temporary codes (the key stays free, so a retry after the wait is carried out)."""
        if self.has_top_level_errors():
            return False
        return not (claim.refusal_codes and claim.refusal_codes <= TEMPORARY_CODES)

    def has_top_level_errors(self) -> bool:
        try:
            return bool(json.loads(self.body).get("errors"))
        except (ValueError, AttributeError):
            return True


class IdempotentMutations:
    """Wraps the GraphQL HTTP endpoint, inside the bearer authentication (it needs the actor)."""

    def __init__(self, app: ASGIApp, runtime: Runtime, retention: timedelta) -> None:
        self.app = app
        self.runtime = runtime
        self.retention = retention
        self._next_sweep: datetime | None = None

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        headers = Headers(scope=scope)
        raw_key = headers.get(HEADER)
        if scope["type"] != "http" or scope["method"] != "POST" or raw_key is None:
            await self.app(scope, receive, send)
            return
        language = language_from_header(headers.get("accept-language"))
        # The key first (cheap), then the document, parsed no further than the schema would.
        key = _parse_key(raw_key)
        actor: Actor = scope.get("state", {}).get("actor", ANONYMOUS)
        actor_scope = idempotency.actor_scope(actor)
        not_secret = (
            key is not None
            and actor_scope == idempotency.ANONYMOUS_SCOPE
            and not idempotency.is_secret_key(key)
        )
        body = await _read_body(receive)
        replay_body = _receiver(body, receive)
        request = _graphql_request(body)
        if request is None:  # not a GraphQL request this layer can read: GraphQL answers it
            await self.app(scope, replay_body, send)
            return
        kind = _operation_kind(request)
        if kind == "other":
            await self.app(scope, replay_body, send)
            return
        if key is None or kind == "several":
            await _problem(400, KeyInvalid.code, language)(scope, replay_body, send)
            return
        if not_secret:
            problem = _problem(400, KeyInvalid.code, language, message=KeyInvalid.not_secret)
            await problem(scope, replay_body, send)
            return

        now = self.runtime.clock()
        claim = Claim(
            actor=actor_scope,
            key=key,
            request_hash=_request_hash(key, request),
            now=now,
            expires_at=now + self.retention,
        )
        recorded = await idempotency.find(claim.actor, key, now)
        if recorded is None:
            response = await self._first(scope, _receiver(body, receive), claim)
            if response is not None:
                await _send_buffered(response, scope, replay_body, send)
                await self._sweep(now)
                return
            recorded = await idempotency.find(claim.actor, key, now)
        await self._replay(scope, body, receive, claim, recorded, language, send)

    async def _first(self, scope: Scope, receive: Receive, claim: Claim) -> _Buffered | None:
        """Run the request with the key; None if another request with the key recorded first."""
        response = _Buffered()
        with idempotency.claiming(claim):
            await self.app(scope, receive, response.send)
        if claim.lost_race:
            return None
        if claim.committed:
            # The key committed with the effect; the response is added to it. The effect is done, so
            # a failure here must not turn its answer into an error: a retry rebuilds the answer.
            try:
                await idempotency.store_response(claim, response.stored())
            except Exception:
                log.exception("storing an idempotent response failed (actor %s)", claim.actor)
        elif response.recordable(claim):
            # Nothing was recorded in a command's transaction: a refusal (payload errors) or a mutation
            # that records no key itself. Its outcome is kept the same way, afterwards (unless it only
            # said "not now": see ``recordable``).
            if not await idempotency.record_outcome(claim, response.stored()):
                return None
        return response

    async def _replay(
        self,
        scope: Scope,
        body: bytes,
        client: Receive,
        claim: Claim,
        recorded: Recorded | None,
        language: Language,
        send: Send,
    ) -> None:
        receive = _receiver(body, client)
        if recorded is None:  # recorded, then expired or swept in between: rare enough to say "retry"
            await _problem(409, KeyInUse.code, language)(scope, receive, send)
            return
        if recorded.request_hash != claim.request_hash:
            await _problem(422, KeyReused.code, language)(scope, receive, send)
            return
        if recorded.unreadable:
            # Never served, and never rebuilt from the row's other columns, which are not sealed.
            log.error("a stored idempotent response failed its integrity check (actor %s)", claim.actor)
            await _problem(410, ResponseLost.code, language)(scope, receive, send)
            return
        stored = recorded.response
        if stored is None and recorded.result is not None and not recorded.recent:
            # The first request committed, recorded its key more than REPLAY_GRACE ago, and its
            # response is still not stored: it was lost with its process. Answer from the recorded
            # result as it is now, without acting again. (Sooner, the first request is taken to be
            # still storing it: "in use" below, rather than a rebuilt answer without its secrets, or
            # a wrong 410.)
            claim.replay_of = recorded.result
            response = _Buffered()
            with idempotency.claiming(claim):
                await self.app(scope, _receiver(body, client), response.send)
            if claim.response_lost:  # a one-time secret, or an object gone since: nothing to rebuild
                await _problem(410, ResponseLost.code, language)(scope, receive, send)
                return
            stored = response.stored()
            try:  # kept only if no answer was stored meanwhile; the rebuilt one is sent either way
                await idempotency.store_response(claim, stored)
            except Exception:
                log.exception("storing a rebuilt idempotent response failed (actor %s)", claim.actor)
        if stored is None:
            await _problem(409, KeyInUse.code, language)(scope, receive, send)
            return
        replay = Response(
            content=str(stored["body"]),
            status_code=int(str(stored["status"])),
            media_type=str(stored["contentType"]),
            headers={REPLAYED_HEADER: "true"},
        )
        cookies = stored.get("setCookies")
        for cookie in cookies if isinstance(cookies, list) else []:
            replay.raw_headers.append((b"set-cookie", str(cookie).encode("latin-1")))
        await replay(scope, receive, send)

    async def _sweep(self, now: datetime) -> None:
        """Forget expired keys now and then, from the request path (no background task to manage)."""
        if self._next_sweep is not None and now < self._next_sweep:
            return
        self._next_sweep = now + SWEEP_EVERY
        try:
            await idempotency.sweep(now)
        except Exception:  # the answer is sent; a failed sweep is retried next time
            log.exception("sweeping expired idempotency keys failed")


def _parse_key(raw: str) -> str | None:
    # The draft defines the value as a structured-field string ("…"); a bare token is accepted too.
    value = raw.strip()
    if len(value) >= 2 and value[0] == value[-1] == '"':
        value = value[1:-1]
    return value if idempotency.is_valid_key(value) else None


def _graphql_request(body: bytes) -> dict[str, object] | None:
    try:
        data = json.loads(body)
    except ValueError:
        return None
    if not isinstance(data, dict) or not isinstance(data.get("query"), str):
        return None
    return {
        "query": data["query"],
        "operationName": data.get("operationName"),
        "variables": data.get("variables") or {},
    }


def _operation_kind(request: dict[str, object]) -> str:
    """ "one": a single mutation field; "several": a mutation with more; "other": anything else
    (a query, or a document GraphQL will refuse on its own)."""
    try:
        # Bounded like the schema's own parse: a longer document is left to the schema to refuse.
        document = parse(str(request["query"]), max_tokens=MAX_QUERY_TOKENS)
    except GraphQLError:
        return "other"
    operations = [d for d in document.definitions if isinstance(d, OperationDefinitionNode)]
    name = request["operationName"]
    chosen = [o for o in operations if name is None or (o.name and o.name.value == name)]
    if len(chosen) != 1 or chosen[0].operation is not OperationType.MUTATION:
        return "other"
    selections = chosen[0].selection_set.selections
    # One key, one field: each root field is its own command and transaction, and a key can commit
    # with only one of them.
    if len(selections) == 1 and isinstance(selections[0], FieldNode):
        return "one"
    return "several"


def _request_hash(key: str, request: dict[str, object]) -> str:
    canonical = json.dumps(request, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return idempotency.request_hash(key, canonical.encode("utf-8", "surrogatepass"))


def _problem(status: int, code: str, language: Language, message: str | None = None) -> Response:
    """``message``: the label to word it with, when the code's own is not precise enough."""
    text = error_message(message or code, language)
    body = {"errors": [{"message": text, "extensions": {"code": code}}]}
    return JSONResponse(body, status_code=status)


async def _read_body(receive: Receive) -> bytes:
    chunks: list[bytes] = []
    while True:
        message = await receive()
        if message["type"] != "http.request":
            break
        chunks.append(message.get("body", b""))
        if not message.get("more_body", False):
            break
    return b"".join(chunks)


def _receiver(body: bytes, then: Receive) -> Receive:
    """The body read already, then whatever the client sends next (its disconnect)."""
    sent = False

    async def receive() -> Message:
        nonlocal sent
        if sent:
            return await then()
        sent = True
        return {"type": "http.request", "body": body, "more_body": False}

    return receive


async def _send_buffered(response: _Buffered, scope: Scope, receive: Receive, send: Send) -> None:
    await send({"type": "http.response.start", "status": response.status, "headers": response.headers})
    await send({"type": "http.response.body", "body": bytes(response.body)})
