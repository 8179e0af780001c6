"""Agencies: the hierarchy admins manage, the profile each agency's liaisons keep, and its audit trail."""

from __future__ import annotations

from typing import Any

from lapor_gql.clock import FakeClock
from lapor_gql.db.models import Agency, AgencyOfficial, AuditEvent, Classification
from lapor_gql.domain import reports
from lapor_gql.domain.processes import Runtime
from lapor_gql.schema.ids import encode_id

from .query_count import count_queries
from .world import World, make_world

AGENCY_FIELDS = """
fragment AgencyFields on Agency {
  id code name isActive level serviceHours address phone email website description
  parent { code }
  children { code }
  officials { name position }
}
"""
ERRORS = "errors { field code message }"

CREATE = (
    f"""
mutation CreateAgency($input: AgencyCreateInput!) {{
  agencyCreate(input: $input) {{ agency {{ ...AgencyFields }} {ERRORS} }}
}}
"""
    + AGENCY_FIELDS
)
UPDATE = (
    f"""
mutation UpdateAgency($input: AgencyUpdateInput!) {{
  agencyUpdate(input: $input) {{ agency {{ ...AgencyFields }} {ERRORS} }}
}}
"""
    + AGENCY_FIELDS
)
MOVE = (
    f"""
mutation MoveAgency($input: AgencyMoveInput!) {{
  agencyMove(input: $input) {{ agency {{ ...AgencyFields }} {ERRORS} }}
}}
"""
    + AGENCY_FIELDS
)
DEACTIVATE = (
    f"""
mutation DeactivateAgency($input: AgencyIdInput!) {{
  agencyDeactivate(input: $input) {{ agency {{ ...AgencyFields }} {ERRORS} }}
}}
"""
    + AGENCY_FIELDS
)
ACTIVATE = (
    f"""
mutation ActivateAgency($input: AgencyIdInput!) {{
  agencyActivate(input: $input) {{ agency {{ ...AgencyFields }} {ERRORS} }}
}}
"""
    + AGENCY_FIELDS
)
DELETE = f"""
mutation DeleteAgency($input: AgencyIdInput!) {{
  agencyDelete(input: $input) {{ deletedId {ERRORS} }}
}}
"""
PROFILE = (
    f"""
mutation UpdateAgencyProfile($input: AgencyProfileUpdateInput!) {{
  agencyProfileUpdate(input: $input) {{ agency {{ ...AgencyFields }} {ERRORS} }}
}}
"""
    + AGENCY_FIELDS
)
DISPOSE = f"""
mutation DisposeReport($input: ReportDisposeInput!) {{
  reportDispose(input: $input) {{ report {{ status }} {ERRORS} }}
}}
"""
LIAISONS = """
query AgencyLiaisons($id: ID!) {
  agency(id: $id) { code liaisons { name } }
}
"""
AUDIT = """
query AuditTrail($objectType: String, $objectId: ID, $first: Int, $after: String) {
  auditEvents(objectType: $objectType, objectId: $objectId, first: $first, after: $after) {
    edges { cursor node { action objectType objectId before after actor { name } createdAt } }
    pageInfo { hasNextPage endCursor }
  }
}
"""


def _gid(agency: Agency) -> str:
    return encode_id("Agency", agency.id)


async def _create(gql, world: World, code: str, name: str, parent: str | None = None) -> dict[str, Any]:
    result = await gql(CREATE, {"input": {"code": code, "name": name, "parentId": parent}}, world.admin.token)
    payload = result.data["agencyCreate"]
    assert payload["errors"] == [], payload["errors"]
    return payload["agency"]


async def _fingerprint() -> list[tuple[object, ...]]:
    agencies = (
        await Agency.all()
        .order_by("id")
        .values_list(
            "id", "code", "name", "parent_id", "is_active", "phone", "email", "website", "service_hours"
        )
    )
    officials = await AgencyOfficial.all().order_by("id").values_list("agency_id", "name", "position")
    return [*agencies, *officials, ("audit", await AuditEvent.all().count())]


