"""Idempotency-Key: the first answer to a request is kept 24 hours and replayed for a retry.

The key is claimed with a conditional write before any work, so concurrent duplicates
write once: the second waits briefly for the first answer, and if the first is still
running answers 409 `idempotency_in_progress`. The same key with a different request
(method, path or body) is refused with 422 `idempotency_key_reused`. Only successful
answers are kept: a failed attempt gives the key back, so the retry runs again.
"""
from __future__ import annotations

import hashlib
import json
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from kefir.errors import IdempotencyInProgress, IdempotencyKeyReused, ServiceUnavailable
from kefir.store.idempotency import IdempotencyStore

log = logging.getLogger(__name__)

PATIENCE_S = 3.0
POLL_S = 0.2


@dataclass(frozen=True)
class Reply:
    """An answer in a form that can be stored and replayed."""
    status: int
    body: str
    headers: dict[str, str] = field(default_factory=dict)

    def to_record(self) -> dict:
        return {"status": self.status, "body": self.body, "headers": self.headers}

    @classmethod
    def from_record(cls, record: dict) -> Reply:
        return cls(int(record["status"]), record["body"], dict(record.get("headers") or {}))


def fingerprint(method: str, path: str, body: dict) -> str:
    """What makes two requests 'the same': method, path and the body's content."""
    canonical = json.dumps(body, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(f"{method}\n{path}\n{canonical}".encode()).hexdigest()


def run_once(store: IdempotencyStore, *, user_id: str, key: str, request_fingerprint: str,
             work: Callable[[], Reply], patience_s: float = PATIENCE_S
             ) -> tuple[Reply, bool]:
    """Run `work` once per (user, key); return its reply and whether it was replayed."""
    deadline = time.monotonic() + patience_s
    while True:
        record = store.claim(user_id, key, request_fingerprint)
        if record is None:
            return _run(store, user_id, key, work), False
        if record["fingerprint"] != request_fingerprint:
            raise IdempotencyKeyReused()
        if record["state"] == "done":
            return Reply.from_record(record["reply"]), True
        if time.monotonic() >= deadline:
            raise IdempotencyInProgress(retry_after=1)
        time.sleep(POLL_S)


def _run(store: IdempotencyStore, user_id: str, key: str, work: Callable[[], Reply]) -> Reply:
    try:
        reply = work()
    except BaseException:
        store.release(user_id, key)
        raise
    if 200 <= reply.status < 300:
        try:
            store.complete(user_id, key, reply.to_record())
        except ServiceUnavailable:
            # The work is done. Answering 503 now would invite a retry that, once the
            # claim's lease ran out, did it a second time; the client gets its success,
            # and a duplicate sent meanwhile is told the first is still running (409).
            log.warning("idempotency record not stored; the answer is sent anyway")
    else:
        store.release(user_id, key)
    return reply
