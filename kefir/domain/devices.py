"""Expo push tokens (pure): validation, one canonical form, and a device id derived from it."""
from __future__ import annotations

import base64
import hashlib
import re

PLATFORMS = ("ios", "android")
_TOKEN = re.compile(r"^(ExponentPushToken|ExpoPushToken)\[([A-Za-z0-9_\-]{1,200})\]$")
_CANONICAL = "ExponentPushToken"


def is_push_token(token: str) -> bool:
    return bool(_TOKEN.match(token or ""))


def canonical_token(token: str) -> str:
    """Expo issues both `ExpoPushToken[…]` and `ExponentPushToken[…]` for the same device;
    the SDK only accepts the second, so that is the form stored and sent."""
    match = _TOKEN.match(token or "")
    if not match:
        raise ValueError("not an Expo push token")
    return f"{_CANONICAL}[{match.group(2)}]"


def device_id_for(token: str) -> str:
    """A stable, unguessable id for a token (22 URL-safe characters, 128 bits), so that
    registering the same token again finds the same device."""
    digest = hashlib.sha256(canonical_token(token).encode()).digest()[:16]
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode()
