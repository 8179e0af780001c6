"""The browser console's session: an HttpOnly cookie instead of a token in the payload, CSRF by double
submit on every cookie-authenticated request (X-CSRF-Token over HTTP, ``csrf`` in connection_init on
the websocket), logout clearing the cookies, and bearer tokens unchanged beside it."""

from __future__ import annotations

import asyncio
import dataclasses
import json
import uuid
from collections.abc import AsyncIterator
from dataclasses import dataclass
from http.cookies import SimpleCookie
from typing import Any

import httpx
import pytest
from websockets.asyncio.client import ClientConnection, connect
from websockets.exceptions import ConnectionClosed, InvalidStatus
from websockets.typing import Origin, Subprotocol

from lapor_gql.app import create_app
from lapor_gql.browser_session import CSRF_COOKIE, CSRF_FAILED, SESSION_COOKIE, cookie_names
from lapor_gql.clock import FakeClock
from lapor_gql.config import Settings
from lapor_gql.domain.labels import error_message
from lapor_gql.domain.processes import Runtime

from . import operations as op
from .loopback import served_on_loopback
from .world import PASSWORD, World, make_world

LOGIN = """
mutation Login($input: TokenCreateInput!) {
  tokenCreate(input: $input) { token expiresAt user { name role } errors { field code message } }
}
"""
FOLLOW = """
mutation Follow($input: ReportAccessTokenCreateInput!) {
  reportAccessTokenCreate(input: $input) { token expiresAt report { id } errors { code } }
}
"""
SUBMIT_WITHOUT_ACCOUNT = """
mutation SubmitWithoutAccount($input: ReportSubmitInput!) {
  reportSubmit(input: $input) { accessCode report { id trackingNumber } errors { code } }
}
"""
ME = "query Me { me { name role } }"
REPORT = "query Report($id: ID!) { report(id: $id) { id title } }"
MY_SESSIONS = "query MySessions { mySessions { id isCurrent } }"
SESSION_REVOKE = """
mutation SessionRevoke($input: SessionRevokeInput!) {
  sessionRevoke(input: $input) { session { id } errors { code } }
}
"""
WATCH_MY_QUEUE = "subscription WatchMyQueue { myQueueChanged { reportId action } }"
TWELVE_HOURS = 12 * 3600
GRAPHQL_TRANSPORT_WS = Subprotocol("graphql-transport-ws")
# The names outside development (the websocket tests serve the app in production mode).
HOST_SESSION_COOKIE, HOST_CSRF_COOKIE = cookie_names(secure=True)


@dataclass
class Answer:
    status: int
    body: dict[str, Any]
    cookies: dict[str, dict[str, Any]]
    """Each Set-Cookie by name: its value and attributes (lower-case names, flags as True)."""

    @property
    def codes(self) -> list[str]:
        return [e.get("extensions", {}).get("code") for e in self.body.get("errors", [])]

    @property
    def session(self) -> dict[str, str]:
        """The cookies a browser would now send: those this answer set."""
        return {name: c["value"] for name, c in self.cookies.items() if c.get("max-age") != "0"}


def set_cookies(response: httpx.Response) -> dict[str, dict[str, Any]]:
    cookies: dict[str, dict[str, Any]] = {}
    for header in response.headers.get_list("set-cookie"):
        parsed = SimpleCookie()
        parsed.load(header)
        for name, morsel in parsed.items():
            attributes: dict[str, Any] = {"value": morsel.value}
            for key in ("max-age", "path", "samesite", "expires"):
                if morsel[key]:
                    attributes[key] = str(morsel[key])
            for flag in ("httponly", "secure"):
                if morsel[flag]:
                    attributes[flag] = True
            cookies[name] = attributes
    return cookies


@pytest.fixture
def post(client: httpx.AsyncClient):  # noqa: ANN201 - returns the request helper
    async def send(
        query: str,
        variables: dict[str, Any] | None = None,
        *,
        cookies: dict[str, str] | None = None,
        csrf: str | bytes | None = None,
        token: str | None = None,
        language: str = "en",
        headers: dict[str, str] | None = None,
    ) -> Answer:
        sent: dict[str, str | bytes] = {"Accept-Language": language, **(headers or {})}
        if cookies:
            sent["Cookie"] = "; ".join(f"{name}={value}" for name, value in cookies.items())
        if csrf is not None:
            sent["X-CSRF-Token"] = csrf
        if token:
            sent["Authorization"] = f"Bearer {token}"
        client.cookies.clear()  # only what each test sends, never what httpx kept
        response = await client.post(
            "/graphql", json={"query": query, "variables": variables or {}}, headers=sent
        )
        client.cookies.clear()
        return Answer(response.status_code, response.json(), set_cookies(response))

    return send


