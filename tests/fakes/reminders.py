"""Reminders and push tickets in memory: the due queues the processor reads."""
from __future__ import annotations

from copy import deepcopy

from kefir.domain.reminders import SENDING
from kefir.errors import ConditionFailed
from tests.fakes.batches import FakeBatches

_HELD = ("lease_until", "claim_id")


class FakeReminders:
    """ReminderStore in memory. A waiting reminder has a position in the due queue (its due
    time; while a run holds it, its lease's end; after a failed attempt, its retry time).
    A claim is a compare-and-swap on the position that was read, so of two runs that saw
    the same entry exactly one wins, and a run whose lease ran out cannot record."""

    def __init__(self, batches: FakeBatches | None = None):
        self.batches = batches  # when given, reminders are only created on a live batch
        self.items: dict[tuple[str, str], dict] = {}
        self.queue: dict[tuple[str, str], str] = {}  # position of each waiting reminder
        self.pointers: set[tuple[str, str]] = set()  # (batch_id, reminder_id) still pending
        self.guards: dict[str, int] = {}  # batch_id -> how many confirmations were written

    # Requests from the owner -------------------------------------------------------------
    def create(self, reminders: list[dict], *, seen_seq: int) -> None:
        batch_id = reminders[0]["batch_id"]
        if self.batches is not None and self.batches.get(batch_id, None) is None:
            raise ConditionFailed()  # the batch is gone or going
        if self.guards.get(batch_id, 0) != seen_seq:
            raise ConditionFailed()  # another confirmation was written since the count
        self.guards[batch_id] = seen_seq + 1
        for reminder in reminders:
            key = (reminder["owner"], reminder["reminder_id"])
            self.items[key] = deepcopy(reminder)
            self.queue[key] = reminder["due_at"]
            self.pointers.add((reminder["batch_id"], reminder["reminder_id"]))

    def get(self, user_id: str, reminder_id: str) -> dict | None:
        return deepcopy(self.items.get((user_id, reminder_id)))

    def pending_count(self, batch_id: str) -> int:
        return self.pending_snapshot(batch_id)[0]

    def pending_snapshot(self, batch_id: str) -> tuple[int, int]:
        return sum(1 for b, _ in self.pointers if b == batch_id), self.guards.get(batch_id, 0)

    def cancel(self, reminder: dict, now: str) -> None:
        key = (reminder["owner"], reminder["reminder_id"])
        item = self.items[key]
        lease = item.get("lease_until")
        lease_over = lease is not None and lease <= now
        if key not in self.queue or not (item["status"] == "pending" or lease_over):
            raise ConditionFailed()
        item.update(status="cancelled", cancelled_at=now)
        self._leave_queue(key)

    # The processor -----------------------------------------------------------------------
    def due(self, now: str, limit: int) -> list[dict]:
        waiting = sorted((at, key) for key, at in self.queue.items() if at <= now)
        return [{"owner": owner, "reminder_id": rid, "position": at}
                for at, (owner, rid) in waiting[:limit]]

    def claim(self, entry: dict, lease_until: str, claim_id: str) -> dict | None:
        key = (entry["owner"], entry["reminder_id"])
        item = self.items[key]
        if self.queue.get(key) != entry["position"]:
            return deepcopy(item) if item.get("claim_id") == claim_id else None
        item.update(status=SENDING, lease_until=lease_until, claim_id=claim_id,
                    attempts=item.get("attempts", 0) + 1)
        self.queue[key] = lease_until
        return deepcopy(item)

    def defer(self, entry: dict, until: str) -> None:
        key = (entry["owner"], entry["reminder_id"])
        if self.queue.get(key) == entry["position"]:
            self.queue[key] = until

    def finish(self, reminder: dict, status: str, changes: dict) -> bool:
        key = (reminder["owner"], reminder["reminder_id"])
        item = self.items[key]
        if item.get("claim_id") != reminder["claim_id"]:
            return item.get("finished_by") == reminder["claim_id"]
        item.update(status=status, **deepcopy(changes), finished_by=reminder["claim_id"])
        self._leave_queue(key)
        return True

    def retry(self, reminder: dict, retry_at: str, delivered: list[str]) -> bool:
        key = (reminder["owner"], reminder["reminder_id"])
        item = self.items[key]
        if item.get("claim_id") != reminder["claim_id"]:
            return False
        item.update(status="pending", delivered=list(delivered))
        for name in _HELD:
            item.pop(name, None)
        self.queue[key] = retry_at
        return True

    def _leave_queue(self, key: tuple[str, str]) -> None:
        item = self.items[key]
        for name in _HELD:
            item.pop(name, None)
        self.queue.pop(key, None)
        self.pointers.discard((item["batch_id"], item["reminder_id"]))


class FakeTickets:
    """TicketStore in memory: tickets wait for their receipt check until `check_after`."""

    def __init__(self):
        self.items: dict[tuple[str, str], dict] = {}

    def add(self, tickets: list[dict]) -> None:
        for ticket in tickets:
            self.items[(ticket["owner"], ticket["ticket_id"])] = deepcopy(ticket)

    def due(self, now: str, limit: int) -> list[dict]:
        waiting = sorted((t for t in self.items.values() if t["check_after"] <= now),
                         key=lambda t: t["check_after"])
        return deepcopy(waiting[:limit])

    def requeue(self, tickets: list[dict], check_after: str) -> None:
        self.add([{**t, "check_after": check_after} for t in tickets])

    def remove(self, tickets: list[dict]) -> None:
        for ticket in tickets:
            self.items.pop((ticket["owner"], ticket["ticket_id"]), None)
