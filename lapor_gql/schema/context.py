"""What every resolver gets: who is asking, in which language, and the request's loaders."""

from __future__ import annotations

from dataclasses import dataclass, field

from strawberry.types import Info as StrawberryInfo

from lapor_gql.config import Settings
from lapor_gql.domain.actors import Actor
from lapor_gql.domain.labels import Language
from lapor_gql.domain.processes import Runtime

from .loaders import Loaders


@dataclass
class Context:
    actor: Actor
    runtime: Runtime
    settings: Settings
    language: Language = "id"
    loaders: Loaders = field(default_factory=Loaders)


Info = StrawberryInfo[Context, None]


def language_from_header(accept_language: str | None) -> Language:
    return "en" if (accept_language or "").strip().lower().startswith("en") else "id"
