"""Push devices: one item per device in its owner's partition, a token-owner item that says
which account holds a token, and a guard item per account that makes the device cap hold
under concurrent registrations. docs/table-design.md has the items."""
from __future__ import annotations

from kefir.domain.devices import ACTIVE, PENDING, status_of
from kefir.errors import ConditionFailed
from kefir.store import guard, keys
from kefir.store.schema import TTL_ATTRIBUTE
from kefir.store.table import Page, Table

_OWNER_IS = "#o = :owner"
_NAMES = {"#o": "owner"}


class DeviceStore:
    def __init__(self, table: Table):
        self.table = table

    def owner_of(self, device_id: str) -> str | None:
        item = self.table.get(keys.push_token_owner_key(device_id), consistent=True)
        return item["owner"] if item else None

    def get(self, user_id: str, device_id: str) -> dict | None:
        return self.table.get(keys.device_key(user_id, device_id), consistent=True)

    def snapshot(self, user_id: str) -> tuple[list[dict], int]:
        """(the user's devices, pending ones not yet expired included; the guard's `seq`):
        the guard read first, then the devices."""
        seq = guard.read(self.table, keys.device_guard_key(user_id))
        return list(self.table.query_all(
            "PK = :pk AND begins_with(SK, :prefix)", consistent=True,
            values={":pk": keys.user_pk(user_id), ":prefix": keys.DEVICE_PREFIX})), seq

    def add(self, device: dict, *, seen_seq: int) -> None:
        """Write an active device and claim its token, if the token is free (or already
        this owner's) and no other registration of this owner was written since
        `snapshot` read `seen_seq`. ConditionFailed otherwise."""
        owner, device_id = device["owner"], device["device_id"]
        self.table.transact([
            {"Put": {"Item": {**keys.push_token_owner_key(device_id), "owner": owner},
                     "ConditionExpression": f"attribute_not_exists(PK) OR {_OWNER_IS}",
                     "ExpressionAttributeNames": _NAMES,
                     "ExpressionAttributeValues": {":owner": owner}}},
            {"Put": {"Item": {**keys.device_key(owner, device_id), **device}}},
            guard.advance(keys.device_guard_key(owner), seen_seq),
        ])

    def add_pending(self, device: dict, *, seen_seq: int) -> None:
        """Write a device waiting for proof of possession (it expires with its code), under
        the same guard as `add`; the token stays with its current owner."""
        self.table.transact([
            {"Put": {"Item": {**keys.device_key(device["owner"], device["device_id"]),
                              **device}}},
            guard.advance(keys.device_guard_key(device["owner"]), seen_seq),
        ])

    def count_try(self, user_id: str, device_id: str, *, max_tries: int, now: int
                  ) -> dict | None:
        """Count one answer to a pending device's code before it is compared, so parallel
        guesses cannot exceed `max_tries`; the device afterwards, or None when it is not
        pending, has expired or has no tries left."""
        try:
            return self.table.update(
                keys.device_key(user_id, device_id), "ADD tries :one",
                names={"#s": "status", "#exp": TTL_ATTRIBUTE},
                values={":one": 1, ":max": max_tries, ":now": now, ":pending": PENDING},
                condition="#s = :pending AND tries < :max AND #exp > :now")
        except ConditionFailed:
            return None

    def activate(self, device: dict, *, previous_owner: str | None, now: int) -> None:
        """Proof given: the pending device becomes active and its token leaves
        `previous_owner` (whose device goes) in one transaction. ConditionFailed if the
        code expired meanwhile or the token's owner is no longer `previous_owner`."""
        owner, device_id = device["owner"], device["device_id"]
        claim = {"Item": {**keys.push_token_owner_key(device_id), "owner": owner}}
        if previous_owner is None:
            claim["ConditionExpression"] = "attribute_not_exists(PK)"
        else:
            claim.update(ConditionExpression=_OWNER_IS, ExpressionAttributeNames=_NAMES,
                         ExpressionAttributeValues={":owner": previous_owner})
        operations = [
            {"Update": {
                "Key": keys.device_key(owner, device_id),
                "UpdateExpression": "SET #s = :active REMOVE code_hash, tries, #exp",
                "ConditionExpression": "#s = :pending AND #exp > :now",
                "ExpressionAttributeNames": {"#s": "status", "#exp": TTL_ATTRIBUTE},
                "ExpressionAttributeValues": {":active": ACTIVE, ":pending": PENDING,
                                              ":now": now}}},
            {"Put": claim},
        ]
        if previous_owner not in (None, owner):
            operations.append({"Delete": {"Key": keys.device_key(previous_owner, device_id)}})
        self.table.transact(operations)

    def receivers(self, user_id: str) -> list[dict]:
        """The user's active devices: the ones a reminder is pushed to."""
        return [d for d in self.table.query_all(
            "PK = :pk AND begins_with(SK, :prefix)",
            values={":pk": keys.user_pk(user_id), ":prefix": keys.DEVICE_PREFIX})
            if status_of(d) == ACTIVE]

    def page(self, user_id: str, limit: int, start_key: dict | None) -> Page:
        """One page of the user's devices, by device id."""
        return self.table.query(
            "PK = :pk AND begins_with(SK, :prefix)", limit=limit, start_key=start_key,
            values={":pk": keys.user_pk(user_id), ":prefix": keys.DEVICE_PREFIX})

    def remove(self, user_id: str, device_id: str) -> bool:
        """Delete the device and, if it holds its token, release the token; False if this
        user has no such device. A pending device never held the token."""
        device = self.get(user_id, device_id)
        if device is None:
            return False
        gone = {"Delete": {"Key": keys.device_key(user_id, device_id),
                           "ConditionExpression": "attribute_exists(PK)"}}
        operations = [gone]
        if status_of(device) == ACTIVE:
            operations.append({"Delete": {
                "Key": keys.push_token_owner_key(device_id),
                "ConditionExpression": f"attribute_not_exists(PK) OR {_OWNER_IS}",
                "ExpressionAttributeNames": _NAMES,
                "ExpressionAttributeValues": {":owner": user_id}}})
        try:
            self.table.transact(operations)
        except ConditionFailed:
            return False
        return True
