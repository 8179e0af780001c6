"""A faster way to run queries: one resolver call per field and object, level by level.

graphql-core spends about 10 µs on every field of every object (a resolve-info, a path, an awaitable
check and a completion per value), which made a 50-report inbox cost 17 ms. This executor keeps the
same schema, the same Strawberry resolvers, DataLoaders and scalars, but walks the query one level at a
time: for each field it calls the resolver on every object of the level in a tight loop, awaits all of
the level's coroutines together (so DataLoaders still batch), then completes the next level in one go.

It serves only the happy path of a query. Anything it does not handle the same way graphql-core would
- an error in a resolver, a null in a non-null field, an abstract type it cannot place, ``@defer``, a
field with Strawberry field extensions - makes it decline with ``Declined``, and graphql-core runs the
whole operation as usual, so errors, paths and partial data are exactly graphql-core's. Queries read
and do not write, so running one again costs time, never correctness; a query that fails therefore
runs twice. It does not run Strawberry's ``is_type_of`` checks (no resolver here returns a foreign
object), and it steps aside whenever an extension wraps every resolver.

Plans are kept: the document of a query text that passed validation is remembered (``KnownDocuments``,
as many as the parser cache keeps), and with it each operation's plan - the fields collected per
selection set, each field's resolver facts - so a repeated query only binds the resolvers that take
``info`` or arguments to its request. ``lapor_gql.schema.known_queries`` answers such a query
without Strawberry's view chain.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import inspect
import logging
from collections import OrderedDict
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator, Sequence
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import Any

from graphql import (
    ExecutionResult,
    FieldNode,
    GraphQLAbstractType,
    GraphQLBoolean,
    GraphQLEnumType,
    GraphQLField,
    GraphQLList,
    GraphQLNonNull,
    GraphQLObjectType,
    GraphQLOutputType,
    GraphQLResolveInfo,
    GraphQLSchema,
    GraphQLString,
    OperationDefinitionNode,
    OperationType,
    get_named_type,
    is_leaf_type,
)
from graphql.execution.collect_fields import FieldDetails, FragmentDetails, collect_subfields
from graphql.execution.values import VariableValues, get_argument_values, get_variable_values
from graphql.language import (
    DirectiveNode,
    DocumentNode,
    FragmentDefinitionNode,
    ListValueNode,
    NameNode,
    ObjectValueNode,
    ValueNode,
    VariableNode,
    Visitor,
    visit,
)
from graphql.pyutils import Path
from graphql.type.definition import GraphQLResolveInfoHelpers
from strawberry import relay
from strawberry.extensions import SchemaExtension
from strawberry.relay.utils import to_base64
from strawberry.schema.schema_converter import GraphQLCoreConverter
from strawberry.types import Info
from strawberry.types.arguments import convert_arguments
from strawberry.types.base import StrawberryObjectDefinition
from strawberry.types.field import StrawberryField
from strawberry.types.graphql import OperationType as StrawberryOperationType

from . import shadow_execution
from .context import Context
from .shadow_execution import ShadowMismatch

_log = logging.getLogger(__name__)

# Directives graphql-core's field collection applies; any other directive on a field declines.
_COLLECTION_DIRECTIVES = frozenset({"skip", "include"})


class Declined(Exception):
    """This operation is left to graphql-core."""


@dataclass(frozen=True, slots=True)
class _ResolverFacts:
    """What a field's resolver needs, the same for every request."""

    field: StrawberryField
    attribute: str | None  # a field without a resolver reads this attribute
    call: Callable[..., Any] | None
    takes_self: bool
    info_name: str | None
    source_names: tuple[str, ...]
    is_async: bool
    has_arguments: bool


_FACTS: dict[int, tuple[GraphQLField, _ResolverFacts]] = {}


