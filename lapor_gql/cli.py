"""The ``lapor-gql`` command."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Annotated, TypeVar

import typer

from lapor_gql.config import Settings
from lapor_gql.db import apply_migrations, close_database, open_database
from lapor_gql.domain.processes import Runtime, deploy_diagram_file
from lapor_gql.workflow import DiagramProblem

app = typer.Typer(help="lapor-gql: complaint handling over GraphQL and BPMN.", no_args_is_help=True)
timers_app = typer.Typer(help="Deadline and automatic-step timers.", no_args_is_help=True)
app.add_typer(timers_app, name="timers")
process_app = typer.Typer(help="Validate and deploy versions of the process diagram.", no_args_is_help=True)
app.add_typer(process_app, name="process")
outbox_app = typer.Typer(help="E-mail delivery of the notification outbox.", no_args_is_help=True)
app.add_typer(outbox_app, name="outbox")
user_app = typer.Typer(help="Accounts only the server's operator may create.", no_args_is_help=True)
app.add_typer(user_app, name="user")

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


def _runtime(settings: Settings) -> Runtime:
    # On PostgreSQL the servers hear what this command changes (a timer fired here, say); publishing
    # needs no listening connection of our own.
    from lapor_gql.domain.live import change_feed_for

    return Runtime(changes=change_feed_for(settings.database_url, settings.change_feed))


def _migrate(settings: Settings) -> None:
    asyncio.run(apply_migrations(settings.database_url))

    async def deploy() -> None:
        from lapor_gql.domain.statistics_backfill import backfill_missing_facts
        from lapor_gql.domain.workflow_state_compaction import compact_workflow_states

        definition = await deploy_diagram_file(settings.workflows_dir / f"{settings.default_process_id}.bpmn")
        typer.echo(f"process {definition.process_id} at version {definition.version}")
        # Reports from before the statistics facts existed get theirs once (a no-op afterwards).
        if backfilled := await backfill_missing_facts():
            typer.echo(f"statistics facts recorded for {backfilled} earlier reports")
        # States stored with their diagram's spec inside get a reference to it (a no-op afterwards).
        compaction = await compact_workflow_states()
        if compaction.compacted or compaction.kept or compaction.failed:
            typer.echo(
                f"workflow states: {compaction.compacted} now reference their diagram, {compaction.kept}"
                f" keep a spec of their own, {compaction.failed} could not be read"
            )

    _with_database(settings, deploy)


@app.command()
def migrate() -> None:
    """Apply database migrations and deploy the default diagram if it changed."""
    settings = Settings.from_environment()
    _migrate(settings)
    typer.echo("database is up to date")


def _demo_refused(settings: Settings, what: str) -> str:
    return (
        f"{what}: LAPOR_ENV is {settings.environment!r}, not 'development', and every demo account "
        "(an ADMIN among them) uses the password published in the README."
    )


@app.command("seed-demo")
def seed_demo(
    allow_production: Annotated[
        bool,
        typer.Option(
            "--allow-production",
            help="Seed even though LAPOR_ENV is not development (the server then refuses to start in "
            "production until every demo account's password is changed).",
        ),
    ] = False,
) -> None:
    """Fill an empty database with demo agencies, users and reports (development only, unless told)."""
    from lapor_gql.domain.demo import seed_demo_data

    settings = Settings.from_environment()
    if not settings.is_development:
        if not allow_production:
            typer.echo(_demo_refused(settings, "refusing to seed demo data"), err=True)
            typer.echo("Pass --allow-production if you really mean it.", err=True)
            raise typer.Exit(2)
        typer.echo(_demo_refused(settings, "WARNING: seeding demo data anyway"), err=True)
    _migrate(settings)
    created = _with_database(settings, seed_demo_data)
    typer.echo("demo data created" if created else "database already has data; nothing seeded")


@app.command()
def serve(
    host: Annotated[str, typer.Option(help="Interface to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="TCP port.")] = 8000,
    demo: Annotated[
        bool | None,
        typer.Option(
            "--demo/--no-demo",
            help="Seed demo data into an empty database. Default: only in development; refused elsewhere.",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Migrate, seed demo data on an empty database in development, and serve GraphQL.

    Outside development the server refuses to start while an admin, an analyst or a demo account
    still holds the demo password published in the README.
    """
    import uvicorn

    from lapor_gql.domain.demo import (
        DemoPasswordInUse,
        refuse_demo_password_outside_development,
        seed_demo_data,
    )

    settings = Settings.from_environment()
    if demo and not settings.is_development:
        typer.echo(_demo_refused(settings, "refusing --demo"), err=True)
        raise typer.Exit(2)
    _migrate(settings)
    if settings.is_development if demo is None else demo:
        _with_database(settings, seed_demo_data)
    try:
        _with_database(settings, lambda: refuse_demo_password_outside_development(settings))
    except DemoPasswordInUse as refused:
        typer.echo(str(refused), err=True)
        raise typer.Exit(1) from None
    typer.echo(f"GraphQL at http://{host}:{port}/graphql")
    # proxy_headers (uvicorn's default, spelled out): X-Forwarded-For is believed from the addresses in
    # FORWARDED_ALLOW_IPS (default 127.0.0.1,::1); the throttles count per client address (README).
    uvicorn.run("lapor_gql.app:create_app", factory=True, host=host, port=port, proxy_headers=True)


