"""Photo uploads: the presigned POST policy we sign, the upload itself, photo events."""
import base64
import hashlib
import json
from datetime import datetime, timezone

import pytest
import requests

from kefir.photos import MAX_PHOTO_BYTES
from tests.helpers import new_batch


def upload_form(client, headers, batch_id, content_type="image/jpeg", size=1000):
    return client.post(f"/batches/{batch_id}/photos", headers=headers,
                       json={"content_type": content_type, "size_bytes": size})


def policy_of(form: dict) -> dict:
    return json.loads(base64.b64decode(form["upload"]["fields"]["policy"]))


def condition(policy: dict, name: str):
    for entry in policy["conditions"]:
        if isinstance(entry, dict) and name in entry:
            return entry[name]
        if isinstance(entry, list) and entry[0] == name:
            return entry[1:]
    raise AssertionError(f"no {name} condition in {policy}")


def test_the_signed_policy_pins_key_type_size_and_expiry(client, me, batch, wiring):
    response = upload_form(client, me, batch["batch_id"], "image/png", MAX_PHOTO_BYTES)
    assert response.status_code == 201
    form = response.get_json()
    policy = policy_of(form)
    owner = wiring.table.get({"PK": f"BATCH#{batch['batch_id']}", "SK": "META"})["owner"]
    owner_dir = hashlib.sha256(owner.encode()).hexdigest()[:32]
    prefix = f"users/{owner_dir}/batches/{batch['batch_id']}/photos/"
    assert owner not in form["photo_key"]
    assert form["photo_key"].startswith(prefix) and len(form["photo_key"]) >= len(prefix) + 22
    assert condition(policy, "key") == form["photo_key"] == form["upload"]["fields"]["key"]
    assert condition(policy, "Content-Type") == "image/png"
    assert form["upload"]["fields"]["Content-Type"] == "image/png"
    low, high = condition(policy, "content-length-range")
    assert low == 1 and high == MAX_PHOTO_BYTES == 10 * 1024 * 1024
    assert condition(policy, "bucket") == wiring.settings.photo_bucket
    expires = datetime.fromisoformat(policy["expiration"].replace("Z", "+00:00"))
    assert 0 < (expires - datetime.now(timezone.utc)).total_seconds() <= 15 * 60
    assert form["expires_in"] == 900


def test_the_policy_never_allows_more_than_declared(client, me, batch):
    policy = policy_of(upload_form(client, me, batch["batch_id"], size=2048).get_json())
    assert condition(policy, "content-length-range") == [1, 2048]


@pytest.mark.parametrize("body, bad", [
    ({"content_type": "image/jpeg", "size_bytes": MAX_PHOTO_BYTES + 1}, "size_bytes"),
    ({"content_type": "image/gif", "size_bytes": 10}, "content_type"),
    ({"content_type": "text/html", "size_bytes": 10}, "content_type"),
    ({"content_type": "image/jpeg", "size_bytes": 0}, "size_bytes"),
    ({"content_type": "image/jpeg", "size_bytes": 10, "key": "users/x"}, "key"),
])
def test_other_types_and_sizes_are_refused(client, me, batch, body, bad):
    response = client.post(f"/batches/{batch['batch_id']}/photos", json=body, headers=me)
    assert response.status_code == 422
    assert list(response.get_json()["error"]["details"]) == [bad]


def post_file(form: dict, content: bytes, content_type="image/jpeg"):
    upload = form["upload"]
    return requests.post(upload["url"], data=upload["fields"], timeout=10,
                         files={"file": ("photo.jpg", content, content_type)})


def test_an_uploaded_photo_becomes_an_event_and_the_cover(client, me, batch):
    form = upload_form(client, me, batch["batch_id"]).get_json()
    assert post_file(form, b"\xff\xd8jpeg-bytes").status_code in (200, 201, 204)
    response = client.post(f"/batches/{batch['batch_id']}/events", headers=me,
                           json={"type": "photo", "photo_key": form["photo_key"]})
    assert response.status_code == 201
    event = response.get_json()
    assert requests.get(event["photo_url"], timeout=10).content == b"\xff\xd8jpeg-bytes"
    detail = client.get(f"/batches/{batch['batch_id']}", headers=me).get_json()
    assert requests.get(detail["cover_photo_url"], timeout=10).content == b"\xff\xd8jpeg-bytes"
    assert detail["recent_events"][0]["photo_url"]


def test_a_photo_event_needs_a_finished_upload_for_that_batch(client, me, batch, auth, unique):
    issued = upload_form(client, me, batch["batch_id"]).get_json()
    other_batch = new_batch(client, me, name="B")
    elsewhere = upload_form(client, me, other_batch["batch_id"]).get_json()
    post_file(elsewhere, b"jpeg")
    for key in (issued["photo_key"], elsewhere["photo_key"], "users/x/batches/y/photos/z"):
        response = client.post(f"/batches/{batch['batch_id']}/events", headers=me,
                               json={"type": "photo", "photo_key": key})
        assert response.status_code == 422
        assert list(response.get_json()["error"]["details"]) == ["photo_key"]
    stranger = auth.headers(f"stranger-{unique}@example.com")
    response = client.post(f"/batches/{batch['batch_id']}/events", headers=stranger,
                           json={"type": "photo", "photo_key": elsewhere["photo_key"]})
    assert response.status_code == 404


def test_a_photo_event_costs_one_head_and_one_transaction(client, me, batch, wiring,
                                                          round_trips):
    form = upload_form(client, me, batch["batch_id"]).get_json()
    post_file(form, b"jpeg")
    with round_trips.watching(wiring.aws.dynamodb), round_trips.watching(wiring.aws.s3):
        client.post(f"/batches/{batch['batch_id']}/events", headers=me,
                    json={"type": "photo", "photo_key": form["photo_key"]})
    assert round_trips.calls == {"HeadObject": 1, "TransactWriteItems": 1}
