"""Reminders of a user: confirm, list by due time, cancel."""
from __future__ import annotations

from datetime import datetime

from kefir.clock import to_iso
from kefir.domain.reminders import public_status
from kefir.errors import ConditionFailed, Conflict, NotFound
from kefir.store.cursors import CursorSigner
from kefir.store.reminders import ReminderStore

_SHOWN = ("reminder_id", "batch_id", "kind", "due_at", "title", "body", "status", "sent_at",
          "created_at")


def reminder_out(item: dict) -> dict:
    """The client's view of a reminder: internal states and fields stay inside."""
    shown = {k: item.get(k) for k in _SHOWN}
    shown["status"] = public_status(item["status"])
    return shown


def list_reminders(store: ReminderStore, cursors: CursorSigner, user_id: str, *,
                   status: str | None, limit: int, cursor: str | None
                   ) -> tuple[list[dict], str | None]:
    """A page of the user's reminders, soonest due first, and the next page's cursor."""
    query = f"reminders|status={status or ''}"
    start = cursors.decode(cursor, user_id=user_id, query=query)
    page = store.page(user_id, status, limit, start)
    return ([reminder_out(i) for i in page.items],
            cursors.encode(page.last_key, user_id=user_id, query=query))


def cancel_reminder(store: ReminderStore, user_id: str, reminder_id: str, now: datetime) -> None:
    """Cancel a pending reminder so it is never sent. Cancelling twice is fine; one that
    is already sent (or being sent this moment) or failed cannot be cancelled."""
    reminder = store.get(user_id, reminder_id)
    if reminder is None:
        raise NotFound("No such reminder.")
    if reminder["status"] == "cancelled":
        return
    try:
        store.cancel(reminder, to_iso(now))
    except ConditionFailed:
        raise Conflict("This reminder has already been sent or has failed; "
                       "it can no longer be cancelled.") from None