@user_app.command("create")
def user_create(
    email: Annotated[str, typer.Argument(help="The new account's e-mail address.")],
    name: Annotated[str, typer.Option(help="The person's name.")],
    role: Annotated[str, typer.Option(help="ADMIN or ANALYST.")] = "ADMIN",
) -> None:
    """Create an admin or analyst account (a production database's first admin, say) and print its
    one-time setup secret; the person chooses a password with it (the passwordReset mutation)."""
    from datetime import timedelta

    from lapor_gql.clock import system_clock
    from lapor_gql.db.models import Role
    from lapor_gql.domain.accounts import StaffDraft, create_staff_by_operator
    from lapor_gql.domain.errors import InvalidInput
    from lapor_gql.domain.labels import error_message

    settings = Settings.from_environment()
    chosen = role.strip().upper()
    if chosen not in (Role.ADMIN.value, Role.ANALYST.value):
        typer.echo(f"--role must be ADMIN or ANALYST, not {role!r}", err=True)
        raise typer.Exit(2)
    draft = StaffDraft(name=name, email=email, role=Role(chosen))
    ttl = timedelta(hours=settings.account_secret_ttl_hours)
    try:
        issued = _with_database(settings, lambda: create_staff_by_operator(system_clock, draft, ttl))
    except InvalidInput as refused:
        for problem in refused.problems:
            typer.echo(f"{problem.field}: {error_message(problem.code, 'en', **problem.params)}", err=True)
        raise typer.Exit(1) from None
    typer.echo(f"{issued.user.role} {issued.user.email} created (id {issued.user.id}).")
    typer.echo(f"One-time setup secret, valid until {issued.expires_at:%Y-%m-%d %H:%M %Z}:")
    typer.echo(issued.secret)
    typer.echo("Hand it over out of band; it is shown only now. The person sets a password with")
    typer.echo('mutation { passwordReset(input: {secret: "…", newPassword: "…"}) { errors { code } } }')


@timers_app.command("run")
def timers_run() -> None:
    """Fire every due timer once and exit."""
    from lapor_gql.domain.reports import fire_due_timers

    settings = Settings.from_environment()
    runtime = _runtime(settings)
    fired = _with_database(settings, lambda: fire_due_timers(runtime))
    typer.echo(f"fired due timers of {fired} report(s)")


@app.command("attachments-sweep")
def attachments_sweep() -> None:
    """Remove uploads never attached (older than LAPOR_ATTACHMENT_UPLOAD_TTL_HOURS) and stored files
    no attachment names, once, and exit. A running server does the first every 10 minutes, the second
    every 6 hours."""
    from lapor_gql.domain.attachments import AttachmentFiles, sweep_orphans

    settings = Settings.from_environment()
    runtime = _runtime(settings)
    runtime.files = AttachmentFiles.from_settings(settings)
    removed = _with_database(settings, lambda: sweep_orphans(runtime))
    typer.echo(f"removed {removed} attachment file(s)")


