"""The owner's settings on /me: time zone, quiet hours, units."""
from marshmallow import ValidationError, fields, validate, validates_schema

from kefir.domain.brewer import UNITS, is_timezone, parse_hh_mm
from kefir.schemas.common import StrictSchema

_HH_MM = {"pattern": "^([01][0-9]|2[0-3]):[0-5][0-9]$", "example": "22:00"}


class HourMinute(fields.String):
    """Local wall-clock time as `HH:MM` (00:00 to 23:59)."""

    def __init__(self, **kwargs):
        kwargs["metadata"] = {**_HH_MM, **kwargs.get("metadata", {})}
        super().__init__(**kwargs)

    def _deserialize(self, value, attr, data, **kwargs):
        text = super()._deserialize(value, attr, data, **kwargs)
        try:
            parse_hh_mm(text)
        except ValueError as error:
            raise ValidationError(str(error)) from None
        return text


class QuietHours(StrictSchema):
    start = HourMinute(required=True)
    end = HourMinute(required=True, metadata={**_HH_MM, "example": "07:00"})

    @validates_schema
    def _a_window(self, data, **_):
        if data.get("start") == data.get("end"):
            raise ValidationError("Start and end must differ (omit quiet hours with null).",
                                  "end")


def _known_zone(name: str) -> None:
    if not is_timezone(name):
        raise ValidationError("Not a known IANA time zone, e.g. Europe/Berlin.")


class ProfileSettings(StrictSchema):
    timezone = fields.String(validate=[validate.Length(max=64), _known_zone],
                             metadata={"example": "Europe/Berlin"})
    quiet_hours = fields.Nested(QuietHours, allow_none=True, metadata={
        "description": "Local times; `end` before `start` wraps midnight. `null` for none."})
    units = fields.String(validate=validate.OneOf(UNITS), metadata={
        "description": "Only shapes texts (push bodies, the share page); the API speaks "
                       "metric."})


