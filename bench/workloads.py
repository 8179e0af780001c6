"""The HTTP workloads: each one a named GraphQL operation against the app and the matching baseline
route (and, for (b), the peer), returning the same data, as prepared requests for the load generators
(wrk for (a)-(c) and the mix (m), bench.rawhttp for (d)), with a check of the answers."""

from __future__ import annotations

import base64
from collections.abc import Callable
from dataclasses import dataclass, field

import httpx
import orjson

from .rawdb import RawDB
from .seed import Seeded
from .wrk import HttpRequest

INBOX = """
query LiaisonInbox($agencyId: ID!, $first: Int!) {
  reports(filter: {agencyId: $agencyId}, first: $first) {
    edges {
      node {
        id trackingNumber title status statusLabel isOverdue deadline availableActions { code } createdAt
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
    id trackingNumber title body status statusLabel isOverdue deadline availableActions { code }
    category createdAt
    agency { id name }
    reporter { name }
    timeline {
      action actionLabel fromStatus toStatus message internalNote actorRole actor { name } createdAt
    }
  }
}
"""

_PAYLOAD = """
    report {
      id trackingNumber title status statusLabel isOverdue deadline availableActions { code } agency { id }
    }
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


def post_graphql(
    query: str, operation: str, variables: dict[str, object], token: str | None = None, path: str = "/graphql"
) -> HttpRequest:
    headers = {"Content-Type": "application/json"}
    if token:
        headers.update(bearer(token))
    body = orjson.dumps({"query": query, "operationName": operation, "variables": variables}).decode()
    return HttpRequest("POST", path, headers, body)


def get(path: str, token: str | None = None) -> HttpRequest:
    return HttpRequest("GET", path, bearer(token) if token else {})


@dataclass
class Workload:
    """Reads: a list of requests per side, cycled by wrk for a fixed duration. Mutations (``by_count``):
    ``build[side](i)`` is the i-th request, each consuming a report, and ``check`` judges an answer."""

    key: str
    title: str
    requests: dict[str, list[HttpRequest]] = field(default_factory=dict)  # side -> requests
    graphql: dict[str, bool] = field(default_factory=dict)  # side -> answers are GraphQL
    by_count: bool = False
    build: dict[str, Callable[[int], HttpRequest]] = field(default_factory=dict)
    check: dict[str, Callable[[int, int, bytes], str | None]] = field(default_factory=dict)
    higher_is_better_ratio: bool = False  # (d): ours throughput / baseline throughput
    # side -> the server it runs on and the route prefix (the peer serves two endpoints)
    servers: dict[str, str] = field(default_factory=dict)

    @property
    def sides(self) -> list[str]:
        return list(self.requests or self.build)


def inbox(seeded: Seeded, first: int) -> Workload:
    agencies = seeded.agency_ids
    ours = [
        post_graphql(INBOX, "LiaisonInbox", {"agencyId": gid("Agency", a), "first": first}, token)
        for a in agencies
        for token in [seeded.liaison_tokens[a]]
    ]
    base = [get(f"/inbox?agency={a}&first={first}", seeded.liaison_tokens[a]) for a in agencies]
    return Workload(
        "a",
        f"liaison inbox ({first} reports, last 3 events)",
        requests={"ours": ours, "baseline": base},
        graphql={"ours": True, "baseline": False},
        servers={"ours": "ours", "baseline": "baseline"},
    )


def public(seeded: Seeded) -> Workload:
    request = post_graphql(PUBLIC, "PublicReports", {"first": 20})
    return Workload(
        "b",
        "public list (20, anonymous)",
        requests={
            "ours": [request],
            "baseline": [get("/public?first=20")],
            "peer": [request],
            "peer_cached": [post_graphql(PUBLIC, "PublicReports", {"first": 20}, path="/graphql-cached")],
        },
        graphql={"ours": True, "baseline": False, "peer": True, "peer_cached": True},
        servers={"ours": "ours", "baseline": "baseline", "peer": "peer", "peer_cached": "peer"},
    )


def detail(seeded: Seeded) -> Workload:
    sample = seeded.detail_ids
    ours = [
        post_graphql(DETAIL, "ReportDetail", {"id": gid("Report", rid)}, seeded.liaison_tokens[a])
        for rid, a in sample
    ]
    base = [get(f"/report/{rid}", seeded.liaison_tokens[a]) for rid, a in sample]
    return Workload(
        "c",
        "report detail (whole timeline)",
        requests={"ours": ours, "baseline": base},
        graphql={"ours": True, "baseline": False},
        servers={"ours": "ours", "baseline": "baseline"},
    )


def transitions(seeded: Seeded) -> Workload:
    """The i-th request takes the i-th DISPOSED report of the pool: follow-up on even indexes, close on
    odd ones, by the liaison of its agency. The caller hands out disjoint index ranges."""
    pool = seeded.disposed

    def ours(i: int) -> HttpRequest:
        rid, a = pool[i]
        if i % 2 == 0:
            variables: dict[str, object] = {"id": gid("Report", rid), "message": "Sudah ditangani."}
            return post_graphql(FOLLOW_UP, "FollowUp", variables, seeded.liaison_tokens[a])
        variables = {"id": gid("Report", rid), "resolution": "Selesai ditangani."}
        return post_graphql(CLOSE, "Close", variables, seeded.liaison_tokens[a])

    def baseline(i: int) -> HttpRequest:
        rid, a = pool[i]
        action = "follow_up" if i % 2 == 0 else "close"
        headers = {"Content-Type": "application/json", **bearer(seeded.liaison_tokens[a])}
        return HttpRequest("POST", f"/report/{rid}/{action}", headers, '{"text": "Selesai."}')

    def check_ours(i: int, status: int, body: bytes) -> str | None:
        if status != 200:
            return f"HTTP {status} {body[:200]!r}"
        answer = orjson.loads(body)
        payload = (answer.get("data") or {}).get("reportFollowUp" if i % 2 == 0 else "reportClose")
        if answer.get("errors") or not payload or payload["errors"]:
            return f"{body[:300]!r}"
        return None

    def check_baseline(i: int, status: int, body: bytes) -> str | None:
        if status != 200 or not orjson.loads(body).get("report"):
            return f"HTTP {status} {body[:300]!r}"
        return None

    return Workload(
        "d",
        "transitions (reportFollowUp / reportClose)",
        by_count=True,
        build={"ours": ours, "baseline": baseline},
        check={"ours": check_ours, "baseline": check_baseline},
        higher_is_better_ratio=True,
        servers={"ours": "ours", "baseline": "baseline"},
    )


# (m): per block of the mix, this many requests of each of (a), (b), (c), then one follow-up.
MIX_READS_PER_KIND = 8
# Follow-ups in the mix go to distinct reports, each report coming round again only after a whole
# cycle of the list (so never twice at once); more reports would only lengthen wrk's script.
MIX_FOLLOW_UP_REPORTS = 400


async def follow_up_reports(url: str) -> list[tuple[int, int]]:
    """(report id, agency id) of the reports a liaison may follow up now and that no other workload
    uses: IN_PROGRESS ones (awaiting the reporter or answering a reply; a follow-up leaves them
    IN_PROGRESS, so the same report takes another one in the next cycle). (d)'s and (f)'s DISPOSED
    reports are not among them."""
    raw = await RawDB(url).open(pool_size=1)
    try:
        rows = await raw.fetch(
            "SELECT id, agency_id FROM report WHERE status = 'IN_PROGRESS' AND agency_id IS NOT NULL"
            " AND CAST(pending_actions AS TEXT) LIKE '%\"follow_up\"%' ORDER BY id"
        )
    finally:
        await raw.close()
    return [(int(r[0]), int(r[1])) for r in rows]


def mixed(seeded: Seeded, follow_ups: list[tuple[int, int]]) -> Workload:
    """(m): (a), (b) and (c) in turn with a follow-up after every 24 reads (4 % of the requests), for
    the memory a worker holds after many requests. Ours and the baseline follow up disjoint halves of
    ``follow_ups``."""
    half = min(len(follow_ups) // 2, MIX_FOLLOW_UP_REPORTS)
    pools = {"ours": follow_ups[:half], "baseline": follow_ups[half : 2 * half]}
    reads = {
        side: [w.requests[side] for w in (inbox(seeded, 50), public(seeded), detail(seeded))]
        for side in pools
    }

    def follow_up(side: str, rid: int, agency: int) -> HttpRequest:
        token = seeded.liaison_tokens[agency]
        if side == "ours":
            variables: dict[str, object] = {"id": gid("Report", rid), "message": "Sudah ditangani."}
            return post_graphql(FOLLOW_UP, "FollowUp", variables, token)
        headers = {"Content-Type": "application/json", **bearer(token)}
        return HttpRequest("POST", f"/report/{rid}/follow_up", headers, '{"text": "Sudah ditangani."}')

    requests: dict[str, list[HttpRequest]] = {}
    for side, pool in pools.items():
        blocks = len(pool) or 100  # without follow-ups still a few hundred different reads
        out: list[HttpRequest] = []
        for b in range(blocks):
            for i in range(MIX_READS_PER_KIND):
                n = b * MIX_READS_PER_KIND + i
                out += [kind[n % len(kind)] for kind in reads[side]]
            if pool:
                out.append(follow_up(side, *pool[b]))
        requests[side] = out
    return Workload(
        "m",
        "mixed: (a), (b), (c) and 4 % follow-ups",
        requests=requests,
        graphql={"ours": True, "baseline": False},
        servers={"ours": "ours", "baseline": "baseline"},
    )


BUILDERS: dict[str, Callable[[Seeded], Workload]] = {
    "a": lambda s: inbox(s, 50),
    "b": public,
    "c": detail,
    "d": transitions,
}


async def verify(w: Workload, urls: dict[str, str]) -> None:
    """Before timing anything: every side answers a few of its requests correctly, and the peer's
    answer is byte-for-byte ours (same fields, same JSON)."""
    answers: dict[str, bytes] = {}
    async with httpx.AsyncClient(timeout=60) as http:
        for side, requests in w.requests.items():
            base = urls[w.servers[side]]
            for r in requests[:3]:
                response = await http.request(r.method, base + r.path, headers=r.headers, content=r.body)
                body = response.json()
                if response.status_code != 200 or (w.graphql[side] and body.get("errors")):
                    raise RuntimeError(f"({w.key}) {side}: HTTP {response.status_code} {response.text[:300]}")
                answers.setdefault(side, response.content)
    if "peer" in answers:
        for side in ("peer", "peer_cached"):
            if answers[side] != answers["ours"]:
                raise RuntimeError(
                    f"({w.key}) the {side} answer differs from ours:"
                    f"\n{answers[side][:400]!r}\n{answers['ours'][:400]!r}"
                )
