"""The public share view: only these fields ever leave the service."""
from marshmallow import Schema, fields

from kefir.domain import batches, events
from kefir.schemas.common import IsoDateTime


class PublicEvent(Schema):
    type = fields.String(required=True, metadata={"enum": list(events.PUBLIC_TYPES)})
    at = IsoDateTime(required=True)
    temperature_c = fields.Float()
    ph = fields.Float()
    rating = fields.Integer()
    photo_url = fields.String(metadata={"description": "Short-lived (1 h) URL."})


class PublicPhoto(Schema):
    url = fields.String(required=True, metadata={"description": "Short-lived (1 h) URL."})
    at = IsoDateTime(required=True)


class PublicBatch(Schema):
    name = fields.String(required=True)
    kind = fields.String(required=True, metadata={"enum": list(batches.KINDS)})
    status = fields.String(required=True, metadata={"enum": list(batches.STATUSES)})
    started_at = IsoDateTime(required=True)
    events = fields.List(fields.Nested(PublicEvent), required=True,
                         metadata={"description": "Up to 50, newest first; notes are private "
                                                  "and never shown."})
    photos = fields.List(fields.Nested(PublicPhoto), required=True,
                         metadata={"description": "Newest first."})
