"""POST /me/export and GET /me/exports/{id}: one pending archive per account, built by the
processor into a zip that holds the account's data (valid against the published schema)
and its photos' bytes."""
from __future__ import annotations

import io
import json
import zipfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import jsonschema
import pytest
import requests

from kefir.clock import utcnow
from kefir.jobs.reminders import run_once
from kefir.multipart import MultipartUpload
from kefir.photos import new_photo_key
from kefir.services.archive import MAX_ATTEMPTS
from tests.helpers import Outage, assert_isolated

SCHEMA = json.loads((Path(__file__).resolve().parents[2] / "docs" / "archive.schema.json")
                    .read_text())
PHOTO = b"\x89PNG\r\n\x1a\n the photo's own bytes \x00\xff"


@pytest.fixture(autouse=True)
def no_backoff(monkeypatch):
    from botocore.retries.standard import ExponentialBackoff
    monkeypatch.setattr(ExponentialBackoff, "delay_amount", lambda self, context: 0)


def filled(client, wiring, headers) -> dict:
    """A batch with a photo event and a note, a device and a reminder."""
    user_id = client.get("/me", headers=headers).get_json()["user_id"]
    batch = client.post("/batches", headers=headers, json={
        "name": "Crème jar", "kind": "milk", "notes": "from Zoë",
        "started_at": "2026-01-01T09:00:00Z"}).get_json()
    key = new_photo_key(user_id, batch["batch_id"])
    wiring.aws.s3.put_object(Bucket=wiring.settings.photo_bucket, Key=key, Body=PHOTO,
                             ContentType="image/png")
    photo = client.post(f"/batches/{batch['batch_id']}/events", headers=headers,
                        json={"type": "photo", "photo_key": key,
                               "at": "2026-01-01T10:00:00Z"}).get_json()
    note = client.post(f"/batches/{batch['batch_id']}/events", headers=headers,
                       json={"type": "note", "note": "tangy",
                              "at": "2026-01-01T11:00:00Z"}).get_json()
    client.post("/me/devices", headers=headers, json={
        "push_token": f"ExponentPushToken[archive-{user_id[:10]}]", "platform": "android"})
    return {"user_id": user_id, "batch": batch, "photo": photo, "note": note, "key": key}


def ask(client, headers):
    return client.post("/me/export", headers=headers)


def state(client, headers, export_id):
    return client.get(f"/me/exports/{export_id}", headers=headers)


def download(answer) -> zipfile.ZipFile:
    got = requests.get(answer["url"], timeout=10)
    assert got.status_code == 200
    assert len(got.content) == answer["size_bytes"]
    return zipfile.ZipFile(io.BytesIO(got.content))


def test_an_archive_holds_batches_events_devices_and_the_photos_bytes(client, wiring, me):
    mine = filled(client, wiring, me)
    asked = ask(client, me)
    assert asked.status_code == 202
    body = asked.get_json()
    assert body == {"export_id": body["export_id"], "status": "pending"}
    pending = state(client, me, body["export_id"]).get_json()
    assert pending["status"] == "pending" and pending["url"] is None

    run_once(wiring, utcnow())
    ready = state(client, me, body["export_id"]).get_json()
    assert ready["status"] == "ready" and ready["size_bytes"] > 0
    assert ready["expires_at"] > ready["created_at"]
    archive = download(ready)
    document = json.loads(archive.read("bubblebatch.json"))
    jsonschema.validate(document, SCHEMA)
    assert document["format_version"] == 1
    assert document["profile"]["user_id"] == mine["user_id"]
    [batch] = document["batches"]
    assert batch["name"] == "Crème jar" and batch["notes"] == "from Zoë"
    assert [e["event_id"] for e in batch["events"]] == [mine["photo"]["event_id"],
                                                        mine["note"]["event_id"]]
    photo_file = batch["events"][0]["photo_file"]
    assert archive.read(photo_file) == PHOTO
    assert [d["platform"] for d in document["devices"]] == ["android"]
    assert "push_token" not in json.dumps(document)
    assert "owner" not in batch


def test_one_pending_archive_per_account_and_a_new_one_once_ready(client, wiring, me):
    first = ask(client, me).get_json()
    second = ask(client, me)
    assert second.status_code == 409
    error = second.get_json()["error"]
    assert error["code"] == "limit_reached"
    assert error["details"] == {"limit": 1, "export_id": first["export_id"]}
    run_once(wiring, utcnow())
    assert ask(client, me).status_code == 202


def test_parallel_requests_queue_exactly_one(app, auth, unique):
    headers = auth.headers(f"parallel-{unique}@example.com")

    def one(_):
        return app.test_client().post("/me/export", headers=headers).status_code

    with ThreadPoolExecutor(8) as pool:
        statuses = sorted(pool.map(one, range(8)))
    assert statuses == [202] + [409] * 7


def test_another_users_archive_is_not_found(client, wiring, me, auth, unique):
    export_id = ask(client, me).get_json()["export_id"]
    run_once(wiring, utcnow())
    intruder = auth.headers(f"intruder-{unique}@example.com")
    assert_isolated(intruder, lambda who, eid: state(client, who, eid),
                    lambda: state(client, me, export_id).get_json()["status"], export_id)
    for wrong in ("x", "a" * 300, "../../etc"):
        assert state(client, me, wrong).status_code == 404


def test_a_build_that_fails_is_retried_then_marked_failed(client, wiring, me):
    export_id = ask(client, me).get_json()["export_id"]
    with Outage(wiring.aws.s3, "InternalError", status=500,
                operations={"CreateMultipartUpload"}):
        run_once(wiring, utcnow())
    assert state(client, me, export_id).get_json()["status"] == "pending"
    run_once(wiring, utcnow() + _after_lease())
    assert state(client, me, export_id).get_json()["status"] == "ready"


def test_after_the_last_attempt_the_archive_is_failed(client, wiring, me):
    export_id = ask(client, me).get_json()["export_id"]
    with Outage(wiring.aws.s3, "InternalError", status=500,
                operations={"CreateMultipartUpload"}):
        for attempt in range(MAX_ATTEMPTS):
            run_once(wiring, utcnow() + attempt * _after_lease())
    failed = state(client, me, export_id).get_json()
    assert failed["status"] == "failed" and failed["url"] is None
    assert ask(client, me).status_code == 202


def test_export_needs_a_token(client):
    assert client.post("/me/export").status_code == 401
    assert client.get("/me/exports/" + "a" * 23).status_code == 401


def _after_lease():
    from kefir.domain.reminders import LEASE
    return LEASE


def test_a_streamed_upload_goes_in_parts_and_appears_only_when_complete(wiring, unique):
    objects, key = wiring.objects, f"archives/{unique}/parts.zip"
    data = bytes(range(256)) * (11 * 4096)  # 11 MiB: two 5 MiB parts and a last one
    upload = MultipartUpload(objects.s3, objects.bucket, key, "application/zip",
                             part_bytes=5 * 1024 * 1024)
    for start in range(0, len(data), 1024 * 1024):
        upload.write(data[start:start + 1024 * 1024])
    assert not objects.exists(key)
    upload.complete()
    assert upload.size == len(data)
    assert b"".join(objects.read_chunks(key)) == data

    abandoned = objects.open_upload(f"archives/{unique}/abandoned.zip", "application/zip")
    abandoned.write(b"half")
    abandoned.abort()
    assert not objects.exists(f"archives/{unique}/abandoned.zip")
