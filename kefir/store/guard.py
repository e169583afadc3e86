"""Guard items: a counter of writes that makes a cap checked against a read hold under
concurrent writers. A writer reads the guard's `seq` first, then counts, then writes in
one transaction whose last operation is `advance`, which only succeeds while `seq` is
still what was read. Reading the guard before the count means every write the count could
have missed moved the guard after it was read, so the condition refuses the write and the
writer counts again."""
from __future__ import annotations

from kefir.store.table import Table


def read(table: Table, key: dict) -> int:
    """The guard's `seq`, 0 if it was never written."""
    item = table.get(key, consistent=True)
    return item.get("seq", 0) if item else 0


def advance(key: dict, seen_seq: int) -> dict:
    """The transaction operation that moves the guard from `seen_seq` to the next value;
    put it last in the transaction."""
    return {"Update": {
        "Key": key, "UpdateExpression": "SET seq = :next",
        "ConditionExpression": "seq = :seen" if seen_seq else "attribute_not_exists(seq)",
        "ExpressionAttributeValues": {":next": seen_seq + 1,
                                      **({":seen": seen_seq} if seen_seq else {})}}}
