"""Data migrations: numbered modules in `migrations/`, each applied once per stage.

A migration is a module `NNNN_<what>.py` with a docstring (its first line is the summary)
and `up(ctx)`. The runner records each one in the table under `keys.migration_key(name)`:
`running` while it works, `applied` when done. A migration that pages through the table
saves its checkpoint (the page's LastEvaluatedKey) in that record after every page, so an
interrupted run resumes from the last finished page, and an applied one never runs again.
Item changes must therefore be idempotent: a page cut short is processed again on resume.
"""
from __future__ import annotations

import importlib.util
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterator

from kefir.clock import to_iso, utcnow
from kefir.errors import ConditionFailed
from kefir.store import keys
from kefir.store.table import Table

MIGRATIONS_DIR = Path(__file__).resolve().parents[2] / "migrations"
RUNNING, APPLIED = "running", "applied"
_FILE_NAME = re.compile(r"^\d{4}_[a-z0-9_]+\.py$")

Echo = Callable[[str], None]


class MigrationError(RuntimeError):
    """A migration cannot be loaded or run; the message says which and why."""


@dataclass(frozen=True)
class Migration:
    name: str
    summary: str
    up: Callable[["Context"], None]


@dataclass(frozen=True)
class Outcome:
    name: str
    status: str  # "applied", "already applied" or "dry run"
    scanned: int = 0
    changed: int = 0


def discover(directory: Path = MIGRATIONS_DIR) -> list[Migration]:
    """Load every `NNNN_<what>.py` in `directory`, in number order."""
    found: list[Migration] = []
    for path in sorted(directory.glob("*.py")):
        if not _FILE_NAME.match(path.name):
            continue
        spec = importlib.util.spec_from_file_location(f"kefir_migration_{path.stem}", path)
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        if not module.__doc__ or not callable(getattr(module, "up", None)):
            raise MigrationError(f"{path.name} needs a docstring and an up(ctx) function.")
        found.append(Migration(path.stem, module.__doc__.strip().splitlines()[0], module.up))
    numbers = [m.name[:4] for m in found]
    if len(set(numbers)) != len(numbers):
        raise MigrationError(f"Two migrations share a number in {directory}: {numbers}.")
    return found


class Context:
    """What a migration's `up(ctx)` works with: the table, paged reads with a checkpoint,
    and writes that a dry run only counts."""

    def __init__(self, table: Table, record: dict, *, dry_run: bool, echo: Echo,
                 aws=None, page_size: int = 100):
        # Reads go straight to the table; writes go through put/update, which a dry run
        # only counts, and a dry run's table refuses writes so none can slip through.
        self.table = _ReadOnly(table) if dry_run else table
        self._writer = table
        self.aws = aws
        self.dry_run = dry_run
        self.scanned = int(record.get("scanned", 0))
        self.changed = int(record.get("changed", 0))
        self._key = keys.migration_key(record["SK"])
        self._checkpoint = record.get("checkpoint")
        self._echo = echo
        self._page_size = page_size

    def pages(self, *, filter: str | None = None, names: dict | None = None,
              values: dict | None = None) -> Iterator[list[dict]]:
        """Yield the table's items a page at a time, from the saved checkpoint onwards.

        This Scan is legitimate only here: offline, paged and checkpointed, never on a
        request path. The checkpoint moves past a page once the caller asks for the next.
        """
        start = self._checkpoint
        if start:
            self._echo(f"  resuming after {start['PK']} / {start['SK']}")
        pages = 0
        while True:
            page = self.table.scan(limit=self._page_size, start_key=start, filter=filter,
                                   names=names, values=values)
            self.scanned += len(page.items)
            yield page.items
            pages += 1
            self._save(page.last_key)
            self._echo(f"  page {pages}: {self.scanned} items matched, "
                       f"{self.changed} {'to change' if self.dry_run else 'changed'}")
            if page.last_key is None:
                return
            start = page.last_key

    def update(self, key: dict, expression: str, *, names: dict | None = None,
               values: dict | None = None, condition: str | None = None) -> bool:
        """Change one item (a dry run only counts it). False when the condition, which
        guards against a concurrent change by the app, no longer holds."""
        return self._write("update", key, expression, names=names, values=values,
                           condition=condition)

    def put(self, item: dict, *, condition: str | None = None, names: dict | None = None,
            values: dict | None = None) -> bool:
        """Write one whole item (a dry run only counts it); False when the condition fails."""
        return self._write("put", item, condition=condition, names=names, values=values)

    def log(self, line: str) -> None:
        """Say something to the operator, after the runner's own progress lines."""
        self._echo(line)

    def _write(self, operation: str, *args, **kwargs) -> bool:
        if not self.dry_run:
            try:
                getattr(self._writer, operation)(*args, **kwargs)
            except ConditionFailed:
                return False
        self.changed += 1
        return True

    def _save(self, last_key: dict | None) -> None:
        self._checkpoint = last_key
        if self.dry_run:
            return
        counts = {":scanned": self.scanned, ":changed": self.changed, ":now": to_iso(utcnow())}
        if last_key is None:
            self._writer.update(self._key, "SET scanned = :scanned, changed = :changed, "
                              "updated_at = :now REMOVE checkpoint", values=counts)
        else:
            self._writer.update(self._key, "SET checkpoint = :checkpoint, scanned = :scanned, "
                              "changed = :changed, updated_at = :now",
                              values={**counts, ":checkpoint": last_key})


