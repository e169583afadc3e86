"""Push device schemas."""
from marshmallow import ValidationError, fields, validate, validates

from kefir.domain.devices import PLATFORMS, is_push_token
from kefir.schemas.common import IsoDateTime, StrictSchema


class DeviceIn(StrictSchema):
    push_token = fields.String(required=True, validate=validate.Length(max=256), metadata={
        "description": "`ExponentPushToken[…]` or `ExpoPushToken[…]` (the same device).",
        "example": "ExponentPushToken[xxxxxxxxxxxxxxxxxxxxxx]"})
    platform = fields.String(required=True, validate=validate.OneOf(PLATFORMS))
    name = fields.String(load_default=None, allow_none=True, validate=validate.Length(max=80))

    @validates("push_token")
    def _looks_like_an_expo_token(self, value, **_):
        if not is_push_token(value):
            raise ValidationError("Must look like ExponentPushToken[...] or ExpoPushToken[...].")


class Device(StrictSchema):
    device_id = fields.String(required=True)
    platform = fields.String(required=True)
    name = fields.String(allow_none=True)
    created_at = IsoDateTime(required=True)


class DeviceList(StrictSchema):
    items = fields.List(fields.Nested(Device), required=True)
