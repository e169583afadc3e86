"""The deletion sweep: removes everything a deleted account owned, in bounded steps.

The scheduled pass runs it after the reminders. Each due marker is claimed with a lease
(a pass that dies leaves it to reappear when the lease ends), then its stages run in
order; each stage is a generator that yields after every bounded step (a page of items or
objects), and the pass stops between steps when its budget is spent. A finished stage is
checkpointed on the marker, so the next pass resumes at the first unfinished one; inside a
stage, what was deleted is simply no longer found. Every step is idempotent, so a sweep
that finds items half-gone just carries on.
"""
from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime

from kefir.clock import to_iso
from kefir.domain.reminders import LEASE
from kefir.errors import AppError
from kefir.services.budget import Budget
from kefir.photos import ObjectStore, account_prefixes
from kefir.store.accounts import AccountItems, DeletionMarkers
from kefir.store.batches import BatchStore

log = logging.getLogger(__name__)

MAX_ACCOUNTS_PER_PASS = 20


@dataclass(frozen=True)
class Sweeper:
    markers: DeletionMarkers
    items: AccountItems
    batches: BatchStore
    objects: ObjectStore
    identity: object  # kefir.identity.cognito.CognitoIdentity (or its local twin)

    def _batches(self, marker: dict) -> Iterator[None]:
        """Each batch's partition (events, reminder pointers and the reminders they point
        to), then the batch item."""
        for batch_ids in self.items.batch_id_pages(marker["user_id"]):
            for batch_id in batch_ids:
                self.batches.delete_contents(batch_id)
                self.batches.delete_batch_item(batch_id)
                yield

    def _account_items(self, marker: dict) -> Iterator[None]:
        """The user's partition: profile, reminders with their due-queue entries, devices
        and their push-token owners, tickets, idempotency records, counters, archives."""
        while page := self.items.first_page(marker["user_id"]):
            self.items.delete(page)
            yield

    def _files(self, marker: dict) -> Iterator[None]:
        """Photos, CSV exports and archives."""
        for prefix in account_prefixes(marker["user_id"]):
            yield from self.objects.delete_pages(prefix)

    def _sign_in(self, marker: dict) -> Iterator[None]:
        """The Cognito user, if the request could not delete it at once."""
        if marker.get("username"):
            self.identity.delete_user(marker["username"], marker["user_id"])
        yield


STAGES: tuple[tuple[str, Callable[[Sweeper, dict], Iterator]], ...] = (
    ("sign_in", Sweeper._sign_in),
    ("batches", Sweeper._batches),
    ("account_items", Sweeper._account_items),
    ("files", Sweeper._files),
)


def sweep_deleted_accounts(sweeper: Sweeper, now: datetime, budget: Budget) -> int:
    """Run the due sweeps until done or out of budget; returns how many accounts are now
    wholly gone. A sweep that fails on a dependency stays queued for a later pass."""
    finished = 0
    lease_until = to_iso(now + LEASE)
    for entry in sweeper.markers.due(to_iso(now), MAX_ACCOUNTS_PER_PASS):
        if budget.exhausted():
            break
        marker = sweeper.markers.claim(entry, lease_until)
        if marker is None:
            continue
        try:
            if _sweep(sweeper, marker, now, budget):
                finished += 1
        except AppError as error:
            log.warning("account sweep stopped", extra={"fields": {
                "user_id": marker["user_id"], "error": error.code}})
    return finished


def _sweep(sweeper: Sweeper, marker: dict, now: datetime, budget: Budget) -> bool:
    names = [name for name, _ in STAGES]
    start = names.index(marker["stage"]) if marker.get("stage") in names else 0
    for index in range(start, len(STAGES)):
        name, stage = STAGES[index]
        if marker.get("stage") != name:
            sweeper.markers.checkpoint(marker["user_id"], name)
        for _ in stage(sweeper, marker):
            if budget.exhausted():
                # Out of time, not failing: the next pass goes on, without waiting for
                # this pass's lease to end.
                sweeper.markers.release(marker["user_id"], to_iso(now))
                return False
    sweeper.markers.finish(marker["user_id"], to_iso(now))
    log.info("account swept", extra={"fields": {"user_id": marker["user_id"]}})
    return True
