"""Deleted accounts: the marker every authenticated request checks, and the pages of items
the deletion sweep removes (docs/table-design.md, "Account deletion").

The marker lives in a partition of its own (`DELETED#<user_id>`), so emptying the user's
partition leaves it, and it stays after the sweep: it is the deletion log a restore from a
backup must re-apply (docs/privacy.md).
"""
from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator

from kefir.errors import ConditionFailed
from kefir.store import keys
from kefir.store.queue import entries_due
from kefir.store.table import Table

# How long a warm instance trusts "not deleted" before reading the marker again. Tokens
# are verified locally, so this is how long another instance may still serve a deleted
# account's token: seconds, not minutes.
MARKER_CACHE_S = 5.0
_CACHE_MAX = 10_000
_PAGE = 100


class DeletionMarkers:
    def __init__(self, table: Table, *, cache_s: float = MARKER_CACHE_S,
                 clock: Callable[[], float] = time.monotonic):
        self._table = table
        self._cache_s = cache_s
        self._clock = clock
        self._seen: dict[str, tuple[bool, float]] = {}
        self._lock = threading.Lock()

    def is_deleted(self, user_id: str) -> bool:
        """Whether the account was deleted: a consistent GetItem at most once per
        `cache_s` seconds per user and instance; a deletion, once seen, is kept."""
        now = self._clock()
        with self._lock:
            seen = self._seen.get(user_id)
        if seen and (seen[0] or now - seen[1] < self._cache_s):
            return seen[0]
        deleted = self._table.get(keys.deletion_marker_key(user_id), consistent=True) is not None
        self._remember(user_id, deleted, now)
        return deleted

    def mark(self, user_id: str, username: str, deleted_at: str, sweep_after: str) -> None:
        """Record the deletion and queue its sweep; marking twice keeps the first."""
        item = {**keys.deletion_marker_key(user_id), "user_id": user_id, "username": username,
                "deleted_at": deleted_at, "stage": None,
                keys.GSI1PK: keys.SWEEP_QUEUE_PK,
                keys.GSI1SK: keys.queue_gsi1sk(sweep_after, user_id)}
        try:
            self._table.put(item, condition="attribute_not_exists(PK)")
        except ConditionFailed:
            pass
        self._remember(user_id, True, self._clock())

    def get(self, user_id: str) -> dict | None:
        return self._table.get(keys.deletion_marker_key(user_id), consistent=True)

    def all(self) -> Iterator[dict]:
        """Every marker of the table, by Scan: for operator tools only (re-applying
        deletions after a restore), never on a request path."""
        start_key = None
        while True:
            page = self._table.scan(start_key=start_key, filter="begins_with(PK, :prefix)",
                                    values={":prefix": keys.DELETION_MARKER_PREFIX})
            yield from page.items
            if page.last_key is None:
                return
            start_key = page.last_key

    def requeue(self, marker: dict, sweep_after: str) -> None:
        """Write `marker` (read from another table) here, its sweep queued again."""
        fields = {k: v for k, v in marker.items()
                  if k not in (keys.GSI1PK, keys.GSI1SK, "swept_at", "stage")}
        self._table.put({**fields, keys.GSI1PK: keys.SWEEP_QUEUE_PK,
                         keys.GSI1SK: keys.queue_gsi1sk(sweep_after, marker["user_id"])})

    # The sweep ----------------------------------------------------------------------------
    def due(self, now: str, limit: int) -> list[dict]:
        """Markers whose sweep should run now (queue entries at or before `now`)."""
        return entries_due(self._table, [keys.SWEEP_QUEUE_PK], now, limit)

    def claim(self, entry: dict, lease_until: str) -> dict | None:
        """Take a sweep for one pass: its queue position moves to the lease's end, where it
        reappears if the pass dies. None if another pass took it first."""
        user_id = entry["user_id"]
        try:
            return self._table.update(
                keys.deletion_marker_key(user_id), "SET GSI1SK = :next",
                condition="GSI1SK = :seen",
                values={":next": keys.queue_gsi1sk(lease_until, user_id),
                        ":seen": entry[keys.GSI1SK]})
        except ConditionFailed:
            return None

    def release(self, user_id: str, at: str) -> None:
        """Give a claimed sweep back to the queue, due at `at`."""
        self._table.update(keys.deletion_marker_key(user_id), "SET GSI1SK = :at",
                           values={":at": keys.queue_gsi1sk(at, user_id)})

    def checkpoint(self, user_id: str, stage: str) -> None:
        """Remember that the sweep finished every stage before `stage`."""
        self._table.update(keys.deletion_marker_key(user_id), "SET stage = :stage",
                           values={":stage": stage})

    def finish(self, user_id: str, swept_at: str) -> None:
        """Leave the queue and forget the sign-in name; the marker itself stays."""
        self._table.update(keys.deletion_marker_key(user_id),
                           "SET swept_at = :at REMOVE GSI1PK, GSI1SK, username, stage",
                           values={":at": swept_at})

    def _remember(self, user_id: str, deleted: bool, at: float) -> None:
        with self._lock:
            if len(self._seen) >= _CACHE_MAX:
                self._seen.clear()
            self._seen[user_id] = (deleted, at)


class AccountItems:
    """What the sweep reads and deletes, a page (one bounded step) at a time."""

    def __init__(self, table: Table):
        self._table = table

    def batch_id_pages(self, user_id: str) -> Iterator[list[str]]:
        """The ids of every batch of the account, those being deleted included, a page of
        25 at a time."""
        start_key = None
        while True:
            page = self._table.query(f"{keys.GSI1PK} = :pk", index=keys.GSI1, limit=25,
                                     start_key=start_key,
                                     values={":pk": keys.user_batches_gsi1pk(user_id)})
            yield [item["batch_id"] for item in page.items]
            if page.last_key is None:
                return
            start_key = page.last_key

    def first_page(self, user_id: str) -> list[dict]:
        """Up to 100 items of the user's partition (what is left of it)."""
        return self._table.query("PK = :pk", values=keys.user_partition(user_id),
                                 limit=_PAGE, consistent=True).items

    def delete(self, items: list[dict]) -> None:
        """Delete these items of the user's partition, releasing the push token of every
        device among them first (only where the token is still this user's)."""
        for item in items:
            if item[keys.SK].startswith(keys.DEVICE_PREFIX):
                self._release_token(item["device_id"], item["owner"])
        self._table.batch_delete([{keys.PK: i[keys.PK], keys.SK: i[keys.SK]} for i in items])

    def _release_token(self, device_id: str, owner: str) -> None:
        try:
            self._table.delete(keys.push_token_owner_key(device_id), condition="#o = :owner",
                               names={"#o": "owner"}, values={":owner": owner})
        except ConditionFailed:
            pass  # gone already, or the token moved to another account
