"""User profiles: what /me answers, in one GetItem, with the owner's settings (time zone,
quiet hours, units) on the same item."""
from __future__ import annotations

from kefir.errors import ConditionFailed
from kefir.store import keys
from kefir.store.table import Table

SETTINGS = ("timezone", "quiet_hours", "units")


class Profiles:
    def __init__(self, table: Table):
        self._table = table

    def get(self, user_id: str) -> dict | None:
        item = self._table.get(keys.profile_key(user_id))
        if item is None:
            return None
        return {"user_id": user_id, "email": item["email"], "created_at": item["created_at"],
                **{name: item.get(name) for name in SETTINGS}}

    def settings(self, user_id: str) -> dict:
        """The owner's stored settings (absent ones missing); {} without a profile."""
        item = self._table.get(keys.profile_key(user_id))
        return {name: item[name] for name in SETTINGS if item and item.get(name) is not None}

    def create(self, user_id: str, email: str, created_at: str) -> None:
        """Write the profile unless it exists: the first sign-in's values stay."""
        try:
            self._table.put({**keys.profile_key(user_id), "email": email,
                             "created_at": created_at},
                            condition="attribute_not_exists(PK)")
        except ConditionFailed:
            pass

    def update_settings(self, user_id: str, changes: dict) -> None:
        """Set settings on an existing profile; a None value clears that setting."""
        sets = {k: v for k, v in changes.items() if v is not None}
        clears = [k for k, v in changes.items() if v is None]
        expression = ""
        if sets:
            expression += "SET " + ", ".join(f"#{k} = :{k}" for k in sets)
        if clears:
            expression += " REMOVE " + ", ".join(f"#{k}" for k in clears)
        self._table.update(keys.profile_key(user_id), expression.strip(),
                           condition="attribute_exists(PK)",
                           names={f"#{k}": k for k in changes},
                           values={f":{k}": v for k, v in sets.items()} or None)
