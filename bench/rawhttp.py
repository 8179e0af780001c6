"""The load generator of the transitions (d): a fixed number of requests, each consuming its own report,
so wrk's fixed-duration rounds do not fit. A bare asyncio HTTP/1.1 client (keep-alive connections,
requests prepared as bytes, a Content-Length read; no httpx): it costs a small fraction of what the
servers spend on a transition (each one runs the workflow engine), and the bench prints that fraction
for every round (the load generator's CPU per request over the faster server's; it must stay under
a quarter, or the round is flagged).
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable, Sequence
from urllib.parse import urlsplit

from .servers import cpu_seconds
from .wrk import HttpRequest, Measured

# index -> the request; (index, status, body) -> an error message or None
Build = Callable[[int], HttpRequest]
Check = Callable[[int, int, bytes], str | None]


def encode(request: HttpRequest, host: str) -> bytes:
    body = (request.body or "").encode()
    lines = [f"{request.method} {request.path} HTTP/1.1", f"Host: {host}"]
    lines += [f"{k}: {v}" for k, v in request.headers.items()]
    lines.append(f"Content-Length: {len(body)}")
    return ("\r\n".join(lines) + "\r\n\r\n").encode() + body


async def _exchange(
    reader: asyncio.StreamReader, writer: asyncio.StreamWriter, data: bytes
) -> tuple[int, bytes]:
    writer.write(data)
    head = await reader.readuntil(b"\r\n\r\n")
    status = int(head[9:12])
    length = 0
    for line in head.split(b"\r\n")[1:]:
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"content-length":
            length = int(value)
    return status, await reader.readexactly(length)


def percentile(values: Sequence[float], q: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return 0.0
    return ordered[min(len(ordered) - 1, max(0, round(q * len(ordered)) - 1))]


async def run_count(
    base_url: str,
    build: Build,
    check: Check,
    *,
    indexes: Sequence[int],
    concurrency: int,
    server_pid: int,
    db_cpu: Callable[[], float] | None = None,
) -> Measured:
    """Send ``build(i)`` for every ``i`` of ``indexes`` over ``concurrency`` connections."""
    parts = urlsplit(base_url)
    host, port = parts.hostname or "127.0.0.1", parts.port or 80
    prepared = [(i, encode(build(i), f"{host}:{port}")) for i in indexes]
    connections = [await asyncio.open_connection(host, port) for _ in range(concurrency)]
    latencies: list[float] = []
    errors: list[str] = []
    position = 0

    async def worker(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        nonlocal position
        while position < len(prepared):
            index, data = prepared[position]
            position += 1
            started = time.perf_counter()
            status, body = await _exchange(reader, writer, data)
            latencies.append(time.perf_counter() - started)
            problem = check(index, status, body)
            if problem is not None:
                errors.append(problem)

    server0, client0 = cpu_seconds(server_pid), time.process_time()
    db0 = db_cpu() if db_cpu else 0.0
    wall0 = time.perf_counter()
    try:
        await asyncio.gather(*(worker(r, w) for r, w in connections))
    finally:
        wall = time.perf_counter() - wall0
        client = time.process_time() - client0
        server = cpu_seconds(server_pid) - server0
        db = db_cpu() - db0 if db_cpu else None
        for _, w in connections:
            w.close()
    n = len(latencies)
    per = 1000 / n if n else 0.0
    return Measured(
        requests=n - len(errors),
        seconds=wall,
        errors=len(errors),
        p50_ms=percentile(latencies, 0.50) * 1000,
        p90_ms=percentile(latencies, 0.90) * 1000,
        p99_ms=percentile(latencies, 0.99) * 1000,
        server_cpu_ms=server * per,
        client_cpu_ms=client * per,
        db_cpu_ms=None if db is None else db * per,
        first_error=errors[0][:300] if errors else "",
    )
