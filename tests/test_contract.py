"""Promises to the outside: the committed SDL, the diagram's actions, and the cost of hot queries."""

from __future__ import annotations

from datetime import date, timedelta

from lapor_gql.clock import FakeClock
from lapor_gql.config import PROJECT_ROOT
from lapor_gql.db.models import Classification, HolidayKind
from lapor_gql.domain import reports
from lapor_gql.domain.actions import BUILTIN_CODES
from lapor_gql.domain.calendar import create_holiday
from lapor_gql.domain.processes import Runtime
from lapor_gql.schema import known_queries, schema
from lapor_gql.schema.batch_executor import BatchExecution
from lapor_gql.schema.types import ReportStatus
from lapor_gql.workflow import ProcessDiagram

from .query_count import count_queries
from .world import make_world

DIAGRAM = PROJECT_ROOT / "workflows" / "report_lifecycle.bpmn"
# The actions the shipped diagram declares itself: the reporter's rating of the resolution.
DECLARED = frozenset({"rate"})


def typed_mutation(action: str) -> str:
    """The application's own actions each have a mutation of their own: follow_up → reportFollowUp."""
    return "report" + "".join(part.capitalize() for part in action.split("_"))


def test_schema_graphql_is_current() -> None:
    committed = (PROJECT_ROOT / "schema.graphql").read_text(encoding="utf-8")
    assert committed == schema.as_str() + "\n", "run `lapor-gql export-schema` and commit schema.graphql"


def test_every_diagram_action_has_a_mutation_and_a_known_lane() -> None:
    diagram = ProcessDiagram.from_file(DIAGRAM)
    mutation_type = schema._schema.mutation_type
    assert mutation_type is not None
    mutations = set(mutation_type.fields)

    for action, lane in diagram.actions():
        if action not in BUILTIN_CODES:
            # The diagram declares it (labels and inputs): performed through reportActionPerform.
            assert action in DECLARED, f"the shipped diagram's action {action!r} is not in the table"
        else:
            assert typed_mutation(action) in mutations, f"diagram action {action!r} has no mutation"
        assert lane in {"admin", "liaison", "reporter"}, f"{action} sits in unknown lane {lane!r}"
    assert {action for action, _ in diagram.actions()} == BUILTIN_CODES | DECLARED
    assert "reportActionPerform" in mutations  # and every action, declared ones too, through this one


def test_every_diagram_status_is_a_report_status() -> None:
    diagram = ProcessDiagram.from_file(DIAGRAM)
    assert diagram.statuses() == {status.value for status in ReportStatus}


async def test_inbox_query_count_does_not_grow_with_the_page(gql, clock: FakeClock, runtime: Runtime) -> None:
    world = await make_world(clock)
    inbox = """
    query Inbox($first: Int) {
      reports(first: $first) {
        edges { node { id title status statusLabel deadline isOverdue availableActions { code label }
          agency { name } reporter { name } timeline(last: 3) { action actionLabel message createdAt } } }
      }
    }
    """
    for index in range(50):
        report = await reports.submit_report(
            runtime,
            world.budi.actor if index % 2 else world.siti.actor,
            reports.ReportDraft(
                title=f"Laporan {index}", body="Isi.", classification=Classification.COMPLAINT
            ),
        )
        await reports.dispose_report(runtime, world.admin.actor, report.id, world.pu.id, "")
        clock.advance(timedelta(minutes=1))
    served = BatchExecution.served

    with count_queries() as small:
        assert len((await gql(inbox, {"first": 5}, world.pu_liaison.token)).data["reports"]["edges"]) == 5
    with count_queries() as large:
        assert len((await gql(inbox, {"first": 50}, world.pu_liaison.token)).data["reports"]["edges"]) == 50

    assert len(small) == len(large) == 5  # token, reports, agencies, users, events
    assert BatchExecution.served == served + 2  # counted on the path production takes


async def test_deadline_inbox_query_count_does_not_grow_with_the_page(
    gql, clock: FakeClock, runtime: Runtime
) -> None:
    """The "overdue first" inbox with each report's working days left: one calendar lookup for the
    page (however many reports and agencies), and one query more once it reaches reports without a
    deadline."""
    world = await make_world(clock)
    inbox = """
    query DeadlineInbox($first: Int) {
      reports(first: $first, order: DEADLINE) {
        edges { cursor node { id title status deadline isOverdue workingDaysLeft availableActions { code }
          agency { name } } }
        pageInfo { hasNextPage endCursor }
      }
    }
    """
    agencies = [
        (world.pu, world.pu_liaison),
        (world.dinkes, world.dinkes_liaison),
        (world.dindik, world.dindik_liaison),
    ]
    for index in range(60):
        report = await reports.submit_report(
            runtime,
            world.budi.actor,
            reports.ReportDraft(
                title=f"Laporan {index}", body="Isi.", classification=Classification.COMPLAINT
            ),
        )
        agency, liaison = agencies[index % 3]
        if index % 10:  # every tenth stays with the admin, without an agency: the national calendar
            await reports.dispose_report(runtime, world.admin.actor, report.id, agency.id, "")
            if index >= 50:  # answered: waiting for the reporter, without a deadline
                await reports.follow_up_report(runtime, liaison.actor, report.id, "Sudah ditangani.")
        clock.advance(timedelta(minutes=1))

    async def days_left(first: int) -> list[int | None]:
        answer = await gql(inbox, {"first": first}, world.pu_liaison.token)
        return [edge["node"]["workingDaysLeft"] for edge in answer.data["reports"]["edges"]]

    await days_left(1)  # the calendar is loaded once per process, until the holidays change
    served = BatchExecution.served
    with count_queries() as small:
        assert len(await days_left(5)) == 5
    with count_queries() as large:
        assert len(await days_left(50)) == 50
    with count_queries() as spanning:
        left = await days_left(60)
    await create_holiday(runtime, world.admin.actor, date(2026, 3, 4), "Libur", HolidayKind.NATIONAL, None)
    with count_queries() as after_a_holiday:
        assert len(await days_left(50)) == 50

    assert len(small) == len(large) == 4  # token, reports, agencies, the calendar's fingerprint
    assert left[-9:] == [None] * 9 and None not in left[:-9]  # 51-59 were answered
    assert len(spanning) == 5  # the reports without a deadline come second
    assert len(after_a_holiday) == 5  # the holidays, read once for every agency on the page
    assert sum("holiday" in statement.lower() for statement in after_a_holiday) == 2
    assert BatchExecution.served == served + 4


async def test_a_repeated_operation_is_validated_once(gql, clock: FakeClock) -> None:
    from strawberry.extensions.validation_cache import _get_validate_cache

    await make_world(clock)
    cache = _get_validate_cache(256)
    query = "query CacheProbe { agencies(first: 1) { edges { node { code } } } }"

    await gql(query)
    before = cache.cache_info()
    fast = known_queries.served
    await gql(query)
    after = cache.cache_info()

    # The repeat is a known document: the fast path answers it without validating it again.
    assert (after.hits - before.hits, after.misses - before.misses) == (0, 0)
    assert known_queries.served == fast + 1
