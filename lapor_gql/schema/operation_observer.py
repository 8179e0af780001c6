"""Tells the request's record which operation ran, for whom and how it went, and counts the errors
in the response. It reads the parsed document and the result, never the variables or the query text.
"""

from __future__ import annotations

from collections.abc import Iterator

from graphql import (
    DocumentNode,
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLError,
    GraphQLSchema,
    InlineFragmentNode,
    OperationDefinitionNode,
    OperationType,
    SelectionSetNode,
    get_operation_ast,
)
from strawberry.extensions import SchemaExtension

from lapor_gql.observability import metrics
from lapor_gql.observability.request_log import RequestRecord, current_request, graphql_name

from .context import Context
from .errors import decided_by_idempotency_key


class OperationObserver(SchemaExtension):
    """Listed after MaskErrors, so it sees each error before masking hides what kind it was."""

    def on_operation(self) -> Iterator[None]:
        self._executed = False
        raised = True
        try:
            yield
            raised = False
        finally:
            record = current_request()
            if record is not None and record.kind == "http":
                self._observe(record, raised)

    def on_execute(self) -> Iterator[None]:
        self._executed = True  # parsing and validation passed
        yield

    def _observe(self, record: RequestRecord, raised: bool) -> None:
        execution = self.execution_context
        context = execution.context
        if isinstance(context, Context):
            actor = context.actor
            record.actor_id = actor.user_id
            record.actor_kind = (
                "anonymous" if actor.is_anonymous else "report_code" if actor.user_id is None else "user"
            )
        root_fields: dict[str, str] = {}
        document = execution.graphql_document
        operation = get_operation_ast(document, execution.operation_name) if document else None
        if document is not None and operation is not None:
            record.operation_type = operation.operation.value
            record.operation_name = graphql_name(operation.name.value if operation.name else None)
            root_fields = _root_fields(execution.schema._schema, document, operation)
        else:
            record.operation_name = graphql_name(execution.operation_name)
        record.operation = metrics.root_field_label(set(root_fields.values()))
        if not self._executed:
            record.outcome = "invalid"
            return
        result = execution.result
        errors = list(getattr(result, "errors", None) or ())
        if any(decided_by_idempotency_key(error) for error in errors):
            # This answer is discarded: the HTTP layer answers for the key (the first request's answer,
            # or a 4xx), and the outcome follows from what it sends.
            record.outcome = None
            return
        for error in errors:
            key = error.path[0] if error.path else None
            metrics.count_resolver_error(root_fields.get(str(key)) if key is not None else None, _code(error))
        data = getattr(result, "data", None)
        if raised or errors:
            record.outcome = "error"
        elif isinstance(data, dict) and any(isinstance(v, dict) and v.get("errors") for v in data.values()):
            record.outcome = "payload_error"
        else:
            record.outcome = "ok"


def _code(error: GraphQLError) -> str:
    original = error.original_error
    if original is not None and not isinstance(original, GraphQLError):
        return "INTERNAL"  # a bug, not an answer; MaskErrors hides it from production clients
    return metrics.error_code_label((error.extensions or {}).get("code"))


def _root_fields(
    schema: GraphQLSchema, document: DocumentNode, operation: OperationDefinitionNode
) -> dict[str, str]:
    """Response key → field name of the operation's root selections, through fragments; only names the
    schema defines (``__typename`` and typos are not), so the set of labels stays the schema's."""
    root_type = {
        OperationType.QUERY: schema.query_type,
        OperationType.MUTATION: schema.mutation_type,
        OperationType.SUBSCRIPTION: schema.subscription_type,
    }[operation.operation]
    known = root_type.fields if root_type is not None else {}
    fragments = {d.name.value: d for d in document.definitions if isinstance(d, FragmentDefinitionNode)}
    found: dict[str, str] = {}
    walked: set[str] = set()

    def walk(selection_set: SelectionSetNode) -> None:
        for selection in selection_set.selections:
            if isinstance(selection, FieldNode):
                if selection.name.value in known:
                    found[(selection.alias or selection.name).value] = selection.name.value
            elif isinstance(selection, InlineFragmentNode):
                walk(selection.selection_set)
            elif isinstance(selection, FragmentSpreadNode):
                # Each fragment once: a cycle, or fragments spreading each other twice over, would
                # otherwise cost time exponential in the document (validation may not have run).
                name = selection.name.value
                if name in fragments and name not in walked:
                    walked.add(name)
                    walk(fragments[name].selection_set)

    walk(operation.selection_set)
    return found
