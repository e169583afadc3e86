"""Counting what a boto3 client sends, through botocore's event hooks.

Used by the benchmarks and by the tests' `round_trips` fixture: on the emulator, time says
little (moto's Query cost grows with the whole table), so round trips and items read are
the figures that carry over to DynamoDB.
"""
from __future__ import annotations

import contextlib
import threading
from collections import Counter


class RoundTrips:
    """`calls`: API calls by operation name (one per call, whatever its retries);
    `attempts`: HTTP requests by operation, retries included; `items_read`: items DynamoDB
    read to answer (ScannedCount for Query/Scan, found items for the Get calls).

    With `thread`, only calls made on that thread count: local mode's reminder ticker
    shares the app's client, and its passes must not pollute a request's figures."""

    def __init__(self, thread: int | None = None):
        self._thread = thread
        self.calls: Counter[str] = Counter()
        self.attempts: Counter[str] = Counter()
        self.items_read = 0

    @property
    def total(self) -> int:
        return sum(self.calls.values())

    def reset(self) -> None:
        self.calls.clear()
        self.attempts.clear()
        self.items_read = 0

    @contextlib.contextmanager
    def watching(self, *boto_clients):
        registered = []
        for client in boto_clients:
            events = client.meta.events
            # Event names use the hyphenated service id (cognito-identity-provider, not
            # cognito-idp).
            service = client.meta.service_model.service_id.hyphenize()
            hooks = ((f"before-call.{service}", self._count_call),
                     (f"before-send.{service}", self._count_attempt),
                     (f"after-call.{service}", self._count_items))
            for event, handler in hooks:
                unique_id = f"round-trips-{id(self)}-{event}"
                events.register(event, handler, unique_id=unique_id)
                registered.append((events, event, unique_id))
        try:
            yield self
        finally:
            for events, event, unique_id in registered:
                events.unregister(event, unique_id=unique_id)

    def _mine(self) -> bool:
        return self._thread is None or threading.get_ident() == self._thread

    def _count_call(self, event_name: str, **_):
        if self._mine():
            self.calls[event_name.rsplit(".", 1)[-1]] += 1

    def _count_attempt(self, event_name: str, **_):
        if self._mine():
            self.attempts[event_name.rsplit(".", 1)[-1]] += 1

    def _count_items(self, parsed=None, **_):
        if self._mine():
            self.items_read += items_read(parsed or {})


def items_read(response: dict) -> int:
    if "ScannedCount" in response:
        return response["ScannedCount"]
    if "Item" in response:
        return 1
    responses = response.get("Responses")
    if isinstance(responses, dict):  # BatchGetItem
        return sum(len(items) for items in responses.values())
    if isinstance(responses, list):  # TransactGetItems
        return sum(1 for r in responses if r.get("Item"))
    return 0
