"""The words of reminders: titles, bodies and one-sentence rationales (pure)."""
from __future__ import annotations

from kefir.domain import fermentation as model
from kefir.domain.reminders import ReminderKind


def texts_for(kind: str, name: str, batch_kind: str) -> tuple[str, str]:
    """Title and body of a reminder of this kind for this batch."""
    reminder = ReminderKind(kind)
    title, body = reminder.title, reminder.body
    food = "milk" if batch_kind == "milk" else "sugar water"
    values = {"name": name, "kind": batch_kind, "food": food}
    return title.format(**values), body.format(**values)


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


def hours(value: float) -> str:
    return f"{max(1, round(value))} h"
