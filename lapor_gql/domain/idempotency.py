"""Idempotency keys: a retried mutation gets its first outcome back and records nothing twice.

The HTTP layer turns an ``Idempotency-Key`` header into a ``Claim`` and sets it for the request
(``claiming``). The first ``command_transaction`` the mutation opens inserts the key, as its first
statement, into the same transaction as the effect, so after a connection cut the key exists exactly
when the effect committed. A concurrent duplicate collides on the unique (actor, key) pair: on
PostgreSQL its insert waits for the first transaction and then fails, on SQLite transactions are
serialised and the second fails at once; either way its transaction rolls back (``KeyInUse``).

The response is stored afterwards, sealed with the client's key. If the process dies between the
commit and that store, a retry is answered by running the request in replay mode: the command returns
the recorded result (``replayed``) as it is now instead of acting.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import secrets
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager, contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import datetime
from typing import TypeVar

from tortoise.exceptions import IntegrityError
from tortoise.models import Model
from tortoise.transactions import in_transaction

from lapor_gql.db.models import IdempotencyKey

from .actors import Actor

M = TypeVar("M", bound=Model)

KEY_MIN_LENGTH = 16
KEY_MAX_LENGTH = 255


@dataclass
class Claim:
    """One request's key, from the HTTP layer to the command that records it."""

    actor: str
    key: str  # the client's key itself: seals the response; only its hash is stored
    request_hash: str
    now: datetime
    expires_at: datetime
    # Replay mode: the (type, id) the first request produced; commands return it instead of acting.
    replay_of: tuple[str, int] | None = None
    taken: bool = False
    committed: bool = False
    lost_race: bool = False

    @property
    def key_hash(self) -> str:
        return key_hash(self.key)


@dataclass(frozen=True)
class Recorded:
    request_hash: str
    result: tuple[str, int] | None
    response: dict[str, object] | None


class KeyInUse(Exception):
    """Another request with the same key and actor recorded first; this one changed nothing."""


_claim: ContextVar[Claim | None] = ContextVar("lapor_idempotency_claim", default=None)


def is_valid_key(key: str) -> bool:
    # Long enough to be unguessable (for a reporter without an account the key is what makes a
    # replay theirs), visible ASCII only.
    return KEY_MIN_LENGTH <= len(key) <= KEY_MAX_LENGTH and all(33 <= ord(c) <= 126 for c in key)


def key_hash(key: str) -> str:
    return hashlib.sha256(b"lapor idempotency key\0" + key.encode()).hexdigest()


def actor_scope(actor: Actor) -> str:
    """Whose keys these are. Everyone without an account or code shares one scope: the key alone, so a
    reporter whose retry comes from another address (Wi-Fi → mobile data) still finds it."""
    if actor.user_id is not None:
        return f"user:{actor.user_id}"
    if actor.report_id is not None:
        return f"report:{actor.report_id}"
    return "anonymous"


@contextmanager
def claiming(claim: Claim) -> Iterator[Claim]:
    token = _claim.set(claim)
    try:
        yield claim
    finally:
        _claim.reset(token)


class CommandRecord:
    """What a command tells its transaction about the outcome: the object it produced."""

    def __init__(self) -> None:
        self.result: tuple[str, int] | None = None

    def produced(self, obj: Model) -> None:
        self.result = (type(obj).__name__, int(obj.pk))


@asynccontextmanager
async def command_transaction() -> AsyncIterator[CommandRecord]:
    """``in_transaction()`` for a mutation's command: also records the request's key, if it has one."""
    claim = _claim.get()
    if claim is not None and claim.replay_of is not None:
        # A command without a ``replayed`` check at its start: refuse rather than act twice.
        raise RuntimeError("a replayed request reached a command's transaction")
    mine = claim if claim is not None and not claim.taken else None
    record = CommandRecord()
    if mine is not None:
        mine.taken = True
    try:
        async with in_transaction():
            if mine is not None:
                await _insert(mine)
            yield record
            if mine is not None:
                if record.result is None:
                    raise RuntimeError("a keyed command committed without naming its result")
                await IdempotencyKey.filter(actor=mine.actor, key_hash=mine.key_hash).update(
                    result_type=record.result[0], result_id=record.result[1]
                )
    except BaseException:
        if mine is not None:
            mine.taken = False  # rolled back: the key is free for what the request does next
        raise
    if mine is not None:
        mine.committed = True


