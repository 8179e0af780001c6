"""What a liaison's inbox asks of ``reports``: the category filter, the "overdue first" order with its
keyset paging, and the working days left until each report's deadline."""

from __future__ import annotations

import base64
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest

from lapor_gql.clock import FakeClock
from lapor_gql.db.models import Classification, HolidayKind, Report
from lapor_gql.domain import reports
from lapor_gql.domain.calendar import create_holiday
from lapor_gql.domain.processes import Runtime
from lapor_gql.schema.batch_executor import BatchExecution
from lapor_gql.schema.ids import encode_id
from lapor_gql.schema.types import encode_deadline_cursor

from .world import World, make_world

INBOX = """
query InboxPage($filter: ReportFilter, $first: Int, $after: String, $order: ReportOrder) {
  reports(filter: $filter, first: $first, after: $after, order: $order) {
    edges { cursor node { title category deadline isOverdue workingDaysLeft } }
    pageInfo { hasNextPage hasPreviousPage endCursor }
  }
}
"""


def utc(month: int, day: int, hour: int = 8) -> datetime:
    """A moment in 2026, in UTC; 08:00 UTC is 15:00 in Jakarta."""
    return datetime(2026, month, day, hour, 0, tzinfo=UTC)


def draft(title: str, category: str = "") -> reports.ReportDraft:
    return reports.ReportDraft(
        title=title, body="Isi laporan.", classification=Classification.COMPLAINT, category=category
    )


async def titles(gql, variables: dict[str, Any], token: str | None = None) -> list[str]:
    answer = await gql(INBOX, {"first": 100, **variables}, token)
    return [edge["node"]["title"] for edge in answer.data["reports"]["edges"]]


async def walk(gql, order: str, first: int, token: str, filter: dict[str, Any] | None = None) -> list[str]:
    """Every page of the list, page by page; checks each page's pageInfo on the way."""
    seen: list[str] = []
    after = None
    while True:
        variables = {"order": order, "first": first, "after": after, "filter": filter}
        page = (await gql(INBOX, variables, token)).data["reports"]
        seen += [edge["node"]["title"] for edge in page["edges"]]
        assert page["pageInfo"]["hasPreviousPage"] is (after is not None)
        if page["edges"]:
            assert page["pageInfo"]["endCursor"] == page["edges"][-1]["cursor"]
        if not page["pageInfo"]["hasNextPage"]:
            return seen
        assert len(page["edges"]) == first
        after = page["pageInfo"]["endCursor"]


# --- the category filter ---------------------------------------------------------------------------


async def test_category_matches_exactly_after_trimming(gql, clock: FakeClock, runtime: Runtime) -> None:
    world = await make_world(clock)
    for title, category in [
        ("Jalan", "Infrastruktur"),
        ("Jembatan", "  Infrastruktur "),  # stored trimmed
        ("Lampu", "Infrastruktur Jalan"),
        ("Huruf kecil", "infrastruktur"),
        ("Puskesmas", "Kesehatan"),
        ("Tanpa kategori", ""),
    ]:
        await reports.submit_report(runtime, world.budi.actor, draft(title, category))
    token = world.admin.token

    assert await titles(gql, {"filter": {"category": " Infrastruktur  "}}, token) == ["Jembatan", "Jalan"]
    assert await titles(gql, {"filter": {"category": "Kesehatan"}}, token) == ["Puskesmas"]
    assert await titles(gql, {"filter": {"category": "Infra"}}, token) == []  # not a search
    assert await titles(gql, {"filter": {"category": "  "}}, token) == await titles(gql, {}, token)
    assert await titles(gql, {"filter": {"category": "Infrastruktur", "titleContains": "jem"}}, token) == [
        "Jembatan"
    ]


@pytest.mark.parametrize("category", ["a\u0000b", "a\ud800", "x" * 101, "tab\x07bell"])
async def test_a_category_that_no_report_can_have_is_a_bad_argument(gql, clock: FakeClock, category) -> None:
    await make_world(clock)

    answer = await gql(INBOX, {"filter": {"category": category}})

    assert answer.body["data"] is None
    [error] = answer.body["errors"]
    assert error["extensions"] == {"code": "INVALID", "argument": "filter.category"}


async def test_a_category_of_the_longest_length_is_accepted(gql, clock: FakeClock, runtime: Runtime) -> None:
    world = await make_world(clock)
    longest = "k" * reports.CATEGORY_MAX
    await reports.submit_report(runtime, world.budi.actor, draft("Panjang", longest))

    assert await titles(gql, {"filter": {"category": longest}}) == ["Panjang"]


