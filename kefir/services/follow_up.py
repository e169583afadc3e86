"""What a logged event does beyond itself: it finishes the batch's reminders it answers,
starts a routine's next strain reminder (both in the event's own transaction, so a
finished reminder can never be claimed for a push afterwards), and after a `strained`
updates the owner's timing profile."""
from __future__ import annotations

import logging
from datetime import datetime
from typing import Callable

from kefir.clock import to_iso
from kefir.domain.brewer import BrewerDay
from kefir.domain.events import EventType
from kefir.domain.reminders import ANSWERING_EVENTS, CANCELLED, DONE, ReminderKind, answered_by
from kefir.errors import AppError
from kefir.services import suggestions as suggestion_service
from kefir.services.reminders import new_reminder
from kefir.store.batches import BatchStore
from kefir.store.reminders import ReminderStore

log = logging.getLogger(__name__)


class EventFollowUp:
    def __init__(self, reminders: ReminderStore, batches: BatchStore,
                 timings: suggestion_service.Timings, day: Callable[[], BrewerDay],
                 now: datetime):
        self._reminders = reminders
        self._batches = batches
        self._timings = timings
        self._day = day  # read only when a routine needs it
        self._now = now

    def operations(self, owner: str, event: dict, *, marked: dict | None = None
                   ) -> Callable[[list[dict]], list[dict]]:
        """The transaction operations for the event's reminders, read afresh on each call.
        The event store calls again with the operations refused last time: a reminder a
        processor run holds right now is left to it (its push is already on its way).
        `marked` is a reminder the owner marked done, finished whatever its kind."""
        now, batch_id = to_iso(self._now), event["batch_id"]
        changes = {DONE: {"done_at": now, "done_by_event_id": event["event_id"]},
                   CANCELLED: {"cancelled_at": now}}
        routine = self._next_routine_reminder(owner, event)
        answers = event["type"] in ANSWERING_EVENTS

        def operations(refused: list[dict]) -> list[dict]:
            held = self._reminders.reminder_ids_in(refused)
            open_ = [r for r in self._reminders.open_of_batch(batch_id)
                     if r["owner"] == owner and r["reminder_id"] not in held and (
                         not marked or r["reminder_id"] != marked["reminder_id"])
                     ] if answers else []
            found = []
            for reminder, status in answered_by(event["type"], open_):
                found += self._reminders.completion(reminder, status, changes[status], now)
            if marked and marked["reminder_id"] not in held:
                found += self._reminders.completion(marked, DONE, changes[DONE], now,
                                                    also_sent=True)
            if routine:
                found += self._reminders.creation(routine)
            return found

        return operations

    def after(self, owner: str, event: dict) -> None:
        """Once the event is written: a strained batch's first ferment joins the owner's
        timing profile."""
        if event["type"] != EventType.STRAINED:
            return
        try:
            suggestion_service.record_first_ferment(self._batches, self._timings, owner,
                                                    event["batch_id"])
        except AppError:
            # The event is written; failing its request now would invite a duplicate.
            # The profile catches up at the batch's next strain (or by migration 0003).
            log.warning("timing profile not updated", exc_info=True,
                        extra={"fields": {"batch_id": event["batch_id"]}})

    def _next_routine_reminder(self, owner: str, event: dict) -> dict | None:
        """After a `fed` event on a routine batch: the model's strain reminder for the new
        cycle (the previous one is finished by the same event)."""
        if event["type"] != EventType.FED:
            return None
        found = self._batches.load(event["batch_id"], owner,
                                   recent=suggestion_service.EVENTS_READ)
        if found is None or not found[0].get("auto_remind"):
            return None
        batch, newest_first = found
        return routine_reminder(batch, [*reversed(newest_first), event], self._timings,
                                owner, self._now, self._day())


def routine_reminder(batch: dict, events: list[dict], timings: suggestion_service.Timings,
                     owner: str, now: datetime, day: BrewerDay) -> dict | None:
    """The strain reminder a routine batch confirms by itself, or None when the model has
    no strain step for it now (not fermenting)."""
    events = sorted(events, key=lambda e: e["at"])
    found = suggestion_service.suggest_for_batch(batch, events, timings, owner, now, day)
    strain = next((s for s in found if s.kind == ReminderKind.STRAIN), None)
    if strain is None:
        return None
    return new_reminder(batch, owner, {"suggestion_id": strain.suggestion_id}, now, day)
