"""DynamoDB round trips and items read per endpoint, for every operation of the OpenAPI
document, in process on the emulator.

Each scenario prepares what its request needs (not counted), then `measure`s exactly one
request. The operation list comes from the app's own /openapi.json, so an endpoint without
a scenario stops the run. A scenario may wait for its endpoint (written ahead of a branch
that is still landing); it is listed as not measured.
"""
from __future__ import annotations

import uuid
from datetime import datetime, timedelta, timezone
from typing import Callable

from bench.counting import RoundTrips
from bench.local import Caller, bearer
from kefir.store.accounts import DeletionMarkers

# Floors from docs/table-design.md's access patterns and docs/api.md (/health touches no
# AWS service). Endpoints the design gives no target for are reported without one.
TARGETS = {
    "GET /health": 0,
    "GET /openapi.json": 0,
    "GET /batches": 1,
    "GET /batches/{batch_id}": 1,
    "POST /batches/{batch_id}/events": 1,
    "GET /batches/{batch_id}/events": 1,
    "GET /me/reminders": 1,
    "GET /public/b/{batch_id}": 1,
}

SCENARIOS: dict[str, Callable[[Bench], RoundTrips]] = {}

BATCHES = 30   # more than a page (25), so the list reads a full page
EVENTS = 30    # more than the 20 recent events and a page of 25


def scenario(operation: str):
    def register(function):
        SCENARIOS[operation] = function
        return function
    return register


def operations(document: dict) -> list[str]:
    """"METHOD /path" of every operation in an OpenAPI document."""
    return [f"{method.upper()} {path}" for path, item in document["paths"].items()
            for method in item if method in ("get", "put", "post", "patch", "delete")]


class Bench(Caller):
    """A signed-in user with BATCHES batches, the first with EVENTS events, a device and
    pending reminders, so each request reads what a real one would."""

    def prepare(self) -> None:
        # The guard's deletion check is cached for seconds: counted as on a warm instance
        # that saw this user recently (bench/deletion_check.py measures the uncached cost).
        self.wiring.deletion_markers = DeletionMarkers(self.wiring.table, cache_s=3600)
        self.tokens = self.sign_in()
        self.headers = bearer(self.tokens)
        self.batch_ids = [self.new_batch(f"Jar {n}") for n in range(BATCHES)]
        self.batch_id = self.batch_ids[-1]
        for n in range(EVENTS):
            self.call("POST", f"/batches/{self.batch_id}/events", expect=201,
                      headers=self.headers, json={"type": "tasted", "rating": 1 + n % 5})
        self.new_device()
        self.reminder_ids = [self.new_reminder(self.batch_id, hours) for hours in (2, 4, 6)]
        # Warm what a warm Lambda holds: the JWKS, the cursor-signing secret, the clients.
        self.call("GET", "/batches", expect=200, headers=self.headers)
        self.call("GET", "/me/reminders", expect=200, headers=self.headers)

    def new_batch(self, name: str = "Jar") -> str:
        return self.call("POST", "/batches", expect=201, headers=self.headers, json={
            "name": name, "kind": "milk", "grains_g": 20, "liquid_ml": 500,
            "temperature_c": 22})["batch_id"]

    def new_device(self) -> str:
        token = f"ExponentPushToken[bench-{uuid.uuid4().hex}]"
        return self.call("POST", "/me/devices", expect=201, headers=self.headers,
                         json={"push_token": token, "platform": "ios"})["device_id"]

    def new_reminder(self, batch_id: str, hours: float) -> str:
        due = datetime.now(timezone.utc) + timedelta(hours=hours)
        answer = self.call("POST", f"/batches/{batch_id}/reminders/confirm", expect=201,
                           headers=self.headers, json={"items": [{
                               "kind": "strain", "due_at": due.isoformat(timespec="seconds")}]})
        return answer["items"][0]["reminder_id"]

    def get(self, path: str, expect: int = 200, **kwargs) -> RoundTrips:
        return self.measure("GET", path, expect=expect, headers=self.headers, **kwargs)


# Operations -------------------------------------------------------------------------------
@scenario("GET /health")
def _health(b: Bench):
    return b.measure("GET", "/health", expect=200)


@scenario("GET /openapi.json")
def _openapi(b: Bench):
    return b.measure("GET", "/openapi.json", expect=200)


