"""Reminder suggestions for a batch, computed on every read.

Nothing is cached: a new `temperature` event changes the very next answer. Reads: one
Query for the batch with its newest events, one page of the owner's batches, and one
Query per finished batch used as history (at most HISTORY_LIMIT).
"""
from __future__ import annotations

from datetime import datetime
from itertools import islice

from kefir.clock import parse_iso
from kefir.domain import fermentation as model
from kefir.domain.events import SECOND_FERMENT_STARTS, EventType
from kefir.domain.suggestions import BatchFacts, Suggestion, suggest
from kefir.errors import NotFound
from kefir.store.batches import BatchStore

EVENTS_READ = 100  # the newest events hold the latest reading and feeding in practice


def suggestions_for(batches: BatchStore, user_id: str, batch_id: str,
                    now: datetime) -> list[Suggestion]:
    """Suggestions for one of the user's batches, soonest first; NotFound if not theirs."""
    found = batches.load(batch_id, user_id, recent=EVENTS_READ)
    if found is None:
        raise NotFound()
    batch, newest_first = found
    history = past_batches(batches, user_id, batch)
    return suggest(batch_facts(batch, list(reversed(newest_first))), history, now)


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


def past_batches(batches: BatchStore, user_id: str, current: dict) -> list[model.PastBatch]:
    """The user's own finished first ferments of the same kind, newest first: how long
    from start (or last feeding) to `strained`, at what temperature and ratio."""
    candidates = (b for b in batches.all_for_owner(user_id)
                  if b["batch_id"] != current["batch_id"] and b["kind"] == current["kind"]
                  and b["status"] != "fermenting")
    history = []
    for batch in islice(candidates, model.HISTORY_LIMIT):
        past = _first_ferment(batch, list(batches.all_events(batch["batch_id"])))
        if past is not None:
            history.append(past)
    return history


def _first_ferment(batch: dict, events: list[dict]) -> model.PastBatch | None:
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
    return model.PastBatch(batch["kind"], hours, temperature,
                           model.ratio(batch.get("liquid_ml"), batch.get("grains_g")))


def _clock_start(batch: dict, events: list[dict]) -> datetime:
    started = parse_iso(batch["started_at"])
    fed = _latest(events, (EventType.FED,))
    return fed if fed and fed > started else started


def _latest(events: list[dict], types: tuple[str, ...]) -> datetime | None:
    moments = [parse_iso(e["at"]) for e in events if e["type"] in types]
    return max(moments) if moments else None
