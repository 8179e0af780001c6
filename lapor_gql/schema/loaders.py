"""Per-request DataLoaders: every relation reached from a list is fetched in one query per level."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

from strawberry.dataloader import DataLoader

from lapor_gql.db.models import Agency, ReportEvent, User


async def _agencies(ids: Sequence[int]) -> list[Agency | None]:
    found = {agency.id: agency for agency in await Agency.filter(id__in=list(ids))}
    return [found.get(i) for i in ids]


async def _users(ids: Sequence[int]) -> list[User | None]:
    found = {user.id: user for user in await User.filter(id__in=list(ids))}
    return [found.get(i) for i in ids]


async def _events(report_ids: Sequence[int]) -> list[list[ReportEvent]]:
    grouped: dict[int, list[ReportEvent]] = defaultdict(list)
    for event in await ReportEvent.filter(report_id__in=list(report_ids)).order_by("id"):
        grouped[event.report_id].append(event)
    return [grouped[i] for i in report_ids]


@dataclass
class Loaders:
    agency: DataLoader[int, Agency | None] = field(default_factory=lambda: DataLoader(load_fn=_agencies))
    user: DataLoader[int, User | None] = field(default_factory=lambda: DataLoader(load_fn=_users))
    events: DataLoader[int, list[ReportEvent]] = field(default_factory=lambda: DataLoader(load_fn=_events))
