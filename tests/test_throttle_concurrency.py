"""A burst of guesses at two server instances sharing one database: at most the limit is evaluated.

Each attempt is reserved in the database before the password hash or the code comparison runs, so
parallel requests cannot all pass the check before any failure is counted. The two instances are
separate apps, each behind its own uvicorn on its own port; on PostgreSQL their requests meet only
at the row lock, on SQLite at its single writer. The right secret is sent once the wrong ones have
started to be evaluated: before the fix it passed the check and got a token.
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import threading
import time
from collections.abc import AsyncIterator, Callable
from typing import Any

import httpx
import pytest

from lapor_gql.app import create_app
from lapor_gql.clock import FakeClock
from lapor_gql.config import Settings
from lapor_gql.db.models import AccessToken, LoginAttempt, ReportAccessToken
from lapor_gql.domain import accounts, report_access
from lapor_gql.domain.processes import Runtime

from .loopback import served_on_loopback
from .world import PASSWORD, make_world

LOGIN = """
mutation Login($email: String!, $password: String!) {
  tokenCreate(input: {email: $email, password: $password}) { token errors { code } }
}
"""

SUBMIT_WITHOUT_ACCOUNT = """
mutation SubmitWithoutAccount($input: ReportSubmitInput!) {
  reportSubmit(input: $input) { accessCode report { trackingNumber } errors { code } }
}
"""

FOLLOW_MY_REPORT = """
mutation FollowMyReport($input: ReportAccessTokenCreateInput!) {
  reportAccessTokenCreate(input: $input) { token errors { code } }
}
"""

BURST = 100
LIMIT = Settings.from_environment().login_max_failures
# How long each wrong password takes on top of argon2, so that the whole burst is in flight at once.
SLOW_GUESS_SECONDS = 0.2


@contextlib.asynccontextmanager
async def two_instances(clock: FakeClock) -> AsyncIterator[list[str]]:
    """Two apps, each with its own runtime and uvicorn server on a free port, one shared database."""
    async with contextlib.AsyncExitStack() as stack:
        urls = [await stack.enter_async_context(_served(Runtime(clock=clock))) for _ in range(2)]
        yield urls


@contextlib.asynccontextmanager
async def _served(runtime: Runtime) -> AsyncIterator[str]:
    app = create_app(Settings.from_environment(), runtime, manage_database=False)
    async with served_on_loopback(app) as base_url:
        yield f"{base_url}/graphql"


class Evaluations:
    """Counts the evaluations of a secret, and says when ``LIMIT`` of them have begun."""

    def __init__(self) -> None:
        self.count = 0
        self.limit_reached = asyncio.Event()
        self._loop = asyncio.get_running_loop()
        self._lock = threading.Lock()  # password checks run in worker threads

    def record(self) -> None:
        with self._lock:
            self.count += 1
            if self.count >= LIMIT:
                self._loop.call_soon_threadsafe(self.limit_reached.set)


async def burst(
    urls: list[str], wrong: Callable[[int], dict[str, Any]], right: dict[str, Any], evaluations: Evaluations
) -> tuple[list[dict[str, Any]], dict[str, Any]]:
    """Send ``BURST`` wrong attempts spread over both instances, and the right one among them once
    the limit's worth of wrong ones is being evaluated; the payloads of the wrong ones and the right one."""
    limits = httpx.Limits(max_connections=BURST + 10, max_keepalive_connections=BURST + 10)
    async with httpx.AsyncClient(limits=limits, timeout=120) as http:

        async def send(url: str, body: dict[str, Any]) -> dict[str, Any]:
            response = await http.post(url, json=body)
            assert response.status_code == 200, response.text
            data = response.json()["data"]
            return next(iter(data.values()))

        wrong_ones = [
            asyncio.create_task(send(url, wrong(index)))
            for index, url in zip(range(BURST), itertools.cycle(urls), strict=False)
        ]
        await asyncio.wait_for(evaluations.limit_reached.wait(), 60)
        right_one = await send(urls[1], right)
        return list(await asyncio.gather(*wrong_ones)), right_one


def _codes(payloads: list[dict[str, Any]]) -> dict[str, int]:
    codes: dict[str, int] = {}
    for payload in payloads:
        code = payload["errors"][0]["code"] if payload["errors"] else "OK"
        codes[code] = codes.get(code, 0) + 1
    return codes


async def test_a_burst_of_wrong_passwords_at_two_instances_evaluates_at_most_the_limit(
    db: None, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    world = await make_world(clock)
    tokens_before = await AccessToken.filter(user_id=world.budi.user.id).count()
    evaluations = Evaluations()
    real_check = accounts.password_matches

    def counted_check(password_hash: str, password: str) -> bool:
        evaluations.record()
        if password != PASSWORD:
            time.sleep(SLOW_GUESS_SECONDS)
        return real_check(password_hash, password)

    monkeypatch.setattr(accounts, "password_matches", counted_check)

    async with two_instances(clock) as urls:
        wrong, right = await burst(
            urls,
            lambda index: {
                "query": LOGIN,
                "variables": {"email": "budi@lapor.test", "password": f"salah {index}"},
            },
            {"query": LOGIN, "variables": {"email": "budi@lapor.test", "password": PASSWORD}},
            evaluations,
        )

    assert evaluations.count <= LIMIT, f"{evaluations.count} of {BURST + 1} evaluated"
    assert _codes(wrong) == {"INVALID_CREDENTIALS": LIMIT, "TOO_MANY_ATTEMPTS": BURST - LIMIT}
    assert (right["token"], right["errors"]) == (None, [{"code": "TOO_MANY_ATTEMPTS"}])
    assert await AccessToken.filter(user_id=world.budi.user.id).count() == tokens_before
    assert [attempt.failures for attempt in await LoginAttempt.all()] == [LIMIT]


async def test_a_burst_of_wrong_access_codes_at_two_instances_evaluates_at_most_the_limit(
    db: None, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    await make_world(clock)
    async with httpx.AsyncClient() as http, two_instances(clock) as urls:
        submitted = (
            await http.post(
                urls[0],
                json={
                    "query": SUBMIT_WITHOUT_ACCOUNT,
                    "variables": {
                        "input": {"title": "Pungli", "body": "Diminta uang.", "classification": "COMPLAINT"}
                    },
                },
            )
        ).json()["data"]["reportSubmit"]
        number, code = submitted["report"]["trackingNumber"], submitted["accessCode"]
        evaluations = Evaluations()
        real_check = report_access.code_matches

        def counted_check(expected_digest: str, access_code: str) -> bool:
            evaluations.record()
            return real_check(expected_digest, access_code)

        monkeypatch.setattr(report_access, "code_matches", counted_check)

        def attempt(access_code: str) -> dict[str, Any]:
            return {
                "query": FOLLOW_MY_REPORT,
                "variables": {"input": {"trackingNumber": number, "accessCode": access_code}},
            }

        wrong, right = await burst(
            urls, lambda index: attempt(f"WRNG-{index:04d}-CODE"), attempt(code), evaluations
        )

    assert evaluations.count <= LIMIT, f"{evaluations.count} of {BURST + 1} evaluated"
    assert _codes(wrong) == {"ACCESS_CODE_INVALID": LIMIT, "TOO_MANY_ATTEMPTS": BURST - LIMIT}
    assert (right["token"], right["errors"]) == (None, [{"code": "TOO_MANY_ATTEMPTS"}])
    assert await ReportAccessToken.all().count() == 0
