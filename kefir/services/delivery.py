"""One pass of the reminder processor: claim what is due, push it to every device of its
owner (up to 100 messages a request), record the outcome. docs/reminders.md explains the
delivery semantics: a reminder is claimed by exactly one run; only a crash between the push
and the write that records it can repeat it."""
from __future__ import annotations

import logging
import math
import secrets
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Protocol

from kefir.clock import to_iso
from kefir.domain.reminders import (
    LEASE,
    MAX_ATTEMPTS,
    PUSH_ACTIONS,
    PUSH_CATEGORY,
    retry_delay,
)
from kefir.push import (
    DEVICE_NOT_REGISTERED,
    MAX_MESSAGES,
    RATE_EXCEEDED,
    Message,
    PushFailed,
    Ticket,
)

log = logging.getLogger(__name__)

MAX_PER_RUN = 500  # what one run claims; the rest waits a minute, well inside the lease
# A fair share: one owner's reminders a pass may send (with at most MAX_DEVICES devices,
# at most 200 pushes); the rest move back a pass each FAIR_SHARE, so one account with
# thousands due cannot hold up everyone else's, and none of them is lost.
FAIR_SHARE = 20
PASS_INTERVAL = timedelta(minutes=1)
RECEIPT_DELAY = timedelta(minutes=15)


class DueReminders(Protocol):
    """The reminder repository as a pass uses it (kefir.store.reminders.ReminderStore)."""

    def due(self, now: str, limit: int) -> list[dict]: ...

    def claim(self, entry: dict, lease_until: str, claim_id: str) -> dict | None: ...

    def retry(self, reminder: dict, retry_at: str, delivered: list[str]) -> bool: ...

    def finish(self, reminder: dict, status: str, changes: dict) -> bool: ...


class Devices(Protocol):
    def list(self, user_id: str) -> list[dict]: ...

    def remove(self, user_id: str, device_id: str) -> bool: ...


class Tickets(Protocol):
    def add(self, tickets: list[dict]) -> None: ...


class DeletedAccounts(Protocol):
    """kefir.store.accounts.DeletionMarkers."""

    def is_deleted(self, user_id: str) -> bool: ...


class Push(Protocol):
    def send(self, messages: list[Message]) -> list[Ticket]: ...


@dataclass
class PassResult:
    sent: int = 0
    failed: int = 0
    skipped: int = 0  # another run had it, it waits for a retry, or it had no device

    def as_dict(self) -> dict:
        return {"sent": self.sent, "failed": self.failed, "skipped": self.skipped}


@dataclass
class _Job:
    reminder: dict
    targets: list[dict]
    delivered: list[str]
    retry: bool = False  # some device lacks it for a reason worth trying again
    errors: list[str] = field(default_factory=list)


def deliver_due(reminders: DueReminders, devices: Devices, tickets: Tickets, push: Push,
                markers: DeletedAccounts, now: datetime) -> PassResult:
    """Send every due reminder once and record what happened; see the module docstring.
    A reminder of a deleted account (`markers`) is cancelled, never pushed."""
    result = PassResult()
    claim_id, lease_until = secrets.token_urlsafe(16), to_iso(now + LEASE)
    owners: dict[str, list[dict] | None] = {}
    seen: Counter[str] = Counter()
    jobs: list[_Job] = []
    for entry in reminders.due(to_iso(now), MAX_PER_RUN):
        seen[entry["owner"]] += 1
        beyond = seen[entry["owner"]] - FAIR_SHARE
        if beyond > 0:
            later = now + PASS_INTERVAL * math.ceil(beyond / FAIR_SHARE)
            reminders.defer(entry, to_iso(later))
            result.skipped += 1
            continue
        reminder = reminders.claim(entry, lease_until, claim_id)
        if reminder is None:
            result.skipped += 1
            continue
        owner = reminder["owner"]
        if owner not in owners:
            # Once per owner and pass; a deleted account's reminders are never pushed.
            owners[owner] = None if markers.is_deleted(owner) else devices.receivers(owner)
        if owners[owner] is None:
            reminders.finish(reminder, "cancelled", {"cancelled_at": to_iso(now),
                                                     "failure_reason": "account_deleted"})
            result.skipped += 1
            continue
        # Only devices the owner still has are remembered, so the record stays as small
        # as the device cap however often devices come and go between retries.
        current = {d["device_id"] for d in owners[owner]}
        delivered = [d for d in reminder.get("delivered") or [] if d in current]
        targets = [d for d in owners[owner] if d["device_id"] not in delivered]
        jobs.append(_Job(reminder, targets, delivered))

    new_tickets, gone = _push(jobs, push, now)
    for job in jobs:
        _record(job, reminders, now, result)
    for owner, device_id in gone:
        devices.remove(owner, device_id)
    if new_tickets:
        tickets.add(new_tickets)
    return result


