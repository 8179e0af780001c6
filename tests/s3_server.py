"""A real S3 API server for the tests: moto's server mode in a process of its own, on a free port.

The S3 store is tested over HTTP against it exactly as it talks to AWS, MinIO or Garage: boto3's
requests, signatures, multipart uploads and listings all go over the wire. One server per test
session (it takes a second or two to start), one fresh bucket per test.
"""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest

from lapor_gql.files import FileStore, LocalFileStore, S3FileStore

# moto accepts any credentials; boto3 wants some.
ACCESS_KEY = "lapor-test-access"
SECRET_KEY = "lapor-test-secret"
REGION = "us-east-1"
STARTUP_SECONDS = 30.0


@dataclass(frozen=True)
class S3Server:
    endpoint_url: str

    def client(self) -> Any:
        import boto3

        return boto3.session.Session().client(
            "s3",
            endpoint_url=self.endpoint_url,
            region_name=REGION,
            aws_access_key_id=ACCESS_KEY,
            aws_secret_access_key=SECRET_KEY,
        )

    def new_bucket(self) -> str:
        bucket = f"lapor-test-{uuid.uuid4().hex[:12]}"
        self.client().create_bucket(Bucket=bucket)
        return bucket

    def store(self, bucket: str, prefix: str = "") -> S3FileStore:
        return S3FileStore(self.endpoint_url, bucket, REGION, ACCESS_KEY, SECRET_KEY, prefix)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@contextlib.contextmanager
def running_s3_server() -> Iterator[S3Server]:
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    server = S3Server(f"http://127.0.0.1:{port}")
    try:
        deadline = time.monotonic() + STARTUP_SECONDS
        while True:
            if process.poll() is not None:
                assert process.stderr is not None
                raise RuntimeError(f"moto server exited: {process.stderr.read().decode(errors='replace')}")
            with contextlib.suppress(httpx.TransportError):
                if httpx.get(f"{server.endpoint_url}/moto-api/", timeout=1.0).status_code == 200:
                    break
            if time.monotonic() > deadline:
                raise RuntimeError(f"moto server did not answer on port {port} within {STARTUP_SECONDS} s")
            time.sleep(0.1)
        yield server
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@pytest.fixture(scope="session")
def s3_server() -> Iterator[S3Server]:
    with running_s3_server() as server:
        yield server


def make_file_store(kind: str, request: pytest.FixtureRequest, folder: Path) -> FileStore:
    """A fresh, empty store of this kind: a folder of its own, or a bucket of its own."""
    if kind == "local":
        return LocalFileStore(folder / "attachments")
    server: S3Server = request.getfixturevalue("s3_server")  # started only by tests that want S3
    return server.store(server.new_bucket())


def store_settings(store: FileStore) -> dict[str, object]:
    """The Settings fields (lapor_gql/config.py) that make an app use this store:
    ``dataclasses.replace(settings, **store_settings(file_store))``."""
    if isinstance(store, LocalFileStore):
        return {"attachment_store": "local", "attachment_dir": store.root}
    assert isinstance(store, S3FileStore)
    return {
        "attachment_store": "s3",
        "attachment_s3_endpoint": store.endpoint_url,
        "attachment_s3_bucket": store.bucket,
        "attachment_s3_region": store.region,
        "attachment_s3_access_key": ACCESS_KEY,
        "attachment_s3_secret_key": SECRET_KEY,
        "attachment_s3_prefix": store.prefix,
    }
