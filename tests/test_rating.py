"""The reporter rates the resolution of a closed report: an action the shipped diagram declares.

The diagram decides when (on a closed report, until its rating window of 10 working days passes) and
who (the reporter lane: the account that sent the report, or whoever holds its access code). The
application keeps the rating on the report, refuses a second one while one stands, and clears it where
the diagram says ``rating`` = ``clear`` (the reopenings). The score is for everyone who may see the
report; the comment, written to the officers, for the admins and the handling agency.
"""

from __future__ import annotations

import csv
import io
from datetime import timedelta
from pathlib import Path
from typing import Any

import httpx

from lapor_gql.clock import FakeClock
from lapor_gql.db.models import Agency, Classification, ReportEvent
from lapor_gql.domain import process_migration, processes, reports
from lapor_gql.domain.processes import Runtime, check_diagram
from lapor_gql.schema.ids import decode_id, encode_id

from . import operations as op
from .conftest import DIAGRAM
from .test_process_definitions import DEPLOY
from .world import World, make_world

ACTIONS = """
query RatingActions($id: ID!) {
  report(id: $id) { availableActions { code label inputs { name kind required label } } }
}
"""

RATING = """
query ReportRating($id: ID!) {
  report(id: $id) { status rating { score comment ratedAt } }
}
"""

SUBMIT_WITHOUT_ACCOUNT = """
mutation SubmitWithoutAccount($input: ReportSubmitInput!) {
  reportSubmit(input: $input) { accessCode report { id trackingNumber } errors { field code message } }
}
"""

ACCESS = """
mutation FollowMyReport($input: ReportAccessTokenCreateInput!) {
  reportAccessTokenCreate(input: $input) { token errors { field code message } }
}
"""


class Desk:
    """The people of a small province acting through GraphQL."""

    def __init__(self, gql: Any, world: World) -> None:
        self.gql = gql
        self.world = world

    def token(self, who: str) -> str:
        return self.world.people[who].token

    async def typed(self, operation: str, field: str, token: str | None, **fields: object) -> dict[str, Any]:
        payload = (await self.gql(operation, {"input": fields}, token)).data[field]
        assert payload["errors"] == [], payload["errors"]
        return dict(payload["report"])

    async def submit(self, who: str = "budi") -> str:
        report = await self.typed(
            op.SUBMIT,
            "reportSubmit",
            self.token(who),
            title="Jalan berlubang",
            body="Lubang besar di depan sekolah.",
            classification="COMPLAINT",
        )
        return str(report["id"])

    async def close(self, report_id: str, dispose: bool = True) -> None:
        if dispose:
            agency_id = encode_id("Agency", self.world.pu.id)
            await self.typed(
                op.DISPOSE, "reportDispose", self.token("admin"), id=report_id, agencyId=agency_id
            )
        closed = await self.typed(
            op.CLOSE, "reportClose", self.token("pu_liaison"), id=report_id, resolution="Sudah ditambal."
        )
        assert closed["status"] == "CLOSED"

    async def rate(self, token: str | None, report_id: str, **values: str) -> Any:
        variables = {
            "input": {
                "id": report_id,
                "action": "rate",
                "values": [{"name": name, "value": value} for name, value in values.items()],
            }
        }
        return await self.gql(op.PERFORM_ACTION, variables, token)

    async def rating(self, report_id: str, token: str | None) -> dict[str, Any] | None:
        return (await self.gql(RATING, {"id": report_id}, token)).data["report"]["rating"]


def problems(result: Any) -> list[tuple[str | None, str]]:
    return [(e["field"], e["code"]) for e in result.data["reportActionPerform"]["errors"]]


