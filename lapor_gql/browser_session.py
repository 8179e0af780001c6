"""The browser console's session: its token in an HttpOnly cookie, and CSRF protection by double submit.

``tokenCreate(input: {…, cookie: true})`` (and ``reportAccessTokenCreate``) answer with two cookies
instead of the token: ``lapor_session`` holds the token and no script can read it, so a script injected
into a page cannot carry the session away; ``lapor_csrf`` is random, readable by the page's own
scripts, and must come back in the ``X-CSRF-Token`` header of every cookie-authenticated request (in
``connection_init``'s ``csrf`` on the websocket). A page on another site can make the browser send
the cookies (SameSite=Strict already stops most of that) but cannot read ``lapor_csrf`` to echo it.

Bearer tokens in ``Authorization`` stay for every other client, and win when a request carries both.

Outside development both names carry the ``__Host-`` prefix (``__Host-lapor_session``): a browser takes
such a cookie only from this very host, Secure, for Path=/ and without a Domain, so a page on a sibling
subdomain cannot plant a CSRF value it knows or overwrite the session.
"""

from __future__ import annotations

import hmac
import secrets
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Literal

from starlette.responses import Response

SESSION_COOKIE = "lapor_session"
CSRF_COOKIE = "lapor_csrf"
HOST_ONLY_PREFIX = "__Host-"
CSRF_HEADER = "X-CSRF-Token"
# The key of ``connection_init``'s payload that carries the CSRF cookie's value on the websocket.
CSRF_CONNECTION_PARAM = "csrf"
# The top-level error of a cookie-authenticated request without the right X-CSRF-Token (HTTP 403).
CSRF_FAILED = "CSRF_FAILED"
# The only method that runs GraphQL here (GET is refused): a GET carries no authority from the cookie,
# so GraphiQL's page still opens for someone logged in to the console.
COOKIE_AUTHENTICATED_METHODS = frozenset({"POST"})


def cookie_names(*, secure: bool) -> tuple[str, str]:
    """The session and CSRF cookies' names: ``__Host-`` prefixed where the cookies are Secure (outside
    development; plain http://localhost cannot keep a ``__Host-`` cookie)."""
    prefix = HOST_ONLY_PREFIX if secure else ""
    return prefix + SESSION_COOKIE, prefix + CSRF_COOKIE


def new_csrf_token() -> str:
    return secrets.token_urlsafe(32)


def csrf_matches(cookie: str | None, sent: object) -> bool:
    """The value sent back equals the CSRF cookie, compared in constant time."""
    if not cookie or not isinstance(sent, str) or not sent:
        return False
    return hmac.compare_digest(cookie.encode("utf-8"), sent.encode("utf-8"))


@dataclass
class BrowserSession:
    """The console's cookies as one request brought them, and what its answer does to them.

    Resolvers call ``issue`` (a cookie login) or ``end`` (logging out the cookie's session); the view
    applies the change to the HTTP response once GraphQL has run.
    """

    secure: bool
    token: str | None = None
    csrf_cookie: str | None = field(default=None, repr=False)
    authenticated: bool = False
    """The request's actor comes from the session cookie (not from an Authorization header)."""
    _change: tuple[Literal["issue"], str, int] | tuple[Literal["end"]] | None = field(
        default=None, repr=False
    )

    @classmethod
    def from_cookies(cls, cookies: Mapping[str, str], *, secure: bool) -> BrowserSession:
        session_name, csrf_name = cookie_names(secure=secure)
        return cls(
            secure=secure,
            token=cookies.get(session_name) or None,
            csrf_cookie=cookies.get(csrf_name) or None,
        )

    def issue(self, token: str, lifetime: timedelta) -> None:
        """Answer with the session cookie for ``token`` and a fresh CSRF cookie, both for ``lifetime``."""
        self._change = ("issue", token, max(int(lifetime.total_seconds()), 0))

    def end(self) -> None:
        """Answer with both cookies cleared."""
        self._change = ("end",)

    @property
    def ending(self) -> bool:
        return self._change is not None and self._change[0] == "end"

    def apply(self, response: Response) -> None:
        if self._change is None:
            return
        if self._change[0] == "end":
            clear_cookies(response, secure=self.secure)
            return
        _, token, max_age = self._change
        set_cookies(response, token, new_csrf_token(), max_age, secure=self.secure)


def set_cookies(response: Response, token: str, csrf: str, max_age: int, *, secure: bool) -> None:
    # SameSite=Strict costs the console nothing: a link from another site (an e-mail) loads the page
    # without cookies, which the page does not need, and the page's own API calls are same-site.
    # Path=/: the page and /graphql share them. Max-Age: the token's lifetime, so both go together.
    session_name, csrf_name = cookie_names(secure=secure)
    for name, value, http_only in ((session_name, token, True), (csrf_name, csrf, False)):
        response.set_cookie(
            name, value, max_age=max_age, path="/", secure=secure, httponly=http_only, samesite="strict"
        )


def clear_cookies(response: Response, *, secure: bool) -> None:
    session_name, csrf_name = cookie_names(secure=secure)
    for name, http_only in ((session_name, True), (csrf_name, False)):
        response.delete_cookie(name, path="/", secure=secure, httponly=http_only, samesite="strict")
