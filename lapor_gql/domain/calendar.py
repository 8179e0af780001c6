"""The working-day calendar: holidays kept as data, and the calendar each report's timers count with.

National holidays and cuti bersama have no agency and apply everywhere; a holiday with an agency
applies to that agency's reports only. Weekend days and the time zone whose dates count come from
the settings (``LAPOR_WEEKEND_DAYS``, ``LAPOR_TIME_ZONE``).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from icalendar import Calendar
from tortoise.exceptions import IntegrityError
from tortoise.expressions import Q
from tortoise.transactions import in_transaction

from lapor_gql.config import Settings
from lapor_gql.db.models import Agency, AuditEvent, Holiday, HolidayKind
from lapor_gql.db.projections import holiday_fingerprint
from lapor_gql.workflow import WorkingCalendar

from . import catalog, idempotency, policy
from .actors import Actor
from .audit import record_audit
from .catalog import Catalog
from .errors import AccessDenied, FieldProblem, InvalidInput, NotFound
from .processes import Runtime
from .validation import InputCheck

NAME_MAX = 200
ICS_MAX_BYTES = 1_000_000
# One event may span a block of days (Idul Fitri with its cuti bersama), not a season.
EVENT_MAX_DAYS = 31


class HolidayExists(InvalidInput):
    def __init__(self, field: str = "date") -> None:
        super().__init__([FieldProblem(field, "HOLIDAY_EXISTS")])


# --- the calendar each report counts with ---------------------------------------------------


@dataclass(frozen=True)
class _Loaded:
    national: frozenset[date]
    by_agency: dict[int, frozenset[date]]


# The holidays as a caller without a runtime last read them, with their fingerprint.
_by_fingerprint: tuple[tuple[int, int | None, int], _Loaded] | None = None


async def _read_holidays() -> _Loaded:
    national: set[date] = set()
    by_agency: dict[int, set[date]] = {}
    for day, owner in await Holiday.all().values_list("date", "agency_id"):
        (national if owner is None else by_agency.setdefault(owner, set())).add(day)
    return _Loaded(frozenset(national), {key: frozenset(days) for key, days in by_agency.items()})


async def _holidays_by_fingerprint() -> _Loaded:
    # Holidays are only created and deleted, never edited, and ids only grow: count and highest id
    # change with every change, so one small aggregate tells whether the sets read earlier are stale
    # (also when another server process changed them). Changes made here count too, in case another
    # database happened to have the same count and highest id.
    global _by_fingerprint
    count, last = await holiday_fingerprint()
    fingerprint = (count, last, catalog.generation_here(catalog.HOLIDAYS))
    cached = _by_fingerprint
    if cached is not None and cached[0] == fingerprint:
        return cached[1]
    loaded = await _read_holidays()
    _by_fingerprint = (fingerprint, loaded)
    return loaded


def _changed() -> None:
    catalog.changed_here(catalog.HOLIDAYS)


async def working_calendar(agency_id: int | None, holidays: Catalog | None = None) -> WorkingCalendar:
    """The calendar of an agency's reports: weekends, national holidays and the agency's own."""
    [calendar] = await working_calendars([agency_id], holidays)
    return calendar


async def working_calendars(
    agency_ids: Sequence[int | None], holidays: Catalog | None = None
) -> list[WorkingCalendar]:
    """The calendar of each agency's reports (None: a report without an agency, national holidays
    only). With a runtime's catalog (``holidays``), no query while the holidays it read are known to
    be current; without, one query however many agencies are asked for (two when they changed)."""
    if holidays is not None:
        loaded = await holidays.read(catalog.HOLIDAYS, _read_holidays, _holidays_by_fingerprint)
    else:
        loaded = await _holidays_by_fingerprint()
    settings = Settings.from_environment()
    weekend, zone = settings.weekend_days, settings.time_zone
    calendars: dict[int | None, WorkingCalendar] = {}
    for agency_id in agency_ids:
        if agency_id not in calendars:
            days = (
                loaded.national | loaded.by_agency.get(agency_id, frozenset())
                if agency_id
                else loaded.national
            )
            calendars[agency_id] = WorkingCalendar(weekend=weekend, holidays=days, time_zone=zone)
    return [calendars[agency_id] for agency_id in agency_ids]


def working_days_left(calendar: WorkingCalendar, now: datetime, deadline: datetime) -> int:
    """Working days from ``now``'s date to ``deadline``'s, both as dates of the calendar's time zone:
    0 on the deadline's day, 1 on the working day before it, -1 on the working day after it."""
    zone = ZoneInfo(calendar.time_zone)
    return calendar.working_days_between(now.astimezone(zone).date(), deadline.astimezone(zone).date())


