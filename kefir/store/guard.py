"""Guard items: a counter of writes that makes a cap checked against a read hold under
concurrent writers. A writer reads the guard's `seq` with what it counts (one Query, the
guard sorting just before the counted items), then writes in one transaction with
`advance`, which only succeeds while `seq` is still what was read."""
from __future__ import annotations

from kefir.store import keys


def split(items, guard_sk: str) -> tuple[list[dict], int]:
    """(the counted items, the guard's `seq`, 0 if it was never written)."""
    counted, seq = [], 0
    for item in items:
        if item[keys.SK] == guard_sk:
            seq = item.get("seq", 0)  # an emulator read may see a guard mid-transaction
        else:
            counted.append(item)
    return counted, seq


def advance(key: dict, seen_seq: int) -> dict:
    """The transaction operation that moves the guard from `seen_seq` to the next value."""
    return {"Update": {
        "Key": key, "UpdateExpression": "SET seq = :next",
        "ConditionExpression": "seq = :seen" if seen_seq else "attribute_not_exists(seq)",
        "ExpressionAttributeValues": {":next": seen_seq + 1,
                                      **({":seen": seen_seq} if seen_seq else {})}}}
