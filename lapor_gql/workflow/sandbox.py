"""A script environment for diagram expressions that does not hand analysts the whole interpreter.

Spiff's default environment is plain ``eval``/``exec`` with full builtins, and restricted builtins
alone still leak through ``().__class__.__base__.__subclasses__()``. Compiling with RestrictedPython
rewrites attribute and item access into guard calls and refuses ``_``-prefixed names at compile
time, which closes that hole.
"""

from __future__ import annotations

import ast
import builtins
import operator
from collections.abc import Callable, Iterator, Mapping, MutableMapping
from contextlib import contextmanager
from contextvars import ContextVar
from functools import lru_cache
from types import CodeType, MappingProxyType
from typing import Any, Literal

from RestrictedPython import compile_restricted_eval, compile_restricted_exec, safe_builtins
from RestrictedPython.Eval import default_guarded_getitem, default_guarded_getiter
from RestrictedPython.Guards import (
    full_write_guard,
    guarded_iter_unpack_sequence,
    guarded_unpack_sequence,
    safer_getattr,
)
from SpiffWorkflow.bpmn.script_engine import PythonScriptEngine, TaskDataEnvironment

from .working_days import working_days

Mode = Literal["eval", "exec"]

_EXTRA_BUILTINS: dict[str, object] = {
    name: getattr(builtins, name)
    for name in (
        "all",
        "any",
        "dict",
        "enumerate",
        "frozenset",
        "list",
        "max",
        "min",
        "reversed",
        "set",
        "sorted",
        "sum",
        "tuple",
        "zip",
    )
}

SANDBOX_BUILTINS: Mapping[str, object] = {**safe_builtins, **_EXTRA_BUILTINS}

_INPLACE_OPS: dict[str, Callable[[Any, Any], Any]] = {
    "+=": operator.iadd,
    "-=": operator.isub,
    "*=": operator.imul,
    "/=": operator.itruediv,
    "//=": operator.ifloordiv,
    "%=": operator.imod,
    "**=": operator.ipow,
    "|=": operator.ior,
    "&=": operator.iand,
    "^=": operator.ixor,
}


def _inplacevar(op: str, current: object, value: object) -> object:
    return _INPLACE_OPS[op](current, value)


SANDBOX_GLOBALS: Mapping[str, object] = {
    "__builtins__": SANDBOX_BUILTINS,
    "_getattr_": safer_getattr,
    "_getitem_": default_guarded_getitem,
    "_getiter_": default_guarded_getiter,
    "_write_": full_write_guard,
    "_iter_unpack_sequence_": guarded_iter_unpack_sequence,
    "_unpack_sequence_": guarded_unpack_sequence,
    "_inplacevar_": _inplacevar,
    # Reads the calendar and clock of the engine call (or of the upload lint: weekends only).
    "working_days": working_days,
}

# Builtins a script could reasonably try to reach but the sandbox deliberately leaves out.
# Naming one is reported at upload instead of surfacing as a NameError weeks later at runtime.
_WITHHELD_BUILTINS = frozenset(dir(builtins)) - frozenset(SANDBOX_BUILTINS)


class SandboxViolation(Exception):
    """The source may not run in the sandbox."""


@lru_cache(maxsize=1024)
def _compile(source: str, mode: Mode) -> CodeType:
    # Diagrams repeat the same few expressions for every instance, so compile each text once.
    result = (compile_restricted_eval if mode == "eval" else compile_restricted_exec)(source)
    if result.errors or result.code is None:
        raise SandboxViolation("; ".join(result.errors) or "does not compile")
    return result.code


def check_source(source: str, mode: Mode) -> list[str]:
    """Upload-time lint of one expression or script; returns human-readable problems."""
    problems: list[str] = []
    try:
        tree = ast.parse(source, mode=mode)
    except SyntaxError as err:
        return [f"syntax error: {err.msg}"]
    for node in ast.walk(tree):
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            problems.append("imports are not allowed")
        elif isinstance(node, ast.Name) and node.id.startswith("__"):
            problems.append(f"name {node.id!r} is not allowed")
        elif isinstance(node, ast.Attribute) and node.attr.startswith("__"):
            problems.append(f"attribute {node.attr!r} is not allowed")
        elif isinstance(node, ast.Name) and node.id in _WITHHELD_BUILTINS:
            problems.append(f"builtin {node.id!r} is not available in diagrams")
    if not problems:
        try:
            _compile(source, mode)
        except SandboxViolation as err:
            problems.append(str(err))
    return sorted(set(problems))


