"""Idempotency keys: a retried mutation gets its first outcome back and records nothing twice.

The HTTP layer turns an ``Idempotency-Key`` header into a ``Claim`` and sets it for the request
(``claiming``). The first ``command_transaction`` the mutation opens inserts the key, as its first
statement, into the same transaction as the effect, so after a connection cut the key exists exactly
when the effect committed. A concurrent duplicate collides on the unique (actor, key) pair: on
PostgreSQL its insert waits for the first transaction and then fails, on SQLite transactions are
serialised and the second fails at once; either way its transaction rolls back (``KeyInUse``).

The response is stored afterwards, sealed with the client's key, and only into a row without one (the
first stored answer wins). A duplicate that finds the key committed but no answer yet is told
``KeyInUse`` for ``REPLAY_GRACE`` after the key was recorded (the first request is likely still storing
it). After that the process is taken to have died between the commit and the store, and a retry is
answered by running the request in replay mode: the command returns the recorded result
(``replayed``) as it is now instead of acting, or, when its answer cannot be rebuilt (a one-time
secret, an object deleted since), refuses with ``ResponseLost``.

Nothing in the table reveals the request: the key is stored hashed, the request only as an HMAC keyed
by the client's key (``request_hash``), the answer sealed with it.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import json
import os
import re
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager, contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import TypeVar

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from tortoise.exceptions import IntegrityError
from tortoise.models import Model
from tortoise.transactions import in_transaction

from lapor_gql.db.models import IdempotencyKey

from .actors import Actor

M = TypeVar("M", bound=Model)

KEY_MIN_LENGTH = 16
KEY_MAX_LENGTH = 255
ANONYMOUS_SCOPE = "anonymous"
# Without an account the key alone is whose the row is, so it must be a secret: a random UUID (version
# 4, 122 random bits) or at least 22 base64url characters (132 bits, if random). A key shaped like a
# UUID is judged as one: a version 1 UUID (a clock and a node) is not random, however long.
_UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", re.IGNORECASE)
_RANDOM_UUID = re.compile(
    r"[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}", re.IGNORECASE
)
_BASE64URL = re.compile(r"[A-Za-z0-9_-]{22,}={0,2}")
# A committed key whose answer is not stored yet: for this long after it was recorded the first request
# is taken to be still storing it (a duplicate gets ``KeyInUse``), and only after that to have died
# between its commit and that store (a duplicate rebuilds the answer, or gets ``ResponseLost``).
REPLAY_GRACE = timedelta(seconds=30)


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
    response_lost: bool = False
    # The codes of the payload errors this request answered with (``note_refusal``).
    refusal_codes: set[str] = field(default_factory=set)

    @property
    def key_hash(self) -> str:
        return key_hash(self.key)


@dataclass(frozen=True)
class Recorded:
    request_hash: str
    result: tuple[str, int] | None
    response: dict[str, object] | None
    # Recorded less than ``REPLAY_GRACE`` ago (only looked at while ``response`` is None).
    recent: bool = False
    # A stored response that did not open with the client's key: altered in the table, never served.
    unreadable: bool = False


class KeyOutcome(Exception):
    """Not the command's own failure: the key decides the answer, and the HTTP layer gives it instead
    of this request's (an expected outcome, never a bug)."""

    code = ""


class KeyInvalid(KeyOutcome):
    """A malformed key, a key too guessable for an actor without an account, or a key on an operation
    with more than one mutation field."""

    code = "IDEMPOTENCY_KEY_INVALID"
    # The label that says why, for a key from an actor without an account that is not recognisably random.
    not_secret = "IDEMPOTENCY_KEY_NOT_SECRET"


class KeyReused(KeyOutcome):
    """A used key sent with a different operation or variables."""

    code = "IDEMPOTENCY_KEY_REUSED"


class KeyInUse(KeyOutcome):
    """Another request with the same key and actor recorded first; this one changed nothing."""

    code = "IDEMPOTENCY_KEY_IN_USE"


class ResponseLost(KeyOutcome):
    """A replay whose first answer was lost and cannot be rebuilt: it was a one-time secret, or the
    object it named is gone. Nothing is done again."""

    code = "IDEMPOTENCY_RESPONSE_LOST"


_claim: ContextVar[Claim | None] = ContextVar("lapor_idempotency_claim", default=None)


def is_valid_key(key: str) -> bool:
    # Long enough to be unguessable (for a reporter without an account the key is what makes a
    # replay theirs), visible ASCII only.
    return KEY_MIN_LENGTH <= len(key) <= KEY_MAX_LENGTH and all(33 <= ord(c) <= 126 for c in key)


def is_secret_key(key: str) -> bool:
    """Recognisably random enough to be the only thing that makes a row an anonymous actor's own."""
    if _UUID.fullmatch(key):
        return bool(_RANDOM_UUID.fullmatch(key))
    return bool(_BASE64URL.fullmatch(key))


def request_hash(key: str, canonical: bytes) -> str:
    """HMAC-SHA256 of the request under the client's key (never stored): the stored fingerprint tells
    whether a retry is the same request, and cannot be used to test guesses of its variables (a
    password, an access code) without the key."""
    return hmac.new(b"lapor idempotency request\0" + key.encode(), canonical, hashlib.sha256).hexdigest()


def note_refusal(code: str) -> None:
    """A payload error the current request answers with (every one is built in one place)."""
    claim = _claim.get()
    if claim is not None:
        claim.refusal_codes.add(code)


def key_hash(key: str) -> str:
    return hashlib.sha256(b"lapor idempotency key\0" + key.encode()).hexdigest()


