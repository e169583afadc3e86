"""The timing model against the published figures docs/reminders.md cites."""
from datetime import datetime, timedelta, timezone

import pytest

from kefir.domain import fermentation as model
from kefir.domain.fermentation import PastBatch
from kefir.domain.suggestions import BatchFacts, parse_suggestion_id, suggest

NOW = datetime(2026, 11, 25, 8, 0, tzinfo=timezone.utc)

# kefirgrains.eu, 15 g of grains: (milk mL, room °C at the middle of the band) -> hours.
RATIO_TABLE = [
    (250, 19, 24, 30), (250, 23, 18, 24), (250, 27, 10, 14),
    (500, 19, 36, 48), (500, 23, 24, 30), (500, 27, 18, 24),
    (1000, 19, 48, 72), (1000, 23, 36, 48), (1000, 27, 24, 30),
]


@pytest.mark.parametrize("milk_ml, temp, low, high", RATIO_TABLE)
def test_milk_first_ferment_matches_the_ratio_table(milk_ml, temp, low, high):
    hours = model.model_hours("milk", model.ratio(milk_ml, 15), temp)
    assert low <= hours <= high


@pytest.mark.parametrize("kind", ["milk", "water"])
@pytest.mark.parametrize("cool, warm", [(18, 20), (20, 24), (22, 26), (24, 28)])
def test_warmer_is_sooner(kind, cool, warm):
    assert model.model_hours(kind, 15, warm) < model.model_hours(kind, 15, cool)


@pytest.mark.parametrize("kind", ["milk", "water"])
@pytest.mark.parametrize("less, more", [(5, 10), (10, 20), (15, 30), (20, 40)])
def test_more_liquid_per_gram_is_later(kind, less, more):
    assert model.model_hours(kind, more, 18) > model.model_hours(kind, less, 18)


@pytest.mark.parametrize("temp, low, high", [
    (22, 18, 24),    # about 1:15 at about 22 °C: about a day
    (31, 8, 12),     # never more than 12 h at 30–35 °C
    (5, 72, 72),     # clamped: never past 72 h
    (45, 8, 8),      # clamped: never under 8 h
])
def test_milk_bounds(temp, low, high):
    assert low <= model.model_hours("milk", 15, temp) <= high


@pytest.mark.parametrize("temp, hours", [(22, 24), (18, 48)])
def test_water_first_ferment_defaults(temp, hours):
    # 24 h at room temperature, 48 h in a cool room, at the usual 1:10.
    assert model.model_hours("water", 10, temp) == pytest.approx(hours)


@pytest.mark.parametrize("ready, strain_by", [(24, 48), (40, 52), (70, 72)])
def test_water_is_strained_by_48_h_and_never_past_72(ready, strain_by):
    assert model.water_strain_hours(ready) == strain_by


@pytest.mark.parametrize("observed_hours, direction", [(14, "sooner"), (36, "later")])
def test_history_shifts_the_estimate_toward_the_users_grains(observed_hours, direction):
    plain = model.estimate("milk", 15, 22, []).hours
    history = [PastBatch("milk", observed_hours, 22, 15)] * 3
    shifted = model.estimate("milk", 15, 22, history)
    assert shifted.batches_used == 3
    assert (shifted.hours < plain) if direction == "sooner" else (shifted.hours > plain)
    # A model prior keeps three batches from moving it all the way.
    assert abs(shifted.hours - plain) < abs(observed_hours - plain)


def test_more_history_moves_the_estimate_further():
    one = model.estimate("milk", 15, 22, [PastBatch("milk", 12, 22, 15)]).hours
    many = model.estimate("milk", 15, 22, [PastBatch("milk", 12, 22, 15)] * 8).hours
    assert many < one < model.model_hours("milk", 15, 22)


def test_history_of_the_other_kind_is_ignored():
    history = [PastBatch("water", 40, 22, 10)] * 5
    assert model.estimate("milk", 15, 22, history).batches_used == 0


def test_history_is_read_relative_to_its_own_conditions():
    # A batch that took 34 h at 18 °C was exactly on the model: nothing to shift.
    on_model = model.model_hours("milk", 15, 18)
    estimate = model.estimate("milk", 15, 26, [PastBatch("milk", on_model, 18, 15)] * 4)
    assert estimate.hours == pytest.approx(model.model_hours("milk", 15, 26))


