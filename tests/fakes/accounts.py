"""In-memory stand-in for kefir.store.accounts.DeletionMarkers, as a pass reads it."""
from __future__ import annotations


class FakeDeletionMarkers:
    def __init__(self):
        self.deleted: set[str] = set()

    def is_deleted(self, user_id: str) -> bool:
        return user_id in self.deleted
