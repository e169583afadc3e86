"""Batches, events, photos and sharing over real HTTP against the local server."""
import pytest
import requests

from tests.helpers import assert_isolated

pytestmark = pytest.mark.e2e


@pytest.fixture
def owner(api, unique):
    return api.sign_in(f"owner-{unique}@example.com")


@pytest.fixture
def intruder(api, unique):
    return api.sign_in(f"intruder-{unique}@example.com")


def upload_photo(user, api, batch_id, content: bytes, content_type="image/png") -> str:
    form = user.http.post(api.url(f"/batches/{batch_id}/photos"), timeout=10,
                          json={"content_type": content_type, "size_bytes": len(content)})
    assert form.status_code == 201, form.text
    upload = form.json()["upload"]
    stored = requests.post(upload["url"], data=upload["fields"], timeout=10,
                           files={"file": ("photo", content, content_type)})
    assert stored.status_code in (200, 201, 204), stored.text
    return form.json()["photo_key"]


# Every batch-scoped call, as (method, path under the batch, JSON body).
BATCH_CALLS = [
    ("GET", "", None),
    ("PATCH", "", {"name": "hijacked"}),
    ("DELETE", "", None),
    ("GET", "/events", None),
    ("GET", "/events?order=asc", None),
    ("POST", "/events", {"type": "fed"}),
    ("POST", "/events", {"type": "completed"}),
    ("POST", "/photos", {"content_type": "image/jpeg", "size_bytes": 100}),
]


@pytest.mark.parametrize("method, path, body", BATCH_CALLS,
                         ids=[f"{m} {p or '/'} {b or ''}" for m, p, b in BATCH_CALLS])
def test_another_users_batch_answers_like_an_unknown_one(api, owner, intruder, method, path,
                                                         body):
    batch = owner.http.post(api.url("/batches"), json={"name": "Mine", "kind": "milk"},
                            timeout=10).json()
    owner.http.post(api.url(f"/batches/{batch['batch_id']}/events"), json={"type": "fed"},
                    timeout=10)

    def call(user, batch_id):
        return user.http.request(method, api.url(f"/batches/{batch_id}{path}"), json=body,
                                 timeout=10)

    def snapshot():
        seen = owner.http.get(api.url(f"/batches/{batch['batch_id']}"), timeout=10).json()
        events = owner.http.get(api.url(f"/batches/{batch['batch_id']}/events"),
                                timeout=10).json()
        return seen, events

    assert_isolated(intruder, call, snapshot, batch["batch_id"])


def test_a_photo_key_of_another_users_batch_is_refused(api, owner, intruder):
    batch = owner.http.post(api.url("/batches"), json={"name": "Mine", "kind": "milk"},
                            timeout=10).json()
    key = upload_photo(owner, api, batch["batch_id"], b"\x89PNG fake")
    theirs = intruder.http.post(api.url("/batches"), json={"name": "Theirs", "kind": "milk"},
                                timeout=10).json()
    response = intruder.http.post(api.url(f"/batches/{theirs['batch_id']}/events"),
                                  json={"type": "photo", "photo_key": key}, timeout=10)
    assert response.status_code == 422


def test_idempotent_event_over_http(api, owner):
    batch = owner.http.post(api.url("/batches"), json={"name": "Jar", "kind": "milk"},
                            timeout=10).json()
    url = api.url(f"/batches/{batch['batch_id']}/events")
    headers = {"Idempotency-Key": "tap-1"}
    first = owner.http.post(url, json={"type": "bottled"}, headers=headers, timeout=10)
    again = owner.http.post(url, json={"type": "bottled"}, headers=headers, timeout=10)
    assert first.status_code == again.status_code == 201
    assert first.json() == again.json()
    assert len(owner.http.get(url, timeout=10).json()["items"]) == 1
    other = owner.http.post(url, json={"type": "burped"}, headers=headers, timeout=10)
    assert other.status_code == 422
    assert other.json()["error"]["code"] == "idempotency_key_reused"
