"""Schemas shared by every area: the error shape, pagination, health."""
from marshmallow import Schema, fields, validate

from kefir.clock import parse_iso, to_iso


class StrictSchema(Schema):
    """Request bodies refuse unknown fields (marshmallow's default, stated on purpose)."""

    class Meta:
        unknown = "raise"


class IsoDateTime(fields.Field):
    """ISO 8601 with any offset in, UTC with a `Z` suffix out."""

    default_error_messages = {"invalid": "Not a valid ISO 8601 time with a time zone."}

    def __init__(self, **kwargs):
        kwargs.setdefault("metadata", {}).update(type="string", format="date-time")
        super().__init__(**kwargs)

    def _serialize(self, value, attr, obj, **kwargs):
        return value if value is None or isinstance(value, str) else to_iso(value)

    def _deserialize(self, value, attr, data, **kwargs):
        if not isinstance(value, str) or len(value) > 40:
            raise self.make_error("invalid")
        try:
            return parse_iso(value)
        except ValueError:
            raise self.make_error("invalid") from None


class JsonNumber(fields.Float):
    """A JSON number: `"15"` (a string) is refused rather than quietly converted, and so is
    a non-zero number closer to zero than any measurement (5e-324 cannot even be stored:
    DynamoDB numbers stop at 1e-130)."""

    SMALLEST = 1e-6
    default_error_messages = {"tiny": "Too close to zero to mean anything; send 0 instead."}

    def _deserialize(self, value, attr, data, **kwargs):
        if isinstance(value, str):
            raise self.make_error("invalid", input=value)
        number = super()._deserialize(value, attr, data, **kwargs)
        if number and abs(number) < self.SMALLEST:
            raise self.make_error("tiny")
        return number


class JsonBoolean(fields.Boolean):
    """A JSON `true` or `false` only: not 1, "yes" or "true"."""

    def _deserialize(self, value, attr, data, **kwargs):
        if not isinstance(value, bool):
            raise self.make_error("invalid", input=value)
        return value


class ErrorBody(Schema):
    code = fields.String(required=True, metadata={"example": "validation_error"})
    message = fields.String(required=True)
    details = fields.Dict(required=True)


class Error(Schema):
    error = fields.Nested(ErrorBody, required=True)


class PageQuery(StrictSchema):
    """Unknown query parameters are 422 like unknown body fields (docs/api.md): a misspelt
    `?stauts=done` must not quietly answer the unfiltered list."""

    limit = fields.Integer(load_default=25, validate=validate.Range(min=1, max=100))
    cursor = fields.String(load_default=None, validate=validate.Length(max=2048))


class Health(Schema):
    status = fields.String(required=True, metadata={"example": "ok"})
    version = fields.String(required=True)
    stage = fields.String(required=True)
