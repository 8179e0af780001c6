"""A small province to test in: three agencies, an admin, an analyst, liaisons and citizens."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta

from lapor_gql.clock import Clock
from lapor_gql.db.models import Agency, Role, User
from lapor_gql.domain.accounts import create_token, hash_password
from lapor_gql.domain.actors import Actor

PASSWORD = "correct horse battery"
_PASSWORD_HASH = hash_password(PASSWORD)  # argon2 is slow on purpose; hash once per test run


@dataclass
class Person:
    user: User
    actor: Actor
    token: str


@dataclass
class World:
    pu: Agency
    dinkes: Agency
    dindik: Agency
    people: dict[str, Person] = field(default_factory=dict)

    def __getattr__(self, name: str) -> Person:
        try:
            return self.people[name]
        except KeyError:
            raise AttributeError(name) from None


async def make_world(clock: Clock) -> World:
    pu = await Agency.create(code="PU", name="Dinas Pekerjaan Umum")
    dinkes = await Agency.create(code="DINKES", name="Dinas Kesehatan")
    dindik = await Agency.create(code="DINDIK", name="Dinas Pendidikan")
    world = World(pu=pu, dinkes=dinkes, dindik=dindik)
    for key, role, agency in [
        ("admin", Role.ADMIN, None),
        ("analyst", Role.ANALYST, None),
        ("pu_liaison", Role.LIAISON, pu),
        ("dinkes_liaison", Role.LIAISON, dinkes),
        ("dindik_liaison", Role.LIAISON, dindik),
        ("budi", Role.CITIZEN, None),
        ("siti", Role.CITIZEN, None),
    ]:
        user = await User.create(
            name=key.replace("_", " ").title(),
            email=f"{key}@lapor.test",
            password_hash=_PASSWORD_HASH,
            role=role.value,
            agency=agency,
        )
        # Long-lived, so tests can move the clock by weeks; expiry has its own test.
        issued = await create_token(clock, user.email, PASSWORD, timedelta(days=365))
        world.people[key] = Person(user, Actor(user.id, role, agency.id if agency else None), issued.token)
    return world


async def add_person(
    world: World, clock: Clock, key: str, role: Role, agency: Agency | None = None
) -> Person:
    """One more logged-in person, made like those of ``make_world``."""
    user = await User.create(
        name=key.replace("_", " ").title(),
        email=f"{key}@lapor.test",
        password_hash=_PASSWORD_HASH,
        role=role.value,
        agency=agency,
    )
    issued = await create_token(clock, user.email, PASSWORD, timedelta(days=365))
    person = Person(user, Actor(user.id, role, agency.id if agency else None), issued.token)
    world.people[key] = person
    return person
