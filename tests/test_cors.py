"""Frontends on other origins: CORS preflights and actual requests, and the websocket's Origin check.

No database: a ``__typename`` query and a refused handshake never reach it.
"""

from __future__ import annotations

import dataclasses
from collections.abc import AsyncIterator, Callable

import httpx
import pytest
from websockets.asyncio.client import connect
from websockets.exceptions import InvalidStatus
from websockets.typing import Origin, Subprotocol

from lapor_gql.app import create_app
from lapor_gql.config import Settings
from lapor_gql.domain.processes import Runtime

from .loopback import served_on_loopback

VITE = "http://localhost:5173"
ELSEWHERE = "https://evil.example"
FRONTEND = "https://lapor.babelprov.go.id"
PING = {"query": "query Ping { __typename }"}
GRAPHQL_TRANSPORT_WS = Subprotocol("graphql-transport-ws")


def preflight(origin: str, headers: str = "authorization, content-type") -> dict[str, str]:
    return {
        "Origin": origin,
        "Access-Control-Request-Method": "POST",
        "Access-Control-Request-Headers": headers,
    }


@pytest.fixture
def settings_from(monkeypatch: pytest.MonkeyPatch) -> Callable[..., Settings]:
    def build(**environment: str) -> Settings:
        monkeypatch.delenv("LAPOR_CORS_ORIGINS", raising=False)
        for name, value in environment.items():
            monkeypatch.setenv(name, value)
        return Settings.from_environment()

    return build


@pytest.fixture
async def http(
    settings_from: Callable[..., Settings],
) -> AsyncIterator[Callable[[Settings], httpx.AsyncClient]]:
    clients: list[httpx.AsyncClient] = []

    def connect(settings: Settings) -> httpx.AsyncClient:
        app = create_app(settings, Runtime(), manage_database=False)
        client = httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://lapor.test")
        clients.append(client)
        return client

    yield connect
    for client in clients:
        await client.aclose()


async def test_development_allows_the_usual_dev_servers(http, settings_from) -> None:
    client = http(settings_from(LAPOR_ENV="development"))

    allowed = await client.options(
        "/graphql", headers=preflight(VITE, "authorization, content-type, idempotency-key, x-csrf-token")
    )
    refused = await client.options("/graphql", headers=preflight(ELSEWHERE))

    assert allowed.status_code == 200
    assert allowed.headers["access-control-allow-origin"] == VITE
    assert allowed.headers["access-control-allow-credentials"] == "true"
    allowed_headers = allowed.headers["access-control-allow-headers"].lower()
    for header in ("authorization", "content-type", "accept-language", "idempotency-key", "x-csrf-token"):
        assert header in allowed_headers
    assert allowed.headers["access-control-allow-methods"] == "POST"
    assert refused.status_code == 400
    assert "access-control-allow-origin" not in refused.headers


async def test_an_actual_request_from_an_allowed_origin_can_be_read(http, settings_from) -> None:
    client = http(settings_from(LAPOR_ENV="development"))

    allowed = await client.post("/graphql", json=PING, headers={"Origin": VITE})
    elsewhere = await client.post("/graphql", json=PING, headers={"Origin": ELSEWHERE})

    assert allowed.json() == {"data": {"__typename": "Query"}}
    assert allowed.headers["access-control-allow-origin"] == VITE
    assert allowed.headers["access-control-allow-credentials"] == "true"
    assert allowed.headers["access-control-expose-headers"] == "X-Request-ID, Idempotent-Replayed"
    assert "origin" in allowed.headers["vary"].lower()
    # The server still answers; without the header the browser keeps the answer from the page.
    assert "access-control-allow-origin" not in elsewhere.headers


async def test_production_allows_no_origin_by_default(http, settings_from) -> None:
    client = http(settings_from(LAPOR_ENV="production"))

    refused = await client.options("/graphql", headers=preflight(VITE))
    actual = await client.post("/graphql", json=PING, headers={"Origin": VITE})

    assert refused.status_code == 400
    assert "access-control-allow-origin" not in refused.headers
    assert "access-control-allow-origin" not in actual.headers


async def test_configured_origins_replace_the_defaults(http, settings_from) -> None:
    settings = settings_from(
        LAPOR_ENV="production", LAPOR_CORS_ORIGINS=f"{FRONTEND}/, https://admin.lapor.test"
    )
    client = http(settings)

    frontend = await client.options("/graphql", headers=preflight(FRONTEND))
    vite = await client.options("/graphql", headers=preflight(VITE))

    assert settings.cors_origins == (FRONTEND, "https://admin.lapor.test")
    assert frontend.headers["access-control-allow-origin"] == FRONTEND
    assert vite.status_code == 400


@pytest.mark.parametrize("value", ["*", "https://lapor.test/app", "lapor.test", "https://*.lapor.test"])
def test_a_value_that_is_not_an_origin_stops_startup(settings_from, value: str) -> None:
    with pytest.raises(ValueError, match="LAPOR_CORS_ORIGINS"):
        settings_from(LAPOR_CORS_ORIGINS=value)


async def test_the_websocket_handshake_follows_the_same_origins(settings_from) -> None:
    # Browsers send no preflight before a websocket; the view checks the handshake's Origin itself.
    settings = dataclasses.replace(settings_from(LAPOR_ENV="production"), cors_origins=(FRONTEND,))
    app = create_app(settings, Runtime(), manage_database=False)

    async with served_on_loopback(app) as base_url:
        url = base_url.replace("http://", "ws://") + "/graphql"
        async with connect(url, subprotocols=[GRAPHQL_TRANSPORT_WS], origin=Origin(FRONTEND)) as allowed:
            assert allowed.subprotocol == GRAPHQL_TRANSPORT_WS
        with pytest.raises(InvalidStatus) as refused:
            async with connect(url, subprotocols=[GRAPHQL_TRANSPORT_WS], origin=Origin(ELSEWHERE)):
                pass

    assert refused.value.response.status_code == 403
