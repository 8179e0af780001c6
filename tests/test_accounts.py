"""Accounts: liaisons and their setup secrets, activation, own settings and sessions, registration,
login throttling, and an audit trail without secret material."""

from __future__ import annotations

import json
from datetime import timedelta

from lapor_gql.clock import FakeClock
from lapor_gql.db.models import AccessToken, AccountSecret, AuditEvent, LoginAttempt, User
from lapor_gql.schema.ids import encode_id

from . import operations as op
from .world import PASSWORD, World, make_world

NEW_PASSWORD = "kopi tubruk di pagi hari"

LIAISON_CREATE = """
mutation LiaisonCreate($input: LiaisonCreateInput!) {
  liaisonCreate(input: $input) {
    user { id name email phone role isActive agency { code } }
    secret
    secretExpiresAt
    errors { field code message }
  }
}
"""

PASSWORD_RESET = """
mutation PasswordReset($input: PasswordResetInput!) {
  passwordReset(input: $input) { user { name role } errors { field code message } }
}
"""

PASSWORD_RESET_ISSUE = """
mutation UserPasswordResetIssue($input: UserIdInput!) {
  userPasswordResetIssue(input: $input) { user { name } secret secretExpiresAt errors { field code message } }
}
"""

USER_DEACTIVATE = """
mutation UserDeactivate($input: UserIdInput!) {
  userDeactivate(input: $input) { user { id isActive } errors { field code message } }
}
"""

USER_ACTIVATE = """
mutation UserActivate($input: UserIdInput!) {
  userActivate(input: $input) { user { id isActive } errors { field code message } }
}
"""

ACCOUNT_REGISTER = """
mutation AccountRegister($input: AccountRegisterInput!) {
  accountRegister(input: $input) {
    token
    expiresAt
    user { name role }
    errors { field code message }
  }
}
"""

ACCOUNT_UPDATE = """
mutation AccountUpdate($input: AccountUpdateInput!) {
  accountUpdate(input: $input) { user { name email phone } errors { field code message } }
}
"""

PASSWORD_CHANGE = """
mutation PasswordChange($input: PasswordChangeInput!) {
  passwordChange(input: $input) { user { name } errors { field code message } }
}
"""

MY_SESSIONS = """
query MySessions { mySessions { id createdAt expiresAt isCurrent } }
"""

SESSION_REVOKE = """
mutation SessionRevoke($input: SessionRevokeInput!) {
  sessionRevoke(input: $input) { session { id isCurrent } errors { field code message } }
}
"""

USERS = """
query Users($filter: UserFilter, $first: Int, $after: String) {
  users(filter: $filter, first: $first, after: $after) {
    edges { cursor node { name email role isActive agency { code } } }
    pageInfo { hasNextPage endCursor }
  }
}
"""

MY_ACCOUNT = """
query MyAccount { me { name email phone isActive role } }
"""


async def _login(gql, email: str, password: str) -> dict:
    result = await gql(op.TOKEN_CREATE, {"input": {"email": email, "password": password}})
    return result.data["tokenCreate"]


async def _create_liaison(gql, world: World, email: str = "rina@example.id") -> dict:
    result = await gql(
        LIAISON_CREATE,
        {
            "input": {
                "name": "Rina Pejabat Penghubung",
                "email": email,
                "phone": "0812-3456-7890",
                "agencyId": encode_id("Agency", world.pu.id),
            }
        },
        world.admin.token,
    )
    return result.data["liaisonCreate"]


async def _user_id(email: str) -> str:
    user = await User.get(email=email)
    return encode_id("User", user.id)


async def _fingerprint() -> tuple[object, ...]:
    users = await User.all().order_by("id").values_list("id", "email", "password_hash", "is_active", "phone")
    tokens = await AccessToken.all().order_by("id").values_list("id", "revoked_at")
    secrets = await AccountSecret.all().order_by("id").values_list("id", "used_at")
    return users, tokens, secrets, await AuditEvent.all().count()