async def _insert(claim: Claim) -> None:
    # An expired use of the same key is forgotten; the sweep may not have reached it yet.
    mine = IdempotencyKey.filter(actor=claim.actor, key_hash=claim.key_hash)
    await mine.filter(expires_at__lte=claim.now).delete()
    try:
        await IdempotencyKey.create(
            actor=claim.actor,
            key_hash=claim.key_hash,
            request_hash=claim.request_hash,
            created_at=claim.now,
            expires_at=claim.expires_at,
        )
    except IntegrityError:
        claim.lost_race = True
        raise KeyInUse() from None


async def replayed(model: type[M]) -> M | None:
    """In replay mode, the object the first request produced, as it is now; otherwise None."""
    claim = _claim.get()
    if claim is None or claim.replay_of is None:
        return None
    type_name, object_id = claim.replay_of
    if type_name != model.__name__:
        raise RuntimeError(f"replay of a {type_name} reached a command producing {model.__name__}")
    return await model.get(id=object_id)


async def find(actor: str, key: str, now: datetime) -> Recorded | None:
    row = await IdempotencyKey.filter(actor=actor, key_hash=key_hash(key), expires_at__gt=now).first()
    if row is None:
        return None
    result = (row.result_type, row.result_id) if row.result_type and row.result_id is not None else None
    response = json.loads(_open(key, row.response)) if row.response else None
    return Recorded(request_hash=row.request_hash, result=result, response=response)


async def store_response(claim: Claim, response: dict[str, object]) -> None:
    """Keep the answer of a key whose command recorded it."""
    sealed = _seal(claim.key, json.dumps(response).encode())
    await IdempotencyKey.filter(actor=claim.actor, key_hash=claim.key_hash).update(response=sealed)


async def record_outcome(claim: Claim, response: dict[str, object]) -> bool:
    """Keep the answer of a request whose command recorded no key (it refused, or writes nothing of
    its own); False if another request with the key got there first."""
    try:
        async with in_transaction():
            await _insert(claim)
            await store_response(claim, response)
    except KeyInUse:
        return False
    return True


async def sweep(now: datetime) -> int:
    """Forget every key past its retention."""
    return await IdempotencyKey.filter(expires_at__lte=now).delete()


# --- sealing ----------------------------------------------------------------------------------
# A stored response may carry a one-time secret (an access code, a login token) that the server
# otherwise keeps only as a hash, so it is encrypted under a key derived from the client's
# idempotency key, which is never stored. Each seal uses a fresh nonce; the keystream is SHAKE-256
# of the derived key and the nonce (the standard library has no AEAD cipher, and one sealed message
# per key does not justify a new dependency); an HMAC-SHA256 over nonce and ciphertext detects
# tampering.


def _derived(key: str, purpose: bytes) -> bytes:
    return hmac.new(key.encode(), b"lapor idempotency " + purpose, hashlib.sha256).digest()


def _keystream(key: str, nonce: bytes, length: int) -> bytes:
    return hashlib.shake_256(_derived(key, b"stream") + nonce).digest(length)


def _xor(data: bytes, stream: bytes) -> bytes:
    return (int.from_bytes(data, "big") ^ int.from_bytes(stream, "big")).to_bytes(len(data), "big")


def _seal(key: str, plaintext: bytes) -> str:
    nonce = secrets.token_bytes(16)
    ciphertext = _xor(plaintext, _keystream(key, nonce, len(plaintext)))
    tag = hmac.new(_derived(key, b"mac"), nonce + ciphertext, hashlib.sha256).digest()
    return base64.b64encode(nonce + tag + ciphertext).decode()


def _open(key: str, sealed: str) -> bytes:
    raw = base64.b64decode(sealed)
    nonce, tag, ciphertext = raw[:16], raw[16:48], raw[48:]
    expected = hmac.new(_derived(key, b"mac"), nonce + ciphertext, hashlib.sha256).digest()
    if not hmac.compare_digest(tag, expected):
        raise ValueError("a stored idempotent response failed its integrity check")
    return _xor(ciphertext, _keystream(key, nonce, len(ciphertext)))
