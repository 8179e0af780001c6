"""The facts about a report that every expression of a diagram can read.

Facts are plain values (text, numbers, true/false, nothing), handed to the workflow on every call
and kept current here: a diagram reads them and never writes them. ``FACTS`` is the one list of
them; ``workflows/README.md`` documents the same list, and a test keeps the two equal.
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime

from lapor_gql.db.models import Agency, Classification, Report, ReportEvent
from lapor_gql.workflow import AgencyEntry

Facts = dict[str, object]


@dataclass(frozen=True)
class Fact:
    name: str
    type: str
    meaning: str
    example: str


FACTS: tuple[Fact, ...] = (
    Fact("classification", "text", "what the report is", '"COMPLAINT", "ASPIRATION", "INFORMATION_REQUEST"'),
    Fact("category", "text", "the category the reporter chose (may be empty)", '"Jalan", "Air bersih", ""'),
    Fact("agency_code", "text or None", "code of the agency handling it now", '"DPUPR", None'),
    Fact("parent_agency_code", "text or None", "code of that agency's parent", '"PEMPROV", None'),
    Fact("is_confidential", "true/false", "hidden from the public", "True, False"),
    Fact("is_anonymous", "true/false", "reporter hidden from agencies and the public", "True, False"),
    Fact(
        "reporter_has_account", "true/false", "sent from a citizen account, not with an access code", "True"
    ),
    Fact("submitted_at", "text", "when it was sent, ISO 8601 in UTC", '"2025-01-06T09:00:00+00:00"'),
    Fact("incident_date", "text or None", "the day it happened, ISO 8601", '"2025-01-03", None'),
    Fact("location_text", "text", "where it happened, as the reporter wrote it", '"Jl. Sudirman 5, Kupang"'),
    Fact("reopen_count", "number", "how many times it was reopened", "0, 2"),
    Fact("not_authority_count", "number", "how many not-authority requests it had", "0, 1"),
)
FACT_NAMES = frozenset(fact.name for fact in FACTS)
# Actions that a count among the facts follows.
_COUNTED_ACTIONS = {"reopen": "reopen_count", "request_not_authority": "not_authority_count"}


def facts_of(
    report: Report,
    agency: Agency | None,
    parent_code: str | None,
    counts: Mapping[str, int],
) -> Facts:
    """The facts of a report as it is now; ``counts`` by action (see ``count_actions``)."""
    return {
        "classification": str(report.classification),
        "category": report.category or "",
        "agency_code": agency.code if agency is not None else None,
        "parent_agency_code": parent_code,
        "is_confidential": bool(report.is_confidential),
        "is_anonymous": bool(report.is_anonymous),
        "reporter_has_account": report.reporter_id is not None,
        "submitted_at": _iso(report.created_at),
        "incident_date": report.incident_date.isoformat() if report.incident_date else None,
        "location_text": report.location_text or "",
        **{fact: int(counts.get(action, 0)) for action, fact in _COUNTED_ACTIONS.items()},
    }


def _iso(moment: datetime | date | None) -> str | None:
    return moment.isoformat() if moment is not None else None


async def count_actions(report_id: int) -> dict[str, int]:
    """How often each counted action happened to the report (one grouped query)."""
    rows = await ReportEvent.filter(report_id=report_id, action__in=list(_COUNTED_ACTIONS)).values_list(
        "action", flat=False
    )
    counts: dict[str, int] = {}
    for (action,) in rows:
        counts[action] = counts.get(action, 0) + 1
    return counts


def with_action(counts: Mapping[str, int], action: str) -> dict[str, int]:
    """The counts as they are once ``action`` is done (a reopen counts while it happens)."""
    updated = dict(counts)
    if action in _COUNTED_ACTIONS:
        updated[action] = updated.get(action, 0) + 1
    return updated


async def current_facts(report: Report, action: str | None = None, agency_id: int | None = None) -> Facts:
    """The facts for an engine call on a locked report: with the action being done counted, and the
    agency it is going to (a disposition) in place of the current one."""
    counts = await count_actions(report.id)
    if action is not None:
        counts = with_action(counts, action)
    agency_id = agency_id if agency_id is not None else report.agency_id
    agency = await Agency.filter(id=agency_id).select_related("parent").first() if agency_id else None
    parent = agency.parent if agency is not None else None
    return facts_of(report, agency, parent.code if parent is not None else None, counts)


async def agency_directory() -> dict[str, AgencyEntry]:
    """Every agency a rule in a diagram may name, by code (one query)."""
    rows = await Agency.all().values_list("code", "is_active", "parent__code")
    return {code: AgencyEntry(bool(active), parent) for code, active, parent in rows}


# --- samples for the validator ---------------------------------------------------------------

SAMPLE_CATEGORIES = ("Jalan", "Air bersih", "Kategori yang tidak dikenal tabel mana pun", "")
SAMPLE_AGENCIES: Mapping[str, bool] = {"SAMPLE_ACTIVE": True, "SAMPLE_INACTIVE": False}


def sample_facts() -> tuple[Facts, ...]:
    """A matrix of facts the validator tries every expression with: every classification, several
    categories (one no routing table knows, and none), confidential and anonymous on and off, a
    reporter with and without an account."""
    samples: list[Facts] = []
    for classification, category, confidential, anonymous, account in itertools.product(
        [c.value for c in Classification], SAMPLE_CATEGORIES, (False, True), (False, True), (True, False)
    ):
        samples.append(
            {
                "classification": classification,
                "category": category,
                "agency_code": None,
                "parent_agency_code": None,
                "is_confidential": confidential,
                "is_anonymous": anonymous,
                "reporter_has_account": account,
                "submitted_at": "2025-01-06T09:00:00+00:00",
                "incident_date": "2025-01-03",
                "location_text": "Jl. Contoh 1",
                "reopen_count": 0,
                "not_authority_count": 0,
            }
        )
    return tuple(samples)
