"""Batches: create, list, get, update, delete."""
from __future__ import annotations

from flask import Blueprint, jsonify, request, url_for

from kefir.api.idempotency import IDEMPOTENCY_KEY, idempotent
from kefir.api.links import public_base_url
from kefir.api.operation import operation
from kefir.clock import utcnow
from kefir.errors import BadRequest
from kefir.schemas.batches import (
    Batch,
    BatchCreate,
    BatchDetail,
    BatchListQuery,
    BatchPage,
    BatchPatch,
)
from kefir.services import batches as service
from kefir.services.presenting import batch_out, event_out
from kefir.services.profile import brewer_day
from kefir.services.routines import start_routine
from kefir.wiring import wiring

bp = Blueprint("batches", __name__)

IF_MATCH = {"in": "header", "name": "If-Match", "required": False,
            "schema": {"type": "string", "example": "3"},
            "description": "The `version` you last read (`3` or the ETag `\"3\"`). If the "
                           "batch changed since, the answer is `412 version_conflict`."}


def present(batch: dict) -> dict:
    return batch_out(batch, wiring().objects, public_base_url())


def _with_etag(response, batch: dict):
    response.headers["ETag"] = f'"{batch["version"]}"'
    return response


@bp.post("/batches")
@operation("Start a batch", tag="batches", body=BatchCreate, headers=(IDEMPOTENCY_KEY,),
           responses={201: (Batch, "The new batch; `Location` names it.")},
           description="`started_at` defaults to now and `status` to `fermenting`.")
@idempotent
def create_batch(user, body):
    w, now = wiring(), utcnow()
    batch = service.create_batch(w.batches, user.user_id, body, now=now)
    if batch.get("auto_remind"):
        start_routine(w.reminders, w.batches, w.timings, user.user_id, batch["batch_id"], now,
                      brewer_day(w.profiles, user.user_id))
    response = _with_etag(jsonify(Batch().dump(present(batch))), batch)
    response.status_code = 201
    response.headers["Location"] = url_for("batches.get_batch", batch_id=batch["batch_id"])
    return response


@bp.get("/batches")
@operation("List my batches, newest first", tag="batches", query=BatchListQuery,
           responses={200: BatchPage},
           description="One Query on GSI1 a page, newest `started_at` first. `status` is "
                       "applied as a DynamoDB filter after the page is read, so a filtered "
                       "page may hold fewer than `limit` items (even none) while "
                       "`next_cursor` is not null: keep following `next_cursor` until it is "
                       "null. A cursor is bound to you and to the `status` it was made for.")
def list_batches(user, query):
    w = wiring()
    items, cursor = service.list_batches(w.batches, w.cursors, user.user_id,
                                         status=query["status"], limit=query["limit"],
                                         cursor=query["cursor"])
    return jsonify(BatchPage().dump({"items": [present(b) for b in items],
                                     "next_cursor": cursor}))


@bp.get("/batches/<batch_id>")
@operation("A batch with its 20 newest events", tag="batches", responses={200: BatchDetail},
           description="One Query. The `ETag` header carries the version for `If-Match`.")
def get_batch(user, batch_id):
    w = wiring()
    batch, events = service.get_batch(w.batches, user.user_id, batch_id)
    detail = {**present(batch), "recent_events": [event_out(e, w.objects) for e in events]}
    return _with_etag(jsonify(BatchDetail().dump(detail)), batch)


@bp.patch("/batches/<batch_id>")
@operation("Change some fields of a batch", tag="batches", body=BatchPatch,
           headers=(IF_MATCH,),
           responses={200: Batch, 412: ("Error", "`If-Match` named a stale version.")},
           description="Partial update of name, kind, status, started_at, amounts, "
                       "temperature_c, target_hours, notes and is_public; `null` clears an "
                       "optional field. Every change adds 1 to `version`. With `If-Match`, a "
                       "stale version is `412 version_conflict` and nothing changes.")
def update_batch(user, batch_id, body):
    w, now = wiring(), utcnow()
    batch = service.update_batch(w.batches, user.user_id, batch_id, body,
                                 expected_version=_if_match(), now=now)
    if body.get("auto_remind"):
        start_routine(w.reminders, w.batches, w.timings, user.user_id, batch_id, now,
                      brewer_day(w.profiles, user.user_id))
    return _with_etag(jsonify(Batch().dump(present(batch))), batch)


@bp.delete("/batches/<batch_id>")
@operation("Delete a batch with its events, reminders and photos", tag="batches",
           responses={204: None},
           description="The batch disappears for every reader at once; its events, "
                       "reminders and photos follow. If the answer is lost or an error "
                       "interrupts it, repeat the DELETE: it finishes the job. Once "
                       "everything is gone, a repeat is 404.")
def delete_batch(user, batch_id):
    w = wiring()
    service.delete_batch(w.batches, w.objects, user.user_id, batch_id)
    return "", 204


def _if_match() -> int | None:
    raw = request.headers.get("If-Match")
    if raw is None:
        return None
    value = raw.strip().removeprefix("W/").strip('"')
    # ASCII digits only (`isdigit` also takes `²`), and few enough for a DynamoDB number.
    if not (value.isascii() and value.isdigit() and len(value) <= 15):
        raise BadRequest("If-Match must be a batch version, such as 3.",
                         details={"If-Match": ["Not a version number."]})
    return int(value)
