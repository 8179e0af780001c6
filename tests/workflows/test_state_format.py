"""A stored workflow state references the diagram it runs on instead of embedding its spec; states
that still embed one keep loading, and a state never runs on another diagram than its own."""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime, timedelta

import pytest

from lapor_gql.config import PROJECT_ROOT
from lapor_gql.workflow import (
    COMPACT_STATE_PREFIX,
    FakeClock,
    ProcessDiagram,
    Snapshot,
    WorkflowEngine,
    WorkflowError,
)
from lapor_gql.workflow.state_format import SpiffStateFormat, expanded_tasks

DIAGRAM = PROJECT_ROOT / "workflows" / "report_lifecycle.bpmn"

START = datetime(2026, 3, 2, 8, 0, tzinfo=UTC)
KIB = 1024


@pytest.fixture(scope="module")
def diagram() -> ProcessDiagram:
    return ProcessDiagram.from_file(DIAGRAM)


def _embedded(engine: WorkflowEngine, state: str, diagram: ProcessDiagram) -> str:
    """The state as Spiff's serializer stored it before: the whole spec inside."""
    return SpiffStateFormat().dump(engine._load(state, diagram))


def _tasks(state: str) -> list[tuple[str, int, object]]:
    """(element, state, internal data) of every task: what a step leaves behind, without ids and
    Spiff's wall-clock times."""
    tasks = expanded_tasks(json.loads(state)["tasks"]).values()
    return sorted((t["task_spec"], t["state"], json.dumps(t["internal_data"])) for t in tasks)


def _observable(snapshot: Snapshot) -> tuple[object, ...]:
    return (
        snapshot.status,
        snapshot.stage,
        snapshot.pending_actions,
        snapshot.deadline,
        snapshot.is_overdue,
        snapshot.next_timer_due_at,
        snapshot.is_completed,
    )


def test_a_state_references_its_diagram_and_is_a_third_of_what_it_was(diagram: ProcessDiagram) -> None:
    engine = WorkflowEngine(FakeClock(START))
    disposed = engine.perform(engine.start(diagram).state, "dispose", ["admin"], {}, diagram=diagram)
    stored = json.loads(disposed.state)

    assert disposed.state.startswith(COMPACT_STATE_PREFIX)
    assert stored["diagram"] == diagram.fingerprint
    assert "spec" not in stored and "subprocess_specs" not in stored
    embedded = _embedded(engine, disposed.state, diagram)
    assert "spec" in json.loads(embedded)
    assert len(disposed.state) <= 12 * KIB < len(embedded) / 3


def test_the_tasks_a_compact_state_leaves_out_are_restored_exactly(diagram: ProcessDiagram) -> None:
    clock = FakeClock(START)
    engine = WorkflowEngine(clock)
    states = [engine.start(diagram).state]
    for action, lane in (("dispose", "admin"), ("follow_up", "liaison"), ("close", "liaison")):
        states.append(engine.perform(states[-1], action, [lane], {}, diagram=diagram).state)
    clock.advance(timedelta(days=30))  # every timer left runs out
    states.append(engine.fire_due_timers(states[-1], diagram=diagram).state)

    for state in states:
        # Spiff's own dump of the same workflow: ids, children, defaults and deltas all written out.
        spiff = json.loads(_embedded(engine, state, diagram))["tasks"]
        compact = json.loads(state)["tasks"]
        assert expanded_tasks(compact) == spiff
        assert all("id" not in task and "typename" not in task for task in compact.values())
        assert sum("children" in task for task in compact.values()) < len(compact) / 4


def test_a_state_runs_only_on_the_diagram_it_references(diagram: ProcessDiagram) -> None:
    engine = WorkflowEngine(FakeClock(START))
    state = engine.start(diagram).state
    # Another version: the same process with one timer changed.
    other = ProcessDiagram.from_xml(diagram.xml.replace(b"working_days(3)", b"working_days(4)", 1))
    assert other.fingerprint != diagram.fingerprint

    with pytest.raises(WorkflowError, match="runs on diagram"):
        engine.perform(state, "dispose", ["admin"], {}, diagram=other)
    with pytest.raises(WorkflowError, match="runs on diagram"):
        engine.inspect(state, diagram=other)
    with pytest.raises(WorkflowError, match="runs on diagram"):
        engine.fire_due_timers(state, diagram=other)
    # An engine that was never given the diagram cannot guess it.
    with pytest.raises(WorkflowError, match="was not given"):
        WorkflowEngine(FakeClock(START)).inspect(state)
    # The same file parsed again is the same diagram.
    again = ProcessDiagram.from_xml(diagram.xml, diagram.decision_tables)
    assert WorkflowEngine(FakeClock(START)).inspect(state, diagram=again).status == "SUBMITTED"


