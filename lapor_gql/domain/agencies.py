"""Agency commands: the hierarchy the admins manage, and the profile each agency's liaisons keep.

The hierarchy has three levels: the province at the top, its Perangkat Daerah, and their units. An
agency is never deleted once anything refers to it: it is deactivated instead, and a deactivated
agency can no longer receive dispositions. Every command is one transaction and records an audit
event with the changed fields before and after, or changes nothing at all. The transaction also
records the request's ``Idempotency-Key`` with the agency it answers about (see ``idempotency``).
"""

from __future__ import annotations

import re
from collections.abc import Awaitable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import TypeVar
from urllib.parse import urlsplit

from email_validator import EmailNotValidError, validate_email
from tortoise.exceptions import IntegrityError

from lapor_gql.db.models import Agency, AgencyOfficial, DispositionFact, Report, User

from . import catalog, idempotency, policy
from .actors import Actor
from .audit import record_audit
from .errors import AccessDenied, FieldProblem, InvalidInput, LaporError, NotFound
from .processes import Runtime
from .validation import InputCheck

CODE_MAX = 32
NAME_MAX = 200
ADDRESS_MAX = 300
EMAIL_MAX = 254
WEBSITE_MAX = 200
DESCRIPTION_MAX = 5000
SERVICE_HOURS_MAX = 1000
OFFICIAL_TEXT_MAX = 200
OFFICIALS_MAX = 50
# Depth of the deepest agency: 0 is a province, 1 a Perangkat Daerah, 2 a unit.
MAX_DEPTH = 2

_CODE_PATTERN = re.compile(r"^[A-Z0-9][A-Z0-9_.-]*$")
# Indonesian numbers: 0…, 62… or +62…, digits separated by spaces or dashes at most.
_PHONE_PATTERN = re.compile(r"^(?:\+62[ -]?|62|0)[0-9]+(?:[ -][0-9]+)*$")
_HOST_LABEL = re.compile(r"^(?!-)[a-z0-9-]{1,63}(?<!-)$")
T = TypeVar("T")


class AgencyLevel(StrEnum):
    PROVINCE = "PROVINCE"
    AGENCY = "AGENCY"
    UNIT = "UNIT"


LEVEL_OF_DEPTH = (AgencyLevel.PROVINCE, AgencyLevel.AGENCY, AgencyLevel.UNIT)


class AgencyInUse(LaporError):
    code = "AGENCY_IN_USE"

    def __init__(self, reports: int, liaisons: int, units: int) -> None:
        super().__init__(None)
        self.counts = {"reports": reports, "liaisons": liaisons, "units": units}

    @property
    def problems(self) -> list[FieldProblem]:
        return [FieldProblem(None, self.code, dict(self.counts))]


@dataclass(frozen=True)
class OfficialDraft:
    name: str
    position: str


@dataclass(frozen=True)
class ProfileChange:
    """Fields left None stay as they are; ``officials`` replaces the whole list when given."""

    address: str | None = None
    phone: str | None = None
    email: str | None = None
    website: str | None = None
    description: str | None = None
    service_hours: str | None = None
    officials: Sequence[OfficialDraft] | None = None


def level_of_depth(depth: int) -> AgencyLevel:
    return LEVEL_OF_DEPTH[min(depth, len(LEVEL_OF_DEPTH) - 1)]


# --- commands: the hierarchy (admins) ----------------------------------------------------------


async def create_agency(rt: Runtime, actor: Actor, code: str, name: str, parent_id: int | None) -> Agency:
    _require_manager(actor)
    if (earlier := await idempotency.replayed(Agency)) is not None:
        return earlier
    check = InputCheck()
    code = _code(check, code)
    name = check.text("name", name, max_length=NAME_MAX, required=True)
    check.raise_if_any()
    now = rt.clock()
    async with idempotency.command_transaction() as record:
        if parent_id is not None:
            parent = await Agency.filter(id=parent_id).select_for_update().first()
            if parent is None:
                check.fail("parent_id", "NOT_FOUND")
            elif not parent.is_active:
                check.fail("parent_id", "AGENCY_INACTIVE")
            elif await _depth(parent) + 1 > MAX_DEPTH:
                check.fail("parent_id", "AGENCY_TOO_DEEP", levels=MAX_DEPTH + 1)
        if code and await Agency.filter(code=code).exists():
            check.fail("code", "AGENCY_CODE_TAKEN")
        check.raise_if_any()
        agency = await _saving_code(Agency.create(code=code, name=name, parent_id=parent_id))
        after = {"code": code, "name": name, "parentId": parent_id, "isActive": True}
        await record_audit(actor, "agency_create", "agency", agency.id, now, after=after)
        record.produced(agency)
    return agency


