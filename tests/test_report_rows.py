"""Report lists as rows: the same reports as the models, the body read only when asked for, and
``timeline(last: N)`` by a window query giving exactly the end of each viewer's whole timeline."""

from __future__ import annotations

from dataclasses import asdict
from datetime import date, timedelta

from lapor_gql.clock import FakeClock
from lapor_gql.db.models import Classification, Report, ReportEvent
from lapor_gql.db.projections import events_of_reports
from lapor_gql.db.report_rows import ReportRow, last_events_of_reports, report_rows
from lapor_gql.domain import reports
from lapor_gql.domain.accounts import create_token
from lapor_gql.domain.demo import DEMO_PASSWORD, USERS, seed_demo_data
from lapor_gql.domain.processes import Runtime
from lapor_gql.schema.ids import decode_id, encode_id
from lapor_gql.schema.loaders import LastEvents, Loaders

from .query_count import count_queries
from .world import make_world

ENTRY = "action fromStatus toStatus message internalNote isPublic actorRole createdAt"
TIMELINES = f"""
query Timelines {{
  reports(first: 100) {{
    edges {{ node {{
      id
      whole: timeline {{ {ENTRY} }}
      last1: timeline(last: 1) {{ {ENTRY} }}
      last2: timeline(last: 2) {{ {ENTRY} }}
      last3: timeline(last: 3) {{ {ENTRY} }}
      last50: timeline(last: 50) {{ {ENTRY} }}
      none: timeline(last: 0) {{ {ENTRY} }}
      negative: timeline(last: -2) {{ {ENTRY} }}
    }} }}
  }}
}}
"""


async def test_report_rows_equal_the_models(db) -> None:
    assert await seed_demo_data()
    placed = await Report.all().order_by("id").first()
    assert placed is not None
    await Report.filter(id=placed.id).update(incident_date=date(2026, 2, 27), latitude=-2.1, longitude=106.1)
    models = await Report.all().order_by("-id")
    assert len(models) > 5 and any(m.deadline for m in models) and any(m.pending_actions for m in models)
    assert any(m.stage_labels for m in models) or any(m.stage for m in models)

    rows = await report_rows(Report.all().order_by("-id"))

    assert [row.id for row in rows] == [model.id for model in models]
    for row, model in zip(rows, models, strict=True):
        for name, value in asdict(row).items():
            expected = getattr(model, name)
            assert value == expected and type(value) is type(expected), (name, value, expected)
        for moment, expected in [(row.created_at, model.created_at), (row.deadline, model.deadline)]:
            assert moment is None or moment.utcoffset() == expected.utcoffset()
    assert rows[-1].incident_date == date(2026, 2, 27) and rows[-1].latitude == -2.1
    # The query's own filters, order and limit hold.
    confidential = Report.filter(is_confidential=False, status="CLOSED").order_by("id").limit(2)
    assert [r.id for r in await report_rows(confidential)] == [m.id for m in await confidential]
    assert "body" not in ReportRow.__dataclass_fields__


async def test_last_events_are_the_end_of_each_viewers_whole_timeline(gql, db, clock: FakeClock) -> None:
    """For every demo account and the public: timeline(last: N) is timeline's last N entries, internal
    notes kept only for who sees them."""
    assert await seed_demo_data()
    tokens: dict[str, str | None] = {"public": None}
    for _, email, _, _ in USERS:
        tokens[email] = (await create_token(clock, email, DEMO_PASSWORD, timedelta(days=30))).token
    hidden_at_the_end = 0

    for viewer, token in tokens.items():
        edges = (await gql(TIMELINES, token=token)).data["reports"]["edges"]
        assert edges, viewer
        for edge in edges:
            node = edge["node"]
            whole = node["whole"]
            for n in (1, 2, 3, 50):
                assert node[f"last{n}"] == whole[-n:], (viewer, node["id"], n)
            assert node["none"] == node["negative"] == []
            if any(not entry["isPublic"] for entry in whole):
                assert all(entry["internalNote"] is not None for entry in whole), viewer
            report_id = decode_id(node["id"], "Report")
            everything = await ReportEvent.filter(report_id=report_id).order_by("id")
            if [e.is_public for e in everything[-3:]] != [True] * len(everything[-3:]) and all(
                entry["isPublic"] for entry in whole
            ):
                hidden_at_the_end += 1  # an internal entry among the last three, not shown to this viewer
    # The data exercises the rule: some viewer's last three skip an internal entry.
    assert hidden_at_the_end > 0