def actor_scope(actor: Actor) -> str:
    """Whose keys these are. Everyone without an account or code shares one scope: the key alone, so a
    reporter whose retry comes from another address (Wi-Fi → mobile data) still finds it."""
    if actor.user_id is not None:
        return f"user:{actor.user_id}"
    if actor.report_id is not None:
        return f"report:{actor.report_id}"
    return ANONYMOUS_SCOPE


@contextmanager
def claiming(claim: Claim) -> Iterator[Claim]:
    token = _claim.set(claim)
    try:
        yield claim
    finally:
        _claim.reset(token)


class CommandRecord:
    """What a command tells its transaction about the outcome, for a replay to answer from."""

    def __init__(self) -> None:
        self.result: tuple[str, int] | None = None
        self.nothing_written = False

    def produced(self, obj: Model) -> None:
        """The object the answer is about: created, changed, found unchanged, or just deleted (its id
        stays). For a command with no object of its own (an import), the audit event it wrote."""
        self.result = (type(obj).__name__, int(obj.pk))

    def unchanged(self) -> None:
        """This run wrote nothing and its answer says so (a deploy of the newest version's content):
        the key leaves this transaction and is recorded with the answer afterwards, since running the
        request again would change nothing either."""
        self.nothing_written = True


class _NothingWritten(Exception):
    pass


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
                if record.nothing_written:
                    raise _NothingWritten()  # rolls back the key, the only row this run wrote
                if record.result is None:
                    raise RuntimeError("a keyed command committed without naming its result")
                await IdempotencyKey.filter(actor=mine.actor, key_hash=mine.key_hash).update(
                    result_type=record.result[0], result_id=record.result[1]
                )
    except _NothingWritten:
        assert mine is not None
        mine.taken = False
        return
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


def replayed_id(model: type[Model]) -> int | None:
    """In replay mode, the id of the object the first request produced (or deleted); otherwise None."""
    claim = _claim.get()
    if claim is None or claim.replay_of is None:
        return None
    type_name, object_id = claim.replay_of
    if type_name != model.__name__:
        raise RuntimeError(f"replay of a {type_name} reached a command producing {model.__name__}")
    return object_id


async def replayed(model: type[M]) -> M | None:
    """In replay mode, the object the first request produced, as it is now; otherwise None."""
    object_id = replayed_id(model)
    if object_id is None:
        return None
    found = await model.get_or_none(id=object_id)
    if found is None:  # deleted since: there is nothing left to answer with
        _refuse_replay()
    return found


def no_replay() -> None:
    """At the start of a command whose answer cannot be rebuilt from what it recorded (a login token,
    which existed only in the lost answer; a migration's per-report outcomes): in replay mode, refuse
    rather than act again."""
    claim = _claim.get()
    if claim is not None and claim.replay_of is not None:
        _refuse_replay()


def _refuse_replay() -> None:
    claim = _claim.get()
    assert claim is not None
    claim.response_lost = True
    raise ResponseLost()


async def find(actor: str, key: str, now: datetime) -> Recorded | None:
    row = await IdempotencyKey.filter(actor=actor, key_hash=key_hash(key), expires_at__gt=now).first()
    if row is None:
        return None
    result = (row.result_type, row.result_id) if row.result_type and row.result_id is not None else None
    response: dict[str, object] | None = None
    if row.response:
        try:
            response = json.loads(open_sealed(actor, key, row.response))
        except SealBroken:
            return Recorded(request_hash=row.request_hash, result=result, response=None, unreadable=True)
        return Recorded(request_hash=row.request_hash, result=result, response=response)
    recent = await IdempotencyKey.filter(id=row.id, created_at__gt=now - REPLAY_GRACE).exists()
    return Recorded(request_hash=row.request_hash, result=result, response=None, recent=recent)


async def store_response(claim: Claim, response: dict[str, object]) -> None:
    """Keep the answer of a key whose command recorded it, unless one is kept already: the first
    answer stored wins (a rebuilt one, without its secrets, never replaces the whole one)."""
    sealed = seal(claim.actor, claim.key, json.dumps(response).encode())
    await IdempotencyKey.filter(actor=claim.actor, key_hash=claim.key_hash, response__isnull=True).update(
        response=sealed
    )


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
# otherwise keeps only as a hash, so it is encrypted with AES-256-GCM under a key derived (HKDF-SHA256)
# from the client's idempotency key, which is never stored. Each seal has a fresh random 96-bit nonce
# (one message per key, so no nonce can repeat under a key). The associated data binds the row's actor
# scope and key hash: a sealed response copied into another actor's row does not open there.

_NONCE_BYTES = 12
_HKDF_SALT = b"lapor idempotency response"
_HKDF_INFO = b"AES-256-GCM v1"


class SealBroken(Exception):
    """A sealed response that does not open with this key, for this actor: altered, or not ours."""


def _cipher(key: str) -> AESGCM:
    derived = HKDF(algorithm=hashes.SHA256(), length=32, salt=_HKDF_SALT, info=_HKDF_INFO).derive(
        key.encode()
    )
    return AESGCM(derived)


def _bound_to(actor: str, key: str) -> bytes:
    return f"{actor}\0{key_hash(key)}".encode()


def seal(actor: str, key: str, plaintext: bytes) -> str:
    """Base64 of nonce and ciphertext with its tag, for the ``response`` text column."""
    nonce = os.urandom(_NONCE_BYTES)
    ciphertext = _cipher(key).encrypt(nonce, plaintext, _bound_to(actor, key))
    return base64.b64encode(nonce + ciphertext).decode()


def open_sealed(actor: str, key: str, sealed: str) -> bytes:
    try:
        raw = base64.b64decode(sealed, validate=True)
        return _cipher(key).decrypt(raw[:_NONCE_BYTES], raw[_NONCE_BYTES:], _bound_to(actor, key))
    except (InvalidTag, binascii.Error, ValueError) as broken:
        raise SealBroken() from broken
