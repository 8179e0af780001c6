"""Every id a client sends is refused alike when it is garbage: code INVALID, naming the argument (or the
input field), in the request's language. The tests walk the schema, so a new id argument is covered
the day it is added.

Queries answer a top-level error ``{"code": "INVALID", "argument": <path>}``; mutations answer a payload
error ``{"field": <input field>, "code": "INVALID"}``. Other required arguments get a plausible value,
and other ids a real one, so that only the garbage can be the reason.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from graphql import (
    GraphQLArgument,
    GraphQLEnumType,
    GraphQLField,
    GraphQLInputObjectType,
    GraphQLInputType,
    GraphQLList,
    GraphQLNonNull,
    GraphQLObjectType,
    GraphQLScalarType,
    get_named_type,
    get_nullable_type,
    is_leaf_type,
)

from lapor_gql.clock import FakeClock
from lapor_gql.db import models
from lapor_gql.domain.labels import error_message
from lapor_gql.schema import schema
from lapor_gql.schema.ids import encode_id

from . import operations as op
from .world import World, make_world

GARBAGE = "xyz"
LANGUAGES = ("id", "en")
GRAPHQL_SCHEMA = schema._schema
# A plausible value of each scalar, for the required arguments that are not under test.
SAMPLES: dict[str, Any] = {"String": "x", "Int": 2026, "Float": 1.0, "Boolean": False, "Date": "2026-03-02"}


@dataclass(frozen=True)
class IdSlot:
    """One place a client puts an id: ``field``'s argument, or a field of its input object."""

    field: str
    path: tuple[str, ...]  # ("id",) or ("filter", "agencyId") or ("input", "agencyId")

    @property
    def name(self) -> str:
        return ".".join(self.path)

    def __str__(self) -> str:
        return f"{self.field}({self.name})"


def id_slots(root: GraphQLObjectType) -> list[IdSlot]:
    slots = []
    for field_name, field in root.fields.items():
        for argument_name, argument in field.args.items():
            for path in _id_paths(argument.type, (argument_name,)):
                slots.append(IdSlot(field_name, path))
    return slots


def _id_paths(type_: GraphQLInputType, path: tuple[str, ...]) -> list[tuple[str, ...]]:
    named = get_named_type(type_)
    if isinstance(named, GraphQLScalarType) and named.name == "ID":
        return [path]
    if isinstance(named, GraphQLInputObjectType):
        return [p for name, f in named.fields.items() for p in _id_paths(f.type, (*path, name))]
    return []


QUERY_SLOTS = id_slots(GRAPHQL_SCHEMA.query_type)
MUTATION_SLOTS = id_slots(GRAPHQL_SCHEMA.mutation_type)


def test_the_walk_finds_the_id_arguments() -> None:
    # A guard for the walk itself: it must see the arguments everyone knows about.
    names = {str(slot) for slot in QUERY_SLOTS + MUTATION_SLOTS}
    assert {"node(id)", "report(id)", "reports(filter.agencyId)", "processDefinitionDiff(toId)"} <= names
    assert {"reportDispose(input.agencyId)", "holidayDelete(input.id)", "sessionRevoke(input.id)"} <= names


# --------------------------------------------------------------------------- values for the other arguments


async def real_ids(gql, world: World) -> dict[str, str]:
    """A real object of each type whose id an argument may need besides the one under test."""
    definition = await models.ProcessDefinition.all().order_by("id").first()
    assert definition is not None
    draft = {"title": "Jalan berlubang", "body": "Di depan pasar.", "classification": "COMPLAINT"}
    submitted = await gql(op.SUBMIT, {"input": draft}, world.budi.token)
    return {
        "Report": submitted.data["reportSubmit"]["report"]["id"],
        "Agency": encode_id("Agency", world.pu.id),
        "User": encode_id("User", world.pu_liaison.user.id),
        "ProcessDefinition": encode_id("ProcessDefinition", definition.id),
    }


def id_type(slot: IdSlot, argument: str) -> str:
    """The type an id argument names, read from its name (and, for a bare ``id``, the field's)."""
    if argument.endswith(("agencyId", "parentId")):
        return "Agency"
    if argument in ("fromId", "toId", "otherId"):
        return "ProcessDefinition"
    prefixes = (("report", "Report"), ("agency", "Agency"), ("user", "User"), ("liaison", "User"))
    for prefix, type_name in prefixes:
        if slot.field.startswith(prefix):
            return type_name
    raise AssertionError(f"{slot}: which type does {argument} name? Teach id_type.")


def value_for(type_: GraphQLInputType, slot: IdSlot, path: tuple[str, ...], ids: dict[str, str]) -> Any:
    """The garbage at the slot's path; a plausible value for what else is required; None to leave out."""
    if path == slot.path:
        return GARBAGE
    if slot.path[: len(path)] != path and not isinstance(type_, GraphQLNonNull):
        return None
    named = get_named_type(type_)
    if isinstance(named, GraphQLInputObjectType):
        given = {name: value_for(f.type, slot, (*path, name), ids) for name, f in named.fields.items()}
        return {name: value for name, value in given.items() if value is not None}
    if isinstance(named, GraphQLEnumType):
        return next(iter(named.values))
    if named.name == "ID":
        return ids[id_type(slot, path[-1])]
    assert named.name in SAMPLES, f"{slot}: no sample for {named.name} at {'.'.join(path)}"
    return SAMPLES[named.name]