async def cookie_login(post, email: str = "budi@lapor.test") -> Answer:
    answer = await post(LOGIN, {"input": {"email": email, "password": PASSWORD, "cookie": True}})
    assert answer.body["data"]["tokenCreate"]["errors"] == []
    return answer


# --------------------------------------------------------------------------- logging in with a cookie


async def test_a_cookie_login_sets_an_httponly_session_and_a_readable_csrf_cookie(
    post, clock: FakeClock
) -> None:
    await make_world(clock)

    answer = await cookie_login(post)

    payload = answer.body["data"]["tokenCreate"]
    assert payload["token"] is None
    assert payload["user"] == {"name": "Budi", "role": "CITIZEN"}
    assert payload["expiresAt"] is not None
    session, csrf = answer.cookies[SESSION_COOKIE], answer.cookies[CSRF_COOKIE]
    assert len(session["value"]) >= 40 and len(csrf["value"]) >= 40
    for cookie in (session, csrf):
        assert cookie["path"] == "/"
        assert cookie["samesite"].lower() == "strict"
        assert cookie["max-age"] == str(TWELVE_HOURS)  # the token's lifetime
        assert "secure" not in cookie  # development runs on plain http://localhost
    assert session.get("httponly") is True
    assert "httponly" not in csrf  # the page's own scripts read it to echo it


async def test_without_cookie_the_login_is_as_before(post, clock: FakeClock) -> None:
    await make_world(clock)

    answer = await post(LOGIN, {"input": {"email": "budi@lapor.test", "password": PASSWORD}})

    assert answer.body["data"]["tokenCreate"]["token"]
    assert answer.cookies == {}


async def test_a_failed_cookie_login_sets_no_cookie(post, clock: FakeClock) -> None:
    await make_world(clock)

    answer = await post(LOGIN, {"input": {"email": "budi@lapor.test", "password": "wrong", "cookie": True}})

    assert [e["code"] for e in answer.body["data"]["tokenCreate"]["errors"]] == ["INVALID_CREDENTIALS"]
    assert answer.cookies == {}


async def test_outside_development_the_cookies_are_secure(
    db: None, runtime: Runtime, clock: FakeClock
) -> None:
    await make_world(clock)
    settings = dataclasses.replace(Settings.from_environment(), environment="production")
    app = create_app(settings, runtime, manage_database=False)
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=app), base_url="https://lapor.test"
    ) as client:
        response = await client.post(
            "/graphql",
            json={
                "query": LOGIN,
                "variables": {"input": {"email": "budi@lapor.test", "password": PASSWORD, "cookie": True}},
            },
        )

    # __Host-: only this host may set them, so a sibling subdomain cannot plant a CSRF value it knows.
    cookies = set_cookies(response)
    assert set(cookies) == {f"__Host-{SESSION_COOKIE}", f"__Host-{CSRF_COOKIE}"}
    for cookie in cookies.values():
        assert cookie.get("secure") is True
        assert cookie["path"] == "/"


# --------------------------------------------------------------------------- requests with the cookie


async def test_the_cookie_with_its_csrf_header_authenticates(post, clock: FakeClock) -> None:
    await make_world(clock)
    session = (await cookie_login(post)).session

    answer = await post(ME, cookies=session, csrf=session[CSRF_COOKIE])

    assert answer.status == 200
    assert answer.body == {"data": {"me": {"name": "Budi", "role": "CITIZEN"}}}
    assert answer.cookies == {}


# b"\xe9": a byte that is no ASCII (a header is bytes; the comparison must not fail on it).
@pytest.mark.parametrize("csrf", [None, "", "forged-value", b"\xe9"])
@pytest.mark.parametrize("language", ["id", "en"])
async def test_the_cookie_without_its_csrf_header_is_refused(post, clock: FakeClock, csrf, language) -> None:
    await make_world(clock)
    session = (await cookie_login(post)).session

    answer = await post(ME, cookies=session, csrf=csrf, language=language)

    assert answer.status == 403
    assert answer.body == {
        "errors": [{"message": error_message(CSRF_FAILED, language), "extensions": {"code": CSRF_FAILED}}]
    }
    # Cleared, so a page that lost its CSRF cookie can log in again (the token itself is not revoked).
    assert {name: cookie["max-age"] for name, cookie in answer.cookies.items()} == {
        SESSION_COOKIE: "0",
        CSRF_COOKIE: "0",
    }


