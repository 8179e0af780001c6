"""What every command reads and almost never changes: the deployed diagrams and the holidays.

Reading them on each command cost a statement and a round trip each (a follow-up used to check the
holidays' fingerprint twice). Each runtime keeps what it read and uses it as long as it can know that
nothing changed since:

* Every write of a diagram or a holiday made by this process bumps ``changed_here`` after its commit,
  which is all a single server process (SQLite's case) needs.
* On PostgreSQL the write also sends ``announce``: a NOTIFY on the change feed's channel inside its
  own transaction, so it reaches every server process exactly when the write commits (a rolled-back
  write announces nothing), whichever process wrote, the command line included.
* A runtime whose feed fans out between processes trusts its copy only while the feed listens, and
  only what it read since its current LISTEN began: while the listening connection is down, and for
  anything read before it came back, it reads again every time, as it did before the cache.

A command that runs while another process commits a change, before the NOTIFY arrived (a fraction of a
millisecond to a few), counts with what was there before the change, as it did before the cache when
the change committed during the command. Anything read after the NOTIFY arrived sees the change.
"""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable, Hashable
from typing import Protocol, TypeVar

from tortoise.connection import connections

from lapor_gql.db.change_feed import CHANNEL

T = TypeVar("T")

HOLIDAYS = "holidays"
DEFINITIONS = "definitions"
KINDS = frozenset({HOLIDAYS, DEFINITIONS})
# The key of an announcement on the change feed's channel (a report's change has none).
MESSAGE_KEY = "catalog"

# Changes committed by this process, by kind: seen at once by every runtime of the process.
_changed_here: dict[str, int] = dict.fromkeys(KINDS, 0)


def changed_here(kind: str) -> None:
    """Call after the commit of every write of ``kind`` made by this process."""
    _changed_here[kind] += 1


def generation_here(kind: str) -> int:
    return _changed_here[kind]


def announcement(kind: str) -> str:
    return json.dumps({MESSAGE_KEY: kind}, separators=(",", ":"))


def announced_kind(data: object) -> str | None:
    """The kind a message on the channel announces, or None if it is no such announcement."""
    if isinstance(data, dict) and data.get(MESSAGE_KEY) in KINDS:
        return str(data[MESSAGE_KEY])
    return None


async def announce(kind: str) -> None:
    """Tell every other server process, at the commit of the caller's transaction, that ``kind``
    changed. Nothing to do on SQLite, which one server process serves."""
    connection = connections.get("default")
    if connection.capabilities.dialect == "postgres":
        await connection.execute_query("SELECT pg_notify($1, $2)", [CHANNEL, announcement(kind)])


class Listener(Protocol):
    """The change feed's link to the other processes, as far as the cache needs it."""

    @property
    def listening_since(self) -> int | None:
        """Which LISTEN the feed is on now (a new number after each reconnection), None while it
        does not listen."""

    def on_announcement(self, receive: Callable[[str], None]) -> None:
        """Call ``receive`` with the kind of every announcement the feed hears."""


class Catalog:
    """One runtime's copies of what ``KINDS`` name, each with the moment it was read."""

    def __init__(self, listener: Listener | None = None) -> None:
        """``listener``: the feed that hears other processes' announcements; None when this process
        is the only one (a local change feed)."""
        self._listener = listener
        self._heard: dict[str, int] = dict.fromkeys(KINDS, 0)
        self._copies: dict[str, tuple[Hashable, object]] = {}
        if listener is not None:
            listener.on_announcement(self.heard)

    def heard(self, kind: str) -> None:
        if kind in self._heard:
            self._heard[kind] += 1

    def moment(self, kind: str) -> Hashable | None:
        """What a copy of ``kind`` read now is valid for; None when no copy can be trusted."""
        since: int | None = 0
        if self._listener is None and connections.get("default").capabilities.dialect == "postgres":
            # A local feed on PostgreSQL (LAPOR_CHANGE_FEED=local) hears no other process, and
            # PostgreSQL may well have several: read every time, as before the cache.
            return None
        if self._listener is not None:
            since = self._listener.listening_since
            if since is None:
                return None
        return (since, self._heard[kind], _changed_here[kind])

    async def read(
        self, kind: str, load: Callable[[], Awaitable[T]], untrusted: Callable[[], Awaitable[T]]
    ) -> T:
        """The copy of ``kind`` if nothing changed since it was read, else ``load()`` kept as the new
        copy; ``untrusted()`` while no copy can be trusted."""
        moment = self.moment(kind)
        if moment is None:
            return await untrusted()
        copy = self._copies.get(kind)
        if copy is not None and copy[0] == moment:
            return copy[1]  # type: ignore[return-value]
        value = await load()
        # Kept as of the moment before the read: a change announced while it ran makes it stale.
        self._copies[kind] = (moment, value)
        return value
