"""Batches, their events and the photo bucket in memory."""
from __future__ import annotations

from collections.abc import Iterator
from copy import deepcopy

from kefir.errors import NotFound


class FakeBatches:
    """BatchStore's reads in memory. Another owner's batch, or one being deleted, reads as
    absent, as it does in the table."""

    def __init__(self):
        self.items: dict[str, dict] = {}
        self.events: dict[str, list[dict]] = {}  # batch_id -> events, in no order

    def create(self, batch: dict) -> None:
        self.items[batch["batch_id"]] = deepcopy(batch)
        self.events.setdefault(batch["batch_id"], [])

    def get(self, batch_id: str, owner: str | None) -> dict | None:
        batch = self.items.get(batch_id)
        if batch is None or batch.get("deleting"):
            return None
        if owner is not None and batch["owner"] != owner:
            return None
        return deepcopy(batch)

    def load(self, batch_id: str, owner: str | None, *, recent: int = 20
             ) -> tuple[dict, list[dict]] | None:
        batch = self.get(batch_id, owner)
        if batch is None:
            return None
        return batch, list(reversed(list(self.all_events(batch_id))))[:recent]

    def all_events(self, batch_id: str) -> Iterator[dict]:
        """Oldest first, as events sort in their partition (by `at`, then id)."""
        ordered = sorted(self.events.get(batch_id, []), key=lambda e: (e["at"], e["event_id"]))
        return iter(deepcopy(ordered))

    def all_for_owner(self, owner: str) -> Iterator[dict]:
        """Newest `started_at` first, without batches being deleted."""
        mine = [b for b in self.items.values() if b["owner"] == owner and not b.get("deleting")]
        return iter(deepcopy(sorted(mine, key=lambda b: (b["started_at"], b["batch_id"]),
                                    reverse=True)))


class FakeEvents:
    """EventStore's write in memory, on the batches of a FakeBatches: the event and what it
    implies for its batch succeed or fail together."""

    def __init__(self, batches: FakeBatches):
        self.batches = batches

    def add(self, owner: str, event: dict, *, moves_status_to: str | None = None,
            allowed_from: tuple[str, ...] = (), cover_photo_key: str | None = None,
            now: str, also=None) -> None:
        # Operations on other items (a follow-up's reminders) are DynamoDB's to apply; the
        # tests of follow-ups run on the emulator.
        assert also is None, "FakeEvents does not apply a follow-up's operations"
        batch = self.batches.items.get(event["batch_id"])
        if batch is None or batch.get("deleting") or batch["owner"] != owner:
            raise NotFound()
        self.batches.events[event["batch_id"]].append({**deepcopy(event), "owner": owner})
        if moves_status_to:
            # The event is written either way; the status only moves forward.
            if batch["status"] in allowed_from:
                batch.update(status=moves_status_to, updated_at=now,
                             version=batch.get("version", 0) + 1)
        elif cover_photo_key:
            batch.update(cover_photo_key=cover_photo_key, updated_at=now)


class FakeObjects:
    """The photo bucket (ObjectStore) in memory: `keys` are the uploaded objects."""

    def __init__(self, keys: tuple[str, ...] = ()):
        self.keys: set[str] = set(keys)

    def exists(self, key: str) -> bool:
        return key in self.keys

    def view_url(self, key: str, expires_in: int = 3600) -> str:
        return f"https://photos.invalid/{key}?expires={expires_in}"