def _facts_of(object_type: GraphQLObjectType, key: str, field_def: GraphQLField) -> _ResolverFacts:
    known = _FACTS.get(id(field_def))
    if known is not None and known[0] is field_def:
        return known[1]
    field = (field_def.extensions or {}).get(GraphQLCoreConverter.DEFINITION_BACKREF)
    if not isinstance(field, StrawberryField) or field.extensions:
        raise Declined(f"{object_type.name}.{key} is not a plain Strawberry field")
    resolver = field.base_resolver
    if resolver is None or field.is_basic_field:
        facts = _ResolverFacts(field, field.python_name, None, False, None, (), False, False)
    elif (relay_id := _relay_id_of(object_type, resolver.wrapped_func)) is not None:
        facts = _ResolverFacts(field, None, relay_id, True, None, (), False, False)
    else:
        if not callable(resolver.wrapped_func):
            raise Declined(f"{object_type.name}.{key} has no callable resolver")
        facts = _ResolverFacts(
            field=field,
            attribute=None,
            call=resolver.wrapped_func,
            takes_self=resolver.self_parameter is not None,
            info_name=resolver.info_parameter.name if resolver.info_parameter else None,
            source_names=tuple(p.name for p in (resolver.parent_parameter, resolver.root_parameter) if p),
            is_async=field.is_async,
            has_arguments=bool(field_def.args),
        )
    _FACTS[id(field_def)] = (field_def, facts)
    return facts


def _relay_id_of(object_type: GraphQLObjectType, call: Any) -> Callable[[Any], str] | None:
    """Relay's ``id`` of a node type that keeps relay's own id and type name: the same global id,
    without the resolve-info and GlobalID object per node that relay's resolver builds."""
    if getattr(call, "__func__", None) is not _RELAY_ID_RESOLVER:
        return None
    node_class = getattr(call, "__self__", None)
    if not (
        isinstance(node_class, type)
        and issubclass(node_class, relay.Node)
        and node_class.resolve_id.__func__ is relay.Node.resolve_id.__func__  # type: ignore[attr-defined]
        and node_class.resolve_typename.__func__ is relay.Node.resolve_typename.__func__  # type: ignore[attr-defined]
    ):
        return None
    attribute = node_class.resolve_id_attr()
    type_name = object_type.name
    return lambda source: to_base64(type_name, str(getattr(source, attribute)))


_RELAY_ID_RESOLVER = relay.Node.__dict__["_id"].__func__


def _constant(value: str) -> Callable[[Any], str]:
    return lambda _source: value


def _decline_async_work(_values: Sequence[Any]) -> None:
    raise Declined("a resolver asked to track background work")


_HELPERS = GraphQLResolveInfoHelpers(gather=asyncio.gather, track=_decline_async_work)  # type: ignore[arg-type]


@dataclass(slots=True)
class _Operation:
    """One run of a planned operation: what changes from request to request."""

    plan: OperationPlan
    variable_values: Any
    context: Any
    root_value: Any


@dataclass(slots=True)
class _FieldPlan:
    """One response key of one object type: how to resolve it and how to complete what it returns.

    ``unbound`` is set on a planned field whose resolver takes ``info`` or arguments: those hold the
    request's context and variables, so each request binds its own ``resolve`` from it."""

    key: str
    return_type: GraphQLOutputType
    field_details: list[FieldDetails]
    resolve: Callable[[Any], Any]
    may_await: bool
    unbound: tuple[GraphQLObjectType, GraphQLField, _ResolverFacts] | None = None


_PlanKey = tuple[str, tuple[int, ...]]
# Directive values (@skip/@include) an operation's plans may be kept for: 2^3 combinations.
_MAX_VARIANTS = 8


class OperationPlan:
    """One operation of a validated document, planned once and reused by every request that sends it.

    What a plan holds depends on the document and on nothing of the request, except the variables that
    @skip and @include read: a plan is kept per combination of their values. Resolvers that take
    ``info`` or arguments are bound per request (``BatchExecutor._bind``). A plan that declined (an
    introspection field, a field with an extension) declines again at once.
    """

    def __init__(self, strawberry_schema: Any, document: DocumentNode, operation_name: str | None) -> None:
        self.strawberry_schema = strawberry_schema
        self.schema: GraphQLSchema = strawberry_schema._schema
        self.document = document
        self.operation = _operation_of(document, operation_name)
        if self.operation.operation is not OperationType.QUERY:
            raise Declined("only queries")
        definitions = {f.name.value: f for f in _fragments_of(document)}
        self.fragment_definitions = definitions
        self.fragments = {name: FragmentDetails(d, None) for name, d in definitions.items()}
        self.root_details = [
            FieldDetails(FieldNode(name=NameNode(value=""), selection_set=self.operation.selection_set), None)
        ]
        self.directive_variables = _directive_variables(document)
        self._variants: dict[tuple[Any, ...], _PlanVariant] = {}

    def variant(self, variable_values: VariableValues) -> _PlanVariant:
        coerced = variable_values.coerced
        key = tuple(coerced.get(name) for name in self.directive_variables)
        try:
            variant = self._variants.get(key)
        except TypeError:  # a value that cannot be a key (a custom directive's list): plan afresh
            return _PlanVariant()
        if variant is None:
            variant = _PlanVariant()
            if len(self._variants) < _MAX_VARIANTS:
                self._variants[key] = variant
        return variant