@pytest.mark.parametrize(
    "content_type, body",
    [
        ("text/plain", '{"query": "query Me { me { name } }"}'),
        (
            "multipart/form-data; boundary=x",
            '--x\r\nContent-Disposition: form-data; name="operations"\r\n\r\n{}\r\n--x--',
        ),
        ("application/x-www-form-urlencoded", "query=query+Me+%7B+me+%7B+name+%7D+%7D"),
    ],
)
async def test_a_form_another_site_could_post_is_refused_before_graphql_runs(
    client: httpx.AsyncClient, post, clock: FakeClock, content_type: str, body: str
) -> None:
    await make_world(clock)
    session = (await cookie_login(post)).session

    client.cookies.clear()
    response = await client.post(
        "/graphql",
        content=body,
        headers={
            "Content-Type": content_type,
            "Cookie": "; ".join(f"{name}={value}" for name, value in session.items()),
        },
    )
    client.cookies.clear()

    assert response.status_code == 403
    assert response.json()["errors"][0]["extensions"]["code"] == CSRF_FAILED


async def test_a_second_cookie_login_ends_the_session_it_replaces(post, clock: FakeClock) -> None:
    await make_world(clock)
    first = (await cookie_login(post)).session

    second = await post(
        LOGIN,
        {"input": {"email": "budi@lapor.test", "password": PASSWORD, "cookie": True}},
        cookies=first,
        csrf=first[CSRF_COOKIE],
    )

    assert second.body["data"]["tokenCreate"]["errors"] == []
    replaced = await post(ME, cookies=first, csrf=first[CSRF_COOKIE])
    assert replaced.status == 401
    current = await post(ME, cookies=second.session, csrf=second.session[CSRF_COOKIE])
    assert current.body == {"data": {"me": {"name": "Budi", "role": "CITIZEN"}}}


async def test_a_session_cookie_without_the_csrf_cookie_is_refused(post, clock: FakeClock) -> None:
    await make_world(clock)
    session = (await cookie_login(post)).session

    answer = await post(ME, cookies={SESSION_COOKIE: session[SESSION_COOKIE]}, csrf=session[CSRF_COOKIE])

    assert answer.codes == [CSRF_FAILED]


@pytest.mark.parametrize("advance, code", [(None, "TOKEN_INVALID"), (TWELVE_HOURS + 1, "TOKEN_EXPIRED")])
async def test_a_bad_or_expired_session_cookie_is_a_401_that_clears_both_cookies(
    post, clock: FakeClock, advance: int | None, code: str
) -> None:
    await make_world(clock)
    session = (await cookie_login(post)).session
    if advance is None:
        session[SESSION_COOKIE] = "forged-" + session[SESSION_COOKIE]
    else:
        clock.advance(seconds=advance)

    answer = await post(ME, cookies=session, csrf=session[CSRF_COOKIE])

    assert answer.status == 401
    assert answer.codes == [code]
    for name in (SESSION_COOKIE, CSRF_COOKIE):
        assert answer.cookies[name]["max-age"] == "0"
        assert answer.cookies[name]["path"] == "/"
    assert answer.cookies[SESSION_COOKIE].get("httponly") is True


async def test_an_authorization_header_wins_over_the_cookie(post, clock: FakeClock) -> None:
    world = await make_world(clock)
    budi = (await cookie_login(post)).session

    # No CSRF header: the cookie is not what authenticates, so it is not asked for.
    answer = await post(ME, cookies=budi, token=world.admin.token)

    assert answer.body == {"data": {"me": {"name": "Admin", "role": "ADMIN"}}}


async def test_a_get_does_not_use_the_cookie(client: httpx.AsyncClient, post, clock: FakeClock) -> None:
    # GraphQL runs over POST only; GraphiQL's page (a GET) opens for someone logged in to the console.
    await make_world(clock)
    session = (await cookie_login(post)).session
    client.cookies.clear()

    page = await client.get(
        "/graphql",
        headers={"Accept": "text/html", "Cookie": "; ".join(f"{k}={v}" for k, v in session.items())},
    )

    assert page.status_code == 200 and "GraphiQL" in page.text


