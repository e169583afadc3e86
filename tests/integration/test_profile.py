"""GET and PATCH /me: time zone, quiet hours and units, and the bad input that writes
nothing."""
import pytest


def test_defaults_then_changes_then_clearing_quiet_hours(client, me):
    first = client.get("/me", headers=me).get_json()
    assert (first["timezone"], first["quiet_hours"], first["units"]) == ("UTC", None, "metric")
    changed = client.patch("/me", headers=me, json={
        "timezone": "Europe/Berlin", "quiet_hours": {"start": "22:00", "end": "07:00"},
        "units": "us"})
    assert changed.status_code == 200
    expected = {"timezone": "Europe/Berlin", "units": "us",
                "quiet_hours": {"start": "22:00", "end": "07:00"}}
    assert {k: changed.get_json()[k] for k in expected} == expected
    again = client.get("/me", headers=me).get_json()
    assert {k: again[k] for k in expected} == expected and again["email"] == first["email"]
    cleared = client.patch("/me", headers=me, json={"quiet_hours": None}).get_json()
    assert cleared["quiet_hours"] is None and cleared["timezone"] == "Europe/Berlin"
    assert client.get("/me", headers=me).get_json()["quiet_hours"] is None


@pytest.mark.parametrize("body, field", [
    ({"timezone": "Mars/Olympus"}, "timezone"),
    ({"timezone": "europe/berlin"}, "timezone"),
    ({"timezone": 5}, "timezone"),
    ({"quiet_hours": {"start": "22:00", "end": "22:00"}}, "quiet_hours"),
    ({"quiet_hours": {"start": "24:00", "end": "07:00"}}, "quiet_hours"),
    ({"quiet_hours": {"start": "7:00", "end": "22:00"}}, "quiet_hours"),
    ({"quiet_hours": {"start": "22:00"}}, "quiet_hours"),
    ({"quiet_hours": "22:00-07:00"}, "quiet_hours"),
    ({"units": "imperial"}, "units"),
    ({"email": "x@example.com"}, "email"),
])
def test_bad_settings_are_422_and_nothing_is_written(client, me, body, field):
    client.patch("/me", headers=me, json={"timezone": "Asia/Kolkata"})
    before = client.get("/me", headers=me).get_json()
    answer = client.patch("/me", headers=me, json={**body, "units": "us"}
                          if field != "units" else body)
    assert answer.status_code == 422
    error = answer.get_json()["error"]
    assert error["code"] == "validation_error" and field in error["details"]
    assert client.get("/me", headers=me).get_json() == before


def test_patch_me_needs_a_token(client):
    assert client.patch("/me", json={"units": "us"}).status_code == 401
