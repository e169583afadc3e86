"""Account archive schemas."""
from marshmallow import fields

from kefir.schemas.common import IsoDateTime, StrictSchema

_STATUSES = ["pending", "ready", "failed"]


class ArchiveQueued(StrictSchema):
    export_id = fields.String(required=True)
    status = fields.String(required=True, metadata={"enum": ["pending"]})


class Archive(StrictSchema):
    export_id = fields.String(required=True)
    status = fields.String(required=True, metadata={"enum": _STATUSES})
    url = fields.String(required=True, allow_none=True, metadata={
        "description": "When `ready`: a download link, made for this answer, valid for 1 "
                       "hour (ask again for a fresh one while the archive lasts, 7 days)."})
    expires_at = IsoDateTime(required=True, allow_none=True, metadata={
        "description": "When `url` stops working."})
    size_bytes = fields.Integer(required=True, allow_none=True)
    created_at = IsoDateTime(required=True)
