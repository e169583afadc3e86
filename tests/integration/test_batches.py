"""Batches in process on the emulator: create, list, get, update, delete."""
import pytest

from kefir.store import keys
from tests.helpers import new_batch


def test_create_answers_201_with_location_and_defaults(client, me):
    response = client.post("/batches", json={"name": "Jar 1", "kind": "water",
                                             "grains_g": 15, "liquid_ml": 500}, headers=me)
    assert response.status_code == 201
    batch = response.get_json()
    assert response.headers["Location"] == f"/batches/{batch['batch_id']}"
    assert response.headers["ETag"] == '"1"'
    assert batch["status"] == "fermenting" and batch["version"] == 1
    assert batch["is_public"] is False and batch["share_url"] is None
    assert batch["started_at"] == batch["created_at"] and batch["started_at"].endswith("Z")
    assert batch["grains_g"] == 15 and batch["sugar_g"] is None and batch["notes"] is None
    assert len(batch["batch_id"]) >= 22
    assert set(batch) == {"batch_id", "name", "kind", "status", "started_at", "grains_g",
                          "liquid_ml", "sugar_g", "temperature_c", "target_hours", "notes",
                          "is_public", "auto_remind", "share_url", "cover_photo_url", "created_at",
                          "updated_at", "version"}


def test_started_at_with_an_offset_is_normalised_to_utc(client, me):
    batch = new_batch(client, me, started_at="2026-11-25T10:30:00+02:00")
    assert batch["started_at"] == "2026-11-25T08:30:00Z"


@pytest.mark.parametrize("field", ["owner", "user_id", "batch_id", "created_at", "updated_at",
                                   "version", "share_url", "cover_photo_url"])
def test_server_owned_fields_are_refused(client, me, field):
    response = client.post("/batches", json={"name": "x", "kind": "milk", field: "1"},
                           headers=me)
    assert response.status_code == 422
    assert field in response.get_json()["error"]["details"]


@pytest.mark.parametrize("fields, bad", [
    ({"name": ""}, "name"), ({"name": "x" * 81}, "name"), ({"kind": "beer"}, "kind"),
    ({"temperature_c": 51}, "temperature_c"), ({"temperature_c": -6}, "temperature_c"),
    ({"target_hours": 721}, "target_hours"), ({"grains_g": -1}, "grains_g"),
    ({"notes": "n" * 2001}, "notes"), ({"liquid_ml": "500"}, "liquid_ml"),
    ({"status": "brewing"}, "status"), ({"started_at": "yesterday"}, "started_at"),
])
def test_limits_are_enforced(client, me, fields, bad):
    response = client.post("/batches", json={"name": "ok", "kind": "milk", **fields},
                           headers=me)
    assert response.status_code == 422
    assert list(response.get_json()["error"]["details"]) == [bad]


def test_list_is_newest_first_and_paged_with_cursors(client, me):
    for day in (3, 1, 2):
        new_batch(client, me, name=f"day {day}", started_at=f"2026-01-0{day}T00:00:00Z")
    first = client.get("/batches?limit=2", headers=me).get_json()
    assert [b["name"] for b in first["items"]] == ["day 3", "day 2"]
    second = client.get(f"/batches?limit=2&cursor={first['next_cursor']}", headers=me).get_json()
    assert [b["name"] for b in second["items"]] == ["day 1"]
    assert second["next_cursor"] is None


def test_the_status_filter_and_its_cursor_binding(client, me):
    new_batch(client, me, name="a")
    new_batch(client, me, name="b", status="archived")
    archived = client.get("/batches?status=archived", headers=me).get_json()
    assert [b["name"] for b in archived["items"]] == ["b"]
    page = client.get("/batches?limit=1", headers=me).get_json()
    response = client.get(f"/batches?status=archived&cursor={page['next_cursor']}", headers=me)
    assert response.status_code == 400
    assert response.get_json()["error"]["code"] == "invalid_cursor"