@dataclass(slots=True)
class _PlanVariant:
    fields: dict[_PlanKey, list[_FieldPlan]] = field(default_factory=dict)
    declined: Declined | None = None


def _directive_variables(document: DocumentNode) -> tuple[str, ...]:
    """The variables any directive of the document reads (what field collection may depend on)."""
    names: set[str] = set()

    class Collector(Visitor):
        def enter_directive(self, node: DirectiveNode, *_args: Any) -> None:
            for argument in node.arguments or ():
                for variable in _variables_in(argument.value):
                    names.add(variable)

    visit(document, Collector())
    return tuple(sorted(names))


def _variables_in(value: ValueNode) -> Iterator[str]:
    if isinstance(value, VariableNode):
        yield value.name.value
    elif isinstance(value, ListValueNode):
        for item in value.values:
            yield from _variables_in(item)
    elif isinstance(value, ObjectValueNode):
        for object_field in value.fields:
            yield from _variables_in(object_field.value)


def _planned_field(
    object_type: GraphQLObjectType, key: str, field_def: GraphQLField, details: list[FieldDetails]
) -> _FieldPlan:
    """How to resolve the field on one object, and whether that may return an awaitable."""
    facts = _facts_of(object_type, key, field_def)
    if facts.attribute is not None:
        attribute = facts.attribute
        return _FieldPlan(key, field_def.type, details, lambda source: getattr(source, attribute), False)
    if facts.info_name or facts.has_arguments:
        return _FieldPlan(
            key, field_def.type, details, _unbound, facts.is_async, (object_type, field_def, facts)
        )
    return _FieldPlan(key, field_def.type, details, _call_with(facts, {}), facts.is_async)


def _unbound(_source: Any) -> Any:
    raise AssertionError("a planned field was used before it was bound to a request")


def _call_with(facts: _ResolverFacts, kwargs: dict[str, Any]) -> Callable[[Any], Any]:
    call, source_names = facts.call, facts.source_names
    assert call is not None
    if source_names:
        takes_self = facts.takes_self

        def resolve_with_source(source: Any) -> Any:
            per_call = dict(kwargs)
            for name in source_names:
                per_call[name] = source
            return call(source, **per_call) if takes_self else call(**per_call)

        return resolve_with_source
    if facts.takes_self:
        if not kwargs:
            return call  # a method of the type: call(source) is the whole job
        return lambda source: call(source, **kwargs)
    return lambda _source: call(**kwargs)


