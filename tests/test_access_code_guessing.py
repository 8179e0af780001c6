"""Guessing access codes is bounded per client address and per report, and cannot lock the holder out.

Tracking numbers are public. Each client address (an IPv6 /64) has a small budget of failures per
report, each IPv6 /48 a larger one; the report itself has a ceiling over all addresses, far above
what one client or one /48 can spend.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Awaitable, Callable
from datetime import timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest
from typer.testing import CliRunner

from lapor_gql.app import create_app
from lapor_gql.cli import app as cli_app
from lapor_gql.clock import FakeClock
from lapor_gql.config import Settings
from lapor_gql.db.models import LoginAttempt
from lapor_gql.domain.processes import Runtime
from lapor_gql.domain.throttling import client_network, client_site, forget_stale_attempts

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


@pytest.mark.parametrize(
    ("address", "site"),
    [
        ("2001:DB8:1:2:3:4:5:6", "2001:db8:1::/48"),
        ("2001:db8:1:ffff::1", "2001:db8:1::/48"),
        ("203.0.113.9", None),
        ("::ffff:203.0.113.9", None),
        (None, None),
        ("unix-socket", None),
    ],
)
def test_client_site(address: str | None, site: str | None) -> None:
    assert client_site(address) == site


async def test_the_64s_of_one_ipv6_48_share_a_wider_budget(
    db: None, clock: FakeClock, runtime: Runtime
) -> None:
    # A free tunnel-broker /48 holds 65,536 /64s, each with its own five: without a /48 budget one
    # such allocation could spend 31 million failures a day and lock the report for everyone.
    code, follow = await _report_and_follow(
        _settings(access_code_site_max_failures=12, access_code_report_max_failures=1000), runtime
    )

    outcomes = [_code(await follow(f"2001:db8:7:{n}::1", WRONG_CODE)) for n in (1, 2, 3) for _ in range(5)]

    assert outcomes == ["ACCESS_CODE_INVALID"] * 12 + ["TOO_MANY_ATTEMPTS"] * 3
    # Another /64 of that /48, even with the right code, waits for the /48's lockout; another /48 does not.
    assert _code(await follow("2001:db8:7:4::1", code)) == "TOO_MANY_ATTEMPTS"
    assert _code(await follow("2001:db8:8:1::1", code)) == "OK"
    clock.advance(minutes=15)
    assert _code(await follow("2001:db8:7:4::1", code)) == "OK"


async def test_a_refusal_by_the_48_gives_back_the_64s_and_the_ceilings_reservations(
    db: None, clock: FakeClock, runtime: Runtime
) -> None:
    code, follow = await _report_and_follow(
        _settings(access_code_site_max_failures=2, access_code_report_max_failures=1000), runtime
    )
    for n in (1, 2):
        assert _code(await follow(f"2001:db8:7:{n}::1", WRONG_CODE)) == "ACCESS_CODE_INVALID"
    for _ in range(10):  # refused at the /48: neither this /64's budget nor the ceiling is spent
        assert _code(await follow("2001:db8:7:3::1", WRONG_CODE)) == "TOO_MANY_ATTEMPTS"

    counts = {row.key_hash: row.failures for row in await LoginAttempt.all()}
    assert sorted(counts.values()) == [0, 1, 1, 2, 2]  # /64s 1 and 2; /64 3 given back; the /48; the ceiling
    clock.advance(minutes=15)
    assert _code(await follow("2001:db8:7:3::1", code)) == "OK"


async def test_a_refusal_by_the_ceiling_gives_back_the_48s_reservation(
    db: None, clock: FakeClock, runtime: Runtime
) -> None:
    code, follow = await _report_and_follow(
        _settings(access_code_site_max_failures=3, access_code_report_max_failures=2), runtime
    )
    assert _code(await follow("192.0.2.1", WRONG_CODE)) == "ACCESS_CODE_INVALID"
    assert _code(await follow("192.0.2.2", WRONG_CODE)) == "ACCESS_CODE_INVALID"
    for _ in range(5):  # the ceiling refuses: the /48 gets its reservation back each time
        assert _code(await follow("2001:db8:7:1::1", WRONG_CODE)) == "TOO_MANY_ATTEMPTS"

    assert sorted(row.failures for row in await LoginAttempt.all()) == [0, 0, 1, 1, 2]
    clock.advance(hours=24)
    assert _code(await follow("2001:db8:7:2::1", code)) == "OK"


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


# --------------------------------------------------------------------------- behind a proxy


def test_serve_leaves_forwarded_headers_to_uvicorn_and_its_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import uvicorn

    monkeypatch.setenv("LAPOR_DATABASE_URL", f"sqlite://{tmp_path / 'served.sqlite3'}")
    monkeypatch.delenv("LAPOR_ENV", raising=False)
    calls: list[dict[str, Any]] = []
    monkeypatch.setattr(uvicorn, "run", lambda target, **options: calls.append(options))

    assert CliRunner().invoke(cli_app, ["serve", "--no-demo"]).exit_code == 0
    (options,) = calls
    # Proxy headers on, and the trusted proxies not fixed here: FORWARDED_ALLOW_IPS decides.
    assert options.get("proxy_headers", True) is True and "forwarded_allow_ips" not in options


async def test_behind_a_trusted_proxy_each_forwarded_client_has_its_own_budget(
    db: None, runtime: Runtime, monkeypatch: pytest.MonkeyPatch
) -> None:
    import uvicorn

    proxy = "10.0.0.5"
    number, code = await _submitted(runtime)

    async def follow(forwarded_allow_ips: str | None, client: str, access_code: str) -> str:
        if forwarded_allow_ips is None:
            monkeypatch.delenv("FORWARDED_ALLOW_IPS", raising=False)
        else:
            monkeypatch.setenv("FORWARDED_ALLOW_IPS", forwarded_allow_ips)
        # As `lapor-gql serve` runs it: uvicorn's defaults, which read FORWARDED_ALLOW_IPS.
        config = uvicorn.Config(create_app(_settings(), runtime, manage_database=False), log_config=None)
        config.load()
        transport = httpx.ASGITransport(app=config.loaded_app, client=(proxy, 40000))
        async with httpx.AsyncClient(transport=transport, base_url="http://lapor.test") as http:
            response = await http.post(
                "/graphql",
                json={
                    "query": FOLLOW_MY_REPORT,
                    "variables": {"input": {"trackingNumber": number, "accessCode": access_code}},
                },
                headers={"X-Forwarded-For": client},
            )
        return _code(response.json()["data"]["reportAccessTokenCreate"])

    for _ in range(5):
        assert await follow(proxy, STRANGER, WRONG_CODE) == "ACCESS_CODE_INVALID"
    assert await follow(proxy, STRANGER, code) == "TOO_MANY_ATTEMPTS"
    assert await follow(proxy, OWNER, code) == "OK"  # another client behind the same proxy
    # Without FORWARDED_ALLOW_IPS the header is ignored: every client is the proxy, sharing one budget.
    for _ in range(5):
        assert await follow(None, STRANGER, WRONG_CODE) == "ACCESS_CODE_INVALID"
    assert await follow(None, OWNER, code) == "TOO_MANY_ATTEMPTS"


async def _submitted(runtime: Runtime) -> tuple[str, str]:
    app = create_app(_settings(), runtime, manage_database=False)
    transport = httpx.ASGITransport(app=app, client=(OWNER, 40000))
    async with httpx.AsyncClient(transport=transport, base_url="http://lapor.test") as http:
        response = await http.post(
            "/graphql",
            json={
                "query": SUBMIT_WITHOUT_ACCOUNT,
                "variables": {
                    "input": {"title": "Pungli", "body": "Diminta uang.", "classification": "COMPLAINT"}
                },
            },
        )
    submitted = response.json()["data"]["reportSubmit"]
    return submitted["report"]["trackingNumber"], submitted["accessCode"]
