"""The migration runner on the emulator: dry run, resume after a crash, re-running."""
from __future__ import annotations

import textwrap

import pytest

from kefir.ops.migrations import APPLIED, Migration, MigrationError, discover, migrate
from kefir.store import keys
from kefir.store.schema import create_table
from kefir.store.table import Table


@pytest.fixture
def table(wiring, unique):
    """A table of its own, so a Scan sees exactly what the test put there."""
    name = f"kefir-migrations-{unique}"
    create_table(wiring.aws.dynamodb, name)
    yield Table(wiring.aws.dynamodb, name)
    wiring.aws.dynamodb.delete_table(TableName=name)


def seed_widgets(table, count):
    for n in range(count):
        table.put({**keys.batch_key(f"b{n:03d}"), "colour": "RED"})


def lowercase_colours(ctx, *, crash_after_pages=None):
    for number, page in enumerate(ctx.pages(filter="attribute_exists(colour)"), start=1):
        for item in page:
            if item["colour"] != item["colour"].lower():
                ctx.update({"PK": item["PK"], "SK": item["SK"]}, "SET colour = :c",
                           values={":c": item["colour"].lower(), ":old": item["colour"]},
                           condition="colour = :old")
        if crash_after_pages == number:
            raise RuntimeError("simulated crash")


def colours(table):
    return sorted(i["colour"] for i in table.scan().items if "colour" in i)


def test_a_dry_run_reports_and_writes_nothing(table):
    seed_widgets(table, 7)
    lines = []
    [outcome] = migrate(table, [Migration("0001_lower", "Lowercase.", lowercase_colours)],
                        dry_run=True, echo=lines.append, page_size=3)
    assert (outcome.status, outcome.scanned, outcome.changed) == ("dry run", 7, 7)
    assert colours(table) == ["RED"] * 7
    assert table.get(keys.migration_key("0001_lower")) is None
    assert any("7 would change" in line for line in lines)


def test_a_dry_run_refuses_writes_that_bypass_the_context(table):
    def sneaky(ctx):
        ctx.table.put({"PK": "X", "SK": "Y"})

    with pytest.raises(MigrationError, match="cannot call table.put"):
        migrate(table, [Migration("0001_sneaky", "Sneak.", sneaky)], dry_run=True,
                echo=lambda _: None)
    assert table.get({"PK": "X", "SK": "Y"}) is None


def test_applies_once_and_re_running_is_a_no_op(table):
    seed_widgets(table, 5)
    migration = Migration("0001_lower", "Lowercase.", lowercase_colours)
    [first] = migrate(table, [migration], echo=lambda _: None, page_size=2)
    assert (first.status, first.changed) == ("applied", 5)
    assert colours(table) == ["red"] * 5
    record = table.get(keys.migration_key("0001_lower"))
    assert record["status"] == APPLIED and "checkpoint" not in record

    calls = []
    [again] = migrate(table, [Migration("0001_lower", "Lowercase.", calls.append)],
                      echo=lambda _: None)
    assert again.status == "already applied" and calls == []


def test_an_interrupted_run_resumes_from_its_checkpoint(table):
    seed_widgets(table, 10)
    crashing = Migration("0001_lower", "Lowercase.",
                         lambda ctx: lowercase_colours(ctx, crash_after_pages=2))
    with pytest.raises(RuntimeError, match="simulated crash"):
        migrate(table, [crashing], echo=lambda _: None, page_size=3)
    record = table.get(keys.migration_key("0001_lower"))
    # The crash hit while page 2 was finished but before it was checkpointed: page 1 is
    # the saved progress, so page 2 is processed again (harmlessly) on resume.
    assert record["status"] == "running" and record["checkpoint"]["SK"] == "META"
    assert colours(table).count("red") == 6

    lines = []
    resumed = Migration("0001_lower", "Lowercase.", lambda ctx: lowercase_colours(ctx))
    [outcome] = migrate(table, [resumed], echo=lines.append, page_size=3)
    assert outcome.status == "applied"
    assert lines[0].startswith("0001_lower: resuming")
    assert any("resuming after" in line for line in lines)
    assert outcome.scanned == 10  # 3 before the crash + the 7 read after the checkpoint
    assert colours(table) == ["red"] * 10
    assert "checkpoint" not in table.get(keys.migration_key("0001_lower"))


def test_discover_loads_numbered_modules_in_order(tmp_path):
    for name, body in {"0002_second.py": '"""Second."""\ndef up(ctx):\n    pass\n',
                       "0001_first.py": '"""First thing.\n\nMore."""\ndef up(ctx):\n    pass\n',
                       "helper.py": "x = 1\n"}.items():
        (tmp_path / name).write_text(body)
    found = discover(tmp_path)
    assert [(m.name, m.summary) for m in found] == [("0001_first", "First thing."),
                                                    ("0002_second", "Second.")]


def test_discover_refuses_a_migration_without_docstring_or_up(tmp_path):
    (tmp_path / "0001_bad.py").write_text("def down(ctx):\n    pass\n")
    with pytest.raises(MigrationError, match="0001_bad.py needs a docstring"):
        discover(tmp_path)


def test_discover_refuses_two_migrations_with_one_number(tmp_path):
    body = textwrap.dedent('''\
        """Doc."""
        def up(ctx):
            pass
    ''')
    (tmp_path / "0001_a.py").write_text(body)
    (tmp_path / "0001_b.py").write_text(body)
    with pytest.raises(MigrationError, match="share a number"):
        discover(tmp_path)


# The shipped migrations ----------------------------------------------------------------
def shipped(name):
    return [m for m in discover() if m.name == name]


def test_0001_copies_the_batch_owner_onto_events_that_lack_it(table):
    from kefir.errors import NotFound
    from kefir.store.batches import BatchStore
    from kefir.store.events import EventStore

    store, events = BatchStore(table), EventStore(table)
    store.create({"batch_id": "b1", "owner": "u1", "started_at": "2026-11-01T08:00:00Z",
                  "name": "Jar", "kind": "milk", "status": "fermenting"})
    for n in range(5):  # written before events carried their owner
        table.put({**keys.event_key("b1", f"2026-11-0{n + 1}T09:00:00Z", f"e{n}"),
                   "event_id": f"e{n}", "batch_id": "b1", "type": "fed"})
    table.put({**keys.event_key("b1", "2026-11-07T09:00:00Z", "e9"), "owner": "u1",
               "event_id": "e9", "batch_id": "b1", "type": "fed"})
    table.put({**keys.event_key("gone", "2026-11-01T09:00:00Z", "x"), "type": "fed"})
    with pytest.raises(NotFound):
        events.page("b1", "u1", forward=True, limit=10, start_key=None)

    lines = []
    [dry] = migrate(table, shipped("0001_backfill_event_owner"), dry_run=True,
                    echo=lines.append, page_size=4)
    assert (dry.scanned, dry.changed) == (6, 5)
    with pytest.raises(NotFound):
        events.page("b1", "u1", forward=True, limit=10, start_key=None)

    [outcome] = migrate(table, shipped("0001_backfill_event_owner"), echo=lines.append,
                        page_size=4)
    assert (outcome.status, outcome.changed) == ("applied", 5)
    assert any("1 events without a batch item" in line for line in lines)
    page = events.page("b1", "u1", forward=True, limit=10, start_key=None)
    assert [e["event_id"] for e in page.items] == ["e0", "e1", "e2", "e3", "e4", "e9"]
    assert "owner" not in table.get(keys.event_key("gone", "2026-11-01T09:00:00Z", "x"))