# --- queries --------------------------------------------------------------------------------


async def list_holidays(year: int, agency_id: int | None = None) -> list[Holiday]:
    """Holidays of a year, by date: national ones and, with an agency, that agency's own too;
    without an agency, every agency's."""
    query = Holiday.filter(date__gte=date(year, 1, 1), date__lte=date(year, 12, 31))
    if agency_id is not None:
        query = query.filter(Q(agency_id=agency_id) | Q(agency_id__isnull=True))
    return await query.order_by("date", "id")


# --- commands -------------------------------------------------------------------------------


async def create_holiday(
    rt: Runtime, actor: Actor, day: date, name: str, kind: HolidayKind, agency_id: int | None
) -> Holiday:
    _require_admin(actor)
    if (earlier := await idempotency.replayed(Holiday)) is not None:
        return earlier
    check = InputCheck()
    name = check.text("name", name, max_length=NAME_MAX, required=True)
    if agency_id is not None and not await Agency.exists(id=agency_id):
        check.fail("agency_id", "NOT_FOUND")
    check.raise_if_any()
    async with idempotency.command_transaction() as record:
        if await Holiday.exists(date=day, agency_id=agency_id):
            raise HolidayExists()
        try:
            holiday = await Holiday.create(date=day, name=name, kind=kind.value, agency_id=agency_id)
        except IntegrityError:  # a concurrent command stored the same day first
            raise HolidayExists() from None
        await record_audit(actor, "holiday_create", "holiday", holiday.id, rt.clock(), after=_audit(holiday))
        await catalog.announce(catalog.HOLIDAYS)
        record.produced(holiday)
    _changed()
    return holiday


async def delete_holiday(rt: Runtime, actor: Actor, holiday_id: int) -> int:
    _require_admin(actor)
    # A replay answers with the id: the holiday itself is gone.
    if (earlier := idempotency.replayed_id(Holiday)) is not None:
        return earlier
    async with idempotency.command_transaction() as record:
        holiday = await Holiday.filter(id=holiday_id).select_for_update().first()
        if holiday is None:
            raise NotFound("id")
        before = _audit(holiday)
        await holiday.delete()
        await record_audit(actor, "holiday_delete", "holiday", holiday_id, rt.clock(), before=before)
        await catalog.announce(catalog.HOLIDAYS)
        record.produced(holiday)
    _changed()
    return holiday_id


async def import_holidays(
    rt: Runtime, actor: Actor, data: bytes, kind: HolidayKind | None, agency_id: int | None
) -> int:
    """The admin's import: checked, then :func:`import_holidays_ics` with an audit entry.

    Its audit entry, which holds the count, is what a replay answers from."""
    _require_admin(actor)
    if (earlier := await idempotency.replayed(AuditEvent)) is not None:
        imported = earlier.after["imported"]
        assert isinstance(imported, int)
        return imported
    if agency_id is not None and not await Agency.exists(id=agency_id):
        raise InvalidInput([FieldProblem("agency_id", "NOT_FOUND")])
    async with idempotency.command_transaction() as record:
        count = await import_holidays_ics(data, kind, agency_id)
        event = await record_audit(
            actor,
            "holiday_import",
            "holiday",
            agency_id or 0,
            rt.clock(),
            after={"imported": count, "kind": kind.value if kind else None, "agencyId": agency_id},
        )
        record.produced(event)
    return count