async def update_agency(
    rt: Runtime, actor: Actor, agency_id: int, *, code: str | None = None, name: str | None = None
) -> Agency:
    _require_manager(actor)
    if (earlier := await idempotency.replayed(Agency)) is not None:
        return earlier
    check = InputCheck()
    wanted: dict[str, str] = {}
    if code is not None:
        wanted["code"] = _code(check, code)
    if name is not None:
        wanted["name"] = check.text("name", name, max_length=NAME_MAX, required=True)
    check.raise_if_any()
    now = rt.clock()
    async with idempotency.command_transaction() as record:
        agency = await _locked(agency_id)
        changed = {key: value for key, value in wanted.items() if getattr(agency, key) != value}
        if "code" in changed and await Agency.filter(code=changed["code"]).exclude(id=agency_id).exists():
            check.fail("code", "AGENCY_CODE_TAKEN")
        check.raise_if_any()
        if changed:
            before = {key: getattr(agency, key) for key in changed}
            agency.update_from_dict(changed)
            await _saving_code(agency.save(update_fields=list(changed)))
            await record_audit(actor, "agency_update", "agency", agency.id, now, before=before, after=changed)
        record.produced(agency)
    return agency


async def move_agency(rt: Runtime, actor: Actor, agency_id: int, parent_id: int | None) -> Agency:
    """Put the agency (with its units) under another parent, or at the top with ``parent_id`` None."""
    _require_manager(actor)
    if (earlier := await idempotency.replayed(Agency)) is not None:
        return earlier
    now = rt.clock()
    check = InputCheck()
    async with idempotency.command_transaction() as record:
        if not await Agency.filter(id=agency_id).exists():
            raise NotFound("id")
        parent = await _lock_with_ancestors(agency_id, parent_id)
        agency = await _locked(agency_id)
        record.produced(agency)
        if parent_id == agency.parent_id:
            return agency
        if parent_id is not None:
            if parent is None:
                raise InvalidInput([FieldProblem("parent_id", "NOT_FOUND")])
            if not parent.is_active:
                check.fail("parent_id", "AGENCY_INACTIVE")
            ancestors = await _ancestor_ids(parent)
            if parent.id == agency_id or agency_id in ancestors:
                # Under itself or under one of its own units: the hierarchy would become a cycle.
                raise InvalidInput([FieldProblem("parent_id", "INVALID")])
            new_depth = len(ancestors) + 1
        else:
            new_depth = 0
        if new_depth + await _height(agency_id) > MAX_DEPTH:
            check.fail("parent_id", "AGENCY_TOO_DEEP", levels=MAX_DEPTH + 1)
        check.raise_if_any()
        before = {"parentId": agency.parent_id}
        agency.parent_id = parent_id
        await agency.save(update_fields=["parent_id"])
        await record_audit(
            actor, "agency_move", "agency", agency.id, now, before=before, after={"parentId": parent_id}
        )
    return agency


async def set_agency_active(rt: Runtime, actor: Actor, agency_id: int, active: bool) -> Agency:
    """Deactivate (no new dispositions; reports already there stay) or activate again."""
    _require_manager(actor)
    if (earlier := await idempotency.replayed(Agency)) is not None:
        return earlier
    now = rt.clock()
    async with idempotency.command_transaction() as record:
        agency = await _locked(agency_id)
        record.produced(agency)
        if agency.is_active != active:
            agency.is_active = active
            await agency.save(update_fields=["is_active"])
            await record_audit(
                actor,
                "agency_activate" if active else "agency_deactivate",
                "agency",
                agency.id,
                now,
                before={"isActive": not active},
                after={"isActive": active},
            )
    return agency


async def _reports_of(agency_id: int) -> int:
    """The reports an agency has, or had: one it handled before it moved on still counts in its
    statistics (its rounds), so the agency stays."""
    current = await Report.filter(agency_id=agency_id).count()
    if current:
        return current
    return len(set(await DispositionFact.filter(agency_id=agency_id).values_list("report_id", flat=True)))


