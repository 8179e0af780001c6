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

from lapor_gql.db.models import Agency, Classification, Report
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
    Fact("agency_code", "text or None", "code of the agency handling it now", '"PU", None'),
    Fact("parent_agency_code", "text or None", "code of that agency's parent", '"BABEL", None'),
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
# Actions that a count among the facts follows; each count is a column of the report, of that name.
_COUNTED_ACTIONS = {"reopen": "reopen_count", "request_not_authority": "not_authority_count"}
COUNT_COLUMNS = tuple(_COUNTED_ACTIONS.values())


def facts_of(
    report: Report,
    agency_code: str | None = None,
    parent_code: str | None = None,
    counts: Mapping[str, int] | None = None,
) -> Facts:
    """The facts of a report as it is now; ``counts`` by action, else the report's own counts.

    A report being submitted is not stored yet: its unsaved row, with no agency and nothing
    counted, gives the facts its workflow starts with."""
    counts = counts if counts is not None else counts_of(report)
    return {
        "classification": str(report.classification),
        "category": report.category or "",
        "agency_code": agency_code,
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


def counts_of(report: Report) -> dict[str, int]:
    """How often each counted action happened to the report, by action (kept on its row)."""
    return {action: int(getattr(report, column) or 0) for action, column in _COUNTED_ACTIONS.items()}


def count_columns(facts: Mapping[str, object]) -> dict[str, int]:
    """The report's count columns as the facts of a call have them (with its action counted)."""
    counts: dict[str, int] = {}
    for column in COUNT_COLUMNS:
        value = facts.get(column)
        counts[column] = value if isinstance(value, int) else 0
    return counts


def with_action(counts: Mapping[str, int], action: str) -> dict[str, int]:
    """The counts as they are once ``action`` is done (a reopen counts while it happens)."""
    updated = dict(counts)
    if action in _COUNTED_ACTIONS:
        updated[action] = updated.get(action, 0) + 1
    return updated


async def current_facts(report: Report, action: str | None = None, agency_id: int | None = None) -> Facts:
    """The facts for an engine call on a locked report: with the action being done counted, and the
    agency it is going to (a disposition) in place of the current one. One query when the report
    has an agency, none otherwise."""
    counts = counts_of(report)
    if action is not None:
        counts = with_action(counts, action)
    agency_id = agency_id if agency_id is not None else report.agency_id
    codes = await Agency.filter(id=agency_id).values_list("code", "parent__code") if agency_id else []
    agency_code, parent_code = codes[0] if codes else (None, None)
    return facts_of(report, agency_code, parent_code, counts)


@dataclass(frozen=True)
class AgencyDirectory:
    """Every agency a rule in a diagram may name, by code: what the engine needs to judge a rule's
    choice (``entries``), and which agency row a chosen code is (``ids``)."""

    entries: Mapping[str, AgencyEntry]
    ids: Mapping[str, int]


async def agency_directory() -> AgencyDirectory:
    """Every agency by code (one query)."""
    rows = await Agency.all().values_list("id", "code", "is_active", "parent__code")
    return AgencyDirectory(
        entries={code: AgencyEntry(bool(active), parent) for _id, code, active, parent in rows},
        ids={code: int(agency_id) for agency_id, code, _active, _parent in rows},
    )


# --- samples for the validator ---------------------------------------------------------------

SAMPLE_CATEGORIES = ("Jalan", "Air bersih", "Kategori yang tidak dikenal tabel mana pun", "")
SAMPLE_AGENCY = "SAMPLE_ACTIVE"
"""The agency a person disposes to in the validator's exploration."""
SAMPLE_AGENCIES: Mapping[str, bool] = {SAMPLE_AGENCY: True, "SAMPLE_INACTIVE": False}
# Actions by which a person moves the report to an agency (resolve_not_authority: when accepted).
_AGENCY_ACTIONS = frozenset({"dispose", "resolve_not_authority"})


def facts_after_action(action: str, data: Mapping[str, object], facts: Mapping[str, object]) -> Facts:
    """The facts once a person did ``action`` with ``data`` (the workflow data it passes), as
    ``current_facts`` hands them to the engine, for the validator that has no database: a
    disposition or an accepted not-authority request moves the report to an agency, a reopening and
    a not-authority request count."""
    updated = dict(facts)
    if action in _AGENCY_ACTIONS and (action != "resolve_not_authority" or data.get("accepted") is True):
        updated["agency_code"] = SAMPLE_AGENCY
        updated["parent_agency_code"] = None
    if (fact := _COUNTED_ACTIONS.get(action)) is not None:
        count = updated.get(fact)
        updated[fact] = (count if isinstance(count, int) else 0) + 1
    return updated


def sample_facts() -> tuple[Facts, ...]:
    """A matrix of facts the validator tries every expression with: every classification, several
    categories (one no routing table knows, and none), confidential and anonymous on and off, a
    reporter with and without an account, an incident date and a location given and left out (the
    explorer tries only the different values of the facts a diagram reads)."""
    samples: list[Facts] = []
    for classification, category, confidential, anonymous, account, incident, location in itertools.product(
        [c.value for c in Classification],
        SAMPLE_CATEGORIES,
        (False, True),
        (False, True),
        (True, False),
        ("2025-01-03", None),
        ("Jl. Contoh 1", ""),
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
                "incident_date": incident,
                "location_text": location,
                "reopen_count": 0,
                "not_authority_count": 0,
            }
        )
    return tuple(samples)
