"""Every key string of the single table is built and parsed here, and nowhere else.

docs/table-design.md describes the item types these keys make and the access patterns
they serve. Timestamps inside keys are ISO 8601 UTC with a `Z` suffix and fixed width,
so lexical order is time order.
"""
from __future__ import annotations

import hashlib

PK, SK, GSI1PK, GSI1SK = "PK", "SK", "GSI1PK", "GSI1SK"
GSI1 = "GSI1"


def _join(*parts: str) -> str:
    return "#".join(parts)


# Users -------------------------------------------------------------------------------
def user_pk(user_id: str) -> str:
    return _join("USER", user_id)


def owner_of_user_pk(pk: str) -> str:
    return pk.split("#", 1)[1]


PROFILE_SK = "PROFILE"


def profile_key(user_id: str) -> dict:
    return {PK: user_pk(user_id), SK: PROFILE_SK}


# The owner's timing profile for suggestions. A scope names whose batches it sums up: the
# owner's all (OWNER_SCOPE), or later one culture's.
TIMING_PREFIX = "TIMING#"
OWNER_SCOPE = "ALL"


def timing_key(user_id: str, scope: str = OWNER_SCOPE) -> dict:
    return {PK: user_pk(user_id), SK: TIMING_PREFIX + scope}
def user_partition(user_id: str) -> dict:
    """The values of a Query over everything in a user's partition (`PK = :pk`)."""
    return {":pk": user_pk(user_id)}


# Account deletion: a marker per deleted account in a partition of its own, so the sweep
# that empties the user's partition leaves it (a restore must re-apply deletions from
# these markers). While its sweep is to run, the marker is queued on GSI1 in one partition.
SWEEP_QUEUE_PK = "SWEEP"
DELETION_MARKER_PREFIX = "DELETED#"


def deletion_marker_key(user_id: str) -> dict:
    return {PK: DELETION_MARKER_PREFIX + user_id, SK: "ACCOUNT"}


# Account archives: the job in its owner's partition, queued on GSI1 while pending; a
# lock item in the same partition lets only one be pending per account.
ARCHIVE_QUEUE_PK = "ARCHIVES"


def archive_key(user_id: str, export_id: str) -> dict:
    return {PK: user_pk(user_id), SK: _join("EXPORT", export_id)}


def pending_archive_key(user_id: str) -> dict:
    return {PK: user_pk(user_id), SK: "EXPORT_PENDING"}


# Batches and their events: one partition per batch, so a batch with its newest events is
# one Query. "META" sorts after "EVENT#", so a descending Query returns the batch first.
BATCH_META_SK = "META"
EVENT_PREFIX = "EVENT#"


def batch_pk(batch_id: str) -> str:
    return _join("BATCH", batch_id)


def batch_key(batch_id: str) -> dict:
    return {PK: batch_pk(batch_id), SK: BATCH_META_SK}


def event_sk(at: str, event_id: str) -> str:
    return EVENT_PREFIX + _join(at, event_id)


def event_key(batch_id: str, at: str, event_id: str) -> dict:
    return {PK: batch_pk(batch_id), SK: event_sk(at, event_id)}


def parse_event_sk(sk: str) -> tuple[str, str]:
    """Return (at, event_id) from an event's sort key."""
    at, event_id = sk[len(EVENT_PREFIX):].rsplit("#", 1)
    return at, event_id


def user_batches_gsi1pk(user_id: str) -> str:
    return _join("USER", user_id, "BATCHES")


def batch_gsi1sk(started_at: str, batch_id: str) -> str:
    return _join(started_at, batch_id)


# Reminders live in their owner's partition; the id starts with the due time, so SK order
# is due order. A pointer in the batch's partition lets deleting the batch find them
# (`cascade_key`) and counts a batch's pending reminders in one Query. While a reminder
# waits to be sent it carries a sparse GSI1 entry in one of DUE_SHARDS partitions, sorted
# by the time it should next be looked at.
REMINDER_PREFIX = "REMINDER#"
DUE_SHARDS = 8


