"""Events in their batch's partition: written with what they imply for the batch in one
transaction, and read a page at a time with the batch's ownership proved in the same Query.
"""
from __future__ import annotations

from typing import Callable

from kefir.errors import ConditionFailed, NotFound, ServiceUnavailable
from kefir.store import keys
from kefir.store.batches import OWNED, OWNED_NAMES, UP_TO_META, partition, plain
from kefir.store.table import Page, Table


_RETRIES = 8  # each retry means a reminder of the batch changed meanwhile


class EventStore:
    def __init__(self, table: Table):
        self.table = table

    def add(self, owner: str, event: dict, *, moves_status_to: str | None = None,
            allowed_from: tuple[str, ...] = (), cover_photo_key: str | None = None,
            now: str, also: Callable[[list[dict]], list[dict]] | None = None) -> None:
        """Write the event and what it implies for its batch in one transaction.

        The batch's status moves to `moves_status_to` only from `allowed_from`; when the
        batch is already further along, the event is still written and the status kept.
        `also(refused)` gives further operations for the same transaction (the reminders
        the event finishes or starts); when some of their conditions fail (a reminder
        changed meanwhile) it is asked again with those operations and the write retried.
        Raises NotFound for another's batch.
        """
        batch_key = keys.batch_key(event["batch_id"])
        put = {"Put": {"Item": {**keys.event_key(event["batch_id"], event["at"],
                                                  event["event_id"]), **event, "owner": owner},
                       "ConditionExpression": "attribute_not_exists(SK)"}}
        check = {"ConditionCheck": {"Key": batch_key, "ConditionExpression": OWNED,
                                    "ExpressionAttributeNames": OWNED_NAMES,
                                    "ExpressionAttributeValues": {":owner": owner}}}
        batch_op = self._batch_change(owner, batch_key, moves_status_to, allowed_from,
                                      cover_photo_key, now) or check
        refused: list[dict] = []
        for _ in range(_RETRIES):
            extra = also(refused) if also else []
            try:
                self.table.transact([put, batch_op, *extra])
                return
            except ConditionFailed as error:
                failed = error.failed_at()
                if failed and min(failed) >= 2:
                    refused += [extra[i - 2] for i in failed]
                    continue  # only reminders moved on: look again
                if batch_op is check:
                    raise NotFound() from None
                batch_op = check  # the batch is already further along: keep its status
        raise ServiceUnavailable("This batch's reminders keep changing; try again.",
                                 retry_after=1)

    @staticmethod
    def _batch_change(owner, batch_key, moves_status_to, allowed_from, cover_photo_key,
                      now) -> dict | None:
        if moves_status_to:
            names = {**OWNED_NAMES, "#status": "status"}
            allowed = {f":s{n}": s for n, s in enumerate(allowed_from)}
            return {"Update": {
                "Key": batch_key,
                "UpdateExpression": "SET #status = :target, updated_at = :now ADD version :one",
                "ConditionExpression": f"{OWNED} AND #status IN ({', '.join(allowed)})",
                "ExpressionAttributeNames": names,
                "ExpressionAttributeValues": {":owner": owner, ":target": moves_status_to,
                                              ":now": now, ":one": 1, **allowed}}}
        if cover_photo_key:
            return {"Update": {
                "Key": batch_key,
                "UpdateExpression": "SET cover_photo_key = :key, updated_at = :now",
                "ConditionExpression": OWNED, "ExpressionAttributeNames": OWNED_NAMES,
                "ExpressionAttributeValues": {":owner": owner, ":key": cover_photo_key,
                                              ":now": now}}}
        return None

    def page(self, batch_id: str, owner: str, *, forward: bool, limit: int,
             start_key: dict | None) -> Page:
        """A page of the batch's events by time, in one Query.

        The query spans the events and the batch item, so the first page always proves
        ownership: either it holds events (each carries `owner`) or the batch item itself.
        Later pages are reached only through a cursor signed for this user and batch.
        """
        page = self.table.query(UP_TO_META, values=partition(batch_id), forward=forward,
                                limit=limit + 1, start_key=start_key, consistent=True)
        if start_key is None and not page.items:
            raise NotFound()
        events = []
        for item in page.items:
            if item.get("owner") != owner or item.get("deleting"):
                raise NotFound()
            if item["SK"] != keys.BATCH_META_SK:
                events.append(item)
        if len(events) > limit:
            events = events[:limit]
            last = {keys.PK: events[-1][keys.PK], keys.SK: events[-1][keys.SK]}
        else:
            last = page.last_key
            if last is not None and last[keys.SK] == keys.BATCH_META_SK:
                last = None
        return Page([plain(e) for e in events], last)