async def delete_agency(rt: Runtime, actor: Actor, agency_id: int) -> int:
    """Delete an agency nothing refers to (a mistake just made); any other is deactivated instead.

    Its id is what a replay answers with: the agency itself is gone."""
    _require_manager(actor)
    if (earlier := idempotency.replayed_id(Agency)) is not None:
        return earlier
    now = rt.clock()
    async with idempotency.command_transaction() as record:
        agency = await _locked(agency_id)
        reports = await _reports_of(agency_id)
        liaisons = await User.filter(agency_id=agency_id).count()
        units = await Agency.filter(parent_id=agency_id).count()
        if reports or liaisons or units:
            raise AgencyInUse(reports, liaisons, units)
        before = {
            "code": agency.code,
            "name": agency.name,
            "parentId": agency.parent_id,
            "isActive": agency.is_active,
        }
        try:
            await agency.delete()
        except IntegrityError:  # something came to refer to it in the meantime
            raise AgencyInUse(
                await _reports_of(agency_id),
                await User.filter(agency_id=agency_id).count(),
                await Agency.filter(parent_id=agency_id).count(),
            ) from None
        # Its own holidays went with it (ON DELETE CASCADE): the other servers' copies are stale.
        await catalog.announce(catalog.HOLIDAYS)
        await record_audit(actor, "agency_delete", "agency", agency_id, now, before=before)
        record.produced(agency)
    catalog.changed_here(catalog.HOLIDAYS)
    return agency_id


# --- commands: the profile (the agency's liaisons, and admins) ----------------------------------


async def update_agency_profile(rt: Runtime, actor: Actor, agency_id: int, change: ProfileChange) -> Agency:
    if actor.is_anonymous:
        raise AccessDenied("UNAUTHENTICATED")
    if not policy.may_edit_agency_profile(actor, agency_id):
        raise AccessDenied("FORBIDDEN")
    if (earlier := await idempotency.replayed(Agency)) is not None:
        return earlier
    check = InputCheck()
    wanted: dict[str, str] = {}
    if change.address is not None:
        wanted["address"] = check.text("address", change.address, max_length=ADDRESS_MAX, required=False)
    if change.phone is not None:
        wanted["phone"] = _phone(check, change.phone)
    if change.email is not None:
        wanted["email"] = _email(check, change.email)
    if change.website is not None:
        wanted["website"] = _website(check, change.website)
    if change.description is not None:
        wanted["description"] = check.text(
            "description", change.description, max_length=DESCRIPTION_MAX, required=False
        )
    if change.service_hours is not None:
        wanted["service_hours"] = check.text(
            "service_hours", change.service_hours, max_length=SERVICE_HOURS_MAX, required=False
        )
    officials = _officials(check, change.officials) if change.officials is not None else None
    check.raise_if_any()

    now = rt.clock()
    async with idempotency.command_transaction() as record:
        agency = await _locked(agency_id)
        record.produced(agency)
        changed = {key: value for key, value in wanted.items() if getattr(agency, key) != value}
        before: dict[str, object] = {_camel(key): getattr(agency, key) for key in changed}
        after: dict[str, object] = {_camel(key): value for key, value in changed.items()}
        if changed:
            agency.update_from_dict(changed)
            await agency.save(update_fields=list(changed))
        if officials is not None:
            current = await AgencyOfficial.filter(agency_id=agency_id).order_by("sort_order", "id")
            old = [{"name": o.name, "position": o.position} for o in current]
            new = [{"name": o.name, "position": o.position} for o in officials]
            if old != new:
                await AgencyOfficial.filter(agency_id=agency_id).delete()
                await AgencyOfficial.bulk_create(
                    [
                        AgencyOfficial(agency_id=agency_id, name=o.name, position=o.position, sort_order=i)
                        for i, o in enumerate(officials)
                    ]
                )
                before["officials"], after["officials"] = old, new
        if after:
            await record_audit(
                actor, "agency_profile_update", "agency", agency_id, now, before=before, after=after
            )
    return agency


# --- queries -----------------------------------------------------------------------------------


async def depth_of(agency: Agency) -> int:
    return await _depth(agency)


# --- internals ---------------------------------------------------------------------------------


def _require_manager(actor: Actor) -> None:
    if actor.is_anonymous:
        raise AccessDenied("UNAUTHENTICATED")
    if not policy.may_manage_agencies(actor):
        raise AccessDenied("FORBIDDEN")


async def _locked(agency_id: int) -> Agency:
    agency = await Agency.filter(id=agency_id).select_for_update().first()
    if agency is None:
        raise NotFound("id")
    return agency