def document(slot: IdSlot, operation: str) -> str:
    """A named operation calling the slot's field with every argument as a variable."""
    root = GRAPHQL_SCHEMA.query_type if operation == "query" else GRAPHQL_SCHEMA.mutation_type
    assert root is not None
    field: GraphQLField = root.fields[slot.field]
    arguments: dict[str, GraphQLArgument] = field.args
    variables = ", ".join(f"${name}: {argument.type}" for name, argument in arguments.items())
    passed = ", ".join(f"{name}: ${name}" for name in arguments)
    selection = "" if is_leaf_type(get_named_type(field.type)) else " { __typename }"
    if operation == "mutation":
        selection = " { errors { field code message } }"
    name = "Garbage" + slot.field[0].upper() + slot.field[1:]
    return f"{operation} {name}({variables}) {{ {slot.field}({passed}){selection} }}"


# --------------------------------------------------------------------------- the walks

# Who sends each mutation: its role check comes first, and rightly, so the sender must be allowed it.
SENDERS = {
    "reportSubmit": "budi",
    "reportFollowUp": "pu_liaison",
    "reportRequestNotAuthority": "pu_liaison",
    "reportClose": "pu_liaison",
    "reportReply": "budi",
}


async def test_every_query_id_argument_refuses_garbage_alike(gql, clock: FakeClock) -> None:
    world = await make_world(clock)
    ids = await real_ids(gql, world)
    wrong = []

    for slot in QUERY_SLOTS:
        query = document(slot, "query")
        field = GRAPHQL_SCHEMA.query_type.fields[slot.field]
        variables = {name: value_for(a.type, slot, (name,), ids) for name, a in field.args.items()}
        for language in LANGUAGES:
            result = await gql(query, variables, world.admin.token, language=language)
            expected = {
                "message": f"{slot.name}: {error_message('INVALID', language)}",
                "extensions": {"code": "INVALID", "argument": slot.name},
            }
            answered = [{k: e.get(k) for k in expected} for e in result.body.get("errors", [])]
            if (result.status_code, answered) != (200, [expected]):
                wrong.append(f"{slot} in {language}: {result.status_code} {result.body}")

    assert not wrong, "\n".join(wrong)


def input_field(slot: IdSlot) -> str:
    """The field a mutation's error names for the slot: its path below ``input``, the items of a list
    by number (the one sent is the first: ``attachments.0.uploadId``)."""
    current: GraphQLInputType = GRAPHQL_SCHEMA.mutation_type.fields[slot.field].args[slot.path[0]].type
    parts = []
    for name in slot.path[1:]:
        named = get_named_type(current)
        assert isinstance(named, GraphQLInputObjectType)
        current = named.fields[name].type
        parts.append(name)
        if isinstance(get_nullable_type(current), GraphQLList):
            parts.append("0")
    return ".".join(parts)


async def test_every_mutation_id_field_refuses_garbage_alike(gql, clock: FakeClock) -> None:
    world = await make_world(clock)
    ids = await real_ids(gql, world)
    wrong = []

    for slot in MUTATION_SLOTS:
        mutation = document(slot, "mutation")
        field = GRAPHQL_SCHEMA.mutation_type.fields[slot.field]
        variables = {name: value_for(a.type, slot, (name,), ids) for name, a in field.args.items()}
        sender = world.people[SENDERS.get(slot.field, "admin")]
        for language in LANGUAGES:
            result = await gql(mutation, variables, sender.token, language=language)
            expected = [
                {"field": input_field(slot), "code": "INVALID", "message": error_message("INVALID", language)}
            ]
            payload = (result.body.get("data") or {}).get(slot.field) or {}
            if result.body.get("errors") or payload.get("errors") != expected:
                wrong.append(f"{slot} in {language}: {result.body}")

    assert not wrong, "\n".join(wrong)


# --------------------------------------------------------------------------- ids off the roots

PROCESS_DEFINITION_DIFF = """
query GarbageDiff($id: ID!, $otherId: ID!) {
  processDefinition(id: $id) { diff(otherId: $otherId) { changed { elementId } } }
}
"""


def test_id_arguments_off_the_roots_are_known() -> None:
    # The walks above cover Query and Mutation; an id argument anywhere else is tested on its own:
    # diff below, the subscription in test_subscriptions (over a websocket).
    off_roots = {
        f"{type_.name}.{field_name}({argument_name})"
        for type_ in GRAPHQL_SCHEMA.type_map.values()
        if isinstance(type_, GraphQLObjectType)
        and type_ not in (GRAPHQL_SCHEMA.query_type, GRAPHQL_SCHEMA.mutation_type)
        for field_name, field in type_.fields.items()
        for argument_name, argument in field.args.items()
        if _id_paths(argument.type, (argument_name,))
    }
    assert off_roots == {"ProcessDefinition.diff(otherId)", "Subscription.reportUpdated(id)"}


async def test_a_garbage_id_in_a_nested_argument_is_refused_alike(gql, clock: FakeClock) -> None:
    world = await make_world(clock)
    ids = await real_ids(gql, world)

    for language in LANGUAGES:
        variables = {"id": ids["ProcessDefinition"], "otherId": GARBAGE}
        result = await gql(PROCESS_DEFINITION_DIFF, variables, world.analyst.token, language=language)

        assert [e["extensions"] for e in result.body["errors"]] == [
            {"code": "INVALID", "argument": "otherId"}
        ]
        assert result.body["errors"][0]["message"] == f"otherId: {error_message('INVALID', language)}"