def _push(jobs: list[_Job], push: Push, now: datetime) -> tuple[list[dict], set[tuple[str, str]]]:
    pairs = [(job, device) for job in jobs for device in job.targets]
    new_tickets: list[dict] = []
    gone: set[tuple[str, str]] = set()
    for start in range(0, len(pairs), MAX_MESSAGES):
        chunk = pairs[start:start + MAX_MESSAGES]
        try:
            answers = push.send([_message(job.reminder, device) for job, device in chunk])
        except PushFailed as error:
            log.warning("push request failed", extra={"fields": {
                "error": str(error), "messages": len(chunk), "transient": error.transient}})
            for job, _ in chunk:
                job.retry = job.retry or error.transient
                job.errors.append("expo_unavailable" if error.transient else "expo_rejected")
            continue
        for (job, device), ticket in zip(chunk, answers, strict=True):
            owner, device_id = job.reminder["owner"], device["device_id"]
            if ticket.error is None:
                job.delivered.append(device_id)
                new_tickets.append({
                    "ticket_id": ticket.ticket_id, "owner": owner, "device_id": device_id,
                    "reminder_id": job.reminder["reminder_id"], "sent_at": to_iso(now),
                    "check_after": to_iso(now + RECEIPT_DELAY)})
            elif ticket.error == DEVICE_NOT_REGISTERED:
                gone.add((owner, device_id))
                job.errors.append("device_not_registered")
            else:
                job.retry = job.retry or ticket.error == RATE_EXCEEDED
                job.errors.append(ticket.error)
    return new_tickets, gone


def _record(job: _Job, reminders: DueReminders, now: datetime, result: PassResult) -> None:
    reminder, now_iso = job.reminder, to_iso(now)
    if job.retry and reminder["attempts"] < MAX_ATTEMPTS:
        retry_at = to_iso(now + retry_delay(reminder["attempts"]))
        reminders.retry(reminder, retry_at, job.delivered)
        result.skipped += 1
    elif job.delivered:
        if reminders.finish(reminder, "sent", {"sent_at": now_iso, "delivered": job.delivered}):
            result.sent += 1
    elif not job.targets:
        # Nobody to tell: no device registered. Not an Expo failure, so no alarm.
        reminders.finish(reminder, "failed", {"failed_at": now_iso, "failure_reason": "no_devices"})
        result.skipped += 1
    else:
        reason = job.errors[-1] if job.errors else "undeliverable"
        if reminders.finish(reminder, "failed", {"failed_at": now_iso, "failure_reason": reason}):
            result.failed += 1


def _message(reminder: dict, device: dict) -> Message:
    """An actionable push: the app shows the category's Done and Snooze buttons and posts
    the chosen action for `reminder_id`. The body names the local time and amounts when
    the reminder was written with them."""
    return Message(to=device["push_token"], title=reminder["title"],
                   body=reminder.get("push_body") or reminder["body"],
                   data={"reminder_id": reminder["reminder_id"],
                         "batch_id": reminder["batch_id"], "kind": reminder["kind"],
                         "actions": list(PUSH_ACTIONS)},
                   category_id=PUSH_CATEGORY)
