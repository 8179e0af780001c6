"""Request ids and JSON log lines: every response carries an X-Request-ID, every request and background
round writes one JSON line with it, and no line carries a password, a token or a report's text."""

from __future__ import annotations

import asyncio
import dataclasses
import io
import json
import logging
from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from lapor_gql import app as app_module
from lapor_gql.app import _timer_loop
from lapor_gql.clock import FakeClock
from lapor_gql.config import Settings
from lapor_gql.domain.processes import Runtime
from lapor_gql.observability.background import background_round
from lapor_gql.observability.log_format import configure_logging

from . import operations as op
from .world import PASSWORD, make_world

# --------------------------------------------------------------------------- X-Request-ID


async def test_a_sane_request_id_is_echoed_and_any_other_replaced(client: httpx.AsyncClient) -> None:
    echoed = await client.get("/healthz", headers={"X-Request-ID": "lb-7f3a.42:retry/1"})
    too_long = await client.get("/healthz", headers={"X-Request-ID": "a" * 200})
    forged = await client.get("/healthz", headers={"X-Request-ID": 'x" level=ERROR <script>'})
    absent = await client.get("/healthz")

    assert echoed.headers["x-request-id"] == "lb-7f3a.42:retry/1"
    for generated in (too_long, forged, absent):
        request_id = generated.headers["x-request-id"]
        assert len(request_id) == 32 and int(request_id, 16) >= 0
    assert (
        len(
            {too_long.headers["x-request-id"], forged.headers["x-request-id"], absent.headers["x-request-id"]}
        )
        == 3
    )


async def test_every_response_carries_a_request_id(client: httpx.AsyncClient) -> None:
    responses = [
        await client.post("/graphql", json={"query": "query Me { me { name } }"}),
        await client.post("/graphql", json={"query": "{ me }"}, headers={"Authorization": "Bearer bad"}),
        await client.post("/graphql", content=b"{not json", headers={"Content-Type": "application/json"}),
        await client.get("/assets/no-such-file.js"),  # every other path without an extension is the console
        await client.get("/metrics"),
    ]

    assert [r.status_code for r in responses] == [200, 401, 400, 404, 200]
    assert all(len(r.headers.get_list("x-request-id")) == 1 for r in responses)


async def test_an_unexpected_exception_still_answers_500_with_a_request_id(
    db: None, runtime: Runtime, monkeypatch: pytest.MonkeyPatch
) -> None:
    async def broken(request: object) -> None:
        raise RuntimeError("a bug")

    monkeypatch.setattr(app_module, "_healthz", broken)
    app = app_module.create_app(Settings.from_environment(), runtime, manage_database=False)
    transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
    async with httpx.AsyncClient(transport=transport, base_url="http://lapor.test") as http:
        response = await http.get("/healthz", headers={"X-Request-ID": "crash-1"})

    assert (response.status_code, response.text) == (500, "Internal Server Error")
    assert response.headers["x-request-id"] == "crash-1"


# --------------------------------------------------------------------------- JSON lines


@pytest.fixture
def json_log() -> Iterator[io.StringIO]:
    """The JSON handler as LAPOR_LOG_FORMAT=json installs it, writing to a buffer; undone afterwards."""
    root, ours, uvicorn = logging.getLogger(), logging.getLogger("lapor_gql"), logging.getLogger("uvicorn")
    saved = (list(root.handlers), ours.level, list(uvicorn.handlers), uvicorn.propagate)
    access_disabled = logging.getLogger("uvicorn.access").disabled
    buffer = io.StringIO()
    configure_logging("json", stream=buffer)
    try:
        yield buffer
    finally:
        root.handlers[:] = saved[0]
        ours.setLevel(saved[1])
        uvicorn.handlers[:], uvicorn.propagate = saved[2], saved[3]
        logging.getLogger("uvicorn.access").disabled = access_disabled


def lines(buffer: io.StringIO) -> list[dict[str, Any]]:
    return [json.loads(line) for line in buffer.getvalue().splitlines() if line.strip()]


def request_lines(buffer: io.StringIO) -> list[dict[str, Any]]:
    return [line for line in lines(buffer) if line.get("event") == "request"]


async def test_each_request_writes_one_json_line_with_id_operation_actor_outcome_and_duration(
    json_log: io.StringIO, client: httpx.AsyncClient, gql, clock: FakeClock
) -> None:
    world = await make_world(clock)

    response = await client.post(
        "/graphql",
        json={"query": op.ME},
        headers={"Authorization": f"Bearer {world.budi.token}", "X-Request-ID": "trace-me-1"},
    )
    await gql(
        op.SUBMIT,
        {"input": {"title": "", "body": "Rahasia", "classification": "COMPLAINT"}},
        world.budi.token,
    )

    me, submit = request_lines(json_log)
    assert response.headers["x-request-id"] == "trace-me-1"
    assert me["request_id"] == "trace-me-1"
    assert (me["method"], me["path"], me["status"]) == ("POST", "/graphql", 200)
    assert (me["operation"], me["operation_type"], me["root_field"]) == ("Me", "query", "me")
    assert (me["actor_id"], me["actor_kind"], me["outcome"]) == (world.budi.user.id, "user", "ok")
    assert me["duration_ms"] > 0 and me["level"] == "INFO" and me["time"]
    assert (submit["operation"], submit["outcome"]) == ("SubmitReport", "payload_error")
    assert len(submit["request_id"]) == 32


