"""Expo push tickets waiting for their receipt check, queued on GSI1 by check time."""
from __future__ import annotations

from kefir.clock import epoch_seconds, parse_iso
from kefir.store import keys
from kefir.store.schema import TTL_ATTRIBUTE
from kefir.store.queue import entries_due
from kefir.store.table import Table

# Expo keeps receipts for about a day; a ticket not resolved by then is dropped.
KEEP_S = 24 * 3600


class TicketStore:
    def __init__(self, table: Table):
        self.table = table

    def add(self, tickets: list[dict]) -> None:
        """Queue tickets (`ticket_id`, `owner`, `device_id`, `check_after`, …) for a check."""
        self.table.batch_put([self._item(t) for t in tickets])

    def due(self, now: str, limit: int) -> list[dict]:
        """Tickets whose check time has come, one Query a page per shard."""
        return entries_due(self.table, keys.receipt_shard_pks(), now, limit)

    def requeue(self, tickets: list[dict], check_after: str) -> None:
        self.table.batch_put([self._item({**t, "check_after": check_after}) for t in tickets])

    def remove(self, tickets: list[dict]) -> None:
        self.table.batch_delete([keys.ticket_key(t["owner"], t["ticket_id"]) for t in tickets])

    @staticmethod
    def _item(ticket: dict) -> dict:
        fields = {k: v for k, v in ticket.items()
                  if k not in (keys.PK, keys.SK, keys.GSI1PK, keys.GSI1SK, TTL_ATTRIBUTE)}
        return {**keys.ticket_key(ticket["owner"], ticket["ticket_id"]), **fields,
                keys.GSI1PK: keys.receipts_gsi1pk(ticket["ticket_id"]),
                keys.GSI1SK: keys.queue_gsi1sk(ticket["check_after"], ticket["ticket_id"]),
                TTL_ATTRIBUTE: epoch_seconds(parse_iso(ticket["sent_at"])) + KEEP_S}
