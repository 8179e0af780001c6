"""The fast path for known documents (lapor_gql/schema/known_queries.py): a query whose text parsed
and validated before is answered by the batch executor without the view's chain, byte for byte as
the view answers it, with the same request record; everything else takes the usual path."""

from __future__ import annotations

import dataclasses
import json
from typing import Any

import httpx
import pytest

from lapor_gql.clock import FakeClock
from lapor_gql.db.models import Classification
from lapor_gql.domain import reports
from lapor_gql.domain.processes import Runtime
from lapor_gql.observability import request_log
from lapor_gql.schema import known_queries, shadow_execution
from lapor_gql.schema.batch_executor import BatchExecution, BatchExecutor, known_documents

from .world import make_world

INBOX = """
query Inbox($first: Int!, $withTimeline: Boolean!) {
  reports(first: $first) {
    edges { node { id title status statusLabel agency { name } timeline(last: 2) @include(if: $withTimeline) {
      action actionLabel } } }
    pageInfo { hasNextPage }
  }
}
"""


@pytest.fixture
def records(monkeypatch: pytest.MonkeyPatch) -> list[request_log.RequestRecord]:
    """Each finished request's record, as the log line and the metrics get it."""
    finished: list[request_log.RequestRecord] = []
    original = request_log._finish

    def keep(record: request_log.RequestRecord, failed: bool) -> None:
        finished.append(dataclasses.replace(record))
        original(record, failed)

    monkeypatch.setattr(request_log, "_finish", keep)
    return finished


async def _post(
    client: httpx.AsyncClient, body: dict[str, Any], token: str | None = None, **headers: str
) -> httpx.Response:
    if token:
        headers["Authorization"] = f"Bearer {token}"
    return await client.post(
        "/graphql", content=json.dumps(body), headers={"Content-Type": "application/json", **headers}
    )


def _comparable(record: request_log.RequestRecord) -> dict[str, Any]:
    fields = dataclasses.asdict(record)
    del fields["request_id"], fields["started"]
    return fields


async def test_a_known_query_is_answered_on_the_fast_path_as_the_view_answers_it(
    client: httpx.AsyncClient, clock: FakeClock, runtime: Runtime, records: list[request_log.RequestRecord]
) -> None:
    world = await make_world(clock)
    for index in range(3):
        draft = reports.ReportDraft(
            title=f"Laporan {index}", body="Isi.", classification=Classification.COMPLAINT
        )
        report = await reports.submit_report(runtime, world.budi.actor, draft)
        await reports.dispose_report(runtime, world.admin.actor, report.id, world.pu.id, "")
    body = {"query": INBOX, "variables": {"first": 5, "withTimeline": True}}
    for accept in ("application/json", "application/graphql-response+json"):
        known_documents.clear()
        fast, served, compared = known_queries.served, BatchExecution.served, shadow_execution.compared
        first = await _post(client, body, world.pu_liaison.token, Accept=accept, **{"Accept-Language": "en"})
        assert known_queries.served == fast  # unknown text: the view parsed and validated it
        second = await _post(client, body, world.pu_liaison.token, Accept=accept, **{"Accept-Language": "en"})

        assert known_queries.served == fast + 1
        assert BatchExecution.served == served + 2
        assert shadow_execution.compared == compared + 2  # graphql-core checked both answers
        assert first.status_code == second.status_code == 200
        assert second.content == first.content
        assert {k: v for k, v in second.headers.items() if k != "x-request-id"} == {
            k: v for k, v in first.headers.items() if k != "x-request-id"
        }
        assert first.json()["data"]["reports"]["edges"][0]["node"]["timeline"]
        assert _comparable(records[-1]) == _comparable(records[-2])
        assert records[-1].outcome == "ok" and records[-1].operation == "reports"
        assert records[-1].actor_id == world.pu_liaison.actor.user_id

    # Other variables for the same text, @include's among them: planned anew, answered right.
    without = await _post(client, {"query": INBOX, "variables": {"first": 2, "withTimeline": False}})
    assert known_queries.served == fast + 2
    assert all("timeline" not in e["node"] for e in without.json()["data"]["reports"]["edges"])


async def test_what_the_fast_path_does_not_answer_takes_the_usual_path(
    client: httpx.AsyncClient, clock: FakeClock, records: list[request_log.RequestRecord]
) -> None:
    world = await make_world(clock)
    cases: list[tuple[dict[str, Any], str | None]] = [
        # variables that do not coerce: the view's error, 200 with errors
        ({"query": INBOX, "variables": {"first": "five", "withTimeline": True}}, None),
        # a resolver's error (a liaison may not list users)
        ({"query": "query Users { users(first: 5) { edges { node { id } } } }"}, world.pu_liaison.token),
        # introspection
        ({"query": "query Kind { __schema { queryType { name } } }"}, None),
        # a mutation
        (
            {"query": 'mutation Revoke { sessionRevoke(input: {id: "x"}) { errors { code } } }'},
            world.budi.token,
        ),
        # an operation the document does not have
        ({"query": INBOX, "operationName": "Nope", "variables": {"first": 1, "withTimeline": False}}, None),
    ]
    for body, token in cases:
        fast = known_queries.served
        first = await _post(client, body, token)
        again = await _post(client, body, token, Accept="application/json")
        assert known_queries.served == fast, body
        assert (again.status_code, again.content) == (first.status_code, first.content), body
        assert _comparable(records[-1]) == _comparable(records[-2]), body

    # A bad token is refused before GraphQL, known document or not.
    refused = await _post(client, {"query": INBOX, "variables": {"first": 1, "withTimeline": False}}, "bad")
    assert refused.status_code == 401


async def test_a_document_that_fails_its_limits_never_becomes_known(client: httpx.AsyncClient) -> None:
    deep = "query Deep { reports { edges { node { agency { parent { parent { parent { parent { parent { parent { parent { code } } } } } } } } } } } }"  # noqa: E501
    for _ in range(2):
        answer = await _post(client, {"query": deep})
        assert "exceeds maximum operation depth" in answer.json()["errors"][0]["message"]
    assert known_documents.get(deep) is None


async def test_shadow_mode_fails_loudly_on_a_different_answer(
    client: httpx.AsyncClient, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert shadow_execution.ENABLED  # tests/conftest.py switches it on for the whole suite
    world = await make_world(clock)
    body = {"query": "query Me { me { name } }"}
    await _post(client, body, world.budi.token)
    original = BatchExecutor.execute

    async def wrong(self: BatchExecutor) -> dict[str, Any]:
        data = await original(self)
        return {"me": {"name": data["me"]["name"].upper()}}

    monkeypatch.setattr(BatchExecutor, "execute", wrong)
    found = len(shadow_execution.mismatches)
    with pytest.raises(shadow_execution.ShadowMismatch):
        await _post(client, body, world.budi.token)  # on the fast path
    known_documents.clear()
    answer = await _post(client, body, world.budi.token)  # in the view's extension
    assert answer.json()["errors"]
    assert len(shadow_execution.mismatches) == found + 2
    del shadow_execution.mismatches[found:]  # found on purpose: not this test's failure
