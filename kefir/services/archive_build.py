"""Building one account archive: a zip streamed into storage part by part.

The zip holds `bubblebatch.json` (the account's data, described by
docs/archive.schema.json) and every photo under `photos/<batch_id>/<name>`. Nothing is
held whole: the JSON is written item by item as the table is read a page at a time, each
photo is copied a chunk at a time, and the zip goes to S3 as a multipart upload (one 8 MiB
part in memory), so memory stays flat whatever the account's size.

What the JSON holds is the two tables below: a new item type is one line in one of them.
"""
from __future__ import annotations

import json
import zipfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from kefir.photos import ObjectStore, user_prefix

FORMAT_VERSION = 1
CONTENT_TYPE = "application/zip"
_DUMPS = {"ensure_ascii": False, "separators": (",", ":"), "sort_keys": True}
# Store bookkeeping no person needs; push tokens are left out on purpose (a token is a
# credential for pushing to that phone).
_INTERNAL = {"PK", "SK", "GSI1PK", "GSI1SK", "owner", "expires_at", "lease_until",
             "claim_id", "finished_by", "attempts", "delivered", "cascade_key", "deleting",
             "push_token", "code_hash", "tries"}


@dataclass(frozen=True)
class Sources:
    """Where the items come from (the stores of kefir/wiring.py)."""
    profile: dict
    batches: object    # kefir.store.batches.BatchStore
    reminders: object  # kefir.store.reminders.ReminderStore
    devices: object    # kefir.store.devices.DeviceStore


@dataclass(frozen=True)
class Part:
    """A list in the JSON: its name, how to read its items given the parent item (the
    profile, or a batch), and the lists nested in each of its items."""
    name: str
    read: Callable[[Sources, dict], Iterable[dict]]
    parts: tuple[Part, ...] = ()


BATCH_PARTS = (
    Part("events", lambda s, batch: s.batches.all_events(batch["batch_id"])),
)
ACCOUNT_PARTS = (
    Part("batches", lambda s, me: s.batches.all_for_owner(me["user_id"]), BATCH_PARTS),
    Part("reminders", lambda s, me: s.reminders.all_for_owner(me["user_id"])),
    Part("devices", lambda s, me: s.devices.snapshot(me["user_id"])[0]),
)


def write_archive(out, sources: Sources, objects: ObjectStore, exported_at: str) -> None:
    """Write the whole zip to the write-only file `out`."""
    user_id = sources.profile["user_id"]
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        with archive.open("bubblebatch.json", "w", force_zip64=True) as raw:
            document = _Writer(raw)
            head = {"format_version": FORMAT_VERSION, "exported_at": exported_at,
                    "profile": sources.profile}
            document.write(json.dumps(head, **_DUMPS)[:-1])
            _write_parts(document, sources, sources.profile, ACCOUNT_PARTS)
            document.write("}")
        prefix = user_prefix(user_id)
        for key in objects.keys_under(prefix):
            with archive.open(photo_path(key), "w", force_zip64=True) as photo:
                for chunk in objects.read_chunks(key):
                    photo.write(chunk)


def photo_path(key: str) -> str:
    """Where a photo goes in the zip: `photos/<batch_id>/<name>`."""
    batch_id, _, name = key.split("/batches/", 1)[1].partition("/photos/")
    return f"photos/{batch_id}/{name}"


def _write_parts(document: _Writer, sources: Sources, parent: dict,
                 parts: tuple[Part, ...], *, after_fields: bool = True) -> None:
    """Each part as `"name":[...]`, continuing an object whose `{` and fields (if
    `after_fields`) are written already."""
    for position, part in enumerate(parts):
        comma = "," if after_fields or position else ""
        document.write(f'{comma}"{part.name}":[')
        for index, item in enumerate(part.read(sources, parent)):
            opening = json.dumps(_shown(item), **_DUMPS)[:-1]
            document.write(("," if index else "") + opening)
            _write_parts(document, sources, item, part.parts, after_fields=opening != "{")
            document.write("}")
        document.write("]")


def _shown(item: dict) -> dict:
    shown = {k: v for k, v in item.items() if k not in _INTERNAL}
    if shown.get("photo_key"):
        shown["photo_file"] = photo_path(shown["photo_key"])
    return shown


class _Writer:
    """Text into the zip entry, encoded as it goes."""

    def __init__(self, raw):
        self._raw = raw

    def write(self, text: str) -> None:
        self._raw.write(text.encode())
