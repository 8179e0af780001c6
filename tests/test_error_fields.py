"""Payload errors name what the client sent, and an unavailable action says so before any input problem.

The first test walks the schema: for every mutation it takes the valid input of the authorization
matrix (``SETUPS``, sent by an actor allowed to perform it), spoils one input field at a time with
values of that field's type that cannot pass, and checks that every error's ``field`` is a path of
input fields of that mutation, spelled as in the SDL (``locationText``, ``officials.0.name``), or null.
"""

from __future__ import annotations

from typing import Any

from graphql import (
    GraphQLEnumType,
    GraphQLInputObjectType,
    GraphQLInputType,
    GraphQLList,
    GraphQLScalarType,
    get_named_type,
    get_nullable_type,
)

from lapor_gql.clock import FakeClock
from lapor_gql.db.models import LoginAttempt, Report, ReportEvent
from lapor_gql.domain.actions import BUILTIN_ACTIONS
from lapor_gql.domain.processes import Runtime
from lapor_gql.schema.ids import encode_id

from . import operations as op
from .test_authorization_matrix import MATRIX, MUTATIONS, SETUPS, _document, _stage

# Whom each mutation is sent by: the first of these that the matrix allows.
ACTOR_PREFERENCE = ("admin", "handling_liaison", "owner", "analyst", "anonymous", "code_holder")
# The object type an ``id`` input field names, by the mutation's name.
ID_TYPES = {
    "report": "Report",
    "agency": "Agency",
    "holiday": "Holiday",
    "session": "Session",
    "user": "User",
}
# Mutations whose payload has no field to blame: validation answers with ``problems`` instead.
NO_FIELD_ERRORS = {"processDefinitionValidate"}
UNKNOWN = 987654


def _input_type(mutation: str) -> GraphQLInputObjectType:
    named = get_named_type(MUTATIONS[mutation].args["input"].type)
    assert isinstance(named, GraphQLInputObjectType)
    return named


def _id_type(mutation: str, field: str) -> str:
    if field != "id":
        return "Agency"  # agencyId, parentId, suggestedAgencyId
    return next(type_ for prefix, type_ in ID_TYPES.items() if mutation.lower().startswith(prefix))


def _bad_values(mutation: str, field: str, field_type: GraphQLInputType) -> list[Any]:
    """Values of the field's GraphQL type that no mutation accepts as they are."""
    kind = get_nullable_type(field_type)
    if isinstance(kind, GraphQLList):
        item = get_named_type(kind)
        if isinstance(item, GraphQLScalarType):  # a list of texts: one bad text in it
            return [[value] for value in _bad_values(mutation, field, item)]
        assert isinstance(item, GraphQLInputObjectType), f"{mutation}.{field}: a list of {item}"
        return [[{name: "x" * 6000 for name in item.fields}], [{name: "\u0000" for name in item.fields}]]
    if isinstance(kind, GraphQLEnumType):
        return list(kind.values)
    assert isinstance(kind, GraphQLScalarType), f"{mutation}.{field}: {kind}"
    values: dict[str, list[Any]] = {
        "String": ["x" * 6000, "\u0000"],
        "ID": ["not-an-id", encode_id(_id_type(mutation, field), UNKNOWN)],
        "Float": [1e6],
        "Int": [-1, 10**6],
        "Boolean": [True, False],
        "Date": ["2999-12-31"],
        # A file must come as a part of a multipart request; a JSON value in its place is no file.
        "Upload": ["not a file"],
    }
    return values[kind.name]


def _names_an_input_field(path: str, input_type: GraphQLInputObjectType) -> bool:
    """``path`` is a chain of input field names (list items by number), starting at ``input_type``."""
    current: GraphQLInputType = input_type
    for part in path.split("."):
        nullable = get_nullable_type(current)
        if isinstance(nullable, GraphQLList):
            if not part.isdigit():
                return False
            current = nullable.of_type
            continue
        named = get_named_type(current)
        if not isinstance(named, GraphQLInputObjectType) or part not in named.fields:
            return False
        current = named.fields[part].type
    return True


