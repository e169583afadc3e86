"""Event request and response schemas; per-type rules live in kefir.domain.events."""
from marshmallow import Schema, fields, validate

from kefir.domain import events as rules
from kefir.domain.batches import TEMPERATURE_RANGE
from kefir.schemas.common import IsoDateTime, JsonNumber, PageQuery, StrictSchema


class EventCreate(StrictSchema):
    type = fields.String(required=True, validate=validate.OneOf(rules.TYPES))
    at = IsoDateTime(metadata={"description": "Defaults to now; may be back-dated to "
                                              "2000-01-01, and be at most 5 minutes ahead."})
    note = fields.String(allow_none=True, validate=validate.Length(min=1, max=rules.NOTE_MAX))
    temperature_c = JsonNumber(allow_none=True, validate=validate.Range(*TEMPERATURE_RANGE))
    ph = JsonNumber(allow_none=True, validate=validate.Range(*rules.PH_RANGE))
    rating = fields.Integer(strict=True, allow_none=True,
                            validate=validate.Range(*rules.RATING_RANGE))
    photo_key = fields.String(allow_none=True, validate=validate.Length(max=300))


class Event(Schema):
    event_id = fields.String(required=True)
    batch_id = fields.String(required=True)
    type = fields.String(required=True, metadata={"enum": list(rules.TYPES)})
    at = IsoDateTime(required=True)
    note = fields.String(dump_default=None, allow_none=True)
    temperature_c = fields.Float(dump_default=None, allow_none=True)
    ph = fields.Float(dump_default=None, allow_none=True)
    rating = fields.Integer(dump_default=None, allow_none=True)
    photo_key = fields.String(dump_default=None, allow_none=True)
    photo_url = fields.String(dump_default=None, allow_none=True,
                              metadata={"description": "Short-lived (1 h) download URL."})
    created_at = IsoDateTime(required=True)


class EventPage(Schema):
    items = fields.List(fields.Nested(Event), required=True)
    next_cursor = fields.String(required=True, allow_none=True)


class EventListQuery(PageQuery):
    order = fields.String(load_default="desc", validate=validate.OneOf(("asc", "desc")),
                          metadata={"description": "By `at`; newest first by default."})