async def test_the_report_access_token_can_be_a_cookie_too(post, clock: FakeClock) -> None:
    await make_world(clock)
    submit_input = {"title": "Lampu jalan mati", "body": "Sudah seminggu.", "classification": "COMPLAINT"}
    submitted = (await post(SUBMIT_WITHOUT_ACCOUNT, {"input": submit_input})).body["data"]["reportSubmit"]
    report = submitted["report"]

    follow = await post(
        FOLLOW,
        {
            "input": {
                "trackingNumber": report["trackingNumber"],
                "accessCode": submitted["accessCode"],
                "cookie": True,
            }
        },
    )
    followed = await post(
        REPORT, {"id": report["id"]}, cookies=follow.session, csrf=follow.session[CSRF_COOKIE]
    )

    assert follow.body["data"]["reportAccessTokenCreate"]["token"] is None
    assert follow.cookies[SESSION_COOKIE]["value"].startswith("r.")
    assert follow.cookies[SESSION_COOKIE].get("httponly") is True
    assert followed.body == {"data": {"report": {"id": report["id"], "title": "Lampu jalan mati"}}}


# --------------------------------------------------------------------------- logging out


async def test_revoking_the_cookies_session_clears_the_cookies_and_ends_it(post, clock: FakeClock) -> None:
    await make_world(clock)
    session = (await cookie_login(post)).session
    sessions = (await post(MY_SESSIONS, cookies=session, csrf=session[CSRF_COOKIE])).body["data"][
        "mySessions"
    ]
    current = next(s["id"] for s in sessions if s["isCurrent"])

    logout = await post(
        SESSION_REVOKE, {"input": {"id": current}}, cookies=session, csrf=session[CSRF_COOKIE]
    )
    after = await post(ME, cookies=session, csrf=session[CSRF_COOKIE])

    assert logout.body["data"]["sessionRevoke"]["errors"] == []
    assert {name: cookie["max-age"] for name, cookie in logout.cookies.items()} == {
        SESSION_COOKIE: "0",
        CSRF_COOKIE: "0",
    }
    assert after.status == 401 and after.codes == ["TOKEN_INVALID"]  # revoked on the server, not only here


async def test_revoking_another_session_keeps_the_cookies(post, clock: FakeClock) -> None:
    world = await make_world(clock)  # budi's world token is another session of the same account
    session = (await cookie_login(post)).session
    sessions = (await post(MY_SESSIONS, cookies=session, csrf=session[CSRF_COOKIE])).body["data"][
        "mySessions"
    ]
    other = next(s["id"] for s in sessions if not s["isCurrent"])

    revoked = await post(SESSION_REVOKE, {"input": {"id": other}}, cookies=session, csrf=session[CSRF_COOKIE])
    still = await post(ME, cookies=session, csrf=session[CSRF_COOKIE])
    bearer = await post(ME, token=world.budi.token)

    assert revoked.body["data"]["sessionRevoke"]["errors"] == []
    assert revoked.cookies == {}
    assert still.body["data"]["me"]["name"] == "Budi"
    assert bearer.status == 401


async def test_revoking_the_current_bearer_session_sets_no_cookie(post, clock: FakeClock) -> None:
    world = await make_world(clock)
    sessions = (await post(MY_SESSIONS, token=world.budi.token)).body["data"]["mySessions"]
    current = next(s["id"] for s in sessions if s["isCurrent"])

    revoked = await post(SESSION_REVOKE, {"input": {"id": current}}, token=world.budi.token)

    assert revoked.body["data"]["sessionRevoke"]["errors"] == []
    assert revoked.cookies == {}


async def test_a_replayed_cookie_login_sets_the_cookies_again(post, clock: FakeClock) -> None:
    await make_world(clock)
    key = {"Idempotency-Key": str(uuid.uuid4())}
    variables = {"input": {"email": "budi@lapor.test", "password": PASSWORD, "cookie": True}}

    first = await post(LOGIN, variables, headers=key)
    again = await post(LOGIN, variables, headers=key)

    assert again.body == first.body
    assert again.session == first.session  # the same session: the login happened once
    assert again.cookies[SESSION_COOKIE].get("httponly") is True


# --------------------------------------------------------------------------- the websocket


@pytest.fixture
async def served(db: None, runtime: Runtime) -> AsyncIterator[str]:
    """The app in production mode (no CORS origin allowed) under uvicorn; yields its base URL."""
    settings = dataclasses.replace(Settings.from_environment(), environment="production", cors_origins=())
    async with served_on_loopback(create_app(settings, runtime, manage_database=False)) as base_url:
        yield base_url


