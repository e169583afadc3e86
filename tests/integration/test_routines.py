"""Routines: a batch with `auto_remind` always has exactly one pending strain reminder,
also under parallel `fed` events, until it is completed."""
from concurrent.futures import ThreadPoolExecutor

import pytest


def pending_strains(client, headers, batch_id) -> list[dict]:
    items = client.get("/me/reminders?status=pending&limit=100",
                       headers=headers).get_json()["items"]
    return [r for r in items if r["batch_id"] == batch_id and r["kind"] == "strain"]


def routine(client, headers, **fields) -> dict:
    answer = client.post("/batches", headers=headers, json={
        "name": "Daily", "kind": "milk", "grains_g": 20, "liquid_ml": 500,
        "temperature_c": 22, "auto_remind": True, **fields})
    assert answer.status_code == 201, answer.get_json()
    return answer.get_json()


def test_a_routine_confirms_its_strain_at_creation_and_after_every_feeding(client, me):
    batch = routine(client, me)
    assert batch["auto_remind"] is True
    first = pending_strains(client, me, batch["batch_id"])
    assert len(first) == 1
    fed = client.post(f"/batches/{batch['batch_id']}/events", headers=me,
                      json={"type": "fed"}).get_json()
    second = pending_strains(client, me, batch["batch_id"])
    assert len(second) == 1 and second[0]["reminder_id"] != first[0]["reminder_id"]
    everything = client.get("/me/reminders?limit=100", headers=me).get_json()["items"]
    old = next(r for r in everything if r["reminder_id"] == first[0]["reminder_id"])
    assert old["status"] == "done" and old["done_by_event_id"] == fed["event_id"]
    client.post(f"/batches/{batch['batch_id']}/events", headers=me, json={"type": "completed"})
    assert pending_strains(client, me, batch["batch_id"]) == []
    client.post(f"/batches/{batch['batch_id']}/events", headers=me, json={"type": "fed"})
    assert pending_strains(client, me, batch["batch_id"]) == []


def test_parallel_feedings_leave_exactly_one_pending_strain(app, client, me):
    batch = routine(client, me)

    def feed(_):
        return app.test_client().post(f"/batches/{batch['batch_id']}/events", headers=me,
                                      json={"type": "fed"}).status_code

    with ThreadPoolExecutor(max_workers=6) as pool:
        assert list(pool.map(feed, range(6))) == [201] * 6
    assert len(pending_strains(client, me, batch["batch_id"])) == 1


def test_patching_auto_remind_on_starts_the_routine_once(client, me):
    batch_id = client.post("/batches", headers=me, json={"name": "Jar", "kind": "water"}
                           ).get_json()["batch_id"]
    assert pending_strains(client, me, batch_id) == []
    for _ in range(2):
        answer = client.patch(f"/batches/{batch_id}", headers=me, json={"auto_remind": True})
        assert answer.status_code == 200 and answer.get_json()["auto_remind"] is True
    assert len(pending_strains(client, me, batch_id)) == 1


@pytest.mark.parametrize("value", ["yes", 1, "true", None])
def test_auto_remind_must_be_a_boolean(client, me, value):
    before = client.get("/batches?limit=100", headers=me).get_json()["items"]
    answer = client.post("/batches", headers=me, json={"name": "Jar", "kind": "milk",
                                                        "auto_remind": value})
    assert answer.status_code == 422
    assert "auto_remind" in answer.get_json()["error"]["details"]
    assert client.get("/batches?limit=100", headers=me).get_json()["items"] == before
