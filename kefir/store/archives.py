"""Archive jobs (`POST /me/export`): one item per job in its owner's partition, queued on
GSI1 while pending, and a lock item that lets only one be pending per account."""
from __future__ import annotations

from kefir.errors import ConditionFailed
from kefir.store import keys
from kefir.store.queue import entries_due
from kefir.store.schema import TTL_ATTRIBUTE
from kefir.store.table import Table

_STATUS = {"#s": "status"}
_INTERNAL = (keys.PK, keys.SK, keys.GSI1PK, keys.GSI1SK, "owner", "attempts", "object_key")


class ArchiveJobs:
    def __init__(self, table: Table):
        self._table = table

    def create(self, job: dict) -> None:
        """Write a pending job and take the account's lock in one transaction; raises
        ConditionFailed while another job of the account is pending."""
        owner, export_id = job["owner"], job["export_id"]
        self._table.transact([
            {"Put": {"Item": {**keys.pending_archive_key(owner), "export_id": export_id},
                     "ConditionExpression": "attribute_not_exists(PK)"}},
            {"Put": {"Item": {**keys.archive_key(owner, export_id), **job,
                              keys.GSI1PK: keys.ARCHIVE_QUEUE_PK,
                              keys.GSI1SK: keys.queue_gsi1sk(job["created_at"], export_id)}}},
        ])

    def pending_id(self, owner: str) -> str | None:
        """The id of the account's pending job, if any."""
        lock = self._table.get(keys.pending_archive_key(owner), consistent=True)
        return lock["export_id"] if lock else None

    def get(self, owner: str, export_id: str) -> dict | None:
        return self._table.get(keys.archive_key(owner, export_id), consistent=True)

    # The processor ----------------------------------------------------------------------
    def due(self, now: str, limit: int) -> list[dict]:
        return entries_due(self._table, [keys.ARCHIVE_QUEUE_PK], now, limit)

    def claim(self, entry: dict, lease_until: str) -> dict | None:
        """Take a pending job for one pass (compare-and-swap on its queue position, which
        moves to the lease's end: a pass that dies leaves it to be built again)."""
        export_id = entry["export_id"]
        try:
            return self._table.update(
                keys.archive_key(entry["owner"], export_id),
                "SET GSI1SK = :next, attempts = if_not_exists(attempts, :zero) + :one",
                condition="GSI1SK = :seen",
                values={":next": keys.queue_gsi1sk(lease_until, export_id), ":zero": 0,
                        ":one": 1, ":seen": entry[keys.GSI1SK]})
        except ConditionFailed:
            return None

    def finish(self, job: dict, status: str, fields: dict, expires_at: int) -> None:
        """Record the outcome, leave the queue and release the account's lock, at once.
        The job item expires with its file. A job deleted meanwhile stays deleted."""
        owner, export_id = job["owner"], job["export_id"]
        sets = {"status": status, **fields, TTL_ATTRIBUTE: expires_at}
        try:
            self._transact_finish(owner, export_id, sets)
        except ConditionFailed:
            pass  # the account was deleted meanwhile: its sweep removes the rest

    def _transact_finish(self, owner: str, export_id: str, sets: dict) -> None:
        self._table.transact([
            {"Update": {
                "Key": keys.archive_key(owner, export_id),
                "UpdateExpression": "SET " + ", ".join(f"#{k} = :{k}" for k in sets)
                                    + " REMOVE GSI1PK, GSI1SK",
                "ConditionExpression": "attribute_exists(PK)",
                "ExpressionAttributeNames": {f"#{k}": k for k in sets},
                "ExpressionAttributeValues": {f":{k}": v for k, v in sets.items()}}},
            {"Delete": {"Key": keys.pending_archive_key(owner),
                        "ConditionExpression": "attribute_not_exists(PK) OR export_id = :id",
                        "ExpressionAttributeValues": {":id": export_id}}},
        ])


def public_fields(job: dict) -> dict:
    """A job as its owner may see it."""
    return {k: v for k, v in job.items() if k not in _INTERNAL and k != TTL_ATTRIBUTE}
