"""Idempotency-Key on the POSTs that a flaky network may repeat."""
import threading

import pytest

from kefir.services import idempotency
from kefir.store import keys


def batch_ids(client, headers):
    return [b["batch_id"] for b in client.get("/batches", headers=headers).get_json()["items"]]


def test_the_same_key_and_body_replays_the_first_answer(client, me):
    headers = {**me, "Idempotency-Key": "k-1"}
    first = client.post("/batches", json={"name": "A", "kind": "milk"}, headers=headers)
    again = client.post("/batches", json={"kind": "milk", "name": "A"}, headers=headers)
    assert first.status_code == again.status_code == 201
    assert again.get_json() == first.get_json()
    assert again.headers["Location"] == first.headers["Location"]
    assert again.headers["Idempotent-Replayed"] == "true"
    assert "Idempotent-Replayed" not in first.headers
    assert batch_ids(client, me) == [first.get_json()["batch_id"]]


def test_the_same_key_with_another_body_is_422(client, me):
    headers = {**me, "Idempotency-Key": "k-2"}
    client.post("/batches", json={"name": "A", "kind": "milk"}, headers=headers)
    response = client.post("/batches", json={"name": "B", "kind": "milk"}, headers=headers)
    assert response.status_code == 422
    assert response.get_json()["error"]["code"] == "idempotency_key_reused"
    assert len(batch_ids(client, me)) == 1


def test_keys_belong_to_their_user(client, me, other):
    body = {"name": "A", "kind": "milk"}
    mine = client.post("/batches", json=body, headers={**me, "Idempotency-Key": "shared"})
    theirs = client.post("/batches", json=body, headers={**other, "Idempotency-Key": "shared"})
    assert theirs.status_code == 201
    assert theirs.get_json()["batch_id"] != mine.get_json()["batch_id"]


def test_a_failed_request_does_not_burn_its_key(client, me):
    headers = {**me, "Idempotency-Key": "k-3"}
    missing = client.post("/batches/nope/events", json={"type": "fed"}, headers=headers)
    assert missing.status_code == 404
    again = client.post("/batches/nope/events", json={"type": "fed"}, headers=headers)
    assert again.status_code == 404 and "Idempotent-Replayed" not in again.headers


@pytest.mark.parametrize("key", ["", "x" * 256, "has space", "ünï"])
def test_a_malformed_key_is_400(client, me, key):
    response = client.post("/batches", json={"name": "A", "kind": "milk"},
                           headers={**me, "Idempotency-Key": key.encode().decode("latin-1")})
    assert response.status_code == 400


def test_concurrent_duplicates_write_once(app, me, wiring, monkeypatch):
    batch = app.test_client().post("/batches", json={"name": "A", "kind": "milk"},
                                   headers=me).get_json()
    arrived, release = threading.Barrier(8), threading.Event()
    real_add = wiring.events.add

    def slow_add(*args, **kwargs):
        release.wait(5)
        return real_add(*args, **kwargs)

    monkeypatch.setattr(wiring.events, "add", slow_add)
    results = []

    def post():
        arrived.wait()
        response = app.test_client().post(
            f"/batches/{batch['batch_id']}/events", json={"type": "fed"},
            headers={**me, "Idempotency-Key": "same-tap"})
        results.append((response.status_code, response.get_json()["event_id"]))

    threads = [threading.Thread(target=post) for _ in range(8)]
    for thread in threads:
        thread.start()
    threading.Timer(0.5, release.set).start()
    for thread in threads:
        thread.join()
    assert {status for status, _ in results} == {201}
    assert len({event_id for _, event_id in results}) == 1
    events = app.test_client().get(f"/batches/{batch['batch_id']}/events",
                                   headers=me).get_json()["items"]
    assert len(events) == 1


def test_a_duplicate_of_a_request_still_running_is_409(app, me, wiring, monkeypatch):
    monkeypatch.setattr(idempotency, "PATIENCE_S", 0.0)
    user_id = wiring.verifier.verify(me["Authorization"].split()[1])["sub"]
    body = {"name": "A", "kind": "milk"}
    fingerprint = idempotency.fingerprint("POST", "/batches", body)
    assert wiring.idempotency.claim(user_id, "busy", fingerprint) is None
    response = app.test_client().post("/batches", json=body,
                                      headers={**me, "Idempotency-Key": "busy"})
    assert response.status_code == 409
    assert response.get_json()["error"]["code"] == "idempotency_in_progress"
    assert response.headers["Retry-After"] == "1"


def test_the_record_expires_after_24_hours(client, me, wiring):
    client.post("/batches", json={"name": "A", "kind": "milk"},
                headers={**me, "Idempotency-Key": "k-ttl"})
    user_id = wiring.verifier.verify(me["Authorization"].split()[1])["sub"]
    item = wiring.table.get(keys.idempotency_key(user_id, "k-ttl"))
    assert item["state"] == "done"
    assert 24 * 3600 - 60 < item["expires_at"] - item["lease_until"] + 30 <= 24 * 3600


def test_an_event_with_a_key_costs_the_claim_and_the_record(client, me, wiring, round_trips):
    batch = client.post("/batches", json={"name": "A", "kind": "milk"}, headers=me).get_json()
    with round_trips.watching(wiring.aws.dynamodb):
        response = client.post(f"/batches/{batch['batch_id']}/events",
                               json={"type": "tasted", "rating": 4},
                               headers={**me, "Idempotency-Key": "k-rt"})
    assert response.status_code == 201
    assert round_trips.calls == {"PutItem": 1, "TransactWriteItems": 1, "UpdateItem": 1}
