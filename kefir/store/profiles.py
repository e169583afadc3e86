"""User profiles: what /me answers, in one GetItem."""
from __future__ import annotations

from kefir.errors import ConditionFailed
from kefir.store import keys
from kefir.store.table import Table


class Profiles:
    def __init__(self, table: Table):
        self._table = table

    def get(self, user_id: str) -> dict | None:
        item = self._table.get(keys.profile_key(user_id))
        if item is None:
            return None
        return {"user_id": user_id, "email": item["email"], "created_at": item["created_at"]}

    def create(self, user_id: str, email: str, created_at: str) -> None:
        """Write the profile unless it exists: the first sign-in's values stay."""
        try:
            self._table.put({**keys.profile_key(user_id), "email": email,
                             "created_at": created_at},
                            condition="attribute_not_exists(PK)")
        except ConditionFailed:
            pass
