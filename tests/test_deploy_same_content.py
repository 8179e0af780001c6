"""A deploy whose diagram does what the newest version does is not a new version.

Modelers re-indent, reorder attributes and move shapes when they save; none of that changes the
process. Such a deploy answers as a deploy of the very same file does: `created: false`, the newest
version, which keeps its own file and layout. A changed timer is a new version.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from typer.testing import CliRunner

from lapor_gql.cli import app
from lapor_gql.clock import FakeClock
from lapor_gql.db.models import AuditEvent, ProcessDefinition

from .conftest import DIAGRAM
from .test_process_definitions import DEFAULT_XML, DEPLOY, FIVE_DAY_FOLLOW_UP, database, timer_of
from .world import make_world

__all__ = ["database"]  # the CLI's database fixture


def reindented(xml: str) -> str:
    """Twice the indentation, tabs in the layout, and the whole process on one line."""
    xml = re.sub(r"^( +)", lambda m: m.group(1) * 2, xml, flags=re.MULTILINE)
    head, process, tail = re.split(r"(<bpmn:process .*?</bpmn:process>)", xml, flags=re.DOTALL)
    return head + re.sub(r">\s+<", "><", process) + tail.replace("  ", "\t") + "\n\n"


def attributes_reordered(xml: str) -> str:
    """Every element's attributes in reverse order, namespace declarations included."""

    def reverse(match: re.Match[str]) -> str:
        attributes = re.findall(r'\s+[\w:.-]+="[^"]*"', match.group(2))
        return f"<{match.group(1)}{''.join(reversed(attributes))}{match.group(3)}>"

    return re.sub(r"<([\w:]+)((?:\s+[\w:.-]+=\"[^\"]*\")+)(\s*/?)>", reverse, xml)


def shapes_moved(xml: str) -> str:
    """Every shape and edge 40 to the right, a comment, and another modeler's stamp."""
    xml = re.sub(
        r'(<(?:dc:Bounds|di:waypoint) x=")(\d+)', lambda m: f"{m.group(1)}{int(m.group(2)) + 40}", xml
    )
    xml = xml.replace('exporter="lapor-gql"', 'exporter="Camunda Modeler"')
    xml = xml.replace('exporterVersion="1.0"', 'exporterVersion="5.31.0"')
    return xml.replace("<bpmn:collaboration", "<!-- tidied up --><bpmn:collaboration", 1)


LAYOUT_ONLY = {
    "re-indented": reindented(DEFAULT_XML),
    "attributes reordered": attributes_reordered(DEFAULT_XML),
    "shapes moved": shapes_moved(DEFAULT_XML),
    "all at once": shapes_moved(attributes_reordered(reindented(DEFAULT_XML))),
}


async def _deploy(gql: Any, xml: str, token: str) -> dict[str, Any]:
    payload = (await gql(DEPLOY, {"input": {"bpmnXml": xml, "note": "tidied"}}, token)).data[
        "processDefinitionDeploy"
    ]
    assert payload["errors"] == [], payload["errors"]
    return dict(payload)


async def test_layout_and_formatting_changes_are_not_a_new_version(gql: Any, clock: FakeClock) -> None:
    world = await make_world(clock)
    for name, xml in LAYOUT_ONLY.items():
        assert xml != DEFAULT_XML, name
        deployed = await _deploy(gql, xml, world.analyst.token)
        assert (deployed["created"], deployed["processDefinition"]["version"]) == (False, 1), name

    # Version 1 keeps its own file, layout included; nothing was recorded as deployed.
    assert [d.bpmn_xml for d in await ProcessDefinition.all()] == [DEFAULT_XML]
    assert await AuditEvent.filter(action="process_deployed").count() == 0


async def test_a_changed_timer_is_a_new_version_however_it_is_laid_out(gql: Any, clock: FakeClock) -> None:
    world = await make_world(clock)
    changed = await _deploy(gql, shapes_moved(reindented(FIVE_DAY_FOLLOW_UP)), world.analyst.token)
    assert (changed["created"], changed["processDefinition"]["version"]) == (True, 2)

    # Compared with the newest version: the five-day timer as first written is version 2 again,
    # and the shipped diagram, the same as version 1, is a change from version 2.
    again = await _deploy(gql, FIVE_DAY_FOLLOW_UP, world.analyst.token)
    assert (again["created"], again["processDefinition"]["version"]) == (False, 2)
    back = await _deploy(gql, attributes_reordered(DEFAULT_XML), world.analyst.token)
    assert (back["created"], back["processDefinition"]["version"]) == (True, 3)

    timer_changed = timer_of("reply_silence", "working_days(14)")
    assert (await _deploy(gql, timer_changed, world.analyst.token))["created"] is True
    assert await ProcessDefinition.all().count() == 4


def test_cli_deploy_of_a_tidied_copy_says_unchanged(database: str, tmp_path: Path) -> None:
    runner = CliRunner()
    tidied = tmp_path / "tidied.bpmn"
    tidied.write_text(LAYOUT_ONLY["all at once"], encoding="utf-8")

    first = runner.invoke(app, ["process", "deploy", str(DIAGRAM)])
    same = runner.invoke(app, ["process", "deploy", str(tidied), "--note", "tidied"])

    assert first.exit_code == 0 and "version 1" in first.output, first.output
    assert same.exit_code == 0, same.output
    assert "unchanged: process report_lifecycle version 1" in same.output
