"""The hand-written hot reads return exactly what the Tortoise models hold, on either database."""

from __future__ import annotations

from dataclasses import asdict

from lapor_gql.db.models import AccessToken, Holiday, ProcessDefinition, ReportEvent
from lapor_gql.db.projections import (
    events_of_reports,
    holiday_fingerprint,
    process_definition_ids,
    token_by_hash,
)
from lapor_gql.domain.accounts import _digest
from lapor_gql.domain.demo import seed_demo_data


async def test_event_rows_equal_the_models(db) -> None:
    assert await seed_demo_data()
    models = await ReportEvent.all().order_by("id")
    report_ids = sorted({event.report_id for event in models})
    assert len(models) > 30
    assert {event.is_public for event in models} == {True, False}
    assert any(event.details for event in models) and any(event.internal_note for event in models)

    rows = await events_of_reports(report_ids)

    assert [row.id for row in rows] == [event.id for event in models]
    for row, event in zip(rows, models, strict=True):
        for name, value in asdict(row).items():
            expected = getattr(event, name)
            assert value == expected and type(value) is type(expected), (name, value, expected)
        assert row.created_at.utcoffset() == event.created_at.utcoffset()
    assert await events_of_reports([]) == []


async def test_token_row_equals_the_models(db, clock) -> None:
    from tests.world import make_world

    world = await make_world(clock)
    token = world.pu_liaison.token
    model = await AccessToken.get(token_hash=_digest(token)).prefetch_related("user")

    row = await token_by_hash(_digest(token))

    assert row is not None
    assert (row.id, row.revoked_at, row.expires_at) == (model.id, model.revoked_at, model.expires_at)
    assert (row.user_id, row.user_is_active, row.user_role, row.user_agency_id) == (
        model.user.id,
        model.user.is_active,
        model.user.role,
        model.user.agency_id,
    )
    assert type(row.user_is_active) is bool and row.expires_at.tzinfo is not None
    assert await token_by_hash(_digest("no such token")) is None


async def test_fingerprint_and_definition_ids_follow_the_tables(db) -> None:
    assert await holiday_fingerprint() == (0, None)

    assert await seed_demo_data()

    holidays = await Holiday.all().order_by("id")
    assert await holiday_fingerprint() == (len(holidays), holidays[-1].id)
    assert await process_definition_ids() == {d.id for d in await ProcessDefinition.all()}
