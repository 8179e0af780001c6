"""The batch executor answers queries exactly as graphql-core does, and serves the hot pages itself."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest
from graphql import (
    GraphQLInterfaceType,
    GraphQLUnionType,
    get_named_type,
    is_leaf_type,
    is_required_argument,
)

from lapor_gql.domain.demo import DEMO_PASSWORD, seed_demo_data
from lapor_gql.schema import known_queries, schema
from lapor_gql.schema.batch_executor import BatchExecution, Declined, _settle
from lapor_gql.schema.ids import encode_id

LOGIN = """
mutation Login($email: String!, $password: String!) {
  tokenCreate(input: {email: $email, password: $password}) { token }
}
"""

PAGES = """
query LiaisonInbox($agencyId: ID!, $first: Int!) {
  reports(filter: {agencyId: $agencyId}, first: $first) {
    edges { cursor node {
      id trackingNumber title status statusLabel isOverdue deadline availableActions { code label } createdAt
      agency { id code name }
      timeline(last: 3) { action actionLabel toStatus createdAt actorRole message }
    } }
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
  }
}

query DeadlineInbox($agencyId: ID!, $first: Int!) {
  reports(filter: {agencyId: $agencyId}, first: $first, order: DEADLINE) {
    edges { cursor node { id title category deadline isOverdue workingDaysLeft agency { code } } }
    pageInfo { hasNextPage endCursor }
  }
}

query PublicReports($first: Int!) {
  reports(first: $first) {
    edges { node { id trackingNumber title status statusLabel createdAt agency { id name } } }
  }
}

query Everything($first: Int!, $withTimeline: Boolean!, $skipAgency: Boolean!) {
  __typename
  me { __typename id name role email phone isActive agency { code } }
  reports(first: $first) {
    edges { node {
      __typename
      ...Facts
      ... on Report { body category classification incidentDate updatedAt workingDaysLeft }
      location { text latitude longitude }
      reporter { id name email }
      agency @skip(if: $skipAgency) { ...AgencyFacts parent { code level } }
      full: timeline @include(if: $withTimeline) {
        action fromStatus toStatus message internalNote isPublic actorRole actor { name role } createdAt
      }
      latest: timeline(last: 1) { action }
      none: timeline(last: 0) { action }
    } }
  }
  agencies(first: 10) {
    edges { node { ...AgencyFacts level children { code } officials { name position } liaisons { name } } }
  }
}

fragment Facts on Report { id trackingNumber title isAnonymous isConfidential status statusLabel }
fragment AgencyFacts on Agency { id code name address phone email website serviceHours isActive }

