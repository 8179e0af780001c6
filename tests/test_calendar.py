"""The holiday calendar through GraphQL, and deadlines that count working days end to end."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from lapor_gql.clock import FakeClock
from lapor_gql.config import PROJECT_ROOT
from lapor_gql.db.models import AuditEvent, Classification, Holiday, Report
from lapor_gql.domain import reports
from lapor_gql.domain.processes import Runtime
from lapor_gql.schema.ids import encode_id

from .world import make_world

ID_2026 = (PROJECT_ROOT / "workflows" / "calendars" / "id-2026.ics").read_text(encoding="utf-8")
DRAFT = reports.ReportDraft(title="Jalan rusak", body="Berlubang.", classification=Classification.COMPLAINT)

IMPORT = """
mutation Import($input: HolidayImportInput!) {
  holidayImport(input: $input) { imported errors { field code } }
}
"""
CREATE = """
mutation Create($input: HolidayCreateInput!) {
  holidayCreate(input: $input) { holiday { id date name kind agency { code } } errors { field code } }
}
"""
DELETE = """
mutation Delete($input: HolidayDeleteInput!) {
  holidayDelete(input: $input) { deletedId errors { field code } }
}
"""
HOLIDAYS = """
query Holidays($year: Int!, $agencyId: ID) {
  holidays(year: $year, agencyId: $agencyId) { date name kind agency { code } }
}
"""
DISPOSE = """
mutation Dispose($input: ReportDisposeInput!) {
  reportDispose(input: $input) { report { deadline } errors { code } }
}
"""


def utc(month: int, day: int, hour: int = 3) -> datetime:
    """A moment in 2026, in UTC; 03:00 UTC is 10:00 in Jakarta."""
    return datetime(2026, month, day, hour, 0, tzinfo=UTC)


async def test_admins_import_and_manage_holidays_and_anyone_reads_them(gql, clock: FakeClock) -> None:
    world = await make_world(clock)
    refused = await gql(IMPORT, {"input": {"ics": ID_2026}}, world.pu_liaison.token)
    assert refused.error_codes == ["FORBIDDEN"]
    assert (await gql(IMPORT, {"input": {"ics": ID_2026}})).error_codes == ["UNAUTHENTICATED"]

    imported = await gql(IMPORT, {"input": {"ics": ID_2026}}, world.admin.token)
    assert imported.data["holidayImport"] == {"imported": 24, "errors": []}
    again = await gql(IMPORT, {"input": {"ics": ID_2026}}, world.admin.token)
    assert again.data["holidayImport"]["imported"] == 0  # days already known are kept
    bad = await gql(IMPORT, {"input": {"ics": "not a calendar"}}, world.admin.token)
    assert bad.data["holidayImport"]["errors"] == [{"field": "ics", "code": "INVALID"}]

    listed = (await gql(HOLIDAYS, {"year": 2026})).data["holidays"]  # the public may read
    assert len(listed) == 24
    assert {"date": "2026-03-23", "name": "Cuti bersama Idul Fitri 1447 Hijriah", "kind": "CUTI_BERSAMA",
            "agency": None} in listed  # fmt: skip
    assert (await gql(HOLIDAYS, {"year": 2025})).data["holidays"] == []

    pu_id = encode_id("Agency", world.pu.id)
    created = await gql(
        CREATE,
        {"input": {"date": "2026-03-03", "name": "HUT Dinas PU", "kind": "NATIONAL", "agencyId": pu_id}},
        world.admin.token,
    )
    holiday = created.data["holidayCreate"]["holiday"]
    assert holiday["agency"] == {"code": "PU"}
    duplicate = await gql(
        CREATE, {"input": {"date": "2026-03-03", "name": "Lagi", "agencyId": pu_id}}, world.admin.token
    )
    assert duplicate.data["holidayCreate"]["errors"] == [{"field": "date", "code": "HOLIDAY_EXISTS"}]
    national_dup = await gql(CREATE, {"input": {"date": "2026-08-17", "name": "x"}}, world.admin.token)
    assert national_dup.data["holidayCreate"]["errors"][0]["code"] == "HOLIDAY_EXISTS"

    for_pu = (await gql(HOLIDAYS, {"year": 2026, "agencyId": pu_id})).data["holidays"]
    for_dinkes = (await gql(HOLIDAYS, {"year": 2026, "agencyId": encode_id("Agency", world.dinkes.id)})).data
    assert (len(for_pu), len(for_dinkes["holidays"])) == (25, 24)

    deleted = await gql(DELETE, {"input": {"id": holiday["id"]}}, world.admin.token)
    assert deleted.data["holidayDelete"] == {"deletedId": holiday["id"], "errors": []}
    gone = await gql(DELETE, {"input": {"id": holiday["id"]}}, world.admin.token)
    assert gone.data["holidayDelete"]["errors"] == [{"field": "id", "code": "NOT_FOUND"}]
    actions = [e.action for e in await AuditEvent.filter(object_type="holiday").order_by("id")]
    assert actions == ["holiday_import", "holiday_import", "holiday_create", "holiday_delete"]
    assert await Holiday.all().count() == 24


async def test_a_deadline_set_before_idul_fitri_skips_the_whole_block(
    gql, clock: FakeClock, runtime: Runtime
) -> None:
    world = await make_world(clock)
    await gql(IMPORT, {"input": {"ics": ID_2026}}, world.admin.token)

    # Tuesday 17 March, 10:00 in Jakarta: the last working day before 18-24 March.
    clock.set(utc(3, 17))
    report = await reports.submit_report(runtime, world.budi.actor, DRAFT)
    assert report.deadline == utc(3, 27)  # 25, 26, 27 March: Friday 10:00 WIB
    # Thursday 19 March (Nyepi, inside the block): the whole of Wednesday 25 March is day one.
    clock.set(utc(3, 19))
    disposed = await gql(
        DISPOSE,
        {"input": {"id": encode_id("Report", report.id), "agencyId": encode_id("Agency", world.pu.id)}},
        world.admin.token,
    )
    # Monday 30 March 00:00 in Jakarta.
    assert disposed.data["reportDispose"]["report"]["deadline"] == "2026-03-29T17:00:00+00:00"


async def test_reporter_silence_closes_only_after_ten_working_days(
    gql, clock: FakeClock, runtime: Runtime
) -> None:
    world = await make_world(clock)
    await gql(IMPORT, {"input": {"ics": ID_2026}}, world.admin.token)
    clock.set(utc(3, 12))  # Thursday before the Idul Fitri block
    report = await reports.submit_report(runtime, world.budi.actor, DRAFT)
    await reports.dispose_report(runtime, world.admin.actor, report.id, world.pu.id, "")
    await reports.follow_up_report(runtime, world.pu_liaison.actor, report.id, "Sudah ditangani.")

    for not_yet in (
        utc(3, 22) + timedelta(seconds=1),  # 10 calendar days
        utc(3, 26) + timedelta(seconds=1),  # 10 weekdays, were there no holidays
        utc(4, 2),  # the 10th working day: 13, 16, 17, 25, 26, 27, 30, 31 March, 1, 2 April
    ):
        clock.set(not_yet)
        assert await reports.fire_due_timers(runtime) == 0
        assert (await Report.get(id=report.id)).status == "IN_PROGRESS"
    clock.set(utc(4, 2) + timedelta(seconds=1))
    assert await reports.fire_due_timers(runtime) == 1
    assert (await Report.get(id=report.id)).status == "CLOSED"


async def test_an_agency_holiday_shifts_only_that_agencys_deadline(
    gql, clock: FakeClock, runtime: Runtime
) -> None:
    world = await make_world(clock)
    # Submitted first, so the calendar is loaded before the holiday exists and must be reloaded.
    for_pu = await reports.submit_report(runtime, world.budi.actor, DRAFT)
    for_dinkes = await reports.submit_report(runtime, world.budi.actor, DRAFT)
    await gql(
        CREATE,
        {
            "input": {
                "date": "2026-03-03",
                "name": "HUT Dinas PU",
                "agencyId": encode_id("Agency", world.pu.id),
            }
        },
        world.admin.token,
    )
    clock.advance(hours=1)  # Monday 2 March, 09:00 UTC
    pu = await reports.dispose_report(runtime, world.admin.actor, for_pu.id, world.pu.id, "")
    dinkes = await reports.dispose_report(runtime, world.admin.actor, for_dinkes.id, world.dinkes.id, "")
    assert dinkes.deadline == utc(3, 5, 9)  # Thursday
    assert pu.deadline == utc(3, 6, 9)  # Friday: Tuesday is PU's day off
