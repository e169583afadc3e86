"""Batch request and response schemas."""
from marshmallow import Schema, ValidationError, fields, validate, validates, validates_schema

from kefir.clock import utcnow

from kefir.domain import batches as rules
from kefir.schemas.common import IsoDateTime, JsonBoolean, JsonNumber, PageQuery, StrictSchema
from kefir.schemas.events import Event


def _amount(maximum: float, **kwargs) -> JsonNumber:
    return JsonNumber(validate=validate.Range(min=0, max=maximum), **kwargs)


class BatchFields(StrictSchema):
    """The fields a client may set. Server-owned fields are not declared, so sending one
    (owner, user_id, batch_id, created_at, updated_at, version, share_url, ...) is 422."""

    name = fields.String(validate=validate.Length(min=1, max=rules.NAME_MAX))
    kind = fields.String(validate=validate.OneOf(rules.KINDS))
    status = fields.String(validate=validate.OneOf(rules.STATUSES))
    started_at = IsoDateTime(metadata={"description": "From 2000-01-01 to a day ahead."})
    grains_g = _amount(rules.GRAINS_G_MAX, allow_none=True)
    liquid_ml = _amount(rules.LIQUID_ML_MAX, allow_none=True)
    sugar_g = _amount(rules.SUGAR_G_MAX, allow_none=True)
    temperature_c = JsonNumber(allow_none=True, validate=validate.Range(*rules.TEMPERATURE_RANGE))
    target_hours = JsonNumber(allow_none=True,
                              validate=validate.Range(min=0, max=rules.TARGET_HOURS_MAX,
                                                      min_inclusive=False))
    notes = fields.String(allow_none=True, validate=validate.Length(max=rules.NOTES_MAX))
    is_public = fields.Boolean()
    auto_remind = JsonBoolean(metadata={
        "description": "A routine: the model's strain reminder is confirmed at creation and "
                       "after every `fed` event, until `completed`."})

    @validates("started_at")
    def _plausible_start(self, value, **_):
        problem = rules.started_at_problem(value, utcnow())
        if problem:
            raise ValidationError(problem)


class BatchCreate(BatchFields):
    name = fields.String(required=True, validate=validate.Length(min=1, max=rules.NAME_MAX))
    kind = fields.String(required=True, validate=validate.OneOf(rules.KINDS))


class BatchPatch(BatchFields):
    @validates_schema
    def not_empty(self, data, **kwargs):
        if not data:
            raise ValidationError("Send at least one field to change.", "_body")


class Batch(Schema):
    batch_id = fields.String(required=True)
    name = fields.String(required=True)
    kind = fields.String(required=True, metadata={"enum": list(rules.KINDS)})
    status = fields.String(required=True, metadata={"enum": list(rules.STATUSES)})
    started_at = IsoDateTime(required=True)
    grains_g = fields.Float(dump_default=None, allow_none=True)
    liquid_ml = fields.Float(dump_default=None, allow_none=True)
    sugar_g = fields.Float(dump_default=None, allow_none=True)
    temperature_c = fields.Float(dump_default=None, allow_none=True)
    target_hours = fields.Float(dump_default=None, allow_none=True)
    notes = fields.String(dump_default=None, allow_none=True)
    is_public = fields.Boolean(required=True)
    auto_remind = fields.Boolean(dump_default=False)
    share_url = fields.String(dump_default=None, allow_none=True,
                              metadata={"description": "The public page; null unless is_public."})
    cover_photo_url = fields.String(dump_default=None, allow_none=True,
                                    metadata={"description": "Short-lived (1 h) URL of the "
                                              "newest photo, or null."})
    created_at = IsoDateTime(required=True)
    updated_at = IsoDateTime(required=True)
    version = fields.Integer(required=True)


class BatchDetail(Batch):
    recent_events = fields.List(fields.Nested(Event), required=True,
                                metadata={"description": "Up to 20, newest first."})


class BatchPage(Schema):
    items = fields.List(fields.Nested(Batch), required=True)
    next_cursor = fields.String(required=True, allow_none=True)


class BatchListQuery(PageQuery):
    status = fields.String(load_default=None, validate=validate.OneOf(rules.STATUSES))