# --- the DEADLINE order ----------------------------------------------------------------------------


async def _deadline_world(clock: FakeClock, runtime: Runtime) -> tuple[World, list[str]]:
    """Reports with deadlines in a known order, ties, and some without a deadline; returns the
    titles in the DEADLINE order."""
    world = await make_world(clock)
    admin, liaison = world.admin.actor, world.pu_liaison.actor

    async def submit(title: str, category: str = "Jalan") -> Report:
        return await reports.submit_report(runtime, world.budi.actor, draft(title, category))

    # Monday: verified and disposed at once; due Thursday.
    early = await submit("early")
    await reports.dispose_report(runtime, admin, early.id, world.pu.id, "")
    answered = await submit("answered, no deadline")
    await reports.dispose_report(runtime, admin, answered.id, world.pu.id, "")
    await reports.follow_up_report(runtime, liaison, answered.id, "Sudah diperbaiki.")
    clock.advance(timedelta(hours=1))
    # Three reports submitted in the same instant share their deadline: their ids break the tie.
    tied = [await submit(f"tie {n}", "Lampu") for n in (1, 2, 3)]
    clock.advance(timedelta(days=1))
    late = await submit("late")  # Tuesday: due Friday
    other = await submit("dinkes")
    await reports.dispose_report(runtime, admin, other.id, world.dinkes.id, "")
    answered_too = await submit("answered too")
    await reports.dispose_report(runtime, admin, answered_too.id, world.pu.id, "")
    await reports.follow_up_report(runtime, liaison, answered_too.id, "Selesai.")
    del tied, late

    clock.set(utc(3, 5, 12))  # Thursday afternoon: the earliest deadlines have passed
    assert await reports.fire_due_timers(runtime) > 0
    expected = [
        "early",
        "tie 1",
        "tie 2",
        "tie 3",
        "late",
        "dinkes",
        "answered, no deadline",
        "answered too",
    ]
    return world, expected


async def test_deadline_order_puts_the_most_overdue_first_and_no_deadline_last(
    gql, clock: FakeClock, runtime: Runtime
) -> None:
    world, expected = await _deadline_world(clock, runtime)
    # The same order the database holds: by deadline, then id; reports without one after, by id.
    rows = await Report.all()
    by_key = sorted(rows, key=lambda r: (r.deadline is None, r.deadline or utc(1, 1), r.id))
    assert [r.title for r in by_key] == expected
    assert len({r.deadline for r in rows if r.title.startswith("tie")}) == 1  # really a tie

    answer = await gql(INBOX, {"order": "DEADLINE", "first": 100}, world.admin.token)
    nodes = [edge["node"] for edge in answer.data["reports"]["edges"]]

    assert [node["title"] for node in nodes] == expected
    assert [node["isOverdue"] for node in nodes] == [True] * 4 + [False] * 4
    assert await titles(gql, {"order": "NEWEST"}, world.admin.token) == [
        r.title for r in sorted(rows, key=lambda r: -r.id)
    ]
    assert await titles(gql, {"order": None}, world.admin.token) == await titles(
        gql, {"order": "NEWEST"}, world.admin.token
    )


async def test_deadline_order_pages_by_keyset_across_ties_and_into_reports_without_one(
    gql, clock: FakeClock, runtime: Runtime
) -> None:
    world, expected = await _deadline_world(clock, runtime)
    token = world.pu_liaison.token

    # Every page size puts a page boundary somewhere new: inside the tie, on the last report with
    # a deadline, on the first without.
    for first in range(1, len(expected) + 2):
        assert await walk(gql, "DEADLINE", first, token) == expected, first
    pu = {"agencyId": encode_id("Agency", world.pu.id)}
    assert await walk(gql, "DEADLINE", 2, token, pu) == ["early", "answered, no deadline", "answered too"]
    assert await walk(gql, "DEADLINE", 2, token, {"category": "Lampu"}) == ["tie 1", "tie 2", "tie 3"]
    assert await walk(gql, "DEADLINE", 3, token, {"overdue": False}) == expected[4:]


