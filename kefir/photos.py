"""Objects in the photo bucket: presigned uploads and downloads, existence, deletion.

Layout (the only place these object keys are written):
  users/<owner dir>/batches/<batch_id>/photos/<random>  photos of one batch
  exports/<user_id>/<random>-<file name>                CSV exports too big to answer inline
  archives/<user_id>/<export_id>.zip                    account archives (POST /me/export)

`<owner dir>` is a SHA-256 digest of the user id, not the id itself: a photo's key is part
of every presigned URL, and the public share page must never show its owner's user id.
The digest is stable (it needs no secret that could rotate) and one-way (user ids are
random UUIDs), so the prefix stays per user without naming the user.
"""
from __future__ import annotations

import hashlib
import secrets
from collections.abc import Iterator

from boto3.exceptions import S3UploadFailedError
from boto3.s3.transfer import TransferConfig
from botocore.exceptions import BotoCoreError, ClientError

from kefir.errors import ServiceUnavailable
from kefir.multipart import MultipartUpload

CONTENT_TYPES = ("image/jpeg", "image/png", "image/webp", "image/heic")
MAX_PHOTO_BYTES = 10 * 1024 * 1024
UPLOAD_EXPIRES_S = 15 * 60
VIEW_EXPIRES_S = 60 * 60
DOWNLOAD_EXPIRES_S = 5 * 60


def user_prefix(user_id: str) -> str:
    """Everything stored for one user's batches."""
    owner_dir = hashlib.sha256(user_id.encode()).hexdigest()[:32]
    return f"users/{owner_dir}/"


def batch_prefix(user_id: str, batch_id: str) -> str:
    return f"{user_prefix(user_id)}batches/{batch_id}/"


def photo_prefix(user_id: str, batch_id: str) -> str:
    return batch_prefix(user_id, batch_id) + "photos/"


def new_photo_key(user_id: str, batch_id: str) -> str:
    return photo_prefix(user_id, batch_id) + secrets.token_urlsafe(16)


def export_prefix(user_id: str) -> str:
    return f"exports/{user_id}/"


def export_key(user_id: str, file_name: str) -> str:
    return f"{export_prefix(user_id)}{secrets.token_urlsafe(8)}-{file_name}"


def archive_key(user_id: str, export_id: str) -> str:
    return f"archives/{user_id}/{export_id}.zip"


def account_prefixes(user_id: str) -> tuple[str, ...]:
    """Every prefix that holds objects of one account: what deleting it must empty."""
    return user_prefix(user_id), export_prefix(user_id), f"archives/{user_id}/"


class ObjectStore:
    def __init__(self, s3, bucket: str):
        self.s3 = s3
        self.bucket = bucket

    def upload_form(self, key: str, content_type: str, max_bytes: int) -> dict:
        """A presigned POST that accepts exactly this key and content type, 1 byte to
        `max_bytes` (at most 10 MiB), for 15 minutes. S3 enforces the signed policy."""
        return self._call(
            "generate_presigned_post", Bucket=self.bucket, Key=key,
            Fields={"Content-Type": content_type},
            Conditions=[{"Content-Type": content_type},
                        ["content-length-range", 1, min(max_bytes, MAX_PHOTO_BYTES)]],
            ExpiresIn=UPLOAD_EXPIRES_S)

    def exists(self, key: str) -> bool:
        try:
            self.s3.head_object(Bucket=self.bucket, Key=key)
        except ClientError as error:
            if error.response.get("Error", {}).get("Code") in ("404", "NoSuchKey", "NotFound"):
                return False
            raise ServiceUnavailable(retry_after=1) from error
        except BotoCoreError as error:
            raise ServiceUnavailable(retry_after=1) from error
        return True

    def view_url(self, key: str, expires_in: int = VIEW_EXPIRES_S) -> str:
        """A short-lived GET URL; signing is local, no round trip."""
        return self._call("generate_presigned_url", "get_object",
                          Params={"Bucket": self.bucket, "Key": key}, ExpiresIn=expires_in)

    def download_url(self, key: str, file_name: str,
                     expires_in: int = DOWNLOAD_EXPIRES_S) -> str:
        return self._call(
            "generate_presigned_url", "get_object", ExpiresIn=expires_in,
            Params={"Bucket": self.bucket, "Key": key,
                    "ResponseContentDisposition": f'attachment; filename="{file_name}"'})

    def upload_file(self, path: str, key: str, content_type: str) -> None:
        """Upload a file from disk; big ones go as a multipart upload that reads each part
        from the file as it is sent, so memory does not grow with the file."""
        self._call("upload_file", path, self.bucket, key, ExtraArgs={"ContentType": content_type},
                   Config=TransferConfig(use_threads=False))

    def open_upload(self, key: str, content_type: str) -> MultipartUpload:
        """A write-only file streamed into `key` part by part (kefir/multipart.py)."""
        return MultipartUpload(self.s3, self.bucket, key, content_type)

    def keys_under(self, prefix: str) -> Iterator[str]:
        """Every object key under `prefix`, a listed page (up to 1000) at a time."""
        pages = self.s3.get_paginator("list_objects_v2").paginate(Bucket=self.bucket,
                                                                  Prefix=prefix)
        try:
            for page in pages:
                yield from (o["Key"] for o in page.get("Contents", []))
        except (ClientError, BotoCoreError) as error:
            raise ServiceUnavailable(retry_after=1) from error

    def read_chunks(self, key: str, chunk_bytes: int = 1024 * 1024) -> Iterator[bytes]:
        """An object's bytes, a chunk at a time."""
        body = self._call("get_object", Bucket=self.bucket, Key=key)["Body"]
        try:
            yield from body.iter_chunks(chunk_bytes)
        except (ClientError, BotoCoreError) as error:
            raise ServiceUnavailable(retry_after=1) from error
        finally:
            body.close()

    def delete_prefix(self, prefix: str) -> None:
        """Delete every object under `prefix`, a page (up to 1000 keys) at a time."""
        for _ in self.delete_pages(prefix):
            pass

    def delete_pages(self, prefix: str) -> Iterator[int]:
        """Delete the objects under `prefix` one listed page (up to 1000 keys) at a time,
        yielding how many each page held, so a caller can stop between pages and resume
        later (what is deleted is no longer listed)."""
        pages = self.s3.get_paginator("list_objects_v2").paginate(Bucket=self.bucket,
                                                                  Prefix=prefix)
        try:
            for page in pages:
                objects = [{"Key": o["Key"]} for o in page.get("Contents", [])]
                if objects:
                    self.s3.delete_objects(Bucket=self.bucket,
                                           Delete={"Objects": objects, "Quiet": True})
                yield len(objects)
        except (ClientError, BotoCoreError) as error:
            raise ServiceUnavailable(retry_after=1) from error

    def _call(self, method: str, *args, **kwargs):
        try:
            return getattr(self.s3, method)(*args, **kwargs)
        except (ClientError, BotoCoreError, S3UploadFailedError) as error:
            raise ServiceUnavailable(retry_after=1) from error
