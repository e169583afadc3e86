"""The CSV export: every batch and event of one user, streamed page by page.

Rows are produced from one DynamoDB page at a time and written in 64 KiB chunks to a
temporary file, so memory holds one page and one chunk whatever the export's size.
Behind API Gateway a Lambda answer is buffered and capped near 6 MB, so the size decides
the answer: up to `inline_max_bytes` the file is sent back as the body (200); beyond, it
is uploaded to S3 under `exports/<user_id>/` (a multipart upload reading the file part by
part) and the answer is a 303 to a presigned GET that lasts 5 minutes. Building the whole
file before answering also means a failure halfway is a clean 503, never a truncated CSV.
"""
from __future__ import annotations

import csv
import io
import os
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date

from kefir.domain.events import READING_FIELDS
from kefir.photos import ObjectStore, export_key
from kefir.store.batches import BatchStore

HEADER = ("batch_id", "batch_name", "kind", "status", "started_at", "grains_g", "liquid_ml",
          "sugar_g", "target_hours", "event_id", "event_type", "event_at", *READING_FIELDS,
          "note")
_BATCH_COLUMNS = ("batch_id", "name", "kind", "status", "started_at", "grains_g",
                  "liquid_ml", "sugar_g", "target_hours")
_EVENT_COLUMNS = ("event_id", "type", "at", *READING_FIELDS, "note")
# What a spreadsheet would take as the start of a formula.
_FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
CHUNK_BYTES = 64 * 1024
CONTENT_TYPE = "text/csv; charset=utf-8"


@dataclass(frozen=True)
class Export:
    file_name: str
    body: Iterator[bytes] | None = None
    size: int = 0
    download_url: str | None = None


def file_name(today: date) -> str:
    return f"bubblebatch-export-{today.isoformat()}.csv"


def cell(value) -> str:
    """A value as a CSV cell, with a leading `'` when a spreadsheet would run it."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(_FORMULA_TRIGGERS) else text


def rows(store: BatchStore, owner: str) -> Iterator[list[str]]:
    """One row per event with its batch's columns (batches newest first, events oldest
    first), and one row for each batch without events."""
    for batch in store.all_for_owner(owner):
        head = [cell(batch.get(c)) for c in _BATCH_COLUMNS]
        empty = True
        for event in store.all_events(batch["batch_id"]):
            empty = False
            yield head + [cell(event.get(c)) for c in _EVENT_COLUMNS]
        if empty:
            yield head + [""] * len(_EVENT_COLUMNS)


def csv_chunks(lines: Iterator[list[str]]) -> Iterator[bytes]:
    """The header and the rows as RFC 4180 CSV (CRLF, minimal quoting), in chunks."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(HEADER)
    for line in lines:
        writer.writerow(line)
        if buffer.tell() >= CHUNK_BYTES:
            yield buffer.getvalue().encode()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue().encode()


def export_csv(store: BatchStore, objects: ObjectStore, owner: str, *, today: date,
               inline_max_bytes: int) -> Export:
    """Build the owner's export; small ones come back as a body, big ones as a URL."""
    name = file_name(today)
    handle = tempfile.NamedTemporaryFile(prefix="export-", suffix=".csv", delete=False)
    try:
        with handle:
            for chunk in csv_chunks(rows(store, owner)):
                handle.write(chunk)
        size = os.path.getsize(handle.name)
        if size <= inline_max_bytes:
            return Export(name, body=_chunks_of(open(handle.name, "rb")), size=size)
        key = export_key(owner, name)
        objects.upload_file(handle.name, key, CONTENT_TYPE)
        return Export(name, size=size, download_url=objects.download_url(key, name))
    finally:
        # An open file outlives its name on POSIX, so the body can still be read.
        os.unlink(handle.name)


def _chunks_of(stream) -> Iterator[bytes]:
    with stream:
        while chunk := stream.read(CHUNK_BYTES):
            yield chunk