async def test_admin_builds_a_province_tree_and_moves_a_unit(gql, clock: FakeClock) -> None:
    world = await make_world(clock)
    province = await _create(gql, world, "babel", "Provinsi Kepulauan Bangka Belitung")
    dinsos = await _create(gql, world, "DINSOS", "Dinas Sosial", province["id"])
    unit = await _create(gql, world, "DINSOS-UPT", "UPT Panti Sosial", dinsos["id"])
    dinkes = encode_id("Agency", world.dinkes.id)

    assert (province["code"], province["level"], province["parent"]) == ("BABEL", "PROVINCE", None)
    assert (dinsos["level"], dinsos["parent"]) == ("AGENCY", {"code": "BABEL"})
    assert (unit["level"], unit["parent"]) == ("UNIT", {"code": "DINSOS"})

    # Dinas Kesehatan joins the province, and the unit moves under it.
    moved = await gql(MOVE, {"input": {"id": dinkes, "parentId": province["id"]}}, world.admin.token)
    assert moved.data["agencyMove"]["agency"]["level"] == "AGENCY"
    moved = await gql(MOVE, {"input": {"id": unit["id"], "parentId": dinkes}}, world.admin.token)
    assert moved.data["agencyMove"]["agency"]["parent"] == {"code": "DINKES"}
    tree = await gql(
        "query Tree($id: ID!) { agency(id: $id) { children { code level children { code level } } } }",
        {"id": province["id"]},
    )
    assert tree.data["agency"]["children"] == [
        {"code": "DINKES", "level": "AGENCY", "children": [{"code": "DINSOS-UPT", "level": "UNIT"}]},
        {"code": "DINSOS", "level": "AGENCY", "children": []},
    ]

    renamed = await gql(
        UPDATE, {"input": {"id": dinsos["id"], "name": "Dinas Sosial Provinsi"}}, world.admin.token
    )
    assert renamed.data["agencyUpdate"]["agency"]["name"] == "Dinas Sosial Provinsi"
    taken = await gql(UPDATE, {"input": {"id": dinsos["id"], "code": "dinkes"}}, world.admin.token)
    assert taken.data["agencyUpdate"]["errors"][0]["code"] == "AGENCY_CODE_TAKEN"
    duplicate = await gql(CREATE, {"input": {"code": "PU", "name": "Lagi"}}, world.admin.token)
    assert duplicate.data["agencyCreate"]["errors"] == [
        {"field": "code", "code": "AGENCY_CODE_TAKEN", "message": "Kode instansi ini sudah dipakai."}
    ]


async def test_moves_that_would_make_a_cycle_or_a_fourth_level_are_refused(gql, clock: FakeClock) -> None:
    world = await make_world(clock)
    province = await _create(gql, world, "BABEL", "Provinsi")
    agency = await _create(gql, world, "DINSOS", "Dinas Sosial", province["id"])
    unit = await _create(gql, world, "UPT", "UPT", agency["id"])
    before = await _fingerprint()

    def move(node: dict[str, Any], parent: str | None):  # noqa: ANN202
        return gql(MOVE, {"input": {"id": node["id"], "parentId": parent}}, world.admin.token, language="en")

    itself = (await move(province, province["id"])).data["agencyMove"]
    below_own_unit = (await move(province, unit["id"])).data["agencyMove"]
    assert itself["errors"] == [{"field": "parentId", "code": "INVALID", "message": "Invalid value."}]
    assert [(e["field"], e["code"]) for e in below_own_unit["errors"]] == [("parentId", "INVALID")]
    assert itself["agency"] is None and below_own_unit["agency"] is None

    # A fourth level: a unit below a unit, or a whole tree below another province's agency.
    too_deep = (
        await gql(
            CREATE, {"input": {"code": "SEKSI", "name": "Seksi", "parentId": unit["id"]}}, world.admin.token
        )
    ).data["agencyCreate"]
    assert [(e["field"], e["code"]) for e in too_deep["errors"]] == [("parentId", "AGENCY_TOO_DEEP")]
    other = await _create(gql, world, "OTHER", "Provinsi Lain")
    tree_too_deep = (await move(province, other["id"])).data["agencyMove"]
    assert tree_too_deep["errors"][0]["code"] == "AGENCY_TOO_DEEP"
    unknown = (await move(agency, encode_id("Agency", 99999))).data["agencyMove"]
    assert unknown["errors"][0] == {"field": "parentId", "code": "NOT_FOUND", "message": "Not found."}
    bad_id = (await move(agency, "not-an-id")).data["agencyMove"]
    assert bad_id["errors"][0]["field"] == "parentId"

    after = await _fingerprint()
    assert after[:-2] == before[:-1] and after[-1] == ("audit", before[-1][1] + 1)  # only OTHER was added

    # Back to the top is allowed: the agency becomes a province of its own.
    top = (await move(agency, None)).data["agencyMove"]
    assert (top["agency"]["level"], top["agency"]["parent"]) == ("PROVINCE", None)