async def test_the_reporter_rates_a_closed_report_once_and_only_officers_read_the_comment(
    gql, clock: FakeClock
) -> None:
    world = await make_world(clock)
    desk = Desk(gql, world)
    report_id = await desk.submit()

    # Not before the report is closed: the diagram offers rating only there.
    early = await desk.rate(desk.token("budi"), report_id, score="5")
    assert problems(early) == [(None, "ACTION_NOT_AVAILABLE")]

    await desk.close(report_id)
    offered = (await gql(ACTIONS, {"id": report_id}, desk.token("budi"))).data["report"]
    assert [a for a in offered["availableActions"] if a["code"] == "rate"] == [
        {
            "code": "rate",
            "label": "Beri penilaian",
            "inputs": [
                {"name": "score", "kind": "RATING", "required": True, "label": "Penilaian (1–5)"},
                {"name": "comment", "kind": "INTERNAL_NOTE", "required": False, "label": "Komentar"},
            ],
        }
    ]

    # Officers never hold the reporter lane; another citizen is not this report's reporter.
    for officer in ("pu_liaison", "admin"):
        assert (await desk.rate(desk.token(officer), report_id, score="5")).error_codes == ["FORBIDDEN"]
    assert problems(await desk.rate(desk.token("siti"), report_id, score="5")) == [
        (None, "ACTION_NOT_AVAILABLE")
    ]

    # A whole number from 1 to 5, nothing else; a missing score is required.
    for wrong in ("0", "6", "3.5", "empat", "-1"):
        assert problems(await desk.rate(desk.token("budi"), report_id, score=wrong)) == [("score", "INVALID")]
    assert problems(await desk.rate(desk.token("budi"), report_id, comment="Bagus")) == [
        ("score", "REQUIRED")
    ]
    assert await desk.rating(report_id, desk.token("admin")) is None

    rated_at = clock.advance(timedelta(hours=3)).isoformat()
    rated = await desk.rate(desk.token("budi"), report_id, score="4", comment="Cepat, tapi tambalan kasar.")
    assert problems(rated) == []
    assert rated.data["reportActionPerform"]["report"]["status"] == "CLOSED"

    # The score for everyone who may see the report, the comment for the admins and the agency.
    with_comment = {"score": 4, "comment": "Cepat, tapi tambalan kasar.", "ratedAt": rated_at}
    without_comment = {**with_comment, "comment": None}
    seen = {who: await desk.rating(report_id, desk.token(who)) for who in world.people}
    assert seen == {
        "admin": with_comment,
        "analyst": without_comment,
        "pu_liaison": with_comment,
        "dinkes_liaison": without_comment,
        "dindik_liaison": without_comment,
        "budi": without_comment,
        "siti": without_comment,
    }
    assert await desk.rating(report_id, None) == without_comment

    # Once rated, the report waits at the closed-and-rated gateway: no second rating is offered.
    again = await desk.rate(desk.token("budi"), report_id, score="1")
    assert problems(again) == [(None, "ACTION_NOT_AVAILABLE")]
    assert (await desk.rating(report_id, desk.token("admin"))) == with_comment

    # The comment is the rating entry's internal note; the score is kept in the entry's details.
    entry = await ReportEvent.get(report_id=decode_id(report_id, "Report"), action="rate")
    assert (entry.internal_note, entry.details["values"]) == ("Cepat, tapi tambalan kasar.", {"score": 4})


async def test_whoever_holds_the_access_code_rates_a_report_sent_without_an_account(
    gql, clock: FakeClock
) -> None:
    world = await make_world(clock)
    desk = Desk(gql, world)
    sent = (
        await gql(
            SUBMIT_WITHOUT_ACCOUNT,
            {"input": {"title": "Air mati", "body": "Tiga hari.", "classification": "COMPLAINT"}},
        )
    ).data["reportSubmit"]
    report_id = sent["report"]["id"]
    await desk.close(report_id)

    access = {"trackingNumber": sent["report"]["trackingNumber"], "accessCode": sent["accessCode"]}
    holder = (await gql(ACCESS, {"input": access})).data["reportAccessTokenCreate"]["token"]
    rated = await desk.rate(holder, report_id, score="2")

    assert problems(rated) == []
    assert await desk.rating(report_id, holder) == {
        "score": 2,
        "comment": None,
        "ratedAt": clock().isoformat(),
    }
    assert (await desk.rating(report_id, desk.token("pu_liaison")))["comment"] == ""


async def test_the_rating_window_closes_after_ten_working_days(
    gql, clock: FakeClock, runtime: Runtime
) -> None:
    world = await make_world(clock)
    desk = Desk(gql, world)
    report_id = await desk.submit()
    await desk.close(report_id)

    clock.advance(timedelta(days=15))  # two weeks and a day: past 10 working days
    assert await reports.fire_due_timers(runtime) == 1

    late = await desk.rate(desk.token("budi"), report_id, score="5")
    assert problems(late) == [(None, "ACTION_NOT_AVAILABLE")]
    assert await desk.rating(report_id, desk.token("admin")) is None
    # Still closed, and still reopenable by the agency and the admin.
    status = (await gql(RATING, {"id": report_id}, desk.token("admin"))).data["report"]["status"]
    assert status == "CLOSED"
    reopened = await desk.typed(
        op.REOPEN, "reportReopen", desk.token("pu_liaison"), id=report_id, reason="Rusak lagi."
    )
    assert reopened["status"] == "DISPOSED"


