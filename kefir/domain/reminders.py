"""Reminder rules (pure): the kinds, what may be confirmed, ids that sort by due time,
retry timing."""
from __future__ import annotations

import secrets
from datetime import datetime, timedelta
from enum import StrEnum

from kefir.domain.events import EventType


class ReminderKind(StrEnum):
    """The one place a reminder kind is declared, with the words of its push: a title and a
    body, formatted with the batch's `{name}`, its `{kind}` and the grains' `{food}`."""

    CHECK = "check", "Check {name}", "Taste it: it should be close to ready."
    STRAIN = "strain", "Strain {name}", "Your {kind} kefir should be ready to strain."
    FEED = "feed", "Feed {name}", "Give the grains fresh {food}."
    BURP = "burp", "Burp {name}", "Open the bottles briefly to let the pressure out."
    BOTTLE = "bottle", "Bottle {name}", "Strain and bottle it for the second ferment."
    REFRIGERATE = ("refrigerate", "Refrigerate {name}",
                   "Move the bottles to the fridge once they are fizzy.")
    CUSTOM = "custom", "Reminder: {name}", "A reminder you set for {name}."

    def __new__(cls, value: str, title: str, body: str):
        member = str.__new__(cls, value)
        member._value_ = value
        member.title = title
        member.body = body
        return member


KINDS = tuple(k.value for k in ReminderKind)
# Every kind but a custom one can be suggested (and so named by a suggestion id).
SUGGESTED_KINDS = tuple(k for k in ReminderKind if k is not ReminderKind.CUSTOM)
STATUSES = ("pending", "sent", "failed", "cancelled", "done")
# Internal only: a run holds the reminder under a lease. Clients see it as pending.
SENDING = "sending"

# Every reminder push is actionable: the app registers this category with these buttons.
PUSH_CATEGORY = "reminder"
PUSH_ACTIONS = ("done", "snooze")

MAX_AHEAD = timedelta(days=60)
SNOOZE_MINUTES = (5, 1440)
MAX_PENDING_PER_BATCH = 20
MAX_ATTEMPTS = 5
LEASE = timedelta(minutes=5)  # longer than the processor's Lambda timeout
FIRST_RETRY = timedelta(minutes=1)
LONGEST_RETRY = timedelta(minutes=30)


def due_problem(due_at: datetime, now: datetime) -> str | None:
    """Why a due time cannot be confirmed, or None when it can."""
    if due_at <= now:
        return "Must be in the future."
    if due_at > now + MAX_AHEAD:
        return "Must be within 60 days."
    return None


def new_reminder_id(due_at: datetime) -> str:
    """A fixed-width due time, then 128 random bits: ids sort by due time and cannot be
    guessed, so one Query on the owner's partition lists reminders soonest first."""
    return f"{due_at.strftime('%Y%m%dT%H%M%SZ')}-{secrets.token_urlsafe(16)}"


def retry_delay(attempts: int) -> timedelta:
    """Exponential backoff after the n-th failed attempt: 1, 2, 4, 8 … minutes, capped."""
    return min(FIRST_RETRY * 2 ** max(0, attempts - 1), LONGEST_RETRY)


def public_status(status: str) -> str:
    return "pending" if status == SENDING else status


# Which open reminders of its batch a logged event answers (the rest stay).
_CYCLE = (ReminderKind.CHECK, ReminderKind.STRAIN, ReminderKind.FEED)
_ANSWERS = {
    EventType.STRAINED: _CYCLE,
    EventType.FED: _CYCLE,
    EventType.SECOND_FERMENT_STARTED: (ReminderKind.BOTTLE,),
    EventType.BOTTLED: (ReminderKind.BOTTLE,),
}
# Events that finish reminders: only these need the batch's open reminders read.
ANSWERING_EVENTS = (*_ANSWERS, EventType.BURPED, EventType.COMPLETED)
# What `done` on a reminder of this kind logs, so the batch's history and status follow.
EVENT_OF_DONE = {ReminderKind.STRAIN: EventType.STRAINED, ReminderKind.FEED: EventType.FED,
                 ReminderKind.BURP: EventType.BURPED, ReminderKind.BOTTLE: EventType.BOTTLED}
DONE, CANCELLED = "done", "cancelled"


def answered_by(event_type: str, open_reminders: list[dict]) -> list[tuple[dict, str]]:
    """(reminder, new status) for each open reminder of the batch the event finishes:
    `completed` cancels them all, `burped` answers the earliest burp only."""
    if event_type == EventType.COMPLETED:
        return [(r, CANCELLED) for r in open_reminders]
    if event_type == EventType.BURPED:
        burps = sorted((r for r in open_reminders if r["kind"] == ReminderKind.BURP),
                       key=lambda r: r["reminder_id"])
        return [(burps[0], DONE)] if burps else []
    kinds = _ANSWERS.get(event_type, ())
    return [(r, DONE) for r in open_reminders if r["kind"] in kinds]
