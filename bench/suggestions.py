"""Suggestions must not grow with a user's history: items read by one
GET /batches/{id}/reminders/suggestions for a user with 10 strained batches, then with 300
(the timing profile keeps the history it reads bounded). Past batches are written through
the API like real ones: created back-dated, then strained."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone

from bench.local import Caller, bearer

SIZES = (10, 300)


def run(app) -> dict:
    caller = Caller(app)
    headers = bearer(caller.sign_in())
    current = _batch(caller, headers, datetime.now(timezone.utc) - timedelta(hours=2))
    read, written = {}, 0
    for size in SIZES:
        while written < size:
            _past_batch(caller, headers, days_ago=2 + written)
            written += 1
        counted = caller.measure("GET", f"/batches/{current}/reminders/suggestions",
                                 expect=200, headers=headers)
        read[str(size)] = counted.items_read
    return {"items_read": read,
            "items_read_ratio": round(read[str(SIZES[-1])] / read[str(SIZES[0])], 3)}


def _batch(caller: Caller, headers: dict, started: datetime) -> str:
    return caller.call("POST", "/batches", expect=201, headers=headers, json={
        "name": "Jar", "kind": "milk", "grains_g": 20, "liquid_ml": 500, "temperature_c": 22,
        "started_at": started.isoformat(timespec="seconds")})["batch_id"]


def _past_batch(caller: Caller, headers: dict, days_ago: int) -> None:
    started = datetime.now(timezone.utc) - timedelta(days=days_ago)
    batch_id = _batch(caller, headers, started)
    caller.call("POST", f"/batches/{batch_id}/events", expect=201, headers=headers, json={
        "type": "strained", "at": (started + timedelta(hours=20)).isoformat(timespec="seconds")})
