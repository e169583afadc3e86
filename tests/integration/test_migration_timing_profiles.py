"""Migration 0003 builds timing profiles from batches strained before the app kept them:
a dry run writes nothing, a run fills every owner's profile, running it again (as a
resumed page would) changes nothing."""
from __future__ import annotations

import pytest

from kefir.ops.migrations import Migration, discover, migrate
from kefir.store import keys
from kefir.store.schema import create_table
from kefir.store.table import Table
from kefir.store.timing import TimingStore


@pytest.fixture
def table(wiring, unique):
    name = f"kefir-timing-{unique}"
    create_table(wiring.aws.dynamodb, name)
    yield Table(wiring.aws.dynamodb, name)
    wiring.aws.dynamodb.delete_table(TableName=name)


def strained_batch(table, owner, batch_id, *, hours, temperature=22, strained=True):
    table.put({**keys.batch_key(batch_id), "batch_id": batch_id, "owner": owner,
               "kind": "milk", "status": "done", "started_at": "2026-01-01T08:00:00Z",
               "grains_g": 20, "liquid_ml": 500, "temperature_c": temperature, "name": "Jar"})
    if strained:
        at = f"2026-01-0{1 + (8 + hours) // 24}T{(8 + hours) % 24:02d}:00:00Z"
        table.put({**keys.event_key(batch_id, at, f"e-{batch_id}"), "event_id": f"e-{batch_id}",
                   "batch_id": batch_id, "type": "strained", "at": at, "owner": owner})


def the_migration() -> Migration:
    return next(m for m in discover() if m.name == "0003_timing_profiles")


def test_dry_run_then_apply_then_again(table):
    strained_batch(table, "ana", "b1", hours=20)
    strained_batch(table, "ana", "b2", hours=26, temperature=20)
    strained_batch(table, "ana", "b3", hours=0, strained=False)
    strained_batch(table, "ben", "b4", hours=18)
    timings = TimingStore(table)

    [dry] = migrate(table, [the_migration()], dry_run=True, echo=lambda _: None, page_size=2)
    assert dry.status == "dry run" and dry.changed == 3
    assert timings.entries("ana") == [] and timings.entries("ben") == []

    [applied] = migrate(table, [the_migration()], echo=lambda _: None, page_size=2)
    assert applied.status == "applied"
    ana = sorted((e["batch_id"], e["hours"]) for e in timings.entries("ana"))
    assert ana == [("b1", 20), ("b2", 26)]
    assert [e["batch_id"] for e in timings.entries("ben")] == ["b4"]

    before = table.get(keys.timing_key("ana"))
    rerun = Migration("0003_again", "Again.", the_migration().up)
    [again] = migrate(table, [rerun], echo=lambda _: None)
    assert again.changed == 0 and table.get(keys.timing_key("ana")) == before
