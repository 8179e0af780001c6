"""What the provincial admin monitors: follow-up compliance per agency, through ``statistics`` and
``publicStatistics``, on the real engine and the shipped diagram (three working days to follow up).

The clock starts on Monday 2 March 2026, 15:00 in Jakarta; a disposition then is due on Thursday 15:00.
"""

from __future__ import annotations

import asyncio
import re
from datetime import timedelta
from typing import Any

import pytest

from lapor_gql.clock import FakeClock
from lapor_gql.db import statistics_queries
from lapor_gql.db.models import Agency, Classification, Report
from lapor_gql.domain import processes, reports
from lapor_gql.domain.agencies import AgencyInUse, delete_agency
from lapor_gql.domain.statistics import ComplianceBands, StatisticsQuery, public_statistics, statistics
from lapor_gql.schema.ids import encode_id

from .conftest import DIAGRAM
from .query_count import count_queries
from .world import World, make_world

DASHBOARD = """
query Dashboard($filter: StatisticsFilter) {
  statistics(filter: $filter) {
    period { from to timeZone }
    totals {
      received disposed followedUp closed openNow overdueNow escalated dispositions
      daysToFirstAnswer { count median p90 }
      compliance { met missed pending withdrawn measured rate answerDays { count median p90 } }
    }
    agencies { rank band agency { code } figures { received compliance { met missed rate } } }
    monthly { month received dispositions compliance { rate } }
    liaisons { name answers answerDays { median } }
  }
}
"""

PUBLIC = """
query Transparency {
  publicStatistics {
    received followedUp closed
    compliance { rate answerDays { count median p90 } }
    agencies { agency { code } received compliance { met missed rate } band rank }
  }
}
"""


def draft(title: str, category: str = "Jalan", confidential: bool = False) -> reports.ReportDraft:
    return reports.ReportDraft(
        title=title,
        body="Isi laporan.",
        classification=Classification.COMPLAINT,
        category=category,
        is_confidential=confidential,
    )


async def disposed_to_pu(runtime: processes.Runtime, world: World, title: str, **kwargs: Any) -> int:
    report = await reports.submit_report(runtime, world.budi.actor, draft(title, **kwargs))
    await reports.dispose_report(runtime, world.admin.actor, report.id, world.pu.id, "")
    return report.id


async def test_an_answer_by_the_deadline_is_met_and_an_unanswered_round_missed(
    gql, runtime: processes.Runtime, clock: FakeClock
) -> None:
    world = await make_world(clock)
    answered = await disposed_to_pu(runtime, world, "Jalan berlubang")
    await disposed_to_pu(runtime, world, "Lampu jalan mati", category="Penerangan", confidential=True)

    # Tuesday: PU answers the first one, a working day after its disposition.
    clock.advance(timedelta(days=1))
    await reports.follow_up_report(runtime, world.pu_liaison.actor, answered, "Sudah kami tambal.")
    # Friday: the second one's deadline (Thursday 15:00) passed unanswered, and the sweeper escalated it.
    clock.advance(timedelta(days=3))
    await reports.fire_due_timers(runtime)

    totals = (await gql(DASHBOARD, {}, world.admin.token)).data["statistics"]["totals"]
    assert totals["received"] == 2
    assert totals["followedUp"] == 1
    assert totals["overdueNow"] == 1
    assert totals["escalated"] == 1
    assert totals["compliance"] == {
        "met": 1,
        "missed": 1,
        "pending": 0,
        "withdrawn": 0,
        "measured": 2,
        "rate": 0.5,
        "answerDays": {"count": 1, "median": 1.0, "p90": 1.0},
    }

    board = (await gql(DASHBOARD, {}, world.admin.token)).data["statistics"]
    assert board["agencies"] == [
        {
            "rank": 1,
            "band": "RED",
            "agency": {"code": "PU"},
            "figures": {"received": 2, "compliance": {"met": 1, "missed": 1, "rate": 0.5}},
        }
    ]
    assert board["monthly"] == [
        {"month": "2026-03", "received": 2, "dispositions": 2, "compliance": {"rate": 0.5}}
    ]
    assert board["liaisons"] == [{"name": "Pu Liaison", "answers": 1, "answerDays": {"median": 1.0}}]

    # PU's liaison sees the same figures of their own agency; DINKES's sees its own (nothing).
    pu_view = (await gql(DASHBOARD, {}, world.pu_liaison.token)).data["statistics"]
    assert pu_view["totals"]["compliance"]["rate"] == 0.5
    dinkes_view = (await gql(DASHBOARD, {}, world.dinkes_liaison.token)).data["statistics"]
    assert dinkes_view["totals"]["received"] == 0
    assert dinkes_view["liaisons"] == []

    # The public sees counts and the rate, no times, and the confidential report only as a count.
    public = (await gql(PUBLIC)).data["publicStatistics"]
    assert public["received"] == 2
    assert public["compliance"] == {"rate": 0.5, "answerDays": {"count": 1, "median": None, "p90": None}}
    assert public["agencies"] == [
        {
            "agency": {"code": "PU"},
            "received": 2,
            "compliance": {"met": 1, "missed": 1, "rate": 0.5},
            "band": "RED",
            "rank": 1,
        }
    ]


