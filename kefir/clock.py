"""Time as the API speaks it: ISO 8601 UTC with a `Z` suffix, second precision."""
from __future__ import annotations

from datetime import datetime, timezone


def utcnow() -> datetime:
    return datetime.now(timezone.utc).replace(microsecond=0)


def to_iso(moment: datetime) -> str:
    """Fixed width (the year always has 4 digits), so lexical order is time order in keys;
    strftime's %Y would write the year 916 as `916`."""
    utc = moment.astimezone(timezone.utc).replace(tzinfo=None, microsecond=0)
    return utc.isoformat(timespec="seconds") + "Z"


def parse_iso(text: str) -> datetime:
    """Parse an ISO 8601 time with an offset (or `Z`) and normalise it to UTC."""
    moment = datetime.fromisoformat(text.replace("Z", "+00:00").replace("z", "+00:00"))
    if moment.tzinfo is None:
        raise ValueError("a time zone offset is required")
    try:
        return moment.astimezone(timezone.utc)
    except OverflowError:  # 0001-01-01T00:00:00+05:00 has no UTC time in range
        raise ValueError("the time is out of range in UTC") from None


def epoch_seconds(value: float | datetime) -> int:
    if isinstance(value, datetime):
        return int(value.timestamp())
    return int(value)
