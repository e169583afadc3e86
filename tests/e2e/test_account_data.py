"""Your account and your data, over HTTP against a local server: deleting an account with
everything in it, and the archive of an account."""
from __future__ import annotations

import io
import json
import zipfile
from datetime import timedelta

import pytest
import requests

from kefir.clock import to_iso, utcnow
from kefir.ops.target import connect
from kefir.photos import account_prefixes
from kefir.store import keys
from tests.e2e.test_batches_http import upload_photo
from tests.helpers import every_item

pytestmark = pytest.mark.e2e


@pytest.fixture
def emulator(server):
    """The server's table and bucket, to look at what is stored."""
    return connect("local", {"KEFIR_EMULATOR_FILE": str(server.emulator_file),
                             "AWS_REGION": "us-east-1"})


def traces(emulator, user_id: str, needles: list[str]) -> list[str]:
    """Items of the table (but the deletion marker) and objects of the bucket that mention
    the account or any of `needles`, or sit under its prefixes."""
    marker = emulator.table.get(keys.deletion_marker_key(user_id))
    needles = [user_id, *needles]
    found = [f"{item['PK']} {item['SK']}" for item in every_item(emulator.table)
             if item != marker and any(n in json.dumps(item, default=str) for n in needles)]
    bucket = emulator.settings.photo_bucket
    for prefix in account_prefixes(user_id):
        listing = emulator.aws.s3.list_objects_v2(Bucket=bucket, Prefix=prefix)
        found += [o["Key"] for o in listing.get("Contents", [])]
    return found


def pushes(server) -> str:
    return server.push_outbox.read_text() if server.push_outbox.exists() else ""


def test_deleting_an_account_cuts_it_off_and_the_sweep_leaves_nothing(api, emulator, unique):
    email = f"leaving-{unique}@example.com"
    me = api.sign_in(email)
    token = f"ExponentPushToken[leaving-{unique}]"
    device = me.http.post(api.url("/me/devices"), json={"push_token": token, "platform": "ios"})
    assert device.status_code == 201
    batch = me.http.post(api.url("/batches"), json={
        "name": "Shared jar", "kind": "milk", "is_public": True}).json()
    batch_id = batch["batch_id"]
    key = upload_photo(me, api, batch_id, b"\x89PNG the photo's bytes")
    assert me.http.post(api.url(f"/batches/{batch_id}/events"),
                        json={"type": "photo", "photo_key": key}).status_code == 201
    due = utcnow() + timedelta(minutes=5)
    assert me.http.post(api.url(f"/batches/{batch_id}/reminders/confirm"), json={
        "items": [{"kind": "custom", "due_at": to_iso(due), "title": "Strain"}]}
    ).status_code == 201
    public = api.url(f"/public/b/{batch_id}")
    assert api_get(public).status_code == 200
    needles = [email, batch_id, device.json()["device_id"]]
    assert traces(emulator, me.user_id, needles)

    assert me.http.delete(api.url("/me")).status_code == 204
    assert me.http.get(api.url("/me")).status_code == 401
    assert me.http.get(api.url(f"/batches/{batch_id}")).status_code == 401
    assert me.http.delete(api.url("/me")).status_code == 401
    assert api_get(public).status_code == 404

    ran = me.http.post(api.url("/_local/reminders/run"),
                       json={"now": to_iso(due + timedelta(minutes=1))})
    assert ran.status_code == 200
    assert token not in pushes(api.server)
    assert traces(emulator, me.user_id, needles) == []

    again = api.sign_in(email)
    assert again.user_id != me.user_id
    assert again.http.get(api.url("/batches")).json()["items"] == []
    assert again.http.get(api.url("/me/devices")).json()["items"] == []


def api_get(url: str):
    return requests.get(url, headers={"Accept": "application/json"}, timeout=10)


def test_the_archive_of_an_account_holds_its_batches_events_and_photo_bytes(api, unique):
    me = api.sign_in(f"archive-{unique}@example.com")
    batch = me.http.post(api.url("/batches"), json={"name": "Water jar", "kind": "water"}).json()
    photo = b"\x89PNG archived bytes " + unique.encode()
    key = upload_photo(me, api, batch["batch_id"], photo)
    event = me.http.post(api.url(f"/batches/{batch['batch_id']}/events"),
                         json={"type": "photo", "photo_key": key}).json()
    asked = me.http.post(api.url("/me/export"))
    assert asked.status_code == 202
    export_id = asked.json()["export_id"]
    assert me.http.post(api.url("/me/export")).status_code == 409

    assert me.http.post(api.url("/_local/reminders/run")).status_code == 200
    ready = me.http.get(api.url(f"/me/exports/{export_id}")).json()
    assert ready["status"] == "ready"
    archive = zipfile.ZipFile(io.BytesIO(requests.get(ready["url"], timeout=10).content))
    document = json.loads(archive.read("bubblebatch.json"))
    [archived] = document["batches"]
    assert archived["batch_id"] == batch["batch_id"] and archived["name"] == "Water jar"
    [archived_event] = archived["events"]
    assert archived_event["event_id"] == event["event_id"]
    assert archive.read(archived_event["photo_file"]) == photo
