"""Reminder and suggestion schemas."""
from marshmallow import Schema, ValidationError, fields, validate, validates_schema

from kefir.domain.reminders import KINDS, SNOOZE_MINUTES, STATUSES
from kefir.schemas.common import IsoDateTime, PageQuery, StrictSchema

_LOCAL = {"description": "`due_at` in the owner's time zone, with its offset.",
          "example": "2027-03-28T07:00:00+02:00"}


class Suggestion(Schema):
    suggestion_id = fields.String(required=True, metadata={"example": "strain-20261125T0830Z"})
    kind = fields.String(required=True, validate=validate.OneOf(KINDS))
    due_at = IsoDateTime(required=True)
    title = fields.String(required=True)
    body = fields.String(required=True)
    rationale = fields.String(required=True, metadata={
        "description": "One sentence saying why this time."})
    overdue = fields.Boolean(required=True, metadata={
        "description": "The batch is past this step; the suggestion is for soon."})
    local_due_at = fields.String(required=True, metadata=_LOCAL)
    shifted = fields.String(required=True, allow_none=True, metadata={
        "enum": ["quiet_hours", None],
        "description": "`quiet_hours` when the model's time fell inside them and was moved "
                       "to their end (or their start, when the end is too late)."})


class SuggestionList(Schema):
    items = fields.List(fields.Nested(Suggestion), required=True)


class ConfirmItem(StrictSchema):
    """Either `suggestion_id` alone, or a custom reminder (`kind`, `due_at`, …)."""
    suggestion_id = fields.String(validate=validate.Length(max=64))
    kind = fields.String(validate=validate.OneOf(KINDS))
    due_at = IsoDateTime()
    title = fields.String(validate=validate.Length(min=1, max=80))
    body = fields.String(validate=validate.Length(max=200))

    @validates_schema
    def _one_form(self, data, **_):
        if "suggestion_id" in data:
            extra = sorted(set(data) - {"suggestion_id"})
            if extra:
                raise ValidationError({f: ["Not allowed with suggestion_id."] for f in extra})
            return
        missing = [f for f in ("kind", "due_at") if f not in data]
        if missing:
            raise ValidationError({f: ["Missing data for required field (or send a "
                                       "suggestion_id)."] for f in missing})


class ConfirmIn(StrictSchema):
    items = fields.List(fields.Nested(ConfirmItem), required=True,
                        validate=validate.Length(min=1, max=20))


class Reminder(Schema):
    reminder_id = fields.String(required=True)
    batch_id = fields.String(required=True)
    kind = fields.String(required=True)
    due_at = IsoDateTime(required=True)
    local_due_at = fields.String(required=True, metadata=_LOCAL)
    title = fields.String(required=True)
    body = fields.String(required=True)
    status = fields.String(required=True, validate=validate.OneOf(STATUSES))
    sent_at = IsoDateTime(allow_none=True)
    created_at = IsoDateTime(required=True)
    done_at = IsoDateTime(allow_none=True)
    done_by_event_id = fields.String(allow_none=True, metadata={
        "description": "The event that completed it; null when marked done by hand."})


class ReminderList(Schema):
    items = fields.List(fields.Nested(Reminder), required=True)


class ReminderPage(Schema):
    items = fields.List(fields.Nested(Reminder), required=True)
    next_cursor = fields.String(required=True, allow_none=True)


class ReminderQuery(PageQuery):
    status = fields.String(load_default=None, validate=validate.OneOf(STATUSES))


class SnoozeIn(StrictSchema):
    minutes = fields.Integer(required=True, strict=True,
                             validate=validate.Range(*SNOOZE_MINUTES))


class DoneAnswer(Schema):
    reminder = fields.Nested(Reminder, required=True)
    event = fields.Dict(required=True, allow_none=True, metadata={
        "description": "The event logged for a strain, feed, burp or bottle reminder "
                       "(strained, fed, burped, bottled); null for other kinds."})
