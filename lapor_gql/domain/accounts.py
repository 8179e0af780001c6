"""Accounts: passwords, bearer tokens and sessions, login throttling, one-time setup and reset secrets,
liaison accounts, citizen self-registration and everyone's own account settings.

No secret, token or password hash ever leaves this module in a return value meant for display, the
audit trail or a log: secrets and tokens are returned once, to whoever asked for them, and only their
SHA-256 is stored.
"""

from __future__ import annotations

import asyncio
import hashlib
import re
import secrets
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from email_validator import EmailNotValidError, validate_email
from tortoise.exceptions import IntegrityError
from tortoise.transactions import in_transaction

from lapor_gql.clock import Clock
from lapor_gql.db.models import (
    AccessToken,
    AccountSecret,
    Agency,
    ReportAccessToken,
    Role,
    SecretPurpose,
    User,
)
from lapor_gql.db.projections import token_by_hash

from . import idempotency, policy
from .actors import Actor
from .audit import record_audit
from .errors import AccessDenied, FieldProblem, InvalidInput, LaporError, NotFound
from .throttling import Throttle, clear_attempts, reserve_attempt
from .validation import InputCheck, is_clean_text

_hasher = PasswordHasher()
# Verified against when the e-mail is unknown, so a login takes as long whether or not the account exists.
_DUMMY_HASH = _hasher.hash("lapor-gql timing equaliser")


class InvalidCredentials(LaporError):
    code = "INVALID_CREDENTIALS"


@dataclass(frozen=True)
class IssuedToken:
    token: str  # empty in a replay: the token existed only in the first answer (only its hash is kept)
    expires_at: datetime | None
    user: User


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def password_matches(password_hash: str, password: str) -> bool:
    try:
        return _hasher.verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


async def create_token(
    clock: Clock, email: str, password: str, ttl: timedelta, throttle: Throttle | None = None
) -> IssuedToken:
    """Log in. Unknown e-mail, wrong password and a deactivated account fail alike.

    With a ``throttle``, an e-mail address with too many recent failures is refused for a while,
    whether or not an account has it and even with the right password. The attempt is counted as a
    failure before the password is checked, so a burst of parallel guesses cannot outrun the count.

    An address no account can have (too long, control characters) fails alike at once, uncounted: no
    password is evaluated for it, and that no account has it is no secret. A replay whose first answer
    was lost is refused: the token existed only in that answer.
    """
    idempotency.no_replay()
    address = email.strip().lower()
    if not (is_clean_text(email) and is_clean_text(password)) or len(address) > EMAIL_MAX:
        raise InvalidCredentials("email")
    reservation = await reserve_attempt(clock(), address, throttle, "email") if throttle else None
    user = await User.filter(email=address).first()
    # argon2 takes ~100 ms of CPU on purpose; off the event loop, so logins do not stall the server.
    matches = await asyncio.to_thread(password_matches, user.password_hash if user else _DUMMY_HASH, password)
    if user is None or not matches or not user.is_active:
        raise InvalidCredentials("email")  # the reservation stays counted as the failure
    if reservation is not None:
        await clear_attempts(reservation)
    return await _issue_token(user, clock(), ttl)


async def _issue_token(user: User, now: datetime, ttl: timedelta) -> IssuedToken:
    async with idempotency.command_transaction() as record:
        issued, session = await _new_token(user, now, ttl)
        record.produced(session)
    return issued


async def _new_token(user: User, now: datetime, ttl: timedelta) -> tuple[IssuedToken, AccessToken]:
    token = secrets.token_urlsafe(32)
    expires_at = now + ttl
    session = await AccessToken.create(
        token_hash=_digest(token), user=user, created_at=now, expires_at=expires_at
    )
    return IssuedToken(token=token, expires_at=expires_at, user=user), session


async def actor_from_token(clock: Clock, token: str) -> Actor:
    if not is_clean_text(token):
        raise AccessDenied("TOKEN_INVALID")
    record = await token_by_hash(_digest(token))
    if record is None or record.revoked_at is not None or not record.user_is_active:
        raise AccessDenied("TOKEN_INVALID")
    if record.expires_at <= clock():
        raise AccessDenied("TOKEN_EXPIRED")
    return Actor(
        user_id=record.user_id,
        role=Role(record.user_role),
        agency_id=record.user_agency_id,
        token_id=record.id,
    )


