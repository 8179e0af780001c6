"""Shared fixtures: a fresh database per test, a fake clock, and the ASGI app over httpx.

Set LAPOR_TEST_DATABASE_URL (e.g. ``postgres://postgres@localhost:5432/lapor_test_{}``; ``{}`` becomes a
unique suffix) to run the same suite on PostgreSQL; the default is in-memory SQLite.
"""

from __future__ import annotations

import json
import os
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

# Shadow mode (lapor_gql/schema/shadow_execution.py): every query the batch executor answers in any
# test is run by graphql-core too, and a different answer fails the test. Read at import, so set first.
os.environ.setdefault("LAPOR_SHADOW_EXECUTION", "1")

import httpx  # noqa: E402
import pytest  # noqa: E402
from tortoise.backends.base.executor import EXECUTOR_CACHE  # noqa: E402
from tortoise.connection import get_connection  # noqa: E402
from tortoise.context import tortoise_test_context  # noqa: E402

from lapor_gql.app import create_app  # noqa: E402
from lapor_gql.clock import FakeClock  # noqa: E402
from lapor_gql.config import PROJECT_ROOT, Settings  # noqa: E402
from lapor_gql.db import MODELS_MODULE  # noqa: E402
from lapor_gql.domain.attachments import AttachmentFiles, AttachmentLimits  # noqa: E402
from lapor_gql.domain.processes import Runtime, deploy_diagram_file  # noqa: E402
from lapor_gql.files.storage import LocalFileStore  # noqa: E402
from lapor_gql.schema import shadow_execution  # noqa: E402

DIAGRAM = PROJECT_ROOT / "workflows" / "report_lifecycle.bpmn"
# A Monday morning, so working-day rules added later have an unsurprising start.
START = datetime(2026, 3, 2, 8, 0, tzinfo=UTC)


def database_url_for_tests() -> str:
    return os.environ.get("LAPOR_TEST_DATABASE_URL", "sqlite://:memory:")


@pytest.fixture(autouse=True)
def shadow_mismatches_fail_the_test() -> Iterator[None]:
    """A difference the shadow mode found fails the test, also where the exception raised for it was
    turned into a GraphQL error on the way (and a test expecting errors would have passed)."""
    found = len(shadow_execution.mismatches)
    yield
    assert shadow_execution.mismatches[found:] == []


@pytest.fixture
async def db() -> AsyncIterator[None]:
    EXECUTOR_CACHE.clear()
    async with tortoise_test_context([MODELS_MODULE], db_url=database_url_for_tests()):
        await deploy_diagram_file(DIAGRAM)
        yield
        connection = get_connection("default")
        if connection.capabilities.dialect == "postgres":
            # tortoise_test_context leaves PostgreSQL databases behind; drop ours.
            await connection.close()
            await connection.db_delete()


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(START)


@pytest.fixture
def runtime(clock: FakeClock, tmp_path: Path) -> Runtime:
    # Attachments go to the test's own folder, never to a folder of the checkout.
    files = AttachmentFiles(
        store=LocalFileStore(tmp_path / "attachments"),
        limits=AttachmentLimits.from_settings(Settings.from_environment()),
    )
    return Runtime(clock=clock, files=files)


@pytest.fixture
async def client(db: None, runtime: Runtime) -> AsyncIterator[httpx.AsyncClient]:
    settings = Settings.from_environment()
    app = create_app(settings, runtime, manage_database=False)
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://lapor.test") as http:
        yield http


@dataclass
class GraphQLResult:
    status_code: int
    body: dict[str, Any]

    @property
    def data(self) -> dict[str, Any]:
        assert "errors" not in self.body, self.body.get("errors")
        return self.body["data"]

    @property
    def error_codes(self) -> list[str]:
        return [e.get("extensions", {}).get("code") for e in self.body.get("errors", [])]


@pytest.fixture
def gql(client: httpx.AsyncClient):  # noqa: ANN201 - returns the request helper
    async def run(
        query: str,
        variables: dict[str, Any] | None = None,
        token: str | None = None,
        language: str = "id",
        files: dict[str, tuple[str, bytes, str]] | None = None,
    ) -> GraphQLResult:
        """``files``: variable path (``input.file``) → (name, bytes, content type), sent as a GraphQL
        multipart request (the files' variables null, a map from part to path)."""
        headers = {"Accept-Language": language, "Content-Type": "application/json"}
        if token:
            headers["Authorization"] = f"Bearer {token}"
        if files:
            del headers["Content-Type"]
            headers["Apollo-Require-Preflight"] = "true"
            operations = json.dumps({"query": query, "variables": variables or {}})
            paths = {str(i): [f"variables.{path}"] for i, path in enumerate(files)}
            parts = {str(i): file for i, file in enumerate(files.values())}
            form = {"operations": operations, "map": json.dumps(paths)}
            response = await client.post("/graphql", data=form, files=parts, headers=headers)
            client.cookies.clear()
            return GraphQLResult(response.status_code, response.json())
        # Escaped JSON, as browsers send it, so tests can carry text such as lone surrogates.
        body = json.dumps({"query": query, "variables": variables or {}})
        response = await client.post("/graphql", content=body, headers=headers)
        # Who asks is the token given, never a session cookie an earlier `cookie: true` login left behind.
        client.cookies.clear()
        return GraphQLResult(response.status_code, response.json())

    return run


# ---------------------------------------------------------------- attachment file stores (helper F)
# ``file_store``: every test that takes it runs twice, against a folder on disk and against a real
# S3 API server (moto, tests/s3_server.py; started once per session, only when an S3 case runs).
# ``store_settings(file_store)`` gives the Settings fields that make an app use that same store.
from lapor_gql.files import FileStore  # noqa: E402
from tests.s3_server import make_file_store, s3_server  # noqa: E402, F401


@pytest.fixture(params=["local", "s3"])
def file_store(request: pytest.FixtureRequest, tmp_path: Path) -> FileStore:
    return make_file_store(request.param, request, tmp_path)
