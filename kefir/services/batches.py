"""Batch use cases: create, list, get, update, delete. No HTTP here."""
from __future__ import annotations

import secrets
from datetime import datetime

from kefir.clock import to_iso
from kefir.domain.batches import DEFAULT_STATUS
from kefir.errors import NotFound
from kefir.photos import ObjectStore, batch_prefix
from kefir.store.batches import BatchStore
from kefir.store.cursors import CursorSigner

RECENT_EVENTS = 20


def new_id() -> str:
    """At least 128 random bits, URL-safe: ids of batches and events cannot be guessed.

    An id never starts with `-` or `_`: a leading `-` is a spreadsheet formula trigger,
    so the CSV export would have to alter the id, and it reads as an option on a command
    line. 136 bits, redrawn on such a start, still leave more than 128.
    """
    while not (candidate := secrets.token_urlsafe(17))[0].isalnum():
        pass
    return candidate


def create_batch(store: BatchStore, owner: str, fields: dict, *, now: datetime) -> dict:
    """Create a batch for `owner` from validated client fields; return it."""
    stamp = to_iso(now)
    batch = {
        "batch_id": new_id(), "owner": owner, "status": DEFAULT_STATUS, "is_public": False,
        **{k: v for k, v in fields.items() if v is not None},
        "started_at": to_iso(fields.get("started_at") or now),
        "created_at": stamp, "updated_at": stamp, "version": 1,
    }
    store.create(batch)
    return batch


def get_batch(store: BatchStore, owner: str, batch_id: str) -> tuple[dict, list[dict]]:
    """The owner's batch and its newest events (one Query); NotFound otherwise."""
    found = store.load(batch_id, owner, recent=RECENT_EVENTS)
    if found is None:
        raise NotFound()
    return found


def list_batches(store: BatchStore, cursors: CursorSigner, owner: str, *,
                 status: str | None, limit: int, cursor: str | None
                 ) -> tuple[list[dict], str | None]:
    """A page of the owner's batches, newest first, and the cursor to the next one."""
    query = f"batches|status={status or ''}"
    start = cursors.decode(cursor, user_id=owner, query=query)
    page = store.list_for_owner(owner, status=status, limit=limit, start_key=start)
    return page.items, cursors.encode(page.last_key, user_id=owner, query=query)


def update_batch(store: BatchStore, owner: str, batch_id: str, changes: dict, *,
                 expected_version: int | None, now: datetime) -> dict:
    """Apply a partial update; VersionConflict when `expected_version` is stale."""
    if "started_at" in changes:
        changes = {**changes, "started_at": to_iso(changes["started_at"])}
    return store.update(batch_id, owner, changes, expected_version=expected_version,
                        now=to_iso(now))


def delete_batch(store: BatchStore, objects: ObjectStore, owner: str, batch_id: str) -> None:
    """Delete the batch and everything that hangs off it.

    The batch is first marked as being deleted, so every reader sees it gone at once; then
    its events, reminders (through their `cascade_key`) and photos go, and the batch item
    last. If any step fails, a retried DELETE finds the mark and finishes the job.
    """
    store.mark_deleting(batch_id, owner)
    store.delete_contents(batch_id)
    objects.delete_prefix(batch_prefix(owner, batch_id))
    store.delete_batch_item(batch_id)
