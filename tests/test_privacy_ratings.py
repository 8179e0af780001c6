"""The reporter's rating on every read path: the score for whoever may see the report, the comment
(written to the officers) for the admins and the handling agency only, and nothing of a confidential
report's rating for anyone who may not see the report."""

from __future__ import annotations

from typing import Any

from lapor_gql.clock import FakeClock
from lapor_gql.schema.ids import encode_id

from . import operations as op
from .world import World, make_world

COMMENT = "Petugasnya kasar."
RATED = "rating { score comment }"
BY_ID = f"query RatedReport($id: ID!) {{ report(id: $id) {{ {RATED} }} }}"
BY_NODE = f"query RatedNode($id: ID!) {{ node(id: $id) {{ ... on Report {{ {RATED} }} }} }}"
BY_NUMBER = (
    "query RatedByNumber($number: String!) "
    f"{{ reportByTrackingNumber(trackingNumber: $number) {{ {RATED} }} }}"
)
LISTED = f"query RatedList {{ reports(first: 100) {{ edges {{ node {{ id {RATED} }} }} }} }}"
PERFORM = (
    "mutation RateInPayload($input: ReportActionPerformInput!) "
    f"{{ reportActionPerform(input: $input) {{ report {{ {RATED} }} errors {{ code }} }} }}"
)


async def _rated_report(gql: Any, world: World, confidential: bool) -> tuple[str, str, dict[str, Any]]:
    """Siti's report, disposed to DINKES, closed and rated by her with a comment; the rating payload."""
    submitted = await gql(
        op.SUBMIT,
        {
            "input": {
                "title": "Pelayanan puskesmas",
                "body": "Antrean panjang.",
                "classification": "COMPLAINT",
                "isConfidential": confidential,
            }
        },
        world.siti.token,
    )
    report = submitted.data["reportSubmit"]["report"]
    report_id = report["id"]
    agency_id = encode_id("Agency", world.dinkes.id)
    await gql(op.DISPOSE, {"input": {"id": report_id, "agencyId": agency_id}}, world.admin.token)
    await gql(
        op.CLOSE, {"input": {"id": report_id, "resolution": "Sudah ditegur."}}, world.dinkes_liaison.token
    )
    values = [{"name": "score", "value": "2"}, {"name": "comment", "value": COMMENT}]
    rated = await gql(
        PERFORM, {"input": {"id": report_id, "action": "rate", "values": values}}, world.siti.token
    )
    payload = rated.data["reportActionPerform"]
    assert payload["errors"] == []
    return report_id, report["trackingNumber"], payload["report"]


async def _ratings(gql: Any, token: str | None, report_id: str, number: str) -> dict[str, Any]:
    """The report's rating on each read path for this viewer ("hidden": the report itself is not seen)."""
    by_id = (await gql(BY_ID, {"id": report_id}, token)).data["report"]
    by_node = (await gql(BY_NODE, {"id": report_id}, token)).data["node"]
    by_number = (await gql(BY_NUMBER, {"number": number}, token)).data["reportByTrackingNumber"]
    listed = [
        edge["node"]
        for edge in (await gql(LISTED, {}, token)).data["reports"]["edges"]
        if edge["node"]["id"] == report_id
    ]
    return {
        "report": by_id["rating"] if by_id else "hidden",
        "node": by_node["rating"] if by_node else "hidden",
        "reportByTrackingNumber": by_number["rating"] if by_number else "hidden",
        "reports": listed[0]["rating"] if listed else "hidden",
    }


def _everywhere(value: object) -> dict[str, object]:
    return dict.fromkeys(["report", "node", "reportByTrackingNumber", "reports"], value)


async def test_the_comment_reaches_only_the_admins_and_the_handling_agency(gql, clock: FakeClock) -> None:
    world = await make_world(clock)
    report_id, number, in_payload = await _rated_report(gql, world, confidential=False)

    # The reporter's own payload answers as every read of hers does: the score, not the comment.
    assert in_payload == {"rating": {"score": 2, "comment": None}}
    officers = _everywhere({"score": 2, "comment": COMMENT})
    others = _everywhere({"score": 2, "comment": None})
    assert await _ratings(gql, world.admin.token, report_id, number) == officers
    assert await _ratings(gql, world.dinkes_liaison.token, report_id, number) == officers
    for stranger in (world.siti.token, world.budi.token, world.pu_liaison.token, world.analyst.token, None):
        assert await _ratings(gql, stranger, report_id, number) == others


async def test_a_confidential_reports_rating_reaches_no_stranger(gql, clock: FakeClock) -> None:
    world = await make_world(clock)
    report_id, number, _ = await _rated_report(gql, world, confidential=True)

    assert await _ratings(gql, world.admin.token, report_id, number) == _everywhere(
        {"score": 2, "comment": COMMENT}
    )
    assert await _ratings(gql, world.siti.token, report_id, number) == _everywhere(
        {"score": 2, "comment": None}
    )
    for stranger in (world.budi.token, world.pu_liaison.token, world.analyst.token, None):
        assert await _ratings(gql, stranger, report_id, number) == _everywhere("hidden")
