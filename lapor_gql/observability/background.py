"""One log line and one metric observation per round of a background loop (timer sweep, outbox).

Each round gets an id of its own, as a request does, so the lines it logs (a report whose timers
failed, say) can be told apart from the requests running beside it.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from . import metrics
from .request_log import new_request_id, request_id_var

log = logging.getLogger("lapor_gql.background")


@dataclass
class BackgroundRound:
    step: str
    outcome: str = "ok"
    """Set to "error" by a loop that caught a failure; an exception that escapes the round also is one."""
    counts: dict[str, int] = field(default_factory=dict)
    """What the round did (fired, sent, retrying, failed …): logged and counted."""


@contextmanager
def background_round(step: str) -> Iterator[BackgroundRound]:
    round_ = BackgroundRound(step)
    token = request_id_var.set(new_request_id())
    started = time.perf_counter()
    try:
        yield round_
    except BaseException as escaped:
        round_.outcome = "cancelled" if isinstance(escaped, asyncio.CancelledError) else "error"
        raise
    finally:
        duration = time.perf_counter() - started
        metrics.observe_background(step, round_.outcome, duration, round_.counts)
        details = " ".join(f"{name}={count}" for name, count in round_.counts.items())
        # A round that found nothing to do is routine every few seconds: DEBUG, so INFO shows work done.
        idle = round_.outcome == "ok" and not any(round_.counts.values())
        log.log(
            logging.DEBUG if idle else logging.INFO,
            "%s round %s in %.1f ms %s",
            step,
            round_.outcome,
            duration * 1000,
            details,
            extra={
                "event": "background",
                "step": step,
                "outcome": round_.outcome,
                "duration_ms": round(duration * 1000, 3),
                **round_.counts,
            },
        )
        request_id_var.reset(token)
