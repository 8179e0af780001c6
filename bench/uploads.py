"""``python -m bench.uploads``: upload throughput and the server's memory while files arrive.

The served app (uvicorn, one worker, as ``python -m bench`` serves it, on a fresh SQLite file with a
local attachment folder, or ``--store s3`` against moto's S3 server) receives N parallel clients'
``attachmentUpload`` GraphQL multipart requests, each carrying the same file: a phone camera's
12-megapixel JPEG of about 5 MB with GPS EXIF (re-encoded and thumbnailed by the server), and, to
show the transport alone, a 5 MB PDF (checked and stored byte for byte, nothing decoded).

Reported per kind: MB/s of upload bodies and uploads/s over the wall time, each upload's latency
(median, 95th percentile), and the server's resident memory idle (after one warm-up upload of each
kind, so the libraries it loads lazily are in) and at its peak during the run (VmHWM, reset before
each kind through /proc/<pid>/clear_refs). The PDF's peak over idle shows the upload path streams:
the multipart parser spools each file to disk and preparation copies it in 64 KiB chunks, so N
parallel 5 MB uploads cost far less than N × 5 MB. The JPEG's adds one decoded image (36 MB for
12 megapixels; at most one decode at a time per process, lapor_gql/files/preparation.py).

    .venv/bin/python -m bench.uploads                      # 4 clients, 40 uploads per kind
    .venv/bin/python -m bench.uploads --clients 8 --uploads 80 --store s3
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx

from lapor_gql.db import apply_migrations, close_database

from . import servers

UPLOAD = """
mutation BenchUpload($input: AttachmentUploadInput!) {
  attachmentUpload(input: $input) { attachment { id size } errors { field code } }
}
"""
MB = 1_000_000
MiB = 1024 * 1024


def camera_jpeg() -> bytes:
    # The test suite's phone photo: the same bytes the stripping tests check.
    sys.path.insert(0, str(servers.ROOT))
    from tests.sample_files import phone_photo_jpeg

    return phone_photo_jpeg()


def large_pdf(size: int = 5 * MB) -> bytes:
    """A PDF whose one stream holds ``size`` random bytes (the frame preparation checks: %PDF-, %%EOF)."""
    payload = os.urandom(size)
    return (
        b"%PDF-1.4\n1 0 obj\n<< /Length " + str(len(payload)).encode() + b" >>\nstream\n"
        + payload + b"\nendstream\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n"
    )  # fmt: skip


async def upload_once(http: httpx.AsyncClient, name: str, data: bytes, media_type: str) -> float:
    operations = json.dumps({"query": UPLOAD, "variables": {"input": {"file": None}}})
    started = time.perf_counter()
    response = await http.post(
        "/graphql",
        data={"operations": operations, "map": json.dumps({"0": ["variables.input.file"]})},
        files={"0": (name, data, media_type)},
        headers={"Apollo-Require-Preflight": "true"},
    )
    elapsed = time.perf_counter() - started
    body = response.json()
    payload = (body.get("data") or {}).get("attachmentUpload")
    if response.status_code != 200 or not payload or payload["errors"]:
        raise RuntimeError(f"upload refused: {response.status_code} {body}")
    return elapsed


async def run_kind(
    base_url: str, pid: int, name: str, data: bytes, media_type: str, clients: int, uploads: int
) -> dict[str, Any]:
    limits = httpx.Limits(max_connections=clients)
    async with httpx.AsyncClient(base_url=base_url, timeout=300, limits=limits) as http:
        await upload_once(http, name, data, media_type)  # warm-up: lazily loaded libraries come in
        await asyncio.sleep(0.5)
        idle = servers.memory_bytes(pid)["rss"]
        reset_peak(pid)
        queue: asyncio.Queue[None] = asyncio.Queue()
        for _ in range(uploads):
            queue.put_nowait(None)
        latencies: list[float] = []

        async def client() -> None:
            while not queue.empty():
                queue.get_nowait()
                latencies.append(await upload_once(http, name, data, media_type))

        started = time.perf_counter()
        await asyncio.gather(*(client() for _ in range(clients)))
        wall = time.perf_counter() - started
    memory = servers.memory_bytes(pid)
    latencies.sort()
    return {
        "file": name,
        "bytes": len(data),
        "clients": clients,
        "uploads": uploads,
        "wall_s": round(wall, 2),
        "mb_per_s": round(len(data) * uploads / MB / wall, 1),
        "uploads_per_s": round(uploads / wall, 2),
        "latency_p50_s": round(statistics.median(latencies), 3),
        "latency_p95_s": round(latencies[max(0, round(0.95 * len(latencies)) - 1)], 3),
        "idle_rss_mib": round(idle / MiB, 1),
        "peak_rss_mib": round(memory["peak"] / MiB, 1),
        "peak_over_idle_mib": round((memory["peak"] - idle) / MiB, 1),
        "rss_after_mib": round(memory["rss"] / MiB, 1),
    }


def reset_peak(pid: int) -> None:
    """VmHWM back to the current RSS (Linux: writing 5 to clear_refs), so each kind's peak is its own."""
    Path(f"/proc/{pid}/clear_refs").write_text("5")


