"""Push devices: one item per device in its owner's partition, plus a token-owner item that
says which account holds a token (so a token can move between accounts atomically)."""
from __future__ import annotations

from kefir.errors import ConditionFailed
from kefir.store import keys
from kefir.store.table import Table

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

    def add(self, device: dict, *, previous_owner: str | None) -> None:
        """Write the device and claim its token in one transaction. With `previous_owner`
        the token moves: that account's device item goes in the same transaction. Raises
        ConditionFailed if the token's owner changed since it was read."""
        owner, device_id = device["owner"], device["device_id"]
        claim = {"Item": {**keys.push_token_owner_key(device_id), "owner": owner}}
        if previous_owner is None:
            claim["ConditionExpression"] = "attribute_not_exists(PK)"
        else:
            claim.update(ConditionExpression=_OWNER_IS, ExpressionAttributeNames=_NAMES,
                         ExpressionAttributeValues={":owner": previous_owner})
        operations = [{"Put": claim},
                      {"Put": {"Item": {**keys.device_key(owner, device_id), **device}}}]
        if previous_owner not in (None, owner):
            operations.append({"Delete": {"Key": keys.device_key(previous_owner, device_id)}})
        self.table.transact(operations)

    def list(self, user_id: str) -> list[dict]:
        return list(self.table.query_all(
            "PK = :pk AND begins_with(SK, :prefix)",
            values={":pk": keys.user_pk(user_id), ":prefix": keys.DEVICE_PREFIX}))

    def remove(self, user_id: str, device_id: str) -> bool:
        """Delete the device and release its token; False if this user has no such device."""
        try:
            self.table.transact([
                {"Delete": {"Key": keys.device_key(user_id, device_id),
                            "ConditionExpression": "attribute_exists(PK)"}},
                {"Delete": {"Key": keys.push_token_owner_key(device_id),
                            "ConditionExpression": f"attribute_not_exists(PK) OR {_OWNER_IS}",
                            "ExpressionAttributeNames": _NAMES,
                            "ExpressionAttributeValues": {":owner": user_id}}},
            ])
        except ConditionFailed:
            return False
        return True