async def test_window_query_keeps_internal_entries_only_where_asked(db) -> None:
    assert await seed_demo_data()
    report_ids = [r.id for r in await Report.all().order_by("id")]
    events = await events_of_reports(report_ids)
    with_internal = set(report_ids[::2])

    for last in (1, 2, 4, 100):
        rows = await last_events_of_reports(report_ids, with_internal, last)
        expected = []
        for report_id in report_ids:
            visible = [
                e for e in events if e.report_id == report_id and (report_id in with_internal or e.is_public)
            ]
            expected += visible[-last:]
        assert rows == sorted(expected, key=lambda e: e.id), last
    assert any(not e.is_public for e in events)
    assert await last_events_of_reports([], set(), 3) == []
    assert await last_events_of_reports(report_ids, set(), 0) == []


async def test_one_report_asked_both_ways_gets_each_its_own_entries(db) -> None:
    assert await seed_demo_data()
    report_ids = [r.id for r in await Report.all().order_by("id")]
    events = await events_of_reports(report_ids)
    report_id = next(e.report_id for e in reversed(events) if not e.is_public)
    mine = [e for e in events if e.report_id == report_id]
    other = next(i for i in report_ids if i != report_id)

    loaders = Loaders()
    with count_queries() as both_ways:
        every, public, single = await loaders.last_events.load_many(
            [LastEvents(report_id, 3, True), LastEvents(report_id, 3, False), LastEvents(other, 3, False)]
        )
    assert every == mine[-3:]
    assert public == [e for e in mine if e.is_public][-3:] != every
    assert single == [e for e in events if e.report_id == other and e.is_public][-3:]
    assert len(both_ways) == 2
    with count_queries() as one_way:
        await Loaders().last_events.load_many([LastEvents(report_id, 2, True), LastEvents(other, 3, False)])
    assert len(one_way) == 1


async def test_a_list_reads_the_body_only_when_asked(gql, clock: FakeClock, runtime: Runtime) -> None:
    world = await make_world(clock)
    for index in range(60):
        report = await reports.submit_report(
            runtime,
            world.budi.actor,
            reports.ReportDraft(
                title=f"Laporan {index}",
                body=f"Isi laporan {index}.",
                classification=Classification.COMPLAINT,
            ),
        )
        # Every third one to another agency: pu's liaison sees those, without their internal notes.
        agency = world.dinkes if index % 3 == 0 else world.pu
        await reports.dispose_report(runtime, world.admin.actor, report.id, agency.id, f"Catatan {index}")
        clock.advance(timedelta(minutes=1))
    listing = """
    query Listing($first: Int!, $body: Boolean!) {
      reports(first: $first) {
        edges { node { id title body @include(if: $body) timeline(last: 2) { action internalNote } } }
      }
    }
    """

    async def listed(first: int, body: bool) -> tuple[list[dict], list[str]]:
        with count_queries() as statements:
            result = await gql(listing, {"first": first, "body": body}, world.pu_liaison.token)
        return [e["node"] for e in result.data["reports"]["edges"]], statements

    await listed(1, True)  # warm: what the commands above left running is done
    nodes, with_body = await listed(50, True)
    small, small_statements = await listed(5, True)
    _, without_body = await listed(50, False)

    bodies = {encode_id("Report", r.id): r.body for r in await Report.all()}
    assert [n["body"] for n in nodes] == [bodies[n["id"]] for n in nodes]
    assert (
        len(with_body) == len(small_statements) == len(without_body) + 1 == 4
    )  # token, reports, body, events
    assert sum('"body"' in s for s in with_body) == 1  # never in the list's own statement
    assert len(small) == 5 and small == nodes[:5]
    # The handling agency's reports show their disposition note; the other agency's show none.
    notes = {n["id"]: [e["internalNote"] for e in n["timeline"]] for n in nodes}
    assert any(note and note.startswith("Catatan") for entries in notes.values() for note in entries)
    assert any(entries and all(note is None for note in entries) for entries in notes.values())
