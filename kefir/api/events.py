"""A batch's events and photo uploads."""
from __future__ import annotations

from flask import Blueprint, jsonify

from kefir.api.idempotency import IDEMPOTENCY_KEY, idempotent
from kefir.api.operation import operation
from kefir.clock import utcnow
from kefir.schemas.events import Event, EventCreate, EventListQuery, EventPage
from kefir.schemas.photos import PhotoUpload, PhotoUploadRequest
from kefir.services import events as service
from kefir.services.follow_up import EventFollowUp
from kefir.services.photos import issue_upload
from kefir.services.profile import brewer_day
from kefir.services.presenting import event_out
from kefir.wiring import wiring

bp = Blueprint("events", __name__)


@bp.post("/batches/<batch_id>/events")
@operation("Record what happened to a batch", tag="events", body=EventCreate,
           headers=(IDEMPOTENCY_KEY,), responses={201: Event},
           description="Fields by type: `tasted` needs `rating` (1-5), `temperature` needs "
                       "`temperature_c`, `ph` needs `ph` (0-14), `note` needs `note`, `photo` "
                       "needs the `photo_key` of a finished upload for this batch; every type "
                       "may carry a `note`, and a field the type does not use is 422. "
                       "`second_ferment_started` and `bottled` move the batch to "
                       "`second_ferment`, `completed` to `done`, written in the same "
                       "transaction as the event. Events only move a batch forward: a "
                       "back-dated `bottled` on a `done` batch is recorded and the status "
                       "stays; an `archived` batch stays archived. The same transaction "
                       "finishes the batch's pending reminders the event answers "
                       "(`strained`/`fed`: check, strain, feed; `burped`: the earliest "
                       "burp; `second_ferment_started`/`bottled`: bottle; `completed` "
                       "cancels them all), so none of them is pushed afterwards.")
@idempotent
def add_event(user, batch_id, body):
    w = wiring()
    now = utcnow()
    follow_up = EventFollowUp(w.reminders, w.batches, w.timings,
                              lambda: brewer_day(w.profiles, user.user_id), now)
    event = service.add_event(w.events, w.batches, w.objects, user.user_id, batch_id, body,
                              now=now, follow_up=follow_up)
    return jsonify(Event().dump(event_out(event, w.objects))), 201


@bp.get("/batches/<batch_id>/events")
@operation("A batch's events by time", tag="events", query=EventListQuery,
           responses={200: EventPage},
           description="One Query a page. `order=desc` (the default) is newest first, "
                       "`asc` oldest first; a cursor only continues the order it was made for.")
def list_events(user, batch_id, query):
    w = wiring()
    items, cursor = service.list_events(w.events, w.cursors, user.user_id, batch_id,
                                        order=query["order"], limit=query["limit"],
                                        cursor=query["cursor"])
    return jsonify(EventPage().dump({"items": [event_out(e, w.objects) for e in items],
                                     "next_cursor": cursor}))


@bp.post("/batches/<batch_id>/photos")
@operation("Get a form to upload a photo straight to storage", tag="events",
           body=PhotoUploadRequest, responses={201: PhotoUpload},
           description="Answers a presigned S3 POST: send `upload.fields` and then the file "
                       "(form field `file`) to `upload.url` as multipart/form-data within 15 "
                       "minutes. Storage accepts only the declared content type and at most "
                       "`size_bytes` (10 MiB at most), under this batch's own key. Then "
                       "add a `photo` event with `photo_key`; the newest photo becomes the "
                       "batch's cover.")
def create_photo_upload(user, batch_id, body):
    w = wiring()
    upload = issue_upload(w.batches, w.objects, user.user_id, batch_id, body["content_type"],
                          body["size_bytes"])
    return jsonify(PhotoUpload().dump(upload)), 201
