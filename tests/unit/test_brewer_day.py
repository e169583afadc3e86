"""The brewer's day, pure: local times across DST changes, quiet-hour windows, and
suggestions moved out of them (table-driven)."""
from datetime import datetime, time, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest

from kefir.domain.brewer import (
    BrewerDay,
    QuietHours,
    is_timezone,
    local_iso,
    parse_quiet_hours,
    quiet_window,
    temperature_text,
    volume_text,
)
from kefir.domain.suggestions import BatchFacts, suggest


def utc(text: str) -> datetime:
    return datetime.fromisoformat(text.replace("Z", "+00:00"))


@pytest.mark.parametrize("zone, moment, local", [
    # Europe/Berlin springs forward at 01:00Z on 2027-03-28 and falls back at 01:00Z on
    # 2027-10-31.
    ("Europe/Berlin", "2027-03-28T00:59:00Z", "2027-03-28T01:59:00+01:00"),
    ("Europe/Berlin", "2027-03-28T01:00:00Z", "2027-03-28T03:00:00+02:00"),
    ("Europe/Berlin", "2027-03-28T05:00:00Z", "2027-03-28T07:00:00+02:00"),
    ("Europe/Berlin", "2027-10-31T00:30:00Z", "2027-10-31T02:30:00+02:00"),
    ("Europe/Berlin", "2027-10-31T01:30:00Z", "2027-10-31T02:30:00+01:00"),
    # America/New_York: 2027-03-14 at 07:00Z and 2027-11-07 at 06:00Z.
    ("America/New_York", "2027-03-14T06:59:00Z", "2027-03-14T01:59:00-05:00"),
    ("America/New_York", "2027-03-14T07:00:00Z", "2027-03-14T03:00:00-04:00"),
    ("America/New_York", "2027-11-07T05:30:00Z", "2027-11-07T01:30:00-04:00"),
    ("America/New_York", "2027-11-07T06:30:00Z", "2027-11-07T01:30:00-05:00"),
    # Half-hour offsets: India has no DST; Adelaide leaves DST on 2027-04-04 (16:30Z the
    # day before) and enters it on 2027-10-03 (16:30Z the day before).
    ("Asia/Kolkata", "2027-03-28T01:30:00Z", "2027-03-28T07:00:00+05:30"),
    ("Australia/Adelaide", "2027-04-03T16:29:00Z", "2027-04-04T02:59:00+10:30"),
    ("Australia/Adelaide", "2027-04-03T16:30:00Z", "2027-04-04T02:00:00+09:30"),
    ("Australia/Adelaide", "2027-10-02T16:29:00Z", "2027-10-03T01:59:00+09:30"),
    ("Australia/Adelaide", "2027-10-02T16:30:00Z", "2027-10-03T03:00:00+10:30"),
    ("UTC", "2027-03-28T05:00:00Z", "2027-03-28T05:00:00+00:00"),
])
def test_local_due_at_is_the_wall_clock_with_its_offset(zone, moment, local):
    assert local_iso(utc(moment), ZoneInfo(zone)) == local


NIGHT = QuietHours(time(22), time(7))


@pytest.mark.parametrize("zone, moment, window", [
    # A plain night, a spring-forward night (an hour shorter), a fall-back one (longer).
    ("Europe/Berlin", "2027-01-10T23:00:00Z", ("2027-01-10T21:00:00Z", "2027-01-11T06:00:00Z")),
    ("Europe/Berlin", "2027-03-28T02:00:00Z", ("2027-03-27T21:00:00Z", "2027-03-28T05:00:00Z")),
    ("Europe/Berlin", "2027-10-31T05:59:00Z", ("2027-10-30T20:00:00Z", "2027-10-31T06:00:00Z")),
    ("America/New_York", "2027-03-14T08:00:00Z",
     ("2027-03-14T03:00:00Z", "2027-03-14T11:00:00Z")),
    ("America/New_York", "2027-11-07T11:59:00Z",
     ("2027-11-07T02:00:00Z", "2027-11-07T12:00:00Z")),
    ("Asia/Kolkata", "2027-03-28T01:29:00Z", ("2027-03-27T16:30:00Z", "2027-03-28T01:30:00Z")),
    ("Australia/Adelaide", "2027-04-03T18:00:00Z",
     ("2027-04-03T11:30:00Z", "2027-04-03T21:30:00Z")),
    # The edges belong to the day: a step at 22:00 or 07:00 is not in the night.
    ("Europe/Berlin", "2027-01-10T21:01:00Z", ("2027-01-10T21:00:00Z", "2027-01-11T06:00:00Z")),
    ("Europe/Berlin", "2027-01-10T21:00:00Z", None),
    ("Europe/Berlin", "2027-01-11T06:00:00Z", None),
    ("Europe/Berlin", "2027-01-10T20:59:00Z", None),
])
def test_quiet_windows_follow_the_local_night(zone, moment, window):
    found = quiet_window(utc(moment), BrewerDay(zone, NIGHT))
    assert found == (tuple(utc(t) for t in window) if window else None)


def test_a_daytime_window_and_no_window():
    nap = BrewerDay("UTC", QuietHours(time(13), time(15)))
    assert quiet_window(utc("2027-01-10T14:00:00Z"), nap) == (
        utc("2027-01-10T13:00:00Z"), utc("2027-01-10T15:00:00Z"))
    assert quiet_window(utc("2027-01-10T16:00:00Z"), nap) is None
    assert quiet_window(utc("2027-01-10T14:00:00Z"), BrewerDay("UTC", None)) is None


