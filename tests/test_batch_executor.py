"""The batch executor answers queries exactly as graphql-core does, and serves the hot pages itself."""

from __future__ import annotations

import pytest

from lapor_gql.domain.demo import DEMO_PASSWORD, seed_demo_data
from lapor_gql.schema.batch_executor import BatchExecution

LOGIN = """
mutation Login($email: String!, $password: String!) {
  tokenCreate(input: {email: $email, password: $password}) { token }
}
"""

PAGES = """
query LiaisonInbox($agencyId: ID!, $first: Int!) {
  reports(filter: {agencyId: $agencyId}, first: $first) {
    edges { cursor node {
      id trackingNumber title status statusLabel isOverdue deadline availableActions createdAt
      agency { id code name }
      timeline(last: 3) { action actionLabel toStatus createdAt actorRole message }
    } }
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
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
      ... on Report { body category classification incidentDate updatedAt }
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


async def test_what_it_does_not_handle_is_left_to_graphql_core(client, both_paths) -> None:
    assert await seed_demo_data()
    public = {"query": PAGES, "operationName": "PublicReports", "variables": {"first": 1}}
    report_id = (await client.post("/graphql", json=public)).json()["data"]["reports"]["edges"][0]["node"][
        "id"
    ]

    # relay's node field runs through a Strawberry field extension
    batched, plain, served = await both_paths("ByNode", {"id": report_id}, None, "id")

    assert not served
    assert batched == plain
    assert batched["data"]["node"]["__typename"] == "Report"
