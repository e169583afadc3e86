"""The restore drill on the session's emulator, and that its comparison catches damage."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from kefir.ops.backup import compare, export_table, import_items
from kefir.ops.drill import run_drill
from kefir.store.schema import create_table

ROOT = Path(__file__).resolve().parents[2]


def test_the_drill_restores_every_item(wiring, unique, tmp_path):
    lines = []
    result = run_drill(wiring.aws.dynamodb, tmp_path, prefix=f"drill-{unique}", users=2,
                       batches_per_user=2, events_per_batch=60, echo=lines.append)
    assert result.passed, result.difference.summary()
    assert result.seeded == result.exported == result.restored == 2 * (2 + 2 * 61)
    assert any("export drill-" in line and "page 3" in line for line in lines)  # paged
    first = json.loads((tmp_path / "source.jsonl").read_text().splitlines()[0])
    assert set(first) == {"Item"} and {"PK", "SK"} <= set(first["Item"])
    assert all(len(value) == 1 for value in first["Item"].values())  # typed: {"S": ...}


def test_compare_reports_missing_extra_and_changed_items(wiring, unique, tmp_path):
    dynamodb = wiring.aws.dynamodb
    source = tmp_path / "a.jsonl"
    source.write_text("".join(json.dumps({"Item": item}) + "\n" for item in [
        {"PK": {"S": "A"}, "SK": {"S": "1"}, "n": {"N": "1.5"}},
        {"PK": {"S": "A"}, "SK": {"S": "2"}, "m": {"M": {"x": {"BOOL": True}}}},
        {"PK": {"S": "B"}, "SK": {"S": "1"}},
    ]))
    name = f"kefir-compare-{unique}"
    create_table(dynamodb, name)
    assert import_items(dynamodb, name, source, echo=lambda _: None) == 3
    dynamodb.delete_item(TableName=name, Key={"PK": {"S": "B"}, "SK": {"S": "1"}})
    dynamodb.put_item(TableName=name, Item={"PK": {"S": "C"}, "SK": {"S": "1"}})
    dynamodb.update_item(TableName=name, Key={"PK": {"S": "A"}, "SK": {"S": "1"}},
                         UpdateExpression="SET n = :n",
                         ExpressionAttributeValues={":n": {"N": "2"}})
    restored = tmp_path / "b.jsonl"
    export_table(dynamodb, name, restored, echo=lambda _: None)

    difference = compare(source, restored)
    assert [i["PK"]["S"] for i in difference.only_first] == ["B"]
    assert [i["PK"]["S"] for i in difference.only_second] == ["C"]
    assert [(a["n"], b["n"]) for a, b in difference.changed] == [({"N": "1.5"}, {"N": "2"})]

    result = subprocess.run([sys.executable, "scripts/restore_drill.py", "compare",
                             str(source), str(restored)], cwd=ROOT, capture_output=True,
                            text=True, check=False)
    assert result.returncode == 1
    assert "4 keys compared: 1 only in the first, 1 only in the second, 1 different" \
        in result.stdout
