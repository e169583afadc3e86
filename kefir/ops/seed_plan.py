"""What `make seed` creates: test users and their batches, with weeks of events whose
times are offsets from each batch's start, so the same plan gives the same events on
every run. Pure data; kefir/ops/seed.py writes it."""
from __future__ import annotations

import random
import zlib
from dataclasses import dataclass, field

from kefir.domain.events import EventType

MARKER = "Seeded by scripts/seed_dev.py."


@dataclass(frozen=True)
class PlannedEvent:
    hours: float  # after the batch's start
    type: EventType
    details: dict = field(default_factory=dict)


@dataclass(frozen=True)
class PlannedBatch:
    name: str
    kind: str
    days_ago: int
    fields: dict
    events: tuple[PlannedEvent, ...]
    public: bool = False
    reminders: bool = False
    abandoned_upload: bool = False  # an uploaded photo no event records (cleanup's job)


@dataclass(frozen=True)
class PlannedUser:
    email: str
    devices: tuple[tuple[str, str, str], ...]  # (push token, platform, name)
    batches: tuple[PlannedBatch, ...]


def _rng(name: str) -> random.Random:
    return random.Random(zlib.crc32(name.encode()))


def milk_jar(name: str, days: int, *, finished: bool) -> tuple[PlannedEvent, ...]:
    """A milk kefir jar strained and fed every morning, its temperature read every evening,
    tasted every few days, its pH and a photo weekly."""
    rng, events = _rng(name), []
    temperature = rng.uniform(20.5, 23.5)
    for day in range(days):
        morning, evening = day * 24 + 7.5, day * 24 + 19
        temperature = min(25.5, max(18.5, temperature + rng.uniform(-0.8, 0.8)))
        if day:
            note = rng.choice(("Thick and creamy.", "Slightly separated, whey at the bottom.",
                               "Smooth, mild.")) if rng.random() < 0.3 else None
            events.append(PlannedEvent(morning, EventType.STRAINED, {"note": note}))
        events.append(PlannedEvent(morning + 0.2, EventType.FED, {}))
        events.append(PlannedEvent(evening, EventType.TEMPERATURE,
                                   {"temperature_c": round(temperature, 1)}))
        if day % 3 == 1:
            events.append(PlannedEvent(morning + 0.5, EventType.TASTED, {
                "rating": rng.choice((3, 4, 4, 5)),
                "note": rng.choice(("Tangy.", "Fizzy and sour.", "Mild, a little yeasty."))}))
        if day % 7 == 2:
            events.append(PlannedEvent(morning + 0.4, EventType.PH,
                                       {"ph": round(rng.uniform(4.2, 4.6), 2)}))
        if day % 7 == 4:
            events.append(PlannedEvent(evening + 0.5, EventType.PHOTO, {}))
        if day == 10:
            events.append(PlannedEvent(morning + 1, EventType.NOTE,
                                       {"note": "Grains have grown: split off 10 g for a friend."}))
    if finished:
        events.append(PlannedEvent(days * 24 + 8, EventType.COMPLETED,
                                   {"note": "Grains resting in the fridge."}))
    return tuple(_clean(events))


def water_bottle(name: str, days: int, *, second_ferment_on: int,
                 finished: bool) -> tuple[PlannedEvent, ...]:
    """A water kefir batch fed every other day, then bottled for a second ferment with
    daily burping; tasted along the way."""
    rng, events = _rng(name), []
    for day in range(days):
        at = day * 24 + 9
        events.append(PlannedEvent(at + 10, EventType.TEMPERATURE,
                                   {"temperature_c": round(rng.uniform(21, 25), 1)}))
        if day < second_ferment_on and day % 2 == 0:
            events.append(PlannedEvent(at, EventType.FED,
                                       {"note": "Sugar, a dried fig, half a lemon."}))
        if day == second_ferment_on:
            events.append(PlannedEvent(at, EventType.STRAINED, {}))
            events.append(PlannedEvent(at + 0.5, EventType.SECOND_FERMENT_STARTED,
                                       {"note": "Ginger and raspberries."}))
            events.append(PlannedEvent(at + 1, EventType.BOTTLED, {}))
            events.append(PlannedEvent(at + 1.5, EventType.PHOTO, {}))
        if day > second_ferment_on:
            events.append(PlannedEvent(at + 12, EventType.BURPED, {}))
        if day % 4 == 3:
            events.append(PlannedEvent(at + 2, EventType.TASTED, {
                "rating": rng.choice((3, 4, 5)), "note": rng.choice(
                    ("Lightly sweet.", "Getting fizzy.", "Dry and sparkling."))}))
        if day % 5 == 1:
            events.append(PlannedEvent(at + 2.5, EventType.PH,
                                       {"ph": round(rng.uniform(3.2, 3.8), 2)}))
    if finished:
        events.append(PlannedEvent(days * 24 + 9, EventType.COMPLETED, {}))
    return tuple(_clean(events))


def _clean(events: list[PlannedEvent]) -> list[PlannedEvent]:
    return sorted((PlannedEvent(e.hours, e.type, {k: v for k, v in e.details.items() if v})
                   for e in events), key=lambda e: e.hours)


PLAN: tuple[PlannedUser, ...] = (
    PlannedUser("seed-ana@example.com", (
        ("ExponentPushToken[seed-ana-iphone]", "ios", "Ana's iPhone"),
    ), (
        PlannedBatch("Morning milk jar", "milk", 22, {
            "grains_g": 20, "liquid_ml": 500, "temperature_c": 22.0, "target_hours": 24,
            "notes": f"Whole milk, kitchen shelf. {MARKER}"},
            milk_jar("Morning milk jar", 21, finished=False), reminders=True,
            abandoned_upload=True),
        PlannedBatch("Raspberry ginger water kefir", "water", 19, {
            "grains_g": 60, "liquid_ml": 1000, "sugar_g": 60, "temperature_c": 23.0,
            "target_hours": 48, "notes": f"Second ferment in swing-top bottles. {MARKER}"},
            water_bottle("Raspberry ginger water kefir", 17, second_ferment_on=14,
                         finished=False), public=True, reminders=True),
        PlannedBatch("Autumn milk batch", "milk", 45, {
            "grains_g": 15, "liquid_ml": 400, "temperature_c": 21.0, "target_hours": 30,
            "notes": f"The first jar. {MARKER}"},
            milk_jar("Autumn milk batch", 8, finished=True)),
        PlannedBatch("Lemon water kefir", "water", 12, {
            "grains_g": 50, "liquid_ml": 1000, "sugar_g": 50, "target_hours": 48,
            "notes": MARKER},
            water_bottle("Lemon water kefir", 5, second_ferment_on=3, finished=True)),
    )),
    PlannedUser("seed-ben@example.com", (
        ("ExponentPushToken[seed-ben-pixel]", "android", "Ben's Pixel"),
    ), (
        PlannedBatch("Goat milk kefir", "milk", 9, {
            "grains_g": 10, "liquid_ml": 300, "temperature_c": 20.0, "target_hours": 36,
            "notes": f"Goat milk from the market. {MARKER}"},
            milk_jar("Goat milk kefir", 8, finished=False), reminders=True),
    )),
)