async def test_no_line_carries_a_password_a_token_or_report_text(
    json_log: io.StringIO, client: httpx.AsyncClient, gql, clock: FakeClock
) -> None:
    world = await make_world(clock)
    body = "Kepala desa meminta uang pelicin 500 ribu"

    login = await gql(op.TOKEN_CREATE, {"input": {"email": "budi@lapor.test", "password": PASSWORD}})
    await gql(op.TOKEN_CREATE, {"input": {"email": "budi@lapor.test", "password": "wrong-Secret-9"}})
    token = login.data["tokenCreate"]["token"]
    submitted = await gql(
        op.SUBMIT, {"input": {"title": "Pungli", "body": body, "classification": "COMPLAINT"}}, token
    )
    await client.post("/graphql", json={"query": op.ME}, headers={"Authorization": f"Bearer {token}x"})

    text = json_log.getvalue()
    assert submitted.data["reportSubmit"]["errors"] == []
    for secret in (PASSWORD, "wrong-Secret-9", token, world.admin.token, body, "Pungli"):
        assert secret not in text
    outcomes = [(line["operation"], line["outcome"]) for line in request_lines(json_log)]
    assert outcomes == [
        ("Login", "ok"),
        ("Login", "payload_error"),
        ("SubmitReport", "ok"),
        (None, "unauthenticated"),
    ]


async def test_a_timer_sweep_round_writes_one_json_line(
    json_log: io.StringIO, db: None, runtime: Runtime
) -> None:
    logging.getLogger("lapor_gql").setLevel(logging.DEBUG)  # an idle round is logged at DEBUG
    settings = dataclasses.replace(Settings.from_environment(), timer_interval_seconds=3600)
    sweeping = asyncio.create_task(_timer_loop(runtime, settings))
    try:
        async with asyncio.timeout(5):
            while not [line for line in lines(json_log) if line.get("event") == "background"]:
                await asyncio.sleep(0.01)
    finally:
        sweeping.cancel()
        with pytest.raises(asyncio.CancelledError):
            await sweeping

    (sweep,) = [line for line in lines(json_log) if line.get("event") == "background"]
    assert (sweep["step"], sweep["outcome"], sweep["fired"]) == ("timer_sweep", "ok", 0)
    assert sweep["forgotten_attempts"] == 0 and sweep["level"] == "DEBUG"
    assert len(sweep["request_id"]) == 32 and sweep["duration_ms"] >= 0


async def test_an_outbox_round_writes_one_json_line(
    json_log: io.StringIO, db: None, runtime: Runtime
) -> None:
    # Nothing is due, so no mail server is contacted; the round is logged all the same, at DEBUG.
    logging.getLogger("lapor_gql").setLevel(logging.DEBUG)
    settings = dataclasses.replace(
        Settings.from_environment(), smtp_host="127.0.0.1", smtp_port=9, outbox_interval_seconds=3600
    )
    delivering = app_module._start_outbox_loop(settings, runtime)
    assert delivering is not None
    try:
        async with asyncio.timeout(5):
            while not [line for line in lines(json_log) if line.get("step") == "outbox"]:
                await asyncio.sleep(0.01)
    finally:
        delivering.cancel()
        with pytest.raises(asyncio.CancelledError):
            await delivering

    (round_,) = [line for line in lines(json_log) if line.get("step") == "outbox"]
    assert (round_["event"], round_["outcome"], round_["sent"], round_["failed"]) == (
        "background",
        "ok",
        0,
        0,
    )
    assert round_["level"] == "DEBUG"


def test_idle_rounds_log_at_debug_and_rounds_that_did_something_at_info(json_log: io.StringIO) -> None:
    with background_round("outbox") as idle:
        idle.counts = {"sent": 0, "retrying": 0, "failed": 0}
    with background_round("outbox") as busy:
        busy.counts = {"sent": 2, "retrying": 0, "failed": 0}
    with pytest.raises(RuntimeError), background_round("timer_sweep") as broken:
        broken.counts = {"fired": 0}
        raise RuntimeError("database gone")

    logged = [
        (line["step"], line["outcome"]) for line in lines(json_log) if line.get("event") == "background"
    ]
    # The fixture keeps lapor_gql at INFO, as production does: the idle round is not written.
    assert logged == [("outbox", "ok"), ("timer_sweep", "error")]


def test_text_stays_the_default() -> None:
    assert configure_logging("text") is None
    assert not [h for h in logging.getLogger().handlers if h.get_name() == "lapor-json"]
