"""Export a table to a JSON-lines file and load one back: the restore drill's two halves.

The file holds one `{"Item": {...}}` per line in DynamoDB JSON (typed attribute values),
the format of DynamoDB's own export to S3 (`DYNAMODB_JSON`), so a drill file and a real
export read the same way. Items are copied raw, expired ones included: a restore must give
back what was there, and the app already treats expired items as absent.
"""
from __future__ import annotations

import json
import random
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

Echo = Callable[[str], None]
_BATCH_WRITE = 25


def export_table(dynamodb, table_name: str, out: Path, *, page_size: int = 500,
                 echo: Echo = print) -> int:
    """Write every item of the table to `out`, a page at a time; return the count.

    An operator-side Scan, never on a request path; consistent reads so that a drill run
    right after writing sees every item.
    """
    count = 0
    out.parent.mkdir(parents=True, exist_ok=True)
    with out.open("w", encoding="utf-8") as handle:
        pages = dynamodb.get_paginator("scan").paginate(
            TableName=table_name, ConsistentRead=True, PaginationConfig={"PageSize": page_size})
        for number, page in enumerate(pages, start=1):
            for item in page["Items"]:
                handle.write(json.dumps({"Item": item}, sort_keys=True) + "\n")
            count += len(page["Items"])
            echo(f"  export {table_name}: page {number}, {count} items")
    return count


def read_items(path: Path) -> Iterator[dict]:
    """The items of an export file, in DynamoDB JSON."""
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                yield json.loads(line)["Item"]


def import_items(dynamodb, table_name: str, source: Path, *, echo: Echo = print) -> int:
    """Write every item of an export file into the table, 25 per request; return the count.

    Unprocessed items (throttling) are retried with backoff until none remain.
    """
    count, chunk = 0, []
    for item in read_items(source):
        chunk.append(item)
        if len(chunk) == _BATCH_WRITE:
            count += _write(dynamodb, table_name, chunk)
            chunk = []
            if count % 500 == 0:
                echo(f"  import {table_name}: {count} items")
    if chunk:
        count += _write(dynamodb, table_name, chunk)
    echo(f"  import {table_name}: {count} items")
    return count


def _write(dynamodb, table_name: str, items: list[dict]) -> int:
    pending = {table_name: [{"PutRequest": {"Item": item}} for item in items]}
    for attempt in range(8):
        pending = dynamodb.batch_write_item(RequestItems=pending).get("UnprocessedItems") or {}
        if not pending:
            return len(items)
        time.sleep(random.uniform(0, 0.05 * 2 ** attempt))
    raise RuntimeError(f"{table_name} kept refusing writes; run the import again "
                       "(it only puts items, so repeating it is harmless).")


@dataclass
class Difference:
    only_first: list[dict] = field(default_factory=list)
    only_second: list[dict] = field(default_factory=list)
    changed: list[tuple[dict, dict]] = field(default_factory=list)
    compared: int = 0

    @property
    def identical(self) -> bool:
        return not (self.only_first or self.only_second or self.changed)

    def summary(self) -> str:
        return (f"{self.compared} keys compared: {len(self.only_first)} only in the first, "
                f"{len(self.only_second)} only in the second, {len(self.changed)} different")


def compare(first: Path, second: Path) -> Difference:
    """Compare two export files item for item, by primary key."""
    a, b = _by_key(first), _by_key(second)
    difference = Difference(compared=len(a.keys() | b.keys()))
    for key in sorted(a.keys() | b.keys()):
        if key not in b:
            difference.only_first.append(a[key])
        elif key not in a:
            difference.only_second.append(b[key])
        elif a[key] != b[key]:
            difference.changed.append((a[key], b[key]))
    return difference


def _by_key(path: Path) -> dict[tuple, dict]:
    # Number attributes are strings in DynamoDB JSON, so equal items are equal dicts.
    return {(item["PK"]["S"], item["SK"]["S"]): item for item in read_items(path)}