class BatchExecutor:
    def __init__(self, run: _Operation) -> None:
        self._run = run
        self._variant = run.plan.variant(run.variable_values)
        # Selection sets repeat for every object of a list: bind each (type, field nodes) pair once.
        self._plans: dict[_PlanKey, list[_FieldPlan]] = {}

    async def execute(self) -> dict[str, Any]:
        run = self._run
        if self._variant.declined is not None:
            raise Declined(f"planned before: {self._variant.declined}")
        root_type = run.plan.schema.query_type
        assert root_type is not None
        [result] = await self._execute_objects(root_type, run.plan.root_details, [run.root_value])
        return result

    # --- planning -------------------------------------------------------------------------------

    def _plan(self, object_type: GraphQLObjectType, parent_details: list[FieldDetails]) -> list[_FieldPlan]:
        cache_key = (object_type.name, tuple(id(d.node) for d in parent_details))
        plans = self._plans.get(cache_key)
        if plans is None:
            variant = self._variant
            planned = variant.fields.get(cache_key)
            if planned is None:
                try:
                    planned = variant.fields[cache_key] = self._make_plans(object_type, parent_details)
                except Declined as declined:
                    variant.declined = declined
                    raise
            plans = self._plans[cache_key] = [
                plan if plan.unbound is None else self._bind(plan) for plan in planned
            ]
        return plans

    def _make_plans(
        self, object_type: GraphQLObjectType, parent_details: list[FieldDetails]
    ) -> list[_FieldPlan]:
        run = self._run
        plan = run.plan
        collected = collect_subfields(
            plan.schema, plan.fragments, run.variable_values, plan.operation, object_type, parent_details
        )
        if collected.new_defer_usages:
            raise Declined("@defer")
        plans = []
        for key, details in collected.grouped_field_set.items():
            node = details[0].node
            for detail in details:
                if detail.fragment_variable_values is not None or any(
                    d.name.value not in _COLLECTION_DIRECTIVES for d in detail.node.directives or ()
                ):
                    raise Declined("field directive or fragment variables")
            name = node.name.value
            if name == "__typename":
                plans.append(_FieldPlan(key, _TYPENAME, details, _constant(object_type.name), False))
                continue
            if name.startswith("__"):
                raise Declined("introspection")
            field_def = object_type.fields.get(name)
            if field_def is None:
                raise Declined(f"unknown field {name}")
            plans.append(_planned_field(object_type, key, field_def, details))
        return plans

    def _bind(self, plan: _FieldPlan) -> _FieldPlan:
        """A planned field whose resolver takes ``info`` or arguments, with this request's."""
        assert plan.unbound is not None
        object_type, field_def, facts = plan.unbound
        run = self._run
        details = plan.field_details
        first = details[0].node
        raw_info = GraphQLResolveInfo(
            first.name.value,
            [d.node for d in details],
            field_def.type,
            object_type,
            # Not followed object by object: only its type name is right (relay ids use it).
            Path(None, plan.key, object_type.name),
            run.plan.schema,
            run.plan.fragment_definitions,
            run.root_value,
            run.plan.operation,
            run.variable_values,
            run.context,
            inspect.isawaitable,  # type: ignore[arg-type]
            None,
            _HELPERS,
        )
        info = Info(_raw_info=raw_info, _field=facts.field)
        kwargs: dict[str, Any] = {}
        if facts.has_arguments:
            strawberry_schema = run.plan.strawberry_schema
            kwargs = convert_arguments(
                get_argument_values(field_def, first, run.variable_values),
                facts.field.arguments,
                scalar_registry=strawberry_schema.schema_converter.scalar_registry,
                config=strawberry_schema.config,
                info=info,
            )
        if facts.info_name:
            kwargs[facts.info_name] = info
        resolve = _call_with(facts, kwargs)
        return _FieldPlan(plan.key, plan.return_type, details, resolve, plan.may_await)

    # --- execution ------------------------------------------------------------------------------

    async def _execute_objects(
        self, object_type: GraphQLObjectType, parent_details: list[FieldDetails], sources: list[Any]
    ) -> list[dict[str, Any]]:
        plans = self._plan(object_type, parent_details)
        results: list[dict[str, Any]] = [{} for _ in sources]
        waiting: list[tuple[dict[str, Any], str, Awaitable[Any]]] = []
        try:
            for plan in plans:
                resolve, key = plan.resolve, plan.key
                if plan.may_await:
                    for source, result in zip(sources, results, strict=True):
                        value = resolve(source)
                        result[key] = value
                        if inspect.isawaitable(value):
                            waiting.append((result, key, value))
                else:
                    for source, result in zip(sources, results, strict=True):
                        result[key] = resolve(source)
        except BaseException:
            for _, _, started in waiting:
                if inspect.iscoroutine(started):
                    started.close()
            raise
        if len(waiting) == 1:
            result, key, value = waiting[0]
            try:
                result[key] = await value
            except Exception as exc:
                raise Declined("a resolver failed") from exc
        elif waiting:
            await _settle(waiting)
        for plan in plans:
            await self._complete_field(plan, results)
        return results

    async def _complete_field(self, plan: _FieldPlan, results: list[dict[str, Any]]) -> None:
        key = plan.key
        field_type = plan.return_type
        nullable = not isinstance(field_type, GraphQLNonNull)
        named = field_type if nullable else field_type.of_type  # type: ignore[union-attr]
        if is_leaf_type(named):
            # The common case, without the general walk: a scalar or enum straight on the object.
            serialize = _serializer_of(named)
            try:
                for result in results:
                    value = result[key]
                    if value is not None:
                        result[key] = serialize(value)
                    elif not nullable:
                        raise Declined("null in a non-null field")
            except Declined:
                raise
            except Exception as exc:  # graphql-core turns these into field errors; so must the fallback
                raise Declined("a value does not serialize") from exc
            return
        pending: list[tuple[Any, Any, Any]] = []
        for result in results:
            _shape(field_type, result[key], result, key, pending)
        if pending:
            await self._complete_objects(get_named_type(field_type), plan.field_details, pending)

    async def _complete_objects(
        self, declared: Any, field_details: list[FieldDetails], pending: list[tuple[Any, Any, Any]]
    ) -> None:
        """Fill every (container, key) slot with the completed object, one batch per runtime type."""
        by_type: dict[str, tuple[GraphQLObjectType, list[tuple[Any, Any, Any]]]] = {}
        for slot in pending:
            runtime = self._runtime_type(declared, slot[2])
            by_type.setdefault(runtime.name, (runtime, []))[1].append(slot)
        for runtime, slots in by_type.values():
            completed = await self._execute_objects(runtime, field_details, [s[2] for s in slots])
            for (container, slot_key, _), value in zip(slots, completed, strict=True):
                container[slot_key] = value

    def _runtime_type(self, declared: Any, value: Any) -> GraphQLObjectType:
        if isinstance(declared, GraphQLObjectType):
            return declared
        if not isinstance(declared, GraphQLAbstractType):
            raise Declined(f"unexpected type {declared}")
        definition = getattr(value, "__strawberry_definition__", None)
        if not isinstance(definition, StrawberryObjectDefinition):
            raise Declined("cannot tell the runtime type")
        schema = self._run.plan.schema
        runtime = schema.get_type(definition.name)
        if not isinstance(runtime, GraphQLObjectType) or not schema.is_sub_type(declared, runtime):
            raise Declined("runtime type outside the abstract type")
        return runtime


