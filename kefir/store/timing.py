"""The owner's timing profile: one item in their partition that suggestions read instead
of every past batch (docs/table-design.md)."""
from __future__ import annotations

import random
import time

from kefir.domain.timing import with_entry
from kefir.errors import ConditionFailed, ServiceUnavailable
from kefir.store import keys
from kefir.store.table import Table

_RETRIES = 8


class TimingStore:
    def __init__(self, table: Table):
        self.table = table

    def entries(self, owner: str, scope: str = keys.OWNER_SCOPE) -> list[dict]:
        """The profile's entries (one GetItem); [] before the first strained batch."""
        item = self.table.get(keys.timing_key(owner, scope))
        return list(item["entries"]) if item else []

    def record(self, owner: str, entry: dict, scope: str = keys.OWNER_SCOPE) -> None:
        """Add or replace one batch's entry: read, merge, write back only if nobody else
        wrote in between (a version condition), retried with jitter."""
        key = keys.timing_key(owner, scope)
        for attempt in range(_RETRIES):
            if attempt:
                time.sleep(random.uniform(0, 0.01 * 2 ** attempt))
            item = self.table.get(key, consistent=True) or {}
            version = item.get("version", 0)
            merged = with_entry(list(item.get("entries", [])), entry)
            try:
                self.table.put({**key, "entries": merged, "version": version + 1},
                               condition="attribute_not_exists(PK) OR version = :seen",
                               values={":seen": version})
                return
            except ConditionFailed:
                continue
        raise ServiceUnavailable("Your timing profile is busy; try again.", retry_after=1)

    def replace(self, owner: str, entries: list[dict], scope: str = keys.OWNER_SCOPE) -> None:
        """Write the whole profile (the migration that builds it from past batches)."""
        key = keys.timing_key(owner, scope)
        item = self.table.get(key, consistent=True) or {}
        self.table.put({**key, "entries": entries, "version": item.get("version", 0) + 1})