async def test_only_admins_and_liaisons_see_statistics_and_a_liaison_only_their_agency(
    gql, runtime: processes.Runtime, clock: FakeClock
) -> None:
    world = await make_world(clock)
    pu = {"filter": {"agencyId": encode_id("Agency", world.pu.id)}}

    assert (await gql(DASHBOARD, {})).error_codes == ["UNAUTHENTICATED"]
    assert (await gql(DASHBOARD, {}, world.budi.token)).error_codes == ["FORBIDDEN"]
    assert (await gql(DASHBOARD, {}, world.analyst.token)).error_codes == ["FORBIDDEN"]
    assert (await gql(DASHBOARD, pu, world.dinkes_liaison.token)).error_codes == ["FORBIDDEN"]
    assert (await gql(DASHBOARD, pu, world.pu_liaison.token)).data["statistics"]["totals"]["received"] == 0
    assert (await gql(DASHBOARD, pu, world.admin.token)).data["statistics"]["totals"]["received"] == 0


async def test_a_bad_filter_names_the_argument(gql, runtime: processes.Runtime, clock: FakeClock) -> None:
    world = await make_world(clock)

    backwards = await gql(
        DASHBOARD, {"filter": {"from": "2026-03-10", "to": "2026-03-01"}}, world.admin.token
    )
    assert backwards.error_codes == ["INVALID"]
    assert backwards.body["errors"][0]["extensions"]["argument"] == "filter.to"

    garbage = await gql(DASHBOARD, {"filter": {"agencyId": "bukan-id"}}, world.admin.token)
    assert garbage.error_codes == ["INVALID"]
    assert garbage.body["errors"][0]["extensions"]["argument"] == "filter.agencyId"

    period = (await gql(DASHBOARD, {}, world.admin.token)).data["statistics"]["period"]
    assert period == {"from": "2025-04-01", "to": "2026-03-02", "timeZone": "Asia/Jakarta"}


async def test_a_longer_deadline_in_a_new_version_measures_the_reports_that_start_on_it(
    gql, runtime: processes.Runtime, clock: FakeClock
) -> None:
    world = await make_world(clock)
    # Submitted on the shipped diagram (three working days), disposed after the new version is deployed:
    # a report keeps the version it started on.
    old = await reports.submit_report(runtime, world.budi.actor, draft("Versi lama"))
    five_days = _with_follow_up_deadline(DIAGRAM.read_text(), "working_days(5)")
    await processes.deploy_diagram(runtime, None, five_days, note="Lima hari kerja")
    await reports.dispose_report(runtime, world.admin.actor, old.id, world.pu.id, "")
    new = await disposed_to_pu(runtime, world, "Versi baru")

    # Four working days later both are answered: too late for three days, in time for five.
    clock.advance(timedelta(days=4))
    for report_id in (old.id, new):
        await reports.follow_up_report(runtime, world.pu_liaison.actor, report_id, "Sudah ditangani.")

    totals = (await gql(DASHBOARD, {}, world.admin.token)).data["statistics"]["totals"]
    assert totals["compliance"]["met"] == 1
    assert totals["compliance"]["missed"] == 1
    assert totals["compliance"]["answerDays"]["median"] == 4.0


