"""Housekeeping on a stage: delete photo objects nothing references, archive old finished
batches. A dry run (the default) reports and changes nothing.

Photos: an object under `users/<user>/batches/<batch>/photos/` is deleted when no event
(`photo_key`) and no batch (`cover_photo_key`) names it and it is older than 24 hours,
which leaves every upload in progress alone (an upload form lives 15 minutes). Batches:
a `done` batch whose `started_at` is more than N days ago becomes `archived`, under a
version condition so that an owner's concurrent edit wins.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from kefir.clock import to_iso, utcnow
from kefir.errors import NotFound, VersionConflict
from kefir.ops.migrations import Echo
from kefir.wiring import Wiring

PHOTO_MIN_AGE = timedelta(hours=24)
_PAGE = 500


@dataclass
class Report:
    photos_seen: int = 0
    photos_referenced: int = 0
    photos_too_young: int = 0
    photos_to_delete: list[str] = field(default_factory=list)
    done_batches: int = 0
    batches_to_archive: list[dict] = field(default_factory=list)
    archived: int = 0
    deleted: int = 0
    skipped: int = 0  # changed by their owner meanwhile


def cleanup(wiring: Wiring, *, archive_after_days: int, apply: bool,
            now: datetime | None = None, echo: Echo = print) -> Report:
    """Find (and with `apply`, act on) unreferenced old photos and old finished batches."""
    now = now or utcnow()
    report = Report()
    # Old objects are listed before references are read, so a reference written while
    # this runs is seen, and its object kept.
    photos, candidates = _photos(wiring, now, report, echo)
    referenced, done = _scan_table(wiring, echo)
    report.photos_referenced = len(photos & referenced)
    report.photos_to_delete = sorted(candidates - referenced)
    report.done_batches = len(done)
    cutoff = to_iso(now - timedelta(days=archive_after_days))
    report.batches_to_archive = sorted((b for b in done if b["started_at"] < cutoff),
                                       key=lambda b: b["started_at"])
    if apply:
        _delete(wiring, report, echo)
        _archive(wiring, report, now, echo)
    return report


def _photos(wiring: Wiring, now: datetime, report: Report, echo: Echo
            ) -> tuple[set[str], set[str]]:
    """Every photo object's key, and those older than 24 h."""
    every, old = set(), set()
    pages = wiring.aws.s3.get_paginator("list_objects_v2").paginate(
        Bucket=wiring.settings.photo_bucket, Prefix="users/",
        PaginationConfig={"PageSize": 1000})
    for number, page in enumerate(pages, start=1):
        for obj in page.get("Contents", []):
            if "/photos/" not in obj["Key"]:
                continue
            report.photos_seen += 1
            every.add(obj["Key"])
            if now - obj["LastModified"] >= PHOTO_MIN_AGE:
                old.add(obj["Key"])
            else:
                report.photos_too_young += 1
        echo(f"  bucket: page {number}, {report.photos_seen} photos, {len(old)} older than 24 h")
    return every, old


def _scan_table(wiring: Wiring, echo: Echo) -> tuple[set[str], list[dict]]:
    """Every photo key the table references and every live `done` batch: an offline,
    paged Scan, the one way to see across all users (never on a request path)."""
    referenced: set[str] = set()
    done: list[dict] = []
    start, number, seen = None, 0, 0
    while True:
        page = wiring.table.scan(
            limit=_PAGE, start_key=start,
            filter="attribute_exists(photo_key) OR attribute_exists(cover_photo_key) "
                   "OR (#status = :done AND attribute_not_exists(deleting))",
            names={"#status": "status"}, values={":done": "done"})
        number += 1
        for item in page.items:
            referenced.update(item[k] for k in ("photo_key", "cover_photo_key") if item.get(k))
            if item.get("status") == "done" and item.get("SK") == "META" \
                    and not item.get("deleting"):
                done.append(item)
        seen += len(page.items)
        echo(f"  table: page {number}, {seen} items with photos or done")
        if page.last_key is None:
            return referenced, done
        start = page.last_key


def _delete(wiring: Wiring, report: Report, echo: Echo) -> None:
    keys = report.photos_to_delete
    for start in range(0, len(keys), 1000):
        chunk = keys[start:start + 1000]
        wiring.aws.s3.delete_objects(Bucket=wiring.settings.photo_bucket, Delete={
            "Objects": [{"Key": k} for k in chunk], "Quiet": True})
        report.deleted += len(chunk)
        echo(f"  deleted {report.deleted}/{len(keys)} photos")


def _archive(wiring: Wiring, report: Report, now: datetime, echo: Echo) -> None:
    for batch in report.batches_to_archive:
        try:
            wiring.batches.update(batch["batch_id"], batch["owner"], {"status": "archived"},
                                  expected_version=batch["version"], now=to_iso(now))
        except (VersionConflict, NotFound):
            report.skipped += 1
            continue
        report.archived += 1
        echo(f"  archived {batch['name']!r} ({batch['batch_id']}, started "
             f"{batch['started_at']})")
