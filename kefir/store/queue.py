"""Time-ordered queues on GSI1: sparse entries `<shard pk>` / `<at>#<id>` that exist only
while something waits, spread over shards so one busy minute is not one hot partition."""
from __future__ import annotations

from kefir.store import keys
from kefir.store.table import Table


def entries_due(table: Table, shard_pks: list[str], now: str, limit: int) -> list[dict]:
    """Entries at or before `now`, up to `limit`: one Query a page per shard. Entries not
    yet due sort after the bound, so what is read grows with what is due, not stored."""
    found: list[dict] = []
    for shard in shard_pks:
        start_key = None
        while len(found) < limit:
            page = table.query(
                "GSI1PK = :pk AND GSI1SK < :upper", index=keys.GSI1, start_key=start_key,
                values={":pk": shard, ":upper": keys.queue_upper_bound(now)},
                limit=limit - len(found))
            found.extend(page.items)
            if page.last_key is None:
                break
            start_key = page.last_key
    return found
