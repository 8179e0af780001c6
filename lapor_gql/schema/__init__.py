"""The GraphQL schema, built once per process (Strawberry's relay node field cannot serve two schemas)."""

from __future__ import annotations

import os
from typing import Any

import strawberry
from graphql import GraphQLError
from strawberry.extensions import (
    AddValidationRules,
    MaskErrors,
    MaxAliasesLimiter,
    MaxTokensLimiter,
    ParserCache,
    QueryDepthLimiter,
    ValidationCache,
)
from strawberry.schema.config import StrawberryConfig

from . import mutations, queries
from .accounts import AccountMutation, AccountQuery
from .agencies import AgencyMutation, AgencyQuery
from .attachments import AttachmentMutation
from .batch_executor import BatchExecution
from .calendar import CalendarMutation, CalendarQuery
from .context import MAX_QUERY_TOKENS
from .errors import is_unexpected
from .operation_observer import OperationObserver
from .processes import ProcessMutation, ProcessQuery
from .statistics import StatisticsQuery
from .subscriptions import Subscription, SubscriptionsOnlyOverWebSocket

MAX_DEPTH = 10
MAX_ALIASES = 20

# The limiters build a new rule class per instance, and the validation cache is keyed by the rule
# classes: build them once, or every request misses the cache and is validated again.
_LIMIT_RULES = [
    *QueryDepthLimiter(max_depth=MAX_DEPTH).validation_rules,
    *MaxAliasesLimiter(max_alias_count=MAX_ALIASES).validation_rules,
]


def _mask_errors() -> MaskErrors:
    masking = os.environ.get("LAPOR_ENV", "development") != "development"
    return MaskErrors(should_mask_error=lambda error: masking and is_unexpected(error))


# Each area adds its root fields by listing its classes here.
@strawberry.type
class Query(queries.Query, AgencyQuery, AccountQuery, CalendarQuery, ProcessQuery, StatisticsQuery):
    pass


@strawberry.type
class Mutation(
    mutations.Mutation, AgencyMutation, AccountMutation, CalendarMutation, ProcessMutation, AttachmentMutation
):
    pass


class LaporSchema(strawberry.Schema):
    def process_errors(self, errors: list[GraphQLError], execution_context: Any = None) -> None:
        # Access and validation errors are answers, not incidents: log only what looks like a bug.
        super().process_errors([e for e in errors if is_unexpected(e)], execution_context)


schema = LaporSchema(
    query=Query,
    mutation=Mutation,
    subscription=Subscription,
    config=StrawberryConfig(relay_max_results=100),
    extensions=[
        lambda: AddValidationRules(_LIMIT_RULES),
        lambda: MaxTokensLimiter(max_token_count=MAX_QUERY_TOKENS),
        lambda: ParserCache(maxsize=256),
        lambda: ValidationCache(maxsize=256),
        _mask_errors,
        # After MaskErrors, so that it counts each error before masking hides its kind.
        OperationObserver,
        SubscriptionsOnlyOverWebSocket,
        # Last, so that every check above has passed before it answers a query.
        BatchExecution,
    ],
)
