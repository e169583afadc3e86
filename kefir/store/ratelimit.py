"""Fixed-window rate limits: one DynamoDB counter per subject and window.

Each hit is one UpdateItem (ADD), atomic across concurrent Lambda instances; the counter
expires with its window through the table's TTL. Reusable for any scope.
"""
from __future__ import annotations

import time
from dataclasses import dataclass

from kefir.errors import RateLimited
from kefir.store import keys
from kefir.store.schema import TTL_ATTRIBUTE
from kefir.store.table import Table


@dataclass(frozen=True)
class Limit:
    scope: str
    max_hits: int
    window_s: int


class RateLimiter:
    def __init__(self, table: Table, now=time.time):
        self._table = table
        self._now = now

    def hit(self, limit: Limit, subject: str) -> None:
        """Count one hit of `subject` against `limit`; RateLimited with Retry-After (the
        seconds until the window ends) once the limit is exceeded."""
        now, start, end = self._window(limit)
        item = self._table.update(
            keys.rate_limit_key(limit.scope, subject, start),
            "ADD hits :one SET #exp = :end", names={"#exp": TTL_ATTRIBUTE},
            values={":one": 1, ":end": end})
        if item["hits"] > limit.max_hits:
            raise RateLimited(retry_after=max(1, end - now))

    def check(self, limit: Limit, subject: str) -> None:
        """RateLimited if `subject` has already exceeded `limit` in this window, without
        counting a hit: for budgets that only some outcomes spend."""
        now, start, end = self._window(limit)
        item = self._table.get(keys.rate_limit_key(limit.scope, subject, start),
                               consistent=True)
        if item and item["hits"] > limit.max_hits:
            raise RateLimited(retry_after=max(1, end - now))

    def _window(self, limit: Limit) -> tuple[int, int, int]:
        now = int(self._now())
        start = now - now % limit.window_s
        return now, start, start + limit.window_s
