"""The README's GraphiQL walkthrough stays valid against the schema."""

from __future__ import annotations

import re

from graphql import parse, validate

from lapor_gql.config import PROJECT_ROOT
from lapor_gql.schema import schema


def test_readme_walkthrough_is_a_valid_document() -> None:
    readme = (PROJECT_ROOT / "README.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```graphql\n(.*?)```", readme, flags=re.DOTALL)
    assert len(blocks) == 1

    document = parse(blocks[0])
    names = [definition.name.value for definition in document.definitions]  # type: ignore[attr-defined]

    assert validate(schema._schema, document) == []
    assert names[:3] == ["Login", "Agencies", "Submit"]
    assert {"Dispose", "NotOurAuthority", "Redispose", "FollowUp", "Reply", "Close", "Reopen"} <= set(names)