@scenario("POST /auth/login")
def _login(b: Bench):
    return b.measure("POST", "/auth/login", expect=202,
                     json={"email": f"bench-{uuid.uuid4().hex[:12]}@example.com"})


@scenario("POST /auth/verify")
def _verify(b: Bench):
    email = f"bench-{uuid.uuid4().hex[:12]}@example.com"
    session = b.call("POST", "/auth/login", expect=202, json={"email": email})["session"]
    return b.measure("POST", "/auth/verify", expect=200,
                     json={"email": email, "session": session, "code": b.last_code(email)})


@scenario("POST /auth/refresh")
def _refresh(b: Bench):
    tokens = b.sign_in()
    return b.measure("POST", "/auth/refresh", expect=200,
                     json={"refresh_token": tokens["refresh_token"]})


@scenario("POST /auth/logout")
def _logout(b: Bench):
    tokens = b.sign_in()
    return b.measure("POST", "/auth/logout", expect=204, headers=bearer(tokens))


@scenario("GET /me")
def _me(b: Bench):
    return b.get("/me")


@scenario("DELETE /me")
def _delete_me(b: Bench):
    # Another user: the bench's own must live on. Its first request reads the marker.
    return b.measure("DELETE", "/me", expect=204, headers=bearer(b.sign_in()))


@scenario("POST /me/export")
def _ask_archive(b: Bench):
    # A user of its own (one pending archive per account), already seen by the instance.
    headers = bearer(b.sign_in())
    b.call("GET", "/me", expect=200, headers=headers)
    return b.measure("POST", "/me/export", expect=202, headers=headers)


@scenario("GET /me/exports/{export_id}")
def _archive_state(b: Bench):
    headers = bearer(b.sign_in())
    export_id = b.call("POST", "/me/export", expect=202, headers=headers)["export_id"]
    return b.measure("GET", f"/me/exports/{export_id}", expect=200, headers=headers)


@scenario("POST /batches")
def _create_batch(b: Bench):
    return b.measure("POST", "/batches", expect=201, headers=b.headers,
                     json={"name": "New jar", "kind": "water", "sugar_g": 30})


@scenario("GET /batches")
def _list_batches(b: Bench):
    return b.get("/batches")


@scenario("GET /batches/{batch_id}")
def _get_batch(b: Bench):
    return b.get(f"/batches/{b.batch_id}")


@scenario("PATCH /batches/{batch_id}")
def _patch_batch(b: Bench):
    return b.measure("PATCH", f"/batches/{b.batch_id}", expect=200, headers=b.headers,
                     json={"notes": "Smells sour already."})


@scenario("DELETE /batches/{batch_id}")
def _delete_batch(b: Bench):
    batch_id = b.new_batch("Doomed")
    for _ in range(3):
        b.call("POST", f"/batches/{batch_id}/events", expect=201, headers=b.headers,
               json={"type": "fed"})
    b.new_reminder(batch_id, 3)
    return b.measure("DELETE", f"/batches/{batch_id}", expect=204, headers=b.headers)


@scenario("POST /batches/{batch_id}/events")
def _add_event(b: Bench):
    return b.measure("POST", f"/batches/{b.batch_id}/events", expect=201, headers=b.headers,
                     json={"type": "temperature", "temperature_c": 23.5})


@scenario("GET /batches/{batch_id}/events")
def _list_events(b: Bench):
    return b.get(f"/batches/{b.batch_id}/events")


@scenario("POST /batches/{batch_id}/photos")
def _photo_upload(b: Bench):
    return b.measure("POST", f"/batches/{b.batch_id}/photos", expect=201, headers=b.headers,
                     json={"content_type": "image/jpeg", "size_bytes": 250_000})


@scenario("GET /me/devices")
def _list_devices(b: Bench):
    return b.get("/me/devices")


@scenario("POST /me/devices")
def _register_device(b: Bench):
    return b.measure("POST", "/me/devices", expect=201, headers=b.headers, json={
        "push_token": f"ExponentPushToken[bench-{uuid.uuid4().hex}]", "platform": "android"})