# --- errors and policies --------------------------------------------------------------------


class SecretInvalid(LaporError):
    """Unknown, used, expired or superseded: always the same answer."""

    code = "SECRET_INVALID"


class AdminProtected(LaporError):
    code = "ADMIN_PROTECTED"


NAME_MAX = 200
EMAIL_MAX = 254
PHONE_MAX = 32
PASSWORD_MIN = 10
PASSWORD_MAX = 256
SECRET_MAX = 200
PAGE_SIZE_MAX = 100
# Not an argon2 hash, so it never verifies: a liaison has no password until they use their setup secret.
UNUSABLE_PASSWORD_HASH = "!no-password-yet"

_PHONE_SEPARATORS = re.compile(r"[ \-]")
# Indonesian numbers: 0…, 62… or +62…, 8 to 15 digits in all. [0-9], not \d: no other scripts' digits.
_PHONE = re.compile(r"(?:\+62|62|0)[0-9]{6,14}")
_PHONE_DIGITS = re.compile(r"\+?[0-9]{8,15}")
_NIK = re.compile(r"[1-9][0-9]{15}")

# Passwords of ten characters or more that still head every leaked-password list, Indonesian ones too.
COMMON_PASSWORDS = frozenset(
    {
        "password123",
        "password1234",
        "password12345",
        "passw0rd123",
        "qwertyuiop",
        "qwerty12345",
        "qwerty123456",
        "1q2w3e4r5t",
        "1qaz2wsx3edc",
        "zaq12wsxcde3",
        "asdfghjkl1",
        "iloveyou123",
        "abcdefghij",
        "abcd123456",
        "abc1234567",
        "admin12345",
        "admin123456",
        "administrator",
        "bismillah123",
        "bismillah1",
        "indonesia1",
        "indonesia123",
        "indonesiaraya",
        "sayangku123",
        "rahasia123",
        "katasandi123",
        "merahputih",
        "jakarta123",
        "welcome123",
        "letmein123",
        "lapor12345",
        "lapor!2026",
    }
)


def password_is_weak(password: str, email: str) -> bool:
    """The password policy, in one place.

    At least ``PASSWORD_MIN`` characters; not only digits; at least four different characters; not a
    common password; not containing the local part of the account's e-mail address.
    """
    lowered = password.lower()
    local_part = email.strip().lower().partition("@")[0]
    return (
        len(password) < PASSWORD_MIN
        or password.isdigit()
        or len(set(lowered)) < 4
        or lowered in COMMON_PASSWORDS
        or (len(local_part) >= 3 and local_part in lowered)
    )


# --- input checks ---------------------------------------------------------------------------


def _check_email(check: InputCheck, field: str, value: str) -> str:
    known = len(check.problems)
    raw = check.text(field, value, max_length=EMAIL_MAX, required=True)
    if len(check.problems) > known:
        return raw
    try:
        return validate_email(raw, check_deliverability=False).normalized.lower()
    except EmailNotValidError:
        check.fail(field, "INVALID")
        return raw


def _check_phone(check: InputCheck, field: str, value: str, *, required: bool) -> str:
    known = len(check.problems)
    raw = check.text(field, value, max_length=PHONE_MAX, required=required)
    if len(check.problems) > known or not raw:
        return raw
    phone = _PHONE_SEPARATORS.sub("", raw)
    if not (_PHONE.fullmatch(phone) and _PHONE_DIGITS.fullmatch(phone)):
        check.fail(field, "INVALID")
    return phone


def _check_nik(check: InputCheck, field: str, value: str | None) -> str | None:
    nik = (value or "").strip()
    if not nik:
        return None
    if not _NIK.fullmatch(nik):
        check.fail(field, "INVALID")
    return nik


