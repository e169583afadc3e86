"""Reminders: suggestions and confirmation per batch, and the caller's own reminders."""
from flask import Blueprint, jsonify

from kefir.api.idempotency import IDEMPOTENCY_KEY, idempotent
from kefir.api.operation import operation
from kefir.clock import utcnow
from kefir.schemas.reminders import (
    ConfirmIn,
    ReminderList,
    ReminderPage,
    ReminderQuery,
    SuggestionList,
)
from kefir.services import reminders as service
from kefir.services import suggestions as suggestion_service
from kefir.wiring import wiring

bp = Blueprint("reminders", __name__)


@bp.get("/me/reminders")
@operation("My reminders, soonest due first", tag="reminders", query=ReminderQuery,
           responses={200: ReminderPage},
           description="One Query a page on your partition (reminder ids begin with their "
                       "due time). `status` is applied as a filter after the page is read, "
                       "so a filtered page may hold fewer than `limit` items (even none) "
                       "while `next_cursor` is not null: follow it until it is null.")
def list_reminders(user, query):
    w = wiring()
    items, cursor = service.list_reminders(w.reminders, w.cursors, user.user_id,
                                           status=query["status"], limit=query["limit"],
                                           cursor=query["cursor"])
    return jsonify(ReminderPage().dump({"items": items, "next_cursor": cursor}))


@bp.delete("/me/reminders/<reminder_id>")
@operation("Cancel a pending reminder", tag="reminders",
           responses={204: None,
                      409: ({"description": "Already sent or failed; cannot be cancelled.",
                             "content": {"application/json": {"schema": "Error"}}})},
           description="A pending reminder is cancelled and will not be sent; cancelling "
                       "it again is also `204`.")
def cancel(user, reminder_id):
    service.cancel_reminder(wiring().reminders, user.user_id, reminder_id, utcnow())
    return "", 204


@bp.get("/batches/<batch_id>/reminders/suggestions")
@operation("Suggested reminders for a batch, soonest first", tag="reminders",
           responses={200: SuggestionList},
           description="Computed on every read from the batch (kind, start, grain-to-liquid "
                       "ratio, latest `temperature` event) and your own finished batches, so "
                       "a new temperature reading changes them at once. None is in the past; "
                       "a batch past its step gets that step soon, with `overdue: true`.")
def suggestions(user, batch_id):
    found = suggestion_service.suggestions_for(wiring().batches, user.user_id, batch_id,
                                               utcnow())
    items = [{**vars(s), "suggestion_id": s.suggestion_id} for s in found]
    return jsonify(SuggestionList().dump({"items": items}))


@bp.post("/batches/<batch_id>/reminders/confirm")
@operation("Confirm suggested or custom reminders", tag="reminders", body=ConfirmIn,
           headers=(IDEMPOTENCY_KEY,), responses={
               201: (ReminderList, "The new reminders."),
               409: ("Error", "`limit_reached`: the batch would hold more than 20 pending "
                              "reminders (`details.limit`).")},
           description="Each item is `{\"suggestion_id\"}` or a custom `{\"kind\", "
                       "\"due_at\", \"title\"?, \"body\"?}`; `due_at` must be in the future "
                       "and within 60 days, and a batch holds at most 20 pending reminders. "
                       "All items are created or none; errors are reported per item index.")
@idempotent
def confirm(user, body, batch_id):
    w = wiring()
    items = service.confirm_reminders(w.reminders, w.batches, user.user_id, batch_id,
                                      body["items"], utcnow())
    return jsonify(ReminderList().dump({"items": items})), 201