async def _login_over_http(base_url: str, email: str = "budi@lapor.test") -> dict[str, str]:
    async with httpx.AsyncClient(base_url=base_url) as http:
        response = await http.post(
            "/graphql",
            json={
                "query": LOGIN,
                "variables": {"input": {"email": email, "password": PASSWORD, "cookie": True}},
            },
        )
    return {name: cookie["value"] for name, cookie in set_cookies(response).items()}


def _socket(base_url: str, cookies: dict[str, str], origin: str | None = None):  # noqa: ANN202
    return connect(
        base_url.replace("http://", "ws://") + "/graphql",
        subprotocols=[GRAPHQL_TRANSPORT_WS],
        origin=Origin(origin or base_url),
        additional_headers={"Cookie": "; ".join(f"{k}={v}" for k, v in cookies.items())},
    )


async def _init(ws: ClientConnection, payload: dict[str, Any]) -> dict[str, Any]:
    await ws.send(json.dumps({"type": "connection_init", "payload": payload}))
    return json.loads(await asyncio.wait_for(ws.recv(), 3))


async def test_the_cookie_with_its_csrf_value_authenticates_a_same_origin_websocket(
    served: str, clock: FakeClock, runtime: Runtime, gql
) -> None:
    world: World = await make_world(clock)
    cookies = await _login_over_http(served, "admin@lapor.test")

    # Production allows no other origin; the console is served by the app itself, so same-origin it is.
    async with _socket(served, cookies) as ws:
        assert await _init(ws, {"csrf": cookies[HOST_CSRF_COOKIE], "language": "en"}) == {
            "type": "connection_ack"
        }
        payload = {"query": WATCH_MY_QUEUE, "operationName": "WatchMyQueue"}
        await ws.send(json.dumps({"id": "1", "type": "subscribe", "payload": payload}))
        async with asyncio.timeout(5):  # no acknowledgement of a subscription: wait until it is heard
            while runtime.changes.subscriber_count < 1:  # type: ignore[attr-defined]
                await asyncio.sleep(0.01)
        report = {"title": "Banjir", "body": "Air setinggi lutut.", "classification": "COMPLAINT"}
        await gql(op.SUBMIT, {"input": report}, world.budi.token)

        # Only an admin's queue hears a new report: the cookie's account is the subscriber.
        message = json.loads(await asyncio.wait_for(ws.recv(), 3))
        assert message["type"] == "next", message
        assert message["payload"]["data"]["myQueueChanged"]["action"] == "submit"


@pytest.mark.parametrize("payload", [{}, {"csrf": "forged"}, {"csrf": 42}])
async def test_the_cookie_without_its_csrf_value_closes_the_websocket(
    served: str, clock: FakeClock, payload: dict[str, Any]
) -> None:
    await make_world(clock)
    cookies = await _login_over_http(served)

    async with _socket(served, cookies) as ws:
        with pytest.raises(ConnectionClosed) as closed:
            await _init(ws, payload)

    assert closed.value.rcvd is not None and closed.value.rcvd.code == 4403


async def test_a_bad_session_cookie_closes_the_websocket(served: str, clock: FakeClock) -> None:
    await make_world(clock)
    cookies = {HOST_SESSION_COOKIE: "forged", HOST_CSRF_COOKIE: "csrf-value"}

    async with _socket(served, cookies) as ws:
        with pytest.raises(ConnectionClosed) as closed:
            await _init(ws, {"csrf": "csrf-value"})

    assert closed.value.rcvd is not None and closed.value.rcvd.code == 4403


async def test_a_page_on_another_site_cannot_open_the_websocket(served: str, clock: FakeClock) -> None:
    await make_world(clock)
    cookies = await _login_over_http(served)

    with pytest.raises(InvalidStatus) as refused:
        async with _socket(served, cookies, origin="https://evil.example"):
            pass

    assert refused.value.response.status_code == 403


async def test_the_connection_init_token_wins_over_the_cookie(served: str, clock: FakeClock) -> None:
    world = await make_world(clock)
    cookies = {HOST_SESSION_COOKIE: "forged", HOST_CSRF_COOKIE: "csrf-value"}

    # No csrf: the cookie is not what authenticates, so its CSRF value is not asked for.
    async with _socket(served, cookies) as ws:
        assert await _init(ws, {"authorization": f"Bearer {world.admin.token}"}) == {"type": "connection_ack"}