def test_a_foreign_or_crafted_cursor_is_400(client, me, other):
    new_batch(client, me)
    new_batch(client, me)
    cursor = client.get("/batches?limit=1", headers=me).get_json()["next_cursor"]
    for headers, value in ((other, cursor), (me, cursor[:-2] + "xx"), (me, "garbage")):
        response = client.get(f"/batches?cursor={value}", headers=headers)
        assert response.status_code == 400
        assert response.get_json()["error"]["code"] == "invalid_cursor"


def test_get_includes_recent_events_newest_first(client, me):
    batch = new_batch(client, me)
    for n in range(22):
        client.post(f"/batches/{batch['batch_id']}/events",
                    json={"type": "note", "note": f"n{n}",
                          "at": f"2026-01-01T00:{n:02d}:00Z"}, headers=me)
    detail = client.get(f"/batches/{batch['batch_id']}", headers=me).get_json()
    assert [e["note"] for e in detail["recent_events"]] == [f"n{n}" for n in range(21, 1, -1)]


def test_patch_updates_bumps_version_and_moves_in_the_list(client, me, wiring):
    batch = new_batch(client, me, notes="old")
    response = client.patch(f"/batches/{batch['batch_id']}", headers=me,
                            json={"name": "Renamed", "notes": None,
                                  "started_at": "2020-01-01T00:00:00Z", "is_public": True})
    assert response.status_code == 200
    updated = response.get_json()
    assert updated["name"] == "Renamed" and updated["notes"] is None
    assert updated["version"] == 2 and response.headers["ETag"] == '"2"'
    assert updated["share_url"] == f"http://localhost/public/b/{batch['batch_id']}"
    item = wiring.table.get(keys.batch_key(batch["batch_id"]))
    assert item[keys.GSI1SK].startswith("2020-01-01T00:00:00Z#") and "notes" not in item


def test_patch_with_a_stale_version_is_412_and_changes_nothing(client, me):
    batch = new_batch(client, me)
    url = f"/batches/{batch['batch_id']}"
    assert client.patch(url, json={"name": "v2"}, headers={**me, "If-Match": '"1"'}
                        ).status_code == 200
    response = client.patch(url, json={"name": "v3"}, headers={**me, "If-Match": "1"})
    assert response.status_code == 412
    assert response.get_json()["error"]["code"] == "version_conflict"
    assert client.get(url, headers=me).get_json()["name"] == "v2"


@pytest.mark.parametrize("body", [{}, {"version": 5}, {"owner": "x"}, {"batch_id": "x"},
                                  {"name": None}])
def test_patch_refuses_empty_and_server_owned_changes(client, me, body):
    batch = new_batch(client, me)
    response = client.patch(f"/batches/{batch['batch_id']}", json=body, headers=me)
    assert response.status_code == 422


def test_another_users_batch_is_404_like_a_missing_one(client, me, other):
    batch = new_batch(client, me)
    for batch_id in (batch["batch_id"], "no-such-batch"):
        for method, kwargs in (("get", {}), ("patch", {"json": {"name": "x"}}),
                               ("delete", {})):
            response = getattr(client, method)(f"/batches/{batch_id}", headers=other, **kwargs)
            assert response.status_code == 404
            assert response.get_json()["error"]["code"] == "not_found"
    assert client.get(f"/batches/{batch['batch_id']}", headers=me).get_json()["name"] == "Jar"


def test_round_trips_list_and_get(client, me, wiring, round_trips):
    batch = new_batch(client, me)
    client.get("/batches", headers=me)  # warms the cursor key
    with round_trips.watching(wiring.aws.dynamodb):
        assert client.get("/batches", headers=me).status_code == 200
        assert round_trips.calls == {"Query": 1}
        assert client.get(f"/batches/{batch['batch_id']}", headers=me).status_code == 200
        assert round_trips.calls == {"Query": 2}
