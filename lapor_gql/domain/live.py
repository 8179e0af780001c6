"""Live updates: who hears which committed change, and the feed that carries changes between servers.

A change on the feed names a report and the agencies whose queues it touched, nothing more. Before a
subscriber is shown anything the report is loaded again with that subscriber's own visibility rules,
so a live update never reveals more than the ``report`` query would at the same moment.
"""

from __future__ import annotations

import contextlib
import json
import logging
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass
from typing import Protocol

from lapor_gql.db.change_feed import PostgresNotifyChannel, is_postgres_url
from lapor_gql.db.models import Report, Role

from . import catalog, policy
from .actors import Actor
from .changes import ChangeFeed, LocalChangeFeed, ReportChanged
from .errors import AccessDenied

log = logging.getLogger("lapor_gql.live")

CHANGE_FEED_KINDS = ("auto", "local", "postgres")


# --------------------------------------------------------------------------- who hears what


async def visible_report(actor: Actor, report_id: int) -> Report | None:
    """The report as ``actor`` may see it now, or None (unknown and invisible look the same)."""
    return await Report.filter(policy.visible_reports(actor), id=report_id).first()


def require_queue_watcher(actor: Actor) -> None:
    """Queues belong to agencies and to the admins who dispose to them; nobody else has one."""
    if actor.is_anonymous:
        raise AccessDenied("UNAUTHENTICATED")
    if not (actor.has_role(Role.ADMIN) or (actor.has_role(Role.LIAISON) and actor.agency_id is not None)):
        raise AccessDenied("FORBIDDEN")


def touches_queue(actor: Actor, change: ReportChanged) -> bool:
    """Admins watch every report; a liaison, the changes that touched their agency: reports arriving,
    changing while there, or leaving (the agency it left is named in the change)."""
    if actor.has_role(Role.ADMIN):
        return True
    return (
        actor.has_role(Role.LIAISON) and actor.agency_id is not None and actor.agency_id in change.agency_ids
    )


@dataclass(frozen=True)
class QueueEvent:
    change: ReportChanged
    report: Report | None
    """None when the watcher may no longer see the report (it left their agency and is confidential)."""
    in_queue: bool
    """Whether the report is now in the watcher's queue; False is the one announcement that it left."""


async def queue_event(actor: Actor, change: ReportChanged) -> QueueEvent | None:
    """What ``actor`` hears of ``change`` on their queue, or None if it is not theirs to hear."""
    if not touches_queue(actor, change):
        return None
    report = await visible_report(actor, change.report_id)
    in_queue = report is not None and (
        actor.has_role(Role.ADMIN) or policy.is_handling_liaison(actor, report)
    )
    return QueueEvent(change=change, report=report, in_queue=in_queue)


# --------------------------------------------------------------------------- feeds between servers


class Broadcast(Protocol):
    """Short text messages to every server process, the sender included (PostgreSQL LISTEN/NOTIFY)."""

    async def start(self, receive: Callable[[str], None]) -> None: ...

    async def stop(self) -> None: ...

    async def send(self, message: str) -> None: ...


class BroadcastChangeFeed:
    """A change feed shared by every server process.

    ``publish`` only broadcasts; each process, the publisher too, delivers what comes back to its own
    subscribers. So every subscriber, wherever it is connected, hears each change exactly once.

    The same channel carries the announcements that the deployed diagrams or the holidays changed
    (``domain.catalog``), which go to the runtime's catalog instead.
    """

    def __init__(self, broadcast: Broadcast, queue_size: int = 1000) -> None:
        self._broadcast = broadcast
        self._local = LocalChangeFeed(queue_size)
        self._announcement_receivers: list[Callable[[str], None]] = []

    async def publish(self, change: ReportChanged) -> None:
        try:
            await self._broadcast.send(_message(change))
        except Exception:  # the change is committed already: a lost live update must not fail the command
            log.exception("could not broadcast the change of report %s", change.report_id)

    async def publish_with_commit(self, change: ReportChanged) -> bool:
        """Inside the command's transaction: the NOTIFY goes out with its commit (PostgreSQL delivers
        it then, and drops it if the transaction rolls back), without a round trip of its own after
        it. Only a broadcast by NOTIFY through the transaction's connection can (one with a
        ``channel``); a message too long for a NOTIFY is left to ``publish`` (False), which logs its
        failure, rather than failing the command."""
        notice = self.notice_with_commit(change)
        if notice is None:
            return False
        await self._broadcast.send(notice[1])
        return True

    def notice_with_commit(self, change: ReportChanged) -> tuple[str, str] | None:
        """For a broadcast by PostgreSQL NOTIFY (one with a ``channel``): what a statement of the
        change's transaction sends with ``pg_notify``, saving ``publish_with_commit``'s round trip."""
        channel = getattr(self._broadcast, "channel", None)
        message = _message(change)
        if not isinstance(channel, str) or len(message.encode("utf-8")) > NOTIFY_MAX_BYTES:
            return None
        return channel, message

    @property
    def listening_since(self) -> int | None:
        """Which LISTEN the feed hears the other processes on (None: it does not hear them now)."""
        since = getattr(self._broadcast, "listening_since", None)
        return since if isinstance(since, int) else None

    def on_announcement(self, receive: Callable[[str], None]) -> None:
        self._announcement_receivers.append(receive)

    def subscribe(self) -> contextlib.AbstractAsyncContextManager[AsyncIterator[ReportChanged]]:
        return self._local.subscribe()

    @property
    def subscriber_count(self) -> int:
        return self._local.subscriber_count

    @contextlib.asynccontextmanager
    async def running(self) -> AsyncIterator[None]:
        await self._broadcast.start(self._receive)
        try:
            yield
        finally:
            await self._broadcast.stop()

    def _receive(self, message: str) -> None:
        try:
            data = json.loads(message)
            if (kind := catalog.announced_kind(data)) is not None:
                for receive in self._announcement_receivers:
                    receive(kind)
                return
            change = ReportChanged.from_json(data)
        except (ValueError, KeyError, TypeError, AssertionError):
            # Someone else's message on our channel: nothing a subscriber could use.
            log.warning("ignored a malformed change message: %.200r", message)
            return
        self._local.deliver(change)


# PostgreSQL refuses a NOTIFY payload of 8000 bytes or more.
NOTIFY_MAX_BYTES = 7999


def _message(change: ReportChanged) -> str:
    return json.dumps(change.to_json(), separators=(",", ":"))


def change_feed_for(database_url: str, kind: str = "auto") -> ChangeFeed:
    """``local`` serves one process; ``postgres`` fans out through the database; ``auto`` picks
    ``postgres`` exactly when the database is PostgreSQL."""
    if kind not in CHANGE_FEED_KINDS:
        raise ValueError(f"LAPOR_CHANGE_FEED must be one of {', '.join(CHANGE_FEED_KINDS)}, not {kind!r}")
    if kind == "auto":
        kind = "postgres" if is_postgres_url(database_url) else "local"
    if kind == "local":
        return LocalChangeFeed()
    if not is_postgres_url(database_url):
        raise ValueError("LAPOR_CHANGE_FEED=postgres needs a PostgreSQL LAPOR_DATABASE_URL")
    return BroadcastChangeFeed(PostgresNotifyChannel.for_database_url(database_url))


@contextlib.asynccontextmanager
async def running(feed: ChangeFeed) -> AsyncIterator[None]:
    """Keep a feed's connection to the other processes open (a local feed has none)."""
    if isinstance(feed, BroadcastChangeFeed):
        async with feed.running():
            yield
    else:
        yield
