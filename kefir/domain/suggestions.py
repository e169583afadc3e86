"""Reminder suggestions for one batch at one moment (pure).

A suggestion's id is its kind and due minute (`strain-20261125T0830Z`): confirming it
needs nothing but the id, and a crafted id yields no more than a custom reminder would.
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass, replace
from datetime import datetime, timedelta, timezone

from kefir.domain import fermentation as model
from kefir.domain.brewer import BrewerDay, clock_time, quiet_window
from kefir.domain.reminders import SUGGESTED_KINDS, ReminderKind
from kefir.domain.texts import ferment_rationale, hours, quiet_reason, texts_for

SOON = timedelta(minutes=15)
BURP_EVERY = timedelta(hours=8)
MILK_SECOND_CHECK = timedelta(hours=12)
UTC_DAY = BrewerDay()
_ID = re.compile(rf"^({'|'.join(SUGGESTED_KINDS)})-(\d{{8}}T\d{{4}}Z)$")


@dataclass(frozen=True)
class BatchFacts:
    """What the model needs to know about a batch, in plain values."""
    name: str
    kind: str
    status: str
    clock_started_at: datetime
    ratio: float | None
    temperature_c: float
    temperature_source: str  # "reading", "batch" or "default"
    second_ferment_at: datetime | None = None


@dataclass(frozen=True)
class Suggestion:
    kind: ReminderKind
    due_at: datetime
    title: str
    body: str
    rationale: str
    overdue: bool = False
    shifted: str | None = None  # "quiet_hours" when moved out of the owner's quiet hours
    batch_kind: str = "milk"

    @property
    def suggestion_id(self) -> str:
        return f"{self.kind}-{self.due_at.strftime('%Y%m%dT%H%MZ')}"


def parse_suggestion_id(suggestion_id: str) -> tuple[ReminderKind, datetime]:
    """Return (kind, due_at) encoded in a suggestion id, or raise ValueError."""
    match = _ID.match(suggestion_id or "")
    if not match:
        raise ValueError("not a suggestion id")
    due = datetime.strptime(match.group(2), "%Y%m%dT%H%MZ").replace(tzinfo=timezone.utc)
    return ReminderKind(match.group(1)), due


def suggest(batch: BatchFacts, history: list[model.PastBatch], now: datetime,
            day: BrewerDay = UTC_DAY) -> list[Suggestion]:
    """Suggestions for the batch's current stage, soonest first, none at or before `now`
    and none inside the owner's quiet hours; each rationale names its local time."""
    spoils_at = None
    if batch.status == "fermenting":
        found, spoils_at = _first_ferment(batch, history, now)
    elif batch.status == "second_ferment":
        found = _second_ferment(batch, now)
    else:
        found = []
    placed = (_in_the_day(s, now, day, spoils_at) for s in found if s.due_at > now)
    return sorted(placed, key=lambda s: s.due_at)


def _in_the_day(found: Suggestion, now: datetime, day: BrewerDay,
                spoils_at: datetime | None) -> Suggestion:
    """Move a suggestion out of quiet hours: to their end, or to their start when the end
    would pass the point where the batch spoils (and the start is still ahead)."""
    window = quiet_window(found.due_at, day)
    if window is None:
        rationale = f"{found.rationale[:-1]}: about {clock_time(found.due_at, day.zone)} your time."
        return replace(found, rationale=rationale)
    start, end = window
    spoils = spoils_at is not None and end > spoils_at
    due = start if spoils and start > now else end
    reason = quiet_reason(found.rationale, clock_time(due, day.zone), to_start=due == start,
                          spoils=spoils, batch_kind=found.batch_kind)
    return replace(found, due_at=due, rationale=reason, shifted="quiet_hours")


def _first_ferment(batch: BatchFacts, history, now: datetime
                   ) -> tuple[list[Suggestion], datetime]:
    """The first ferment's steps, and the moment the batch spoils if nobody strains it."""
    est = model.estimate(batch.kind, batch.ratio, batch.temperature_c, history)
    start = batch.clock_started_at
    if batch.kind == "milk":
        check_h, strain_h = 0.75 * est.hours, est.hours
        spoils_at = start + _hours(est.hours + model.MILK_SPOILS_AFTER_READY_H)
    else:
        check_h, strain_h = est.hours, model.water_strain_hours(est.hours)
        spoils_at = start + _hours(model.WATER_STARVE_H)
    check_at, strain_at = _minute(start + _hours(check_h)), _minute(start + _hours(strain_h))
    if strain_at <= now:
        late_h = (now - strain_at).total_seconds() / 3600
        why = ferment_rationale(batch, est, ReminderKind.STRAIN, strain_h, late_hours=late_h)
        return [_make(ReminderKind.STRAIN, batch, _minute(now + SOON), why, overdue=True)], \
            spoils_at
    return [
        _make(ReminderKind.CHECK, batch, check_at,
              ferment_rationale(batch, est, ReminderKind.CHECK, strain_h)),
        _make(ReminderKind.STRAIN, batch, strain_at,
              ferment_rationale(batch, est, ReminderKind.STRAIN, strain_h)),
    ], spoils_at


def _second_ferment(batch: BatchFacts, now: datetime) -> list[Suggestion]:
    start = batch.second_ferment_at or batch.clock_started_at
    fridge_h = model.refrigerate_after_hours(batch.kind, batch.temperature_c)
    fridge_at = _minute(start + _hours(fridge_h))
    temp = f"{batch.temperature_c:g} °C"
    if fridge_at <= now:
        return [_make(ReminderKind.REFRIGERATE, batch, _minute(now + SOON),
                      f"Overdue: at {temp} sealed bottles are fizzy after about {hours(fridge_h)}, "
                      "so chill them soon.", overdue=True)]
    found = [_make(ReminderKind.REFRIGERATE, batch, fridge_at,
                   f"At {temp} sealed bottles are usually fizzy after about {hours(fridge_h)}.")]
    if batch.kind == "water":
        burp_at = start + BURP_EVERY
        while burp_at < fridge_at:
            if burp_at > now:
                found.append(_make(ReminderKind.BURP, batch, _minute(burp_at),
                                   "Sealed bottles build pressure; release it every 8 h."))
            burp_at += BURP_EVERY
    else:
        found.append(_make(ReminderKind.CHECK, batch, _minute(start + MILK_SECOND_CHECK),
                           "A flavouring ferment at room temperature is often done in 12–24 h."))
    return found


def _make(kind: ReminderKind, batch: BatchFacts, due_at: datetime, rationale: str,
          overdue: bool = False) -> Suggestion:
    title, body = texts_for(kind, batch.name, batch.kind)
    return Suggestion(kind, due_at, title, body, rationale, overdue, batch_kind=batch.kind)


def _hours(value: float) -> timedelta:
    return timedelta(hours=value)


def _minute(moment: datetime) -> datetime:
    """Round up to the whole minute: the processor runs once a minute."""
    seconds = math.ceil(moment.timestamp() / 60) * 60
    return datetime.fromtimestamp(seconds, timezone.utc)
