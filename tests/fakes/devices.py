"""Push devices in memory: the token-owner claim, pending devices waiting for their code,
and the guard that serialises an account's registrations."""
from __future__ import annotations

from copy import deepcopy

from kefir.domain.devices import ACTIVE, PENDING, canonical_token, device_id_for, status_of
from kefir.errors import ConditionFailed
from kefir.store.schema import TTL_ATTRIBUTE


class FakeDevices:
    """DeviceStore in memory. `add` claims a free token (or one already this owner's) and,
    like `add_pending`, only while the account's guard still reads what was seen;
    `activate` moves a token only from the owner it was read from; `remove` leaves
    everything as it was unless the device is the user's. Unlike the table, a pending
    device past its expiry stays visible (tests pass `now` to the service instead)."""

    def __init__(self):
        self.items: dict[tuple[str, str], dict] = {}
        self.token_owner: dict[str, str] = {}  # device_id -> the account holding the token
        self.seq: dict[str, int] = {}  # user_id -> the guard's seq

    def register(self, user_id: str, token: str, platform: str = "ios") -> str:
        """Arrange an active device for a test, as registering a free token would."""
        device_id = device_id_for(token)
        self.add({"device_id": device_id, "owner": user_id, "push_token": canonical_token(token),
                  "platform": platform, "name": None, "created_at": "2030-01-01T00:00:00Z",
                  "status": ACTIVE}, seen_seq=self.snapshot(user_id)[1])
        return device_id

    def owner_of(self, device_id: str) -> str | None:
        return self.token_owner.get(device_id)

    def get(self, user_id: str, device_id: str) -> dict | None:
        return deepcopy(self.items.get((user_id, device_id)))

    def snapshot(self, user_id: str) -> tuple[list[dict], int]:
        mine = [deepcopy(d) for (owner, _), d in self.items.items() if owner == user_id]
        return mine, self.seq.get(user_id, 0)

    def add(self, device: dict, *, seen_seq: int) -> None:
        owner, device_id = device["owner"], device["device_id"]
        if self.token_owner.get(device_id) not in (None, owner):
            raise ConditionFailed()
        self._advance(owner, seen_seq)
        self.token_owner[device_id] = owner
        self.items[(owner, device_id)] = deepcopy(device)

    def add_pending(self, device: dict, *, seen_seq: int) -> None:
        self._advance(device["owner"], seen_seq)
        self.items[(device["owner"], device["device_id"])] = deepcopy(device)

    def count_try(self, user_id: str, device_id: str, *, max_tries: int, now: int
                  ) -> dict | None:
        device = self.items.get((user_id, device_id))
        if device is None or status_of(device) != PENDING or device["tries"] >= max_tries \
                or device[TTL_ATTRIBUTE] <= now:
            return None
        device["tries"] += 1
        return deepcopy(device)

    def activate(self, device: dict, *, previous_owner: str | None, now: int) -> None:
        owner, device_id = device["owner"], device["device_id"]
        mine = self.items.get((owner, device_id))
        if mine is None or status_of(mine) != PENDING or mine[TTL_ATTRIBUTE] <= now \
                or self.token_owner.get(device_id) != previous_owner:
            raise ConditionFailed()
        for name in ("code_hash", "tries", TTL_ATTRIBUTE):
            mine.pop(name)
        mine["status"] = ACTIVE
        self.token_owner[device_id] = owner
        if previous_owner not in (None, owner):
            self.items.pop((previous_owner, device_id), None)

    def receivers(self, user_id: str) -> list[dict]:
        return [d for d in self.snapshot(user_id)[0] if status_of(d) == ACTIVE]

    def remove(self, user_id: str, device_id: str) -> bool:
        device = self.items.get((user_id, device_id))
        if device is None:
            return False
        if status_of(device) == ACTIVE:
            if self.token_owner.get(device_id) not in (None, user_id):
                return False
            self.token_owner.pop(device_id, None)
        del self.items[(user_id, device_id)]
        return True

    def _advance(self, user_id: str, seen_seq: int) -> None:
        if self.seq.get(user_id, 0) != seen_seq:
            raise ConditionFailed()
        self.seq[user_id] = seen_seq + 1