async def test_deactivated_agency_gets_no_dispositions_and_is_never_deleted_with_reports(
    gql, clock: FakeClock, runtime: Runtime
) -> None:
    world = await make_world(clock)
    report = await reports.submit_report(
        runtime,
        world.budi.actor,
        reports.ReportDraft(title="Jalan rusak", body="Berlubang.", classification=Classification.COMPLAINT),
    )
    await reports.dispose_report(runtime, world.admin.actor, report.id, world.pu.id, "")
    fresh = await reports.submit_report(
        runtime,
        world.siti.actor,
        reports.ReportDraft(title="Lampu mati", body="Gelap.", classification=Classification.COMPLAINT),
    )
    pu = _gid(world.pu)

    off = await gql(DEACTIVATE, {"input": {"id": pu}}, world.admin.token)
    assert off.data["agencyDeactivate"]["agency"]["isActive"] is False
    refused = await gql(
        DISPOSE, {"input": {"id": encode_id("Report", fresh.id), "agencyId": pu}}, world.admin.token
    )
    assert refused.data["reportDispose"]["errors"][0]["code"] == "AGENCY_INACTIVE"

    before = await _fingerprint()
    deleted = await gql(DELETE, {"input": {"id": pu}}, world.admin.token, language="en")
    assert deleted.data["agencyDelete"] == {
        "deletedId": None,
        "errors": [
            {
                "field": None,
                "code": "AGENCY_IN_USE",
                "message": "The agency still has 1 reports, 1 liaisons and 0 units, so it cannot be deleted. "
                "Deactivate it instead.",
            }
        ],
    }
    assert await _fingerprint() == before

    on = await gql(ACTIVATE, {"input": {"id": pu}}, world.admin.token)
    assert on.data["agencyActivate"]["agency"]["isActive"] is True
    disposed = await gql(
        DISPOSE, {"input": {"id": encode_id("Report", fresh.id), "agencyId": pu}}, world.admin.token
    )
    assert disposed.data["reportDispose"]["report"]["status"] == "DISPOSED"

    # An agency registered by mistake, with nothing attached, may go.
    mistake = await _create(gql, world, "TYPO", "Dinas Salah Ketik")
    gone = await gql(DELETE, {"input": {"id": mistake["id"]}}, world.admin.token)
    assert gone.data["agencyDelete"] == {"deletedId": mistake["id"], "errors": []}
    assert not await Agency.filter(code="TYPO").exists()
    # ...but a parent of units may not.
    parent = await _create(gql, world, "INDUK", "Induk")
    await _create(gql, world, "ANAK", "Anak", parent["id"])
    in_use = await gql(DELETE, {"input": {"id": parent["id"]}}, world.admin.token)
    assert in_use.data["agencyDelete"]["errors"][0]["code"] == "AGENCY_IN_USE"


async def test_liaison_keeps_own_profile_and_officials(gql, clock: FakeClock) -> None:
    world = await make_world(clock)
    pu = _gid(world.pu)
    profile = {
        "id": pu,
        "address": "Jl. Pulau Bangka, Air Itam",
        "phone": "+62 717-439 123",
        "email": "PU@BabelProv.go.id",
        "website": "https://pu.babelprov.go.id/profil",
        "description": "Urusan jalan, jembatan dan tata ruang.",
        "serviceHours": "Senin–Kamis 08.00–16.00, Jumat 08.00–16.30",
        "officials": [
            {"name": "Ir. Andi", "position": "Kepala Dinas"},
            {"name": "Budi, S.T.", "position": "Sekretaris"},
        ],
    }
    saved = (await gql(PROFILE, {"input": profile}, world.pu_liaison.token)).data["agencyProfileUpdate"]
    assert saved["errors"] == []
    agency = saved["agency"]
    assert agency["email"] == "PU@babelprov.go.id"  # the domain part is normalised
    assert agency["serviceHours"] == profile["serviceHours"]
    assert agency["officials"] == profile["officials"]

    # Change one, remove one, add one; fields left out stay as they are.
    officials = [
        {"name": "Dr. Citra", "position": "Kepala Dinas"},
        {"name": "Dedi", "position": "Kepala Bidang Bina Marga"},
    ]
    changed = await gql(PROFILE, {"input": {"id": pu, "officials": officials}}, world.pu_liaison.token)
    agency = changed.data["agencyProfileUpdate"]["agency"]
    assert agency["officials"] == officials and agency["phone"] == "+62 717-439 123"
    cleared = await gql(PROFILE, {"input": {"id": pu, "officials": [], "website": ""}}, world.admin.token)
    assert cleared.data["agencyProfileUpdate"]["agency"]["officials"] == []
    assert cleared.data["agencyProfileUpdate"]["agency"]["website"] == ""

    trail = await AuditEvent.filter(object_type="agency", object_id=world.pu.id).order_by("id")
    assert [e.action for e in trail] == ["agency_profile_update"] * 3
    assert trail[0].actor_id == world.pu_liaison.user.id
    assert trail[0].before["phone"] == "" and trail[0].after["phone"] == "+62 717-439 123"
    assert trail[1].before == {"officials": profile["officials"]}
    assert trail[1].after == {"officials": officials}
    assert trail[2].actor_id == world.admin.user.id
    assert trail[2].before == {"website": "https://pu.babelprov.go.id/profil", "officials": officials}
    assert trail[2].after == {"website": "", "officials": []}


