"""Benchmark: one reminder processor pass costs what is due, not what is stored.

Two tables on the emulator hold the same users, devices and due reminders; one also holds
a backlog of reminders not yet due. The same pass runs on each, and this reports the
DynamoDB requests (botocore event hooks), the items those requests read (`ScannedCount`
of each Query, one per GetItem found) and the Expo requests (at the local stand-in).
The emulator's own speed grows with the table, so requests and items are measured, not
seconds.

    python -m bench.processor      # prints the result as JSON
"""
from __future__ import annotations

import json
import math
import tempfile
import uuid
from datetime import datetime, timedelta, timezone
from pathlib import Path

from kefir.clock import to_iso
from kefir.config import load_settings
from kefir.domain.devices import device_id_for
from kefir.domain.reminders import ReminderKind, new_reminder_id
from kefir.jobs.reminders import run_once
from kefir.local.emulator import LOCAL_EXPO_TOKEN, start_emulator
from kefir.local.resources import boot
from kefir.local.expo import ExpoStandIn
from kefir.store.schema import create_table
from kefir.wiring import Wiring

NOW = datetime(2030, 1, 1, 8, 0, tzinfo=timezone.utc)
DUE_PER_USER = 2


def run(stored_not_due: int = 10_000, due: int = 200, devices_per_user: int = 2,
        endpoint_url: str | None = None) -> dict:
    """Measure one pass with and without the backlog; see the module docstring."""
    workdir = Path(tempfile.mkdtemp(prefix="bench-processor-"))
    expo = ExpoStandIn(workdir / "pushes.jsonl", access_token=LOCAL_EXPO_TOKEN).start()
    try:
        settings = boot(load_settings({
            "KEFIR_AWS_ENDPOINT_URL": endpoint_url or start_emulator(),
            "KEFIR_EXPO_PUSH_URL": expo.url, "KEFIR_PUSH_OUTBOX": str(workdir / "p.jsonl"),
            "AWS_REGION": "us-east-1"}))
        passes = {}
        for name, backlog in (("with_backlog", stored_not_due), ("without_backlog", 0)):
            wiring = _fill(settings, due, devices_per_user, backlog)
            passes[name] = _measure(wiring, expo)
    finally:
        expo.stop()
    with_, without = passes["with_backlog"], passes["without_backlog"]
    return {
        "stored_not_due": stored_not_due,
        "due": due,
        "devices_per_user": devices_per_user,
        "ddb_requests": {k: v["ddb_requests"] for k, v in passes.items()},
        "items_read": {k: v["items_read"] for k, v in passes.items()},
        "expo_requests": {**{k: v["expo_requests"] for k, v in passes.items()},
                          "ceil_messages_over_100": math.ceil(due * devices_per_user / 100)},
        "ddb_requests_ratio": with_["ddb_requests"] / without["ddb_requests"],
        "items_read_ratio": with_["items_read"] / without["items_read"],
    }


def _fill(settings, due: int, devices_per_user: int, backlog: int) -> Wiring:
    table_name = f"bench-{uuid.uuid4().hex[:10]}"
    wiring = Wiring(settings.with_resources(table_name=table_name))
    create_table(wiring.aws.dynamodb, table_name)
    devices, reminders = wiring.devices, wiring.reminders
    users = [uuid.uuid4().hex for _ in range(math.ceil(due / DUE_PER_USER))]
    for user_id in users:
        for n in range(devices_per_user):
            token = f"ExponentPushToken[bench-{user_id[:12]}-{n}]"
            devices.add({"device_id": device_id_for(token), "owner": user_id,
                         "push_token": token, "platform": "ios", "name": None,
                         "created_at": to_iso(NOW)}, seen_seq=n)
    items = []
    for n in range(due):
        owner = users[n // DUE_PER_USER]
        items += reminders.items_for(_reminder(owner, NOW - timedelta(minutes=n % 5)))
    for n in range(backlog):
        later = NOW + timedelta(minutes=1 + n % (60 * 24 * 30))
        items.append(reminders.items_for(_reminder(users[n % len(users)], later))[0])
    wiring.table.batch_put(items)  # BatchWriteItem, 25 a request: quick to set up
    return wiring


def _reminder(owner: str, due_at: datetime) -> dict:
    return {"reminder_id": new_reminder_id(due_at), "owner": owner,
            "batch_id": uuid.uuid4().hex, "kind": ReminderKind.STRAIN, "due_at": to_iso(due_at),
            "title": "Strain Jar", "body": "Your kefir should be ready.", "status": "pending",
            "created_at": to_iso(NOW - timedelta(days=1))}


def _measure(wiring: Wiring, expo: ExpoStandIn) -> dict:
    counts = {"ddb_requests": 0, "items_read": 0}

    def before_call(**_):
        counts["ddb_requests"] += 1

    def after_call(event_name, parsed, **_):
        operation = event_name.rsplit(".", 1)[-1]
        if operation == "Query":
            counts["items_read"] += parsed.get("ScannedCount", 0)
        elif operation == "GetItem" and "Item" in parsed:
            counts["items_read"] += 1

    events = wiring.aws.dynamodb.meta.events
    events.register("before-call.dynamodb", before_call, unique_id="bench-before")
    events.register("after-call.dynamodb", after_call, unique_id="bench-after")
    expo_before = len(expo.requests)
    try:
        result = run_once(wiring, NOW)
    finally:
        events.unregister("before-call.dynamodb", unique_id="bench-before")
        events.unregister("after-call.dynamodb", unique_id="bench-after")
    return {**counts, "expo_requests": len(expo.requests) - expo_before, "result": result}


if __name__ == "__main__":
    import logging
    logging.getLogger("werkzeug").setLevel(logging.WARNING)  # the emulator's request log
    print(json.dumps(run(), indent=2))
