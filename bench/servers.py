"""The app under test, the baseline and the peer, each served by uvicorn (one worker) in its own
subprocess; and the CPU time of a process, read from /proc."""

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
    env = {**os.environ, **env_extra, "PYTHONPATH": str(ROOT)}
    log = log_dir / f"{name}.log"
    handle = log.open("wb")
    process = subprocess.Popen(
        [sys.executable, "-m", "uvicorn", "--factory", factory, "--host", "127.0.0.1", "--port", str(port),
         "--workers", "1", "--log-level", "warning", "--no-access-log"],
        cwd=ROOT, env=env, stdout=handle, stderr=subprocess.STDOUT,
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


def postgres_cpu_seconds(database: str) -> float:
    """CPU of the PostgreSQL backends serving ``database`` (their process titles name it)."""
    total = 0.0
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            title = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
            if title.startswith("postgres: ") and f" {database} " in title:
                total += cpu_seconds(int(entry.name))
        except (OSError, ValueError, IndexError):
            continue
    return total


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
    started: dict[str, Server] = {}
    try:
        for name, factory, env in specs:
            started[name] = start(name, factory, env, log_dir)
        yield started
    finally:
        for server in reversed(list(started.values())):
            stop(server)
