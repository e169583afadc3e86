"""Photo upload schemas."""
from marshmallow import Schema, fields, validate

from kefir.photos import CONTENT_TYPES, MAX_PHOTO_BYTES
from kefir.schemas.common import StrictSchema


class PhotoUploadRequest(StrictSchema):
    content_type = fields.String(required=True, validate=validate.OneOf(CONTENT_TYPES))
    size_bytes = fields.Integer(required=True, strict=True,
                                validate=validate.Range(min=1, max=MAX_PHOTO_BYTES))


class UploadForm(Schema):
    url = fields.String(required=True)
    fields_ = fields.Dict(required=True, data_key="fields",
                          metadata={"description": "Send every one as a form field before "
                                                   "the `file` field."})


class PhotoUpload(Schema):
    photo_key = fields.String(required=True, metadata={
        "description": "Give this to a `photo` event once the upload succeeded."})
    upload = fields.Nested(UploadForm, required=True)
    expires_in = fields.Integer(required=True, metadata={"description": "Seconds (900)."})