def _check_new_password(check: InputCheck, field: str, password: str, email: str) -> None:
    if not is_clean_text(password):
        check.fail(field, "INVALID")
    elif len(password) > PASSWORD_MAX:
        check.fail(field, "TOO_LONG", max=PASSWORD_MAX)
    elif password_is_weak(password, email):
        check.fail(field, "PASSWORD_WEAK", min=PASSWORD_MIN)


def _require(actor: Actor, allowed: bool) -> None:
    """Account commands need a logged-in user; a report's access code holds no account."""
    if actor.is_anonymous:
        raise AccessDenied("UNAUTHENTICATED")
    if actor.user_id is None or not allowed:
        raise AccessDenied("FORBIDDEN")


def _profile(user: User) -> dict[str, object]:
    """What the audit trail keeps of an account: never the password hash, and not the NIK itself."""
    return {
        "name": user.name,
        "email": user.email,
        "phone": user.phone,
        "role": user.role,
        "agencyId": user.agency_id,
        "isActive": user.is_active,
        "nikGiven": user.nik is not None,
    }


def _email_taken() -> InvalidInput:
    return InvalidInput([FieldProblem("email", "EMAIL_TAKEN")])


# --- one-time secrets -----------------------------------------------------------------------


@dataclass(frozen=True)
class IssuedSecret:
    """A setup or reset secret: shown once to whoever issued it, stored only as its SHA-256."""

    secret: str  # empty in a replay: the secret existed only in the first answer
    expires_at: datetime | None
    user: User


async def _issue_secret(user: User, purpose: SecretPurpose, now: datetime, ttl: timedelta) -> IssuedSecret:
    """Call inside a transaction. A new secret supersedes every unused one of the same user."""
    await AccountSecret.filter(user_id=user.id, used_at=None).delete()
    secret = secrets.token_urlsafe(32)
    expires_at = now + ttl
    await AccountSecret.create(
        user_id=user.id,
        purpose=purpose.value,
        secret_hash=_digest(secret),
        created_at=now,
        expires_at=expires_at,
    )
    return IssuedSecret(secret=secret, expires_at=expires_at, user=user)


async def reset_password(clock: Clock, secret: str, new_password: str) -> User:
    """Choose a password with a setup or reset secret. Every other session of the account ends."""
    if (earlier := await idempotency.replayed(User)) is not None:
        return earlier
    cleaned = secret.strip()
    if not cleaned or len(cleaned) > SECRET_MAX or not is_clean_text(cleaned):
        raise SecretInvalid("secret")
    now = clock()
    record = await AccountSecret.filter(secret_hash=_digest(cleaned)).select_related("user").first()
    if record is None or record.used_at is not None or record.expires_at <= now or not record.user.is_active:
        raise SecretInvalid("secret")
    user = record.user
    check = InputCheck()
    _check_new_password(check, "new_password", new_password, user.email)
    check.raise_if_any()
    password_hash = await asyncio.to_thread(hash_password, new_password)
    async with idempotency.command_transaction() as outcome:
        # Claimed atomically: of two requests with the same secret, exactly one gets here.
        claimed = await AccountSecret.filter(id=record.id, used_at=None, expires_at__gt=now).update(
            used_at=now
        )
        if not claimed:
            raise SecretInvalid("secret")
        await User.filter(id=user.id).update(password_hash=password_hash)
        revoked = await AccessToken.filter(user_id=user.id, revoked_at=None).update(revoked_at=now)
        await AccountSecret.filter(user_id=user.id, used_at=None).delete()
        await record_audit(
            Actor(user.id, Role(user.role), user.agency_id),
            "password_reset",
            "user",
            user.id,
            now,
            after={"purpose": record.purpose, "sessionsRevoked": revoked},
        )
        outcome.produced(user)
    return user


async def _lock_managed_user(actor: Actor, user_id: int) -> User:
    """The account an admin is about to change, locked; admins' own accounts are out of reach."""
    user = await User.filter(id=user_id).select_for_update().first()
    if user is None:
        raise NotFound("id")
    if not policy.may_change_activation(actor, user.id, user.role):
        raise AdminProtected("id")
    return user


