"""Following a report without an account: the access code given at submission, and the token it buys.

The code is shown once, to whoever submitted the report. Exchanged for a report-scoped token, it
makes its holder the reporter of that one report (see it even when confidential, reply to it) and
nothing more. A wrong code and an unknown tracking number fail alike.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from lapor_gql.clock import Clock
from lapor_gql.config import Settings
from lapor_gql.db.models import Report, ReportAccessToken

from . import idempotency
from .actors import Actor
from .errors import AccessDenied, LaporError, NotFound
from .throttling import (
    Reservation,
    Throttle,
    TooManyAttempts,
    clear_attempts,
    client_network,
    client_site,
    give_back,
    reserve_attempt,
)
from .validation import is_clean_text

# Crockford's base32 as in tracking numbers; 12 characters carry 60 bits.
_CODE_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
_CODE_LENGTH = 12
REPORT_TOKEN_PREFIX = "r."
# The tracking number column's width; "LPR-2026-XXXXXX" is 15.
TRACKING_NUMBER_MAX = 20


class AccessCodeInvalid(LaporError):
    code = "ACCESS_CODE_INVALID"


@dataclass(frozen=True)
class AccessCodeLimits:
    """Failures allowed per report: per client address (an IPv6 /64), per IPv6 /48, and from anywhere."""

    per_client: Throttle
    per_site: Throttle
    per_report: Throttle

    @classmethod
    def from_settings(cls, settings: Settings) -> AccessCodeLimits:
        window = timedelta(hours=settings.access_code_report_window_hours)
        client_window = timedelta(minutes=settings.login_failure_window_minutes)
        client_lockout = timedelta(minutes=settings.login_lockout_minutes)
        return cls(
            per_client=Throttle(
                max_failures=settings.access_code_client_max_failures,
                window=client_window,
                lockout=client_lockout,
            ),
            per_site=Throttle(
                max_failures=settings.access_code_site_max_failures,
                window=client_window,
                lockout=client_lockout,
            ),
            per_report=Throttle(
                max_failures=settings.access_code_report_max_failures, window=window, lockout=window
            ),
        )


@dataclass(frozen=True)
class ReportAccess:
    token: str
    expires_at: datetime
    report: Report


def new_access_code() -> str:
    raw = "".join(secrets.choice(_CODE_ALPHABET) for _ in range(_CODE_LENGTH))
    return "-".join(raw[i : i + 4] for i in range(0, _CODE_LENGTH, 4))


def _normalized(code: str) -> str:
    return code.strip().upper().replace("-", "").replace(" ", "")


def access_code_digest(code: str) -> str:
    return hashlib.sha256(_normalized(code).encode("utf-8")).hexdigest()


def code_matches(expected_digest: str, access_code: str) -> bool:
    """Compared in constant time, so timing tells nothing about how much of a guess was right."""
    return hmac.compare_digest(expected_digest, access_code_digest(access_code))


def _token_digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


async def grant_report_access(
    clock: Clock,
    tracking_number: str,
    access_code: str,
    ttl: timedelta,
    limits: AccessCodeLimits,
    client_address: str | None,
) -> ReportAccess:
    """A wrong code and an unknown tracking number fail alike. A tracking number no report can have
    (too long, control characters) fails alike at once, uncounted: no code is compared for it, and
    that no report has it is no secret. A replay whose first answer was lost is refused: the token
    existed only in that answer."""
    idempotency.no_replay()
    number = tracking_number.strip().upper()
    if (
        not (is_clean_text(tracking_number) and is_clean_text(access_code))
        or len(number) > TRACKING_NUMBER_MAX
    ):
        raise AccessCodeInvalid("accessCode")
    # Tracking numbers are public: a count per report alone would let a stranger lock its holder out.
    # So each client address has its own small budget per report, each IPv6 /48 (65,536 such
    # clients) a larger one, and the report a large ceiling. Every tier is reserved before the code
    # is compared; a refusal by one gives back what the others reserved: it was no one's failure.
    prefix = f"access-code:{number}"
    tiers: list[tuple[str, Throttle]] = [
        (f"{prefix}:client:{client_network(client_address)}", limits.per_client)
    ]
    site = client_site(client_address)
    if site is not None:
        tiers.append((f"{prefix}:site:{site}", limits.per_site))
    tiers.append((prefix, limits.per_report))
    reserved: list[Reservation] = []
    for key, throttle in tiers:
        try:
            reserved.append(await reserve_attempt(clock(), key, throttle, "accessCode"))
        except TooManyAttempts:
            for reservation in reserved:
                await give_back(reservation)  # refused unevaluated: not a failure of these tiers
            raise
    client, *wider = reserved
    report = await Report.filter(tracking_number=number).first()
    expected = report.access_code_hash if report and report.access_code_hash else "0" * 64
    # Compared whether or not the report exists, so timing tells nothing either.
    if not code_matches(expected, access_code) or report is None:
        raise AccessCodeInvalid("accessCode")  # every reservation stays counted as a failure
    await clear_attempts(client)
    for reservation in wider:  # the holder's success does not wipe the failures of the site's others
        await give_back(reservation)
    token = REPORT_TOKEN_PREFIX + secrets.token_urlsafe(32)
    now = clock()
    async with idempotency.command_transaction() as record:
        record.produced(
            await ReportAccessToken.create(
                token_hash=_token_digest(token), report=report, created_at=now, expires_at=now + ttl
            )
        )
    return ReportAccess(token=token, expires_at=now + ttl, report=report)


async def actor_from_report_token(clock: Clock, token: str) -> Actor:
    if not is_clean_text(token):
        raise AccessDenied("TOKEN_INVALID")
    record = await ReportAccessToken.filter(token_hash=_token_digest(token)).first()
    if record is None or record.revoked_at is not None:
        raise AccessDenied("TOKEN_INVALID")
    if record.expires_at <= clock():
        raise AccessDenied("TOKEN_EXPIRED")
    return Actor(user_id=None, role=None, report_id=record.report_id, report_token_id=record.id)


async def revoke_report_token(clock: Clock, actor: Actor, report_id: int) -> None:
    """The holder of a report's access token ends it: that browser no longer follows the report (on a
    shared computer, the next person cannot). Only the token the request was sent with."""
    if actor.report_token_id is None or actor.report_id != report_id:
        raise NotFound("report_id")
    await ReportAccessToken.filter(id=actor.report_token_id, revoked_at=None).update(revoked_at=clock())
