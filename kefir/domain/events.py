"""Event rules: the types, which fields each type requires or allows, the status it implies."""
from __future__ import annotations

from datetime import datetime, timedelta

TYPES = ("fed", "strained", "tasted", "temperature", "ph", "note", "photo",
         "second_ferment_started", "bottled", "burped", "completed")

DETAIL_FIELDS = ("note", "temperature_c", "ph", "rating", "photo_key")

# Every type may carry a note; these are the fields a type needs beyond that.
REQUIRED: dict[str, tuple[str, ...]] = {
    "tasted": ("rating",),
    "temperature": ("temperature_c",),
    "ph": ("ph",),
    "note": ("note",),
    "photo": ("photo_key",),
}

IMPLIED_STATUS = {
    "second_ferment_started": "second_ferment",
    "bottled": "second_ferment",
    "completed": "done",
}

MAX_AHEAD = timedelta(minutes=5)
NOTE_MAX = 2000
RATING_RANGE = (1, 5)
PH_RANGE = (0.0, 14.0)


def allowed_fields(event_type: str) -> tuple[str, ...]:
    return ("note",) + tuple(f for f in REQUIRED.get(event_type, ()) if f != "note")


def field_problems(event_type: str, details: dict) -> dict[str, list[str]]:
    """Per-field messages for fields this type requires but lacks, or carries but forbids."""
    allowed = allowed_fields(event_type)
    problems: dict[str, list[str]] = {}
    for name in REQUIRED.get(event_type, ()):
        if details.get(name) is None:
            problems[name] = [f"Required for a {event_type} event."]
    for name in DETAIL_FIELDS:
        if name not in allowed and details.get(name) is not None:
            problems[name] = [f"Not allowed on a {event_type} event."]
    return problems


def too_far_ahead(at: datetime, now: datetime) -> bool:
    return at > now + MAX_AHEAD