async def issue_password_reset(clock: Clock, actor: Actor, user_id: int, ttl: timedelta) -> IssuedSecret:
    """Admin: a new one-time reset secret for a non-admin user, to hand over out of band.

    A replay whose first answer was lost is refused (the secret existed only in it): issuing a new
    one with a new key supersedes the lost one."""
    _require(actor, policy.may_manage_accounts(actor))
    idempotency.no_replay()
    now = clock()
    async with idempotency.command_transaction() as record:
        user = await _lock_managed_user(actor, user_id)
        issued = await _issue_secret(user, SecretPurpose.RESET, now, ttl)
        await record_audit(
            actor, "password_reset_issued", "user", user.id, now, after={"expiresAt": str(issued.expires_at)}
        )
        record.produced(user)
    return issued


# --- liaisons and activation (admins) -------------------------------------------------------


@dataclass(frozen=True)
class LiaisonDraft:
    name: str
    email: str
    agency_id: int
    phone: str = ""


async def create_liaison(
    clock: Clock, actor: Actor, draft: LiaisonDraft, secret_ttl: timedelta
) -> IssuedSecret:
    """Admin: register a liaison officer of one agency; they choose a password with the setup secret.

    A replay whose first answer was lost answers with the account and no secret: it existed only in
    that answer, and ``issue_password_reset`` hands out a new one."""
    _require(actor, policy.may_manage_accounts(actor))
    if (earlier := await idempotency.replayed(User)) is not None:
        return IssuedSecret(secret="", expires_at=None, user=earlier)
    check = InputCheck()
    name = check.text("name", draft.name, max_length=NAME_MAX, required=True)
    email = _check_email(check, "email", draft.email)
    phone = _check_phone(check, "phone", draft.phone, required=False)
    now = clock()
    try:
        async with idempotency.command_transaction() as record:
            agency = await Agency.filter(id=draft.agency_id).select_for_update().first()
            if agency is None:
                check.fail("agency_id", "NOT_FOUND")
            elif not agency.is_active:
                check.fail("agency_id", "AGENCY_INACTIVE")
            if (
                not any(p.field == "email" for p in check.problems)
                and await User.filter(email=email).exists()
            ):
                check.fail("email", "EMAIL_TAKEN")
            check.raise_if_any()
            user = await User.create(
                name=name,
                email=email,
                phone=phone,
                password_hash=UNUSABLE_PASSWORD_HASH,
                role=Role.LIAISON.value,
                agency_id=draft.agency_id,
            )
            issued = await _issue_secret(user, SecretPurpose.SETUP, now, secret_ttl)
            await record_audit(actor, "liaison_created", "user", user.id, now, after=_profile(user))
            record.produced(user)
    except IntegrityError:  # the same e-mail registered in the meantime
        raise _email_taken() from None
    return issued


@dataclass(frozen=True)
class StaffDraft:
    name: str
    email: str
    role: Role


async def create_staff_by_operator(clock: Clock, draft: StaffDraft, secret_ttl: timedelta) -> IssuedSecret:
    """The server's operator (``lapor-gql user create``, no GraphQL): an admin or analyst account, such
    as a production database's first admin, which chooses its password with the one-time secret."""
    if draft.role not in (Role.ADMIN, Role.ANALYST):
        raise InvalidInput([FieldProblem("role", "INVALID")])
    check = InputCheck()
    name = check.text("name", draft.name, max_length=NAME_MAX, required=True)
    email = _check_email(check, "email", draft.email)
    check.raise_if_any()
    now = clock()
    try:
        async with in_transaction():
            if await User.filter(email=email).exists():
                raise _email_taken()
            user = await User.create(
                name=name, email=email, password_hash=UNUSABLE_PASSWORD_HASH, role=draft.role.value
            )
            issued = await _issue_secret(user, SecretPurpose.SETUP, now, secret_ttl)
            # No actor: the operator acted on the server itself, outside every account.
            await record_audit(None, "staff_created", "user", user.id, now, after=_profile(user))
    except IntegrityError:  # the same e-mail registered in the meantime
        raise _email_taken() from None
    return issued