async def test_admin_registers_a_liaison_who_sets_a_password_and_handles_a_report(
    gql, clock: FakeClock
) -> None:
    world = await make_world(clock)

    created = await _create_liaison(gql, world)
    assert created["errors"] == []
    assert created["user"] == {
        "id": created["user"]["id"],
        "name": "Rina Pejabat Penghubung",
        "email": "rina@example.id",
        "phone": "081234567890",
        "role": "LIAISON",
        "isActive": True,
        "agency": {"code": "PU"},
    }
    secret = created["secret"]
    assert len(secret) >= 32
    # Before the setup secret is used there is no password that works.
    assert (await _login(gql, "rina@example.id", ""))["errors"][0]["code"] == "INVALID_CREDENTIALS"
    stored = await AccountSecret.get(user_id=(await User.get(email="rina@example.id")).id)
    assert stored.secret_hash != secret and secret not in stored.secret_hash

    reset = await gql(PASSWORD_RESET, {"input": {"secret": secret, "newPassword": NEW_PASSWORD}})
    assert reset.data["passwordReset"] == {
        "user": {"name": "Rina Pejabat Penghubung", "role": "LIAISON"},
        "errors": [],
    }
    login = await _login(gql, "RINA@example.id", NEW_PASSWORD)
    assert login["errors"] == [] and login["user"]["role"] == "LIAISON"

    submitted = await gql(
        op.SUBMIT,
        {"input": {"title": "Jalan rusak", "body": "Berlubang.", "classification": "COMPLAINT"}},
        world.budi.token,
    )
    report_id = submitted.data["reportSubmit"]["report"]["id"]
    await gql(
        op.DISPOSE,
        {"input": {"id": report_id, "agencyId": encode_id("Agency", world.pu.id)}},
        world.admin.token,
    )
    followed = await gql(
        op.FOLLOW_UP, {"input": {"id": report_id, "message": "Segera kami tambal."}}, login["token"]
    )
    assert followed.data["reportFollowUp"]["errors"] == []
    assert followed.data["reportFollowUp"]["report"]["status"] == "IN_PROGRESS"


async def test_used_expired_superseded_and_unknown_secrets_are_all_secret_invalid(
    gql, clock: FakeClock
) -> None:
    world = await make_world(clock)
    first = (await _create_liaison(gql, world, "satu@example.id"))["secret"]
    second = (await _create_liaison(gql, world, "dua@example.id"))["secret"]
    third = (await _create_liaison(gql, world, "tiga@example.id"))["secret"]

    # A weak password is refused without using up the secret.
    weak = await gql(PASSWORD_RESET, {"input": {"secret": first, "newPassword": "123"}})
    assert weak.data["passwordReset"]["errors"][0] == {
        "field": "newPassword",
        "code": "PASSWORD_WEAK",
        "message": weak.data["passwordReset"]["errors"][0]["message"],
    }
    ok = await gql(PASSWORD_RESET, {"input": {"secret": first, "newPassword": NEW_PASSWORD}})
    assert ok.data["passwordReset"]["errors"] == []

    # An admin-issued reset secret supersedes the setup secret not yet used.
    issued = await gql(
        PASSWORD_RESET_ISSUE, {"input": {"id": await _user_id("tiga@example.id")}}, world.admin.token
    )
    assert issued.data["userPasswordResetIssue"]["secret"] not in (None, third)

    before = await _fingerprint()
    reused = await gql(PASSWORD_RESET, {"input": {"secret": first, "newPassword": "lain lagi kata sandinya"}})
    unknown = await gql(PASSWORD_RESET, {"input": {"secret": "x" * 43, "newPassword": NEW_PASSWORD}})
    garbage = await gql(PASSWORD_RESET, {"input": {"secret": "\u0000", "newPassword": NEW_PASSWORD}})
    superseded = await gql(PASSWORD_RESET, {"input": {"secret": third, "newPassword": NEW_PASSWORD}})
    clock.advance(timedelta(hours=72))
    expired = await gql(PASSWORD_RESET, {"input": {"secret": second, "newPassword": NEW_PASSWORD}})

    answers = [r.data["passwordReset"] for r in (reused, unknown, garbage, superseded, expired)]
    assert all(a == answers[0] for a in answers)
    assert answers[0]["errors"] == [
        {
            "field": "secret",
            "code": "SECRET_INVALID",
            "message": "Kode ini tidak valid, sudah dipakai, atau kedaluwarsa.",
        }
    ]
    assert await _fingerprint() == before
    assert (await _login(gql, "satu@example.id", NEW_PASSWORD))["errors"] == []