_TYPENAME = GraphQLNonNull(GraphQLString)


async def _settle(waiting: list[tuple[dict[str, Any], str, Awaitable[Any]]]) -> None:
    """Await a level's values together, and write each into its slot.

    A task per coroutine (``asyncio.gather``) cost more than the resolvers themselves. Instead each
    coroutine is stepped here until it waits on a future - a DataLoader's, mostly - and resumed when
    that future is done, as a task would be. DataLoaders still see every key of the level before they
    dispatch.

    Every coroutine runs to its end, as under ``gather(return_exceptions=True)``: one failing does not
    stop the others, because a coroutine abandoned at an ``await`` can leave a lock or a pooled
    connection behind. If the request is cancelled, each coroutine gets the ``CancelledError`` at its
    ``await``, as a cancelled task would, and is stepped until it has cleaned up. The coroutines run
    inside the request's own task, so a resolver reached through here must not cancel or time out
    "its" task.
    """
    ready: list[tuple[dict[str, Any], str, Any]] = [
        (result, key, value if inspect.iscoroutine(value) else _awaited(value))
        for result, key, value in waiting
    ]
    blocked: dict[Any, list[tuple[dict[str, Any], str, Any]]] = {}
    failure: BaseException | None = None
    cancelled: BaseException | None = None
    to_cancel: set[int] = set()
    while ready or blocked:
        for slot in ready:
            coroutine = slot[2]
            try:
                if id(coroutine) in to_cancel:
                    to_cancel.discard(id(coroutine))
                    future = coroutine.throw(asyncio.CancelledError())
                else:
                    future = coroutine.send(None)
            except StopIteration as done:
                slot[0][slot[1]] = done.value
                continue
            except BaseException as exc:  # noqa: BLE001 - kept, and raised once all are done
                if failure is None and not isinstance(exc, asyncio.CancelledError):
                    failure = exc
                continue
            if future is not None:
                # What a task does with the future its coroutine waits on, minus the callback.
                future._asyncio_future_blocking = False
            # A bare yield (asyncio.sleep(0)) waits on None: it runs again next round.
            blocked.setdefault(future, []).append(slot)
        ready = blocked.pop(None, [])
        try:
            if ready or not blocked:
                await asyncio.sleep(0)
                continue
            finished, _ = await asyncio.wait(blocked.keys(), return_when=asyncio.FIRST_COMPLETED)
        except asyncio.CancelledError as exc:
            cancelled = exc
            for slots in blocked.values():
                ready.extend(slots)
            blocked.clear()
            to_cancel.update(id(slot[2]) for slot in ready)
            continue
        for future in finished:
            ready.extend(blocked.pop(future))
    if cancelled is not None:
        raise cancelled
    if failure is not None:
        if not isinstance(failure, Exception):
            raise failure
        raise Declined("a resolver failed") from failure


