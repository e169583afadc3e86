"""Routines: a batch with `auto_remind` always has the model's strain reminder waiting
(kefir.services.follow_up starts each new cycle's in the `fed` event's transaction)."""
from __future__ import annotations

from datetime import datetime

from kefir.domain.brewer import BrewerDay
from kefir.domain.reminders import ReminderKind
from kefir.services.follow_up import routine_reminder
from kefir.services.suggestions import EVENTS_READ, Timings
from kefir.store.batches import BatchStore
from kefir.store.reminders import ReminderStore


def start_routine(reminders: ReminderStore, batches: BatchStore, timings: Timings,
                  owner: str, batch_id: str, now: datetime, day: BrewerDay) -> None:
    """When a batch becomes a routine (created or patched with `auto_remind: true`) and no
    strain reminder waits yet, confirm the model's strain suggestion."""
    found = batches.load(batch_id, owner, recent=EVENTS_READ)
    if found is None or not found[0].get("auto_remind"):
        return
    if any(r["kind"] == ReminderKind.STRAIN for r in reminders.open_of_batch(batch_id)):
        return
    batch, newest_first = found
    reminder = routine_reminder(batch, list(reversed(newest_first)), timings, owner, now, day)
    if reminder is not None:
        _, seq = reminders.pending_snapshot(batch_id)
        reminders.create([reminder], seen_seq=seq)