@outbox_app.command("run")
def outbox_run() -> None:
    """E-mail every due notification once and exit (the server does this itself when SMTP is set).

    Exit code 2 when LAPOR_SMTP_HOST is not set; failed sends are retried later and do not change it.
    """
    from lapor_gql.domain.outbox import OutboxPolicy, deliver_due_notifications
    from lapor_gql.mail.smtp import SmtpConfig, SmtpSender

    settings = Settings.from_environment()
    config = SmtpConfig.from_settings(settings)
    if config is None:
        typer.echo("LAPOR_SMTP_HOST is not set: nothing can be sent", err=True)
        raise typer.Exit(2)
    sender, policy = SmtpSender(config), OutboxPolicy.from_settings(settings)
    report = _with_database(
        settings, lambda: deliver_due_notifications(_runtime(settings), sender, policy=policy)
    )
    typer.echo(f"sent {report.sent}, to retry {report.retrying}, failed {report.failed}")
    if report.server_unavailable:
        typer.echo("the mail server is unavailable; the other due notifications wait for the next run")


@outbox_app.command("retry-failed")
def outbox_retry_failed(
    ids: Annotated[list[int] | None, typer.Argument(help="Notification ids; all FAILED if none.")] = None,
) -> None:
    """Queue FAILED notifications again (after fixing their cause), with a fresh count of attempts."""
    from lapor_gql.domain.outbox import retry_failed_notifications

    settings = Settings.from_environment()
    queued = _with_database(
        settings, lambda: retry_failed_notifications(_runtime(settings), None, ids or None)
    )
    typer.echo(f"queued {queued} failed notification(s) again")


def _read_diagram(path: Path) -> bytes:
    from lapor_gql.domain.processes import MAX_DIAGRAM_BYTES

    try:
        # One byte more than allowed is enough to report "too large" without reading a huge file.
        with path.open("rb") as file:
            return file.read(MAX_DIAGRAM_BYTES + 1)
    except OSError as err:
        typer.echo(f"cannot read {path}: {err.strerror or err}", err=True)
        raise typer.Exit(2) from None


def _print_problems(path: Path, problems: list[DiagramProblem]) -> None:
    errors = [problem for problem in problems if problem.severity == "error"]
    typer.echo(f"{path}: {len(errors)} problem(s); nothing deployed", err=True)
    for problem in problems:
        typer.echo(f"  {_problem_line(problem)}", err=True)


def _problem_line(problem: DiagramProblem) -> str:
    warning = "warning: " if problem.severity == "warning" else ""
    return f"{problem.element_id or '-'}: {warning}{problem.message}"


@process_app.command("validate")
def process_validate(
    file: Annotated[Path, typer.Argument(help="The BPMN file to check.")],
) -> None:
    """Run every check a deploy runs, without a database; exit code 1 on errors (warnings are
    printed, and the diagram is valid). Says what the exploration of every path did.

    The decision tables (*.dmn) beside the file that its business rule tasks call are checked with it."""
    from lapor_gql.domain.processes import check_diagram, decision_tables_beside, explore_diagram

    xml = _read_diagram(file)
    diagram, problems = check_diagram(xml, decision_tables_beside(file, xml))
    if diagram is None:
        _print_problems(file, problems)
        raise typer.Exit(1)
    typer.echo(f"{file}: valid (process {diagram.process_id}, sha256 {diagram.sha256[:12]})")
    for problem in problems:
        typer.echo(f"  {_problem_line(problem)}")
    typer.echo(f"  {explore_diagram(diagram).summary()}")


