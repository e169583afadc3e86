"""Time as the API speaks it: ISO 8601 UTC with a `Z` suffix, second precision."""
from __future__ import annotations

from datetime import datetime, timezone


def utcnow() -> datetime:
    return datetime.now(timezone.utc).replace(microsecond=0)


def to_iso(moment: datetime) -> str:
    return moment.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def parse_iso(text: str) -> datetime:
    """Parse an ISO 8601 time with an offset (or `Z`) and normalise it to UTC."""
    moment = datetime.fromisoformat(text.replace("Z", "+00:00").replace("z", "+00:00"))
    if moment.tzinfo is None:
        raise ValueError("a time zone offset is required")
    return moment.astimezone(timezone.utc)


def epoch_seconds(value: float | datetime) -> int:
    if isinstance(value, datetime):
        return int(value.timestamp())
    return int(value)
