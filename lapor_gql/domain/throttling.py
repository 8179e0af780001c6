"""Slowing down guessing: logins per e-mail, access codes per client address and per report.

An attempt is *reserved* before the password hash or the code comparison runs: one short
transaction locks the key's row, refuses when the window's failures are used up, and otherwise
counts the attempt as a failure in advance. However many requests arrive at once, on however many
server processes, at most ``max_failures`` of them per key and window are ever evaluated. A success
then clears the count, or gives its one reservation back.

Keys are stored only as a SHA-256, whether or not the account or report exists, so a refusal reveals
nothing either.
"""

from __future__ import annotations

import hashlib
import ipaddress
import math
from dataclasses import dataclass
from datetime import datetime, timedelta

from tortoise.expressions import F, Q
from tortoise.transactions import in_transaction

from lapor_gql.db.models import LoginAttempt

from .errors import FieldProblem, LaporError

# A row cleared by a success between creating and locking it is created again; more rounds than
# this only happen if successes keep clearing it, and then refusing once is harmless.
_RESERVE_ROUNDS = 5
# One subscriber is given at least an IPv6 /64 and may use any address in it; one site (and anyone
# with a free tunnel-broker account) may be given a whole /48, 65,536 such /64s.
_IPV6_CLIENT_PREFIX = 64
_IPV6_SITE_PREFIX = 48


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


@dataclass(frozen=True)
class Reservation:
    """One attempt, counted as a failure before it is evaluated."""

    key_hash: str
    window_started_at: datetime


def _digest(key: str) -> str:
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


def _minutes(duration: timedelta) -> int:
    return max(1, math.ceil(duration.total_seconds() / 60))


def client_network(address: str | None) -> str:
    """Who a client address stands for: the IPv4 address itself, or the IPv6 /64 it lies in."""
    try:
        ip = ipaddress.ip_address((address or "").strip())
    except ValueError:
        return "unknown"  # no address (a Unix socket, say): such clients share one budget
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        return str(ip.ipv4_mapped)
    if isinstance(ip, ipaddress.IPv6Address):
        return str(ipaddress.IPv6Network((ip, _IPV6_CLIENT_PREFIX), strict=False))
    return str(ip)


def client_site(address: str | None) -> str | None:
    """The IPv6 /48 a client address lies in, the most one site is commonly given; None for IPv4
    (and for no address), whose addresses are scarce enough to count one by one."""
    try:
        ip = ipaddress.ip_address((address or "").strip())
    except ValueError:
        return None
    if not isinstance(ip, ipaddress.IPv6Address) or ip.ipv4_mapped is not None:
        return None
    return str(ipaddress.IPv6Network((ip, _IPV6_SITE_PREFIX), strict=False))


async def reserve_attempt(now: datetime, key: str, throttle: Throttle, field: str) -> Reservation:
    """Count one attempt of ``key`` before it is evaluated, or raise ``TooManyAttempts`` without it."""
    key_hash = _digest(key)
    for _ in range(_RESERVE_ROUNDS):
        # The row exists before it is locked: concurrent first attempts would otherwise race to insert
        # it, and on PostgreSQL the loser's error would abort its transaction.
        await LoginAttempt.bulk_create(
            [LoginAttempt(key_hash=key_hash, failures=0, window_started_at=now)], ignore_conflicts=True
        )
        async with in_transaction():
            # A write first takes the lock: the row's on PostgreSQL, and SQLite's single write lock,
            # which a deferred transaction would otherwise take only after reading a count that
            # another process is about to change.
            if not await LoginAttempt.filter(key_hash=key_hash).update(failures=F("failures")):
                continue  # a success cleared it in the meantime
            attempt = await LoginAttempt.get(key_hash=key_hash)
            if attempt.locked_until is not None and attempt.locked_until > now:
                raise TooManyAttempts(field, _minutes(attempt.locked_until - now))
            if attempt.locked_until is not None or attempt.window_started_at + throttle.window <= now:
                # A lockout that has ended, or a window that has passed: the old failures no longer count.
                attempt.failures, attempt.window_started_at, attempt.locked_until = 0, now, None
            if attempt.failures >= throttle.max_failures:  # only after the limit was lowered
                raise TooManyAttempts(field, _minutes(attempt.window_started_at + throttle.window - now))
            attempt.failures += 1
            if attempt.failures >= throttle.max_failures:
                # The lockout starts with the last attempt allowed, as it is made; its success lifts it.
                attempt.locked_until = now + throttle.lockout
            await attempt.save(update_fields=["failures", "window_started_at", "locked_until"])
            return Reservation(key_hash, attempt.window_started_at)
    raise TooManyAttempts(field, 1)


async def clear_attempts(reservation: Reservation) -> None:
    """A success: the key's failures no longer count (those still being evaluated included)."""
    await LoginAttempt.filter(key_hash=reservation.key_hash).delete()


async def give_back(reservation: Reservation) -> None:
    """The reserved attempt was not a failure: uncount it, if its window is still the current one.

    One attempt fewer is below the limit, so a lockout that the attempt itself started ends with it.
    """
    await LoginAttempt.filter(
        key_hash=reservation.key_hash, window_started_at=reservation.window_started_at, failures__gt=0
    ).update(failures=F("failures") - 1, locked_until=None)


async def forget_stale_attempts(now: datetime, longest_window: timedelta) -> int:
    """Delete the counts no throttle looks at any more: not locked, and older than every window.

    Each attempt at an unknown e-mail or from a new address adds a row, so without this the table
    would grow with every guess.
    """
    return await LoginAttempt.filter(
        Q(locked_until__isnull=True) | Q(locked_until__lte=now), window_started_at__lte=now - longest_window
    ).delete()