async def test_nobody_else_touches_an_agency_profile(gql, clock: FakeClock) -> None:
    world = await make_world(clock)
    pu = _gid(world.pu)
    edit = {"input": {"id": pu, "phone": "0717 123456", "officials": [{"name": "X", "position": "Y"}]}}
    before = await _fingerprint()

    other_liaison = await gql(PROFILE, edit, world.dinkes_liaison.token)
    assert other_liaison.error_codes == ["FORBIDDEN"]
    assert other_liaison.body["data"] is None
    for person in ("budi", "analyst"):
        assert (await gql(PROFILE, edit, world.people[person].token)).error_codes == ["FORBIDDEN"]
    assert (await gql(PROFILE, edit)).error_codes == ["UNAUTHENTICATED"]
    assert await _fingerprint() == before


async def test_only_admins_manage_the_hierarchy(gql, clock: FakeClock) -> None:
    world = await make_world(clock)
    pu = _gid(world.pu)
    attempts = [
        (CREATE, {"input": {"code": "X", "name": "X"}}),
        (UPDATE, {"input": {"id": pu, "name": "Dinas PU Baru"}}),
        (MOVE, {"input": {"id": pu, "parentId": _gid(world.dinkes)}}),
        (DEACTIVATE, {"input": {"id": pu}}),
        (ACTIVATE, {"input": {"id": pu}}),
        (DELETE, {"input": {"id": pu}}),
    ]
    before = await _fingerprint()
    for query, variables in attempts:
        for person in ("pu_liaison", "budi", "analyst"):
            result = await gql(query, variables, world.people[person].token)
            assert result.error_codes == ["FORBIDDEN"], (query, person)
        assert (await gql(query, variables)).error_codes == ["UNAUTHENTICATED"]
    assert await _fingerprint() == before


async def test_bad_contact_details_are_each_invalid_and_change_nothing(gql, clock: FakeClock) -> None:
    world = await make_world(clock)
    pu = _gid(world.pu)
    before = await _fingerprint()
    result = await gql(
        PROFILE,
        {
            "input": {
                "id": pu,
                "phone": "12345",
                "email": "pu@@babelprov",
                "website": "javascript:alert(1)",
                "address": "x" * 301,
                "officials": [{"name": " ", "position": "Kepala"}],
            }
        },
        world.pu_liaison.token,
    )
    payload = result.data["agencyProfileUpdate"]
    assert payload["agency"] is None
    assert {(e["field"], e["code"]) for e in payload["errors"]} == {
        ("phone", "INVALID"),
        ("email", "INVALID"),
        ("website", "INVALID"),
        ("address", "TOO_LONG"),
        ("officials.0.name", "REQUIRED"),
    }
    for phone in [
        "0812",
        "+1 202 555 0100",
        "0812-3456-7890-1234",
        "08a2345678",
        "0812--345678",
        "+62 ８１２３４５６７８",
    ]:
        bad = await gql(PROFILE, {"input": {"id": pu, "phone": phone}}, world.pu_liaison.token)
        assert bad.data["agencyProfileUpdate"]["errors"][0]["field"] == "phone", phone
    for website in [
        "pu.babelprov.go.id",
        "ftp://pu.babelprov.go.id",
        "https://",
        "https://user:pw@x.id",
        "http://a b.id",
    ]:
        bad = await gql(PROFILE, {"input": {"id": pu, "website": website}}, world.pu_liaison.token)
        assert bad.data["agencyProfileUpdate"]["errors"][0]["field"] == "website", website
    for good_phone in ["081234567890", "0717 439123", "62717439123"]:
        good = await gql(PROFILE, {"input": {"id": pu, "phone": good_phone}}, world.pu_liaison.token)
        assert good.data["agencyProfileUpdate"]["errors"] == [], good_phone
    assert (await _fingerprint())[:3] != before[:3]  # the good phone numbers were saved