# The report's facts (classification, category, agency_code …) of the engine call running in this
# context: plain values every expression reads and no diagram writes. Per call and per thread, like
# the clock and the calendar.
_NO_FACTS: Mapping[str, object] = MappingProxyType({})
_active_facts: ContextVar[Mapping[str, object]] = ContextVar("lapor_workflow_facts", default=_NO_FACTS)


@contextmanager
def facts_in_effect(facts: Mapping[str, object]) -> Iterator[None]:
    token = _active_facts.set(dict(facts))
    try:
        yield
    finally:
        _active_facts.reset(token)


def current_facts() -> Mapping[str, object]:
    return _active_facts.get()


def update_current_facts(**changes: object) -> None:
    """Facts that change within one call (a rule just disposed the report to an agency)."""
    _active_facts.set({**_active_facts.get(), **changes})


def _merged_globals(
    env_globals: Mapping[str, object],
    context: Mapping[str, object],
    external_context: Mapping[str, object] | None,
) -> dict[str, object]:
    # Facts go over task data, so a variable a script or an action set cannot pass for one; guards
    # and builtins go last so neither can replace them.
    merged: dict[str, object] = {}
    merged.update(external_context or {})
    merged.update(context)
    merged.update(_active_facts.get())
    merged.update(env_globals)
    return merged


class RestrictedEnvironment(TaskDataEnvironment):
    """Spiff script environment that evaluates through RestrictedPython-compiled code."""

    def __init__(self, functions: Mapping[str, Callable[..., object]] | None = None) -> None:
        super().__init__({**SANDBOX_GLOBALS, **(functions or {})})

    def evaluate(
        self,
        expression: str,
        context: MutableMapping[str, object],
        external_context: Mapping[str, object] | None = None,
    ) -> object:
        code = _compile(expression, "eval")
        return eval(code, _merged_globals(self.globals, context, external_context))  # noqa: S307

    def execute(
        self,
        script: str,
        context: MutableMapping[str, object],
        external_context: Mapping[str, object] | None = None,
    ) -> bool:
        code = _compile(script, "exec")
        self.check_for_overwrite(context, external_context or {})
        namespace = _merged_globals(self.globals, context, external_context)
        try:
            exec(code, namespace)  # noqa: S102
        finally:
            # Only plain data the script assigned flows back into the task, as with Spiff's own
            # environment; guards, builtins and functions are stripped.
            facts = _active_facts.get()
            for key, value in namespace.items():
                if key in self.globals or key in facts or key.startswith("_") or callable(value):
                    continue
                if external_context and key in external_context:
                    continue
                context[key] = value
        return True


def sandboxed_script_engine() -> PythonScriptEngine:
    return PythonScriptEngine(environment=RestrictedEnvironment())


def evaluate_sample(
    expression: str, data: Mapping[str, object] | None = None, facts: Mapping[str, object] | None = None
) -> object:
    """Evaluate an expression outside any workflow, e.g. to check a timer at upload."""
    with facts_in_effect(facts or {}):
        return RestrictedEnvironment().evaluate(expression, dict(data or {}))


SANDBOX_NAMES: frozenset[str] = frozenset(SANDBOX_GLOBALS) | frozenset(SANDBOX_BUILTINS)
"""Names every expression has without any data: builtins, guards and ``working_days``."""


def read_names(expression: str) -> set[str]:
    """Names an expression reads (those it binds itself, as in a comprehension, included)."""
    try:
        tree = ast.parse(expression, mode="eval")
    except SyntaxError:
        return set()
    return {node.id for node in ast.walk(tree) if isinstance(node, ast.Name)}


def assigned_names(source: str) -> set[str]:
    """Names a script assigns (to refuse assignments to the report's read-only facts)."""
    try:
        tree = ast.parse(source, mode="exec")
    except SyntaxError:
        return set()
    return {
        node.id for node in ast.walk(tree) if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store)
    }
