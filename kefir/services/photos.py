"""Photo uploads: a presigned S3 POST for one new object of one batch."""
from __future__ import annotations

from kefir.errors import NotFound
from kefir.photos import UPLOAD_EXPIRES_S, ObjectStore, new_photo_key
from kefir.store.batches import BatchStore


def issue_upload(store: BatchStore, objects: ObjectStore, owner: str, batch_id: str,
                 content_type: str, size_bytes: int) -> dict:
    """An upload form for a new photo of the owner's batch, accepting at most the declared
    size; NotFound for anyone else's batch."""
    if store.get(batch_id, owner) is None:
        raise NotFound()
    key = new_photo_key(owner, batch_id)
    form = objects.upload_form(key, content_type, size_bytes)
    return {"photo_key": key, "upload": {"url": form["url"], "fields_": form["fields"]},
            "expires_in": UPLOAD_EXPIRES_S}
