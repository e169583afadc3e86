"""Registering, listing and removing the Expo push devices of a user."""
from __future__ import annotations

from datetime import datetime

from kefir.clock import to_iso
from kefir.domain.devices import canonical_token, device_id_for
from kefir.errors import ConditionFailed, NotFound, ServiceUnavailable
from kefir.store.devices import DeviceStore

_RACE_RETRIES = 3


def register_device(store: DeviceStore, user_id: str, push_token: str, platform: str,
                    name: str | None, now: datetime) -> tuple[dict, bool]:
    """Register a token for this user: (device, True) if new to the account, (device, False)
    if it was already registered here. A token held by another account moves to this one
    (the phone changed hands or signed in again), atomically."""
    token = canonical_token(push_token)
    device_id = device_id_for(token)
    for _ in range(_RACE_RETRIES):
        owner = store.owner_of(device_id)
        if owner == user_id:
            existing = store.get(user_id, device_id)
            if existing:
                return existing, False
        device = {"device_id": device_id, "owner": user_id, "push_token": token,
                  "platform": platform, "name": name, "created_at": to_iso(now)}
        try:
            store.add(device, previous_owner=owner)
        except ConditionFailed:
            continue  # another registration of this token won the race: read again
        return device, True
    raise ServiceUnavailable("This device is being registered elsewhere; try again.",
                             retry_after=1)


def list_devices(store: DeviceStore, user_id: str) -> list[dict]:
    """The user's devices, oldest first."""
    return sorted(store.list(user_id), key=lambda d: (d["created_at"], d["device_id"]))


def delete_device(store: DeviceStore, user_id: str, device_id: str) -> None:
    """Remove one of the user's devices; another user's device is simply not found."""
    if not store.remove(user_id, device_id):
        raise NotFound("No such device.")
