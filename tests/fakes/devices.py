"""Push devices in memory, with the token-owner claim that moves a token between accounts."""
from __future__ import annotations

from copy import deepcopy

from kefir.domain.devices import canonical_token, device_id_for
from kefir.errors import ConditionFailed


class FakeDevices:
    """DeviceStore in memory. `add` is conditional on who held the token when it was read,
    and `remove` leaves everything as it was unless the device is the user's."""

    def __init__(self):
        self.items: dict[tuple[str, str], dict] = {}
        self.token_owner: dict[str, str] = {}  # device_id -> the account holding the token

    def register(self, user_id: str, token: str, platform: str = "ios") -> str:
        """Arrange a device for a test, as registering it would; returns its id."""
        device_id = device_id_for(token)
        self.add({"device_id": device_id, "owner": user_id, "push_token": canonical_token(token),
                  "platform": platform, "name": None, "created_at": "2030-01-01T00:00:00Z"},
                 previous_owner=self.owner_of(device_id))
        return device_id

    def owner_of(self, device_id: str) -> str | None:
        return self.token_owner.get(device_id)

    def get(self, user_id: str, device_id: str) -> dict | None:
        return deepcopy(self.items.get((user_id, device_id)))

    def add(self, device: dict, *, previous_owner: str | None) -> None:
        owner, device_id = device["owner"], device["device_id"]
        if self.token_owner.get(device_id) != previous_owner:
            raise ConditionFailed()
        self.token_owner[device_id] = owner
        self.items[(owner, device_id)] = deepcopy(device)
        if previous_owner not in (None, owner):
            self.items.pop((previous_owner, device_id), None)

    def list(self, user_id: str) -> list[dict]:
        return [deepcopy(d) for (owner, _), d in self.items.items() if owner == user_id]

    def remove(self, user_id: str, device_id: str) -> bool:
        holder = self.token_owner.get(device_id)
        if (user_id, device_id) not in self.items or holder not in (None, user_id):
            return False
        del self.items[(user_id, device_id)]
        self.token_owner.pop(device_id, None)
        return True
