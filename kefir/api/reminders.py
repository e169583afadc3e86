"""Reminders: suggestions and confirmation per batch, and the caller's own reminders."""
from flask import Blueprint, jsonify

from kefir.api.idempotency import IDEMPOTENCY_KEY, idempotent
from kefir.api.operation import operation
from kefir.clock import utcnow
from kefir.domain.brewer import local_iso
from kefir.schemas.reminders import (
    ConfirmIn,
    DoneAnswer,
    Reminder,
    ReminderList,
    ReminderPage,
    ReminderQuery,
    SnoozeIn,
    SuggestionList,
)
from kefir.services import reminder_actions as actions
from kefir.services import reminders as service
from kefir.services import suggestions as suggestion_service
from kefir.services.follow_up import EventFollowUp
from kefir.services.presenting import event_out
from kefir.services.profile import brewer_day
from kefir.wiring import wiring

_NO_LONGER = {409: ({"description": "`invalid_state`: the reminder is cancelled, done or "
                                    "failed.", "content": {"application/json": {
                                        "schema": "Error"}}})}

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
                       "ratio, latest `temperature` event) and your timing profile (your "
                       "strained batches), so a new temperature reading changes them at "
                       "once. None is in the past; a batch past its step gets that step "
                       "soon, with `overdue: true`. None falls inside your quiet hours: "
                       "such a time moves to their end, or to their start when the end "
                       "would pass the point where the batch spoils (`shifted`).")
def suggestions(user, batch_id):
    w = wiring()
    day = brewer_day(w.profiles, user.user_id)
    found = suggestion_service.suggestions_for(w.batches, w.timings, user.user_id, batch_id,
                                               utcnow(), day)
    items = [{**vars(s), "suggestion_id": s.suggestion_id,
              "local_due_at": local_iso(s.due_at, day.zone)} for s in found]
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
                                      body["items"], utcnow(), brewer_day(w.profiles,
                                                                          user.user_id))
    return jsonify(ReminderList().dump({"items": items})), 201


@bp.post("/me/reminders/<reminder_id>/snooze")
@operation("Snooze a reminder", tag="reminders", body=SnoozeIn, headers=(IDEMPOTENCY_KEY,),
           responses={200: (Reminder, "Pending again, due `minutes` from now."), **_NO_LONGER},
           description="`minutes` 5-1440. Allowed on a pending or sent reminder; a time in "
                       "your quiet hours moves to their end. The push body names the new "
                       "local time.")
@idempotent
def snooze(user, body, reminder_id):
    w = wiring()
    answer = actions.snooze(w.reminders, user.user_id, reminder_id, body["minutes"], utcnow(),
                            brewer_day(w.profiles, user.user_id))
    return jsonify(Reminder().dump(answer))


@bp.post("/me/reminders/<reminder_id>/done")
@operation("Mark a reminder done", tag="reminders", headers=(IDEMPOTENCY_KEY,),
           responses={200: DoneAnswer, **_NO_LONGER,
                      400: ({"description": "A malformed Idempotency-Key.",
                             "content": {"application/json": {"schema": "Error"}}}),
                      422: ({"description": "`idempotency_key_reused`: the key came with "
                                            "another request.",
                             "content": {"application/json": {"schema": "Error"}}})},
           description="Allowed on a pending or sent reminder. For `strain`, `feed`, `burp` "
                       "and `bottle` the matching event (`strained`, `fed`, `burped`, "
                       "`bottled`) is logged now in the same transaction, so the batch's "
                       "status and its other reminders follow as for any event.")
@idempotent
def done(user, reminder_id):
    w = wiring()
    now, day = utcnow(), brewer_day(w.profiles, user.user_id)
    follow_up = EventFollowUp(w.reminders, w.batches, w.timings, lambda: day, now)
    answer = actions.mark_done(w.reminders, w.events, w.batches, w.objects, follow_up,
                               user.user_id, reminder_id, now)
    if answer["event"] is not None:
        answer["event"] = event_out(answer["event"], w.objects)
    return jsonify(DoneAnswer().dump(answer))
