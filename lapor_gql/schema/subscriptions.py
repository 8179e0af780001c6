"""The Subscription root: live updates over graphql-transport-ws at /graphql.

Every event starts as a committed change from the runtime's feed, which names a report and nothing
else. The subscriber's actor is refreshed from their token, the report is loaded again under that
actor's visibility rules, and the fields resolve in the subscriber's language with fresh loaders.
"""

from __future__ import annotations

from collections.abc import AsyncGenerator, Iterator

import strawberry
from strawberry.extensions import SchemaExtension
from strawberry.types.graphql import OperationType

from lapor_gql.domain import live
from lapor_gql.domain.actors import Actor
from lapor_gql.domain.labels import action_label, error_message
from lapor_gql.observability import metrics

from .context import Context, Info
from .errors import PublicError, refusing_access
from .ids import decode_id, encode_id
from .loaders import Loaders
from .types import ReportNode


@strawberry.type(description="A report arrived in, changed in, or left the watcher's queue.")
class QueueChange:
    report_id: strawberry.ID = strawberry.field(description="The report's id, also when `report` is null.")
    report: ReportNode | None = strawberry.field(
        description="The report as you may see it now; null once it has left your agency and is confidential."
    )
    action: str = strawberry.field(
        description="What happened: the action taken, `submit`, or the audit code of an automatic step."
    )
    action_label: str
    in_my_queue: bool = strawberry.field(
        description=(
            "Whether the report is now in your queue (admins: always). False comes once, when the report "
            "leaves your agency: drop it from your inbox."
        )
    )


@strawberry.type
class Subscription:
    @strawberry.subscription(
        description=(
            "The report each time it changes, as you may see it then. NOT_FOUND if you may not see it; "
            "the stream completes when you no longer may (e.g. a confidential report left your agency)."
        )
    )
    async def report_updated(self, info: Info, id: strawberry.ID) -> AsyncGenerator[ReportNode, None]:
        context = info.context
        report_id = decode_id(id, "Report")
        if report_id is None:
            raise PublicError(
                f"id: {error_message('INVALID', context.language)}",
                extensions={"code": "INVALID", "argument": "id"},
            )
        if await live.visible_report(context.actor, report_id) is None:
            raise PublicError(error_message("NOT_FOUND", context.language), extensions={"code": "NOT_FOUND"})
        async with metrics.counted_subscription("reportUpdated", context.runtime.changes) as changes:
            async for change in changes:
                if change.report_id != report_id:
                    continue
                report = await live.visible_report(await _current_actor(context), report_id)
                if report is None:
                    return
                context.loaders = Loaders()
                yield ReportNode.from_model(report)

    @strawberry.subscription(
        description=(
            "Reports arriving in, changing in or leaving your queue: your agency's for a liaison, every "
            "report for an admin. Others: FORBIDDEN."
        )
    )
    async def my_queue_changed(self, info: Info) -> AsyncGenerator[QueueChange, None]:
        context = info.context
        with refusing_access(context.language):
            live.require_queue_watcher(context.actor)
        async with metrics.counted_subscription("myQueueChanged", context.runtime.changes) as changes:
            async for change in changes:
                # The connection's actor is good enough to skip other agencies' changes cheaply.
                if not live.touches_queue(context.actor, change):
                    continue
                event = await live.queue_event(await _current_actor(context), change)
                if event is None:
                    continue
                context.loaders = Loaders()
                yield QueueChange(
                    report_id=strawberry.ID(encode_id("Report", change.report_id)),
                    report=ReportNode.from_model(event.report) if event.report else None,
                    action=change.action,
                    action_label=action_label(
                        change.action, context.language, change.label or None, change.labels
                    ),
                    in_my_queue=event.in_queue,
                )


async def _current_actor(context: Context) -> Actor:
    """The subscriber as their token says now; a token revoked or expired since ends the stream."""
    if context.refresh_actor is None:
        return context.actor
    with refusing_access(context.language):
        context.actor = await context.refresh_actor()
    return context.actor


class SubscriptionsOnlyOverWebSocket(SchemaExtension):
    """Subscriptions run over the websocket, queries and mutations over HTTP.

    Over HTTP a subscription could only fail obscurely. A websocket connection shares one context
    between its operations, so a query sent over it would read another operation's cached rows, and a
    mutation would escape the HTTP body limit.
    """

    def on_execute(self) -> Iterator[None]:
        execution = self.execution_context
        context = execution.context
        over_websocket = isinstance(context, Context) and context.transport == "websocket"
        is_subscription = execution.operation_type is OperationType.SUBSCRIPTION
        if is_subscription and not over_websocket:
            raise PublicError(
                "Subscriptions run over a websocket at /graphql (graphql-transport-ws).",
                extensions={"code": "WEBSOCKET_REQUIRED"},
            )
        if over_websocket and not is_subscription:
            raise PublicError(
                "Only subscriptions run over the websocket; send queries and mutations over HTTP.",
                extensions={"code": "SUBSCRIPTIONS_ONLY"},
            )
        yield
