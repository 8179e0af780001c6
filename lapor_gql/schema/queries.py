"""The Query root: thin resolvers over domain queries."""

from __future__ import annotations

import inspect
import re
from enum import Enum
from typing import Annotated

import strawberry
from strawberry import relay

from lapor_gql.db import models
from lapor_gql.db.report_rows import ReportRow
from lapor_gql.domain import reports as report_queries
from lapor_gql.domain.labels import error_message
from lapor_gql.domain.validation import is_clean_text

from .context import Info
from .errors import PublicError
from .ids import decode_id, decode_node_id
from .types import (
    AgencyConnection,
    AgencyEdge,
    AgencyNode,
    PageInfo,
    ReportConnection,
    ReportEdge,
    ReportNode,
    ReportStatus,
    UserNode,
    decode_cursor,
    decode_deadline_cursor,
    encode_cursor,
    encode_deadline_cursor,
)

DEFAULT_PAGE_SIZE = 20
# A filter names a handful of stages; a stage code is an identifier such as AWAITING_CONFIRMATION.
STAGES_MAX = 20
_STAGE_CODE = re.compile(r"^[A-Za-z][A-Za-z0-9_]{0,63}$")


def _is_stage_code(text: str) -> bool:
    return bool(_STAGE_CODE.match(text))


@strawberry.input(description="Narrow a report list; every given condition must hold.")
class ReportFilter:
    status: list[ReportStatus] | None = None
    agency_id: strawberry.ID | None = None
    overdue: bool | None = None
    classification: models.Classification | None = None
    title_contains: str | None = strawberry.field(
        default=None, description="Case-insensitive text in the title."
    )
    stages: list[str] | None = strawberry.field(
        default=None,
        description="Stage codes (Report.stage.code): a stage the diagram declares, or a status for "
        "reports waiting at a step without a stage of its own.",
    )
    category: str | None = strawberry.field(
        default=None,
        description="Exactly this category (Report.category; case and spelling count), without the "
        "spaces around it. Blank: any category.",
    )
    mine: bool | None = strawberry.field(
        default=None,
        description="True: only the reports the viewer sent (a citizen's own; for the holder of an "
        "access code, the report it follows; nobody else has any).",
    )


@strawberry.enum(description="The order of a report list.")
class ReportOrder(Enum):
    NEWEST = strawberry.enum_value("NEWEST", description="The newest report first.")
    DEADLINE = strawberry.enum_value(
        "DEADLINE",
        description="Overdue first: the earliest deadline first (the most overdue), reports with the "
        "same deadline oldest first, then the reports without a deadline, oldest first. A report whose "
        "deadline changes while you page (a new disposition, a reopen) moves in this order, so a later "
        "page can miss it or show it again: load the first page again to see the order anew.",
    )


def _bad_argument(info: Info, argument: str) -> PublicError:
    return PublicError(
        f"{argument}: {error_message('INVALID', info.context.language)}",
        extensions={"code": "INVALID", "argument": argument},
    )


def _position_after(after: str | None, by_deadline: bool) -> report_queries.ReportPosition | None:
    """Where the page asked for starts. Each order has its own kind of cursor, so a cursor of the
    other order (which would silently skip or repeat reports) raises ValueError, as a damaged one does."""
    if by_deadline:
        decoded = decode_deadline_cursor(after)
        return None if decoded is None else report_queries.ReportPosition(id=decoded[1], deadline=decoded[0])
    after_id = decode_cursor("report", after)
    return None if after_id is None else report_queries.ReportPosition(id=after_id)


def _cursor_of(report: ReportRow, by_deadline: bool) -> str:
    return (
        encode_deadline_cursor(report.deadline, report.id)
        if by_deadline
        else encode_cursor("report", report.id)
    )


def _page_size(info: Info, first: int | None) -> int:
    size = DEFAULT_PAGE_SIZE if first is None else first
    if not 0 <= size <= report_queries.PAGE_SIZE_MAX:
        raise PublicError(
            f"first must be between 0 and {report_queries.PAGE_SIZE_MAX}",
            extensions={"code": "INVALID", "argument": "first"},
        )
    return size


