"""A write-only file that streams into an S3 object as a multipart upload.

Whatever writes to it (zipfile, here) never needs the whole object on disk or in memory:
a part is sent once `PART_BYTES` have gathered, so memory holds about one part (and its
copy on the way out) whatever the object's size, and Lambda's /tmp does not limit it.
The object appears only when `complete()` is called; `abort()` discards the parts.
"""
from __future__ import annotations

import io

from botocore.exceptions import BotoCoreError, ClientError

from kefir.errors import ServiceUnavailable

# S3's smallest part (but the last) is 5 MiB.
PART_BYTES = 8 * 1024 * 1024


class MultipartUpload(io.RawIOBase):
    def __init__(self, s3, bucket: str, key: str, content_type: str,
                 part_bytes: int = PART_BYTES):
        self._s3, self._bucket, self._key = s3, bucket, key
        self._part_bytes = part_bytes
        self._buffer = bytearray()
        self._parts: list[dict] = []
        self.size = 0
        started = self._call("create_multipart_upload", Bucket=bucket, Key=key,
                             ContentType=content_type)
        self._upload_id = started["UploadId"]

    def writable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return False

    def write(self, data) -> int:
        self._buffer += data
        self.size += len(data)
        if len(self._buffer) >= self._part_bytes:
            # A part may be bigger than PART_BYTES (only the 5 MiB minimum matters), so
            # the whole buffer goes: no slicing copies.
            self._send(bytes(self._buffer))
            self._buffer = bytearray()
        return len(data)

    def complete(self) -> None:
        """Send what is left and make the object appear."""
        if self._buffer or not self._parts:
            self._send(bytes(self._buffer))
            self._buffer.clear()
        self._call("complete_multipart_upload", Bucket=self._bucket, Key=self._key,
                   UploadId=self._upload_id, MultipartUpload={"Parts": self._parts})

    def abort(self) -> None:
        self._call("abort_multipart_upload", Bucket=self._bucket, Key=self._key,
                   UploadId=self._upload_id)

    def _send(self, body: bytes) -> None:
        number = len(self._parts) + 1
        sent = self._call("upload_part", Bucket=self._bucket, Key=self._key,
                          UploadId=self._upload_id, PartNumber=number, Body=body)
        self._parts.append({"PartNumber": number, "ETag": sent["ETag"]})

    def _call(self, method: str, **kwargs) -> dict:
        try:
            return getattr(self._s3, method)(**kwargs)
        except (ClientError, BotoCoreError) as error:
            raise ServiceUnavailable(retry_after=1) from error
