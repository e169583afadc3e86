"""Registering, verifying, listing and removing the Expo push devices of a user.

A token registered to nobody is registered at once. A token that another account holds
moves only on proof of possession: the caller gets a pending device, the token gets a
data-only push with a 6-digit code, and only the right code (within 10 minutes, 5 tries)
moves the token, in one transaction. Until then the previous owner keeps receiving its
reminders and the caller receives nothing, so registering someone else's token no longer
lets anyone push text to their phone. docs/reminders.md describes the flow.
"""
from __future__ import annotations

from datetime import datetime

from kefir.clock import epoch_seconds, to_iso
from kefir.domain.devices import (
    ACTIVE,
    MAX_DEVICES,
    PENDING,
    PUSH_TYPE,
    VERIFICATION_TRIES,
    VERIFICATION_TTL,
    canonical_token,
    code_hash,
    code_matches,
    device_id_for,
    new_verification_code,
    status_of,
)
from kefir.errors import (
    ConditionFailed,
    LimitReached,
    NotFound,
    RateLimited,
    ServiceUnavailable,
    ValidationFailed,
)
from kefir.store.cursors import CursorSigner
from kefir.store.devices import DeviceStore
from kefir.store.ratelimit import Limit, RateLimiter
from kefir.store.schema import TTL_ATTRIBUTE

CREATED, EXISTING = "created", "existing"
_RACE_RETRIES = 8
# Codes pushed to one token an hour: 5 tries each bounds guessing to 25 an hour, and the
# phone's owner is not flooded with codes.
CODES_PER_TOKEN = Limit("device-code", 5, 60 * 60)
_SHOWN = ("device_id", "platform", "name", "created_at")


def device_out(device: dict) -> dict:
    """The client's view: never the token, the code's hash or its tries."""
    return {**{k: device.get(k) for k in _SHOWN}, "status": status_of(device)}


def register_device(store: DeviceStore, push, limiter: RateLimiter, user_id: str,
                    push_token: str, platform: str, name: str | None, now: datetime
                    ) -> tuple[dict, str]:
    """Register a token for this user: (device, CREATED) when it was free, (device,
    EXISTING) when already this user's, (device, PENDING) when another account holds it
    and a code was pushed to it. LimitReached past MAX_DEVICES."""
    token = canonical_token(push_token)
    device_id = device_id_for(token)
    device = {"device_id": device_id, "owner": user_id, "push_token": token,
              "platform": platform, "name": name, "created_at": to_iso(now), "status": ACTIVE}
    for _ in range(_RACE_RETRIES):
        owner = store.owner_of(device_id)
        devices, seq = store.snapshot(user_id)
        mine = next((d for d in devices if d["device_id"] == device_id), None)
        if owner == user_id and mine and status_of(mine) == ACTIVE:
            return mine, EXISTING
        if sum(1 for d in devices if d["device_id"] != device_id) >= MAX_DEVICES:
            raise LimitReached(f"An account can have at most {MAX_DEVICES} devices; remove "
                               "one first.", limit=MAX_DEVICES)
        try:
            if owner in (None, user_id):
                store.add(device, seen_seq=seq)
                return device, CREATED
            limiter.hit(CODES_PER_TOKEN, device_id)
            code = new_verification_code()
            pending = {**device, "status": PENDING, "code_hash": code_hash(device_id, code),
                       "tries": 0, TTL_ATTRIBUTE: epoch_seconds(now + VERIFICATION_TTL)}
            store.add_pending(pending, seen_seq=seq)
        except ConditionFailed:
            continue  # another registration (this token's, or this user's) won: read again
        _push_code(push, token, device_id, code)
        return pending, PENDING
    raise ServiceUnavailable("This device is being registered elsewhere; try again.",
                             retry_after=1)


def verify_device(store: DeviceStore, user_id: str, device_id: str, code: str,
                  now: datetime) -> dict:
    """Proof of possession: the right code makes the pending device active and moves its
    token from the previous owner. Wrong code: ValidationFailed; after 5 answers, or once
    the code expired, the device must be registered again for a new code."""
    device = store.get(user_id, device_id)
    if device is None:
        raise NotFound("No such device.")
    if status_of(device) == ACTIVE:
        return device
    counted = store.count_try(user_id, device_id, max_tries=VERIFICATION_TRIES,
                              now=epoch_seconds(now))
    if counted is None:
        again = store.get(user_id, device_id)
        if again is not None and status_of(again) == ACTIVE:
            return again
        if again is None or again[TTL_ATTRIBUTE] <= epoch_seconds(now):
            raise NotFound("No such device, or its code expired; register it again.")
        raise RateLimited("Too many wrong codes; register the device again for a new code.",
                          retry_after=60)
    if not code_matches(counted, code):
        raise ValidationFailed("That code is not right.", details={"code": ["Wrong code."]})
    for _ in range(_RACE_RETRIES):
        try:
            store.activate(counted, previous_owner=store.owner_of(device_id),
                           now=epoch_seconds(now))
        except ConditionFailed:
            if store.get(user_id, device_id) is None:
                raise NotFound("No such device.") from None
            continue  # the token changed hands meanwhile: read its owner again
        return {**counted, "status": ACTIVE}
    raise ServiceUnavailable("This device is being registered elsewhere; try again.",
                             retry_after=1)


def list_devices(store: DeviceStore, cursors: CursorSigner, user_id: str, *, limit: int,
                 cursor: str | None) -> tuple[list[dict], str | None]:
    """A page of the user's devices (by device id) and the next page's cursor."""
    start = cursors.decode(cursor, user_id=user_id, query="devices")
    page = store.page(user_id, limit, start)
    return ([device_out(d) for d in page.items],
            cursors.encode(page.last_key, user_id=user_id, query="devices"))


def delete_device(store: DeviceStore, user_id: str, device_id: str) -> None:
    """Remove one of the user's devices; another user's device is simply not found."""
    if not store.remove(user_id, device_id):
        raise NotFound("No such device.")


def _push_code(push, token: str, device_id: str, code: str) -> None:
    # Imported here: the Expo SDK and requests would otherwise load on every cold start.
    from kefir.push import Message, PushFailed
    # Data only: the app reads the code and fills it in; nothing shows on the lock screen
    # of a phone whose owner did not ask for it.
    message = Message(to=token, data={"type": PUSH_TYPE, "device_id": device_id,
                                      "code": code})
    try:
        ticket, = push.send([message])
    except PushFailed as error:
        raise ServiceUnavailable("The code could not be pushed to the device; try again.",
                                 retry_after=5) from error
    if ticket.error:
        raise ValidationFailed(details={"push_token": [
            f"Expo did not accept a push to this token ({ticket.error})."]})