async def _awaited(value: Awaitable[Any]) -> Any:
    return await value


_SERIALIZERS: dict[int, tuple[Any, Callable[[Any], Any]]] = {}


def _serializer_of(leaf_type: Any) -> Callable[[Any], Any]:
    """The type's own serializer, with the common Python values answered without its checks."""
    known = _SERIALIZERS.get(id(leaf_type))
    if known is not None and known[0] is leaf_type:
        return known[1]
    serialize = leaf_type.serialize
    fast: Callable[[Any], Any] = serialize
    if leaf_type is GraphQLString or leaf_type is GraphQLBoolean:
        plain = str if leaf_type is GraphQLString else bool

        def fast(value: Any) -> Any:
            return value if value.__class__ is plain else serialize(value)

    elif isinstance(leaf_type, GraphQLEnumType) and hasattr(leaf_type, "wrapped_cls"):
        enum_class = leaf_type.wrapped_cls
        names = {
            member: name
            for name, definition in leaf_type.values.items()
            for member in enum_class
            if member.value == definition.value
        }

        def fast(value: Any) -> Any:
            return names[value] if value.__class__ is enum_class and value in names else serialize(value)

    _SERIALIZERS[id(leaf_type)] = (leaf_type, fast)
    return fast


def _serialized(serialize: Callable[[Any], Any], value: Any) -> Any:
    try:
        return serialize(value)
    except Exception as exc:  # graphql-core turns these into field errors; so must the fallback
        raise Declined("a value does not serialize") from exc


def _shape(
    field_type: Any, value: Any, container: Any, key: Any, pending: list[tuple[Any, Any, Any]]
) -> None:
    """Write ``value`` completed into ``container[key]``, leaving objects to ``pending``."""
    if isinstance(field_type, GraphQLNonNull):
        if value is None:
            raise Declined("null in a non-null field")
        field_type = field_type.of_type
    if value is None:
        container[key] = None
    elif isinstance(field_type, GraphQLList):
        if isinstance(value, (str, bytes, dict)) or not hasattr(value, "__iter__"):
            raise Declined("a list field returned no list")
        items = list(value)
        completed: list[Any] = [None] * len(items)
        container[key] = completed
        inner = field_type.of_type
        for index, item in enumerate(items):
            _shape(inner, item, completed, index, pending)
    elif is_leaf_type(field_type):
        container[key] = _serialized(_serializer_of(field_type), value)
    else:
        pending.append((container, key, value))


def _operation_of(document: DocumentNode, operation_name: str | None) -> OperationDefinitionNode:
    operations = [d for d in document.definitions if isinstance(d, OperationDefinitionNode)]
    if operation_name is None:
        if len(operations) != 1:
            raise Declined("which operation")
        return operations[0]
    for operation in operations:
        if operation.name is not None and operation.name.value == operation_name:
            return operation
    raise Declined("unknown operation")


def _fragments_of(document: DocumentNode) -> Iterator[FragmentDefinitionNode]:
    for definition in document.definitions:
        if isinstance(definition, FragmentDefinitionNode):
            if definition.variable_definitions:
                raise Declined("fragment variables")
            yield definition


class KnownDocument:
    """A document that parsed and passed validation (limits included), with its operations' plans."""

    __slots__ = ("document", "_plans")

    def __init__(self, document: DocumentNode) -> None:
        self.document = document
        self._plans: dict[str | None, OperationPlan | str] = {}

    def plan(self, strawberry_schema: Any, operation_name: str | None) -> OperationPlan:
        """The operation's plan; ``Declined`` (every time) for one the batch executor does not run."""
        known = self._plans.get(operation_name)
        if known is None:
            try:
                known = OperationPlan(strawberry_schema, self.document, operation_name)
            except Declined as declined:
                known = str(declined)
            # Operation names come from clients: keep a few per document, plan the rest every time.
            if len(self._plans) < _MAX_OPERATIONS:
                self._plans[operation_name] = known
        if isinstance(known, str):
            raise Declined(known)
        return known


_MAX_OPERATIONS = 16


