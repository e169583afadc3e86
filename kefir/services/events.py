"""Event use cases: add an event (and move the batch's status), list a batch's events."""
from __future__ import annotations

from datetime import datetime
from typing import Protocol

from kefir.clock import to_iso
from kefir.domain import events as rules
from kefir.domain.batches import statuses_an_event_may_move
from kefir.errors import NotFound, ValidationFailed
from kefir.photos import photo_prefix
from kefir.services.batches import new_id
from kefir.store.cursors import CursorSigner
from kefir.store.events import EventStore


class EventWriter(Protocol):
    """Where an event goes (kefir.store.events.EventStore): written together with the
    status it moves its batch to, only from `allowed_from`; NotFound for another's batch."""

    def add(self, owner: str, event: dict, *, moves_status_to: str | None,
            allowed_from: tuple[str, ...], cover_photo_key: str | None, now: str,
            also=None) -> None: ...


class FollowUp(Protocol):
    """What an event does beyond itself (kefir.services.follow_up.EventFollowUp)."""

    def operations(self, owner: str, event: dict, *, marked: dict | None = None): ...

    def after(self, owner: str, event: dict) -> None: ...


class BatchReader(Protocol):
    def get(self, batch_id: str, owner: str) -> dict | None: ...


class Photos(Protocol):
    def exists(self, key: str) -> bool: ...


def add_event(events: EventWriter, batches: BatchReader, objects: Photos, owner: str,
              batch_id: str, fields: dict, *, now: datetime, follow_up: FollowUp | None = None,
              marked: dict | None = None) -> dict:
    """Validate the event for its type and write it with its status change atomically,
    and with what `follow_up` adds (the reminders it finishes or starts; `marked` is a
    reminder the owner marked done)."""
    event_type = fields["type"]
    problems = rules.field_problems(event_type, fields)
    at = fields.get("at") or now
    at_problem = rules.at_problem(at, now)
    if at_problem:
        problems["at"] = [at_problem]
    if problems:
        raise ValidationFailed(details=problems)
    photo_key = fields.get("photo_key")
    if photo_key:
        _check_photo(batches, objects, owner, batch_id, photo_key)

    event = {"event_id": new_id(), "batch_id": batch_id, "type": event_type, "at": to_iso(at),
             "created_at": to_iso(now),
             **{k: fields[k] for k in rules.DETAIL_FIELDS if fields.get(k) is not None}}
    target = rules.EventType(event_type).moves_to
    also = follow_up.operations(owner, event, marked=marked) if follow_up else None
    events.add(owner, event, moves_status_to=target,
               allowed_from=statuses_an_event_may_move(target) if target else (),
               cover_photo_key=photo_key, now=to_iso(now), also=also)
    if follow_up:
        follow_up.after(owner, event)
    return event


_NOT_UPLOADED = ("Not a photo uploaded for this batch; request an upload with "
                 "POST /batches/{batch_id}/photos and upload the file first.")


def _check_photo(store: BatchReader, objects: Photos, owner: str, batch_id: str,
                 key: str) -> None:
    # Keys are only issued under this user's and batch's prefix, so a key that is there
    # and exists was uploaded through an upload form issued for this batch.
    if key.startswith(photo_prefix(owner, batch_id)) and objects.exists(key):
        return
    if store.get(batch_id, owner) is None:
        raise NotFound()
    raise ValidationFailed(details={"photo_key": [_NOT_UPLOADED]})


def list_events(events: EventStore, cursors: CursorSigner, owner: str, batch_id: str, *,
                order: str, limit: int, cursor: str | None) -> tuple[list[dict], str | None]:
    """A page of the batch's events by `at` and the cursor to the next page."""
    query = f"events|{batch_id}|{order}"
    start = cursors.decode(cursor, user_id=owner, query=query)
    page = events.page(batch_id, owner, forward=order == "asc", limit=limit, start_key=start)
    return page.items, cursors.encode(page.last_key, user_id=owner, query=query)
