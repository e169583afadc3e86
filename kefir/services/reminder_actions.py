"""What the owner does with a reminder, in the app or from its push: snooze it, or mark it
done (which logs the matching event)."""
from __future__ import annotations

from datetime import datetime, timedelta

from kefir.clock import to_iso
from kefir.domain.brewer import BrewerDay, quiet_window
from kefir.domain.reminders import EVENT_OF_DONE, SENDING
from kefir.domain.texts import push_body
from kefir.errors import ConditionFailed, InvalidState, NotFound
from kefir.services.events import add_event
from kefir.services.follow_up import EventFollowUp
from kefir.services.reminders import reminder_out
from kefir.store.reminders import ReminderStore

_ACTIVE = ("pending", SENDING, "sent")


def snooze(store: ReminderStore, user_id: str, reminder_id: str, minutes: int,
           now: datetime, day: BrewerDay) -> dict:
    """Pending again `minutes` from now (moved to the end of quiet hours if it lands in
    them); only a pending or sent reminder can be snoozed."""
    reminder = _active(store, user_id, reminder_id)
    due_at = now + timedelta(minutes=minutes)
    window = quiet_window(due_at, day)
    if window is not None:
        due_at = window[1]
    amounts = reminder.get("amounts") or {}
    body = push_body(reminder["body"], due_at, day, liquid_ml=amounts.get("liquid_ml"),
                     temperature_c=amounts.get("temperature_c"))
    try:
        snoozed = store.snooze(reminder, to_iso(due_at), body, day.timezone, to_iso(now))
    except ConditionFailed:
        raise _invalid(store.get(user_id, reminder_id)) from None
    return reminder_out(snoozed)


def mark_done(store: ReminderStore, events, batches, objects, follow_up: EventFollowUp,
              user_id: str, reminder_id: str, now: datetime) -> dict:
    """The reminder is done; for strain, feed, burp and bottle the matching event is
    logged in the same transaction, so the batch's history, status and other reminders
    follow. Answers {"reminder", "event"} (event None for other kinds)."""
    reminder = _active(store, user_id, reminder_id)
    event_type = EVENT_OF_DONE.get(reminder["kind"])
    if event_type is None:
        event = None
        try:
            store.mark_done(reminder, to_iso(now))
        except ConditionFailed:
            raise _invalid(store.get(user_id, reminder_id)) from None
    else:
        try:
            event = add_event(events, batches, objects, user_id, reminder["batch_id"],
                              {"type": event_type}, now=now, follow_up=follow_up,
                              marked=reminder)
        except NotFound:
            raise NotFound("This reminder's batch is gone.") from None
    return {"reminder": reminder_out(store.get(user_id, reminder_id)), "event": event}


def _active(store: ReminderStore, user_id: str, reminder_id: str) -> dict:
    reminder = store.get(user_id, reminder_id)
    if reminder is None:
        raise NotFound("No such reminder.")
    if reminder["status"] not in _ACTIVE:
        raise _invalid(reminder)
    return reminder


def _invalid(reminder: dict | None) -> Exception:
    if reminder is None:
        return NotFound("No such reminder.")
    return InvalidState(f"This reminder is {reminder['status']}; only a pending or sent "
                        "reminder can be snoozed or marked done.",
                        details={"status": reminder["status"]})
