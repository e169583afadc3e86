"""Idempotency records: one item per user and key, claimed before the work is done.

The claim is a conditional put, so of two concurrent requests with the same key exactly
one does the work. A claim whose holder crashed is taken over once its lease runs out;
a record lives 24 hours (`expires_at`).
"""
from __future__ import annotations

import time
from collections.abc import Callable

from kefir.errors import ConditionFailed
from kefir.store import keys

RECORD_TTL_S = 24 * 60 * 60
LEASE_S = 30

_CLAIMABLE = ("attribute_not_exists(PK) OR expires_at <= :now "
              "OR (#state = :pending AND lease_until <= :now)")


class IdempotencyStore:
    def __init__(self, table, now: Callable[[], float] = time.time):
        self.table = table
        self._now = now

    def claim(self, user_id: str, key: str, fingerprint: str) -> dict | None:
        """Claim the key for this request: None when claimed, else the existing record."""
        now = int(self._now())
        record_key = keys.idempotency_key(user_id, key)
        item = {**record_key, "state": "pending", "fingerprint": fingerprint,
                "expires_at": now + RECORD_TTL_S, "lease_until": now + LEASE_S}
        try:
            self.table.put(item, condition=_CLAIMABLE, names={"#state": "state"},
                           values={":now": now, ":pending": "pending"})
            return None
        except ConditionFailed:
            return self.get(user_id, key) or {"state": "pending", "fingerprint": fingerprint}

    def get(self, user_id: str, key: str) -> dict | None:
        return self.table.get(keys.idempotency_key(user_id, key), consistent=True)

    def complete(self, user_id: str, key: str, reply: dict) -> None:
        """Store the first answer for replay."""
        self.table.update(keys.idempotency_key(user_id, key),
                          "SET #state = :done, reply = :reply",
                          names={"#state": "state"}, values={":done": "done", ":reply": reply})

    def release(self, user_id: str, key: str) -> None:
        """Give the key back after a failed attempt, so a retry runs the request again."""
        try:
            self.table.delete(keys.idempotency_key(user_id, key), condition="#state = :pending",
                              names={"#state": "state"}, values={":pending": "pending"})
        except ConditionFailed:
            pass
