"""The console's cookie session as a real browser keeps it: scripts never see the token, requests need
the CSRF header, the websocket needs the CSRF value, and logging out clears both cookies. Driven by
the page's own fetch and WebSocket (no console screen), so it checks the server's side alone."""

from __future__ import annotations

from typing import Any

from playwright.sync_api import Page, expect

from .conftest import DEMO_PASSWORD, PU

CALL = """
async ([query, variables, withCsrf]) => {
  const csrf = document.cookie.split('; ').find((c) => c.startsWith('lapor_csrf='))?.split('=')[1];
  const headers = { 'Content-Type': 'application/json' };
  if (withCsrf && csrf) headers['X-CSRF-Token'] = csrf;
  const body = JSON.stringify({ query, variables });
  const response = await fetch('/graphql', { method: 'POST', headers, body });
  return { status: response.status, body: await response.json() };
}
"""
SOCKET = """
async (withCsrf) => new Promise((resolve) => {
  const csrf = document.cookie.split('; ').find((c) => c.startsWith('lapor_csrf='))?.split('=')[1];
  const ws = new WebSocket(location.origin.replace('http', 'ws') + '/graphql', 'graphql-transport-ws');
  ws.onopen = () => ws.send(JSON.stringify({ type: 'connection_init', payload: withCsrf ? { csrf } : {} }));
  ws.onmessage = (message) => { resolve(JSON.parse(message.data).type); ws.close(); };
  ws.onclose = (event) => resolve(`closed ${event.code}`);
});
"""
LOGIN = """
mutation Login($input: TokenCreateInput!) { tokenCreate(input: $input) { token errors { code } } }
"""
ME = "query Me { me { email role } }"
MY_SESSIONS = "query MySessions { mySessions { id isCurrent } }"
LOGOUT = "mutation Logout($input: SessionRevokeInput!) { sessionRevoke(input: $input) { errors { code } } }"


def call(page: Page, query: str, variables: dict[str, Any] | None = None, *, csrf: bool = True) -> Any:
    return page.evaluate(CALL, [query, variables or {}, csrf])


def test_the_session_cookie_is_out_of_scripts_reach_and_needs_the_csrf_header(new_page) -> None:
    page = new_page()
    page.goto("/")
    expect(page.locator("main")).to_be_visible()

    login = call(
        page,
        LOGIN,
        {"input": {"email": PU, "password": DEMO_PASSWORD, "cookie": True}},
    )
    assert login["body"]["data"]["tokenCreate"] == {"token": None, "errors": []}
    visible = page.evaluate("() => document.cookie")
    cookies = {c["name"]: c for c in page.context.cookies()}
    assert "lapor_csrf=" in visible and "lapor_session" not in visible
    assert cookies["lapor_session"]["httpOnly"] is True and cookies["lapor_session"]["sameSite"] == "Strict"

    me = call(page, ME)

    assert me["body"] == {"data": {"me": {"email": PU, "role": "LIAISON"}}}
    assert page.evaluate(SOCKET, True) == "connection_ack"
    assert page.evaluate(SOCKET, False) == "closed 4403"

    sessions = call(page, MY_SESSIONS)["body"]["data"]["mySessions"]
    current = next(s["id"] for s in sessions if s["isCurrent"])
    logout = call(page, LOGOUT, {"input": {"id": current}})
    after = call(page, ME)

    assert logout["body"]["data"]["sessionRevoke"]["errors"] == []
    assert {c["name"] for c in page.context.cookies()} & {"lapor_session", "lapor_csrf"} == set()
    assert after["body"] == {"data": {"me": None}}  # no cookie left: anonymous again


def test_a_request_without_the_csrf_header_is_refused_and_loses_the_cookies(new_page) -> None:
    page = new_page()
    page.goto("/")
    expect(page.locator("main")).to_be_visible()
    call(page, LOGIN, {"input": {"email": PU, "password": DEMO_PASSWORD, "cookie": True}})

    refused = call(page, ME, csrf=False)

    assert refused["status"] == 403
    assert refused["body"]["errors"][0]["extensions"]["code"] == "CSRF_FAILED"
    # Cleared, so the console can log in again (a page that lost its CSRF cookie would be stuck).
    assert {c["name"] for c in page.context.cookies()} & {"lapor_session", "lapor_csrf"} == set()
    assert call(page, ME)["body"] == {"data": {"me": None}}
