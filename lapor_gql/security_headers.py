"""Security headers on every HTTP answer: the console's page, its assets, GraphiQL, the API and the probes.

Citizens write the text officers read, so the page that shows it must not run anything it did not ship
itself: the Content-Security-Policy allows scripts only from this origin (no inline script, no eval),
and the other headers keep the page out of frames, stop content sniffing and keep URLs (which hold
report ids) from other sites' referrer logs.
"""

from __future__ import annotations

from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        # No 'unsafe-inline' and no 'unsafe-eval' for scripts: the console and GraphiQL load every script
        # from a file of this origin, and neither bpmn-js nor dmn-js needs eval.
        "script-src 'self'",
        # 'unsafe-inline' for styles only: bpmn-js and dmn-js position and colour their diagrams with
        # style attributes, and GraphiQL's page has a <style> block. A style cannot run code.
        "style-src 'self' 'unsafe-inline'",
        # data: for the icons the build and the modelers inline.
        "img-src 'self' data:",
        "font-src 'self' data:",
        # 'self' covers the same origin's ws:/wss: too (CSP level 3, as Chromium and Firefox do).
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)
STRICT_TRANSPORT_SECURITY = "max-age=31536000; includeSubDomains"

HEADERS: tuple[tuple[str, str], ...] = (
    ("Content-Security-Policy", CONTENT_SECURITY_POLICY),
    ("X-Content-Type-Options", "nosniff"),
    ("Referrer-Policy", "same-origin"),
    # The CSP's frame-ancestors, for browsers that predate it.
    ("X-Frame-Options", "DENY"),
)


class SecurityHeaders:
    """Adds ``HEADERS`` to every HTTP response, and HSTS outside development (which runs on plain
    http://localhost, where a browser remembering "HTTPS only" would break other local servers)."""

    def __init__(self, app: ASGIApp, *, development: bool) -> None:
        self.app = app
        self.headers = (
            HEADERS if development else (*HEADERS, ("Strict-Transport-Security", STRICT_TRANSPORT_SECURITY))
        )

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                message.setdefault("headers", [])
                headers = MutableHeaders(scope=message)
                for name, value in self.headers:
                    headers.setdefault(name, value)
            await send(message)

        await self.app(scope, receive, send_with_headers)
