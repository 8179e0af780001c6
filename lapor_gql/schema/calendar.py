"""The working-day calendar: anyone reads the holidays, admins manage them."""

from __future__ import annotations

from datetime import date

import strawberry

from lapor_gql.db import models
from lapor_gql.db.models import HolidayKind, Role
from lapor_gql.domain import calendar as commands
from lapor_gql.domain.errors import FieldProblem, InvalidInput

from .context import Info
from .errors import MutationError, global_key, optional_key, run_mutation
from .ids import decode_id, encode_id
from .mutations import _require_role
from .queries import _bad_argument
from .types import AgencyNode

HolidayKindEnum = strawberry.enum(
    HolidayKind,
    name="HolidayKind",
    description="NATIONAL: a national holiday; CUTI_BERSAMA: a collective leave day.",
)


@strawberry.type(description="A day that is not a working day: for every agency, or for one agency only.")
class Holiday:
    id: strawberry.ID
    date: date
    name: str
    kind: HolidayKindEnum  # type: ignore[valid-type]
    agency_id: strawberry.Private[int | None]

    @classmethod
    def from_model(cls, holiday: models.Holiday) -> Holiday:
        return cls(
            id=strawberry.ID(encode_id("Holiday", holiday.id)),
            date=holiday.date,
            name=holiday.name,
            kind=HolidayKind(holiday.kind),
            agency_id=holiday.agency_id,
        )

    @strawberry.field(description="The agency whose calendar only it belongs to; null for a national one.")
    async def agency(self, info: Info) -> AgencyNode | None:
        if self.agency_id is None:
            return None
        agency = await info.context.loaders.agency.load(self.agency_id)
        return AgencyNode.from_model(agency) if agency else None


@strawberry.type
class HolidayPayload:
    holiday: Holiday | None = None
    errors: list[MutationError] = strawberry.field(default_factory=list)


@strawberry.type
class HolidayDeletePayload:
    deleted_id: strawberry.ID | None = None
    errors: list[MutationError] = strawberry.field(default_factory=list)


@strawberry.type
class HolidayImportPayload:
    imported: int = strawberry.field(default=0, description="Days added; days already known are kept.")
    errors: list[MutationError] = strawberry.field(default_factory=list)


@strawberry.input
class HolidayCreateInput:
    date: date
    name: str
    kind: HolidayKindEnum = HolidayKind.NATIONAL  # type: ignore[valid-type]
    agency_id: strawberry.ID | None = strawberry.field(
        default=None, description="Only this agency's reports skip the day; none for everyone."
    )


@strawberry.input
class HolidayDeleteInput:
    id: strawberry.ID


@strawberry.input
class HolidayImportInput:
    ics: str = strawberry.field(
        description="An iCalendar (.ics) file; every day of every event is a holiday."
    )
    kind: HolidayKindEnum | None = strawberry.field(  # type: ignore[valid-type]
        default=None,
        description='Kind of every day; none: "cuti bersama" in an event\'s CATEGORIES, else NATIONAL.',
    )
    agency_id: strawberry.ID | None = None


@strawberry.type
class CalendarQuery:
    @strawberry.field(
        description="Holidays of a year by date: national ones, plus that agency's own when agencyId is "
        "given (every agency's when not). Deadlines of working_days(n) timers skip them and weekends."
    )
    async def holidays(self, info: Info, year: int, agency_id: strawberry.ID | None = None) -> list[Holiday]:
        if not 1900 <= year <= 2999:
            raise _bad_argument(info, "year")
        agency_key = decode_id(agency_id, "Agency") if agency_id is not None else None
        if agency_id is not None and agency_key is None:
            raise _bad_argument(info, "agencyId")
        return [Holiday.from_model(h) for h in await commands.list_holidays(year, agency_key)]


@strawberry.type
class CalendarMutation:
    @strawberry.mutation(description="Admin: add a holiday or cuti bersama day.")
    async def holiday_create(self, info: Info, input: HolidayCreateInput) -> HolidayPayload:
        _require_role(info, Role.ADMIN)

        async def create() -> HolidayPayload:
            holiday = await commands.create_holiday(
                info.context.runtime,
                info.context.actor,
                input.date,
                input.name,
                HolidayKind(input.kind),
                optional_key(input.agency_id, "Agency", "agency_id"),
            )
            return HolidayPayload(holiday=Holiday.from_model(holiday))

        return await run_mutation(info.context.language, HolidayPayload, create)

    @strawberry.mutation(description="Admin: remove a holiday; deadlines already set keep their date.")
    async def holiday_delete(self, info: Info, input: HolidayDeleteInput) -> HolidayDeletePayload:
        _require_role(info, Role.ADMIN)

        async def delete() -> HolidayDeletePayload:
            holiday_id = global_key(input.id, "Holiday", "id")
            await commands.delete_holiday(info.context.runtime, info.context.actor, holiday_id)
            return HolidayDeletePayload(deleted_id=input.id)

        return await run_mutation(info.context.language, HolidayDeletePayload, delete)

    @strawberry.mutation(description="Admin: import holidays from an iCalendar file.")
    async def holiday_import(self, info: Info, input: HolidayImportInput) -> HolidayImportPayload:
        _require_role(info, Role.ADMIN)

        async def import_file() -> HolidayImportPayload:
            agency_id = optional_key(input.agency_id, "Agency", "agency_id")
            try:
                data = input.ics.encode("utf-8")
            except UnicodeEncodeError:
                raise InvalidInput([FieldProblem("ics", "INVALID")]) from None
            kind = HolidayKind(input.kind) if input.kind is not None else None
            count = await commands.import_holidays(
                info.context.runtime, info.context.actor, data, kind, agency_id
            )
            return HolidayImportPayload(imported=count)

        return await run_mutation(info.context.language, HolidayImportPayload, import_file)