def _names_an_action_input(mutation: str, variables: dict[str, Any], field: str) -> bool:
    """The mutation that performs any action names an action's input as the client sent it: the
    ``name`` of one of its values, or an input of the action the client left out."""
    if mutation != "reportActionPerform":
        return False
    sent = {value["name"] for value in variables.get("values") or [] if isinstance(value, dict)}
    inputs = (
        {spec.name for spec in BUILTIN_ACTIONS[variables["action"]].inputs}
        if variables["action"] in BUILTIN_ACTIONS
        else set()
    )
    return field in sent | inputs


async def test_every_payload_error_names_an_input_field_of_its_mutation(
    gql, runtime: Runtime, clock: FakeClock
) -> None:
    stage = await _stage(gql, runtime, clock)
    wrong: list[str] = []
    crashed: list[str] = []
    blamed: dict[str, set[str]] = {mutation: set() for mutation in MUTATIONS}

    for mutation in MUTATIONS:
        actor = next(a for a in ACTOR_PREFERENCE if a in MATRIX[mutation])
        input_type = _input_type(mutation)
        for field, definition in input_type.fields.items():
            for bad in _bad_values(mutation, field, definition.type):
                stage.code_token = None
                variables = {**await SETUPS[mutation](stage, actor), field: bad}
                result = await gql(_document(mutation), {"input": variables}, await stage.token(actor))
                for cleanup in stage.cleanups:
                    await cleanup()
                stage.cleanups.clear()

                if "errors" in result.body:  # bad input is an expected failure, never a top-level error
                    crashed.append(
                        f"{mutation}: {field}={str(bad)[:20]!r} → {result.body['errors'][0]['message'][:80]}"
                    )
                    continue
                for error in result.data[mutation]["errors"]:
                    if error["field"] is None:
                        continue
                    blamed[mutation].add(error["field"])
                    if not _names_an_input_field(error["field"], input_type) and not _names_an_action_input(
                        mutation, variables, error["field"]
                    ):
                        wrong.append(f"{mutation}: {field}={str(bad)[:20]!r} → {error}")

    assert not crashed, "bad input answered with a top-level error:\n" + "\n".join(crashed)
    assert not wrong, "errors naming a field the client did not send:\n" + "\n".join(wrong)
    silent = {mutation for mutation, fields in blamed.items() if not fields}
    assert silent == NO_FIELD_ERRORS, f"no bad input reached these mutations' checks: {silent}"


async def test_an_overlong_location_is_blamed_on_location_text(
    gql, runtime: Runtime, clock: FakeClock
) -> None:
    stage = await _stage(gql, runtime, clock)

    result = await gql(
        op.SUBMIT,
        {
            "input": {
                "title": "Banjir",
                "body": "Air setinggi lutut.",
                "classification": "COMPLAINT",
                "locationText": "x" * 301,
            }
        },
        stage.world.budi.token,
    )

    assert [(e["field"], e["code"]) for e in result.data["reportSubmit"]["errors"]] == [
        ("locationText", "TOO_LONG")
    ]


# --- an unavailable action comes first ---------------------------------------------------------

