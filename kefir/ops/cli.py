"""Operator commands, on `flask --app kefir …` (registered by the app factory) and on
`python -m kefir.ops …` (what the Makefile uses: it needs no app, so it boots nothing)."""
from __future__ import annotations

from pathlib import Path

import click

from kefir.errors import ConfigError
from kefir.ops.target import TARGETS, connect

STAGE_OPTION = click.option(
    "--stage", type=click.Choice(TARGETS), required=True,
    help="The stage to act on; there is no default, so a command never hits one by surprise.")


@click.command("migrate")
@STAGE_OPTION
@click.option("--dry-run", is_flag=True, help="Report what would change; write nothing.")
@click.option("--directory", type=click.Path(exists=True, file_okay=False, path_type=Path),
              default=None, help="Where the numbered migrations live (default: migrations/).")
def migrate_command(stage: str, dry_run: bool, directory: Path | None) -> None:
    """Apply the data migrations not yet applied to STAGE's table, resuming any that an
    earlier run left unfinished."""
    from kefir.ops.migrations import MIGRATIONS_DIR, MigrationError, discover, migrate

    try:
        wiring = connect(stage)
        migrations = discover(directory or MIGRATIONS_DIR)
        click.echo(f"{stage}: {len(migrations)} migrations in {directory or MIGRATIONS_DIR}, "
                   f"table {wiring.table.name}{' (dry run)' if dry_run else ''}")
        outcomes = migrate(wiring.table, migrations, dry_run=dry_run, echo=click.echo,
                           aws=wiring.aws)
    except (ConfigError, MigrationError) as error:
        raise click.ClickException(str(error)) from None
    done = sum(o.status == "applied" for o in outcomes)
    skipped = sum(o.status == "already applied" for o in outcomes)
    click.echo(f"{stage}: {done} applied now, {skipped} already applied"
               + (f", {len(outcomes) - done - skipped} previewed" if dry_run else ""))


@click.group("reminders")
def reminders_group() -> None:
    """The reminder processor (Zappa runs it every minute; this runs it by hand)."""


@reminders_group.command("run")
@STAGE_OPTION
@click.option("--now", default=None, metavar="ISO_TIME",
              help="Run as if the clock read this time (default: now).")
def run_reminders_command(stage: str, now: str | None) -> None:
    """Run one pass of the reminder processor on STAGE and print its counts as JSON."""
    import json

    from kefir.clock import parse_iso
    from kefir.jobs.reminders import run_once

    try:
        moment = parse_iso(now) if now else None
    except ValueError:
        raise click.BadParameter("an ISO 8601 time with a time zone", param_hint="--now") from None
    try:
        wiring = connect(stage)
    except ConfigError as error:
        raise click.ClickException(str(error)) from None
    click.echo(json.dumps(run_once(wiring, moment)))


COMMANDS = (migrate_command, reminders_group)


def register_commands(app) -> None:
    for command in COMMANDS:
        app.cli.add_command(command)


@click.group()
def main() -> None:
    """BubbleBatch operator commands."""


for _command in COMMANDS:
    main.add_command(_command)