@process_app.command("deploy")
def process_deploy(
    file: Annotated[
        Path, typer.Argument(help="The BPMN file to deploy, with the *.dmn files beside it that it calls.")
    ],
    note: Annotated[str, typer.Option(help="What changed and why.")] = "",
) -> None:
    """Validate the diagram and deploy it as the newest version (migrations must be applied).

    The decision tables (*.dmn) beside the file that its business rule tasks call go with it."""
    from lapor_gql.domain.processes import DiagramRejected, decision_tables_beside, deploy_diagram

    xml = _read_diagram(file)
    tables = decision_tables_beside(file, xml)
    settings = Settings.from_environment()
    runtime = _runtime(settings)
    try:
        deployment = _with_database(settings, lambda: deploy_diagram(runtime, None, xml, note, tables))
    except DiagramRejected as rejected:
        _print_problems(file, rejected.problems)
        raise typer.Exit(1) from None
    definition = deployment.definition
    if deployment.created:
        with_tables = f" with {len(tables)} decision table(s)" if tables else ""
        typer.echo(f"deployed process {definition.process_id} version {definition.version}{with_tables}")
    else:
        typer.echo(
            f"unchanged: process {definition.process_id} version {definition.version} already has this "
            "content; nothing deployed"
        )


@process_app.command("migrate")
def process_migrate(
    from_version: Annotated[int, typer.Option("--from", help="The version the reports run on now.")],
    to_version: Annotated[int, typer.Option("--to", help="The newer version to move them to.")],
    process: Annotated[str, typer.Option(help="The process id.")] = "report_lifecycle",
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Work out every outcome; change nothing.")] = (
        False
    ),
    rearm_timers: Annotated[
        bool,
        typer.Option(
            "--rearm-timers",
            help="Give waiting timers whose expression changed the new due time, counted from when "
            "their step began.",
        ),
    ] = False,
) -> None:
    """Move the reports running on one version of the process to a newer version.

    Prints one line per report (and, with --rearm-timers, one per re-armed timer: old due time ->
    new due time), then the counts.

    A report moves when every step it waits at still exists in the new version (same element id).

    Its pending deadlines keep their due times; timers the new version adds start counting now. With
    --rearm-timers, a waiting timer whose expression changed gets the new expression's due time,
    counted from when its step began; if that time has passed, the next sweep fires it.

    Exit code 0 when every running report moved (finished ones stay where they are and do not count).

    Exit code 1 when a running report could not move, 2 on bad input (unknown version, not newer).
    """
    from lapor_gql.domain.errors import LaporError
    from lapor_gql.domain.labels import error_message, migration_reason
    from lapor_gql.domain.process_migration import migrate_instances

    settings = Settings.from_environment()
    runtime = _runtime(settings)
    try:
        result = _with_database(
            settings,
            lambda: migrate_instances(
                runtime, None, process, from_version, to_version, dry_run=dry_run, rearm_timers=rearm_timers
            ),
        )
    except LaporError as error:
        for problem in error.problems:
            typer.echo(f"{problem.field}: {error_message(problem.code, 'en', **problem.params)}", err=True)
        raise typer.Exit(2) from None
    verb = "would move" if dry_run else "moved"
    for outcome in result.outcomes:
        if outcome.moved:
            typer.echo(f"{outcome.tracking_number}: {verb}")
            for timer in outcome.timers:
                old = timer.old_due_at.isoformat() if timer.old_due_at else "-"
                new = timer.new_due_at.isoformat() if timer.new_due_at else "-"
                typer.echo(
                    f"  timer {timer.element_id}: {old} -> {new} "
                    f"(counted from {timer.counted_from.isoformat()})"
                )
            continue
        reasons = "; ".join(
            migration_reason(
                r.code, "en", element=r.element_id, version=to_version, from_version=from_version
            )
            for r in outcome.reasons
        )
        typer.echo(f"{outcome.tracking_number}: stays on version {from_version}: {reasons}")
    summary = f"{result.moved_count} report(s) {verb} to version {to_version}, {result.not_moved_count} not"
    typer.echo(summary + (" (dry run: nothing changed)" if dry_run else ""))
    if any(not outcome.moved and not outcome.is_finished for outcome in result.outcomes):
        raise typer.Exit(1)


@app.command("export-schema")
def export_schema(
    path: Annotated[str, typer.Argument(help="Where to write the SDL.")] = "schema.graphql",
) -> None:
    """Write the GraphQL schema as SDL (committed as schema.graphql; a test keeps it current)."""
    from lapor_gql.schema import schema

    Path(path).write_text(schema.as_str() + "\n", encoding="utf-8")
    typer.echo(f"wrote {path}")