async def import_holidays_ics(data: bytes, kind: HolidayKind | None, agency_id: int | None) -> int:
    """Store every day of every event of an iCalendar file as a holiday; returns how many were new.

    All-day events count from DTSTART up to, not including, DTEND (RFC 5545), so one event may cover
    a block of days. Days already in the calendar (of the same agency, or national) are kept as they
    are. Without ``kind``, an event whose CATEGORIES mention "cuti bersama" is CUTI_BERSAMA and every
    other one NATIONAL. Recurrence rules are not expanded: Indonesian holidays move every year.
    """
    entries = parse_holidays_ics(data, kind)
    async with in_transaction():
        existing = {h.date for h in await Holiday.filter(agency_id=agency_id).only("id", "date")}
        new: list[Holiday] = []
        for day, name, entry_kind in entries:
            if day not in existing:
                existing.add(day)
                new.append(Holiday(date=day, name=name, kind=entry_kind.value, agency_id=agency_id))
        if new:
            await Holiday.bulk_create(new)
            await catalog.announce(catalog.HOLIDAYS)
    _changed()
    return len(new)


def parse_holidays_ics(data: bytes, kind: HolidayKind | None) -> list[tuple[date, str, HolidayKind]]:
    """(date, name, kind) for every day of every event; InvalidInput on ``ics`` if unusable."""
    if len(data) > ICS_MAX_BYTES:
        raise InvalidInput([FieldProblem("ics", "TOO_LONG", {"max": ICS_MAX_BYTES})])
    try:
        calendar = Calendar.from_ical(data)
        zone = ZoneInfo(Settings.from_environment().time_zone)
        entries: list[tuple[date, str, HolidayKind]] = []
        for event in calendar.walk("VEVENT"):
            name = str(event.get("SUMMARY", "")).strip()[:NAME_MAX] or "Hari libur"
            start = _local_date(event.decoded("DTSTART"), zone)
            end = _local_date(event.decoded("DTEND"), zone) if "DTEND" in event else start + timedelta(days=1)
            if "DURATION" in event and "DTEND" not in event:
                end = start + max(event.decoded("DURATION"), timedelta(days=1))
            days = (end - start).days
            if days < 1:
                end, days = start + timedelta(days=1), 1
            if days > EVENT_MAX_DAYS:
                raise ValueError(f"event {name!r} spans {days} days")
            entry_kind = kind or _kind_of(event.get("CATEGORIES"))
            entries.extend((start + timedelta(days=i), name, entry_kind) for i in range(days))
    except InvalidInput:
        raise
    except Exception as err:  # noqa: BLE001 - icalendar raises many kinds for malformed files
        raise InvalidInput([FieldProblem("ics", "INVALID")]) from err
    if not entries:
        raise InvalidInput([FieldProblem("ics", "INVALID")])
    return entries


def _local_date(value: object, zone: ZoneInfo) -> date:
    if isinstance(value, datetime):
        return (value.astimezone(zone) if value.tzinfo else value).date()
    if isinstance(value, date):
        return value
    raise ValueError(f"not a date: {value!r}")


def _kind_of(categories: object) -> HolidayKind:
    values: Iterable[object] = categories if isinstance(categories, list) else [categories]
    words: list[str] = []
    for value in values:
        if value is None:
            continue
        cats = getattr(value, "cats", None)
        words.extend(str(c) for c in cats) if cats is not None else words.append(str(value))
    normalised = {w.strip().upper().replace(" ", "_") for w in words}
    return HolidayKind.CUTI_BERSAMA if "CUTI_BERSAMA" in normalised else HolidayKind.NATIONAL


def _require_admin(actor: Actor) -> None:
    if actor.is_anonymous:
        raise AccessDenied("UNAUTHENTICATED")
    if not policy.may_manage_agencies(actor):
        raise AccessDenied("FORBIDDEN")


def _audit(holiday: Holiday) -> dict[str, object]:
    return {
        "date": holiday.date.isoformat(),
        "name": holiday.name,
        "kind": holiday.kind,
        "agencyId": holiday.agency_id,
    }
