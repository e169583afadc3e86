"""Events in process: per-type rules, status moves, paging, concurrency, round trips."""
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta

import pytest

from kefir.store import keys


def add(client, headers, batch_id, **body):
    return client.post(f"/batches/{batch_id}/events", json=body, headers=headers)


@pytest.mark.parametrize("body", [
    {"type": "fed"}, {"type": "strained", "note": "smooth"}, {"type": "tasted", "rating": 5},
    {"type": "temperature", "temperature_c": 22.5}, {"type": "ph", "ph": 4.5},
    {"type": "note", "note": "fizzy"}, {"type": "burped"}, {"type": "bottled"},
    {"type": "second_ferment_started"}, {"type": "completed"},
])
def test_every_type_with_its_fields_is_accepted(client, me, batch, body):
    response = add(client, me, batch["batch_id"], **body)
    assert response.status_code == 201, response.get_json()
    event = response.get_json()
    assert event["type"] == body["type"] and event["batch_id"] == batch["batch_id"]
    assert event["at"] == event["created_at"] and event["photo_url"] is None
    for name, value in body.items():
        assert event[name] == value


@pytest.mark.parametrize("body, bad", [
    ({"type": "tasted"}, "rating"), ({"type": "tasted", "rating": 6}, "rating"),
    ({"type": "tasted", "rating": 4.5}, "rating"), ({"type": "temperature"}, "temperature_c"),
    ({"type": "ph", "ph": 14.1}, "ph"), ({"type": "ph"}, "ph"), ({"type": "note"}, "note"),
    ({"type": "photo"}, "photo_key"), ({"type": "fed", "rating": 3}, "rating"),
    ({"type": "ph", "ph": 4, "temperature_c": 20}, "temperature_c"),
    ({"type": "boiled"}, "type"), ({"type": "fed", "event_id": "x"}, "event_id"),
    ({"type": "fed", "note": "x" * 2001}, "note"),
])
def test_fields_are_validated_per_type(client, me, batch, body, bad):
    response = add(client, me, batch["batch_id"], **body)
    assert response.status_code == 422
    assert list(response.get_json()["error"]["details"]) == [bad]


def test_at_may_be_back_dated_but_not_more_than_5_minutes_ahead(client, me, batch):
    now = datetime.now(UTC)
    ok = add(client, me, batch["batch_id"], type="fed",
             at=(now + timedelta(minutes=4)).isoformat())
    assert ok.status_code == 201
    late = add(client, me, batch["batch_id"], type="fed", at="2025-01-01T09:00:00+01:00")
    assert late.get_json()["at"] == "2025-01-01T08:00:00Z"
    ahead = add(client, me, batch["batch_id"], type="fed",
                at=(now + timedelta(minutes=6)).isoformat())
    assert ahead.status_code == 422 and "at" in ahead.get_json()["error"]["details"]


def status_of(client, headers, batch_id):
    return client.get(f"/batches/{batch_id}", headers=headers).get_json()["status"]


def test_events_move_the_status_forward_only(client, me, batch):
    batch_id = batch["batch_id"]
    add(client, me, batch_id, type="second_ferment_started", at="2026-01-01T00:00:00Z")
    assert status_of(client, me, batch_id) == "second_ferment"
    add(client, me, batch_id, type="bottled", at="2026-01-02T00:00:00Z")
    assert status_of(client, me, batch_id) == "second_ferment"
    add(client, me, batch_id, type="completed", at="2026-01-03T00:00:00Z")
    assert status_of(client, me, batch_id) == "done"
    late = add(client, me, batch_id, type="bottled", at="2020-01-01T00:00:00Z")
    assert late.status_code == 201
    assert status_of(client, me, batch_id) == "done"
    events = client.get(f"/batches/{batch_id}/events", headers=me).get_json()["items"]
    assert [e["type"] for e in events] == ["completed", "bottled", "second_ferment_started",
                                           "bottled"]
    assert events[-1]["at"] == "2020-01-01T00:00:00Z"


