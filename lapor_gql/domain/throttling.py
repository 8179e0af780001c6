"""Slowing down guessing: logins per e-mail, access codes per report.

Failures are counted per key (stored only as a SHA-256), whether or not the account or report
exists, so a refusal reveals nothing either.
"""

from __future__ import annotations

import hashlib
import math
from dataclasses import dataclass
from datetime import datetime, timedelta

from tortoise.exceptions import IntegrityError
from tortoise.transactions import in_transaction

from lapor_gql.db.models import LoginAttempt

from .errors import FieldProblem, LaporError


class TooManyAttempts(LaporError):
    code = "TOO_MANY_ATTEMPTS"

    def __init__(self, field: str, minutes: int) -> None:
        super().__init__(field)
        self.minutes = minutes

    @property
    def problems(self) -> list[FieldProblem]:
        return [FieldProblem(self.field, self.code, {"minutes": self.minutes})]


@dataclass(frozen=True)
class Throttle:
    """At most ``max_failures`` failures per key within ``window``; then refused for ``lockout``."""

    max_failures: int
    window: timedelta
    lockout: timedelta


def _digest(key: str) -> str:
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


async def refuse_if_locked(now: datetime, key: str, field: str) -> None:
    attempt = await LoginAttempt.filter(key_hash=_digest(key)).first()
    if attempt is not None and attempt.locked_until is not None and attempt.locked_until > now:
        minutes = max(1, math.ceil((attempt.locked_until - now).total_seconds() / 60))
        raise TooManyAttempts(field, minutes)


async def count_failure(now: datetime, key: str, throttle: Throttle) -> None:
    key_hash = _digest(key)
    for _ in range(2):  # a second round if a concurrent failure created the row first
        try:
            async with in_transaction():
                attempt = await LoginAttempt.filter(key_hash=key_hash).select_for_update().first()
                if attempt is None:
                    attempt = LoginAttempt(key_hash=key_hash, failures=0, window_started_at=now)
                stale = attempt.window_started_at + throttle.window <= now or (
                    attempt.locked_until is not None and attempt.locked_until <= now
                )
                if stale:
                    attempt.failures, attempt.window_started_at = 0, now
                attempt.failures += 1
                attempt.locked_until = (
                    now + throttle.lockout if attempt.failures >= throttle.max_failures else None
                )
                await attempt.save()
            return
        except IntegrityError:
            continue


async def clear_failures(key: str) -> None:
    await LoginAttempt.filter(key_hash=_digest(key)).delete()