async def test_reopening_clears_the_rating_and_the_next_closure_may_be_rated_again(
    gql, clock: FakeClock
) -> None:
    world = await make_world(clock)
    desk = Desk(gql, world)
    report_id = await desk.submit()
    await desk.close(report_id)
    rated_at = clock.advance(timedelta(hours=1))
    assert problems(await desk.rate(desk.token("budi"), report_id, score="1", comment="Belum beres.")) == []

    reopened = await desk.typed(
        op.REOPEN, "reportReopen", desk.token("pu_liaison"), id=report_id, reason="Pelapor tidak puas."
    )

    assert reopened["status"] == "DISPOSED"
    assert await desk.rating(report_id, desk.token("admin")) is None
    # What was cleared is kept in the reopening's entry.
    entry = await ReportEvent.get(report_id=decode_id(report_id, "Report"), action="reopen")
    assert entry.details["clearedRating"] == {
        "score": 1,
        "comment": "Belum beres.",
        "ratedAt": rated_at.isoformat(),
    }

    await desk.close(report_id, dispose=False)
    assert problems(await desk.rate(desk.token("budi"), report_id, score="5")) == []
    assert (await desk.rating(report_id, desk.token("budi")))["score"] == 5


async def test_without_rating_clear_a_reopened_report_keeps_its_rating_and_refuses_a_second(
    gql, clock: FakeClock
) -> None:
    world = await make_world(clock)
    desk = Desk(gql, world)
    keeping = DIAGRAM.read_text().replace(
        '\n          <spiffworkflow:property name="rating" value="clear" />', ""
    )
    assert 'name="rating"' not in keeping
    deployed = (
        await gql(DEPLOY, {"input": {"bpmnXml": keeping, "note": "Penilaian tetap"}}, desk.token("analyst"))
    ).data["processDefinitionDeploy"]
    assert deployed["errors"] == []
    report_id = await desk.submit()
    await desk.close(report_id)
    assert problems(await desk.rate(desk.token("budi"), report_id, score="3")) == []

    await desk.typed(op.REOPEN, "reportReopen", desk.token("admin"), id=report_id, reason="Dicek ulang.")
    assert (await desk.rating(report_id, desk.token("budi")))["score"] == 3
    await desk.close(report_id, dispose=False)

    # The closed report offers rating again (the diagram's word), and the application refuses it.
    for language, message in (
        ("id", "Laporan ini sudah dinilai; penilaian hanya dapat diberikan sekali."),
        ("en", "This report has already been rated; a rating can be given only once."),
    ):
        variables = {
            "input": {"id": report_id, "action": "rate", "values": [{"name": "score", "value": "5"}]}
        }
        refused = await gql(op.PERFORM_ACTION, variables, desk.token("budi"), language=language)
        assert refused.data["reportActionPerform"]["errors"] == [
            {"field": "score", "code": "ALREADY_RATED", "message": message}
        ]
    assert (await desk.rating(report_id, desk.token("budi")))["score"] == 3


async def test_the_rating_property_has_one_value(gql, clock: FakeClock) -> None:
    world = await make_world(clock)
    keep = DIAGRAM.read_text().replace('name="rating" value="clear"', 'name="rating" value="keep"')
    deployed = (await gql(DEPLOY, {"input": {"bpmnXml": keep, "note": "Salah"}}, world.analyst.token)).data[
        "processDefinitionDeploy"
    ]

    assert {(e["field"], e["code"]) for e in deployed["errors"]} == {("bpmnXml", "DIAGRAM_INVALID")}
    assert any("rating 'keep'" in e["message"] for e in deployed["errors"])


SATISFACTION = """
query Satisfaction {
  statistics {
    totals { ...Ratings }
    agencies { agency { code } figures { ...Ratings } }
  }
}
fragment Ratings on StatisticsFigures {
  satisfaction { closedNow rated shareRated average distribution { score count } }
}
"""