query BadCursor { reports(first: 2, after: "not-a-cursor") { edges { node { id } } } }
query TooMany { reports(first: 500) { edges { node { id } } } }
query ByNode($id: ID!) { node(id: $id) { __typename id ... on Report { title } } }
"""

VIEWERS = {
    "admin": "admin@lapor.babelprov.go.id",
    "liaison": "pu@lapor.babelprov.go.id",
    "citizen": "budi@example.id",
    "anonymous": None,
}


@pytest.fixture
def both_paths(client, monkeypatch: pytest.MonkeyPatch):  # noqa: ANN201 - returns the request helper
    """Send one operation through the batch executor and through graphql-core; return both answers."""

    async def run(
        operation: str, variables: dict, token: str | None, language: str
    ) -> tuple[dict, dict, bool]:
        headers = {"Accept-Language": language}
        if token:
            headers["Authorization"] = f"Bearer {token}"
        body = {"query": PAGES, "operationName": operation, "variables": variables}
        served_before = BatchExecution.served
        batched = (await client.post("/graphql", json=body, headers=headers)).json()
        served = BatchExecution.served == served_before + 1
        monkeypatch.setattr(BatchExecution, "enabled", False)
        try:
            plain = (await client.post("/graphql", json=body, headers=headers)).json()
        finally:
            monkeypatch.setattr(BatchExecution, "enabled", True)
        return batched, plain, served

    return run


async def test_every_viewer_gets_the_same_answer_from_both_executors(client, both_paths) -> None:
    assert await seed_demo_data()
    tokens: dict[str, str | None] = {}
    for viewer, email in VIEWERS.items():
        if email is None:
            tokens[viewer] = None
            continue
        login = {"query": LOGIN, "variables": {"email": email, "password": DEMO_PASSWORD}}
        tokens[viewer] = (await client.post("/graphql", json=login)).json()["data"]["tokenCreate"]["token"]
    listing = {"query": "query Agencies { agencies(first: 10) { edges { node { id code } } } }"}
    agencies = (await client.post("/graphql", json=listing)).json()["data"]["agencies"]["edges"]
    agency_id = next(e["node"]["id"] for e in agencies if e["node"]["code"] == "PU")

    for viewer, token in tokens.items():
        for language in ("id", "en"):
            cases = [
                ("LiaisonInbox", {"agencyId": agency_id, "first": 50}, True),
                ("DeadlineInbox", {"agencyId": agency_id, "first": 50}, True),
                ("PublicReports", {"first": 20}, True),
                ("Everything", {"first": 30, "withTimeline": True, "skipAgency": False}, True),
                ("Everything", {"first": 30, "withTimeline": False, "skipAgency": True}, True),
                ("BadCursor", {}, False),
                ("TooMany", {}, False),
            ]
            for operation, variables, batch_serves in cases:
                batched, plain, served = await both_paths(operation, variables, token, language)
                assert batched == plain, (viewer, language, operation)
                assert served is batch_serves, (viewer, operation)
                if batch_serves:
                    assert "errors" not in batched
                    assert batched["data"]["reports"]["edges"], (viewer, operation)
                if operation == "DeadlineInbox":
                    nodes = [edge["node"] for edge in batched["data"]["reports"]["edges"]]
                    dated = [node["deadline"] for node in nodes if node["deadline"]]
                    assert [node["deadline"] for node in nodes] == [
                        *sorted(dated),
                        *[None] * (len(nodes) - len(dated)),
                    ]
                    assert dated and all(node["workingDaysLeft"] is not None for node in nodes[: len(dated)])


async def test_what_it_does_not_handle_is_left_to_graphql_core(client, both_paths) -> None:
    assert await seed_demo_data()
    public = {"query": PAGES, "operationName": "PublicReports", "variables": {"first": 1}}
    report_id = (await client.post("/graphql", json=public)).json()["data"]["reports"]["edges"][0]["node"][
        "id"
    ]

    # An error in a resolver (a garbage id): graphql-core runs the operation, errors and paths are its own
    failing, failing_plain, failing_served = await both_paths("ByNode", {"id": "xyz"}, None, "id")
    # node is a plain resolver returning an abstract type, which it places
    batched, plain, served = await both_paths("ByNode", {"id": report_id}, None, "id")

    assert not failing_served
    assert failing == failing_plain
    assert failing["errors"][0]["extensions"] == {"code": "INVALID", "argument": "id"}
    assert served
    assert batched == plain
    assert batched["data"]["node"]["__typename"] == "Report"


FAILING_BESIDE_SIBLINGS = """
query FailingBesideSiblings($bad: ID!, $good: ID!) {
  x: processDefinitionDiff(fromId: $bad, toId: $bad) { added { elementId } }
  y1: processDefinition(id: $good) { id }
  y2: processDefinition(id: $good) { id }
  me { name }
}
"""


async def test_a_failing_resolver_leaves_the_connection_usable(client) -> None:
    # The failing field raises after its siblings queued for the database (SQLite's one connection,
    # PostgreSQL's pool): each sibling must still finish, or the connection stays taken for good.
    assert await seed_demo_data()
    login = {"query": LOGIN, "variables": {"email": VIEWERS["admin"], "password": DEMO_PASSWORD}}
    token = (await client.post("/graphql", json=login)).json()["data"]["tokenCreate"]["token"]
    headers = {"Authorization": f"Bearer {token}"}
    listing = {"query": "query Definitions { processDefinitions { edges { node { id } } } }"}
    definitions = (await client.post("/graphql", json=listing, headers=headers)).json()["data"]
    variables = {
        "bad": encode_id("ProcessDefinition", 999_999),
        "good": definitions["processDefinitions"]["edges"][0]["node"]["id"],
    }
    body = {"query": FAILING_BESIDE_SIBLINGS, "variables": variables}

    for _ in range(10):  # more than the pool's five connections
        answer = (await asyncio.wait_for(client.post("/graphql", json=body, headers=headers), 10)).json()
        assert [e["extensions"]["code"] for e in answer["errors"]] == ["INVALID"]

    me = {"query": "query Me { me { name } }"}
    after = await asyncio.wait_for(client.post("/graphql", json=me, headers=headers), 10)
    assert after.json()["data"]["me"]["name"] == "Admin Diskominfo Babel"


async def test_settling_lets_every_coroutine_finish_when_one_fails() -> None:
    lock = asyncio.Lock()
    finished: list[str] = []

    async def fails_holding_the_lock() -> None:
        async with lock:
            await asyncio.sleep(0.01)
        raise ValueError("bad input")

    async def waits_for_the_lock(name: str) -> str:
        async with lock:
            finished.append(name)
        return name

    slots: dict[str, object] = {}
    waiting = [(slots, "a", fails_holding_the_lock()), (slots, "b", waits_for_the_lock("b"))]
    waiting.append((slots, "c", waits_for_the_lock("c")))
    with pytest.raises(Declined):
        await _settle(waiting)  # type: ignore[arg-type]

    assert finished == ["b", "c"]
    await asyncio.wait_for(lock.acquire(), 1)  # no waiter was left behind in the lock's queue


async def test_a_cancelled_request_cancels_each_coroutine_at_its_await() -> None:
    lock = asyncio.Lock()
    cancelled: list[str] = []
    await lock.acquire()

    async def waits_for_the_lock(name: str) -> None:
        try:
            async with lock:
                pass
        except asyncio.CancelledError:  # what lets asyncio's own primitives clean up
            cancelled.append(name)
            raise

    slots: dict[str, object] = {}
    waiting = [(slots, name, waits_for_the_lock(name)) for name in ("a", "b")]
    settling = asyncio.ensure_future(_settle(waiting))  # type: ignore[arg-type]
    await asyncio.sleep(0.01)
    settling.cancel()
    with pytest.raises(asyncio.CancelledError):
        await settling

    assert sorted(cancelled) == ["a", "b"]
    lock.release()
    await asyncio.wait_for(lock.acquire(), 1)


def test_it_serves_only_while_no_extension_wraps_the_resolvers() -> None:
    from strawberry.extensions import SchemaExtension

    from lapor_gql.schema import schema
    from lapor_gql.schema.batch_executor import _extensions_wrap_resolvers

    class Tracing(SchemaExtension):
        def resolve(self, _next, root, info, *args, **kwargs):  # type: ignore[no-untyped-def]
            return _next(root, info, *args, **kwargs)

    class Traced:
        extensions = [*schema.extensions, Tracing]

    assert not _extensions_wrap_resolvers(schema)
    assert _extensions_wrap_resolvers(Traced())


# --- every field of Query ---------------------------------------------------------------------------

# The arguments each root field is asked with ({name} are ids looked up in the demo data). The test
# derives the list of fields from the schema: a new Query field fails it until it is listed here.
ROOT_ARGUMENTS: dict[str, str] = {
    "node": '(id: "{report}")',
    "me": "",
    "report": '(id: "{report}")',
    "reportByTrackingNumber": '(trackingNumber: "{tracking}")',
    "reports": "(first: 20)",
    "agencies": "(first: 20)",
    "agency": '(id: "{agency}")',
    "auditEvents": "(first: 20)",
    "users": "(first: 20)",
    "mySessions": "",
    "holidays": '(year: 2026, agencyId: "{agency}")',
    "processDefinitions": "(first: 5)",
    "processDefinition": '(id: "{definition}")',
    "processDefinitionDiff": '(fromId: "{definition}", toId: "{definition}")',
    "statistics": "",
    "publicStatistics": "",
}
# How deep the generated selection goes below each root field (the document stays under the token
# limit). `node` asks for a report: Node's members share field names with other types, which one
# document cannot select all at once.
SELECTION_DEPTH = 6


def _selection(graphql_type: Any, depth: int) -> str | None:
    """Every field of the type down to ``depth`` levels, each abstract type's members by fragment;
    fields with a required argument are left out (the root fields' are given above)."""
    named = get_named_type(graphql_type)
    if is_leaf_type(named):
        return ""
    if depth == 0:
        return None
    if isinstance(named, GraphQLInterfaceType | GraphQLUnionType):
        parts = ["__typename"]
        for member in schema._schema.get_possible_types(named):
            inner = _selection(member, depth)
            if inner:
                parts.append(f"... on {member.name} {inner}")
        return "{ " + " ".join(parts) + " }"
    parts = []
    for name, field in named.fields.items():
        if any(is_required_argument(argument) for argument in field.args.values()):
            continue
        inner = _selection(field.type, depth - 1)
        if inner is not None:
            parts.append(f"{name} {inner}".strip())
    return "{ " + " ".join(parts) + " }" if parts else None


def _root_field_documents(ids: dict[str, str]) -> dict[str, str]:
    documents = {}
    for name, field in schema._schema.query_type.fields.items():
        if name == "node":
            report = _selection(schema._schema.get_type("Report"), SELECTION_DEPTH - 1)
            selection = f"{{ __typename id ... on Report {report} }}"
        else:
            selection = _selection(field.type, SELECTION_DEPTH) or ""
        arguments = ROOT_ARGUMENTS[name].format(**ids)
        documents[name] = f"query Every_{name} {{ {name}{arguments} {selection} }}"
    return documents


def test_every_query_field_has_arguments_to_be_asked_with() -> None:
    assert set(ROOT_ARGUMENTS) == set(schema._schema.query_type.fields)


async def test_every_query_field_answers_alike_on_both_executors(client) -> None:
    """Each root field of Query, with every field below it, for each kind of viewer in both languages:
    the batch executor (through the fast path once the document is known) answers as graphql-core."""
    assert await seed_demo_data()
    tokens = {viewer: await _login(client, email) for viewer, email in VIEWERS.items()}
    admin = {"Authorization": f"Bearer {tokens['admin']}"}
    lookup = """query Ids {
      reports(first: 20) { edges { node { id trackingNumber agency { id } } } }
      processDefinitions(first: 1) { edges { node { id } } }
    }"""
    found = (await client.post("/graphql", json={"query": lookup}, headers=admin)).json()["data"]
    # A disposed report (one with an agency): its liaison sees it, and the agency has rounds.
    report = next(e["node"] for e in found["reports"]["edges"] if e["node"]["agency"])
    ids = {
        "report": report["id"],
        "tracking": report["trackingNumber"],
        "agency": report["agency"]["id"],
        "definition": found["processDefinitions"]["edges"][0]["node"]["id"],
    }
    documents = _root_field_documents(ids)

    batched_fields: set[str] = set()
    fast_before = known_queries.served
    for viewer, token in tokens.items():
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        for language in ("id", "en"):
            headers["Accept-Language"] = language
            for name, document in documents.items():
                body = {"query": document}
                served_before = BatchExecution.served
                batched = await client.post("/graphql", json=body, headers=headers)
                if BatchExecution.served == served_before + 1:
                    batched_fields.add(name)
                BatchExecution.enabled = False
                try:
                    plain = await client.post("/graphql", json=body, headers=headers)
                finally:
                    BatchExecution.enabled = True
                assert batched.status_code == plain.status_code, (viewer, language, name)
                assert batched.content == plain.content, (viewer, language, name)

    # Each field is answered by the batch executor for someone: the comparison above covered it.
    assert batched_fields == set(documents)
    assert known_queries.served > fast_before


async def _login(client, email: str | None) -> str | None:  # noqa: ANN001
    if email is None:
        return None
    login = {"query": LOGIN, "variables": {"email": email, "password": DEMO_PASSWORD}}
    return (await client.post("/graphql", json=login)).json()["data"]["tokenCreate"]["token"]
