"""What every resolver gets: who is asking, in which language, and the request's loaders."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Literal

from strawberry.types import Info as StrawberryInfo

from lapor_gql.browser_session import BrowserSession
from lapor_gql.config import Settings
from lapor_gql.domain.actors import Actor
from lapor_gql.domain.labels import Language
from lapor_gql.domain.processes import Runtime

from .loaders import Loaders

# The most tokens a GraphQL document may have: the schema's parser stops there, and so does the
# ``Idempotency-Key`` layer's, which reads the document before the schema does.
MAX_QUERY_TOKENS = 5000


@dataclass
class Context:
    actor: Actor
    runtime: Runtime
    settings: Settings
    language: Language = "id"
    loaders: Loaders = field(default_factory=Loaders)
    # A websocket connection outlives its token's checks: each live event asks ``refresh_actor`` again,
    # so a revoked token or a deactivated account stops the stream at its next event.
    transport: Literal["http", "websocket"] = "http"
    refresh_actor: Callable[[], Awaitable[Actor]] | None = None
    connection_params: dict[str, object] | None = None
    """The ``connection_init`` payload of a websocket; Strawberry fills it in."""
    client_address: str | None = None
    """The client's IP address (behind a proxy on another host, uvicorn's FORWARDED_ALLOW_IPS must name
    the proxy for this to be the real one: see the README); access-code guesses are counted per address."""
    browser: BrowserSession = field(default_factory=lambda: BrowserSession(secure=True))
    """The console's session cookies as the request brought them; a cookie login or logout asks it to
    set or clear them, and the view does so on the response."""


Info = StrawberryInfo[Context, None]


def language_from_header(accept_language: str | None) -> Language:
    return "en" if (accept_language or "").strip().lower().startswith("en") else "id"