async def test_a_deactivated_liaison_is_refused_at_once_and_can_be_reactivated(gql, clock: FakeClock) -> None:
    world = await make_world(clock)
    extra = await _login(gql, "pu_liaison@lapor.test", PASSWORD)
    assert (await gql(op.ME, token=world.pu_liaison.token)).data["me"]["role"] == "LIAISON"

    deactivated = await gql(
        USER_DEACTIVATE, {"input": {"id": encode_id("User", world.pu_liaison.user.id)}}, world.admin.token
    )
    assert deactivated.data["userDeactivate"]["user"]["isActive"] is False

    for token in (world.pu_liaison.token, extra["token"]):
        refused = await gql(op.ME, token=token)
        assert (refused.status_code, refused.error_codes) == (401, ["TOKEN_INVALID"])
    assert await AccessToken.filter(user_id=world.pu_liaison.user.id, revoked_at=None).count() == 0
    right = await _login(gql, "pu_liaison@lapor.test", PASSWORD)
    wrong = await _login(gql, "pu_liaison@lapor.test", "not the password at all")
    assert right == wrong and right["errors"][0]["code"] == "INVALID_CREDENTIALS"

    activated = await gql(
        USER_ACTIVATE, {"input": {"id": encode_id("User", world.pu_liaison.user.id)}}, world.admin.token
    )
    assert activated.data["userActivate"]["user"]["isActive"] is True
    assert (await gql(op.ME, token=world.pu_liaison.token)).status_code == 401  # old tokens stay revoked
    again = await _login(gql, "pu_liaison@lapor.test", PASSWORD)
    assert again["errors"] == []
    assert (await gql(op.ME, token=again["token"])).data["me"]["role"] == "LIAISON"


async def test_admins_cannot_be_deactivated_nor_reset_and_unknown_users_are_not_found(
    gql, clock: FakeClock
) -> None:
    world = await make_world(clock)
    before = await _fingerprint()

    self_deactivate = await gql(
        USER_DEACTIVATE, {"input": {"id": encode_id("User", world.admin.user.id)}}, world.admin.token
    )
    reset_admin = await gql(
        PASSWORD_RESET_ISSUE, {"input": {"id": encode_id("User", world.admin.user.id)}}, world.admin.token
    )
    unknown = await gql(USER_DEACTIVATE, {"input": {"id": encode_id("User", 4242)}}, world.admin.token)
    garbage = await gql(USER_ACTIVATE, {"input": {"id": "%%%"}}, world.admin.token)

    assert self_deactivate.data["userDeactivate"]["errors"][0]["code"] == "ADMIN_PROTECTED"
    assert reset_admin.data["userPasswordResetIssue"]["errors"][0]["code"] == "ADMIN_PROTECTED"
    assert unknown.data["userDeactivate"]["errors"][0]["code"] == "NOT_FOUND"
    assert garbage.data["userActivate"]["errors"][0] == {
        "field": "id",
        "code": "INVALID",
        "message": "Nilai tidak valid.",
    }
    assert await _fingerprint() == before


async def test_admin_issued_reset_secret_sets_a_password_and_ends_every_session(
    gql, clock: FakeClock
) -> None:
    world = await make_world(clock)
    issued = await gql(
        PASSWORD_RESET_ISSUE, {"input": {"id": encode_id("User", world.budi.user.id)}}, world.admin.token
    )
    secret = issued.data["userPasswordResetIssue"]["secret"]
    assert (
        issued.data["userPasswordResetIssue"]["secretExpiresAt"]
        == (clock.now + timedelta(hours=72)).isoformat()
    )

    reset = await gql(PASSWORD_RESET, {"input": {"secret": secret, "newPassword": NEW_PASSWORD}})

    assert reset.data["passwordReset"]["errors"] == []
    assert (await gql(op.ME, token=world.budi.token)).status_code == 401
    assert (await _login(gql, "budi@lapor.test", PASSWORD))["errors"][0]["code"] == "INVALID_CREDENTIALS"
    assert (await _login(gql, "budi@lapor.test", NEW_PASSWORD))["errors"] == []


