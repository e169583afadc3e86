"""Deleting a batch takes its events, reminders and photos with it, and survives retries."""
from datetime import datetime, timedelta, timezone

import pytest

from kefir.errors import ServiceUnavailable
from kefir.photos import ObjectStore, photo_prefix
from kefir.store import keys
from tests.helpers import new_batch


@pytest.fixture
def stocked(client, me, wiring, unique):
    """A batch with events, a photo and a reminder pointer (as the reminders area keeps
    them: a pointer in the batch partition naming the real item in the user's partition)."""
    batch = new_batch(client, me, name="Doomed")
    batch_id = batch["batch_id"]
    owner = wiring.table.get(keys.batch_key(batch_id))["owner"]
    for _ in range(30):
        client.post(f"/batches/{batch_id}/events", json={"type": "fed"}, headers=me)
    reminder = {keys.PK: keys.user_pk(owner), keys.SK: f"REMINDER#{unique}"}
    wiring.table.put({**reminder, "status": "pending"})
    wiring.table.put({keys.PK: keys.batch_pk(batch_id), keys.SK: f"REMINDER#{unique}",
                      "cascade_key": reminder})
    photo = photo_prefix(owner, batch_id) + "p1"
    wiring.aws.s3.put_object(Bucket=wiring.settings.photo_bucket, Key=photo, Body=b"jpeg")
    return batch_id, reminder, photo


def assert_all_gone(wiring, batch_id, reminder, photo):
    assert wiring.table.query("PK = :pk", values={":pk": keys.batch_pk(batch_id)},
                              consistent=True).items == []
    assert wiring.table.get(reminder) is None
    assert not wiring.objects.exists(photo)


def test_delete_takes_everything_with_it(client, me, wiring, stocked):
    batch_id, reminder, photo = stocked
    assert client.delete(f"/batches/{batch_id}", headers=me).status_code == 204
    assert_all_gone(wiring, batch_id, reminder, photo)
    assert client.get(f"/batches/{batch_id}", headers=me).status_code == 404
    assert client.delete(f"/batches/{batch_id}", headers=me).status_code == 404
    assert client.get("/batches", headers=me).get_json()["items"] == []


def test_an_interrupted_delete_hides_the_batch_and_a_retry_finishes(
        client, me, wiring, stocked, monkeypatch):
    batch_id, reminder, photo = stocked

    def storage_down(self, prefix):
        raise ServiceUnavailable(retry_after=1)

    with monkeypatch.context() as patch:
        patch.setattr(ObjectStore, "delete_prefix", storage_down)
        response = client.delete(f"/batches/{batch_id}", headers=me)
    assert response.status_code == 503 and response.headers["Retry-After"] == "1"
    for path in (f"/batches/{batch_id}", f"/batches/{batch_id}/events"):
        assert client.get(path, headers=me).status_code == 404
    assert client.post(f"/batches/{batch_id}/events", json={"type": "fed"},
                       headers=me).status_code == 404
    assert client.get("/batches", headers=me).get_json()["items"] == []

    assert client.delete(f"/batches/{batch_id}", headers=me).status_code == 204
    assert_all_gone(wiring, batch_id, reminder, photo)


def test_another_user_cannot_delete(client, me, auth, unique, wiring, stocked):
    batch_id, reminder, photo = stocked
    other = auth.headers(f"other-{unique}@example.com")
    assert client.delete(f"/batches/{batch_id}", headers=other).status_code == 404
    assert client.get(f"/batches/{batch_id}", headers=me).status_code == 200
    assert wiring.table.get(reminder) is not None and wiring.objects.exists(photo)


def test_a_confirmed_reminder_goes_with_its_batch(client, me):
    batch = new_batch(client, me, kind="water")
    due = (datetime.now(timezone.utc) + timedelta(hours=5)).isoformat()
    confirmed = client.post(f"/batches/{batch['batch_id']}/reminders/confirm", headers=me,
                            json={"items": [{"kind": "check", "due_at": due}]})
    assert confirmed.status_code == 201
    assert len(client.get("/me/reminders", headers=me).get_json()["items"]) == 1
    assert client.delete(f"/batches/{batch['batch_id']}", headers=me).status_code == 204
    assert client.get("/me/reminders", headers=me).get_json()["items"] == []