def facts(**overrides) -> BatchFacts:
    values = dict(name="Jar", kind="milk", status="fermenting",
                  clock_started_at=NOW - timedelta(hours=2), ratio=15.0,
                  temperature_c=22.0, temperature_source="reading")
    values.update(overrides)
    return BatchFacts(**values)


def test_milk_first_ferment_gets_check_then_strain():
    found = suggest(facts(), [], NOW)
    assert [s.kind for s in found] == ["check", "strain"]
    eta = model.model_hours("milk", 15, 22)
    start = NOW - timedelta(hours=2)
    assert abs((found[1].due_at - start).total_seconds() / 3600 - eta) < 1 / 60
    assert abs((found[0].due_at - start).total_seconds() / 3600 - 0.75 * eta) < 1 / 60
    assert "22 °C" in found[1].rationale and "1:15" in found[1].rationale
    assert found[1].title == "Strain Jar"


def test_a_warmer_reading_brings_the_strain_reminder_forward():
    cool = suggest(facts(temperature_c=20), [], NOW)[-1].due_at
    warm = suggest(facts(temperature_c=26), [], NOW)[-1].due_at
    assert warm < cool


def test_the_rationale_names_the_users_history():
    history = [PastBatch("milk", 16, 26, 25)] * 3
    strain = suggest(facts(temperature_c=26, ratio=25.0), history, NOW)[-1]
    assert "your last 3 batches point to about" in strain.rationale
    assert strain.rationale.count(".") == 1 and strain.rationale.endswith(".")


@pytest.mark.parametrize("temp, fridge_hours", [(24, 24), (27, 24), (20, 48)])
def test_water_second_ferment_gets_burps_and_refrigerate(temp, fridge_hours):
    batch = facts(kind="water", status="second_ferment", temperature_c=temp,
                  second_ferment_at=NOW - timedelta(hours=1))
    found = suggest(batch, [], NOW)
    burps = [s for s in found if s.kind == "burp"]
    fridge = [s for s in found if s.kind == "refrigerate"]
    assert len(fridge) == 1
    assert fridge[0].due_at == NOW - timedelta(hours=1) + timedelta(hours=fridge_hours)
    assert burps and all(b.due_at < fridge[0].due_at for b in burps)
    gaps = {(b2.due_at - b1.due_at) for b1, b2 in zip(burps, burps[1:], strict=False)}
    assert gaps <= {timedelta(hours=8)}


@pytest.mark.parametrize("overrides", [
    dict(clock_started_at=NOW - timedelta(days=4)),
    dict(kind="water", clock_started_at=NOW - timedelta(days=4)),
    dict(kind="water", status="second_ferment", second_ferment_at=NOW - timedelta(days=5)),
])
def test_an_overdue_batch_gets_a_next_step_soon_flagged_overdue(overrides):
    found = suggest(facts(**overrides), [], NOW)
    assert len(found) == 1
    step = found[0]
    assert step.overdue and step.rationale.startswith("Overdue")
    assert NOW < step.due_at <= NOW + timedelta(minutes=16)


@pytest.mark.parametrize("hours_in", [0, 5, 17, 19, 30, 47, 49, 80])
@pytest.mark.parametrize("kind, status", [("milk", "fermenting"), ("water", "fermenting"),
                                          ("water", "second_ferment"),
                                          ("milk", "second_ferment")])
def test_never_in_the_past(hours_in, kind, status):
    start = NOW - timedelta(hours=hours_in)
    found = suggest(facts(kind=kind, status=status, clock_started_at=start,
                          second_ferment_at=start), [], NOW)
    assert found and all(s.due_at > NOW for s in found)
    assert [s.due_at for s in found] == sorted(s.due_at for s in found)


@pytest.mark.parametrize("status", ["done", "archived"])
def test_finished_batches_get_no_suggestions(status):
    assert suggest(facts(status=status), [], NOW) == []


def test_a_suggestion_id_carries_its_kind_and_due_minute():
    strain = suggest(facts(), [], NOW)[-1]
    assert parse_suggestion_id(strain.suggestion_id) == ("strain", strain.due_at)
    for crafted in ["strain-2026", "custom-20261125T0830Z", "", "x" * 300]:
        with pytest.raises(ValueError):
            parse_suggestion_id(crafted)
