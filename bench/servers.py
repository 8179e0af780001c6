"""The app under test, the baseline and the peer, each served by uvicorn (one worker) in its own
subprocess; and the CPU time and memory of a process, read from /proc."""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class Server:
    name: str
    port: int
    process: subprocess.Popen[bytes]
    log: Path

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"


def start(name: str, factory: str, env_extra: dict[str, str], log_dir: Path) -> Server:
    port = free_port()
    # BENCH_OURS_PATH: a folder holding another version's lapor_gql package and workflows, served as
    # "ours" by the same harness for before/after figures (`git archive REV lapor_gql workflows | tar -x
    # -C /tmp/before`); it is the server's working directory, which Python searches first.
    ours_from = os.environ.get("BENCH_OURS_PATH") if name == "ours" else None
    env = {**os.environ, **env_extra, "PYTHONPATH": os.pathsep.join(filter(None, [ours_from, str(ROOT)]))}
    log = log_dir / f"{name}.log"
    handle = log.open("wb")
    process = subprocess.Popen(
        [sys.executable, "-m", "uvicorn", "--factory", factory, "--host", "127.0.0.1", "--port", str(port),
         "--workers", "1", "--log-level", "warning", "--no-access-log"],
        cwd=ours_from or ROOT, env=env, stdout=handle, stderr=subprocess.STDOUT,
    )  # fmt: skip
    server = Server(name, port, process, log)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(
                f"{name} exited with {process.returncode}; see {log}:\n{log.read_text()[-2000:]}"
            )
        with contextlib.suppress(httpx.HTTPError):
            if httpx.get(f"{server.base_url}/healthz", timeout=1).status_code == 200:
                return server
        time.sleep(0.2)
    stop(server)
    raise RuntimeError(f"{name} did not become healthy; see {log}")


def stop(server: Server) -> None:
    if server.process.poll() is None:
        server.process.send_signal(signal.SIGINT)
        try:
            server.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.process.kill()
            server.process.wait()


CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


def cpu_seconds(pid: int) -> float:
    """utime + stime of a process (all its threads), from /proc/<pid>/stat."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / CLOCK_TICKS  # fields 14 and 15 of stat(5)


def memory_bytes(pid: int) -> dict[str, int]:
    """Resident memory of a process from /proc/<pid>/status: ``rss`` (VmRSS, now) and ``peak``
    (VmHWM, the most it has held), in bytes. With ``--workers 1`` uvicorn serves in the process it
    starts, so the server's pid is the worker's."""
    found: dict[str, int] = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        name, _, value = line.partition(":")
        if name in ("VmRSS", "VmHWM"):
            found["rss" if name == "VmRSS" else "peak"] = int(value.split()[0]) * 1024  # "123 kB"
    return found


def _postgres_backends_cpu(database: str) -> dict[int, float]:
    """CPU seconds of each PostgreSQL backend serving ``database`` (their process titles name it)."""
    backends: dict[int, float] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            title = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
            if title.startswith("postgres: ") and f" {database} " in title:
                backends[int(entry.name)] = cpu_seconds(int(entry.name))
        except (OSError, ValueError, IndexError):
            continue
    return backends


class PostgresCpu:
    """A running total of the CPU of the backends serving one database, for differences over a round.

    Backends come and go (pools close idle connections, servers start), so a plain sum over the live
    ones can fall when a busy backend exits. Each reading adds every backend's growth since it was last
    seen (all of it for one born since); a backend that exits between two readings loses only its last
    moments, never making the total fall.
    """

    def __init__(self, database: str) -> None:
        self.database = database
        self._seen: dict[int, float] | None = None
        self._total = 0.0

    def __call__(self) -> float:
        now = _postgres_backends_cpu(self.database)
        if self._seen is not None:
            for pid, cpu in now.items():
                before = self._seen.get(pid, 0.0)
                self._total += cpu - before if cpu >= before else cpu  # less: a new backend, pid reused
        self._seen = now
        return self._total


@contextlib.contextmanager
def serving(database_url: str, log_dir: Path, *, peer: bool = False) -> Iterator[dict[str, Server]]:
    """Ours (``lapor_gql.app:create_app``), the baseline (``bench.baseline:create_app``) and, with
    ``peer``, the plain-Strawberry peer (``bench.peer:create_app``), by name."""
    specs = [
        ("ours", "lapor_gql.app:create_app", {
            "LAPOR_DATABASE_URL": database_url,
            "LAPOR_ENV": "production",
            "LAPOR_TIMER_INTERVAL_SECONDS": "86400",
        }),
        ("baseline", "bench.baseline:create_app", {"BENCH_DATABASE_URL": database_url}),
    ]  # fmt: skip
    if peer:
        specs.append(("peer", "bench.peer:create_app", {"BENCH_DATABASE_URL": database_url}))
    log_dir.mkdir(parents=True, exist_ok=True)
    started: dict[str, Server] = {}
    try:
        for name, factory, env in specs:
            started[name] = start(name, factory, env, log_dir)
        yield started
    finally:
        for server in reversed(list(started.values())):
            stop(server)
