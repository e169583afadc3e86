"""The words of reminders: titles, bodies and one-sentence rationales (pure)."""
from __future__ import annotations

from datetime import datetime

from kefir.domain import fermentation as model
from kefir.domain.brewer import BrewerDay, clock_time, temperature_text, volume_text
from kefir.domain.reminders import ReminderKind


def texts_for(kind: str, name: str, batch_kind: str) -> tuple[str, str]:
    """Title and body of a reminder of this kind for this batch."""
    reminder = ReminderKind(kind)
    title, body = reminder.title, reminder.body
    food = "milk" if batch_kind == "milk" else "sugar water"
    values = {"name": name, "kind": batch_kind, "food": food}
    return title.format(**values), body.format(**values)


def push_body(body: str, due_at: datetime, day: BrewerDay, *, liquid_ml: float | None,
              temperature_c: float | None) -> str:
    """A push's body: the reminder's words, then its local time and the batch's amounts in
    the owner's units ("… Due 07:00 · 500 mL at 22 °C.")."""
    details = [f"Due {clock_time(due_at, day.zone)}"]
    amounts = []
    if liquid_ml:
        amounts.append(volume_text(liquid_ml, day.units))
    if temperature_c is not None:
        amounts.append(temperature_text(temperature_c, day.units))
    if amounts:
        details.append(" at ".join(amounts))
    return f"{body} {' · '.join(details)}."


def ferment_rationale(batch, est: model.Estimate, step: ReminderKind, strain_hours: float,
                      late_hours: float | None = None) -> str:
    """One sentence saying why a first-ferment `check` or `strain` falls when it does."""
    liquid = "milk" if batch.kind == "milk" else "water"
    if batch.temperature_source == "default":
        conditions = f"Assuming a {batch.temperature_c:g} °C room"
    else:
        conditions = f"At {batch.temperature_c:g} °C"
    if batch.ratio:
        conditions += f" with 1:{batch.ratio:.0f} grains to {liquid}"
    if est.batches_used:
        plural = "batch points" if est.batches_used == 1 else f"{est.batches_used} batches point"
        basis = f"your last {plural} to about {hours(est.hours)}"
    else:
        basis = f"{batch.kind} kefir is usually ready in about {hours(est.hours)}"
    if late_hours is not None:
        return (f"Overdue by about {hours(late_hours)}: {conditions[0].lower()}{conditions[1:]}, "
                f"{basis}, so strain it soon.")
    if step == ReminderKind.CHECK:
        tail = ", so take a first look a little before" if batch.kind == "milk" else \
            ", so taste it then"
    elif batch.kind == "water":
        tail = f", and straining by {hours(strain_hours)} keeps the grains from starving"
    else:
        tail = ""
    return f"{conditions}, {basis}{tail}{_warning(batch)}."


def _warning(batch) -> str:
    if batch.kind == "milk" and batch.temperature_c > model.WARM_WARNING_C:
        return " (it is warm: it can over-ferment quickly)"
    if batch.kind == "milk" and batch.temperature_c < model.COLD_WARNING_C:
        return " (below 19 °C more grains, 1:5 to 1:10, work better)"
    if batch.kind == "water" and batch.temperature_c < 18:
        return " (below 18 °C water kefir can turn slimy)"
    return ""


def quiet_reason(rationale: str, at: str, *, to_start: bool, spoils: bool,
                 batch_kind: str) -> str:
    """The rationale of a suggestion moved out of quiet hours, saying where and why."""
    spoil = ("it would be more than 12 h past ready and start to separate" if batch_kind == "milk"
             else "the grains would pass 72 h and start to starve")
    if to_start:
        tail = f"set to {at}, as your quiet hours begin, because by their end {spoil}"
    elif spoils:
        tail = f"moved to {at}, when your quiet hours end, though by then {spoil}"
    else:
        tail = f"moved to {at}, when your quiet hours end"
    return f"{rationale[:-1]}; {tail}."


def hours(value: float) -> str:
    return f"{max(1, round(value))} h"
