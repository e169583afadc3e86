"""The restore drill: seed a table, export it, restore the export into a new table, and
prove the two equal, item for item and through the app's own queries."""
from __future__ import annotations

import random
import time
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path

from kefir.clock import to_iso
from kefir.domain.events import EventType
from kefir.ops.backup import Difference, Echo, compare, export_table, import_items
from kefir.store import keys
from kefir.store.schema import create_table
from kefir.wiring import Repositories

_EVENT_TYPES = (EventType.FED, EventType.STRAINED, EventType.TASTED, EventType.TEMPERATURE,
                EventType.NOTE)


@dataclass(frozen=True)
class DrillResult:
    seeded: int
    exported: int
    restored: int
    difference: Difference
    queries_agree: bool

    @property
    def passed(self) -> bool:
        return (self.difference.identical and self.queries_agree
                and self.seeded == self.exported == self.restored)


def run_drill(dynamodb, workdir: Path, *, prefix: str = "kefir-drill", users: int = 3,
              batches_per_user: int = 4, events_per_batch: int = 30,
              echo: Echo = print) -> DrillResult:
    """Run the whole drill on `dynamodb` (the emulator) and return what it found."""
    source, restored = f"{prefix}-source", f"{prefix}-restored"
    echo(f"1/4 seeding {source}")
    create_table(dynamodb, source)
    owners, seeded = _seed(Repositories.on(dynamodb, source), users, batches_per_user,
                           events_per_batch)
    echo(f"  {seeded} items")
    echo(f"2/4 exporting {source}")
    exported = export_table(dynamodb, source, workdir / "source.jsonl", page_size=100,
                            echo=echo)
    echo(f"3/4 restoring into {restored}")
    create_table(dynamodb, restored)
    count = import_items(dynamodb, restored, workdir / "source.jsonl", echo=echo)
    echo(f"4/4 comparing {source} with {restored}")
    export_table(dynamodb, restored, workdir / "restored.jsonl", page_size=100, echo=echo)
    difference = compare(workdir / "source.jsonl", workdir / "restored.jsonl")
    before, after = Repositories.on(dynamodb, source), Repositories.on(dynamodb, restored)
    agree = all(_listing(before, o) == _listing(after, o) for o in owners)
    echo(f"  {difference.summary()}; the batch lists (GSI1) "
         f"{'agree' if agree else 'DIFFER'}")
    return DrillResult(seeded, exported, count, difference, agree)


def _seed(repositories: Repositories, users: int, batches_per_user: int, events: int
          ) -> tuple[list[str], int]:
    """Items of every shape the app writes: profiles, batches, events with decimals and
    maps, an idempotency record with a TTL in the past (a restore keeps it too)."""
    rng = random.Random(7)
    table, store = repositories.table, repositories.batches
    start = datetime(2026, 10, 1, 8, tzinfo=timezone.utc)
    owners = []
    for u in range(users):
        owner = f"drill-user-{u}"
        owners.append(owner)
        table.put({**keys.profile_key(owner), "email": f"drill{u}@example.com",
                   "created_at": to_iso(start)})
        table.put({**keys.idempotency_key(owner, "k"), "state": "done",
                   "reply": {"status": 201, "body": "{}"}, "expires_at": int(time.time()) - 60})
        for b in range(batches_per_user):
            batch_id = f"drill-{u}-{b}"
            started = start + timedelta(days=7 * b)
            store.create({"batch_id": batch_id, "owner": owner, "name": f"Jar {b}",
                          "kind": ("milk", "water")[b % 2], "status": "fermenting",
                          "started_at": to_iso(started), "grains_g": 15 + b,
                          "liquid_ml": 500, "temperature_c": 21.5, "is_public": b == 0,
                          "created_at": to_iso(started), "version": 1})
            for e in range(events):
                at = to_iso(started + timedelta(hours=6 * e))
                kind = _EVENT_TYPES[e % len(_EVENT_TYPES)]
                event = {"event_id": f"{batch_id}-e{e}", "batch_id": batch_id, "type": kind,
                         "at": at, "created_at": at, "owner": owner}
                if kind == EventType.TEMPERATURE:
                    event["temperature_c"] = round(rng.uniform(18, 26), 1)
                if kind == EventType.TASTED:
                    event["rating"] = rng.randint(1, 5)
                table.put({**keys.event_key(batch_id, at, event["event_id"]), **event})
    return owners, users * (2 + batches_per_user * (1 + events))


def _listing(repositories: Repositories, owner: str) -> list[str]:
    return [b["batch_id"] for b in repositories.batches.all_for_owner(owner)]

