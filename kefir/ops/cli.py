"""Operator commands, on `flask --app kefir …` (registered by the app factory) and on
`python -m kefir.ops …` (what the Makefile uses: it needs no app, so it boots nothing)."""
from __future__ import annotations

import sys
from pathlib import Path

import click

from kefir.config import LOCAL
from kefir.errors import ConfigError
from kefir.ops.target import TARGETS, connect

STAGE_OPTION = click.option(
    "--stage", type=click.Choice(TARGETS), required=True,
    help="The stage to act on; there is no default, so a command never hits one by surprise.")
APPLY_OPTION = click.option(
    "--apply", is_flag=True, help="Act; without it this is a dry run that changes nothing.")
CONFIRM_OPTION = click.option(
    "--confirm", default="", metavar="STAGE",
    help="Answer the confirmation: dev asks unless given `dev`; prod acts only with `prod`.")


def can_ask() -> bool:
    return sys.stdin.isatty()


def confirm_acting(command: str, stage: str, confirm: str) -> None:
    """Acting on local needs no confirmation; on dev the operator says yes at a prompt
    (or gives --confirm dev); on prod only --confirm prod will do. Anything else stops
    the command before it connects, with one sentence."""
    if stage == LOCAL or confirm == stage:
        return
    if stage == "prod":
        given = f" (CONFIRM={confirm} names another stage)" if confirm else ""
        raise click.ClickException(f"{command} acts on prod only with CONFIRM=prod{given}; "
                                   "nothing was changed.")
    if confirm:
        raise click.ClickException(f"CONFIRM={confirm} does not name {stage}; nothing was "
                                   "changed.")
    if not can_ask():
        raise click.ClickException(f"{command} asks before it changes {stage}, and there is "
                                   f"no terminal to ask (CONFIRM={stage} answers it); nothing "
                                   "was changed.")
    if not click.confirm(f"{command} will change {stage}'s data. Continue?", default=False):
        raise click.ClickException("Not confirmed; nothing was changed.")


@click.command("migrate")
@STAGE_OPTION
@APPLY_OPTION
@CONFIRM_OPTION
@click.option("--directory", type=click.Path(exists=True, file_okay=False, path_type=Path),
              default=None, help="Where the numbered migrations live (default: migrations/).")
def migrate_command(stage: str, apply: bool, confirm: str, directory: Path | None) -> None:
    """Apply the data migrations not yet applied to STAGE's table, resuming any that an
    earlier run left unfinished. Dry run unless --apply."""
    from kefir.ops.migrations import MIGRATIONS_DIR, MigrationError, discover, migrate

    dry_run = not apply
    if apply:
        confirm_acting("migrate", stage, confirm)
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
    if dry_run:
        click.echo("Dry run: nothing changed. MIGRATE_APPLY=1 (--apply) acts.")


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


@click.command("seed")
@click.option("--stage", type=click.Choice(("local", "dev")), required=True,
              help="local (a running make run) or dev; never prod.")
@APPLY_OPTION
@CONFIRM_OPTION
def seed_command(stage: str, apply: bool, confirm: str) -> None:
    """Fill STAGE with test users, batches with weeks of events and photos, reminders,
    devices and a public batch. Idempotent: a second run adds nothing. Dry run (what is
    missing) unless --apply."""
    from kefir.ops.seed import seed
    from kefir.ops.seed_preview import preview

    if apply:
        confirm_acting("seed", stage, confirm)
    wiring = _connect(stage)
    click.echo(f"seed {stage} ({'applying' if apply else 'dry run, nothing will change'}): "
               f"table {wiring.table.name}, bucket {wiring.settings.photo_bucket}")
    if not apply:
        missing = preview(wiring, echo=click.echo)
        click.echo("Dry run: nothing changed. SEED_APPLY=1 (--apply) creates it."
                   if missing else "Everything the plan holds is already there.")
        return
    created = seed(wiring, echo=click.echo)
    click.echo(f"{stage}: created " + ", ".join(
        f"{created[k]} {k}" for k in ("users", "devices", "batches", "events", "reminders",
                                      "abandoned uploads"))
        + ("" if sum(created.values()) else " (everything was already there)"))


