"""Export memory stays flat as the data grows.

Streams 5,000 and then 50,000 events through the real export code (kefir.services.export
over kefir.store.batches, real boto3 clients) and reports tracemalloc's peak for each run
and their ratio. Both runs take the inline path (the limit is raised above both), so the
figure is the streaming pipeline itself: DynamoDB pages -> CSV chunks -> temporary file ->
64 KiB body chunks. A big export's S3 hand-off uploads the same file from disk, part by part.

The emulator (moto's server) runs in a child process: in process, moto keeps a cache for
every item a query touches, and tracemalloc would count that growth as the export's.

    python bench/export_memory.py
"""
from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import tracemalloc
from contextlib import contextmanager
from datetime import date

EVENTS_SMALL = 5_000
EVENTS_LARGE = 50_000
EVENTS_PER_BATCH = 500


def _environment():
    for name in ("AWS_PROFILE", "AWS_SESSION_TOKEN"):
        os.environ.pop(name, None)
    os.environ.update(AWS_ACCESS_KEY_ID="bench", AWS_SECRET_ACCESS_KEY="bench",
                      AWS_DEFAULT_REGION="us-east-1")


def seed_events(table, owner: str, events: int) -> None:
    from kefir.store import keys
    from kefir.store.table import to_wire

    requests = []
    for b in range(events // EVENTS_PER_BATCH):
        batch_id = f"{owner}-b{b:04d}"
        started = f"2026-01-{1 + b % 28:02d}T00:00:00Z"
        requests.append({**keys.batch_key(batch_id), "GSI1PK": keys.user_batches_gsi1pk(owner),
                         "GSI1SK": keys.batch_gsi1sk(started, batch_id), "batch_id": batch_id,
                         "owner": owner, "name": f"Batch {b}", "kind": "milk",
                         "status": "fermenting", "started_at": started, "grains_g": 15,
                         "liquid_ml": 500, "target_hours": 24, "version": 1})
        for e in range(EVENTS_PER_BATCH):
            at = f"2026-02-01T{e // 3600 % 24:02d}:{e // 60 % 60:02d}:{e % 60:02d}Z"
            requests.append({**keys.event_key(batch_id, at, f"e{e:05d}"), "owner": owner,
                             "event_id": f"e{e:05d}", "batch_id": batch_id, "type": "note",
                             "at": at, "note": "Smells tangy, a little fizzy; strain soon.",
                             "created_at": at})
    for start in range(0, len(requests), 25):
        table.client.batch_write_item(RequestItems={table.name: [
            {"PutRequest": {"Item": to_wire(item)}} for item in requests[start:start + 25]]})


def _peak_mb(store, objects, owner: str) -> float:
    from kefir.services.export import export_csv

    tracemalloc.start()
    tracemalloc.reset_peak()
    result = export_csv(store, objects, owner, today=date(2026, 11, 25),
                        inline_max_bytes=1 << 40)
    rows = sum(chunk.count(b"\r\n") for chunk in result.body)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert rows > 0
    return round(peak / (1024 * 1024), 2)


@contextmanager
def _emulator():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    process = subprocess.Popen([sys.executable, "-m", "moto.server", "-H", "127.0.0.1",
                                "-p", str(port)], stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.1)
        yield url
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@contextmanager
def table_and_bucket():
    """A fresh table and bucket on an emulator in a child process: (Table, ObjectStore)."""
    _environment()
    import boto3

    from kefir.photos import ObjectStore
    from kefir.store.schema import create_table
    from kefir.store.table import Table

    with _emulator() as url:
        dynamodb = boto3.client("dynamodb", region_name="us-east-1", endpoint_url=url)
        s3 = boto3.client("s3", region_name="us-east-1", endpoint_url=url)
        create_table(dynamodb, "bench-table")
        s3.create_bucket(Bucket="bench-photos")
        yield Table(dynamodb, "bench-table"), ObjectStore(s3, "bench-photos")


def run() -> dict:
    from kefir.store.batches import BatchStore

    with table_and_bucket() as (table, objects):
        store = BatchStore(table)
        seed_events(table, "small", EVENTS_SMALL)
        seed_events(table, "large", EVENTS_LARGE)
        small = _peak_mb(store, objects, "small")
        large = _peak_mb(store, objects, "large")
    return {"events_small": EVENTS_SMALL, "events_large": EVENTS_LARGE,
            "peak_mb_small": small, "peak_mb_large": large,
            "peak_memory_ratio": round(large / small, 2)}


if __name__ == "__main__":
    print(json.dumps(run(), indent=2))
