"""Expo push tokens and devices (pure): validation, one canonical form, a device id derived
from the token, and the rules of proof of possession."""
from __future__ import annotations

import base64
import hashlib
import hmac
import re
import secrets
from datetime import timedelta

PLATFORMS = ("ios", "android")
ACTIVE, PENDING = "active", "pending_verification"
STATUSES = (ACTIVE, PENDING)
# Devices per account, pending ones included: ten phones and tablets is a household; the
# cap also bounds what one account's reminder costs a processor pass.
MAX_DEVICES = 10
# A token another account holds moves only when its new owner types the code pushed to it.
VERIFICATION_TTL = timedelta(minutes=10)
VERIFICATION_TRIES = 5
VERIFICATION_DIGITS = 6
PUSH_TYPE = "device_verification"
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


def new_verification_code() -> str:
    return f"{secrets.randbelow(10 ** VERIFICATION_DIGITS):0{VERIFICATION_DIGITS}d}"


def code_hash(device_id: str, code: str) -> str:
    """Codes are stored only hashed, keyed by the device so equal codes never match."""
    return hmac.new(device_id.encode(), code.encode(), hashlib.sha256).hexdigest()


def code_matches(device: dict, code: str) -> bool:
    return hmac.compare_digest(device.get("code_hash", ""), code_hash(device["device_id"], code))


def status_of(device: dict) -> str:
    # Devices registered before proof of possession carry no status: they are active.
    return device.get("status", ACTIVE)
