"""How long kefir takes: the timing model behind reminder suggestions (pure).

Milk kefir, first ferment (docs/reminders.md has the derivation and the sources):

    eta = 21 h × (r / 15) ^ 0.5 × 2.6 ^ ((22 − T) / 10), clamped to 8–72 h

`r` is millilitres of milk per gram of grains, `T` the room temperature in °C. A first
guess of 24 h, α 0.7, Q10 2.5 lands outside the kefirgrains.eu ratio table in every
cell; these values sit in the middle of the region that puts all nine cells'
mid-temperatures inside their ranges. Above 30 °C no more than 12 h is suggested.

Water kefir, first ferment: ready in 24 h at 22 °C, doubling towards 48 h at 18 °C and
faster above 22 °C by the same Q10; more grains per litre ferment faster (a mild ratio
factor around 1:10).

Either estimate is then personalised by the user's own finished batches of the same kind.
"""
from __future__ import annotations

import math
from dataclasses import dataclass

DEFAULT_TEMPERATURE_C = 22.0

MILK_BASE_H = 21.0
MILK_REF_RATIO = 15.0
MILK_ALPHA = 0.5
Q10 = 2.6
MILK_MIN_H, MILK_MAX_H = 8.0, 72.0
HOT_C, HOT_MAX_H = 30.0, 12.0
WARM_WARNING_C = 28.0
# Past its ETA milk kefir gets sourer, then separates after about this much longer.
MILK_SPOILS_AFTER_READY_H = 12.0
COLD_WARNING_C = 19.0

WATER_BASE_H = 24.0
WATER_REF_RATIO = 10.0
WATER_ALPHA = 0.3
WATER_MIN_H, WATER_MAX_H = 12.0, 72.0
WATER_STARVE_H = 72.0

# How many of the user's own batches count, and how fast they outweigh the model: with n
# batches the personal factor carries weight n / (n + PRIOR_WEIGHT).
HISTORY_LIMIT = 10
PRIOR_WEIGHT = 2.0
FACTOR_MIN, FACTOR_MAX = 0.5, 2.0


@dataclass(frozen=True)
class PastBatch:
    """A finished first ferment of the user's: how long it took and in what conditions."""
    kind: str
    hours: float
    temperature_c: float
    ratio: float | None


@dataclass(frozen=True)
class Estimate:
    hours: float
    batches_used: int


def ratio(liquid_ml: float | None, grains_g: float | None) -> float | None:
    """Millilitres of liquid per gram of grains, or None when either is unknown."""
    if not liquid_ml or not grains_g or liquid_ml <= 0 or grains_g <= 0:
        return None
    return liquid_ml / grains_g


def model_hours(kind: str, ratio_ml_per_g: float | None, temperature_c: float) -> float:
    """The unpersonalised first-ferment time for a batch of this kind."""
    if kind == "milk":
        r = ratio_ml_per_g or MILK_REF_RATIO
        hours = (MILK_BASE_H * (r / MILK_REF_RATIO) ** MILK_ALPHA
                 * Q10 ** ((22 - temperature_c) / 10))
        hours = _clamp(hours, MILK_MIN_H, MILK_MAX_H)
        return min(hours, HOT_MAX_H) if temperature_c >= HOT_C else hours
    r = ratio_ml_per_g or WATER_REF_RATIO
    if temperature_c < 22:
        by_temperature = 2 ** ((22 - temperature_c) / 4)
    else:
        by_temperature = Q10 ** ((22 - temperature_c) / 10)
    hours = WATER_BASE_H * by_temperature * (r / WATER_REF_RATIO) ** WATER_ALPHA
    return _clamp(hours, WATER_MIN_H, WATER_MAX_H)


def estimate(kind: str, ratio_ml_per_g: float | None, temperature_c: float,
             history: list[PastBatch]) -> Estimate:
    """The first-ferment time, shifted toward how fast this user's grains really are.

    Each past batch says how much faster or slower it was than the model predicted for its
    own ratio and temperature; the geometric mean of those factors, shrunk toward 1 while
    there are few batches, scales this batch's model time.
    """
    past = [b for b in history if b.kind == kind and b.hours > 0][:HISTORY_LIMIT]
    hours = model_hours(kind, ratio_ml_per_g, temperature_c)
    if not past:
        return Estimate(hours, 0)
    logs = [math.log(b.hours / model_hours(kind, b.ratio, b.temperature_c)) for b in past]
    weight = len(past) / (len(past) + PRIOR_WEIGHT)
    factor = _clamp(math.exp(weight * sum(logs) / len(logs)), FACTOR_MIN, FACTOR_MAX)
    low, high = (MILK_MIN_H, MILK_MAX_H) if kind == "milk" else (WATER_MIN_H, WATER_MAX_H)
    return Estimate(_clamp(hours * factor, low, high), len(past))


def water_strain_hours(ready_hours: float) -> float:
    """Water kefir should be strained by 48 h (later in a cool room), never past 72 h."""
    return min(max(48.0, ready_hours + 12.0), WATER_STARVE_H)


def refrigerate_after_hours(kind: str, temperature_c: float) -> float:
    """Second ferment in sealed bottles: water kefir is fizzy in 24 h at 24 °C or warmer,
    else 48 h; milk kefir's flavouring ferment is shorter (our assumption: 24 h)."""
    if kind == "water":
        return 24.0 if temperature_c >= 24 else 48.0
    return 24.0


def _clamp(value: float, low: float, high: float) -> float:
    return max(low, min(high, value))