@contextlib.contextmanager
def s3_environment(enabled: bool) -> Iterator[dict[str, str]]:
    if not enabled:
        yield {}
        return
    sys.path.insert(0, str(servers.ROOT))
    from tests.s3_server import ACCESS_KEY, REGION, SECRET_KEY, running_s3_server

    with running_s3_server() as server:
        bucket = server.new_bucket()
        yield {
            "LAPOR_ATTACHMENT_STORE": "s3",
            "LAPOR_ATTACHMENT_S3_ENDPOINT": server.endpoint_url,
            "LAPOR_ATTACHMENT_S3_BUCKET": bucket,
            "LAPOR_ATTACHMENT_S3_REGION": REGION,
            "LAPOR_ATTACHMENT_S3_ACCESS_KEY": ACCESS_KEY,
            "LAPOR_ATTACHMENT_S3_SECRET_KEY": SECRET_KEY,
        }


async def migrated(url: str) -> None:
    await apply_migrations(url)
    await close_database()


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.uploads", description=__doc__.split("\n\n")[0])
    parser.add_argument("--clients", type=int, default=4, help="parallel clients (default 4)")
    parser.add_argument("--uploads", type=int, default=40, help="uploads per kind (default 40)")
    parser.add_argument("--store", choices=["local", "s3"], default="local")
    parser.add_argument("--kinds", default="pdf,jpeg", help="comma-separated: pdf, jpeg (default both)")
    args = parser.parse_args(argv)

    files = {
        "jpeg": ("IMG_0001.JPG", camera_jpeg(), "image/jpeg"),
        "pdf": ("surat.pdf", large_pdf(), "application/pdf"),
    }
    with (
        tempfile.TemporaryDirectory(prefix="lapor-bench-uploads-") as folder,
        s3_environment(args.store == "s3") as s3_env,
    ):
        url = f"sqlite://{folder}/bench.sqlite3"
        asyncio.run(migrated(url))
        env = {
            "LAPOR_DATABASE_URL": url,
            "LAPOR_ENV": "production",
            "LAPOR_TIMER_INTERVAL_SECONDS": "86400",
            "LAPOR_ATTACHMENT_DIR": f"{folder}/attachments",
            # Every upload of the run is one file of one report's worth: the limit is per file.
            "LAPOR_ATTACHMENT_MAX_BYTES": str(10 * MiB),
            # One client address sends every upload of the run: the per-client hourly throttle would
            # refuse all but the first 60.
            "LAPOR_ATTACHMENT_UPLOADS_PER_HOUR": "1000000",
            **s3_env,
        }
        server = servers.start("ours", "lapor_gql.app:create_app", env, Path(folder))
        try:
            started_rss = servers.memory_bytes(server.process.pid)["rss"]
            results = [
                asyncio.run(
                    run_kind(server.base_url, server.process.pid, *files[kind], args.clients, args.uploads)
                )
                for kind in args.kinds.split(",")
            ]
        finally:
            servers.stop(server)
    print(f"store: {args.store}; server RSS after start: {started_rss / MiB:.1f} MiB")
    header = list(results[0])
    print("| " + " | ".join(header) + " |")
    print("|" + "---|" * len(header))
    for result in results:
        print("| " + " | ".join(str(result[name]) for name in header) + " |")


if __name__ == "__main__":
    main()