def reminder_key(user_id: str, reminder_id: str) -> dict:
    return {PK: user_pk(user_id), SK: REMINDER_PREFIX + reminder_id}


def reminder_pointer_key(batch_id: str, reminder_id: str) -> dict:
    return {PK: batch_pk(batch_id), SK: REMINDER_PREFIX + reminder_id}


# One guard item per batch serialises confirmations: each adds 1 to its `seq` on condition
# that it still holds the value read before the pointers were counted (kefir/store/guard.py).
# "REMINDER" lies outside the pointers' "REMINDER#" prefix and the batch's `SK <= META` range.
REMINDER_GUARD_SK = "REMINDER"


def reminder_guard_key(batch_id: str) -> dict:
    return {PK: batch_pk(batch_id), SK: REMINDER_GUARD_SK}


def reminder_id_of(sk: str) -> str:
    return sk[len(REMINDER_PREFIX):]


def due_gsi1pk(reminder_id: str) -> str:
    return _join("DUE", str(shard_of(reminder_id)))


def due_shard_pks() -> list[str]:
    return [_join("DUE", str(shard)) for shard in range(DUE_SHARDS)]


def queue_gsi1sk(at: str, item_id: str) -> str:
    """Position in a time-ordered queue (due reminders, receipts to check)."""
    return _join(at, item_id)


def queue_upper_bound(now: str) -> str:
    """Compare `GSI1SK < this` to take every queue entry at or before `now`: `$` sorts
    right after `#`, so `<now>#anything` is below it and the next second is not."""
    return now + "$"


def shard_of(value: str) -> int:
    return int(hashlib.sha256(value.encode()).hexdigest()[:8], 16) % DUE_SHARDS


# Devices: one per Expo push token, in the owner's partition; the token-owner item says
# which account holds a token, so registering it under another account can move it.
DEVICE_PREFIX = "DEVICE#"


# One guard item per account serialises device registrations, as the reminder guard does
# for confirmations; "DEVICE" lies outside the devices' "DEVICE#" prefix.
DEVICE_GUARD_SK = "DEVICE"


def device_guard_key(user_id: str) -> dict:
    return {PK: user_pk(user_id), SK: DEVICE_GUARD_SK}


def device_key(user_id: str, device_id: str) -> dict:
    return {PK: user_pk(user_id), SK: DEVICE_PREFIX + device_id}


def push_token_owner_key(device_id: str) -> dict:
    return {PK: _join("PUSHTOKEN", device_id), SK: "OWNER"}


# Expo push tickets waiting for their receipt check, queued on GSI1 by check time.
TICKET_PREFIX = "PUSHTICKET#"


def ticket_key(user_id: str, ticket_id: str) -> dict:
    return {PK: user_pk(user_id), SK: TICKET_PREFIX + ticket_id}


def receipts_gsi1pk(ticket_id: str) -> str:
    return _join("RECEIPTS", str(shard_of(ticket_id)))


def receipt_shard_pks() -> list[str]:
    return [_join("RECEIPTS", str(shard)) for shard in range(DUE_SHARDS)]


# Idempotency records for retried POSTs, per user.
def idempotency_key(user_id: str, key: str) -> dict:
    return {PK: user_pk(user_id), SK: _join("IDEMPOTENCY", _digest(key))}


# Rate-limit counters: one item per subject and fixed window.
def rate_limit_key(scope: str, subject: str, window_start: int) -> dict:
    return {PK: _join("RATE", scope, _digest(subject)), SK: str(window_start)}


# Local-mode email codes (the stand-in for Cognito's EMAIL_OTP challenge).
def login_code_key(session_id: str) -> dict:
    return {PK: _join("LOGINCODE", _digest(session_id)), SK: "CODE"}


# Applied data migrations.
MIGRATIONS_PK = "MIGRATIONS"


def migration_key(name: str) -> dict:
    return {PK: MIGRATIONS_PK, SK: name}


def _digest(value: str) -> str:
    """Hash a caller-supplied value so keys stay short and never carry raw emails or IPs."""
    return hashlib.sha256(value.encode()).hexdigest()[:32]