# Each report action with an input that is wrong in every way it can be, sent by an actor allowed
# the action in general, on a report where the diagram does not offer it now.
UNAVAILABLE: dict[str, tuple[str, str, dict[str, Any]]] = {
    "reportDispose": ("admin", "CLOSED", {"agencyId": encode_id("Agency", UNKNOWN), "note": "x" * 2001}),
    "reportHold": ("admin", "CLOSED", {"reason": ""}),
    "reportResume": ("admin", "SUBMITTED", {"note": "x" * 2001}),
    "reportArchive": ("admin", "CLOSED", {"reason": " "}),
    "reportFollowUp": ("handling_liaison", "CLOSED", {"message": ""}),
    "reportReply": ("owner", "DISPOSED", {"message": ""}),
    "reportRequestNotAuthority": (
        "handling_liaison",
        "CLOSED",
        {"reason": "", "suggestedAgencyId": encode_id("Agency", UNKNOWN)},
    ),
    # The case found from outside: no pending request, and "the same agency" as the report has.
    "reportResolveNotAuthority": ("admin", "DISPOSED", {"accept": True, "agencyId": "SAME"}),
    "reportClose": ("handling_liaison", "SUBMITTED", {"resolution": ""}),
    "reportReopen": ("admin", "SUBMITTED", {"reason": ""}),
    # Not yet disposed: PU's liaison does not handle it (yet), so has no internal files to add.
    "reportAttachmentAdd": ("handling_liaison", "SUBMITTED", {"note": "x" * 2001, "attachments": []}),
    "reportActionPerform": (
        "handling_liaison",
        "CLOSED",
        {
            "action": "follow_up",
            "values": [{"name": "message", "value": ""}, {"name": "nonsense", "value": "x"}],
        },
    ),
}


def test_every_report_action_has_an_unavailable_case() -> None:
    assert set(UNAVAILABLE) == {m for m in MUTATIONS if m.startswith("report") and _input_has_report_id(m)}


def _input_has_report_id(mutation: str) -> bool:
    return "id" in _input_type(mutation).fields


async def test_an_unavailable_action_is_refused_before_its_input_is_checked(
    gql, runtime: Runtime, clock: FakeClock
) -> None:
    stage = await _stage(gql, runtime, clock)

    for mutation, (actor, status, spoiled) in UNAVAILABLE.items():
        report = await stage.report(actor, status)
        variables = {**await SETUPS[mutation](stage, actor), **spoiled, "id": encode_id("Report", report.id)}
        if variables.get("agencyId") == "SAME":
            assert report.agency_id is not None
            variables["agencyId"] = encode_id("Agency", report.agency_id)
        events = await ReportEvent.filter(report_id=report.id).count()

        result = await gql(_document(mutation), {"input": variables}, await stage.token(actor))

        assert result.data[mutation]["errors"] == [
            {
                "field": None,
                "code": "ACTION_NOT_AVAILABLE",
                "message": "Tindakan ini tidak tersedia untuk Anda pada tahap laporan saat ini.",
            }
        ], mutation
        assert (await Report.get(id=report.id)).status == status, mutation
        assert await ReportEvent.filter(report_id=report.id).count() == events, mutation


# --- logins with text no account or report can have -------------------------------------------

# The field that is too long for any account or report, the secret beside it, and the failure a wrong
# secret gets: an overlong one must get exactly that, so it tells nothing a wrong guess would not.
OVERLONG_LOGINS = {
    "tokenCreate": ("email", "password", "INVALID_CREDENTIALS"),
    "reportAccessTokenCreate": ("trackingNumber", "accessCode", "ACCESS_CODE_INVALID"),
}


async def test_overlong_login_text_fails_like_a_wrong_secret(gql, runtime: Runtime, clock: FakeClock) -> None:
    stage = await _stage(gql, runtime, clock)
    for mutation, (field, secret, code) in OVERLONG_LOGINS.items():
        valid = await SETUPS[mutation](stage, "anonymous")
        wrong = await gql(_document(mutation), {"input": {**valid, secret: "WRONG-WRONG-WRONG"}})
        attempts = await LoginAttempt.all().count()

        overlong = await gql(_document(mutation), {"input": {**valid, field: "x" * 6000}})

        assert "errors" not in overlong.body, mutation  # an answer, not a crash
        assert [e["code"] for e in wrong.data[mutation]["errors"]] == [code], mutation
        assert overlong.data[mutation]["errors"] == wrong.data[mutation]["errors"], mutation
        # Nothing was evaluated, so nothing is counted against anyone's throttle.
        assert await LoginAttempt.all().count() == attempts, mutation
