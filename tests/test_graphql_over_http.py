"""GraphQL over HTTP to the letter: graphql-http's own conformance audits against a real uvicorn, and the
status codes and media types of application/graphql-response+json next to the legacy application/json.

The audits run in Node (tests/http_audit, installed by scripts/test with ``npm ci``).
"""

from __future__ import annotations

import asyncio
import json
import shutil
from collections import Counter
from pathlib import Path
from typing import Any

import httpx
import pytest

from lapor_gql.app import create_app
from lapor_gql.config import Settings
from lapor_gql.domain.processes import Runtime
from lapor_gql.graphql_http import response_media_type

from .loopback import served_on_loopback

HARNESS = Path(__file__).parent / "http_audit"
GRAPHQL_RESPONSE = "application/graphql-response+json; charset=utf-8"
# GET stays refused (see the README's "GraphQL over HTTP"): these audits of optional GET support stay
# notices, and nothing else may.
GET_NOTICES = {"5A70", "D6D5", "6A70"}


async def run_audits(url: str) -> list[dict[str, Any]]:
    node = shutil.which("node")
    assert node, "the GraphQL-over-HTTP audits need Node.js on the PATH"
    assert (HARNESS / "node_modules" / "graphql-http").is_dir(), (
        "graphql-http is not installed: run scripts/test (or npm ci --prefix tests/http_audit)"
    )
    process = await asyncio.create_subprocess_exec(
        node, str(HARNESS / "audit.mjs"), url, stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE
    )
    stdout, stderr = await asyncio.wait_for(process.communicate(), 120)
    assert process.returncode == 0, stderr.decode()
    return json.loads(stdout)


async def test_graphql_http_server_audits_pass(db: None, runtime: Runtime) -> None:
    app = create_app(Settings.from_environment(), runtime, manage_database=False)
    async with served_on_loopback(app) as base_url:
        results = await run_audits(f"{base_url}/graphql")

    counts = Counter(result["status"] for result in results)
    failed = [f"{r['status']} {r['id']} {r['name']}: {r['reason']}" for r in results if r["status"] != "ok"]
    print(f"graphql-http audits: {dict(counts)}")  # shown with pytest -s; the README quotes it
    assert counts["error"] == 0 and counts["warn"] == 0, "\n".join(failed)
    assert {r["id"] for r in results if r["status"] == "notice"} <= GET_NOTICES, "\n".join(failed)
    assert counts["ok"] >= 58


# --------------------------------------------------------------------------- one request at a time

EMPTY_LIST = "query EmptyList { reports { edges { cursor } } }"
GARBAGE_REPORT = 'query GarbageReport { report(id: "xyz") { id } }'
TYPED_VARIABLE = "query TypedVariable($first: Int) { reports(first: $first) { edges { cursor } } }"


async def post(client: httpx.AsyncClient, body: Any, accept: str | None, **headers: str) -> httpx.Response:
    headers["Content-Type"] = "application/json"
    if accept is not None:
        headers["Accept"] = accept
    return await client.post("/graphql", content=json.dumps(body), headers=headers)


async def test_graphql_response_json_answers_requests_that_never_ran_with_400(client) -> None:
    unparsable = await post(client, {"query": "query Broken {"}, "application/graphql-response+json")
    invalid = await post(
        client, {"query": "query Invalid { noSuchField }"}, "application/graphql-response+json"
    )
    uncoercible = await post(
        client, {"query": TYPED_VARIABLE, "variables": {"first": "many"}}, "application/graphql-response+json"
    )
    unknown_operation = await post(
        client, {"query": EMPTY_LIST, "operationName": "Other"}, "application/graphql-response+json"
    )

    for response in (unparsable, invalid, uncoercible, unknown_operation):
        assert response.status_code == 400, response.text
        assert response.headers["content-type"] == GRAPHQL_RESPONSE
        assert "data" not in response.json() and response.json()["errors"]


async def test_graphql_response_json_answers_200_once_execution_started(client) -> None:
    ok = await post(client, {"query": EMPTY_LIST}, "application/graphql-response+json")
    field_error = await post(client, {"query": GARBAGE_REPORT}, "application/graphql-response+json")

    assert (ok.status_code, ok.headers["content-type"]) == (200, GRAPHQL_RESPONSE)
    assert ok.json() == {"data": {"reports": {"edges": []}}}
    assert (field_error.status_code, field_error.headers["content-type"]) == (200, GRAPHQL_RESPONSE)
    assert field_error.json()["data"] == {"report": None}
    assert field_error.json()["errors"][0]["extensions"] == {"code": "INVALID", "argument": "id"}


async def test_application_json_keeps_answering_200_with_data_null(client) -> None:
    for accept in ("application/json", None, "*/*", "text/plain"):
        invalid = await post(client, {"query": "query Invalid { noSuchField }"}, accept)

        assert invalid.status_code == 200, accept
        assert invalid.headers["content-type"] == "application/json"
        assert invalid.json()["data"] is None


async def test_a_bad_token_stays_401_in_either_media_type(client) -> None:
    as_json = await post(client, {"query": EMPTY_LIST}, "application/json", Authorization="Bearer nope")
    as_graphql = await post(
        client, {"query": EMPTY_LIST}, "application/graphql-response+json", Authorization="Bearer nope"
    )

    assert (as_json.status_code, as_json.headers["content-type"]) == (401, "application/json")
    assert (as_graphql.status_code, as_graphql.headers["content-type"]) == (401, GRAPHQL_RESPONSE)
    assert as_graphql.json()["errors"][0]["extensions"] == {"code": "TOKEN_INVALID"}


async def test_unexpected_errors_stay_masked_in_graphql_response_json(
    client, monkeypatch: pytest.MonkeyPatch
) -> None:
    async def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("database password is hunter2")

    monkeypatch.setattr("lapor_gql.domain.reports.get_report_by_tracking_number", broken)
    monkeypatch.setenv("LAPOR_ENV", "production")
    query = 'query ByNumber { reportByTrackingNumber(trackingNumber: "LPR-2026-7F3K9Q") { id } }'

    masked = await post(client, {"query": query}, "application/graphql-response+json")

    assert masked.status_code == 200  # execution started: a field error, not a request error
    assert masked.json()["errors"][0]["message"] == "Unexpected error."
    assert "hunter2" not in masked.text


@pytest.mark.parametrize(
    ("accept", "expected"),
    [
        (None, "application/json"),
        ("", "application/json"),
        ("*/*", "application/json"),
        ("application/json", "application/json"),
        ("application/graphql-response+json", "application/graphql-response+json"),
        ("application/graphql-response+json, application/json;q=0.9", "application/graphql-response+json"),
        ("application/json, application/graphql-response+json", "application/json"),
        ("application/json;q=0.5, application/graphql-response+json", "application/graphql-response+json"),
        ("application/graphql-response+json;q=0, application/json", "application/json"),
        ("Application/GraphQL-Response+JSON; charset=utf-8", "application/graphql-response+json"),
        ("text/html", "application/json"),
    ],
)
def test_media_type_negotiation(accept: str | None, expected: str) -> None:
    assert response_media_type(accept) == expected
