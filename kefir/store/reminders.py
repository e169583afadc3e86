"""Reminders: the item in the owner's partition, its pointer in the batch's partition, and
the sparse due-queue entry on GSI1 that the processor reads (docs/reminders.md)."""
from __future__ import annotations

from collections.abc import Iterator

from kefir.domain.reminders import SENDING
from kefir.errors import ConditionFailed
from kefir.store import guard, keys
from kefir.store.queue import entries_due
from kefir.store.table import Page, Table

_STATUS = {"#s": "status"}
_QUEUE_FIELDS = "GSI1PK, GSI1SK, lease_until, claim_id"


class ReminderStore:
    def __init__(self, table: Table):
        self.table = table

    # Requests from the owner -------------------------------------------------------------
    def pending_count(self, batch_id: str) -> int:
        """A batch's reminders not yet sent, failed or cancelled (their pointers)."""
        return self.pending_snapshot(batch_id)[0]

    def pending_snapshot(self, batch_id: str) -> tuple[int, int]:
        """(pending reminders of the batch, its guard's `seq`): the guard read first, then
        the pointers counted; `create` only succeeds while the guard still reads `seq`."""
        seq = guard.read(self.table, keys.reminder_guard_key(batch_id))
        pointers = self.table.query_all(
            "PK = :pk AND begins_with(SK, :prefix)", consistent=True,
            values={":pk": keys.batch_pk(batch_id), ":prefix": keys.REMINDER_PREFIX})
        return sum(1 for _ in pointers), seq

    def create(self, reminders: list[dict], *, seen_seq: int) -> None:
        """Write reminders with their batch pointers in one transaction, only while the
        batch still exists (a concurrent delete of the batch wins cleanly) and no other
        confirmation has been written since `pending_snapshot` read `seen_seq`: so a
        limit checked against that snapshot holds under concurrent confirmations.
        ConditionFailed otherwise."""
        batch_id = reminders[0]["batch_id"]
        operations: list[dict] = [{"ConditionCheck": {
            "Key": keys.batch_key(batch_id),
            "ConditionExpression": "attribute_exists(PK) AND attribute_not_exists(deleting)"}}]
        for reminder in reminders:
            operations += [{"Put": {"Item": item}} for item in self.items_for(reminder)]
        self.table.transact(operations + [guard.advance(keys.reminder_guard_key(batch_id),
                                                        seen_seq)])

    @staticmethod
    def items_for(reminder: dict) -> tuple[dict, dict]:
        """The reminder item (queued on GSI1 at its due time) and its batch pointer."""
        rid, owner = reminder["reminder_id"], reminder["owner"]
        reminder_key = keys.reminder_key(owner, rid)
        item = {**reminder_key, **reminder, keys.GSI1PK: keys.due_gsi1pk(rid),
                keys.GSI1SK: keys.queue_gsi1sk(reminder["due_at"], rid)}
        pointer = {**keys.reminder_pointer_key(reminder["batch_id"], rid),
                   "cascade_key": reminder_key, "kind": reminder["kind"]}
        return item, pointer

    def open_of_batch(self, batch_id: str) -> list[dict]:
        """The batch's reminders not yet finished (`reminder_id`, `owner`, `kind`), from
        their pointers in one Query (a pointer written before pointers carried the kind
        costs one GetItem)."""
        found = []
        for pointer in self.table.query_all(
                "PK = :pk AND begins_with(SK, :prefix)", consistent=True,
                values={":pk": keys.batch_pk(batch_id), ":prefix": keys.REMINDER_PREFIX}):
            owner = keys.owner_of_user_pk(pointer["cascade_key"][keys.PK])
            rid = keys.reminder_id_of(pointer[keys.SK])
            kind = pointer.get("kind")
            if kind is None:
                item = self.get(owner, rid)
                if item is None:
                    continue
                kind = item["kind"]
            found.append({"reminder_id": rid, "owner": owner, "kind": kind,
                          "batch_id": batch_id})
        return found

    @staticmethod
    def completion(reminder: dict, status: str, changes: dict, now: str, *,
                   also_sent: bool = False) -> list[dict]:
        """Transaction operations that finish a waiting reminder as `done` or `cancelled`
        with `changes`: it leaves the due queue, so no run can claim it afterwards, and its
        pointer goes. The condition refuses one a run holds under a live lease (its push
        is on its way); `also_sent` lets a `sent` one (or a held one) be marked done too."""
        rid = reminder["reminder_id"]
        sets = {"status": status, **changes}
        values = {f":{k}": v for k, v in sets.items()}
        values.update({":pending": "pending", ":now": now})
        condition = "attribute_exists(GSI1PK) AND (#status = :pending OR lease_until <= :now)"
        if also_sent:
            condition = "#status IN (:pending, :sending, :sent)"
            values.update({":sending": SENDING, ":sent": "sent"})
        return [
            {"Update": {
                "Key": keys.reminder_key(reminder["owner"], rid),
                "UpdateExpression": "SET " + ", ".join(f"#{k} = :{k}" for k in sets)
                                    + f" REMOVE {_QUEUE_FIELDS}",
                "ConditionExpression": condition,
                "ExpressionAttributeNames": {f"#{k}": k for k in sets},
                "ExpressionAttributeValues": values}},
            {"Delete": {"Key": keys.reminder_pointer_key(reminder["batch_id"], rid)}},
        ]

    @staticmethod
    def reminder_ids_in(operations: list[dict]) -> set[str]:
        """The reminders that transaction operations from `completion` update."""
        return {keys.reminder_id_of(op["Update"]["Key"][keys.SK]) for op in operations
                if "Update" in op and op["Update"]["Key"][keys.SK].startswith(
                    keys.REMINDER_PREFIX)}

    def mark_done(self, reminder: dict, now: str) -> None:
        """The owner marked a reminder done with no event to log; ConditionFailed unless
        it is pending, being sent or sent."""
        self.table.transact(self.completion(reminder, "done", {"done_at": now}, now,
                                            also_sent=True))

    def creation(self, reminder: dict) -> list[dict]:
        """Transaction operations that write a new pending reminder and its pointer."""
        return [{"Put": {"Item": item}} for item in self.items_for(reminder)]

    def snooze(self, reminder: dict, due_at: str, body: str, timezone: str, now: str) -> dict:
        """Pending again at `due_at` with a new push body (queued, its pointer back); only
        from pending, a lapsed lease or sent. ConditionFailed otherwise."""
        rid, owner = reminder["reminder_id"], reminder["owner"]
        item, pointer = self.items_for({**reminder, "due_at": due_at})
        self.table.transact([
            {"Update": {
                "Key": keys.reminder_key(owner, rid),
                "UpdateExpression": "SET #s = :pending, due_at = :due, push_body = :body, "
                                    "snoozed_at = :now, GSI1PK = :pk, GSI1SK = :sk, "
                                    "#tz = :tz "
                                    "REMOVE lease_until, claim_id, delivered, attempts",
                "ConditionExpression": "#s = :pending OR #s = :sent OR "
                                       "(#s = :sending AND lease_until <= :now)",
                "ExpressionAttributeNames": {**_STATUS, "#tz": "timezone"},
                "ExpressionAttributeValues": {
                    ":pending": "pending", ":sent": "sent", ":sending": SENDING,
                    ":due": due_at, ":body": body, ":now": now, ":tz": timezone,
                    ":pk": item[keys.GSI1PK], ":sk": item[keys.GSI1SK]}}},
            {"Put": {"Item": pointer}},
        ])
        return {**reminder, "status": "pending", "due_at": due_at, "push_body": body,
                "timezone": timezone}

    def get(self, user_id: str, reminder_id: str) -> dict | None:
        return self.table.get(keys.reminder_key(user_id, reminder_id), consistent=True)

    def page(self, user_id: str, status: str | None, limit: int,
             start_key: dict | None) -> Page:
        """The owner's reminders, soonest due first. A status filter is applied after the
        read, so a page may hold fewer than `limit` items while `last_key` goes on."""
        values = {":pk": keys.user_pk(user_id), ":prefix": keys.REMINDER_PREFIX}
        filter_ = names = None
        if status == "pending":
            filter_, names = "#s IN (:status, :sending)", _STATUS
            values.update({":status": status, ":sending": SENDING})
        elif status:
            filter_, names = "#s = :status", _STATUS
            values[":status"] = status
        return self.table.query("PK = :pk AND begins_with(SK, :prefix)", values=values,
                                names=names, filter=filter_, limit=limit, start_key=start_key)

    def all_for_owner(self, user_id: str) -> Iterator[dict]:
        """Every reminder of the owner, soonest due first, a page at a time."""
        return self.table.query_all(
            "PK = :pk AND begins_with(SK, :prefix)",
            values={":pk": keys.user_pk(user_id), ":prefix": keys.REMINDER_PREFIX})

    def cancel(self, reminder: dict, now: str) -> None:
        """Cancel a reminder that is waiting (or whose sender's lease has run out); raises
        ConditionFailed if it is being sent, was sent, failed or is already cancelled."""
        rid, owner = reminder["reminder_id"], reminder["owner"]
        self.table.transact([
            {"Update": {
                "Key": keys.reminder_key(owner, rid),
                "UpdateExpression": f"SET #s = :cancelled, cancelled_at = :now "
                                    f"REMOVE {_QUEUE_FIELDS}",
                "ConditionExpression": "attribute_exists(GSI1PK) AND "
                                       "(#s = :pending OR lease_until <= :now)",
                "ExpressionAttributeNames": _STATUS,
                "ExpressionAttributeValues": {":cancelled": "cancelled", ":pending": "pending",
                                              ":now": now}}},
            {"Delete": {"Key": keys.reminder_pointer_key(reminder["batch_id"], rid)}},
        ])

    # The processor -----------------------------------------------------------------------
    def due(self, now: str, limit: int) -> list[dict]:
        """Queue entries at or before `now`, shard by shard: one Query a page each, reading
        only what is due (not-yet-due entries sort after the bound)."""
        return entries_due(self.table, keys.due_shard_pks(), now, limit)

    def claim(self, entry: dict, lease_until: str, claim_id: str) -> dict | None:
        """Take a due reminder for one run: compare-and-swap on the queue position that was
        read, so of several runs that saw it exactly one wins. The entry moves to the
        lease's end, where it reappears if this run dies. None if another run won."""
        rid = entry["reminder_id"]
        try:
            return self.table.update(
                keys.reminder_key(entry["owner"], rid),
                "SET #s = :sending, lease_until = :lease, claim_id = :claim, GSI1SK = :next, "
                "attempts = if_not_exists(attempts, :zero) + :one",
                condition="GSI1SK = :seen", names=_STATUS,
                values={":sending": SENDING, ":lease": lease_until, ":claim": claim_id,
                        ":next": keys.queue_gsi1sk(lease_until, rid), ":zero": 0, ":one": 1,
                        ":seen": entry[keys.GSI1SK]})
        except ConditionFailed:
            return self._if_claimed_by(entry, claim_id)

    def finish(self, reminder: dict, status: str, changes: dict) -> bool:
        """Record the final outcome (sent or failed), leave the queue, then drop the
        pointer. False if this run's claim was lost (its lease ran out and another run took
        over). Two plain writes, not a transaction: half the write cost, and a crash between
        them only leaves a pointer that counts one pending reminder too many until the
        batch goes."""
        rid, owner = reminder["reminder_id"], reminder["owner"]
        sets = {"status": status, **changes, "finished_by": reminder["claim_id"]}
        try:
            self.table.update(
                keys.reminder_key(owner, rid),
                "SET " + ", ".join(f"#{k} = :{k}" for k in sets) + f" REMOVE {_QUEUE_FIELDS}",
                condition="claim_id = :claim", names={f"#{k}": k for k in sets},
                values={**{f":{k}": v for k, v in sets.items()}, ":claim": reminder["claim_id"]})
        except ConditionFailed:
            now_item = self.get(owner, rid)
            if not now_item or now_item.get("finished_by") != reminder["claim_id"]:
                return False
        self.table.delete(keys.reminder_pointer_key(reminder["batch_id"], rid))
        return True

    def defer(self, entry: dict, until: str) -> None:
        """Move a due reminder back in the queue to `until` without claiming it (its
        owner had a pass's fair share). Skipped if another run moved it first."""
        rid = entry["reminder_id"]
        try:
            self.table.update(keys.reminder_key(entry["owner"], rid), "SET GSI1SK = :next",
                              condition="GSI1SK = :seen",
                              values={":next": keys.queue_gsi1sk(until, rid),
                                      ":seen": entry[keys.GSI1SK]})
        except ConditionFailed:
            pass

    def _if_claimed_by(self, entry: dict, claim_id: str) -> dict | None:
        """A claim whose first attempt succeeded but timed out is retried by botocore and
        then fails its own condition: read the item to tell that from a lost race."""
        item = self.get(entry["owner"], entry["reminder_id"])
        return item if item and item.get("claim_id") == claim_id else None

    def retry(self, reminder: dict, retry_at: str, delivered: list[str]) -> bool:
        """Back to pending, queued again at `retry_at`, remembering which devices already
        have it. False if this run's claim was lost."""
        rid = reminder["reminder_id"]
        try:
            self.table.update(
                keys.reminder_key(reminder["owner"], rid),
                "SET #s = :pending, GSI1SK = :next, delivered = :delivered "
                "REMOVE lease_until, claim_id",
                condition="claim_id = :claim", names=_STATUS,
                values={":pending": "pending", ":next": keys.queue_gsi1sk(retry_at, rid),
                        ":delivered": delivered, ":claim": reminder["claim_id"]})
        except ConditionFailed:
            return False
        return True