async def test_satisfaction_per_agency_counts_the_ratings_standing_on_closed_reports(
    gql, client: httpx.AsyncClient, clock: FakeClock, runtime: Runtime
) -> None:
    world = await make_world(clock)

    async def closed(agency: Agency, liaison: str, rating: int | None) -> int:
        report = await reports.submit_report(
            runtime,
            world.budi.actor,
            reports.ReportDraft(title="Laporan", body="Isi.", classification=Classification.COMPLAINT),
        )
        await reports.dispose_report(runtime, world.admin.actor, report.id, agency.id, "")
        await reports.close_report(runtime, world.people[liaison].actor, report.id, "Selesai.")
        if rating is not None:
            await reports.perform_action(runtime, world.budi.actor, report.id, "rate", {"score": str(rating)})
        return report.id

    for rating in (5, 4, 4, None):
        await closed(world.pu, "pu_liaison", rating)
    reopened = await closed(world.pu, "pu_liaison", 1)
    await reports.reopen_report(runtime, world.pu_liaison.actor, reopened, "Belum beres.")  # clears the 1
    await closed(world.dinkes, "dinkes_liaison", 2)

    board = (await gql(SATISFACTION, {}, world.admin.token)).data["statistics"]

    def satisfaction(closed_now: int, average: float | None, counts: list[int]) -> dict[str, Any]:
        rated = sum(counts)
        return {
            "satisfaction": {
                "closedNow": closed_now,
                "rated": rated,
                "shareRated": rated / closed_now if closed_now else None,
                "average": average,
                "distribution": [{"score": s, "count": c} for s, c in zip(range(1, 6), counts, strict=True)],
            }
        }

    assert board["agencies"] == [
        {"agency": {"code": "PU"}, "figures": satisfaction(4, 13 / 3, [0, 0, 0, 2, 1])},
        {"agency": {"code": "DINKES"}, "figures": satisfaction(1, 2.0, [0, 1, 0, 0, 0])},
    ]
    assert board["totals"] == satisfaction(5, 15 / 4, [0, 1, 0, 2, 1])

    # A liaison sees their own agency's; the export carries the same figures per agency.
    own = (await gql(SATISFACTION, {}, world.dinkes_liaison.token)).data["statistics"]["totals"]
    assert own == satisfaction(1, 2.0, [0, 1, 0, 0, 0])
    exported = await client.get(
        "/exports/statistics.csv",
        params={"lang": "en"},
        headers={"Authorization": f"Bearer {world.admin.token}"},
    )
    header, *rows = csv.reader(io.StringIO(exported.content.decode("utf-8").lstrip("\ufeff")))
    by_agency = {row[0]: dict(zip(header, row, strict=True)) for row in rows}
    assert {
        name: by_agency["PU"][name]
        for name in ("Closed now", "Rated", "Share rated", "Average rating", "Rated 4", "Rated 5")
    } == {
        "Closed now": "4",
        "Rated": "3",
        "Share rated": "0.7500",
        "Average rating": "4.33",
        "Rated 4": "2",
        "Rated 5": "1",
    }
    reports_export = await client.get(
        "/exports/reports.csv",
        params={"lang": "en"},
        headers={"Authorization": f"Bearer {world.admin.token}"},
    )
    header, *rows = csv.reader(io.StringIO(reports_export.content.decode("utf-8").lstrip("\ufeff")))
    assert [row[header.index("Reporter's rating")] for row in rows] == ["5", "4", "4", "", "", "2"]


async def test_a_rating_kept_through_a_reopening_counts_only_while_the_report_is_closed(
    gql, clock: FakeClock
) -> None:
    world = await make_world(clock)
    desk = Desk(gql, world)
    keeping = DIAGRAM.read_text().replace(
        '\n          <spiffworkflow:property name="rating" value="clear" />', ""
    )
    deployed = (
        await gql(DEPLOY, {"input": {"bpmnXml": keeping, "note": "Penilaian tetap"}}, desk.token("analyst"))
    ).data["processDefinitionDeploy"]
    assert deployed["errors"] == []
    report_id = await desk.submit()
    await desk.close(report_id)
    assert problems(await desk.rate(desk.token("budi"), report_id, score="3")) == []

    async def totals() -> dict[str, Any]:
        board = (await gql(SATISFACTION, {}, desk.token("admin"))).data["statistics"]
        return dict(board["totals"]["satisfaction"])

    def figures(closed_now: int, counts: list[int], average: float | None) -> dict[str, Any]:
        rated = sum(counts)
        return {
            "closedNow": closed_now,
            "rated": rated,
            "shareRated": rated / closed_now if closed_now else None,
            "average": average,
            "distribution": [{"score": s, "count": c} for s, c in zip(range(1, 6), counts, strict=True)],
        }

    assert await totals() == figures(1, [0, 0, 1, 0, 0], 3.0)

    # Reopened, the report keeps its 3 (the diagram does not clear it) but is no resolution now.
    await desk.typed(op.REOPEN, "reportReopen", desk.token("admin"), id=report_id, reason="Dicek ulang.")
    assert (await desk.rating(report_id, desk.token("admin")))["score"] == 3
    assert await totals() == figures(0, [0, 0, 0, 0, 0], None)

    # Closed again, its standing rating counts again.
    await desk.close(report_id, dispose=False)
    assert await totals() == figures(1, [0, 0, 1, 0, 0], 3.0)