async def test_deadline_order_holds_while_reports_arrive_between_pages(
    gql, clock: FakeClock, runtime: Runtime
) -> None:
    world, expected = await _deadline_world(clock, runtime)
    token = world.admin.token
    first_page = (await gql(INBOX, {"order": "DEADLINE", "first": 3}, token)).data["reports"]

    # A new report is due after everything on the first page: the next page starts with it in place.
    await reports.submit_report(runtime, world.budi.actor, draft("new"))
    rest = await gql(
        INBOX, {"order": "DEADLINE", "first": 100, "after": first_page["pageInfo"]["endCursor"]}, token
    )

    assert [edge["node"]["title"] for edge in first_page["edges"]] == expected[:3]
    assert [edge["node"]["title"] for edge in rest.data["reports"]["edges"]] == [
        *expected[3:6],
        "new",
        *expected[6:],
    ]


async def test_a_cursor_of_another_order_or_a_damaged_one_is_a_bad_argument(
    gql, clock: FakeClock, runtime: Runtime
) -> None:
    world, _ = await _deadline_world(clock, runtime)
    token = world.admin.token
    newest = (await gql(INBOX, {"first": 1}, token)).data["reports"]["pageInfo"]["endCursor"]
    by_deadline = (await gql(INBOX, {"first": 1, "order": "DEADLINE"}, token)).data["reports"]["pageInfo"][
        "endCursor"
    ]

    def raw(text: str) -> str:
        return base64.b64encode(text.encode()).decode()

    for order, cursor in [
        ("DEADLINE", newest),
        ("NEWEST", by_deadline),
        (None, by_deadline),
        ("DEADLINE", raw("report-deadline:12:")),
        ("DEADLINE", raw("report-deadline:-1:5")),
        ("DEADLINE", raw("report-deadline: 12:5")),
        ("DEADLINE", raw("report-deadline:99999999999999999999:5")),
        ("DEADLINE", raw("report-deadline:12:5:6")),
        ("DEADLINE", raw("report-deadline:12:99999999999")),
        ("DEADLINE", raw("report:-:5")),
        ("DEADLINE", "not base64!"),
    ]:
        answer = await gql(INBOX, {"order": order, "first": 1, "after": cursor}, token)
        assert answer.body["data"] is None, (order, cursor)
        assert [e["extensions"] for e in answer.body["errors"]] == [{"code": "INVALID", "argument": "after"}]

    # The highest deadline a cursor may carry still reads (and finds nothing after it).
    latest = encode_deadline_cursor(datetime(9999, 12, 31, tzinfo=UTC), 1)
    assert await titles(gql, {"order": "DEADLINE", "after": latest}, token) == [
        "answered, no deadline",
        "answered too",
    ]


async def test_the_deadline_order_runs_on_the_batch_executor(gql, clock: FakeClock, runtime: Runtime) -> None:
    world, expected = await _deadline_world(clock, runtime)
    served = BatchExecution.served

    assert await walk(gql, "DEADLINE", 5, world.admin.token) == expected

    assert BatchExecution.served == served + 2


# --- working days left ---------------------------------------------------------------------------


async def _days_left(gql, token: str) -> dict[str, int | None]:
    answer = await gql(INBOX, {"first": 100}, token)
    return {
        edge["node"]["title"]: edge["node"]["workingDaysLeft"] for edge in answer.data["reports"]["edges"]
    }


async def test_working_days_left_counts_down_to_the_deadline_and_past_it(
    gql, clock: FakeClock, runtime: Runtime
) -> None:
    world = await make_world(clock)
    # Monday 2 March, 15:00 in Jakarta: due Thursday 5 March, 15:00.
    report = await reports.submit_report(runtime, world.budi.actor, draft("Jalan"))
    assert report.deadline == utc(3, 5)
    answered = await reports.submit_report(runtime, world.budi.actor, draft("Dijawab"))
    await reports.dispose_report(runtime, world.admin.actor, answered.id, world.pu.id, "")
    await reports.follow_up_report(runtime, world.pu_liaison.actor, answered.id, "Selesai.")

    seen: dict[date, int | None] = {}
    for day in range(2, 17):
        clock.set(utc(3, day, 1))  # 08:00 in Jakarta
        left = await _days_left(gql, world.admin.token)
        assert left["Dijawab"] is None
        seen[date(2026, 3, day)] = left["Jalan"]
    clock.set(utc(3, 5, 16))  # Thursday 23:00 in Jakarta: overdue, still the deadline's day
    on_the_day = await _days_left(gql, world.admin.token)

    assert seen == {
        date(2026, 3, 2): 3,  # Monday
        date(2026, 3, 3): 2,
        date(2026, 3, 4): 1,
        date(2026, 3, 5): 0,  # Thursday: the deadline's day
        date(2026, 3, 6): -1,  # Friday
        date(2026, 3, 7): -1,  # the weekend counts for nothing
        date(2026, 3, 8): -1,
        date(2026, 3, 9): -2,  # Monday
        date(2026, 3, 10): -3,
        date(2026, 3, 11): -4,
        date(2026, 3, 12): -5,
        date(2026, 3, 13): -6,
        date(2026, 3, 14): -6,
        date(2026, 3, 15): -6,
        date(2026, 3, 16): -7,
    }
    assert on_the_day["Jalan"] == 0