async def test_bands_follow_the_thresholds_given(
    runtime: processes.Runtime, clock: FakeClock, db: None
) -> None:
    world = await make_world(clock)
    answered = await disposed_to_pu(runtime, world, "Jalan berlubang")
    await disposed_to_pu(runtime, world, "Drainase")
    await reports.follow_up_report(runtime, world.pu_liaison.actor, answered, "Sudah.")
    clock.advance(timedelta(days=7))

    lenient = await statistics(
        runtime, world.admin.actor, StatisticsQuery(), ComplianceBands(green=0.5, yellow=0.4)
    )
    strict = await statistics(
        runtime, world.admin.actor, StatisticsQuery(), ComplianceBands(green=0.9, yellow=0.6)
    )

    assert [entry.band.value for entry in lenient.agencies] == ["GREEN"]
    assert [entry.band.value for entry in strict.agencies] == ["RED"]


async def test_the_dashboard_sends_as_many_statements_for_many_reports_as_for_few(
    runtime: processes.Runtime, clock: FakeClock, db: None
) -> None:
    world = await make_world(clock)
    first = await disposed_to_pu(runtime, world, "Satu")
    await reports.follow_up_report(runtime, world.pu_liaison.actor, first, "Sudah.")
    query, bands = StatisticsQuery(), ComplianceBands()
    await statistics(runtime, world.admin.actor, query, bands)  # the calendar cache is warm from here
    with count_queries() as few:
        await statistics(runtime, world.admin.actor, query, bands)

    for n in range(12):
        report_id = await disposed_to_pu(runtime, world, f"Laporan {n}", category=f"Kategori {n % 3}")
        if n % 2:
            await reports.follow_up_report(runtime, world.pu_liaison.actor, report_id, "Sudah.")
    with count_queries() as many:
        await statistics(runtime, world.admin.actor, query, bands)

    assert len(many) == len(few)


def _with_follow_up_deadline(xml: str, expression: str) -> str:
    return re.sub(
        r'(<bpmn:timerEventDefinition id="follow_up_deadline_definition">\s*<bpmn:time\w+[^>]*>)[^<]*',
        rf"\g<1>{expression}",
        xml,
        count=1,
    )


async def test_an_agency_that_handled_reports_stays_for_its_statistics(
    runtime: processes.Runtime, clock: FakeClock, db: None
) -> None:
    world = await make_world(clock)
    temporary = await Agency.create(code="SEMENTARA", name="Unit sementara")
    report = await reports.submit_report(runtime, world.budi.actor, draft("Salah alamat"))
    await reports.dispose_report(runtime, world.admin.actor, report.id, temporary.id, "")
    # The report moves on to PU (as an accepted not-authority request would): the unit has no report now.
    await Report.filter(id=report.id).update(agency_id=world.pu.id)

    with pytest.raises(AgencyInUse):
        await delete_agency(runtime, world.admin.actor, temporary.id)


async def test_many_dashboards_at_once_hold_only_a_few_connections(
    runtime: processes.Runtime, clock: FakeClock, db: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    world = await make_world(clock)
    await disposed_to_pu(runtime, world, "Satu")
    running, most = 0, 0
    original = statistics_queries._Sql.rows

    async def counted(self: statistics_queries._Sql, statement: str) -> Any:
        nonlocal running, most
        running += 1
        most = max(most, running)
        try:
            await asyncio.sleep(0.01)  # long enough for every other request to start its statements
            return await original(self, statement)
        finally:
            running -= 1

    monkeypatch.setattr(statistics_queries._Sql, "rows", counted)
    bands = ComplianceBands()
    await asyncio.gather(*(public_statistics(runtime, StatisticsQuery(), bands) for _ in range(8)))

    assert 1 <= most <= statistics_queries.STATEMENTS_AT_ONCE
