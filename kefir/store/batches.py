"""Batches and their events in the single table: the reads and writes every area reuses.

A batch and its events share one partition (`BATCH#<id>`), so a batch with its newest
events is one Query. Every event item carries the batch's `owner`, so a page of events
proves whose batch it is without a second read. A batch being deleted carries a
`deleting` mark and reads as absent. Event writes and event pages: kefir/store/events.py.
"""
from __future__ import annotations

from collections.abc import Iterator

from kefir.errors import ConditionFailed, NotFound, VersionConflict
from kefir.store import keys
from kefir.store.table import Page, Table

OWNED = "#owner = :owner AND attribute_not_exists(deleting)"
OWNED_NAMES = {"#owner": "owner"}
# The partition up to and including META: events and the batch, not the other items
# (such as reminder pointers) that sort after it.
UP_TO_META = "PK = :pk AND SK <= :meta"


class BatchStore:
    def __init__(self, table: Table):
        self.table = table

    # Batches ------------------------------------------------------------------------
    def create(self, batch: dict) -> None:
        """Write a new batch item; `batch` holds the plain fields, owner included."""
        self.table.put(_batch_item(batch), condition="attribute_not_exists(PK)")

    def get(self, batch_id: str, owner: str) -> dict | None:
        """The batch if it exists, is not being deleted and belongs to `owner`."""
        return _visible(self.table.get(keys.batch_key(batch_id), consistent=True), owner)

    def load(self, batch_id: str, owner: str | None, *, recent: int = 20
             ) -> tuple[dict, list[dict]] | None:
        """The batch and its `recent` newest events in one Query, or None if it is not
        visible to `owner` (None means anyone: the public view checks `is_public`)."""
        page = self.table.query(UP_TO_META, values=partition(batch_id), forward=False,
                                limit=recent + 1, consistent=True)
        if not page.items or page.items[0]["SK"] != keys.BATCH_META_SK:
            return None
        batch = _visible(page.items[0], owner)
        return (batch, [plain(e) for e in page.items[1:]]) if batch else None

    def list_for_owner(self, owner: str, *, status: str | None, limit: int,
                       start_key: dict | None) -> Page:
        """A page of the owner's batches, newest `started_at` first (GSI1).

        The status filter is a FilterExpression: DynamoDB applies it after `Limit`, so a
        filtered page may hold fewer than `limit` items while `last_key` still continues.
        """
        condition = "attribute_not_exists(deleting)"
        names, values = {}, {":pk": keys.user_batches_gsi1pk(owner)}
        if status:
            condition += " AND #status = :status"
            names["#status"], values[":status"] = "status", status
        page = self.table.query(f"{keys.GSI1PK} = :pk", index=keys.GSI1, forward=False,
                                limit=limit, start_key=start_key, filter=condition,
                                names=names or None, values=values)
        return Page([plain(i) for i in page.items], page.last_key)

    def update(self, batch_id: str, owner: str, changes: dict, *,
               expected_version: int | None, now: str) -> dict:
        """Apply `changes` (None clears a field), bump the version, return the batch.

        Raises NotFound when the batch is not the owner's, VersionConflict when
        `expected_version` is stale.
        """
        sets = {"updated_at": now, **{k: v for k, v in changes.items() if v is not None}}
        if "started_at" in changes:
            sets[keys.GSI1SK] = keys.batch_gsi1sk(changes["started_at"], batch_id)
        removes = [k for k, v in changes.items() if v is None]
        names = {**OWNED_NAMES, **{f"#{k}": k for k in [*sets, *removes]}}
        values = {":owner": owner, ":one": 1, **{f":{k}": v for k, v in sets.items()}}
        expression = "SET " + ", ".join(f"#{k} = :{k}" for k in sets) + " ADD version :one"
        if removes:
            expression += " REMOVE " + ", ".join(f"#{k}" for k in removes)
        condition = OWNED
        if expected_version is not None:
            condition += " AND version = :expected"
            values[":expected"] = expected_version
        try:
            item = self.table.update(keys.batch_key(batch_id), expression, names=names,
                                     values=values, condition=condition)
        except ConditionFailed:
            if expected_version is not None and self.get(batch_id, owner):
                raise VersionConflict() from None
            raise NotFound() from None
        return plain(item)

    # Events -------------------------------------------------------------------------
    def all_events(self, batch_id: str) -> Iterator[dict]:
        """Every event of a batch, oldest first, one page (one round trip) at a time."""
        items = self.table.query_all(
            "PK = :pk AND begins_with(SK, :event)", forward=True,
            values={":pk": keys.batch_pk(batch_id), ":event": keys.EVENT_PREFIX})
        return (plain(i) for i in items)

    def all_for_owner(self, owner: str) -> Iterator[dict]:
        """Every batch of the owner, newest first, one page at a time."""
        items = self.table.query_all(f"{keys.GSI1PK} = :pk", index=keys.GSI1, forward=False,
                                     values={":pk": keys.user_batches_gsi1pk(owner)},
                                     filter="attribute_not_exists(deleting)")
        return (plain(i) for i in items)

    # Deletion -----------------------------------------------------------------------
    def mark_deleting(self, batch_id: str, owner: str) -> None:
        """Make the batch read as absent before its parts go; a retry finds it marked."""
        try:
            self.table.update(keys.batch_key(batch_id), "SET deleting = :yes",
                              condition="#owner = :owner", names=OWNED_NAMES,
                              values={":owner": owner, ":yes": True})
        except ConditionFailed:
            raise NotFound() from None

    def delete_contents(self, batch_id: str) -> None:
        """Delete every item in the batch's partition except the batch item, and each item
        another area pointed to through `cascade_key` (for example a reminder)."""
        items = self.table.query_all("PK = :pk", values={":pk": keys.batch_pk(batch_id)},
                                     consistent=True)
        doomed: list[dict] = []
        for item in items:
            if item["SK"] != keys.BATCH_META_SK:
                doomed.append({keys.PK: item[keys.PK], keys.SK: item[keys.SK]})
            if isinstance(item.get("cascade_key"), dict):
                doomed.append(item["cascade_key"])
            if len(doomed) >= 100:
                self.table.batch_delete(doomed)
                doomed = []
        if doomed:
            self.table.batch_delete(doomed)

    def delete_batch_item(self, batch_id: str) -> None:
        self.table.delete(keys.batch_key(batch_id))


def partition(batch_id: str) -> dict:
    return {":pk": keys.batch_pk(batch_id), ":meta": keys.BATCH_META_SK}


def _batch_item(batch: dict) -> dict:
    return {**keys.batch_key(batch["batch_id"]),
            keys.GSI1PK: keys.user_batches_gsi1pk(batch["owner"]),
            keys.GSI1SK: keys.batch_gsi1sk(batch["started_at"], batch["batch_id"]),
            **batch}


def _visible(item: dict | None, owner: str | None) -> dict | None:
    if item is None or item.get("deleting"):
        return None
    if owner is not None and item.get("owner") != owner:
        return None
    return plain(item)


def plain(item: dict) -> dict:
    return {k: v for k, v in item.items() if k not in (keys.PK, keys.SK, keys.GSI1PK, keys.GSI1SK)}