async def test_password_change_keeps_this_session_and_ends_the_others(gql, clock: FakeClock) -> None:
    world = await make_world(clock)
    here = (await _login(gql, "budi@lapor.test", PASSWORD))["token"]
    elsewhere = (await _login(gql, "budi@lapor.test", PASSWORD))["token"]
    before = await _fingerprint()

    wrong = await gql(
        PASSWORD_CHANGE, {"input": {"currentPassword": "tebakan", "newPassword": "12345678901"}}, here
    )
    assert {(e["field"], e["code"]) for e in wrong.data["passwordChange"]["errors"]} == {
        ("currentPassword", "INVALID_CREDENTIALS"),
        ("newPassword", "PASSWORD_WEAK"),
    }
    assert await _fingerprint() == before

    changed = await gql(
        PASSWORD_CHANGE, {"input": {"currentPassword": PASSWORD, "newPassword": NEW_PASSWORD}}, here
    )
    assert changed.data["passwordChange"] == {"user": {"name": "Budi"}, "errors": []}
    assert (await gql(op.ME, token=here)).data["me"]["email"] == "budi@lapor.test"
    for token in (elsewhere, world.budi.token):
        assert (await gql(op.ME, token=token)).status_code == 401
    sessions = (await gql(MY_SESSIONS, token=here)).data["mySessions"]
    assert [s["isCurrent"] for s in sessions] == [True]
    assert (await gql(op.ME, token=world.siti.token)).status_code == 200  # nobody else is touched
    assert (await _login(gql, "budi@lapor.test", PASSWORD))["errors"][0]["code"] == "INVALID_CREDENTIALS"
    assert (await _login(gql, "budi@lapor.test", NEW_PASSWORD))["errors"] == []


async def test_sessions_are_listed_without_tokens_and_only_the_owner_may_revoke_them(
    gql, clock: FakeClock
) -> None:
    world = await make_world(clock)
    clock.advance(minutes=5)
    second = (await _login(gql, "budi@lapor.test", PASSWORD))["token"]

    listed = await gql(MY_SESSIONS, token=second)
    sessions = listed.data["mySessions"]
    assert [s["isCurrent"] for s in sessions] == [True, False]  # newest first
    assert all(set(s) == {"id", "createdAt", "expiresAt", "isCurrent"} for s in sessions)
    body = json.dumps(listed.body)
    assert second not in body and world.budi.token not in body
    for row in await AccessToken.filter(user_id=world.budi.user.id):
        assert row.token_hash not in body

    before = await _fingerprint()
    by_siti = await gql(SESSION_REVOKE, {"input": {"id": sessions[1]["id"]}}, world.siti.token)
    wrong_kind = await gql(SESSION_REVOKE, {"input": {"id": encode_id("Report", 1)}}, world.budi.token)
    by_nobody = await gql(SESSION_REVOKE, {"input": {"id": sessions[1]["id"]}})
    assert by_siti.data["sessionRevoke"]["errors"][0]["code"] == "NOT_FOUND"
    assert wrong_kind.data["sessionRevoke"]["errors"][0]["code"] == "INVALID"
    assert by_nobody.error_codes == ["UNAUTHENTICATED"]
    assert (await gql(MY_SESSIONS)).error_codes == ["UNAUTHENTICATED"]
    assert await _fingerprint() == before

    revoked = await gql(SESSION_REVOKE, {"input": {"id": sessions[1]["id"]}}, second)
    assert revoked.data["sessionRevoke"]["session"] == {"id": sessions[1]["id"], "isCurrent": False}
    assert (await gql(op.ME, token=world.budi.token)).status_code == 401
    again = await gql(SESSION_REVOKE, {"input": {"id": sessions[1]["id"]}}, second)
    assert again.data["sessionRevoke"]["errors"][0]["code"] == "NOT_FOUND"

    logout = await gql(SESSION_REVOKE, {"input": {"id": sessions[0]["id"]}}, second)
    assert logout.data["sessionRevoke"]["session"]["isCurrent"] is True
    assert (await gql(op.ME, token=second)).status_code == 401


async def test_account_update_changes_own_profile_and_refuses_a_taken_email(gql, clock: FakeClock) -> None:
    world = await make_world(clock)
    await User.filter(id=world.siti.user.id).update(email="siti@example.id")  # .test is not deliverable
    before = await _fingerprint()

    taken = await gql(
        ACCOUNT_UPDATE,
        {"input": {"email": "SITI@example.id", "phone": "12ab", "name": " "}},
        world.budi.token,
    )
    assert {(e["field"], e["code"]) for e in taken.data["accountUpdate"]["errors"]} == {
        ("email", "EMAIL_TAKEN"),
        ("phone", "INVALID"),
        ("name", "REQUIRED"),
    }
    assert await _fingerprint() == before

    updated = await gql(
        ACCOUNT_UPDATE,
        {"input": {"name": "Budi Santoso", "phone": "+62 811 7000 123", "email": "budi.s@example.id"}},
        world.budi.token,
    )
    assert updated.data["accountUpdate"] == {
        "user": {"name": "Budi Santoso", "email": "budi.s@example.id", "phone": "+628117000123"},
        "errors": [],
    }
    me = (await gql(MY_ACCOUNT, token=world.budi.token)).data["me"]
    assert (me["phone"], me["isActive"]) == ("+628117000123", True)
    assert (await _login(gql, "budi.s@example.id", PASSWORD))["errors"] == []


