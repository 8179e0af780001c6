"""Load generation: a fixed number of concurrent httpx workers, per round a fixed duration or a fixed
number of requests, and the statistics of the rounds."""

from __future__ import annotations

import asyncio
import statistics
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field

import httpx

# One request: given the client and a running index, send it and check the answer (raise if wrong).
Request = Callable[[httpx.AsyncClient, int], Awaitable[None]]


@dataclass
class Round:
    requests: int
    seconds: float
    latencies: list[float]
    errors: int
    client_cpu: float  # share of one core the load generator itself used

    @property
    def rps(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0


@dataclass
class Series:
    rounds: list[Round] = field(default_factory=list)

    @property
    def latencies(self) -> list[float]:
        return sorted(lat for r in self.rounds for lat in r.latencies)

    @property
    def median_rps(self) -> float:
        return statistics.median(r.rps for r in self.rounds) if self.rounds else 0.0

    def percentile(self, q: float) -> float:
        lat = self.latencies
        if not lat:
            return 0.0
        return lat[min(len(lat) - 1, max(0, round(q * len(lat)) - 1))]

    @property
    def errors(self) -> int:
        return sum(r.errors for r in self.rounds)

    def summary(self) -> dict[str, float]:
        return {
            "rps": round(self.median_rps, 1),
            "p50_ms": round(self.percentile(0.50) * 1000, 2),
            "p99_ms": round(self.percentile(0.99) * 1000, 2),
            "requests": sum(r.requests for r in self.rounds),
            "errors": self.errors,
            "rounds_rps": [round(r.rps, 1) for r in self.rounds],
            "client_cpu": round(statistics.median(r.client_cpu for r in self.rounds), 2)
            if self.rounds
            else 0,
        }


async def run_round(
    client: httpx.AsyncClient,
    request: Request,
    *,
    concurrency: int,
    duration: float | None = None,
    count: int | None = None,
    start_index: int = 0,
) -> Round:
    """Run ``request`` from ``concurrency`` workers until ``duration`` seconds passed or ``count``
    requests were sent."""
    latencies: list[float] = []
    errors = 0
    next_index = start_index
    deadline = time.perf_counter() + duration if duration is not None else None
    limit = start_index + count if count is not None else None

    async def worker() -> None:
        nonlocal next_index, errors
        while True:
            if deadline is not None and time.perf_counter() >= deadline:
                return
            if limit is not None and next_index >= limit:
                return
            index = next_index
            next_index += 1
            started = time.perf_counter()
            try:
                await request(client, index)
            except Exception as exc:  # noqa: BLE001 - counted and reported, the round goes on
                errors += 1
                if errors <= 3:
                    print(f"    ! request failed: {exc!r}"[:400], flush=True)
                continue
            latencies.append(time.perf_counter() - started)

    cpu0, wall0 = time.process_time(), time.perf_counter()
    await asyncio.gather(*(worker() for _ in range(concurrency)))
    wall = time.perf_counter() - wall0
    return Round(len(latencies), wall, latencies, errors, (time.process_time() - cpu0) / wall if wall else 0)