@click.command("cleanup")
@STAGE_OPTION
@APPLY_OPTION
@click.option("--archive-after-days", type=click.IntRange(min=1), default=30, show_default=True,
              help="Archive `done` batches started more than this many days ago.")
@CONFIRM_OPTION
@click.option("--now", default=None, hidden=True, help="Act as if the clock read this time.")
def cleanup_command(stage: str, apply: bool, archive_after_days: int, confirm: str,
                    now: str | None) -> None:
    """Delete photo objects no batch references that are older than 24 h, and archive
    `done` batches older than --archive-after-days. Dry run unless --apply."""
    from kefir.clock import parse_iso
    from kefir.ops.cleanup import cleanup

    if apply:
        confirm_acting("cleanup", stage, confirm)
    wiring = _connect(stage)
    mode = "applying" if apply else "dry run, nothing will change"
    click.echo(f"cleanup {stage} ({mode}): bucket {wiring.settings.photo_bucket}, "
               f"table {wiring.table.name}")
    report = cleanup(wiring, archive_after_days=archive_after_days, apply=apply,
                     now=parse_iso(now) if now else None, echo=click.echo)
    verb = ("deleted", "archived") if apply else ("to delete", "to archive")
    click.echo(f"photos: {report.photos_seen} in the bucket, {report.photos_referenced} "
               f"referenced by a batch or event, {report.photos_too_young} younger than 24 h "
               "(kept), "
               f"{report.deleted if apply else len(report.photos_to_delete)} {verb[0]}")
    click.echo(f"batches: {report.done_batches} done; "
               f"{report.archived if apply else len(report.batches_to_archive)} started more "
               f"than {archive_after_days} days ago, {verb[1]}"
               + (f", {report.skipped} changed meanwhile (left alone)" if report.skipped else ""))
    if not apply and (report.photos_to_delete or report.batches_to_archive):
        click.echo("Dry run: nothing changed. CLEANUP_APPLY=1 (--apply) acts.")


@click.command("reapply-deletions")
@STAGE_OPTION
@click.option("--from-table", required=True, help="The table holding the deletion markers "
              "(the damaged one, before the cut-over).")
@click.option("--to-table", required=True, help="The restored table.")
@APPLY_OPTION
@CONFIRM_OPTION
def reapply_deletions_command(stage: str, from_table: str, to_table: str, apply: bool,
                              confirm: str) -> None:
    """After a restore: copy every account deletion marker of --from-table into
    --to-table, each queued for the deletion sweep. Dry run unless --apply."""
    from kefir.clock import to_iso, utcnow
    from kefir.ops.deletions import reapply_deletions
    from kefir.wiring import Repositories

    if apply:
        confirm_acting("reapply-deletions", stage, confirm)
    wiring = _connect(stage)
    mode = "applying" if apply else "dry run, nothing will change"
    click.echo(f"reapply-deletions {stage} ({mode}): {from_table} -> {to_table}")
    source, target = (Repositories.on(wiring.aws.dynamodb, name).deletion_markers
                      for name in (from_table, to_table))
    count = reapply_deletions(source, target, apply=apply, sweep_after=to_iso(utcnow()),
                              echo=click.echo)
    click.echo(f"{count} deleted accounts {'queued for a sweep' if apply else 'to re-apply'}")
    if not apply and count:
        click.echo("Dry run: nothing changed. Add --apply to act.")


def _connect(stage: str):
    try:
        return connect(stage)
    except ConfigError as error:
        raise click.ClickException(str(error)) from None


COMMANDS = (migrate_command, reminders_group, seed_command, cleanup_command,
            reapply_deletions_command)


def register_commands(app) -> None:
    for command in COMMANDS:
        app.cli.add_command(command)


@click.group()
def main() -> None:
    """BubbleBatch operator commands."""


for _command in COMMANDS:
    main.add_command(_command)