def test_a_state_with_its_spec_inside_acts_as_before_and_is_then_stored_compact(
    diagram: ProcessDiagram,
) -> None:
    clock = FakeClock(START)
    engine = WorkflowEngine(clock)
    disposed = engine.perform(engine.start(diagram).state, "dispose", ["admin"], {}, diagram=diagram)
    legacy = _embedded(engine, disposed.state, diagram)
    fresh = WorkflowEngine(clock)

    # Without the diagram it runs on the spec inside, as it always did (and stays in that format).
    alone = fresh.inspect(legacy)
    assert _observable(alone) == _observable(disposed)
    assert "spec" in json.loads(alone.state)
    # With it, the spec inside is the diagram's: the state is stored with a reference from then on.
    followed = fresh.perform(legacy, "follow_up", ["liaison"], {}, diagram=diagram)
    expected = engine.perform(disposed.state, "follow_up", ["liaison"], {}, diagram=diagram)
    assert _observable(followed) == _observable(expected)
    assert followed.state.startswith(COMPACT_STATE_PREFIX)
    assert _tasks(followed.state) == _tasks(expected.state)


def test_conversion_takes_out_exactly_the_diagrams_spec(diagram: ProcessDiagram) -> None:
    clock = FakeClock(START)
    engine = WorkflowEngine(clock)
    disposed = engine.perform(engine.start(diagram).state, "dispose", ["admin"], {}, diagram=diagram)
    legacy = _embedded(engine, disposed.state, diagram)

    compact = engine.compacted_state(legacy, diagram)
    assert compact is not None and compact.startswith(COMPACT_STATE_PREFIX)
    converted = json.loads(compact)
    converted["tasks"] = expanded_tasks(converted["tasks"])
    assert {k: v for k, v in json.loads(legacy).items() if k not in ("spec", "subprocess_specs")} == {
        k: v for k, v in converted.items() if k != "diagram"
    }
    assert engine.compacted_state(compact, diagram) == compact  # nothing left to do
    clock.advance(timedelta(days=10))  # the follow-up deadline passes
    assert _observable(engine.fire_due_timers(compact, diagram=diagram)) == _observable(
        engine.fire_due_timers(legacy, diagram=diagram)
    )

    # A spec inside that is not the diagram's (here: one element renamed) stays as it is.
    edited = json.loads(legacy)
    edited["spec"]["task_specs"]["dispose"]["bpmn_name"] = "Something else"
    assert engine.compacted_state(json.dumps(edited), diagram) is None
    other = ProcessDiagram.from_xml(diagram.xml + b"<!-- another file -->")
    assert engine.compacted_state(compact, other) is None


def test_a_state_moved_onto_a_version_that_lost_its_elements_keeps_a_spec_of_its_own(
    diagram: ProcessDiagram,
) -> None:
    """Stand-ins for the removed elements live in a private copy of the spec, which the state
    stores; it still loads, also with the new version given."""
    engine = WorkflowEngine(FakeClock(START))
    disposed = engine.perform(engine.start(diagram).state, "dispose", ["admin"], {}, diagram=diagram)
    # The submission's element completed and is renamed: the history keeps it on a stand-in.
    renamed = ProcessDiagram.from_xml(re.sub(rb"([\"'>])submitted([\"'<])", rb"\1received\2", diagram.xml))
    assert "submitted" in diagram._spec.task_specs and "submitted" not in renamed._spec.task_specs
    moved = engine.migrate(disposed.state, renamed, from_diagram=diagram)
    assert "spec" in json.loads(moved.state)
    assert _observable(engine.inspect(moved.state, diagram=renamed)) == _observable(moved)
    assert engine.compacted_state(moved.state, renamed) is None

    # A move that needs no stand-in runs on the new version's own spec and references it.
    longer = ProcessDiagram.from_xml(diagram.xml.replace(b"working_days(3)", b"working_days(4)", 1))
    plain = engine.migrate(disposed.state, longer, from_diagram=diagram)
    assert json.loads(plain.state)["diagram"] == longer.fingerprint


def test_the_validator_reads_the_same_task_data_from_a_compact_state(diagram: ProcessDiagram) -> None:
    from lapor_gql.workflow.explorer import _live_tasks

    engine = WorkflowEngine(FakeClock(START))
    started = engine.start(diagram, data={"reminders": 1})
    disposed = engine.perform(started.state, "dispose", ["admin"], {}, diagram=diagram)

    live = _live_tasks(disposed.state)
    assert live == _live_tasks(_embedded(engine, disposed.state, diagram))
    # Tasks that changed nothing still inherit what the start was given.
    assert any(name == "dispose" and data.get("reminders") == 1 for name, _, data in live)
