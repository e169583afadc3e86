"""Account archives: asking for one, reading its state, and the processor's builds.

`POST /me/export` queues a job (one pending per account); the scheduled pass, after the
reminders and the deletion sweep, builds pending jobs (kefir/services/archive_build.py)
while its budget lasts. A build is one unit: if the function dies during it, the job's
lease ends and a later pass builds it again from the start, up to MAX_ATTEMPTS.
"""
from __future__ import annotations

import logging
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from kefir.clock import epoch_seconds, to_iso
from kefir.domain.reminders import LEASE
from kefir.errors import AppError, ConditionFailed, LimitReached, NotFound
from kefir.services.budget import Budget
from kefir.photos import ObjectStore, archive_key
from kefir.services.archive_build import CONTENT_TYPE, Sources, write_archive
from kefir.services.batches import new_id
from kefir.store.accounts import DeletionMarkers
from kefir.store.archives import ArchiveJobs, public_fields

log = logging.getLogger(__name__)

LINK_LIFETIME = timedelta(hours=1)  # a fresh link on every read, while the file lasts
KEEP = timedelta(days=7)            # the bucket's lifecycle rule on archives/ agrees
MAX_ATTEMPTS = 3
MAX_PER_PASS = 5
_EXPORT_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]{22}")


def request_archive(jobs: ArchiveJobs, owner: str, now: datetime) -> dict:
    """Queue an archive of the account; LimitReached while one is pending (the check and
    the write are one transaction, so parallel requests queue exactly one)."""
    job = {"export_id": new_id(), "owner": owner, "status": "pending",
           "created_at": to_iso(now)}
    try:
        jobs.create(job)
    except ConditionFailed:
        raise LimitReached("An archive of this account is already being prepared.", limit=1,
                           export_id=jobs.pending_id(owner)) from None
    return public_fields(job)


def archive_state(jobs: ArchiveJobs, objects: ObjectStore, owner: str, export_id: str,
                  now: datetime) -> dict:
    """The job as its owner sees it; when ready, with a download link made now. Another
    account's job, or an id that cannot be one, is NotFound like an unknown one."""
    job = jobs.get(owner, export_id) if _EXPORT_ID.fullmatch(export_id) else None
    if job is None:
        raise NotFound()
    shown = {"url": None, "expires_at": None, "size_bytes": None, **public_fields(job)}
    if job["status"] == "ready":
        file_name = f"bubblebatch-archive-{job['created_at'][:10]}.zip"
        shown["url"] = objects.download_url(job["object_key"], file_name,
                                            expires_in=int(LINK_LIFETIME.total_seconds()))
        shown["expires_at"] = to_iso(now + LINK_LIFETIME)
    return shown


@dataclass(frozen=True)
class ArchiveBuilder:
    jobs: ArchiveJobs
    objects: ObjectStore
    markers: DeletionMarkers
    sources_for: Callable[[str], Sources]


def build_pending_archives(builder: ArchiveBuilder, now: datetime, budget: Budget) -> int:
    """Build due jobs while the budget lasts; returns how many became ready."""
    built = 0
    for entry in builder.jobs.due(to_iso(now), MAX_PER_PASS):
        if budget.exhausted():
            break
        job = builder.jobs.claim(entry, to_iso(now + LEASE))
        if job is None or builder.markers.is_deleted(job["owner"]):
            continue  # another pass has it, or the account's sweep will remove it
        if job["attempts"] > MAX_ATTEMPTS:  # earlier passes died building it
            builder.jobs.finish(job, "failed", {"failed_at": to_iso(now)},
                                epoch_seconds(now + KEEP))
            continue
        try:
            built += _build(builder, job, now)
        except AppError as error:
            log.warning("archive not built", extra={"fields": {
                "export_id": job["export_id"], "attempts": job["attempts"], "error": error.code}})
            if job["attempts"] >= MAX_ATTEMPTS:
                builder.jobs.finish(job, "failed", {"failed_at": to_iso(now)},
                                    epoch_seconds(now + KEEP))
    return built


def _build(builder: ArchiveBuilder, job: dict, now: datetime) -> int:
    key = archive_key(job["owner"], job["export_id"])
    upload = builder.objects.open_upload(key, CONTENT_TYPE)
    try:
        write_archive(upload, builder.sources_for(job["owner"]), builder.objects, to_iso(now))
        upload.complete()
    except BaseException:
        upload.abort()
        raise
    builder.jobs.finish(job, "ready", {"ready_at": to_iso(now), "object_key": key,
                                       "size_bytes": upload.size}, epoch_seconds(now + KEEP))
    return 1