async def _saving_code(write: Awaitable[T]) -> T:
    try:
        return await write
    except IntegrityError:  # a concurrent command took the code first
        raise InvalidInput([FieldProblem("code", "AGENCY_CODE_TAKEN")]) from None


def _camel(name: str) -> str:
    head, *rest = name.split("_")
    return head + "".join(part.title() for part in rest)


def _code(check: InputCheck, code: str) -> str:
    cleaned = check.text("code", code, max_length=CODE_MAX, required=True).upper()
    if cleaned and len(cleaned) <= CODE_MAX and not _CODE_PATTERN.match(cleaned):
        check.fail("code", "INVALID")
    return cleaned


def _phone(check: InputCheck, phone: str) -> str:
    cleaned = check.text("phone", phone, max_length=32, required=False)
    digits = sum(char.isdigit() for char in cleaned)
    if cleaned and (not cleaned.isascii() or not _PHONE_PATTERN.match(cleaned) or not 8 <= digits <= 15):
        check.fail("phone", "INVALID")
    return cleaned


def _email(check: InputCheck, email: str) -> str:
    cleaned = check.text("email", email, max_length=EMAIL_MAX, required=False)
    if not cleaned or len(cleaned) > EMAIL_MAX:
        return cleaned
    try:
        return validate_email(cleaned, check_deliverability=False).normalized
    except EmailNotValidError:
        check.fail("email", "INVALID")
        return cleaned


def _website(check: InputCheck, website: str) -> str:
    cleaned = check.text("website", website, max_length=WEBSITE_MAX, required=False)
    if cleaned and len(cleaned) <= WEBSITE_MAX and not _is_web_address(cleaned):
        check.fail("website", "INVALID")
    return cleaned


def _is_web_address(text: str) -> bool:
    if not text.isascii() or any(char.isspace() for char in text):
        return False
    try:
        parts = urlsplit(text)
        host = parts.hostname or ""
        parts.port  # noqa: B018 - raises ValueError for a port that is not a number in range
    except ValueError:
        return False
    if parts.scheme not in {"http", "https"} or parts.username or parts.password:
        return False
    labels = host.split(".")
    return len(labels) >= 2 and all(_HOST_LABEL.match(label) for label in labels)


def _officials(check: InputCheck, officials: Sequence[OfficialDraft]) -> list[OfficialDraft]:
    if len(officials) > OFFICIALS_MAX:
        check.fail("officials", "TOO_LONG", max=OFFICIALS_MAX)
        return []
    cleaned: list[OfficialDraft] = []
    for index, official in enumerate(officials):
        name = check.text(
            f"officials.{index}.name", official.name, max_length=OFFICIAL_TEXT_MAX, required=True
        )
        position = check.text(
            f"officials.{index}.position", official.position, max_length=OFFICIAL_TEXT_MAX, required=True
        )
        cleaned.append(OfficialDraft(name=name, position=position))
    return cleaned


async def _ancestor_ids(agency: Agency) -> list[int]:
    """Ids above the agency, nearest first. Stops at a cycle rather than looping forever."""
    ancestors: list[int] = []
    parent_id = agency.parent_id
    while parent_id is not None and parent_id not in ancestors and parent_id != agency.id:
        ancestors.append(parent_id)
        row = await Agency.filter(id=parent_id).only("id", "parent_id").first()
        parent_id = row.parent_id if row else None
    return ancestors


async def _depth(agency: Agency) -> int:
    return len(await _ancestor_ids(agency))


async def _height(agency_id: int) -> int:
    """How many levels of units hang below the agency (0 when it has none)."""
    height, level = 0, [agency_id]
    seen = {agency_id}
    while True:
        rows = await Agency.filter(parent_id__in=level).only("id")
        below = [row.id for row in rows if row.id not in seen]
        if not below:
            return height
        height += 1
        seen.update(below)
        level = below


async def _lock_with_ancestors(agency_id: int, parent_id: int | None) -> Agency | None:
    """Lock the moved agency, its new parent and all the parent's ancestors, in id order; return the parent.

    Two concurrent moves that could together close a cycle both lock the rows of both chains, so one
    waits for the other and then sees its result.
    """
    locked: set[int] = set()
    while True:
        parent = await Agency.filter(id=parent_id).first() if parent_id is not None else None
        chain = {agency_id}
        if parent is not None:
            chain |= {parent.id, *await _ancestor_ids(parent)}
        if chain <= locked:
            return parent
        locked |= chain
        await Agency.filter(id__in=sorted(locked)).order_by("id").select_for_update()
