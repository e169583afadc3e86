"""Opaque, signed pagination cursors bound to the caller and the query.

A cursor carries DynamoDB's LastEvaluatedKey. It is signed with HMAC-SHA256 over the key,
the user id and a fingerprint of the query, so a crafted cursor, another user's cursor or
a cursor from a different query is refused instead of leaking anything.
"""
from __future__ import annotations

import base64
import hashlib
import hmac
import json

from kefir.errors import InvalidCursor


class CursorSigner:
    def __init__(self, key: bytes):
        self._key = key

    def encode(self, last_key: dict | None, *, user_id: str, query: str) -> str | None:
        if last_key is None:
            return None
        body = _b64(json.dumps(last_key, separators=(",", ":"), sort_keys=True).encode())
        return f"{body}.{self._sign(body, user_id, query)}"

    def decode(self, cursor: str | None, *, user_id: str, query: str) -> dict | None:
        if not cursor:
            return None
        body, _, signature = cursor.partition(".")
        # Bytes, not str: compare_digest refuses non-ASCII strings (a TypeError, so a 500).
        expected = self._sign(body, user_id, query).encode()
        if not signature or not hmac.compare_digest(signature.encode(), expected):
            raise InvalidCursor()
        try:
            last_key = json.loads(_unb64(body))
        except ValueError:
            raise InvalidCursor() from None
        if not isinstance(last_key, dict):
            raise InvalidCursor()
        return last_key

    def _sign(self, body: str, user_id: str, query: str) -> str:
        message = "\n".join((body, user_id, query)).encode()
        return _b64(hmac.new(self._key, message, hashlib.sha256).digest())


def _b64(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
