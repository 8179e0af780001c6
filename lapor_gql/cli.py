"""The ``lapor-gql`` command."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from typing import Annotated, TypeVar

import typer

from lapor_gql.config import Settings
from lapor_gql.db import apply_migrations, close_database, open_database
from lapor_gql.domain.processes import Runtime, deploy_diagram_file

app = typer.Typer(help="lapor-gql: complaint handling over GraphQL and BPMN.", no_args_is_help=True)
timers_app = typer.Typer(help="Deadline and automatic-step timers.", no_args_is_help=True)
app.add_typer(timers_app, name="timers")

T = TypeVar("T")


def _with_database(settings: Settings, work: Callable[[], Awaitable[T]]) -> T:
    async def run() -> T:
        await open_database(settings.database_url)
        try:
            return await work()
        finally:
            # aiosqlite's worker thread keeps the process alive if a connection stays open.
            await close_database()

    return asyncio.run(run())


def _migrate(settings: Settings) -> None:
    asyncio.run(apply_migrations(settings.database_url))

    async def deploy() -> None:
        definition = await deploy_diagram_file(settings.workflows_dir / f"{settings.default_process_id}.bpmn")
        typer.echo(f"process {definition.process_id} at version {definition.version}")

    _with_database(settings, deploy)


@app.command()
def migrate() -> None:
    """Apply database migrations and deploy the default diagram if it changed."""
    settings = Settings.from_environment()
    _migrate(settings)
    typer.echo("database is up to date")


@app.command("seed-demo")
def seed_demo() -> None:
    """Fill an empty database with demo agencies, users and reports."""
    from lapor_gql.domain.demo import seed_demo_data

    settings = Settings.from_environment()
    _migrate(settings)
    created = _with_database(settings, seed_demo_data)
    typer.echo("demo data created" if created else "database already has data; nothing seeded")


@app.command()
def serve(
    host: Annotated[str, typer.Option(help="Interface to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="TCP port.")] = 8000,
    demo: Annotated[bool, typer.Option(help="Seed demo data into an empty database.")] = True,
) -> None:
    """Migrate, seed demo data on an empty database, and serve GraphQL (GraphiQL in development)."""
    import uvicorn

    from lapor_gql.domain.demo import seed_demo_data

    settings = Settings.from_environment()
    _migrate(settings)
    if demo:
        _with_database(settings, seed_demo_data)
    typer.echo(f"GraphQL at http://{host}:{port}/graphql")
    uvicorn.run("lapor_gql.app:create_app", factory=True, host=host, port=port)


@timers_app.command("run")
def timers_run() -> None:
    """Fire every due timer once and exit."""
    from lapor_gql.domain.reports import fire_due_timers

    settings = Settings.from_environment()
    runtime = Runtime()
    fired = _with_database(settings, lambda: fire_due_timers(runtime))
    typer.echo(f"fired due timers of {fired} report(s)")


@app.command("export-schema")
def export_schema(
    path: Annotated[str, typer.Argument(help="Where to write the SDL.")] = "schema.graphql",
) -> None:
    """Write the GraphQL schema as SDL (committed as schema.graphql; a test keeps it current)."""
    from pathlib import Path

    from lapor_gql.schema import schema

    Path(path).write_text(schema.as_str() + "\n", encoding="utf-8")
    typer.echo(f"wrote {path}")
