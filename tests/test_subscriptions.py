"""Live updates over graphql-transport-ws: real uvicorn servers, real websockets.

Mutations go over HTTP (the ``gql`` fixture shares the server's runtime, so both hear the same feed).
Before a mutation the tests wait until the feed counts the new subscribers: the protocol has no
acknowledgement of a subscription, and a change published before it is registered is not heard.
Absence is checked with a short timeout on the next message.
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import json
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass
from typing import Any

import httpx
import pytest
from tortoise.connection import get_connection
from websockets.asyncio.client import ClientConnection, connect
from websockets.exceptions import ConnectionClosed
from websockets.typing import Subprotocol

from lapor_gql.app import create_app
from lapor_gql.clock import FakeClock
from lapor_gql.config import Settings
from lapor_gql.db.change_feed import PostgresNotifyChannel, is_postgres_url
from lapor_gql.domain.changes import LocalChangeFeed, ReportChanged
from lapor_gql.domain.labels import status_label
from lapor_gql.domain.live import BroadcastChangeFeed, change_feed_for
from lapor_gql.domain.processes import Runtime
from lapor_gql.schema.ids import encode_id

from . import operations as op
from .conftest import database_url_for_tests
from .loopback import served_on_loopback
from .world import World, make_world

WATCH_REPORT = """
subscription WatchReport($id: ID!) {
  reportUpdated(id: $id) { id status statusLabel agency { code } timeline(last: 1) { action internalNote } }
}
"""

WATCH_MY_QUEUE = """
subscription WatchMyQueue {
  myQueueChanged { reportId action actionLabel inMyQueue report { id status agency { code } } }
}
"""

REPORT_TITLE = """
query ReportTitle($id: ID!) { report(id: $id) { title } }
"""

ACCESS = """
mutation FollowMyReport($input: ReportAccessTokenCreateInput!) {
  reportAccessTokenCreate(input: $input) { token errors { code } }
}
"""

SUBMIT_WITHOUT_ACCOUNT = """
mutation SubmitWithoutAccount($input: ReportSubmitInput!) {
  reportSubmit(input: $input) { accessCode report { id trackingNumber } errors { code } }
}
"""

DEACTIVATE = """
mutation Deactivate($input: UserIdInput!) { userDeactivate(input: $input) { errors { code } } }
"""

QUIET_SECONDS = 0.3  # how long "nothing arrives" is watched for
PG_ONLY = pytest.mark.skipif(
    not is_postgres_url(database_url_for_tests()),
    reason="needs PostgreSQL: set LAPOR_TEST_DATABASE_URL (CI's .ci/run does)",
)


# --------------------------------------------------------------------------- servers and clients


@dataclass
class Server:
    http: str
    ws: str
    runtime: Runtime


@contextlib.asynccontextmanager
async def serving(runtime: Runtime) -> AsyncIterator[Server]:
    """One application instance on a free port, its lifespan included (which runs its change feed)."""
    app = create_app(Settings.from_environment(), runtime, manage_database=False)
    async with served_on_loopback(app) as base_url:
        yield Server(base_url, base_url.replace("http://", "ws://") + "/graphql", runtime)


class Live:
    """One graphql-transport-ws connection."""

    def __init__(self, ws: ClientConnection) -> None:
        self.ws = ws
        self._ids = itertools.count(1)

    async def send(self, message: dict[str, Any]) -> None:
        await self.ws.send(json.dumps(message))

    async def receive(self, timeout: float = 3.0) -> dict[str, Any]:
        return json.loads(await asyncio.wait_for(self.ws.recv(), timeout))

    async def subscribe(self, query: str, variables: dict[str, Any] | None = None) -> str:
        operation_id = str(next(self._ids))
        payload = {"query": query, "variables": variables or {}, "operationName": _name_of(query)}
        await self.send({"id": operation_id, "type": "subscribe", "payload": payload})
        return operation_id

    async def next_payload(self, operation_id: str, timeout: float = 3.0) -> dict[str, Any]:
        message = await self.receive(timeout)
        assert message["id"] == operation_id, message
        assert message["type"] == "next", message
        return message["payload"]

    async def error_codes(self, operation_id: str) -> list[str]:
        """The codes of a stream that fails at once, and that the stream then completes."""
        payload = await self.next_payload(operation_id)
        assert payload["data"] is None
        assert await self.receive() == {"id": operation_id, "type": "complete"}
        return [error["extensions"]["code"] for error in payload["errors"]]

    async def assert_quiet(self) -> None:
        with pytest.raises(TimeoutError):
            message = await self.receive(QUIET_SECONDS)
            raise AssertionError(f"expected nothing, got {message}")


@contextlib.asynccontextmanager
async def live(
    server: Server,
    token: str | None = None,
    *,
    language: str | None = None,
    header_token: str | None = None,
    accept_language: str | None = None,
) -> AsyncIterator[Live]:
    headers = {}
    if header_token:
        headers["Authorization"] = f"Bearer {header_token}"
    if accept_language:
        headers["Accept-Language"] = accept_language
    async with connect(
        server.ws, subprotocols=[Subprotocol("graphql-transport-ws")], additional_headers=headers
    ) as ws:
        connection = Live(ws)
        params: dict[str, str] = {}
        if token:
            params["authorization"] = f"Bearer {token}"
        if language:
            params["language"] = language
        await connection.send({"type": "connection_init", "payload": params})
        assert await connection.receive() == {"type": "connection_ack"}
        yield connection


def _name_of(document: str) -> str:
    return document.split("(")[0].split("{")[0].split()[1]


def subscribers(runtime: Runtime) -> int:
    feed = runtime.changes
    assert isinstance(feed, LocalChangeFeed | BroadcastChangeFeed)
    return feed.subscriber_count


async def _eventually(condition: Callable[[], bool], timeout: float = 5.0) -> None:
    async with asyncio.timeout(timeout):
        while not condition():
            await asyncio.sleep(0.01)


async def _submit(gql, world: World, *, confidential: bool = False, token: str | None = None) -> str:
    result = await gql(
        op.SUBMIT,
        {
            "input": {
                "title": "Jalan berlubang",
                "body": "Lubang besar di depan pasar.",
                "classification": "COMPLAINT",
                "isConfidential": confidential,
            }
        },
        token or world.budi.token,
    )
    return result.data["reportSubmit"]["report"]["id"]


async def _dispose(gql, world: World, report_id: str, agency_id: int) -> None:
    result = await gql(
        op.DISPOSE,
        {"input": {"id": report_id, "agencyId": encode_id("Agency", agency_id)}},
        world.admin.token,
    )
    assert result.data["reportDispose"]["errors"] == []


@pytest.fixture
async def server(db: None, runtime: Runtime) -> AsyncIterator[Server]:
    async with serving(runtime) as running:
        yield running


# --------------------------------------------------------------------------- what each subscriber hears


async def test_reporter_admin_and_handling_liaison_hear_a_change_and_other_agencies_do_not(
    gql, clock: FakeClock, server: Server
) -> None:
    world = await make_world(clock)
    report_id = await _submit(gql, world)
    async with (
        live(server, world.budi.token, language="en") as budi,
        live(server, world.admin.token) as admin,
        live(server, world.dinkes_liaison.token) as dinkes,
        live(server, world.pu_liaison.token) as pu,
    ):
        watch = await budi.subscribe(WATCH_REPORT, {"id": report_id})
        admin_queue, dinkes_queue, _ = [await c.subscribe(WATCH_MY_QUEUE) for c in (admin, dinkes, pu)]
        await _eventually(lambda: subscribers(server.runtime) == 4)

        await _dispose(gql, world, report_id, world.dinkes.id)

        seen = (await budi.next_payload(watch))["data"]["reportUpdated"]
        assert (seen["id"], seen["status"], seen["agency"]["code"]) == (report_id, "DISPOSED", "DINKES")
        assert seen["statusLabel"] == status_label("DISPOSED", "en")  # in budi's language
        assert seen["timeline"] == [{"action": "dispose", "internalNote": None}]
        for connection, operation_id in ((admin, admin_queue), (dinkes, dinkes_queue)):
            change = (await connection.next_payload(operation_id))["data"]["myQueueChanged"]
            assert change["reportId"] == report_id
            assert (change["action"], change["inMyQueue"]) == ("dispose", True)
            assert change["report"] == {"id": report_id, "status": "DISPOSED", "agency": {"code": "DINKES"}}

        followed = await gql(
            op.FOLLOW_UP,
            {"input": {"id": report_id, "message": "Segera kami tangani."}},
            world.dinkes_liaison.token,
        )
        assert followed.data["reportFollowUp"]["errors"] == []

        assert (await budi.next_payload(watch))["data"]["reportUpdated"]["status"] == "IN_PROGRESS"
        for connection, operation_id in ((admin, admin_queue), (dinkes, dinkes_queue)):
            change = (await connection.next_payload(operation_id))["data"]["myQueueChanged"]
            assert (change["action"], change["report"]["status"]) == ("follow_up", "IN_PROGRESS")
        await pu.assert_quiet()


async def test_reporter_with_an_access_token_follows_their_confidential_report(
    gql, clock: FakeClock, server: Server
) -> None:
    world = await make_world(clock)
    submitted = (
        await gql(
            SUBMIT_WITHOUT_ACCOUNT,
            {
                "input": {
                    "title": "Pungli",
                    "body": "Diminta uang.",
                    "classification": "COMPLAINT",
                    "isConfidential": True,
                }
            },
        )
    ).data["reportSubmit"]
    report_id = submitted["report"]["id"]
    access = await gql(
        ACCESS,
        {
            "input": {
                "trackingNumber": submitted["report"]["trackingNumber"],
                "accessCode": submitted["accessCode"],
            }
        },
    )
    token = access.data["reportAccessTokenCreate"]["token"]
    assert token.startswith("r.")

    # The handshake header works as well as connection_init, and Accept-Language picks the language.
    async with live(server, header_token=token, accept_language="en") as reporter, live(server) as anonymous:
        watch = await reporter.subscribe(WATCH_REPORT, {"id": report_id})
        hidden = await anonymous.subscribe(WATCH_REPORT, {"id": report_id})
        assert await anonymous.error_codes(hidden) == ["NOT_FOUND"]
        await _eventually(lambda: subscribers(server.runtime) == 1)

        await _dispose(gql, world, report_id, world.pu.id)

        seen = (await reporter.next_payload(watch))["data"]["reportUpdated"]
        assert (seen["status"], seen["statusLabel"]) == ("DISPOSED", status_label("DISPOSED", "en"))


async def test_anyone_may_follow_a_public_report_without_a_token(
    gql, clock: FakeClock, server: Server
) -> None:
    world = await make_world(clock)
    report_id = await _submit(gql, world)
    async with live(server) as anonymous:
        watch = await anonymous.subscribe(WATCH_REPORT, {"id": report_id})
        await _eventually(lambda: subscribers(server.runtime) == 1)

        await _dispose(gql, world, report_id, world.pu.id)

        seen = (await anonymous.next_payload(watch))["data"]["reportUpdated"]
        assert (seen["status"], seen["statusLabel"]) == ("DISPOSED", status_label("DISPOSED", "id"))
        assert seen["timeline"] == [{"action": "dispose", "internalNote": None}]


async def test_a_report_leaving_an_agency_is_announced_once_and_then_no_longer_shown(
    gql, clock: FakeClock, server: Server
) -> None:
    world = await make_world(clock)
    report_id = await _submit(gql, world, confidential=True)
    await _dispose(gql, world, report_id, world.dinkes.id)
    async with live(server, world.dinkes_liaison.token) as dinkes, live(server, world.pu_liaison.token) as pu:
        watch = await dinkes.subscribe(WATCH_REPORT, {"id": report_id})
        dinkes_queue = await dinkes.subscribe(WATCH_MY_QUEUE)
        pu_queue = await pu.subscribe(WATCH_MY_QUEUE)
        await _eventually(lambda: subscribers(server.runtime) == 3)

        await gql(
            op.REQUEST_NOT_AUTHORITY,
            {"input": {"id": report_id, "reason": "Bukan kami."}},
            world.dinkes_liaison.token,
        )
        messages = {
            (m["id"], m["type"]): m["payload"] for m in [await dinkes.receive(), await dinkes.receive()]
        }
        assert messages[(watch, "next")]["data"]["reportUpdated"]["status"] == "NOT_AUTHORITY_REQUESTED"
        assert messages[(dinkes_queue, "next")]["data"]["myQueueChanged"]["inMyQueue"] is True
        await pu.assert_quiet()

        await gql(
            op.RESOLVE_NOT_AUTHORITY,
            {"input": {"id": report_id, "accept": True, "agencyId": encode_id("Agency", world.pu.id)}},
            world.admin.token,
        )
        arrived = (await pu.next_payload(pu_queue))["data"]["myQueueChanged"]
        assert (arrived["action"], arrived["inMyQueue"], arrived["report"]["agency"]["code"]) == (
            "resolve_not_authority",
            True,
            "PU",
        )
        # Dinkes no longer sees the confidential report: one last queue event without it, and the
        # report's own stream completes.
        messages = {
            (m["id"], m["type"]): m.get("payload") for m in [await dinkes.receive(), await dinkes.receive()]
        }
        assert messages[(watch, "complete")] is None
        left = messages[(dinkes_queue, "next")]["data"]["myQueueChanged"]
        assert left == {
            "reportId": report_id,
            "action": "resolve_not_authority",
            "actionLabel": left["actionLabel"],
            "inMyQueue": False,
            "report": None,
        }
        await _eventually(lambda: subscribers(server.runtime) == 2)

        await gql(
            op.FOLLOW_UP, {"input": {"id": report_id, "message": "Kami tangani."}}, world.pu_liaison.token
        )
        assert (await pu.next_payload(pu_queue))["data"]["myQueueChanged"]["action"] == "follow_up"
        await dinkes.assert_quiet()


# --------------------------------------------------------------------------- refusals


async def test_who_may_not_subscribe_gets_the_same_answers_as_over_http(
    gql, clock: FakeClock, server: Server
) -> None:
    world = await make_world(clock)
    report_id = await _submit(gql, world, confidential=True)
    await _dispose(gql, world, report_id, world.dinkes.id)
    async with (
        live(server, world.pu_liaison.token) as pu,
        live(server) as anonymous,
        live(server, world.siti.token) as siti,
        live(server, world.analyst.token) as analyst,
    ):
        assert await pu.error_codes(await pu.subscribe(WATCH_REPORT, {"id": report_id})) == ["NOT_FOUND"]
        unknown = encode_id("Report", 999_999)
        assert await pu.error_codes(await pu.subscribe(WATCH_REPORT, {"id": unknown})) == ["NOT_FOUND"]
        assert await pu.error_codes(await pu.subscribe(WATCH_REPORT, {"id": "bm9wZQ=="})) == ["INVALID"]
        assert await anonymous.error_codes(await anonymous.subscribe(WATCH_MY_QUEUE)) == ["UNAUTHENTICATED"]
        assert await siti.error_codes(await siti.subscribe(WATCH_MY_QUEUE)) == ["FORBIDDEN"]
        assert await analyst.error_codes(await analyst.subscribe(WATCH_MY_QUEUE)) == ["FORBIDDEN"]
    # Over HTTP the same report is simply absent for them.
    assert (await gql(REPORT_TITLE, {"id": report_id}, world.pu_liaison.token)).data["report"] is None
    assert subscribers(server.runtime) == 0


@pytest.mark.parametrize("where", ["connection_init", "handshake"])
async def test_a_bad_token_closes_the_connection_instead_of_going_anonymous(
    clock: FakeClock, server: Server, where: str
) -> None:
    await make_world(clock)
    headers = {"Authorization": "Bearer forged"} if where == "handshake" else {}
    params = {"authorization": "Bearer forged"} if where == "connection_init" else {}
    async with connect(
        server.ws, subprotocols=[Subprotocol("graphql-transport-ws")], additional_headers=headers
    ) as ws:
        await ws.send(json.dumps({"type": "connection_init", "payload": params}))
        with pytest.raises(ConnectionClosed) as closed:
            await asyncio.wait_for(ws.recv(), 3)
    assert closed.value.rcvd is not None
    assert closed.value.rcvd.code == 4403


async def test_a_deactivated_account_stops_hearing_at_the_next_change(
    gql, clock: FakeClock, server: Server
) -> None:
    world = await make_world(clock)
    report_id = await _submit(gql, world)
    async with live(server, world.dinkes_liaison.token) as dinkes:
        queue = await dinkes.subscribe(WATCH_MY_QUEUE)
        await _eventually(lambda: subscribers(server.runtime) == 1)
        result = await gql(
            DEACTIVATE, {"input": {"id": encode_id("User", world.dinkes_liaison.user.id)}}, world.admin.token
        )
        assert result.data["userDeactivate"]["errors"] == []

        await _dispose(gql, world, report_id, world.dinkes.id)

        assert await dinkes.error_codes(queue) == ["TOKEN_INVALID"]
        await _eventually(lambda: subscribers(server.runtime) == 0)


async def test_a_failed_mutation_publishes_nothing(gql, clock: FakeClock, server: Server) -> None:
    world = await make_world(clock)
    report_id = await _submit(gql, world)
    async with live(server, world.admin.token) as admin:
        queue = await admin.subscribe(WATCH_MY_QUEUE)
        await _eventually(lambda: subscribers(server.runtime) == 1)

        refused = await gql(op.RESUME, {"input": {"id": report_id}}, world.admin.token)
        assert refused.data["reportResume"]["errors"][0]["code"] == "ACTION_NOT_AVAILABLE"
        await admin.assert_quiet()

        await _dispose(gql, world, report_id, world.pu.id)
        assert (await admin.next_payload(queue))["data"]["myQueueChanged"]["action"] == "dispose"


async def test_queries_and_mutations_are_refused_over_the_websocket(
    gql, clock: FakeClock, server: Server
) -> None:
    world = await make_world(clock)
    report_id = await _submit(gql, world)
    async with live(server, world.admin.token) as admin:
        operation_id = await admin.subscribe(REPORT_TITLE, {"id": report_id})
        message = await admin.receive()
    assert message["type"] == "error"
    assert [e["extensions"]["code"] for e in message["payload"]] == ["SUBSCRIPTIONS_ONLY"]
    assert message["id"] == operation_id


async def test_a_subscription_over_http_is_refused(gql, clock: FakeClock) -> None:
    world = await make_world(clock)

    result = await gql(WATCH_MY_QUEUE, {}, world.admin.token)

    assert result.error_codes == ["WEBSOCKET_REQUIRED"]


# --------------------------------------------------------------------------- releasing subscriptions


async def test_completing_or_disconnecting_releases_the_feed_subscription(
    gql, clock: FakeClock, server: Server
) -> None:
    world = await make_world(clock)
    report_id = await _submit(gql, world)
    async with live(server, world.admin.token) as admin:
        watch = await admin.subscribe(WATCH_REPORT, {"id": report_id})
        await admin.subscribe(WATCH_MY_QUEUE)
        await _eventually(lambda: subscribers(server.runtime) == 2)

        await admin.send({"id": watch, "type": "complete"})
        await _eventually(lambda: subscribers(server.runtime) == 1)
    await _eventually(lambda: subscribers(server.runtime) == 0)


# --------------------------------------------------------------------------- between instances


def _test_database_params() -> dict[str, Any]:
    connection: Any = get_connection("default")
    return {
        "host": connection.host,
        "port": connection.port,
        "user": connection.user,
        "password": connection.password,
        "database": connection.database,
    }


def _postgres_feed(**options: Any) -> tuple[BroadcastChangeFeed, PostgresNotifyChannel]:
    channel = PostgresNotifyChannel(_test_database_params(), **options)
    return BroadcastChangeFeed(channel), channel


@PG_ONLY
async def test_a_mutation_on_one_instance_reaches_a_subscriber_on_another(db: None, clock: FakeClock) -> None:
    world = await make_world(clock)
    first = Runtime(clock=clock, changes=_postgres_feed()[0])
    second = Runtime(clock=clock, changes=_postgres_feed()[0])
    async with serving(first) as one, serving(second) as two, httpx.AsyncClient(base_url=one.http) as http:

        async def on_first(query: str, variables: dict[str, Any], token: str) -> dict[str, Any]:
            response = await http.post(
                "/graphql",
                json={"query": query, "variables": variables},
                headers={"Authorization": f"Bearer {token}"},
            )
            return response.json()["data"]

        submitted = await on_first(
            op.SUBMIT,
            {"input": {"title": "Jalan rusak", "body": "Berlubang.", "classification": "COMPLAINT"}},
            world.budi.token,
        )
        report_id = submitted["reportSubmit"]["report"]["id"]
        async with live(two, world.budi.token) as far, live(one, world.admin.token) as near:
            watch = await far.subscribe(WATCH_REPORT, {"id": report_id})
            queue = await near.subscribe(WATCH_MY_QUEUE)
            await _eventually(lambda: subscribers(second) == 1 and subscribers(first) == 1)

            await on_first(
                op.DISPOSE,
                {"input": {"id": report_id, "agencyId": encode_id("Agency", world.pu.id)}},
                world.admin.token,
            )

            assert (await far.next_payload(watch))["data"]["reportUpdated"]["status"] == "DISPOSED"
            # The publishing instance hears its own change once, through LISTEN like every other.
            assert (await near.next_payload(queue))["data"]["myQueueChanged"]["action"] == "dispose"
            await near.assert_quiet()


@PG_ONLY
async def test_the_listener_reconnects_after_losing_its_connection(db: None) -> None:
    feed, channel = _postgres_feed(retry_seconds=(0.05, 0.2), health_check_seconds=0.5)
    async with feed.running(), feed.subscribe() as changes:
        old_pid = channel.listener_pid
        await get_connection("default").execute_query("SELECT pg_terminate_backend($1)", [old_pid])
        await _eventually(lambda: channel.is_listening and channel.listener_pid != old_pid)

        change = ReportChanged(report_id=7, action="dispose", status="DISPOSED", agency_ids=(1, 2))
        await feed.publish(change)

        assert await asyncio.wait_for(anext(changes), 3) == change


@PG_ONLY
async def test_a_malformed_message_on_the_channel_is_ignored(db: None) -> None:
    feed, channel = _postgres_feed()
    async with feed.running(), feed.subscribe() as changes:
        await channel.send("not json")
        await channel.send(json.dumps({"report_id": 1}))
        change = ReportChanged(report_id=8, action="close", status="CLOSED", agency_ids=(3,))
        await feed.publish(change)

        assert await asyncio.wait_for(anext(changes), 3) == change


def test_the_feed_follows_the_database_unless_told_otherwise() -> None:
    assert isinstance(change_feed_for("sqlite://:memory:"), LocalChangeFeed)
    assert isinstance(change_feed_for("postgres://u@localhost:5432/lapor"), BroadcastChangeFeed)
    assert isinstance(change_feed_for("postgres://u@localhost:5432/lapor", "local"), LocalChangeFeed)
    with pytest.raises(ValueError, match="PostgreSQL"):
        change_feed_for("sqlite://lapor.sqlite3", "postgres")
    with pytest.raises(ValueError, match="LAPOR_CHANGE_FEED"):
        change_feed_for("sqlite://lapor.sqlite3", "redis")
