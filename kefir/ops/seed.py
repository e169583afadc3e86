"""Write the seed plan into a stage through the app's own services, idempotently.

Every step looks before it writes (the user, the batch by name, each event by its type
and time, the reminders, the devices, the public flag), so a second run, or a run after
an interrupted one, only adds what is missing. Event times are offsets from the batch's
stored `started_at`, so they are the same on every run.
"""
from __future__ import annotations

import struct
import zlib
from collections import Counter
from datetime import datetime, timedelta

import requests

from kefir.clock import parse_iso, to_iso, utcnow
from kefir.domain.events import EventType
from kefir.domain.reminders import ReminderKind
from kefir.ops.migrations import Echo
from kefir.ops.seed_plan import PLAN, PlannedBatch, PlannedUser
from kefir.services import batches as batch_service
from kefir.services import devices as device_service
from kefir.services import events as event_service
from kefir.services import reminders as reminder_service
from kefir.services.follow_up import EventFollowUp
from kefir.services.photos import issue_upload
from kefir.services.profile import brewer_day
from kefir.services.suggestions import suggestions_for
from kefir.store import keys
from kefir.wiring import Wiring


def seed(wiring: Wiring, *, plan: tuple[PlannedUser, ...] = PLAN, now: datetime | None = None,
         echo: Echo = print) -> Counter:
    """Create what the plan holds and the stage lacks; return counts of what was created."""
    now = now or utcnow()
    created: Counter = Counter()
    for user in plan:
        user_id = _ensure_user(wiring, user.email, now, created)
        echo(f"{user.email} ({user_id})")
        for token, platform, name in user.devices:
            _, outcome = device_service.register_device(
                wiring.devices, wiring.push, wiring.rate_limiter, user_id, token, platform,
                name, now)
            created["devices"] += outcome == device_service.CREATED
        existing = {b["name"]: b for b in wiring.batches.all_for_owner(user_id)}
        for planned in user.batches:
            _seed_batch(wiring, user_id, planned, existing.get(planned.name), now, created,
                        echo)
    return created


def _ensure_user(wiring: Wiring, email: str, now: datetime, created: Counter) -> str:
    """The user as the sign-in flow would create them: a Cognito user named by email (so
    a sign-in with that email reaches these batches) and a profile item."""
    cognito, pool = wiring.aws.cognito, wiring.settings.user_pool_id
    try:
        cognito.admin_create_user(
            UserPoolId=pool, Username=email, MessageAction="SUPPRESS",
            UserAttributes=[{"Name": "email", "Value": email},
                            {"Name": "email_verified", "Value": "true"}])
        created["users"] += 1
    except cognito.exceptions.UsernameExistsException:
        pass
    user = cognito.admin_get_user(UserPoolId=pool, Username=email)
    user_id = next(a["Value"] for a in user["UserAttributes"] if a["Name"] == "sub")
    wiring.profiles.create(user_id, email, to_iso(now))
    return user_id


def _seed_batch(wiring: Wiring, user_id: str, planned: PlannedBatch, batch: dict | None,
                now: datetime, created: Counter, echo: Echo) -> None:
    new = batch is None
    if new:
        start = (now - timedelta(days=planned.days_ago)).replace(minute=0, second=0)
        batch = batch_service.create_batch(
            wiring.batches, user_id, {"name": planned.name, "kind": planned.kind,
                                      "started_at": start, **planned.fields}, now=now)
        created["batches"] += 1
    batch_id, start = batch["batch_id"], parse_iso(batch["started_at"])
    have = {(e["type"], e["at"]) for e in wiring.batches.all_events(batch_id)}
    added = 0
    for event in planned.events:
        at = start + timedelta(hours=event.hours)
        if (event.type, to_iso(at)) in have or at > now:
            continue
        fields = {"type": event.type, "at": at, **event.details}
        if event.type == EventType.PHOTO:
            fields["photo_key"] = _upload_photo(wiring, user_id, batch_id, int(event.hours))
        follow_up = EventFollowUp(wiring.reminders, wiring.batches, wiring.timings,
                                  lambda: brewer_day(wiring.profiles, user_id), now)
        event_service.add_event(wiring.events, wiring.batches, wiring.objects, user_id,
                                batch_id, fields, now=now, follow_up=follow_up)
        added += 1
    created["events"] += added
    if planned.abandoned_upload and new:
        # Only with a new batch: once cleanup has removed it, a later run leaves it gone.
        _upload_photo(wiring, user_id, batch_id, 7)
        created["abandoned uploads"] += 1
    if planned.public and not batch.get("is_public"):
        batch_service.update_batch(wiring.batches, user_id, batch_id, {"is_public": True},
                                   expected_version=None, now=now)
    if planned.reminders:
        created["reminders"] += _confirm_reminders(wiring, user_id, batch_id, now)
    echo(f"  {planned.name}: {added} events added, {len(have)} already there")


def _upload_photo(wiring: Wiring, user_id: str, batch_id: str, shade: int) -> str:
    """Upload a small generated picture the way the app does: an upload form from the
    photo service, then a multipart POST of the file straight to the bucket."""
    picture = _png(shade)
    answer = issue_upload(wiring.batches, wiring.objects, user_id, batch_id, "image/png",
                          len(picture))
    form = answer["upload"]
    response = requests.post(form["url"], data=form["fields_"], timeout=30,
                             files={"file": ("seed.png", picture, "image/png")})
    response.raise_for_status()
    return answer["photo_key"]


def _confirm_reminders(wiring: Wiring, user_id: str, batch_id: str, now: datetime) -> int:
    """Confirm the batch's first two suggestions, once: a batch that has had reminders
    (sent, cancelled or pending) is left alone."""
    mine = wiring.table.query_all("PK = :pk AND begins_with(SK, :prefix)", values={
        ":pk": keys.user_pk(user_id), ":prefix": keys.REMINDER_PREFIX})
    if any(r.get("batch_id") == batch_id for r in mine):
        return 0
    day = brewer_day(wiring.profiles, user_id)
    suggestions = suggestions_for(wiring.batches, wiring.timings, user_id, batch_id, now,
                                  day)[:2]
    items = [{"suggestion_id": s.suggestion_id} for s in suggestions] or [
        {"kind": ReminderKind.CHECK, "due_at": now + timedelta(hours=6)}]
    return len(reminder_service.confirm_reminders(wiring.reminders, wiring.batches,
                                                  user_id, batch_id, items, now, day))


def _png(seed: int, size: int = 32) -> bytes:
    """A small solid-colour PNG, milky or fizzy by seed: real image bytes, no imaging
    library needed."""
    colour = bytes(((240, 236, 220), (214, 196, 150), (231, 170, 160))[seed % 3])
    raw = b"".join(b"\x00" + colour * size for _ in range(size))

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (struct.pack(">I", len(data)) + kind + data
                + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF))

    header = struct.pack(">IIBBBBB", size, size, 8, 2, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header)
            + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))
