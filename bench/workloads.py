"""The HTTP workloads: each one a named GraphQL operation against the app and the matching baseline
route, returning the same data."""

from __future__ import annotations

import base64
from collections.abc import Callable
from dataclasses import dataclass

import httpx

from .load import Request
from .seed import Seeded

INBOX = """
query LiaisonInbox($agencyId: ID!, $first: Int!) {
  reports(filter: {agencyId: $agencyId}, first: $first) {
    edges {
      node {
        id trackingNumber title status statusLabel isOverdue deadline availableActions createdAt
        agency { id code name }
        timeline(last: 3) { action actionLabel toStatus createdAt actorRole message }
      }
    }
    pageInfo { hasNextPage endCursor }
  }
}
"""

PUBLIC = """
query PublicReports($first: Int!) {
  reports(first: $first) {
    edges { node { id trackingNumber title status statusLabel createdAt agency { id name } } }
    pageInfo { hasNextPage endCursor }
  }
}
"""

DETAIL = """
query ReportDetail($id: ID!) {
  report(id: $id) {
    id trackingNumber title body status statusLabel isOverdue deadline availableActions category createdAt
    agency { id name }
    reporter { name }
    timeline {
      action actionLabel fromStatus toStatus message internalNote actorRole actor { name } createdAt
    }
  }
}
"""

_PAYLOAD = """
    report { id trackingNumber title status statusLabel isOverdue deadline availableActions agency { id } }
    errors { field code message }
"""
FOLLOW_UP = (
    "mutation FollowUp($id: ID!, $message: String!) {\n"
    "  reportFollowUp(input: {id: $id, message: $message}) {" + _PAYLOAD + "  }\n}\n"
)
CLOSE = (
    "mutation Close($id: ID!, $resolution: String!) {\n"
    "  reportClose(input: {id: $id, resolution: $resolution}) {" + _PAYLOAD + "  }\n}\n"
)


def gid(kind: str, key: int) -> str:
    return base64.b64encode(f"{kind}:{key}".encode()).decode()


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


async def graphql(
    client: httpx.AsyncClient,
    query: str,
    operation: str,
    variables: dict[str, object],
    token: str | None = None,
) -> dict[str, object]:
    response = await client.post(
        "/graphql",
        json={"query": query, "operationName": operation, "variables": variables},
        headers=bearer(token) if token else None,
    )
    body = response.json()
    if response.status_code != 200 or body.get("errors"):
        raise RuntimeError(f"{operation}: HTTP {response.status_code} {str(body)[:300]}")
    data = body["data"]
    assert isinstance(data, dict)
    return data


async def rest(
    client: httpx.AsyncClient, method: str, path: str, token: str | None = None, **kw: object
) -> dict:
    response = await client.request(method, path, headers=bearer(token) if token else None, **kw)  # type: ignore[arg-type]
    if response.status_code != 200:
        raise RuntimeError(f"{path}: HTTP {response.status_code} {response.text[:300]}")
    return response.json()  # type: ignore[no-any-return]


@dataclass
class Workload:
    key: str
    title: str
    ours: Request
    baseline: Request
    by_count: bool = False  # mutations: a fixed number of requests per round (each consumes a report)
    higher_is_better_ratio: bool = False  # (d): ours throughput / baseline throughput


def inbox(seeded: Seeded, first: int) -> Workload:
    agencies = seeded.agency_ids

    async def ours(client: httpx.AsyncClient, i: int) -> None:
        a = agencies[i % len(agencies)]
        data = await graphql(
            client,
            INBOX,
            "LiaisonInbox",
            {"agencyId": gid("Agency", a), "first": first},
            seeded.liaison_tokens[a],
        )
        assert 0 < len(data["reports"]["edges"]) <= first, "empty inbox"  # type: ignore[index]

    async def baseline(client: httpx.AsyncClient, i: int) -> None:
        a = agencies[i % len(agencies)]
        body = await rest(client, "GET", f"/inbox?agency={a}&first={first}", seeded.liaison_tokens[a])
        assert 0 < len(body["reports"]) <= first, "empty inbox"

    return Workload("a", f"liaison inbox ({first} reports, last 3 events)", ours, baseline)


def public(seeded: Seeded) -> Workload:
    async def ours(client: httpx.AsyncClient, i: int) -> None:
        data = await graphql(client, PUBLIC, "PublicReports", {"first": 20})
        assert len(data["reports"]["edges"]) == 20  # type: ignore[index]

    async def baseline(client: httpx.AsyncClient, i: int) -> None:
        body = await rest(client, "GET", "/public?first=20")
        assert len(body["reports"]) == 20

    return Workload("b", "public list (20, anonymous)", ours, baseline)


def detail(seeded: Seeded) -> Workload:
    sample = seeded.detail_ids

    async def ours(client: httpx.AsyncClient, i: int) -> None:
        rid, a = sample[i % len(sample)]
        data = await graphql(
            client, DETAIL, "ReportDetail", {"id": gid("Report", rid)}, seeded.liaison_tokens[a]
        )
        assert data["report"] is not None

    async def baseline(client: httpx.AsyncClient, i: int) -> None:
        rid, a = sample[i % len(sample)]
        body = await rest(client, "GET", f"/report/{rid}", seeded.liaison_tokens[a])
        assert body["report"] is not None

    return Workload("c", "report detail (whole timeline)", ours, baseline)


def transitions(seeded: Seeded) -> Workload:
    """Each request takes the next unused DISPOSED report of the pool: follow-up on even indexes,
    close on odd ones, by the liaison of its agency. The caller hands out disjoint index ranges."""
    pool = seeded.disposed

    async def ours(client: httpx.AsyncClient, i: int) -> None:
        rid, a = pool[i]
        if i % 2 == 0:
            query, op, field, variables = (
                FOLLOW_UP,
                "FollowUp",
                "reportFollowUp",
                {"message": "Sudah ditangani."},
            )
        else:
            query, op, field, variables = CLOSE, "Close", "reportClose", {"resolution": "Selesai ditangani."}
        data = await graphql(
            client, query, op, {"id": gid("Report", rid), **variables}, seeded.liaison_tokens[a]
        )
        payload = data[field]
        assert isinstance(payload, dict) and not payload["errors"], payload

    async def baseline(client: httpx.AsyncClient, i: int) -> None:
        rid, a = pool[i]
        action = "follow_up" if i % 2 == 0 else "close"
        await rest(
            client, "POST", f"/report/{rid}/{action}", seeded.liaison_tokens[a], json={"text": "Selesai."}
        )

    return Workload(
        "d",
        "transitions (reportFollowUp / reportClose)",
        ours,
        baseline,
        by_count=True,
        higher_is_better_ratio=True,
    )


BUILDERS: dict[str, Callable[[Seeded], Workload]] = {
    "a": lambda s: inbox(s, 50),
    "b": public,
    "c": detail,
    "d": transitions,
}