def test_an_archived_batch_stays_archived(client, me, batch):
    client.patch(f"/batches/{batch['batch_id']}", json={"status": "archived"}, headers=me)
    assert add(client, me, batch["batch_id"], type="completed").status_code == 201
    assert status_of(client, me, batch["batch_id"]) == "archived"


def test_events_page_in_both_orders(client, me, batch):
    batch_id = batch["batch_id"]
    for n in range(5):
        add(client, me, batch_id, type="note", note=f"n{n}", at=f"2026-01-0{n + 1}T00:00:00Z")
    for order, expected in (("asc", ["n0", "n1", "n2", "n3", "n4"]),
                            ("desc", ["n4", "n3", "n2", "n1", "n0"])):
        seen, cursor = [], ""
        while cursor is not None:
            page = client.get(f"/batches/{batch_id}/events?order={order}&limit=2&cursor={cursor}",
                              headers=me).get_json()
            seen += [e["note"] for e in page["items"]]
            cursor = page["next_cursor"]
        assert seen == expected
    first = client.get(f"/batches/{batch_id}/events?order=asc&limit=2", headers=me).get_json()
    response = client.get(f"/batches/{batch_id}/events?order=desc&cursor={first['next_cursor']}",
                          headers=me)
    assert response.status_code == 400


def test_a_batch_without_events_lists_an_empty_page(client, me, batch):
    for order in ("asc", "desc"):
        page = client.get(f"/batches/{batch['batch_id']}/events?order={order}",
                          headers=me).get_json()
        assert page == {"items": [], "next_cursor": None}


def test_twenty_concurrent_event_writes_all_land_and_the_status_is_right(app, me, batch):
    batch_id = batch["batch_id"]
    bodies = [{"type": "note", "note": f"n{n}"} for n in range(19)] + [{"type": "completed"}]

    def post(body):
        return app.test_client().post(f"/batches/{batch_id}/events", json=body,
                                      headers=me).status_code

    with ThreadPoolExecutor(max_workers=20) as pool:
        assert list(pool.map(post, bodies)) == [201] * 20
    page = app.test_client().get(f"/batches/{batch_id}/events?limit=100", headers=me).get_json()
    assert len(page["items"]) == 20
    assert status_of(app.test_client(), me, batch_id) == "done"


def test_adding_an_event_is_one_transaction(client, me, batch, wiring, round_trips):
    with round_trips.watching(wiring.aws.dynamodb):
        assert add(client, me, batch["batch_id"], type="tasted", rating=4).status_code == 201
        assert round_trips.calls == {"TransactWriteItems": 1}
        # An event that finishes reminders first reads the batch's open ones (their
        # pointers), then writes itself and their completion in the same transaction.
        assert add(client, me, batch["batch_id"], type="bottled").status_code == 201
        assert round_trips.calls == {"TransactWriteItems": 2, "Query": 1}


def test_listing_events_is_one_query_a_page(client, me, batch, wiring, round_trips):
    for _ in range(3):
        add(client, me, batch["batch_id"], type="fed")
    client.get(f"/batches/{batch['batch_id']}/events", headers=me)
    with round_trips.watching(wiring.aws.dynamodb):
        page = client.get(f"/batches/{batch['batch_id']}/events?limit=2", headers=me).get_json()
        client.get(f"/batches/{batch['batch_id']}/events?limit=2&cursor={page['next_cursor']}",
                   headers=me)
    assert round_trips.calls == {"Query": 2}


def test_events_carry_the_owner_for_one_query_ownership_checks(client, me, batch, wiring):
    add(client, me, batch["batch_id"], type="fed")
    page = wiring.table.query("PK = :pk AND begins_with(SK, :e)",
                              values={":pk": keys.batch_pk(batch["batch_id"]),
                                      ":e": keys.EVENT_PREFIX})
    owner = wiring.table.get(keys.batch_key(batch["batch_id"]))["owner"]
    assert [i["owner"] for i in page.items] == [owner]