class _ReadOnly:
    """The table as a dry run sees it: every read, no write."""

    _READS = ("get", "query", "query_all", "scan", "name", "client")

    def __init__(self, table: Table):
        self._table = table

    def __getattr__(self, name: str):
        if name not in self._READS:
            raise MigrationError(f"A dry run cannot call table.{name}; write through "
                                 "ctx.put or ctx.update, which a dry run counts.")
        return getattr(self._table, name)


def migrate(table: Table, migrations: list[Migration], *, dry_run: bool = False,
            echo: Echo = print, aws=None, page_size: int = 100) -> list[Outcome]:
    """Apply, in order, every migration not yet applied; in a dry run, write nothing."""
    outcomes = []
    for migration in migrations:
        key = keys.migration_key(migration.name)
        record = table.get(key, consistent=True)
        if record and record.get("status") == APPLIED:
            echo(f"{migration.name}: already applied at {record['applied_at']}")
            outcomes.append(Outcome(migration.name, "already applied",
                                    record.get("scanned", 0), record.get("changed", 0)))
            continue
        verb = "dry run of" if dry_run else ("resuming" if record else "applying")
        echo(f"{migration.name}: {verb} — {migration.summary}")
        if record is None:
            record = {**key, "status": RUNNING, "summary": migration.summary,
                      "started_at": to_iso(utcnow())}
            if not dry_run:
                _start(table, record, migration.name)
        context = Context(table, record, dry_run=dry_run, echo=echo, aws=aws,
                          page_size=page_size)
        migration.up(context)
        if not dry_run:
            table.update(key, "SET #status = :applied, applied_at = :now, scanned = :scanned, "
                         "changed = :changed REMOVE checkpoint", names={"#status": "status"},
                         values={":applied": APPLIED, ":now": to_iso(utcnow()),
                                 ":scanned": context.scanned, ":changed": context.changed})
        status = "dry run" if dry_run else "applied"
        echo(f"{migration.name}: {status}, {context.scanned} items matched, {context.changed} "
             f"{'would change' if dry_run else 'changed'}")
        outcomes.append(Outcome(migration.name, status, context.scanned, context.changed))
    return outcomes


def _start(table: Table, record: dict, name: str) -> None:
    try:
        table.put(record, condition="attribute_not_exists(PK)")
    except ConditionFailed:
        raise MigrationError(f"{name} was started by another run a moment ago; if that run "
                             "has stopped, run again to resume it.") from None