async def test_others_do_not_see_phone_or_activation(gql, clock: FakeClock) -> None:
    world = await make_world(clock)
    await User.filter(id=world.budi.user.id).update(phone="081200001111")
    submitted = await gql(
        op.SUBMIT,
        {"input": {"title": "Lampu mati", "body": "Gelap.", "classification": "COMPLAINT"}},
        world.budi.token,
    )
    report_id = submitted.data["reportSubmit"]["report"]["id"]
    query = "query Reporter($id: ID!) { report(id: $id) { reporter { name email phone isActive } } }"

    seen_by_siti = await gql(query, {"id": report_id}, world.siti.token)
    seen_by_admin = await gql(query, {"id": report_id}, world.admin.token)

    assert seen_by_siti.data["report"]["reporter"] == {
        "name": "Budi",
        "email": None,
        "phone": None,
        "isActive": None,
    }
    assert seen_by_admin.data["report"]["reporter"]["phone"] == "081200001111"
    assert seen_by_admin.data["report"]["reporter"]["isActive"] is True


async def test_citizens_register_and_every_bad_field_is_reported_at_once(gql, clock: FakeClock) -> None:
    world = await make_world(clock)
    before = await _fingerprint()

    bad = await gql(
        ACCOUNT_REGISTER,
        {
            "input": {
                "name": "",
                "email": "bukan-email@",
                "phone": "12-ab",
                "password": "1234567890123",
                "nik": "0171234567890123",
            }
        },
        language="en",
    )
    assert bad.data["accountRegister"]["token"] is None
    assert {(e["field"], e["code"]) for e in bad.data["accountRegister"]["errors"]} == {
        ("name", "REQUIRED"),
        ("email", "INVALID"),
        ("phone", "INVALID"),
        ("password", "PASSWORD_WEAK"),
        ("nik", "INVALID"),
    }
    assert "at least 10 characters" in json.dumps(bad.body)

    good = {
        "name": "Ayu Lestari",
        "email": "ayu@example.id",
        "phone": "0812 3456 789",
        "password": NEW_PASSWORD,
        "nik": "1971012345678901",
    }
    cases = {
        "email": [
            ("budi@lapor.test", "INVALID"),
            ("SITI@LAPOR.TEST", "INVALID"),
            ("a b@example.id", "INVALID"),
        ],
        "phone": [("0812", "INVALID"), ("+1 202 555 0100", "INVALID"), ("0812345678901234", "INVALID")],
        "nik": [
            ("197101234567890", "INVALID"),
            ("19710123456789012", "INVALID"),
            ("197101234567890x", "INVALID"),
        ],
        "password": [
            ("pendek", "PASSWORD_WEAK"),
            ("98765432109876", "PASSWORD_WEAK"),
            ("Password123", "PASSWORD_WEAK"),
            ("aaaaaaaaaaaaaaa", "PASSWORD_WEAK"),
            ("ayu-rahasia-sekali", "PASSWORD_WEAK"),
            ("x" * 257, "TOO_LONG"),
        ],
    }
    for field, values in cases.items():
        for value, code in values:
            result = await gql(ACCOUNT_REGISTER, {"input": {**good, field: value}})
            errors = result.data["accountRegister"]["errors"]
            assert [(e["field"], e["code"]) for e in errors] == [(field, code)], (field, value, errors)
    assert await _fingerprint() == before

    registered = await gql(ACCOUNT_REGISTER, {"input": good})
    payload = registered.data["accountRegister"]
    assert payload["errors"] == [] and payload["user"] == {"name": "Ayu Lestari", "role": "CITIZEN"}
    me = (await gql(MY_ACCOUNT, token=payload["token"])).data["me"]
    assert me == {
        "name": "Ayu Lestari",
        "email": "ayu@example.id",
        "phone": "08123456789",
        "isActive": True,
        "role": "CITIZEN",
    }
    assert (await User.get(email="ayu@example.id")).nik == "1971012345678901"

    after_first = await _fingerprint()
    duplicate = await gql(ACCOUNT_REGISTER, {"input": {**good, "email": "AYU@example.id", "nik": None}})
    assert [(e["field"], e["code"]) for e in duplicate.data["accountRegister"]["errors"]] == [
        ("email", "EMAIL_TAKEN")
    ]
    assert await _fingerprint() == after_first
    assert world.budi.token  # the world is untouched by all of this