async def set_user_active(clock: Clock, actor: Actor, user_id: int, active: bool) -> User:
    """Admin: (de)activate a non-admin account. Deactivation ends all its sessions at once."""
    _require(actor, policy.may_manage_accounts(actor))
    if (earlier := await idempotency.replayed(User)) is not None:
        return earlier
    now = clock()
    async with idempotency.command_transaction() as record:
        user = await _lock_managed_user(actor, user_id)
        record.produced(user)
        if user.is_active == active:
            return user
        user.is_active = active
        await user.save(update_fields=["is_active"])
        after: dict[str, object] = {"isActive": active}
        if not active:
            after["sessionsRevoked"] = await AccessToken.filter(user_id=user.id, revoked_at=None).update(
                revoked_at=now
            )
        action = "user_activated" if active else "user_deactivated"
        await record_audit(actor, action, "user", user.id, now, before={"isActive": not active}, after=after)
    return user


@dataclass(frozen=True)
class UserFilter:
    role: Role | None = None
    agency_id: int | None = None
    is_active: bool | None = None


async def list_users(
    actor: Actor, given: UserFilter, *, first: int, after_id: int | None
) -> tuple[list[User], bool]:
    """Admin: accounts in the order they were created; the page and whether more follow."""
    _require(actor, policy.may_manage_accounts(actor))
    query = User.all()
    if given.role is not None:
        query = query.filter(role=given.role.value)
    if given.agency_id is not None:
        query = query.filter(agency_id=given.agency_id)
    if given.is_active is not None:
        query = query.filter(is_active=given.is_active)
    if after_id is not None:
        query = query.filter(id__gt=after_id)
    size = max(0, min(first, PAGE_SIZE_MAX))
    rows = await query.order_by("id").limit(size + 1)
    return list(rows[:size]), len(rows) > size


# --- citizens register ----------------------------------------------------------------------


@dataclass(frozen=True)
class Registration:
    name: str
    email: str
    phone: str
    password: str
    nik: str | None = None


async def register_citizen(clock: Clock, form: Registration, ttl: timedelta) -> IssuedToken:
    """Anyone: open a citizen account and log in. Every problem is reported at once; nothing is created.

    A replay whose first answer was lost answers with the account and no token (it existed only in
    that answer): the new citizen logs in with ``create_token``."""
    if (earlier := await idempotency.replayed(User)) is not None:
        return IssuedToken(token="", expires_at=None, user=earlier)
    check = InputCheck()
    name = check.text("name", form.name, max_length=NAME_MAX, required=True)
    email = _check_email(check, "email", form.email)
    phone = _check_phone(check, "phone", form.phone, required=True)
    nik = _check_nik(check, "nik", form.nik)
    _check_new_password(check, "password", form.password, email)
    # Registration cannot help telling that an address is registered; logins and resets never do.
    if not any(p.field == "email" for p in check.problems) and await User.filter(email=email).exists():
        check.fail("email", "EMAIL_TAKEN")
    check.raise_if_any()
    password_hash = await asyncio.to_thread(hash_password, form.password)
    now = clock()
    try:
        async with idempotency.command_transaction() as record:
            user = await User.create(
                name=name,
                email=email,
                phone=phone,
                nik=nik,
                password_hash=password_hash,
                role=Role.CITIZEN.value,
            )
            await record_audit(
                Actor(user.id, Role.CITIZEN), "account_registered", "user", user.id, now, after=_profile(user)
            )
            issued, _session = await _new_token(user, now, ttl)
            record.produced(user)
            return issued
    except IntegrityError:
        raise _email_taken() from None


# --- one's own account ----------------------------------------------------------------------


@dataclass(frozen=True)
class AccountChanges:
    """None leaves a field as it is."""

    name: str | None = None
    email: str | None = None
    phone: str | None = None