async def test_working_days_left_uses_national_and_the_agencys_own_holidays(
    gql, clock: FakeClock, runtime: Runtime
) -> None:
    world = await make_world(clock)
    admin = world.admin.actor
    # All three due Thursday 5 March, 15:00 in Jakarta (no holiday existed when they were set).
    await reports.submit_report(runtime, world.budi.actor, draft("tanpa dinas"))
    for title, agency in [("PU", world.pu), ("DINKES", world.dinkes)]:
        created = await reports.submit_report(runtime, world.budi.actor, draft(title))
        await reports.dispose_report(runtime, admin, created.id, agency.id, "")
    before = await _days_left(gql, world.pu_liaison.token)

    await create_holiday(runtime, admin, date(2026, 3, 4), "HUT Dinas PU", HolidayKind.NATIONAL, world.pu.id)
    with_pu_day = await _days_left(gql, world.pu_liaison.token)
    await create_holiday(runtime, admin, date(2026, 3, 3), "Libur nasional", HolidayKind.NATIONAL, None)
    with_national_day = await _days_left(gql, world.pu_liaison.token)

    assert before == {"tanpa dinas": 3, "PU": 3, "DINKES": 3}
    assert with_pu_day == {"tanpa dinas": 3, "PU": 2, "DINKES": 3}
    assert with_national_day == {"tanpa dinas": 2, "PU": 1, "DINKES": 2}


async def test_working_days_left_counts_the_configured_weekend_in_the_configured_zone(
    gql, clock: FakeClock, runtime: Runtime, monkeypatch: pytest.MonkeyPatch
) -> None:
    world = await make_world(clock)
    # Monday 2 March, 15:00 in Jakarta: due Thursday 5 March, 15:00 (08:00 UTC, the same date).
    await reports.submit_report(runtime, world.budi.actor, draft("Jalan"))

    clock.set(utc(3, 4, 20))  # Wednesday 20:00 UTC is already Thursday 03:00 in Jakarta
    in_jakarta = (await _days_left(gql, world.admin.token))["Jalan"]
    monkeypatch.setenv("LAPOR_TIME_ZONE", "UTC")
    in_utc = (await _days_left(gql, world.admin.token))["Jalan"]
    clock.set(utc(2, 28, 12))  # Saturday before: Monday to Thursday
    saturday_sunday_off = (await _days_left(gql, world.admin.token))["Jalan"]
    monkeypatch.setenv("LAPOR_WEEKEND_DAYS", "5,6")  # Sunday to Thursday
    friday_saturday_off = (await _days_left(gql, world.admin.token))["Jalan"]

    assert (in_jakarta, in_utc, saturday_sunday_off, friday_saturday_off) == (0, 1, 4, 5)


async def test_mine_lists_only_what_the_viewer_sent(gql, runtime: Runtime, clock: FakeClock) -> None:
    world = await make_world(clock)
    await reports.submit_report(runtime, world.budi.actor, draft("Budi: jalan"))
    await reports.submit_report(runtime, world.people["siti"].actor, draft("Siti: lampu"))
    visitors, code = await reports.submit_report_without_account(runtime, draft("Tamu: pohon"))
    follow = """
    mutation FollowByCode($input: ReportAccessTokenCreateInput!) {
      reportAccessTokenCreate(input: $input) { token }
    }
    """
    access = {"trackingNumber": visitors.tracking_number, "accessCode": code}
    visitor_token = (await gql(follow, {"input": access})).data["reportAccessTokenCreate"]["token"]
    mine = {"filter": {"mine": True}}

    assert await titles(gql, mine, world.budi.token) == ["Budi: jalan"]
    assert await titles(gql, mine, visitor_token) == ["Tamu: pohon"]
    assert await titles(gql, mine) == []  # the public sent nothing
    assert await titles(gql, mine, world.admin.token) == []
    # Without it, everyone still reads every public report.
    assert await titles(gql, {}, world.budi.token) == ["Tamu: pohon", "Siti: lampu", "Budi: jalan"]