async def test_logins_are_throttled_per_email_whether_or_not_the_account_exists(
    gql, clock: FakeClock
) -> None:
    await make_world(clock)

    for email in ("budi@lapor.test", "nobody@lapor.test"):
        for _ in range(5):
            failed = await _login(gql, email, "salah terus")
            assert failed["errors"][0]["code"] == "INVALID_CREDENTIALS"
    locked_known = await _login(gql, "budi@lapor.test", PASSWORD)
    locked_unknown = await _login(gql, "Nobody@lapor.test", PASSWORD)
    assert locked_known == locked_unknown
    assert locked_known["token"] is None
    assert locked_known["errors"] == [
        {
            "field": "email",
            "code": "TOO_MANY_ATTEMPTS",
            "message": "Terlalu banyak percobaan masuk yang gagal. Coba lagi dalam 15 menit.",
        }
    ]
    assert (await _login(gql, "siti@lapor.test", PASSWORD))["errors"] == []  # other addresses are not locked
    stored = json.dumps([a.key_hash for a in await LoginAttempt.all()])
    assert "budi" not in stored and "nobody" not in stored

    clock.advance(minutes=14, seconds=59)
    assert (await _login(gql, "budi@lapor.test", PASSWORD))["errors"][0]["code"] == "TOO_MANY_ATTEMPTS"
    clock.advance(seconds=1)
    assert (await _login(gql, "budi@lapor.test", PASSWORD))["errors"] == []

    # A success resets the count: four more failures do not lock.
    for _ in range(4):
        await _login(gql, "budi@lapor.test", "salah terus")
    assert (await _login(gql, "budi@lapor.test", PASSWORD))["errors"] == []
    for _ in range(4):
        await _login(gql, "budi@lapor.test", "salah terus")
    # Failures older than the window no longer count.
    clock.advance(minutes=15)
    await _login(gql, "budi@lapor.test", "salah terus")
    assert (await _login(gql, "budi@lapor.test", PASSWORD))["errors"] == []


async def test_account_administration_is_for_admins_only(gql, clock: FakeClock) -> None:
    world = await make_world(clock)
    target = encode_id("User", world.budi.user.id)
    agency = encode_id("Agency", world.pu.id)
    liaison_input = {"name": "X", "email": "x@example.id", "agencyId": agency}
    calls = [
        (LIAISON_CREATE, {"input": liaison_input}),
        (USER_DEACTIVATE, {"input": {"id": target}}),
        (USER_ACTIVATE, {"input": {"id": target}}),
        (PASSWORD_RESET_ISSUE, {"input": {"id": target}}),
        (USERS, {}),
    ]
    before = await _fingerprint()
    for query, variables in calls:
        for person in ("pu_liaison", "analyst", "siti", "budi"):
            result = await gql(query, variables, world.people[person].token)
            assert result.error_codes == ["FORBIDDEN"], (person, query)
        assert (await gql(query, variables)).error_codes == ["UNAUTHENTICATED"]
    for query in (ACCOUNT_UPDATE, PASSWORD_CHANGE):
        variables = (
            {"input": {"name": "X"}}
            if query is ACCOUNT_UPDATE
            else {"input": {"currentPassword": PASSWORD, "newPassword": NEW_PASSWORD}}
        )
        assert (await gql(query, variables)).error_codes == ["UNAUTHENTICATED"]
    assert await _fingerprint() == before


