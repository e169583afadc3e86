"""Request and response bodies of sign-in and /me."""
from marshmallow import fields, validate

from kefir.schemas.common import IsoDateTime, StrictSchema
from kefir.schemas.profile import QuietHours


class Email(fields.Email):
    """An email address, trimmed and lower-cased so one person is one account."""

    def __init__(self, **kwargs):
        super().__init__(validate=validate.Length(max=254), **kwargs)

    def _deserialize(self, value, attr, data, **kwargs):
        if isinstance(value, str):
            value = value.strip().lower()
        return super()._deserialize(value, attr, data, **kwargs)


class LoginRequest(StrictSchema):
    email = Email(required=True, metadata={"example": "ada@example.com"})


class LoginAnswer(StrictSchema):
    session = fields.String(required=True, metadata={
        "description": "Opaque; send it back to /auth/verify with the code."})
    expires_in = fields.Integer(required=True, metadata={
        "description": "Seconds the session and its code stay valid.", "example": 180})
    delivery = fields.String(required=True, metadata={"enum": ["email"]})


class VerifyRequest(StrictSchema):
    email = Email(required=True)
    session = fields.String(required=True, validate=validate.Length(min=1, max=4096))
    code = fields.String(required=True, validate=validate.Regexp(
        r"^[0-9]{6,8}\Z", error="The code is 6 to 8 digits."), metadata={
            "example": "12345678",
            "description": "As emailed: Cognito's email codes are 8 digits, its SMS codes 6."})


class TokensAnswer(StrictSchema):
    access_token = fields.String(required=True)
    id_token = fields.String(required=True)
    refresh_token = fields.String(metadata={
        "description": "Always from /auth/verify; from /auth/refresh only when rotated."})
    expires_in = fields.Integer(required=True, metadata={"example": 3600})
    token_type = fields.String(required=True, metadata={"enum": ["Bearer"]})


class RefreshRequest(StrictSchema):
    refresh_token = fields.String(required=True, validate=validate.Length(min=1, max=8192))


class LogoutRequest(StrictSchema):
    refresh_token = fields.String(validate=validate.Length(min=1, max=8192), metadata={
        "description": "Revoke only this refresh token (this device); without it every "
                       "refresh token of the user stops working."})


class Me(StrictSchema):
    user_id = fields.String(required=True)
    email = fields.String(required=True)
    created_at = IsoDateTime(required=True)
    timezone = fields.String(required=True, metadata={"example": "Europe/Berlin"})
    quiet_hours = fields.Nested(QuietHours, required=True, allow_none=True)
    units = fields.String(required=True, metadata={"enum": ["metric", "us"]})