@pytest.mark.parametrize("value", [{"start": "22:00", "end": "22:00"},
                                   {"start": "24:00", "end": "07:00"},
                                   {"start": "7:00", "end": "22:00"},
                                   {"start": "22:00", "end": "07:60"}])
def test_malformed_or_empty_quiet_hours_are_refused(value):
    with pytest.raises(ValueError):
        parse_quiet_hours(value)


def test_time_zone_names_are_checked_against_the_tz_database():
    assert is_timezone("Europe/Berlin") and is_timezone("Australia/Adelaide")
    assert not is_timezone("Mars/Olympus") and not is_timezone("europe/berlin")
    assert not is_timezone("../etc/passwd") and not is_timezone("")


def test_units_shape_only_what_a_person_reads():
    assert (temperature_text(22, "metric"), temperature_text(22, "us")) == ("22 °C", "72 °F")
    assert (volume_text(500, "metric"), volume_text(1000, "metric")) == ("500 mL", "1 L")
    assert volume_text(500, "us") == "16.9 fl oz"


BERLIN_NIGHT = BrewerDay("Europe/Berlin", NIGHT)


def milk(start: datetime, **overrides) -> BatchFacts:
    values = dict(name="Jar", kind="milk", status="fermenting", clock_started_at=start,
                  ratio=15.0, temperature_c=22.0, temperature_source="batch")
    return BatchFacts(**{**values, **overrides})


def test_a_strain_at_3_am_moves_to_the_end_of_quiet_hours():
    # 21 h at 22 °C with 1:15: started 05:00Z (06:00 Berlin), ready 02:00Z (03:00 Berlin).
    start = utc("2027-01-10T05:00:00Z")
    found = {s.kind: s for s in suggest(milk(start), [], start, BERLIN_NIGHT)}
    strain = found["strain"]
    assert strain.due_at == utc("2027-01-11T06:00:00Z") and strain.shifted == "quiet_hours"
    assert "moved to 07:00, when your quiet hours end" in strain.rationale
    check = found["check"]  # 15 h 45 min: 21:45 Berlin is before the night
    assert check.shifted is None and check.rationale.endswith("about 21:45 your time.")


def test_a_water_kefir_that_would_starve_by_morning_moves_to_the_start():
    # Cold room: ready by 72 h at the latest; started 00:30Z + 72 h = 00:30Z (01:30 Berlin),
    # so 07:00 would pass the 72 h point: the strain moves back to 22:00.
    start = utc("2027-01-10T00:30:00Z")
    batch = milk(start, kind="water", ratio=None, temperature_c=16.0)
    strain = [s for s in suggest(batch, [], start, BERLIN_NIGHT) if s.kind == "strain"][0]
    assert strain.due_at == utc("2027-01-12T21:00:00Z") and strain.shifted == "quiet_hours"
    assert "set to 22:00, as your quiet hours begin" in strain.rationale
    assert "72 h" in strain.rationale


def test_a_milk_kefir_past_eta_plus_12_h_by_morning_moves_to_the_start():
    # At 30 °C the model says 12 h at most: ETA + 12 h ends inside a long quiet window.
    long_night = BrewerDay("UTC", QuietHours(time(1), time(15)))
    start = utc("2027-01-10T14:00:00Z")  # ready 02:00Z, spoils 14:00Z, quiet until 15:00Z
    batch = milk(start, temperature_c=30.0, ratio=25.0)
    strain = [s for s in suggest(batch, [], start, long_night)
              if s.kind == "strain"][0]
    assert strain.due_at == utc("2027-01-11T01:00:00Z")
    assert "more than 12 h past ready" in strain.rationale


@pytest.mark.parametrize("zone", ["Europe/Berlin", "America/New_York", "Australia/Adelaide"])
def test_no_suggestion_ever_falls_inside_quiet_hours(zone):
    """Starts every 47 minutes across both DST changes of 2027, milk and water, at several
    temperatures, asked at several moments: never inside the night, never in the past."""
    day = BrewerDay(zone, NIGHT)
    for first in ("2027-03-12T00:00:00Z", "2027-10-01T00:00:00Z", "2027-10-29T00:00:00Z"):
        start = utc(first)
        for step in range(0, 60 * 24 * 4, 47):
            begun = start + timedelta(minutes=step)
            for kind, temperature in (("milk", 18.0), ("milk", 27.0), ("water", 20.0)):
                batch = milk(begun, kind=kind, temperature_c=temperature)
                for asked_after in (0, 13, 30):
                    now = begun + timedelta(hours=asked_after)
                    for s in suggest(batch, [], now, day):
                        assert s.due_at > now
                        inside = quiet_window(s.due_at, day)
                        assert inside is None, (kind, begun, now, s)
                        assert s.due_at.tzinfo is not None


def test_without_quiet_hours_nothing_moves():
    start = utc("2027-01-10T05:00:00Z")
    plain = suggest(milk(start), [], start, BrewerDay("Europe/Berlin", None))
    assert all(s.shifted is None for s in plain)
    assert [s.due_at for s in plain] == [s.due_at for s in suggest(milk(start), [], start)]
    assert plain[-1].due_at.astimezone(timezone.utc) == utc("2027-01-11T02:00:00Z")
