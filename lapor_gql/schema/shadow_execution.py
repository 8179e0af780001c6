"""Shadow mode: every query the batch executor answers is run by graphql-core as well, and the two
answers must be the same.

The batch executor relies on graphql-core's internals (field collection, variable and argument
coercion, resolve-info) and promises graphql-core's answers. The test suite runs with
``LAPOR_SHADOW_EXECUTION=1`` (tests/conftest.py), so every query any test sends checks that promise,
and a graphql-core or Strawberry upgrade that changes what graphql-core answers fails a test instead
of changing an answer quietly.

Never in production: it doubles the cost of each query. It is on only when the variable is ``1`` and
``LAPOR_ENV`` is development (the default, and the tests'), both read at start.
"""

from __future__ import annotations

import contextlib
import dataclasses
import inspect
import os
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from graphql import execute
from graphql.execution.middleware import MiddlewareManager
from strawberry.execution import optimized_is_awaitable

from .context import Context
from .loaders import Loaders

if TYPE_CHECKING:
    from .batch_executor import OperationPlan

ENABLED = (
    os.environ.get("LAPOR_SHADOW_EXECUTION") == "1"
    and os.environ.get("LAPOR_ENV", "development") == "development"
)

compared = 0
"""Answers compared since start (tests read it to know the shadow ran)."""
mismatches: list[str] = []
"""Every difference found, also when the exception raised for it was swallowed on the way: the test
suite fails a test that leaves one here."""


_paused = 0


@contextlib.contextmanager
def paused() -> Iterator[None]:
    """No shadow runs inside (a test counting the statements a request sends)."""
    global _paused
    _paused += 1
    try:
        yield
    finally:
        _paused -= 1


class ShadowMismatch(AssertionError):
    """The batch executor answered a query differently from graphql-core."""


async def compare(
    plan: OperationPlan,
    variables: dict[str, Any] | None,
    context: Any,
    root_value: Any,
    data: dict[str, Any],
) -> None:
    """Run the operation with graphql-core as Strawberry would, with fresh loaders (the batch
    executor's have its rows cached), and raise ``ShadowMismatch`` unless the answer is ``data``."""
    global compared
    if _paused:
        return
    fresh = dataclasses.replace(context, loaders=Loaders()) if isinstance(context, Context) else context
    operation = plan.operation
    result = execute(
        plan.schema,
        plan.document,
        root_value=root_value,
        context_value=fresh,
        variable_values=variables,
        operation_name=operation.name.value if operation.name else None,
        middleware=MiddlewareManager(),
        is_awaitable=optimized_is_awaitable,  # type: ignore[arg-type]
    )
    if inspect.isawaitable(result):
        result = await result
    compared += 1
    if result.errors or result.data != data:
        name = operation.name.value if operation.name else "(anonymous operation)"
        problem = (
            f"batch executor and graphql-core differ on {name}: "
            f"errors={[e.formatted for e in result.errors or ()]!r}, "
            f"graphql-core data={result.data!r}, batch data={data!r}"
        )
        mismatches.append(problem)
        raise ShadowMismatch(problem)