class KnownDocuments:
    """Validated documents by their query text, the most recently used ``maxsize`` of them.

    A document enters once the schema's own pipeline parsed and validated it (``BatchExecution``
    sees it only then); validation depends on the document and the schema alone, so the same text
    is valid for good, whoever sends it with whatever variables.
    """

    def __init__(self, maxsize: int) -> None:
        self.maxsize = maxsize
        self._documents: OrderedDict[str, KnownDocument] = OrderedDict()

    def get(self, query: str) -> KnownDocument | None:
        known = self._documents.get(query)
        if known is not None:
            self._documents.move_to_end(query)
        return known

    def remember(self, query: str, document: DocumentNode) -> KnownDocument:
        known = self._documents.get(query)
        if known is None or known.document is not document:
            known = self._documents[query] = KnownDocument(document)
            if len(self._documents) > self.maxsize:
                self._documents.popitem(last=False)
        else:
            self._documents.move_to_end(query)
        return known

    def clear(self) -> None:
        self._documents.clear()


known_documents = KnownDocuments(maxsize=256)
"""As many as the schema's parser and validation caches keep."""


async def execute_plan(
    plan: OperationPlan, *, variables: dict[str, Any] | None, context: Any, root_value: Any
) -> dict[str, Any]:
    """The planned query's ``data``, or ``Declined`` if graphql-core should run it. In shadow mode
    (tests) graphql-core runs it too, and a different answer raises ``ShadowMismatch``."""
    operation = plan.operation
    variable_values = get_variable_values(plan.schema, operation.variable_definitions or (), variables or {})
    if isinstance(variable_values, list):
        raise Declined("variables do not coerce")
    data = await BatchExecutor(_Operation(plan, variable_values, context, root_value)).execute()
    if shadow_execution.ENABLED:
        await shadow_execution.compare(plan, variables, context, root_value, data)
    return data


async def execute_query(
    strawberry_schema: Any,
    document: DocumentNode,
    *,
    operation_name: str | None,
    variables: dict[str, Any] | None,
    context: Any,
    root_value: Any,
    query: str | None = None,
) -> dict[str, Any]:
    """The query's ``data``, or ``Declined`` if graphql-core should run it. With its ``query`` text
    the (validated) document is remembered, and its plan kept for the next request."""
    known = known_documents.remember(query, document) if query is not None else KnownDocument(document)
    plan = known.plan(strawberry_schema, operation_name)
    return await execute_plan(plan, variables=variables, context=context, root_value=root_value)


_declined_before: ContextVar[bool] = ContextVar("lapor_batch_declined_before", default=False)


@contextlib.contextmanager
def declined_before() -> Iterator[None]:
    """The batch executor already declined this request's operation (on the fast path): inside,
    ``BatchExecution`` leaves it to graphql-core at once instead of running it a second time."""
    token = _declined_before.set(True)
    try:
        yield
    finally:
        _declined_before.reset(token)


@functools.cache
def _extensions_wrap_resolvers(strawberry_schema: Any) -> bool:
    """Whether an extension wraps every resolver (tracing, say): the batch executor would skip it."""
    extensions = (factory() if callable(factory) else factory for factory in strawberry_schema.extensions)
    return any(extension._implements_resolve() for extension in extensions)


class BatchExecution(SchemaExtension):
    """Runs HTTP queries with ``BatchExecutor``; whatever it declines, graphql-core runs."""

    enabled = True
    served = 0
    """Queries answered by the batch executor since start; tests read it to know which path ran."""

    async def on_execute(self) -> AsyncIterator[None]:
        execution = self.execution_context
        context = execution.context
        if (
            BatchExecution.enabled
            and not _declined_before.get()
            and not _extensions_wrap_resolvers(execution.schema)
            and execution.operation_type is StrawberryOperationType.QUERY
            and isinstance(context, Context)
            and context.transport == "http"
            and execution.graphql_document is not None
        ):
            try:
                data = await execute_query(
                    execution.schema,
                    execution.graphql_document,
                    operation_name=execution.operation_name,
                    variables=execution.variables,
                    context=context,
                    root_value=execution.root_value,
                    query=execution.query,
                )
            except Declined as declined:
                _log.debug("left to graphql-core: %s (%r)", declined, declined.__cause__)
            except ShadowMismatch:
                raise
            except Exception:  # noqa: BLE001 - a bug here must cost speed, never an answer
                _log.warning("batch executor failed; graphql-core answers instead", exc_info=True)
            else:
                execution.result = ExecutionResult(data=data, errors=None)
                BatchExecution.served += 1
        yield
