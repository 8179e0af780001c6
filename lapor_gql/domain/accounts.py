"""Passwords and bearer tokens."""

from __future__ import annotations

import asyncio
import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from lapor_gql.clock import Clock
from lapor_gql.db.models import AccessToken, Role, User

from .actors import Actor
from .errors import AccessDenied, LaporError
from .validation import is_clean_text

_hasher = PasswordHasher()
# Verified against when the e-mail is unknown, so a login takes as long whether or not the account exists.
_DUMMY_HASH = _hasher.hash("lapor-gql timing equaliser")


class InvalidCredentials(LaporError):
    code = "INVALID_CREDENTIALS"


@dataclass(frozen=True)
class IssuedToken:
    token: str
    expires_at: datetime
    user: User


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def _password_matches(password_hash: str, password: str) -> bool:
    try:
        return _hasher.verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


async def create_token(clock: Clock, email: str, password: str, ttl: timedelta) -> IssuedToken:
    """Log in. Unknown e-mail, wrong password and a deactivated account fail alike."""
    if not (is_clean_text(email) and is_clean_text(password)):
        raise InvalidCredentials("email")
    user = await User.filter(email=email.strip().lower()).first()
    # argon2 takes ~100 ms of CPU on purpose; off the event loop, so logins do not stall the server.
    matches = await asyncio.to_thread(
        _password_matches, user.password_hash if user else _DUMMY_HASH, password
    )
    if user is None or not matches or not user.is_active:
        raise InvalidCredentials("email")
    token = secrets.token_urlsafe(32)
    now = clock()
    expires_at = now + ttl
    await AccessToken.create(token_hash=_digest(token), user=user, created_at=now, expires_at=expires_at)
    return IssuedToken(token=token, expires_at=expires_at, user=user)


async def actor_from_token(clock: Clock, token: str) -> Actor:
    if not is_clean_text(token):
        raise AccessDenied("TOKEN_INVALID")
    record = await AccessToken.filter(token_hash=_digest(token)).select_related("user").first()
    if record is None or record.revoked_at is not None or not record.user.is_active:
        raise AccessDenied("TOKEN_INVALID")
    if record.expires_at <= clock():
        raise AccessDenied("TOKEN_EXPIRED")
    user = record.user
    return Actor(user_id=user.id, role=Role(user.role), agency_id=user.agency_id)