async def test_a_timer_that_clears_the_rating_keeps_it_in_its_own_entry(
    gql, clock: FakeClock, runtime: Runtime
) -> None:
    world = await make_world(clock)
    desk = Desk(gql, world)
    audit = '<spiffworkflow:property name="audit" value="AUTO_CLOSED" />'
    silence_clears = (
        DIAGRAM.read_text()
        .replace('\n          <spiffworkflow:property name="rating" value="clear" />', "")
        .replace(audit, audit + '\n          <spiffworkflow:property name="rating" value="clear" />')
    )
    deployed = (
        await gql(DEPLOY, {"input": {"bpmnXml": silence_clears, "note": "Diam"}}, desk.token("analyst"))
    ).data["processDefinitionDeploy"]
    assert deployed["errors"] == []
    report_id = await desk.submit()
    await desk.close(report_id)
    rated_at = clock.advance(timedelta(hours=1))
    assert problems(await desk.rate(desk.token("budi"), report_id, score="2", comment="Lambat.")) == []
    await desk.typed(op.REOPEN, "reportReopen", desk.token("admin"), id=report_id, reason="Dicek ulang.")
    await desk.typed(op.FOLLOW_UP, "reportFollowUp", desk.token("pu_liaison"), id=report_id, message="Sudah?")

    clock.advance(timedelta(days=30))  # the reporter stays silent: the timer closes the report
    assert await reports.fire_due_timers(runtime) == 1

    assert await desk.rating(report_id, desk.token("admin")) is None
    entry = await ReportEvent.get(report_id=decode_id(report_id, "Report"), action="AUTO_CLOSED")
    assert entry.details["clearedRating"] == {
        "score": 2,
        "comment": "Lambat.",
        "ratedAt": rated_at.isoformat(),
    }


BEFORE_RATING = Path(__file__).parent / "workflows" / "report_lifecycle_before_rating.bpmn"
"""The shipped diagram as released before rating existed: its closed reports wait at ``closed``."""


async def test_a_report_closed_before_the_upgrade_gets_the_rating_window_from_its_migration(
    gql, clock: FakeClock, runtime: Runtime
) -> None:
    # The shipped behaviour, for the analyst to decide on: a report closed long before the upgrade
    # waits at ``closed``, which the new version still has, so it moves; the window, a timer the new
    # version adds where the report waits, counts from the migration.
    world = await make_world(clock)
    desk = Desk(gql, world)
    old = await processes.deploy_diagram(runtime, None, BEFORE_RATING.read_text(encoding="utf-8"), "old")
    report_id = await desk.submit()
    await desk.close(report_id)
    offered = (await gql(ACTIONS, {"id": report_id}, desk.token("budi"))).data["report"]
    assert "rate" not in {a["code"] for a in offered["availableActions"]}

    clock.advance(timedelta(days=60))
    new = await processes.deploy_diagram(runtime, None, DIAGRAM.read_text(encoding="utf-8"), "rating")
    migrated_at = clock()
    moved = await process_migration.migrate_instances(
        runtime, None, "report_lifecycle", old.definition.version, new.definition.version
    )
    assert [outcome.moved for outcome in moved.outcomes] == [True]

    offered = (await gql(ACTIONS, {"id": report_id}, desk.token("budi"))).data["report"]
    assert "rate" in {a["code"] for a in offered["availableActions"]}
    clock.set(migrated_at + timedelta(days=14))  # 10 working days after the migration, to the second
    assert await reports.fire_due_timers(runtime) == 0
    clock.advance(timedelta(seconds=1))
    assert await reports.fire_due_timers(runtime) == 1
    late = await desk.rate(desk.token("budi"), report_id, score="5")
    assert problems(late) == [(None, "ACTION_NOT_AVAILABLE")]


def test_rating_clear_on_a_sequence_flow_is_refused_where_it_could_never_take_effect() -> None:
    on_flow = DIAGRAM.read_text().replace(
        '<bpmn:sequenceFlow id="f_back_to_follow_up" sourceRef="back_to_follow_up" targetRef="follow_up" />',
        '<bpmn:sequenceFlow id="f_back_to_follow_up" sourceRef="back_to_follow_up" targetRef="follow_up">'
        "<bpmn:extensionElements><spiffworkflow:properties>"
        '<spiffworkflow:property name="rating" value="clear" />'
        "</spiffworkflow:properties></bpmn:extensionElements></bpmn:sequenceFlow>",
    )

    _diagram, problems = check_diagram(on_flow)

    assert [(p.element_id, p.severity) for p in problems] == [("f_back_to_follow_up", "error")]
    assert problems[0].message.startswith("'rating' cannot take effect here: a sequence flow")