@scenario("POST /me/devices/{device_id}/verify")
def _verify_device(b: Bench):
    # The token is another user's: registering it pushes a code, and verify moves it.
    token = f"ExponentPushToken[bench-{uuid.uuid4().hex}]"
    b.call("POST", "/me/devices", expect=201, headers=bearer(b.sign_in()),
           json={"push_token": token, "platform": "ios"})
    device_id = b.call("POST", "/me/devices", expect=202, headers=b.headers,
                       json={"push_token": token, "platform": "ios"})["device_id"]
    return b.measure("POST", f"/me/devices/{device_id}/verify", expect=200,
                     headers=b.headers, json={"code": b.last_push(token)["data"]["code"]})


@scenario("DELETE /me/devices/{device_id}")
def _delete_device(b: Bench):
    device_id = b.new_device()
    return b.measure("DELETE", f"/me/devices/{device_id}", expect=204, headers=b.headers)


@scenario("GET /me/reminders")
def _list_reminders(b: Bench):
    return b.get("/me/reminders")


@scenario("DELETE /me/reminders/{reminder_id}")
def _cancel_reminder(b: Bench):
    return b.measure("DELETE", f"/me/reminders/{b.reminder_ids.pop()}", expect=204,
                     headers=b.headers)


@scenario("PATCH /me")
def _patch_me(b: Bench):
    return b.measure("PATCH", "/me", expect=200, headers=b.headers,
                     json={"timezone": "Europe/Berlin", "units": "metric"})


@scenario("POST /me/reminders/{reminder_id}/snooze")
def _snooze(b: Bench):
    return b.measure("POST", f"/me/reminders/{b.reminder_ids[0]}/snooze", expect=200,
                     headers=b.headers, json={"minutes": 60})


@scenario("POST /me/reminders/{reminder_id}/done")
def _done(b: Bench):
    # A strain reminder: logs `strained` with the reminder in one transaction, then the
    # owner's timing profile is updated.
    batch_id = b.new_batch("Done by push")
    return b.measure("POST", f"/me/reminders/{b.new_reminder(batch_id, 3)}/done",
                     expect=200, headers=b.headers)


@scenario("GET /batches/{batch_id}/reminders/suggestions")
def _suggestions(b: Bench):
    return b.get(f"/batches/{b.batch_id}/reminders/suggestions")


@scenario("POST /batches/{batch_id}/reminders/confirm")
def _confirm(b: Bench):
    batch_id = b.new_batch("To remind")
    suggestions = b.call("GET", f"/batches/{batch_id}/reminders/suggestions", expect=200,
                         headers=b.headers)["items"]
    return b.measure("POST", f"/batches/{batch_id}/reminders/confirm", expect=201,
                     headers=b.headers,
                     json={"items": [{"suggestion_id": suggestions[0]["suggestion_id"]}]})


@scenario("GET /public/b/{batch_id}")
def _public(b: Bench):
    batch_id = b.new_batch("Shared")
    b.call("PATCH", f"/batches/{batch_id}", expect=200, headers=b.headers,
           json={"is_public": True})
    for _ in range(3):
        b.call("POST", f"/batches/{batch_id}/events", expect=201, headers=b.headers,
               json={"type": "fed"})
    return b.measure("GET", f"/public/b/{batch_id}", expect=200,
                     headers={"Accept": "application/json"})


@scenario("GET /export.csv")
def _export(b: Bench):
    # One Query for the page of batches, then one per batch for its events (they live in
    # the batch's partition): BATCHES + a few, for this user's BATCHES batches.
    return b.get("/export.csv")


@scenario("POST /_local/reminders/run")
def _local_run(b: Bench):
    # Nothing is due now: the cost of an idle pass, which runs every minute.
    return b.measure("POST", "/_local/reminders/run", expect=200)


def run(app) -> dict:
    """Measure every operation of `app`'s OpenAPI document; raise if one has no scenario."""
    bench = Bench(app)
    document = bench.call("GET", "/openapi.json", expect=200)
    wanted = operations(document)
    missing = sorted(set(wanted) - set(SCENARIOS))
    if missing:
        raise RuntimeError(f"round trips: no scenario measures {missing}")
    bench.prepare()
    round_trips, items, calls = {}, {}, {}
    for operation in wanted:
        counted = SCENARIOS[operation](bench)
        round_trips[operation] = counted.total
        items[operation] = counted.items_read
        calls[operation] = dict(sorted(counted.calls.items()))
    return {"round_trips": round_trips, "items_read": items, "calls": calls,
            "targets": {op: TARGETS.get(op) for op in wanted},
            "not_measured": sorted(set(SCENARIOS) - set(wanted))}