async def update_account(clock: Clock, actor: Actor, changes: AccountChanges) -> User:
    _require(actor, True)
    if (earlier := await idempotency.replayed(User)) is not None:
        return earlier
    now = clock()
    try:
        async with idempotency.command_transaction() as record:
            user = await User.filter(id=actor.user_id).select_for_update().get()
            check = InputCheck()
            new: dict[str, str] = {}
            if changes.name is not None:
                new["name"] = check.text("name", changes.name, max_length=NAME_MAX, required=True)
            if changes.phone is not None:
                # Citizens registered with a phone number and keep one; staff may leave it empty.
                required = user.role == Role.CITIZEN
                new["phone"] = _check_phone(check, "phone", changes.phone, required=required)
            if changes.email is not None:
                new["email"] = _check_email(check, "email", changes.email)
                if (
                    not any(p.field == "email" for p in check.problems)
                    and await User.filter(email=new["email"]).exclude(id=user.id).exists()
                ):
                    check.fail("email", "EMAIL_TAKEN")
            check.raise_if_any()
            changed = {field: value for field, value in new.items() if getattr(user, field) != value}
            if changed:
                before = {field: getattr(user, field) for field in changed}
                for field, value in changed.items():
                    setattr(user, field, value)
                await user.save(update_fields=list(changed))
                await record_audit(
                    actor, "account_updated", "user", user.id, now, before=before, after=changed
                )
            record.produced(user)
    except IntegrityError:
        raise _email_taken() from None
    return user


async def change_password(clock: Clock, actor: Actor, current_password: str, new_password: str) -> User:
    """Requires the current password; ends every other session of the account, keeps this one."""
    _require(actor, True)
    if (earlier := await idempotency.replayed(User)) is not None:
        return earlier
    user = await User.get(id=actor.user_id)
    check = InputCheck()
    matches = is_clean_text(current_password) and await asyncio.to_thread(
        password_matches, user.password_hash, current_password
    )
    if not matches:
        check.fail("current_password", "INVALID_CREDENTIALS")
    _check_new_password(check, "new_password", new_password, user.email)
    check.raise_if_any()
    password_hash = await asyncio.to_thread(hash_password, new_password)
    now = clock()
    async with idempotency.command_transaction() as record:
        await User.filter(id=user.id).update(password_hash=password_hash)
        others = AccessToken.filter(user_id=user.id, revoked_at=None)
        if actor.token_id is not None:
            others = others.exclude(id=actor.token_id)
        revoked = await others.update(revoked_at=now)
        await AccountSecret.filter(user_id=user.id, used_at=None).delete()
        await record_audit(
            actor, "password_changed", "user", user.id, now, after={"sessionsRevoked": revoked}
        )
        record.produced(user)
    return user


async def list_sessions(clock: Clock, actor: Actor) -> Sequence[AccessToken]:
    """The actor's own sessions that still work, newest first."""
    _require(actor, True)
    return (
        await AccessToken.filter(user_id=actor.user_id, revoked_at=None, expires_at__gt=clock())
        .order_by("-created_at", "-id")
        .limit(PAGE_SIZE_MAX)
    )


async def end_replaced_session(clock: Clock, actor: Actor) -> None:
    """The browser session ``actor`` came with is being replaced by a new cookie: end its token (an
    account's session or a report access token), so that no one can use it any more."""
    now = clock()
    if actor.token_id is not None:
        await AccessToken.filter(id=actor.token_id, revoked_at=None).update(revoked_at=now)
    if actor.report_token_id is not None:
        await ReportAccessToken.filter(id=actor.report_token_id, revoked_at=None).update(revoked_at=now)


async def revoke_session(clock: Clock, actor: Actor, session_id: int) -> AccessToken:
    """End one of one's own sessions (the current one too: that is logging out)."""
    _require(actor, True)
    user_id = actor.user_id
    assert user_id is not None
    if (earlier := await idempotency.replayed(AccessToken)) is not None:
        return earlier
    now = clock()
    async with idempotency.command_transaction() as record:
        session = (
            await AccessToken.filter(
                id=session_id, user_id=actor.user_id, revoked_at=None, expires_at__gt=now
            )
            .select_for_update()
            .first()
        )
        if session is None:
            raise NotFound("id")
        session.revoked_at = now
        await session.save(update_fields=["revoked_at"])
        await record_audit(actor, "session_revoked", "user", user_id, now, after={"sessionId": session.id})
        record.produced(session)
    return session
