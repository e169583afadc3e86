"""The owner's profile: who they are and how their day is shaped (time zone, quiet hours,
units)."""
from __future__ import annotations

from typing import Protocol

from kefir.domain.brewer import BrewerDay
from kefir.identity.user import User


class Settings(Protocol):
    """Where settings live (kefir.store.profiles.Profiles)."""

    def settings(self, user_id: str) -> dict: ...

    def update_settings(self, user_id: str, changes: dict) -> None: ...


def brewer_day(profiles: Settings, user_id: str) -> BrewerDay:
    """The owner's time zone, quiet hours and units (defaults where unset): one GetItem."""
    return BrewerDay.from_settings(profiles.settings(user_id))


def profile_out(profile: dict) -> dict:
    """/me's answer: the stored profile with every setting filled in."""
    day = BrewerDay.from_settings(profile)
    return {**profile, "timezone": day.timezone, "units": day.units,
            "quiet_hours": day.quiet_hours.as_dict() if day.quiet_hours else None}


def update_profile(auth, profiles: Settings, user: User, changes: dict) -> dict:
    """Apply validated setting changes (None clears quiet hours) and answer the profile."""
    profile = auth.me(user)  # written from the user pool if it never was
    if changes:
        profiles.update_settings(user.user_id, changes)
    return profile_out({**profile, **changes})
