"""Reminders end to end over HTTP: a device, a confirmed suggestion, a local processor pass,
the push in the stand-in's outbox."""
import json
from datetime import timedelta

import pytest

from kefir.clock import parse_iso, to_iso, utcnow
from tests.helpers import assert_isolated

pytestmark = pytest.mark.e2e


def pushes(server) -> list[dict]:
    if not server.push_outbox.exists():
        return []
    return [json.loads(line) for line in server.push_outbox.read_text().splitlines()]


def test_a_confirmed_suggestion_arrives_as_a_push(api, unique):
    me = api.sign_in(f"{unique}@example.com")
    token = f"ExpoPushToken[e2e-{unique}]"
    device = me.http.post(api.url("/me/devices"), json={"push_token": token, "platform": "ios"})
    assert device.status_code == 201
    gone = me.http.post(api.url("/me/devices"), json={
        "push_token": f"ExponentPushToken[Unregistered-{unique}]", "platform": "android"})
    assert gone.status_code == 201
    batch = me.http.post(api.url("/batches"), json={
        "name": "Morning jar", "kind": "milk", "grains_g": 20, "liquid_ml": 500,
        "temperature_c": 23}).json()
    offered = me.http.get(api.url(f"/batches/{batch['batch_id']}/reminders/suggestions"))
    strain = next(s for s in offered.json()["items"] if s["kind"] == "strain")
    confirmed = me.http.post(api.url(f"/batches/{batch['batch_id']}/reminders/confirm"),
                             json={"items": [{"suggestion_id": strain["suggestion_id"]}]})
    assert confirmed.status_code == 201
    reminder = confirmed.json()["items"][0]

    later = to_iso(parse_iso(reminder["due_at"]) + timedelta(minutes=1))
    ran = me.http.post(api.url("/_local/reminders/run"), json={"now": later})
    assert ran.status_code == 200 and ran.json()["sent"] >= 1

    mine = [p for p in pushes(api.server) if p["data"]["reminder_id"] == reminder["reminder_id"]]
    clock = reminder["local_due_at"][11:16]
    assert mine == [{"to": f"ExponentPushToken[e2e-{unique}]", "title": "Strain Morning jar",
                     "body": f"{reminder['body']} Due {clock} · 500 mL at 23 °C.",
                     "categoryId": "reminder", "data": {
                         "reminder_id": reminder["reminder_id"],
                         "batch_id": batch["batch_id"], "kind": "strain",
                         "actions": ["done", "snooze"]}}]
    sent = me.http.get(api.url("/me/reminders?status=sent")).json()["items"]
    assert [r["reminder_id"] for r in sent] == [reminder["reminder_id"]]
    assert sent[0]["sent_at"] == later
    # Expo called the second token DeviceNotRegistered: that device is gone.
    devices = me.http.get(api.url("/me/devices")).json()["items"]
    assert [d["device_id"] for d in devices] == [device.json()["device_id"]]


def test_another_users_reminders_and_devices_are_out_of_reach(api, unique):
    ana = api.sign_in(f"ana-{unique}@example.com")
    ben = api.sign_in(f"ben-{unique}@example.com")
    device_id = ana.http.post(api.url("/me/devices"), json={
        "push_token": f"ExponentPushToken[ana-{unique}]", "platform": "ios"}).json()["device_id"]
    batch_id = ana.http.post(api.url("/batches"), json={"name": "Jar", "kind": "water"}).json()[
        "batch_id"]
    due = to_iso(utcnow() + timedelta(hours=5))
    reminder_id = ana.http.post(api.url(f"/batches/{batch_id}/reminders/confirm"), json={
        "items": [{"kind": "check", "due_at": due}]}).json()["items"][0]["reminder_id"]

    def snapshot():
        return (ana.http.get(api.url("/me/reminders")).json(),
                ana.http.get(api.url("/me/devices")).json())

    assert_isolated(ben, lambda who, rid: who.http.delete(api.url(f"/me/reminders/{rid}")),
                    snapshot, reminder_id)
    assert_isolated(ben, lambda who, did: who.http.delete(api.url(f"/me/devices/{did}")),
                    snapshot, device_id)
    assert_isolated(ben, lambda who, bid: who.http.get(
        api.url(f"/batches/{bid}/reminders/suggestions")), snapshot, batch_id)
    assert_isolated(ben, lambda who, bid: who.http.post(
        api.url(f"/batches/{bid}/reminders/confirm"),
        json={"items": [{"kind": "check", "due_at": due}]}), snapshot, batch_id)
    assert ben.http.get(api.url("/me/reminders")).json()["items"] == []
