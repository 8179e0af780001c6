"""Report changes announced after commit, for live updates.

A command publishes a ``ReportChanged`` only once its transaction has committed, so nobody hears of a
change that was rolled back. The feed carries ids and no report content: a subscriber reloads the
report under its own visibility rules before showing anything.

``LocalChangeFeed`` delivers within one process, which is all a single SQLite server needs. With
several server processes, a feed that fans out between them (PostgreSQL LISTEN/NOTIFY) replaces it.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator
from dataclasses import asdict, dataclass, field
from typing import Protocol

from .actions import labels_from


@dataclass(frozen=True)
class ReportChanged:
    report_id: int
    action: str
    """What happened: the action taken, ``submit``, or the audit code of an automatic step."""
    status: str
    agency_ids: tuple[int, ...]
    """The agencies whose queues the change touches: where the report was and where it is now."""
    label: str = ""
    """The diagram's name for an automatic step, the label of an audit code the application does not
    know (an analyst's own reminder, say)."""
    labels: dict[str, str] = field(default_factory=dict)
    """The diagram's own labels of the action or audit code, by language, when it declares them."""

    def to_json(self) -> dict[str, object]:
        return asdict(self)

    @classmethod
    def from_json(cls, data: dict[str, object]) -> ReportChanged:
        agency_ids = data.get("agency_ids") or ()
        assert isinstance(agency_ids, list | tuple)
        return cls(
            report_id=int(str(data["report_id"])),
            action=str(data["action"]),
            status=str(data["status"]),
            agency_ids=tuple(int(agency_id) for agency_id in agency_ids),
            label=str(data.get("label") or ""),
            labels=labels_from(data.get("labels")),
        )


class ChangeFeed(Protocol):
    async def publish(self, change: ReportChanged) -> None:
        """Announce a committed change to every subscriber, in this process and (if the feed fans
        out) in the others."""

    async def publish_with_commit(self, change: ReportChanged) -> bool:
        """Called inside the change's transaction: True when the announcement will go out with its
        commit, and only then (nothing to ``publish`` afterwards); False when the feed can only
        ``publish`` after the commit."""

    def notice_with_commit(self, change: ReportChanged) -> tuple[str, str] | None:
        """The (channel, message) of a PostgreSQL NOTIFY that a statement of the change's own
        transaction may send (``pg_notify``) instead of ``publish_with_commit``'s statement of its
        own; None when the feed has none."""

    def subscribe(self) -> contextlib.AbstractAsyncContextManager[AsyncIterator[ReportChanged]]:
        """Changes published from now on, until the context exits."""


class LocalChangeFeed:
    """Delivers to the subscribers of this process. A slow subscriber loses old changes rather
    than holding up commands: each one has a bounded queue."""

    def __init__(self, queue_size: int = 1000) -> None:
        self._queues: set[asyncio.Queue[ReportChanged]] = set()
        self._queue_size = queue_size

    async def publish(self, change: ReportChanged) -> None:
        self.deliver(change)

    async def publish_with_commit(self, change: ReportChanged) -> bool:
        return False  # its subscribers would hear of the change before it committed

    def notice_with_commit(self, change: ReportChanged) -> tuple[str, str] | None:
        return None

    def deliver(self, change: ReportChanged) -> None:
        for queue in list(self._queues):
            if queue.full():
                queue.get_nowait()  # drop the oldest: a live view only needs the latest state
            queue.put_nowait(change)

    @contextlib.asynccontextmanager
    async def subscribe(self) -> AsyncIterator[AsyncIterator[ReportChanged]]:
        queue: asyncio.Queue[ReportChanged] = asyncio.Queue(self._queue_size)
        self._queues.add(queue)
        try:
            yield _drain(queue)
        finally:
            self._queues.discard(queue)

    @property
    def subscriber_count(self) -> int:
        return len(self._queues)


async def _drain(queue: asyncio.Queue[ReportChanged]) -> AsyncIterator[ReportChanged]:
    while True:
        yield await queue.get()
