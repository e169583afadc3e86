"""The brewer's day over HTTP against a local server: quiet hours in Berlin, a strained
batch whose reminder is never pushed, a snoozed push that comes back an hour later with
its buttons, a routine that always has one strain reminder waiting."""
import json
from datetime import timedelta

import pytest

from kefir.clock import parse_iso, to_iso, utcnow

pytestmark = pytest.mark.e2e


def pushes_of(server, reminder_id) -> list[dict]:
    if not server.push_outbox.exists():
        return []
    lines = [json.loads(line) for line in server.push_outbox.read_text().splitlines()]
    return [p for p in lines if p["data"]["reminder_id"] == reminder_id]


def brewer(api, unique, name):
    me = api.sign_in(f"{name}-{unique}@example.com")
    assert me.http.patch(api.url("/me"), json={
        "timezone": "Europe/Berlin",
        "quiet_hours": {"start": "22:00", "end": "07:00"}}).status_code == 200
    assert me.http.post(api.url("/me/devices"), json={
        "push_token": f"ExponentPushToken[{name}-{unique}]",
        "platform": "ios"}).status_code == 201
    return me


def batch(api, me, **fields) -> str:
    answer = me.http.post(api.url("/batches"), json={
        "name": "Jar", "kind": "milk", "grains_g": 20, "liquid_ml": 500,
        "temperature_c": 22, **fields})
    assert answer.status_code == 201, answer.text
    return answer.json()["batch_id"]


def run_at(api, me, moment) -> dict:
    answer = me.http.post(api.url("/_local/reminders/run"), json={"now": to_iso(moment)})
    assert answer.status_code == 200
    return answer.json()


def test_no_suggestion_in_berlin_quiet_hours(api, unique):
    me = brewer(api, unique, "night")
    for hours_ago in range(0, 30, 2):
        started = to_iso(utcnow() - timedelta(hours=hours_ago))
        batch_id = batch(api, me, started_at=started)
        items = me.http.get(api.url(f"/batches/{batch_id}/reminders/suggestions")).json()
        for s in items["items"]:
            assert "07:00" <= s["local_due_at"][11:16] <= "22:00", s
            assert s["local_due_at"][19:] in ("+01:00", "+02:00")


def test_strained_completes_the_reminder_and_nothing_is_pushed(api, unique):
    me = brewer(api, unique, "strained")
    batch_id = batch(api, me)
    due = to_iso(utcnow() + timedelta(minutes=30))
    reminder = me.http.post(api.url(f"/batches/{batch_id}/reminders/confirm"), json={
        "items": [{"kind": "strain", "due_at": due}]}).json()["items"][0]
    event = me.http.post(api.url(f"/batches/{batch_id}/events"),
                         json={"type": "strained"}).json()
    run_at(api, me, parse_iso(due) + timedelta(minutes=5))
    assert pushes_of(api.server, reminder["reminder_id"]) == []
    done = me.http.get(api.url("/me/reminders?status=done")).json()["items"]
    assert [(r["reminder_id"], r["done_by_event_id"]) for r in done] == [
        (reminder["reminder_id"], event["event_id"])]


def test_a_snoozed_push_comes_back_an_hour_later_with_its_actions(api, unique):
    me = brewer(api, unique, "snooze")
    batch_id = batch(api, me)
    due = utcnow() + timedelta(minutes=2)
    reminder = me.http.post(api.url(f"/batches/{batch_id}/reminders/confirm"), json={
        "items": [{"kind": "check", "due_at": to_iso(due)}]}).json()["items"][0]
    run_at(api, me, due)
    [first] = pushes_of(api.server, reminder["reminder_id"])
    assert first["categoryId"] == "reminder"
    assert first["data"]["actions"] == ["done", "snooze"]
    snoozed = me.http.post(api.url(f"/me/reminders/{reminder['reminder_id']}/snooze"),
                           json={"minutes": 60}, headers={"Idempotency-Key": unique})
    assert snoozed.status_code == 200, snoozed.text
    back_at = parse_iso(snoozed.json()["due_at"])
    if snoozed.json()["local_due_at"][11:16] != "07:00":  # not moved out of the night
        assert timedelta(minutes=59) < back_at - utcnow() <= timedelta(minutes=60)
    run_at(api, me, back_at - timedelta(minutes=1))
    assert len(pushes_of(api.server, reminder["reminder_id"])) == 1
    run_at(api, me, back_at)
    again = pushes_of(api.server, reminder["reminder_id"])
    assert len(again) == 2
    assert again[1]["categoryId"] == "reminder" and again[1]["data"] == first["data"]
    assert f"Due {snoozed.json()['local_due_at'][11:16]}" in again[1]["body"]


def test_a_routine_always_has_one_strain_reminder_until_completed(api, unique):
    me = brewer(api, unique, "routine")
    batch_id = batch(api, me, auto_remind=True)

    def strains():
        items = me.http.get(api.url("/me/reminders?status=pending&limit=100")).json()["items"]
        return [r for r in items if r["batch_id"] == batch_id and r["kind"] == "strain"]

    assert len(strains()) == 1
    for _ in range(3):
        me.http.post(api.url(f"/batches/{batch_id}/events"), json={"type": "fed"})
        assert len(strains()) == 1
    me.http.post(api.url(f"/batches/{batch_id}/events"), json={"type": "completed"})
    assert strains() == []
