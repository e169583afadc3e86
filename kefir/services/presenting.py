"""What the API shows beyond the stored fields: share links and short-lived photo URLs."""
from __future__ import annotations

from kefir.photos import ObjectStore


def share_url(public_base_url: str, batch_id: str) -> str:
    return f"{public_base_url.rstrip('/')}/public/b/{batch_id}"


def batch_out(batch: dict, objects: ObjectStore, public_base_url: str) -> dict:
    """The batch with its share link (only while public) and cover photo URL."""
    cover = batch.get("cover_photo_key")
    return {**batch,
            "share_url": share_url(public_base_url, batch["batch_id"])
            if batch.get("is_public") else None,
            "cover_photo_url": objects.view_url(cover) if cover else None}


def event_out(event: dict, objects: ObjectStore) -> dict:
    key = event.get("photo_key")
    return {**event, "photo_url": objects.view_url(key) if key else None}