@strawberry.type
class Query:
    @strawberry.field
    async def node(
        self,
        info: Info,
        id: Annotated[strawberry.ID, strawberry.argument(description="The ID of the object.")],
    ) -> relay.Node | None:
        # Not relay.node(): its GlobalID argument answers a malformed id in English without a code, and
        # a type that is no Node as an unexpected error. Refused like every other id argument instead.
        decoded = decode_node_id(id, info)
        if decoded is None:
            raise _bad_argument(info, "id")
        node_type, key = decoded
        node = node_type.resolve_node(str(key), info=info, required=False)
        return await node if inspect.isawaitable(node) else node

    @strawberry.field(description="The logged-in user, or null.")
    async def me(self, info: Info) -> UserNode | None:
        user_id = info.context.actor.user_id
        if user_id is None:
            return None
        user = await info.context.loaders.user.load(user_id)
        return UserNode.from_model(user) if user else None

    @strawberry.field
    async def report(self, info: Info, id: strawberry.ID) -> ReportNode | None:
        report_id = decode_id(id, "Report")
        if report_id is None:
            raise _bad_argument(info, "id")
        report = await models.Report.filter(
            report_queries.policy.visible_reports(info.context.actor), id=report_id
        ).first()
        return ReportNode.from_model(report) if report else None

    @strawberry.field(
        description="Look a report up by the number its reporter was given, e.g. LPR-2026-7F3K9Q."
    )
    async def report_by_tracking_number(self, info: Info, tracking_number: str) -> ReportNode | None:
        normalized = tracking_number.strip().upper()
        if not normalized.isascii() or not report_queries.is_tracking_number(normalized):
            raise _bad_argument(info, "trackingNumber")
        report = await report_queries.get_report_by_tracking_number(info.context.actor, normalized)
        return ReportNode.from_model(report) if report else None

    @strawberry.field(description="Reports the viewer may see, in the order asked for (newest first).")
    async def reports(
        self,
        info: Info,
        filter: ReportFilter | None = None,
        first: int | None = None,
        after: Annotated[
            str | None,
            strawberry.argument(
                description="Continue after this cursor: the previous page's endCursor. Each order has its "
                "own cursors; one from another order is INVALID."
            ),
        ] = None,
        order: Annotated[
            ReportOrder | None, strawberry.argument(description="Null means NEWEST.")
        ] = ReportOrder.NEWEST,
    ) -> ReportConnection:
        size = _page_size(info, first)
        chosen = report_queries.ReportOrder((order or ReportOrder.NEWEST).value)
        by_deadline = chosen is report_queries.ReportOrder.DEADLINE
        try:
            position = _position_after(after, by_deadline)
        except ValueError:
            raise _bad_argument(info, "after") from None
        given = filter or ReportFilter()
        title_contains = (given.title_contains or "").strip() or None
        if title_contains is not None and (len(title_contains) > 200 or not is_clean_text(title_contains)):
            raise _bad_argument(info, "filter.titleContains")
        category = (given.category or "").strip() or None
        if category is not None and (
            len(category) > report_queries.CATEGORY_MAX or not is_clean_text(category)
        ):
            raise _bad_argument(info, "filter.category")
        stages = [stage.strip() for stage in given.stages or []]
        if len(stages) > STAGES_MAX or any(not _is_stage_code(stage) for stage in stages):
            raise _bad_argument(info, "filter.stages")
        agency_id = None
        if given.agency_id is not None:
            agency_id = decode_id(given.agency_id, "Agency")
            if agency_id is None:
                raise _bad_argument(info, "filter.agencyId")
        page = await report_queries.list_reports(
            info.context.actor,
            report_queries.ReportFilter(
                statuses=[s.value for s in given.status or []],
                agency_id=agency_id,
                is_overdue=given.overdue,
                classification=given.classification,
                title_contains=title_contains,
                stages=stages,
                category=category,
                mine=bool(given.mine),
            ),
            first=size,
            after=position,
            order=chosen,
        )
        edges = [
            ReportEdge(cursor=_cursor_of(r, by_deadline), node=ReportNode.from_model(r)) for r in page.reports
        ]
        return ReportConnection(
            edges=edges,
            page_info=PageInfo.of(
                [e.cursor for e in edges],
                has_next_page=page.has_next_page,
                has_previous_page=position is not None,
            ),
        )

    @strawberry.field(description="Agencies in the order they were registered.")
    async def agencies(
        self, info: Info, first: int | None = None, after: str | None = None
    ) -> AgencyConnection:
        size = _page_size(info, first)
        try:
            after_id = decode_cursor("agency", after)
        except ValueError:
            raise _bad_argument(info, "after") from None
        query = models.Agency.all()
        if after_id is not None:
            query = query.filter(id__gt=after_id)
        rows = await query.order_by("id").limit(size + 1)
        edges = [
            AgencyEdge(cursor=encode_cursor("agency", a.id), node=AgencyNode.from_model(a))
            for a in rows[:size]
        ]
        return AgencyConnection(
            edges=edges,
            page_info=PageInfo.of(
                [e.cursor for e in edges],
                has_next_page=len(rows) > size,
                has_previous_page=after_id is not None,
            ),
        )

    @strawberry.field
    async def agency(self, info: Info, id: strawberry.ID) -> AgencyNode | None:
        agency_id = decode_id(id, "Agency")
        if agency_id is None:
            raise _bad_argument(info, "id")
        agency = await info.context.loaders.agency.load(agency_id)
        return AgencyNode.from_model(agency) if agency else None
