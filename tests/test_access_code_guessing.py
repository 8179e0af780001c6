"""Guessing access codes is bounded per client address and per report, and cannot lock the holder out.

Tracking numbers are public. Each client address (an IPv6 /64) has a small budget of failures per
report; the report itself has a ceiling over all addresses, far above what one client can spend.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Awaitable, Callable
from datetime import timedelta
from typing import Any

import httpx
import pytest

from lapor_gql.app import create_app
from lapor_gql.clock import FakeClock
from lapor_gql.config import Settings
from lapor_gql.db.models import LoginAttempt
from lapor_gql.domain.processes import Runtime
from lapor_gql.domain.throttling import client_network, forget_stale_attempts

SUBMIT_WITHOUT_ACCOUNT = """
mutation SubmitWithoutAccount($input: ReportSubmitInput!) {
  reportSubmit(input: $input) { accessCode report { trackingNumber } errors { code } }
}
"""

FOLLOW_MY_REPORT = """
mutation FollowMyReport($input: ReportAccessTokenCreateInput!) {
  reportAccessTokenCreate(input: $input) { token errors { code message } }
}
"""

OWNER = "198.51.100.7"
STRANGER = "203.0.113.9"
WRONG_CODE = "AAAA-BBBB-CCCC"

Follow = Callable[[str, str], Awaitable[dict[str, Any]]]


def _settings(**changes: Any) -> Settings:
    return dataclasses.replace(Settings.from_environment(), **changes)


async def _report_and_follow(settings: Settings, runtime: Runtime) -> tuple[str, Follow]:
    """Submit a report without an account; return its code and a way to try codes from an address."""
    app = create_app(settings, runtime, manage_database=False)

    async def post(address: str, query: str, variables: dict[str, Any]) -> dict[str, Any]:
        transport = httpx.ASGITransport(app=app, client=(address, 40000))
        async with httpx.AsyncClient(transport=transport, base_url="http://lapor.test") as http:
            response = await http.post("/graphql", json={"query": query, "variables": variables})
        return next(iter(response.json()["data"].values()))

    submitted = await post(
        OWNER,
        SUBMIT_WITHOUT_ACCOUNT,
        {"input": {"title": "Pungli", "body": "Diminta uang.", "classification": "COMPLAINT"}},
    )
    number = submitted["report"]["trackingNumber"]

    async def follow(address: str, code: str) -> dict[str, Any]:
        return await post(
            address, FOLLOW_MY_REPORT, {"input": {"trackingNumber": number, "accessCode": code}}
        )

    return submitted["accessCode"], follow


def _code(payload: dict[str, Any]) -> str:
    return payload["errors"][0]["code"] if payload["errors"] else "OK"


async def test_a_strangers_failures_do_not_stop_the_holder_at_another_address(
    db: None, clock: FakeClock, runtime: Runtime
) -> None:
    code, follow = await _report_and_follow(_settings(), runtime)

    stranger = [_code(await follow(STRANGER, WRONG_CODE)) for _ in range(20)]
    owner = await follow(OWNER, code)

    assert stranger == ["ACCESS_CODE_INVALID"] * 5 + ["TOO_MANY_ATTEMPTS"] * 15
    assert owner["errors"] == [] and owner["token"]
    # The stranger stays locked out for the lockout, even with the right code.
    clock.advance(minutes=14)
    assert _code(await follow(STRANGER, code)) == "TOO_MANY_ATTEMPTS"
    clock.advance(minutes=1)
    assert _code(await follow(STRANGER, code)) == "OK"


async def test_addresses_of_one_ipv6_64_share_a_budget(db: None, clock: FakeClock, runtime: Runtime) -> None:
    code, follow = await _report_and_follow(_settings(), runtime)

    for host in range(1, 6):
        assert _code(await follow(f"2001:db8:1:2::{host}", WRONG_CODE)) == "ACCESS_CODE_INVALID"

    assert _code(await follow("2001:db8:1:2:ffff::1", code)) == "TOO_MANY_ATTEMPTS"
    assert _code(await follow("2001:db8:1:3::1", code)) == "OK"


@pytest.mark.parametrize(
    ("address", "client"),
    [
        ("203.0.113.9", "203.0.113.9"),
        ("::ffff:203.0.113.9", "203.0.113.9"),
        ("2001:DB8:1:2:3:4:5:6", "2001:db8:1:2::/64"),
        (None, "unknown"),
        ("unix-socket", "unknown"),
    ],
)
def test_client_network(address: str | None, client: str) -> None:
    assert client_network(address) == client


async def test_the_per_report_ceiling_bounds_guessing_from_many_addresses(
    db: None, clock: FakeClock, runtime: Runtime
) -> None:
    code, follow = await _report_and_follow(_settings(access_code_report_max_failures=12), runtime)

    # Three addresses spend their five each: the twelfth failure reaches the report's ceiling.
    outcomes = [_code(await follow(f"192.0.2.{n}", WRONG_CODE)) for n in (1, 2, 3) for _ in range(5)]

    assert outcomes == ["ACCESS_CODE_INVALID"] * 12 + ["TOO_MANY_ATTEMPTS"] * 3
    refused = await follow(OWNER, code)  # even the right code, from a fresh address
    assert refused["errors"] == [
        {
            "code": "TOO_MANY_ATTEMPTS",
            "message": "Terlalu banyak percobaan masuk yang gagal. Coba lagi dalam 1440 menit.",
        }
    ]
    # Refused unevaluated at the ceiling, the owner's attempt did not spend its own budget.
    clock.advance(hours=24)
    assert _code(await follow(OWNER, code)) == "OK"


async def test_a_success_gives_its_reservation_back_to_the_ceiling(
    db: None, clock: FakeClock, runtime: Runtime
) -> None:
    code, follow = await _report_and_follow(_settings(access_code_report_max_failures=3), runtime)

    assert _code(await follow("192.0.2.1", WRONG_CODE)) == "ACCESS_CODE_INVALID"
    assert _code(await follow("192.0.2.2", WRONG_CODE)) == "ACCESS_CODE_INVALID"
    for _ in range(3):  # the holder follows the report again and again: successes are not failures
        assert _code(await follow(OWNER, code)) == "OK"

    assert _code(await follow("192.0.2.3", WRONG_CODE)) == "ACCESS_CODE_INVALID"  # the third failure
    assert _code(await follow(OWNER, code)) == "TOO_MANY_ATTEMPTS"


async def test_counts_older_than_every_window_are_forgotten_unless_locked(
    db: None, clock: FakeClock, runtime: Runtime
) -> None:
    settings = _settings(access_code_client_max_failures=3)
    _, follow = await _report_and_follow(settings, runtime)
    await follow(STRANGER, WRONG_CODE)  # one failure: a count, not a lockout
    for _ in range(3):
        await follow("192.0.2.1", WRONG_CODE)  # locked for 15 minutes
    counted = await LoginAttempt.all().count()
    still_locked = await LoginAttempt.filter(locked_until__isnull=False).first()
    assert still_locked is not None
    await LoginAttempt.filter(id=still_locked.id).update(locked_until=clock() + timedelta(days=2))

    assert await forget_stale_attempts(clock(), settings.longest_throttle_window) == 0

    clock.advance(hours=24)
    forgotten = await forget_stale_attempts(clock(), settings.longest_throttle_window)

    assert forgotten == counted - 1
    assert [row.id for row in await LoginAttempt.all()] == [still_locked.id]
