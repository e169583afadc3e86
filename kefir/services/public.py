"""The public share view of a batch: an allow-list of fields, nothing of its owner.

Free-text notes (the batch's `notes` and every event's `note`) are private by design and
never shown, so `note` events are left out; a shared page shows what happened and when,
the readings (temperature, pH, rating) and the photos.
"""
from __future__ import annotations

from kefir.domain.events import READING_FIELDS, is_public
from kefir.errors import NotFound
from kefir.photos import ObjectStore
from kefir.store.accounts import DeletionMarkers
from kefir.store.batches import BatchStore

PUBLIC_EVENTS = 50


def public_batch(store: BatchStore, objects: ObjectStore, markers: DeletionMarkers,
                 batch_id: str) -> dict:
    """The public view of a shared batch (one Query, and the owner's deletion marker at
    most every few seconds); NotFound, identically, for a batch that is private, being
    deleted, deleted, unknown, or whose owner deleted the account."""
    found = store.load(batch_id, None, recent=PUBLIC_EVENTS)
    if found is None or found[0].get("is_public") is not True \
            or markers.is_deleted(found[0]["owner"]):
        raise NotFound()
    batch, events = found
    shown = []
    for event in events:
        if not is_public(event["type"]):
            continue
        item = {"type": event["type"], "at": event["at"],
                **{k: event[k] for k in READING_FIELDS if event.get(k) is not None}}
        if event.get("photo_key"):
            item["photo_url"] = objects.view_url(event["photo_key"])
        shown.append(item)
    return {
        "name": batch["name"], "kind": batch["kind"], "status": batch["status"],
        "started_at": batch["started_at"], "events": shown,
        "photos": [{"url": e["photo_url"], "at": e["at"]} for e in shown if "photo_url" in e],
    }
