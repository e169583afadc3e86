"""Push device schemas."""
from marshmallow import ValidationError, fields, validate, validates

from kefir.domain.devices import PLATFORMS, STATUSES, VERIFICATION_DIGITS, is_push_token
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
    status = fields.String(required=True, metadata={
        "enum": list(STATUSES),
        "description": "`pending_verification` until the code pushed to the token is "
                       "entered; only `active` devices receive reminders."})


class DevicePage(StrictSchema):
    items = fields.List(fields.Nested(Device), required=True)
    next_cursor = fields.String(required=True, allow_none=True)


class DeviceVerification(StrictSchema):
    code = fields.String(required=True, validate=validate.Regexp(
        rf"^[0-9]{{{VERIFICATION_DIGITS}}}\Z", error="The code is 6 digits."),
        metadata={"example": "123456"})
