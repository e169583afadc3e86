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

import os
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date

from kefir.domain.events import READING_FIELDS
from kefir.photos import ObjectStore, export_key
from kefir.store.batches import BatchStore

# (header, where the value comes from, whether it is a number). The v1 columns keep their
# order and names; new columns are appended at the end only.
_BATCH = "batch"
_EVENT = "event"
COLUMNS = (
    ("batch_id", _BATCH, "batch_id", False),
    ("batch_name", _BATCH, "name", False),
    ("kind", _BATCH, "kind", False),
    ("status", _BATCH, "status", False),
    ("started_at", _BATCH, "started_at", False),
    ("grains_g", _BATCH, "grains_g", True),
    ("liquid_ml", _BATCH, "liquid_ml", True),
    ("sugar_g", _BATCH, "sugar_g", True),
    ("target_hours", _BATCH, "target_hours", True),
    ("event_id", _EVENT, "event_id", False),
    ("event_type", _EVENT, "type", False),
    ("event_at", _EVENT, "at", False),
    # Every reading an event may carry is a number (kefir/domain/events.py).
    *((name, _EVENT, name, True) for name in READING_FIELDS),
    ("note", _EVENT, "note", False),
    ("batch_notes", _BATCH, "notes", False),
)
HEADER = tuple(column[0] for column in COLUMNS)
# What a spreadsheet would take as the start of a formula, even after leading spaces.
_FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r", "\n")
# Excel reads a CSV without it in the machine's legacy code page, mangling accents.
BOM = "\ufeff"
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


def text_cell(value) -> str:
    """A text value as a quoted CSV cell, with a leading `'` when a spreadsheet would run
    it as a formula. Quoting every text cell keeps a `;` inside a note from splitting it
    in locales whose spreadsheets split on `;`."""
    text = "" if value is None else str(value)
    if text.lstrip(" ").startswith(_FORMULA_TRIGGERS):
        text = "'" + text
    return '"' + text.replace('"', '""') + '"'


def number_cell(value) -> str:
    """A number as a plain, unquoted cell (`-2` stays `-2`); empty when absent. Anything
    else found in a numeric column is exported as (defused) text rather than failing."""
    if value is None:
        return ""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return text_cell(value)
    return repr(value)


def _line(batch: dict, event: dict) -> str:
    sources = {_BATCH: batch, _EVENT: event}
    cells = (number_cell(sources[source].get(name)) if numeric
             else text_cell(sources[source].get(name))
             for _, source, name, numeric in COLUMNS)
    return ",".join(cells) + "\r\n"


def lines(store: BatchStore, owner: str) -> Iterator[str]:
    """The header, then one line per event with its batch's columns (batches newest
    first, events oldest first), and one line for each batch without events."""
    yield ",".join(text_cell(name) for name in HEADER) + "\r\n"
    for batch in store.all_for_owner(owner):
        empty = True
        for event in store.all_events(batch["batch_id"]):
            empty = False
            yield _line(batch, event)
        if empty:
            yield _line(batch, {})


def csv_chunks(text: Iterator[str]) -> Iterator[bytes]:
    """The byte order mark and the lines as UTF-8, in chunks of about 64 KiB."""
    parts, size = [BOM], 0
    for line in text:
        parts.append(line)
        size += len(line)
        if size >= CHUNK_BYTES:
            yield "".join(parts).encode()
            parts, size = [], 0
    yield "".join(parts).encode()


def export_csv(store: BatchStore, objects: ObjectStore, owner: str, *, today: date,
               inline_max_bytes: int) -> Export:
    """Build the owner's export; small ones come back as a body, big ones as a URL."""
    name = file_name(today)
    handle = tempfile.NamedTemporaryFile(prefix="export-", suffix=".csv", delete=False)
    try:
        with handle:
            for chunk in csv_chunks(lines(store, owner)):
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
