"""Reminder suggestions for a batch, computed on every read, and the timing profile that
remembers how the owner's past batches went.

Nothing about the batch is cached: a new `temperature` event changes the very next answer.
Reads: one Query for the batch with its newest events, one GetItem for the owner's settings
and one for their timing profile, however many batches they have brewed.
"""
from __future__ import annotations

from datetime import datetime
from typing import Protocol

from kefir.clock import parse_iso
from kefir.domain import fermentation as model
from kefir.domain import timing
from kefir.domain.brewer import BrewerDay
from kefir.domain.events import SECOND_FERMENT_STARTS, EventType
from kefir.domain.suggestions import BatchFacts, Suggestion, suggest
from kefir.errors import NotFound
from kefir.store.batches import BatchStore

EVENTS_READ = 100  # the newest events hold the latest reading and feeding in practice


class Timings(Protocol):
    """The owner's timing profile (kefir.store.timing.TimingStore)."""

    def entries(self, owner: str) -> list[dict]: ...

    def record(self, owner: str, entry: dict) -> None: ...


def suggestions_for(batches: BatchStore, timings: Timings, user_id: str, batch_id: str,
                    now: datetime, day: BrewerDay) -> list[Suggestion]:
    """Suggestions for one of the user's batches in their day (time zone, quiet hours),
    soonest first; NotFound if not theirs."""
    found = batches.load(batch_id, user_id, recent=EVENTS_READ)
    if found is None:
        raise NotFound()
    batch, newest_first = found
    return suggest_for_batch(batch, list(reversed(newest_first)), timings, user_id, now, day)


def suggest_for_batch(batch: dict, events: list[dict], timings: Timings, user_id: str,
                      now: datetime, day: BrewerDay) -> list[Suggestion]:
    """Suggestions for a batch already read (with its events, oldest first)."""
    history = timing.history(timings.entries(user_id), batch["kind"], batch["batch_id"])
    return suggest(batch_facts(batch, events), history, now, day)


def record_first_ferment(batches: BatchStore, timings: Timings, owner: str,
                         batch_id: str) -> None:
    """After a `strained` event: put how long this batch's first ferment took into the
    owner's timing profile (from all of its events: one Query of its own partition)."""
    batch = batches.get(batch_id, owner)
    if batch is None:
        return
    entry = first_ferment_entry(batch, list(batches.all_events(batch_id)))
    if entry is not None:
        timings.record(owner, entry)


def batch_facts(batch: dict, events: list[dict]) -> BatchFacts:
    """What the model needs, from a batch and its events (oldest first): the latest
    temperature reading (else the batch's own temperature, else 22 °C), when the grains
    were last fed (the first ferment's clock) and when a second ferment began."""
    readings = [e["temperature_c"] for e in events
                if e["type"] == EventType.TEMPERATURE and e.get("temperature_c") is not None]
    if readings:
        temperature, source = float(readings[-1]), "reading"
    elif batch.get("temperature_c") is not None:
        temperature, source = float(batch["temperature_c"]), "batch"
    else:
        temperature, source = model.DEFAULT_TEMPERATURE_C, "default"
    return BatchFacts(
        name=batch["name"], kind=batch["kind"], status=batch["status"],
        clock_started_at=_clock_start(batch, events),
        ratio=model.ratio(batch.get("liquid_ml"), batch.get("grains_g")),
        temperature_c=temperature, temperature_source=source,
        second_ferment_at=_latest(events, SECOND_FERMENT_STARTS))


def first_ferment_entry(batch: dict, events: list[dict]) -> dict | None:
    """A timing-profile entry for the batch: from start (or last feeding) to its first
    `strained`, at the mean temperature read meanwhile, or None if never strained."""
    strained = next((e for e in events if e["type"] == EventType.STRAINED), None)
    if strained is None:
        return None
    before = [e for e in events if e["at"] <= strained["at"]]
    start = _clock_start(batch, before)
    hours = (parse_iso(strained["at"]) - start).total_seconds() / 3600
    if hours <= 0:
        return None
    readings = [float(e["temperature_c"]) for e in before
                if e["type"] == EventType.TEMPERATURE and e.get("temperature_c") is not None]
    if readings:
        temperature = sum(readings) / len(readings)
    else:
        temperature = float(batch.get("temperature_c") or model.DEFAULT_TEMPERATURE_C)
    return {"batch_id": batch["batch_id"], "kind": batch["kind"], "hours": round(hours, 3),
            "temperature_c": round(temperature, 2), "strained_at": strained["at"],
            "ratio": model.ratio(batch.get("liquid_ml"), batch.get("grains_g"))}


def _clock_start(batch: dict, events: list[dict]) -> datetime:
    started = parse_iso(batch["started_at"])
    fed = _latest(events, (EventType.FED,))
    return fed if fed and fed > started else started


def _latest(events: list[dict], types: tuple[str, ...]) -> datetime | None:
    moments = [parse_iso(e["at"]) for e in events if e["type"] in types]
    return max(moments) if moments else None
