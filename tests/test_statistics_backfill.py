"""Reports from before the statistics facts existed get theirs from their timelines, by the same rules
as a live step: an upgraded province keeps its history in the figures."""

from __future__ import annotations

from datetime import timedelta

from lapor_gql.clock import FakeClock
from lapor_gql.db.models import Classification, DispositionFact, ReportFact
from lapor_gql.domain import processes, reports
from lapor_gql.domain.statistics import ComplianceBands, StatisticsQuery, statistics
from lapor_gql.domain.statistics_backfill import backfill_missing_facts

from .world import make_world


def draft(title: str) -> reports.ReportDraft:
    return reports.ReportDraft(
        title=title, body="Isi.", classification=Classification.COMPLAINT, category="Jalan"
    )


async def test_replayed_timelines_give_the_figures_the_live_steps_gave(
    runtime: processes.Runtime, clock: FakeClock, db: None
) -> None:
    world = await make_world(clock)
    admin, pu, dinkes = world.admin.actor, world.pu_liaison.actor, world.dinkes_liaison.actor

    async def disposed(title: str) -> int:
        report = await reports.submit_report(runtime, world.budi.actor, draft(title))
        await reports.dispose_report(runtime, admin, report.id, world.pu.id, "")
        return report.id

    answered = await disposed("Dijawab lalu selesai otomatis")
    moved = await disposed("Bukan wewenang PU")
    await disposed("Tidak dijawab")
    reopened = await disposed("Ditutup lalu dibuka lagi")
    await reports.submit_report(runtime, world.budi.actor, draft("Belum diverifikasi"))

    clock.advance(timedelta(days=1))
    await reports.follow_up_report(runtime, pu, answered, "Sudah ditambal.")
    await reports.request_not_authority(runtime, pu, moved, "Kewenangan Dinkes.", world.dinkes.id)
    await reports.resolve_not_authority(runtime, admin, moved, True, world.dinkes.id, "")
    await reports.follow_up_report(runtime, dinkes, moved, "Kami tangani.")
    await reports.close_report(runtime, pu, reopened, "Selesai diperbaiki.")
    await reports.reopen_report(runtime, admin, reopened, "Pelapor bilang belum.")
    clock.advance(timedelta(days=20))
    await reports.fire_due_timers(runtime)

    query, bands = StatisticsQuery(), ComplianceBands()
    live = await statistics(runtime, admin, query, bands)
    assert live.totals.reports.auto_closed == 2  # both answered reports, the reporter silent
    assert live.totals.reports.escalated >= 1

    # An upgrade from a version without facts: the tables are empty, the timelines are all there.
    await DispositionFact.all().delete()
    await ReportFact.all().delete()
    assert await backfill_missing_facts() == 5
    assert await backfill_missing_facts() == 0

    replayed = await statistics(runtime, admin, query, bands)
    assert replayed.totals.reports == live.totals.reports
    assert replayed.totals.dispositions == live.totals.dispositions
    assert replayed.liaisons == live.liaisons
    # A timeline does not say which deadline a round began with: the answered rounds are counted
    # without one; the rounds still waiting have the report's own and are measured.
    assert (live.totals.compliance.met, live.totals.compliance.missed, live.totals.compliance.withdrawn) == (
        3,
        2,
        1,
    )
    assert replayed.totals.compliance.answer_days == live.totals.compliance.answer_days
    assert (replayed.totals.compliance.without_deadline, replayed.totals.compliance.missed) == (4, 2)
