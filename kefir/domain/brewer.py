"""The brewer's day (pure): their time zone, quiet hours and units, and what they do to a
time or an amount a person reads."""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, time, timedelta, timezone
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

DEFAULT_TIMEZONE = "UTC"
UNITS = ("metric", "us")
DEFAULT_UNITS = "metric"
_HH_MM = re.compile(r"^([01]\d|2[0-3]):([0-5]\d)$")


@dataclass(frozen=True)
class QuietHours:
    """A nightly window in local wall-clock time; `end` before `start` wraps midnight."""
    start: time
    end: time

    def as_dict(self) -> dict:
        return {"start": self.start.strftime("%H:%M"), "end": self.end.strftime("%H:%M")}


@dataclass(frozen=True)
class BrewerDay:
    """What the owner's profile says about how times and amounts are shown to them."""
    timezone: str = DEFAULT_TIMEZONE
    quiet_hours: QuietHours | None = None
    units: str = DEFAULT_UNITS

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    @classmethod
    def from_settings(cls, settings: dict | None) -> BrewerDay:
        """From stored profile settings; absent ones take their defaults."""
        settings = settings or {}
        quiet = settings.get("quiet_hours")
        return cls(timezone=settings.get("timezone") or DEFAULT_TIMEZONE,
                   quiet_hours=parse_quiet_hours(quiet) if quiet else None,
                   units=settings.get("units") or DEFAULT_UNITS)


def is_timezone(name: str) -> bool:
    """Whether `name` is an IANA zone we can compute with (from the bundled tz database)."""
    if not isinstance(name, str) or name not in _zone_names():
        return False
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return False
    return True


def _zone_names() -> set[str]:
    global _ZONES
    if _ZONES is None:
        _ZONES = available_timezones()
    return _ZONES


_ZONES: set[str] | None = None


def parse_hh_mm(text: str) -> time:
    """`"07:30"` → 07:30; ValueError for anything else (24:00 and 7:30 included)."""
    match = _HH_MM.match(text or "") if isinstance(text, str) else None
    if not match:
        raise ValueError("Use HH:MM, 00:00 to 23:59.")
    return time(int(match.group(1)), int(match.group(2)))


def parse_quiet_hours(value: dict) -> QuietHours:
    """From `{"start": "HH:MM", "end": "HH:MM"}`; equal ends make no window (ValueError)."""
    quiet = QuietHours(parse_hh_mm(value["start"]), parse_hh_mm(value["end"]))
    if quiet.start == quiet.end:
        raise ValueError("Start and end must differ.")
    return quiet


def local_iso(moment: datetime, zone: ZoneInfo) -> str:
    """A UTC moment as the owner's wall-clock time with its offset, to the second."""
    return moment.astimezone(zone).replace(microsecond=0).isoformat()


def clock_time(moment: datetime, zone: ZoneInfo) -> str:
    """`"07:00"`: how a sentence names a time of the owner's day."""
    return moment.astimezone(zone).strftime("%H:%M")


def quiet_window(moment: datetime, day: BrewerDay) -> tuple[datetime, datetime] | None:
    """The quiet-hours window (start, end) in UTC that contains `moment`, or None. Both
    ends are open: a reminder at the very start or end of quiet hours is not in them.

    Wall-clock times are resolved on the window's own local dates, so a window across a
    DST change is an hour longer or shorter, as the night is. A wall time that a
    spring-forward change skips is read with the offset before the change (Python's
    `fold=0`: 02:30 on that night is 03:30 after the jump); one that a fall-back change
    repeats means its first occurrence."""
    quiet = day.quiet_hours
    if quiet is None:
        return None
    zone = day.zone
    local_date = moment.astimezone(zone).date()
    for start_date in (local_date - timedelta(days=1), local_date):
        end_date = start_date + timedelta(days=1) if quiet.end <= quiet.start else start_date
        start = _instant(start_date, quiet.start, zone)
        end = _instant(end_date, quiet.end, zone)
        if start < moment < end:
            return start, end
    return None


def _instant(on, at: time, zone: ZoneInfo) -> datetime:
    return datetime.combine(on, at, tzinfo=zone).astimezone(timezone.utc)


# Units: the API stores and speaks metric; `us` only changes what a person reads.
def temperature_text(celsius: float, units: str) -> str:
    if units == "us":
        return f"{celsius * 9 / 5 + 32:.0f} °F"
    return f"{celsius:g} °C"


def volume_text(millilitres: float, units: str) -> str:
    if units == "us":
        return f"{millilitres / 29.5735:.1f} fl oz".replace(".0 ", " ")
    if millilitres >= 1000:
        return f"{millilitres / 1000:g} L"
    return f"{millilitres:g} mL"
