"""Reminders: suggestions and confirmation per batch, and the caller's own reminders."""
from flask import Blueprint, jsonify

from kefir.api.operation import operation
from kefir.clock import utcnow
from kefir.schemas.reminders import ReminderPage, ReminderQuery
from kefir.services import reminders as service
from kefir.store.reminders import ReminderStore
from kefir.wiring import wiring

bp = Blueprint("reminders", __name__)


def _store() -> ReminderStore:
    return ReminderStore(wiring().table)


@bp.get("/me/reminders")
@operation("My reminders, soonest due first", tag="reminders", query=ReminderQuery,
           responses={200: ReminderPage},
           description="One Query a page on your partition (reminder ids begin with their "
                       "due time). `status` is applied as a filter after the page is read, "
                       "so a filtered page may hold fewer than `limit` items (even none) "
                       "while `next_cursor` is not null: follow it until it is null.")
def list_reminders(user, query):
    items, cursor = service.list_reminders(_store(), wiring().cursors, user.user_id,
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
    service.cancel_reminder(_store(), user.user_id, reminder_id, utcnow())
    return "", 204
