"""What the application accepts in a diagram, handed to the validator by the domain.

The adapter knows no action, status, lane or fact by itself: ``lint`` checks a diagram against
these rules and ``explorer`` drives it with them.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

Facts = Mapping[str, object]
FactsAfterAction = Callable[[str, Mapping[str, object], Facts], Facts]
"""``(action, data, facts) -> facts``: the report's facts once a person did ``action`` with ``data``."""


def facts_unchanged(_action: str, _data: Mapping[str, object], facts: Facts) -> Facts:
    return facts


@dataclass(frozen=True)
class ValidationRules:
    """What the application accepts; the adapter knows no action, status or lane by itself."""

    known_actions: frozenset[str]
    known_statuses: frozenset[str]
    known_lanes: frozenset[str]
    acting_lanes: frozenset[str]
    """Lanes where people act; the explorer acts in all of them."""
    max_bytes: int
    known_recipients: frozenset[str] = frozenset()
    """Who a ``notify`` property may name."""
    known_timer_kinds: frozenset[str] = frozenset()
    """Values a timer's ``kind`` property may take (e.g. ``deadline``, ``reminder``)."""
    fact_samples: tuple[Facts, ...] = ({},)
    """The report facts every expression is tried with: each a complete set of facts."""
    known_audit_codes: frozenset[str] = frozenset()
    """Audit codes the application has labels for; any other needs its labels in the diagram."""
    reserved_names: frozenset[str] = frozenset()
    """Names an action's inputs may not take (besides the facts): those the application passes itself."""
    sample_agencies: Mapping[str, bool] = field(default_factory=dict)
    """Agency codes the samples may name, and whether each is active."""
    action_data_variants: Mapping[str, tuple[Mapping[str, object], ...]] = field(default_factory=dict)
    """For the application's own actions: each set of data the application may pass with the action
    (e.g. ``resolve_not_authority`` accepted or not). An action not listed passes none."""
    facts_after_action: FactsAfterAction = facts_unchanged
    """How the application changes the facts when a person acts (a disposition sets the agency, a
    reopening counts), as it does before handing them to the engine."""
    agency_lanes: frozenset[str] = frozenset()
    """Lanes whose people act for the report's agency: a report waiting only there needs one."""

    @property
    def fact_names(self) -> frozenset[str]:
        return frozenset(name for sample in self.fact_samples for name in sample)

    @property
    def active_sample_agency(self) -> str | None:
        """The agency code the explorer enters where a declared action asks for an agency."""
        return next((code for code, active in sorted(self.sample_agencies.items()) if active), None)


def sample_brief(facts: Facts) -> str:
    """The facts that tell samples apart, briefly, for a problem's message."""
    shown = ("classification", "category", "is_confidential", "is_anonymous", "reporter_has_account")
    return ", ".join(f"{key}={facts[key]!r}" for key in shown if key in facts) or "none"
