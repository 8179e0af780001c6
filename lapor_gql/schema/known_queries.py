"""The fast path for queries the server has seen before: a known, validated document, planned once,
answered by the batch executor without Strawberry's view and extension chain.

Every ``POST /graphql`` used to go through the whole chain: the view's parsing of the body, a new
instance of each schema extension, their hooks around parsing, validation and execution, the parser
and validation caches' lookups, Strawberry's result processing. For a query whose text already
parsed and validated (``KnownDocuments``), with limits and all, none of that can change the answer:
the document is the same object, validation depends on the text alone, and the batch executor runs
the operation as ``BatchExecution`` would. What the chain does besides - tell the request's record
which operation ran, for whom and how it went (``OperationObserver``) - is done here the same way.

The fast path answers only a query the batch executor answers in full. Anything else - an unknown
text, a mutation or subscription, an error anywhere, a decline - returns None and the request takes
the usual way from the start, so every error, status and message stays the view's.
"""

from __future__ import annotations

import logging
import weakref
from dataclasses import dataclass
from typing import Any

from lapor_gql.observability import metrics
from lapor_gql.observability.request_log import current_request, graphql_name

from .batch_executor import (
    BatchExecution,
    Declined,
    OperationPlan,
    _extensions_wrap_resolvers,
    execute_plan,
    known_documents,
)
from .context import Context
from .operation_observer import _root_fields
from .shadow_execution import ShadowMismatch

_log = logging.getLogger(__name__)

enabled = True
"""Off: every request takes the usual path (``python -m bench.hot`` measures both)."""
served = 0
"""Queries answered on the fast path since start; tests read it to know which path ran."""


@dataclass(frozen=True, slots=True)
class Answer:
    response: dict[str, Any] | None
    """``{"data": …}``, or None: the usual path answers."""
    declined: bool = False
    """The batch executor declined the operation: the usual path need not try it again."""


_NOT_KNOWN = Answer(None)


async def answer(
    strawberry_schema: Any,
    query: str,
    operation_name: str | None,
    variables: dict[str, Any] | None,
    context: Context,
) -> Answer:
    """The response to a known query, if the batch executor answers it in full."""
    global served
    if not (enabled and BatchExecution.enabled) or _extensions_wrap_resolvers(strawberry_schema):
        return _NOT_KNOWN
    known = known_documents.get(query)
    if known is None:
        return _NOT_KNOWN
    try:
        plan = known.plan(strawberry_schema, operation_name)
        data = await execute_plan(plan, variables=variables, context=context, root_value=None)
    except Declined as declined:
        _log.debug("fast path declined: %s (%r)", declined, declined.__cause__)
        return Answer(None, declined=True)
    except ShadowMismatch:
        raise
    except Exception:  # noqa: BLE001 - a bug here must cost speed, never an answer
        _log.warning("fast path failed; the usual path answers instead", exc_info=True)
        return Answer(None, declined=True)
    BatchExecution.served += 1
    served += 1
    _observe(context, plan, data)
    return Answer({"data": data})


class _Labels:
    """What the request record says about an operation; the same for every request that sends it."""

    __slots__ = ("operation_type", "operation_name", "operation")

    def __init__(self, plan: OperationPlan) -> None:
        # Derived as OperationObserver derives them, from the document and the operation name.
        operation = plan.operation
        self.operation_type = operation.operation.value
        self.operation_name = graphql_name(operation.name.value if operation.name else None)
        root_fields = _root_fields(plan.schema, plan.document, operation)
        self.operation = metrics.root_field_label(set(root_fields.values()))


_LABELS: weakref.WeakKeyDictionary[OperationPlan, _Labels] = weakref.WeakKeyDictionary()


def _observe(context: Context, plan: OperationPlan, data: dict[str, Any]) -> None:
    """What ``OperationObserver`` writes into the request's record for a query that succeeded."""
    record = current_request()
    if record is None or record.kind != "http":
        return
    labels = _LABELS.get(plan)
    if labels is None:
        labels = _LABELS[plan] = _Labels(plan)
    actor = context.actor
    record.actor_id = actor.user_id
    record.actor_kind = (
        "anonymous" if actor.is_anonymous else "report_code" if actor.user_id is None else "user"
    )
    record.operation_type = labels.operation_type
    record.operation_name = labels.operation_name
    record.operation = labels.operation
    if any(isinstance(v, dict) and v.get("errors") for v in data.values()):
        record.outcome = "payload_error"
    else:
        record.outcome = "ok"