async def test_admins_list_and_filter_users(gql, clock: FakeClock) -> None:
    world = await make_world(clock)
    await gql(USER_DEACTIVATE, {"input": {"id": encode_id("User", world.siti.user.id)}}, world.admin.token)

    liaisons = await gql(USERS, {"filter": {"role": "LIAISON"}}, world.admin.token)
    of_pu = await gql(USERS, {"filter": {"agencyId": encode_id("Agency", world.pu.id)}}, world.admin.token)
    inactive = await gql(USERS, {"filter": {"active": False}}, world.admin.token)
    page = await gql(USERS, {"first": 3}, world.admin.token)
    rest = await gql(USERS, {"after": page.data["users"]["pageInfo"]["endCursor"]}, world.admin.token)
    bad_cursor = await gql(USERS, {"after": "bm9wZTox"}, world.admin.token)

    assert [e["node"]["agency"]["code"] for e in liaisons.data["users"]["edges"]] == [
        "PU",
        "DINKES",
        "DINDIK",
    ]
    assert [e["node"]["email"] for e in of_pu.data["users"]["edges"]] == ["pu_liaison@lapor.test"]
    assert [(e["node"]["name"], e["node"]["isActive"]) for e in inactive.data["users"]["edges"]] == [
        ("Siti", False)
    ]
    assert page.data["users"]["pageInfo"]["hasNextPage"] is True
    assert len(page.data["users"]["edges"]) + len(rest.data["users"]["edges"]) == 7
    assert bad_cursor.error_codes == ["INVALID"]


async def test_account_changes_are_audited_without_secret_material(gql, clock: FakeClock) -> None:
    world = await make_world(clock)
    created = await _create_liaison(gql, world)
    await gql(PASSWORD_RESET, {"input": {"secret": created["secret"], "newPassword": NEW_PASSWORD}})
    rina = await _login(gql, "rina@example.id", NEW_PASSWORD)
    other = await _login(gql, "rina@example.id", NEW_PASSWORD)
    await gql(ACCOUNT_UPDATE, {"input": {"phone": "0813 1111 2222"}}, rina["token"])
    await gql(
        PASSWORD_CHANGE,
        {"input": {"currentPassword": NEW_PASSWORD, "newPassword": "teh manis hangat sekali"}},
        rina["token"],
    )
    sessions = (await gql(MY_SESSIONS, token=rina["token"])).data["mySessions"]
    await gql(SESSION_REVOKE, {"input": {"id": sessions[0]["id"]}}, rina["token"])  # log out
    await _login(gql, "rina@example.id", "teh manis hangat sekali")
    issued = await gql(PASSWORD_RESET_ISSUE, {"input": {"id": created["user"]["id"]}}, world.admin.token)
    await gql(USER_DEACTIVATE, {"input": {"id": created["user"]["id"]}}, world.admin.token)
    await gql(USER_ACTIVATE, {"input": {"id": created["user"]["id"]}}, world.admin.token)
    registered = await gql(
        ACCOUNT_REGISTER,
        {
            "input": {
                "name": "Ayu",
                "email": "ayu@example.id",
                "phone": "081234567890",
                "password": NEW_PASSWORD,
            }
        },
    )

    rina_id = (await User.get(email="rina@example.id")).id
    events = await AuditEvent.filter(object_type="user").order_by("id")
    assert [(e.action, e.object_id) for e in events] == [
        ("liaison_created", rina_id),
        ("password_reset", rina_id),
        ("account_updated", rina_id),
        ("password_changed", rina_id),
        ("session_revoked", rina_id),
        ("password_reset_issued", rina_id),
        ("user_deactivated", rina_id),
        ("user_activated", rina_id),
        ("account_registered", (await User.get(email="ayu@example.id")).id),
    ]
    assert [e.actor_id for e in events[:6]] == [
        world.admin.user.id,
        rina_id,
        rina_id,
        rina_id,
        rina_id,
        world.admin.user.id,
    ]
    assert events[2].before == {"phone": "081234567890"} and events[2].after == {"phone": "081311112222"}
    assert events[6].after == {"isActive": False, "sessionsRevoked": 1}

    serialized = json.dumps([[e.before, e.after] for e in events]).lower()
    secret_values = [
        created["secret"],
        issued.data["userPasswordResetIssue"]["secret"],
        rina["token"],
        other["token"],
        registered.data["accountRegister"]["token"],
        NEW_PASSWORD,
        "teh manis hangat sekali",
    ]
    for value in secret_values:
        assert value.lower() not in serialized
    for word in ("password", "secret", "hash", "token", "$argon2", 'nik"'):
        assert word not in serialized, word
    for row in await AccountSecret.all():
        assert row.secret_hash not in serialized