async def test_liaisons_are_shown_only_to_admins_and_colleagues(gql, clock: FakeClock) -> None:
    world = await make_world(clock)
    pu = _gid(world.pu)

    async def liaisons(token: str | None) -> list[dict[str, str]]:
        return (await gql(LIAISONS, {"id": pu}, token)).data["agency"]["liaisons"]

    assert await liaisons(world.admin.token) == [{"name": "Pu Liaison"}]
    assert await liaisons(world.pu_liaison.token) == [{"name": "Pu Liaison"}]
    for token in (world.dinkes_liaison.token, world.budi.token, world.analyst.token, None):
        assert await liaisons(token) == []


async def test_audit_trail_records_before_and_after_for_admins(gql, clock: FakeClock) -> None:
    world = await make_world(clock)
    created = await _create(gql, world, "DINSOS", "Dinas Sosial")
    await gql(UPDATE, {"input": {"id": created["id"], "name": "Dinas Sosial Provinsi"}}, world.admin.token)
    await gql(MOVE, {"input": {"id": created["id"], "parentId": _gid(world.pu)}}, world.admin.token)
    await gql(DEACTIVATE, {"input": {"id": created["id"]}}, world.admin.token)
    await gql(DEACTIVATE, {"input": {"id": created["id"]}}, world.admin.token)  # no change, no event

    page = (await gql(AUDIT, {"objectId": created["id"], "first": 3}, world.admin.token)).data["auditEvents"]
    nodes = [e["node"] for e in page["edges"]]
    assert [(n["action"], n["before"], n["after"]) for n in nodes] == [
        ("agency_deactivate", {"isActive": True}, {"isActive": False}),
        ("agency_move", {"parentId": None}, {"parentId": world.pu.id}),
        ("agency_update", {"name": "Dinas Sosial"}, {"name": "Dinas Sosial Provinsi"}),
    ]
    assert {n["objectId"] for n in nodes} == {created["id"]}
    assert {n["actor"]["name"] for n in nodes} == {"Admin"}
    assert page["pageInfo"]["hasNextPage"] is True
    rest = await gql(
        AUDIT, {"objectType": "agency", "after": page["pageInfo"]["endCursor"]}, world.admin.token
    )
    assert [e["node"]["action"] for e in rest.data["auditEvents"]["edges"]] == ["agency_create"]

    for person in ("pu_liaison", "budi", "analyst"):
        assert (await gql(AUDIT, {}, world.people[person].token)).error_codes == ["FORBIDDEN"]
    assert (await gql(AUDIT, {})).error_codes == ["UNAUTHENTICATED"]
    assert (await gql(AUDIT, {"objectId": "nonsense"}, world.admin.token)).error_codes == ["INVALID"]


async def test_agency_list_query_count_does_not_grow_with_the_page(gql, clock: FakeClock) -> None:
    world = await make_world(clock)
    for index in range(10):
        parent = await Agency.create(code=f"PD{index}", name=f"Perangkat Daerah {index}")
        await Agency.create(code=f"UNIT{index}", name=f"Unit {index}", parent=parent)
        await AgencyOfficial.create(agency=parent, name=f"Kepala {index}", position="Kepala", sort_order=0)
    listing = """
    query AgencyTree($first: Int) {
      agencies(first: $first) {
        edges { node { code level liaisons { name } officials { name } children { name level } } }
      }
    }
    """
    with count_queries() as small:
        assert len((await gql(listing, {"first": 2}, world.admin.token)).data["agencies"]["edges"]) == 2
    with count_queries() as large:
        result = await gql(listing, {"first": 10}, world.admin.token)
        assert len(result.data["agencies"]["edges"]) == 10

    # token, agencies, liaisons, officials, children; levels come from the agencies already loaded
    assert len(small) == len(large) == 5
