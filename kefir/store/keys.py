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


PROFILE_SK = "PROFILE"


def profile_key(user_id: str) -> dict:
    return {PK: user_pk(user_id), SK: PROFILE_SK}


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
