"""The README's GraphiQL walkthrough stays valid against the schema."""

from __future__ import annotations

import re

from graphql import parse, validate

from lapor_gql.config import PROJECT_ROOT
from lapor_gql.schema import schema


def test_readme_walkthrough_and_examples_are_valid_documents() -> None:
    readme = (PROJECT_ROOT / "README.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```graphql\n(.*?)```", readme, flags=re.DOTALL)
    for block in blocks[1:]:  # the other examples (live updates …)
        assert validate(schema._schema, parse(block)) == [], block

    document = parse(blocks[0])
    names = [definition.name.value for definition in document.definitions]  # type: ignore[attr-defined]

    assert validate(schema._schema, document) == []
    assert names[:3] == ["Login", "Agencies", "Submit"]
    assert {"Dispose", "NotOurAuthority", "Redispose", "FollowUp", "Reply", "Close", "Reopen"} <= set(names)


def test_analyst_guide_operations_are_valid() -> None:
    guide = (PROJECT_ROOT / "workflows" / "README.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```graphql\n(.*?)```", guide, flags=re.DOTALL)
    assert len(blocks) >= 2
    for block in blocks:
        assert validate(schema._schema, parse(block)) == [], block


async def test_readme_walkthrough_runs_on_the_demo_data(client, runtime) -> None:
    from lapor_gql.domain.demo import DEMO_PASSWORD, seed_demo_data

    assert await seed_demo_data()
    readme = (PROJECT_ROOT / "README.md").read_text(encoding="utf-8")
    document = re.findall(r"```graphql\n(.*?)```", readme, flags=re.DOTALL)[0]

    async def run(operation: str, variables: dict | None = None, token: str | None = None) -> dict:
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        body = {"query": document, "operationName": operation, "variables": variables or {}}
        response = (await client.post("/graphql", json=body, headers=headers)).json()
        assert "errors" not in response, (operation, response)
        payload = next(iter(response["data"].values()))
        assert not (isinstance(payload, dict) and payload.get("errors")), (operation, payload)
        return payload

    async def login(email: str, password: str = DEMO_PASSWORD) -> str:
        return (await run("Login", {"email": email, "password": password}))["token"]

    admin = await login("admin@lapor.babelprov.go.id")
    budi = await login("budi@example.id")
    agencies = {e["node"]["code"]: e["node"]["id"] for e in (await run("Agencies"))["edges"]}

    # submit → dispose → not our authority → re-dispose → follow up → reply → close → reopen → close
    report_id = (await run("Submit", token=budi))["report"]["id"]
    await run("Dispose", {"id": report_id, "agencyId": agencies["DINKES"]}, admin)
    await run(
        "NotOurAuthority",
        {"id": report_id, "suggestedAgencyId": agencies["PU"]},
        await login("dinkes@lapor.babelprov.go.id"),
    )
    assert (await run("Redispose", {"id": report_id, "agencyId": agencies["PU"]}, admin))["report"]["agency"][
        "name"
    ].startswith("Dinas Pekerjaan Umum")
    pu = await login("pu@lapor.babelprov.go.id")
    await run("FollowUp", {"id": report_id}, pu)
    await run("Reply", {"id": report_id}, budi)
    await run("Close", {"id": report_id}, pu)
    assert (await run("Reopen", {"id": report_id}, pu))["report"]["status"] == "DISPOSED"
    assert (await run("Close", {"id": report_id}, pu))["report"]["status"] == "CLOSED"
    assert len((await run("Report", {"id": report_id}))["timeline"]) == 9

    # Without an account.
    submitted = await run("SubmitWithoutAccount")
    number, code = submitted["report"]["trackingNumber"], submitted["accessCode"]
    assert (await run("FollowMyReport", {"trackingNumber": number, "accessCode": code}))["token"]

    # A new agency and its liaison, who sets a password, edits the profile and handles a report.
    agency_id = (await run("NewAgency", {"parentId": agencies["BABEL"]}, admin))["agency"]["id"]
    created = await run("NewLiaison", {"agencyId": agency_id}, admin)
    await run("ChoosePassword", {"secret": created["secret"]})
    liaison = await login("dishub@babelprov.go.id", "Pelabuhan-Pangkalbalam-7")
    assert (await run("EditProfile", {"id": agency_id}, liaison))["agency"]["serviceHours"]
    second = (await run("Submit", token=budi))["report"]["id"]
    await run("Dispose", {"id": second, "agencyId": agency_id}, admin)
    await run("FollowUp", {"id": second}, liaison)
    assert len(await run("MySessions", token=liaison)) == 1
    await run("Deactivate", {"id": created["user"]["id"]}, admin)
    refused = await client.post(
        "/graphql",
        json={"query": document, "operationName": "MySessions"},
        headers={"Authorization": f"Bearer {liaison}"},
    )
    assert refused.status_code == 401
