"""Event rules: the types, which fields each type requires or allows, the status it implies.

`EventType` is the one place an event type is declared: its value, the detail fields it
requires, the batch status it moves a batch to, and whether the public share page shows
it. Schemas, the share view, the export and the operator commands derive from it.
"""
from __future__ import annotations

from datetime import datetime, timedelta
from enum import StrEnum

from kefir.domain.batches import EARLIEST

# The measured values an event may carry; the share page and the export show them.
READING_FIELDS = ("temperature_c", "ph", "rating")
DETAIL_FIELDS = ("note", *READING_FIELDS, "photo_key")


class EventType(StrEnum):
    # value, fields it needs beyond the note every type may carry, status it moves to,
    # shown on the share page
    FED = "fed"
    STRAINED = "strained"
    TASTED = "tasted", ("rating",)
    TEMPERATURE = "temperature", ("temperature_c",)
    PH = "ph", ("ph",)
    # Free text is private by design, so a note event never reaches the share page.
    NOTE = "note", ("note",), None, False
    PHOTO = "photo", ("photo_key",)
    SECOND_FERMENT_STARTED = "second_ferment_started", (), "second_ferment"
    BOTTLED = "bottled", (), "second_ferment"
    BURPED = "burped"
    COMPLETED = "completed", (), "done"

    def __new__(cls, value: str, required: tuple[str, ...] = (), moves_to: str | None = None,
                public: bool = True):
        member = str.__new__(cls, value)
        member._value_ = value
        member.required = required
        member.moves_to = moves_to
        member.public = public
        return member

    @property
    def allowed_fields(self) -> tuple[str, ...]:
        return ("note",) + tuple(f for f in self.required if f != "note")


TYPES = tuple(t.value for t in EventType)
PUBLIC_TYPES = tuple(t.value for t in EventType if t.public)
# Either starts the second ferment's clock (bottling is where most people begin it).
SECOND_FERMENT_STARTS = tuple(t for t in EventType if t.moves_to == "second_ferment")

MAX_AHEAD = timedelta(minutes=5)
NOTE_MAX = 2000
RATING_RANGE = (1, 5)
PH_RANGE = (0.0, 14.0)


def is_public(event_type: str) -> bool:
    """Whether the share page may show an event of this (stored) type."""
    return event_type in PUBLIC_TYPES


def field_problems(event_type: str, details: dict) -> dict[str, list[str]]:
    """Per-field messages for fields this type requires but lacks, or carries but forbids."""
    kind = EventType(event_type)
    problems: dict[str, list[str]] = {}
    for name in kind.required:
        if details.get(name) is None:
            problems[name] = [f"Required for a {kind} event."]
    for name in DETAIL_FIELDS:
        if name not in kind.allowed_fields and details.get(name) is not None:
            problems[name] = [f"Not allowed on a {kind} event."]
    return problems


def at_problem(at: datetime, now: datetime) -> str | None:
    """Why an event cannot have happened then, or None: back-dating is fine down to
    EARLIEST, the future only by a clock's drift."""
    if at < EARLIEST:
        return "May not be before 2000-01-01."
    if at > now + MAX_AHEAD:
        return "May not be more than 5 minutes in the future."
    return None
