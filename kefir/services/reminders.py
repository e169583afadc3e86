"""Reminders of a user: confirm, list by due time, cancel."""
from __future__ import annotations

from datetime import datetime

from kefir.clock import parse_iso, to_iso
from kefir.domain.brewer import DEFAULT_TIMEZONE, BrewerDay, local_iso
from kefir.domain.reminders import (
    MAX_PENDING_PER_BATCH,
    due_problem,
    new_reminder_id,
    public_status,
)
from kefir.domain.suggestions import parse_suggestion_id
from kefir.domain.texts import push_body, texts_for
from kefir.errors import (
    ConditionFailed,
    Conflict,
    LimitReached,
    NotFound,
    ServiceUnavailable,
    ValidationFailed,
)
from kefir.store.batches import BatchStore
from kefir.store.cursors import CursorSigner
from kefir.store.reminders import ReminderStore

# Each lost race means another confirmation was written, so this many parallel
# confirmations of one batch all get an answer.
_RACE_RETRIES = 8
_SHOWN = ("reminder_id", "batch_id", "kind", "due_at", "title", "body", "status", "sent_at",
          "created_at", "done_at", "done_by_event_id")


def reminder_out(item: dict) -> dict:
    """The client's view of a reminder: internal states and fields stay inside; the due
    time also in the time zone the owner had when it was confirmed or snoozed (kept on the
    reminder, so a list is still one Query)."""
    shown = {k: item.get(k) for k in _SHOWN}
    shown["status"] = public_status(item["status"])
    zone = BrewerDay(timezone=item.get("timezone") or DEFAULT_TIMEZONE).zone
    shown["local_due_at"] = local_iso(parse_iso(item["due_at"]), zone)
    return shown


def confirm_reminders(store: ReminderStore, batches: BatchStore, user_id: str, batch_id: str,
                      items: list[dict], now: datetime, day: BrewerDay) -> list[dict]:
    """Turn suggestions (by id) and custom reminders into pending reminders of one of the
    user's batches, all or none. Each must be due in the future and within 60 days, and
    the batch may hold at most 20 pending reminders."""
    batch = batches.get(batch_id, user_id)
    if batch is None:
        raise NotFound()
    reminders, problems = [], {}
    for index, item in enumerate(items):
        try:
            reminder = new_reminder(batch, user_id, item, now, day)
        except ValueError as error:
            field = "suggestion_id" if "suggestion_id" in item else "due_at"
            problems[index] = {field: [str(error)]}
            continue
        reminders.append(reminder)
    if problems:
        raise ValidationFailed(details={"items": problems})
    for _ in range(_RACE_RETRIES):
        pending, seq = store.pending_snapshot(batch_id)
        if pending + len(reminders) > MAX_PENDING_PER_BATCH:
            raise LimitReached(
                f"A batch can have at most {MAX_PENDING_PER_BATCH} pending reminders; "
                f"this one has {pending}.", limit=MAX_PENDING_PER_BATCH)
        try:
            store.create(reminders, seen_seq=seq)
        except ConditionFailed:
            # Another confirmation won the guard (count again), or the batch went.
            if batches.get(batch_id, user_id) is None:
                raise NotFound() from None
            continue
        return [reminder_out(r) for r in reminders]
    raise ServiceUnavailable("This batch is busy; try again.", retry_after=1)


def new_reminder(batch: dict, user_id: str, item: dict, now: datetime,
                 day: BrewerDay) -> dict:
    """A pending reminder from `{"suggestion_id"}` or a custom `{"kind", "due_at", …}`;
    ValueError when its time cannot be confirmed. A custom time is kept as chosen."""
    if "suggestion_id" in item:
        try:
            kind, due_at = parse_suggestion_id(item["suggestion_id"])
        except ValueError:
            raise ValueError("Not a suggestion id; fetch the suggestions again.") from None
        title, body = texts_for(kind, batch["name"], batch["kind"])
    else:
        kind, due_at = item["kind"], item["due_at"]
        title, body = texts_for(kind, batch["name"], batch["kind"])
        title, body = item.get("title") or title, item.get("body") or body
    problem = due_problem(due_at, now)
    if problem:
        raise ValueError(problem)
    amounts = {"liquid_ml": batch.get("liquid_ml"), "temperature_c": batch.get("temperature_c")}
    return {"reminder_id": new_reminder_id(due_at), "owner": user_id,
            "batch_id": batch["batch_id"], "kind": kind, "due_at": to_iso(due_at),
            "title": title, "body": body, "status": "pending", "created_at": to_iso(now),
            "amounts": {k: v for k, v in amounts.items() if v is not None},
            "timezone": day.timezone,
            "push_body": push_body(body, due_at, day, **amounts)}


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
