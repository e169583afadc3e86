"""Archive memory stays flat as the account grows.

Builds the archive of an account (2,000 events, 24 photos: past one upload part) and of
one ten times larger (20,000 events, 240 photos) through the real code (kefir.services.archive_build
into kefir.multipart's streamed upload, real boto3 clients) and reports tracemalloc's
peak for each and their ratio (target <= 1.3). The peak holds one 8 MiB upload part, a
page of items and a chunk of a photo, whatever the account's size.

The emulator runs in a child process, as for bench/export_memory.py.

    python -m bench.archive_memory
"""
from __future__ import annotations

import json
import os
import tracemalloc

from bench.export_memory import seed_events, table_and_bucket

# Smaller than the CSV export's figures: seeding the emulator is what takes the time.
EVENTS_SMALL = 2_000
EVENTS_LARGE = 20_000
PHOTOS_SMALL = 24
PHOTOS_LARGE = 240
PHOTO_BYTES = 512 * 1024


def _photos(objects, owner: str, count: int) -> None:
    from kefir.photos import new_photo_key

    for n in range(count):
        objects.s3.put_object(Bucket=objects.bucket, Key=new_photo_key(owner, f"b{n % 10}"),
                              Body=os.urandom(PHOTO_BYTES))  # random: deflate cannot shrink


def _peak_mb(sources, objects, owner: str) -> tuple[float, int]:
    from kefir.photos import archive_key
    from kefir.services.archive_build import CONTENT_TYPE, write_archive

    tracemalloc.start()
    tracemalloc.reset_peak()
    upload = objects.open_upload(archive_key(owner, "bench"), CONTENT_TYPE)
    write_archive(upload, sources, objects, "2026-11-30T00:00:00Z")
    upload.complete()
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return round(peak / (1024 * 1024), 2), upload.size


def run() -> dict:
    from kefir.services.archive_build import Sources
    from kefir.store.batches import BatchStore
    from kefir.store.devices import DeviceStore
    from kefir.store.reminders import ReminderStore

    with table_and_bucket() as (table, objects):
        figures = {}
        for name, events, photos in (("small", EVENTS_SMALL, PHOTOS_SMALL),
                                     ("large", EVENTS_LARGE, PHOTOS_LARGE)):
            seed_events(table, name, events)
            _photos(objects, name, photos)
            sources = Sources({"user_id": name}, BatchStore(table), ReminderStore(table),
                              DeviceStore(table))
            figures[name] = _peak_mb(sources, objects, name)
    (small, small_size), (large, large_size) = figures["small"], figures["large"]
    return {"events_small": EVENTS_SMALL, "events_large": EVENTS_LARGE,
            "photos_small": PHOTOS_SMALL, "photos_large": PHOTOS_LARGE,
            "zip_mb_small": round(small_size / 2**20, 1),
            "zip_mb_large": round(large_size / 2**20, 1),
            "peak_mb_small": small, "peak_mb_large": large,
            "peak_memory_ratio": round(large / small, 2)}


if __name__ == "__main__":
    print(json.dumps(run(), indent=2))
