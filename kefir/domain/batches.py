"""Batch rules: statuses, limits, and how events move a batch's status."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone

KINDS = ("milk", "water")
STATUSES = ("fermenting", "second_ferment", "done", "archived")
DEFAULT_STATUS = "fermenting"

NAME_MAX = 80
NOTES_MAX = 2000
TEMPERATURE_RANGE = (-5.0, 50.0)
TARGET_HOURS_MAX = 720
# Upper bounds that no home ferment reaches; they catch typos such as 15000 g of grains.
GRAINS_G_MAX = 10_000
LIQUID_ML_MAX = 100_000
SUGAR_G_MAX = 10_000

# Times a brewer can mean: nothing in this app happened before 2000, and a batch may be
# planned for tomorrow at most. Far-off years would overflow the date arithmetic of
# suggestions (9999-12-31 plus a day).
EARLIEST = datetime(2000, 1, 1, tzinfo=timezone.utc)
STARTED_AT_MAX_AHEAD = timedelta(days=1)


def started_at_problem(started_at: datetime, now: datetime) -> str | None:
    """Why a batch cannot have started then, or None."""
    if started_at < EARLIEST:
        return "May not be before 2000-01-01."
    if started_at > now + STARTED_AT_MAX_AHEAD:
        return "May not be more than a day in the future."
    return None


# Events only move a batch forward along this path; `archived` is the owner's choice and
# no event changes it.
_PROGRESS = ("fermenting", "second_ferment", "done")


def statuses_an_event_may_move(target: str) -> tuple[str, ...]:
    """The statuses from which an event implying `target` moves the batch to `target`.

    A back-dated `bottled` on a finished batch must not reopen it, so a batch already at or
    past `target` (or archived) keeps its status; `target` itself is included so that a
    repeated event is a harmless no-op rather than a special case.
    """
    return _PROGRESS[: _PROGRESS.index(target) + 1]
