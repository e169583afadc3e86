"""Reminders in the brewer's day, over the in-process app: local times, events that finish
reminders (also while the processor runs), snooze and done."""
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta

import pytest

from kefir.clock import parse_iso, to_iso, utcnow
from kefir.services.delivery import deliver_due
from tests.fakes import FakePush
from tests.helpers import assert_isolated


def new_batch(client, headers, **fields):
    body = {"name": "Jar", "kind": "milk", "grains_g": 20, "liquid_ml": 500,
            "temperature_c": 22, **fields}
    answer = client.post("/batches", json=body, headers=headers)
    assert answer.status_code == 201, answer.get_json()
    return answer.get_json()["batch_id"]


def confirm(client, headers, batch_id, *kinds, hours=2.0):
    due = to_iso(utcnow() + timedelta(hours=hours))
    answer = client.post(f"/batches/{batch_id}/reminders/confirm", headers=headers, json={
        "items": [{"kind": kind, "due_at": due} for kind in kinds]})
    assert answer.status_code == 201, answer.get_json()
    return answer.get_json()["items"]


def log(client, headers, batch_id, event_type, **fields):
    answer = client.post(f"/batches/{batch_id}/events", headers=headers,
                         json={"type": event_type, **fields})
    assert answer.status_code == 201, answer.get_json()
    return answer.get_json()


def mine(client, headers) -> dict[str, dict]:
    items = client.get("/me/reminders?limit=100", headers=headers).get_json()["items"]
    return {r["reminder_id"]: r for r in items}


def test_local_due_at_follows_the_owners_time_zone(client, me):
    client.patch("/me", headers=me, json={"timezone": "Asia/Kolkata"})
    batch_id = new_batch(client, me)
    for s in client.get(f"/batches/{batch_id}/reminders/suggestions",
                        headers=me).get_json()["items"]:
        local = parse_iso(s["local_due_at"])
        assert local == parse_iso(s["due_at"]) and s["local_due_at"].endswith("+05:30")
        assert f"about {s['local_due_at'][11:16]} your time" in s["rationale"]
    reminder = confirm(client, me, batch_id, "check")[0]
    assert reminder["local_due_at"].endswith("+05:30")
    listed = mine(client, me)[reminder["reminder_id"]]
    assert listed["local_due_at"] == reminder["local_due_at"]


def test_suggestions_in_berlin_stay_out_of_quiet_hours(client, me):
    client.patch("/me", headers=me, json={"timezone": "Europe/Berlin",
                                           "quiet_hours": {"start": "22:00", "end": "07:00"}})
    for hours_ago in range(0, 24, 3):
        batch_id = new_batch(client, me, started_at=to_iso(utcnow() - timedelta(hours=hours_ago)))
        for s in client.get(f"/batches/{batch_id}/reminders/suggestions",
                            headers=me).get_json()["items"]:
            clock = s["local_due_at"][11:16]
            assert "07:00" <= clock <= "22:00", s
            assert (s["shifted"] == "quiet_hours") == ("quiet hours" in s["rationale"])


def test_a_push_body_names_local_time_and_the_owners_units(client, me, wiring):
    client.patch("/me", headers=me, json={"timezone": "America/New_York", "units": "us"})
    batch_id = new_batch(client, me)
    reminder = confirm(client, me, batch_id, "strain")[0]
    owner = client.get("/me", headers=me).get_json()["user_id"]
    stored = wiring.reminders.get(owner, reminder["reminder_id"])
    clock = reminder["local_due_at"][11:16]
    assert stored["push_body"] == f"{reminder['body']} Due {clock} · 16.9 fl oz at 72 °F."


def test_events_finish_the_reminders_they_answer(client, me):
    batch_id = new_batch(client, me)
    check, strain, feed, burp1, bottle = confirm(client, me, batch_id, "check", "strain",
                                                 "feed", "burp", "bottle")
    burp2 = confirm(client, me, batch_id, "burp", hours=3)[0]
    custom = confirm(client, me, batch_id, "custom")[0]
    strained = log(client, me, batch_id, "strained")
    now = mine(client, me)
    for r in (check, strain, feed):
        got = now[r["reminder_id"]]
        assert got["status"] == "done" and got["done_by_event_id"] == strained["event_id"]
        assert got["done_at"] is not None
    assert {now[r["reminder_id"]]["status"] for r in (burp1, burp2, bottle, custom)} == {
        "pending"}
    log(client, me, batch_id, "burped")
    now = mine(client, me)
    assert (now[burp1["reminder_id"]]["status"], now[burp2["reminder_id"]]["status"]) == (
        "done", "pending")
    log(client, me, batch_id, "bottled")
    assert mine(client, me)[bottle["reminder_id"]]["status"] == "done"
    log(client, me, batch_id, "completed")
    now = mine(client, me)
    assert {now[r["reminder_id"]]["status"] for r in (burp2, custom)} == {"cancelled"}
    assert now[custom["reminder_id"]]["done_by_event_id"] is None


def test_no_push_goes_out_for_a_reminder_finished_while_the_processor_runs(
        app, client, me, wiring):
    """Threads log `strained` on 12 batches while others run processor passes over their
    due strain reminders: each reminder ends either done (and was never pushed) or sent
    (pushed once, claimed before the event); never both, and none is left pending."""
    client.post("/me/devices", headers=me, json={
        "push_token": "ExponentPushToken[race-phone]", "platform": "ios"})
    batches = [new_batch(client, me) for _ in range(12)]
    reminders = {b: confirm(client, me, b, "strain", hours=0.05)[0] for b in batches}
    push, later = FakePush(), utcnow() + timedelta(hours=1)

    def strain(batch_id):
        answer = app.test_client().post(f"/batches/{batch_id}/events", headers=me,
                                        json={"type": "strained"})
        return answer.status_code

    def run_pass(_):
        return deliver_due(wiring.reminders, wiring.devices, wiring.tickets, push,
                           wiring.deletion_markers, later)

    with ThreadPoolExecutor(max_workers=8) as pool:
        passes, events = [], []
        for batch_id in batches:  # interleaved, so passes and events overlap throughout
            passes.append(pool.submit(run_pass, batch_id))
            events.append(pool.submit(strain, batch_id))
        assert [e.result() for e in events] == [201] * 12
        [p.result() for p in passes]
    deliver_due(wiring.reminders, wiring.devices, wiring.tickets, push,
                wiring.deletion_markers, later)
    pushed = [m.data["reminder_id"] for m in push.accepted]
    states = mine(client, me)
    for reminder in reminders.values():
        rid = reminder["reminder_id"]
        status = states[rid]["status"]
        assert status in ("done", "sent"), status
        assert pushed.count(rid) == (1 if status == "sent" else 0), (rid, status)


def test_snooze_then_push_again_with_the_new_local_time(client, me, wiring):
    client.patch("/me", headers=me, json={"timezone": "Europe/Berlin"})
    client.post("/me/devices", headers=me, json={
        "push_token": "ExponentPushToken[snooze-phone]", "platform": "ios"})
    batch_id = new_batch(client, me)
    reminder = confirm(client, me, batch_id, "check", hours=0.05)[0]
    push = FakePush()
    deliver_due(wiring.reminders, wiring.devices, wiring.tickets, push,
                wiring.deletion_markers, utcnow() + timedelta(minutes=10))
    assert mine(client, me)[reminder["reminder_id"]]["status"] == "sent"
    answer = client.post(f"/me/reminders/{reminder['reminder_id']}/snooze", headers=me,
                         json={"minutes": 60})
    assert answer.status_code == 200, answer.get_json()
    snoozed = answer.get_json()
    due = parse_iso(snoozed["due_at"])
    assert snoozed["status"] == "pending"
    assert timedelta(minutes=59) < due - utcnow() <= timedelta(minutes=60)
    ours = [m for m in push.accepted if m.data["reminder_id"] == reminder["reminder_id"]]
    deliver_due(wiring.reminders, wiring.devices, wiring.tickets, push,
                wiring.deletion_markers, due - timedelta(seconds=1))
    assert [m for m in push.accepted if m.data["reminder_id"] == reminder["reminder_id"]] \
        == ours
    deliver_due(wiring.reminders, wiring.devices, wiring.tickets, push,
                wiring.deletion_markers, due)
    again = [m for m in push.accepted if m.data["reminder_id"] == reminder["reminder_id"]]
    assert len(again) == 2 and again[-1].category_id == "reminder"
    assert f"Due {snoozed['local_due_at'][11:16]}" in again[-1].body


def test_a_snooze_into_quiet_hours_moves_to_their_end(client, me):
    now = utcnow()
    start = (now + timedelta(minutes=30)).strftime("%H:%M")
    end = (now + timedelta(hours=3)).strftime("%H:%M")
    client.patch("/me", headers=me, json={"quiet_hours": {"start": start, "end": end}})
    batch_id = new_batch(client, me)
    reminder = confirm(client, me, batch_id, "check")[0]
    snoozed = client.post(f"/me/reminders/{reminder['reminder_id']}/snooze", headers=me,
                          json={"minutes": 60}).get_json()
    assert snoozed["due_at"][11:16] == end


@pytest.mark.parametrize("minutes", [4, 1441, "60", None, 12.5])
def test_snooze_minutes_outside_5_to_1440_are_422(client, me, minutes):
    batch_id = new_batch(client, me)
    reminder = confirm(client, me, batch_id, "check")[0]
    answer = client.post(f"/me/reminders/{reminder['reminder_id']}/snooze", headers=me,
                         json={"minutes": minutes})
    assert answer.status_code == 422 and "minutes" in answer.get_json()["error"]["details"]
    assert mine(client, me)[reminder["reminder_id"]]["due_at"] == reminder["due_at"]


def test_done_logs_the_matching_event_and_the_batch_follows(client, me):
    batch_id = new_batch(client, me)
    bottle, check = confirm(client, me, batch_id, "bottle", "check")
    answer = client.post(f"/me/reminders/{bottle['reminder_id']}/done", headers=me)
    assert answer.status_code == 200, answer.get_json()
    body = answer.get_json()
    assert body["reminder"]["status"] == "done" and body["event"]["type"] == "bottled"
    assert body["reminder"]["done_by_event_id"] == body["event"]["event_id"]
    batch = client.get(f"/batches/{batch_id}", headers=me).get_json()
    assert batch["status"] == "second_ferment"
    assert batch["recent_events"][0]["event_id"] == body["event"]["event_id"]
    plain = client.post(f"/me/reminders/{check['reminder_id']}/done", headers=me).get_json()
    assert plain["event"] is None and plain["reminder"]["status"] == "done"


def test_done_and_snooze_replay_with_an_idempotency_key(client, me):
    batch_id = new_batch(client, me)
    strain = confirm(client, me, batch_id, "strain")[0]
    headers = {**me, "Idempotency-Key": f"done-{strain['reminder_id']}"}
    first = client.post(f"/me/reminders/{strain['reminder_id']}/done", headers=headers)
    again = client.post(f"/me/reminders/{strain['reminder_id']}/done", headers=headers)
    assert first.status_code == again.status_code == 200
    assert again.headers["Idempotent-Replayed"] == "true"
    assert again.get_json() == first.get_json()
    events = client.get(f"/batches/{batch_id}/events", headers=me).get_json()["items"]
    assert [e["type"] for e in events] == ["strained"]


def test_snooze_and_done_refuse_finished_reminders(client, me):
    batch_id = new_batch(client, me)
    cancelled, done = confirm(client, me, batch_id, "check", "feed")
    client.delete(f"/me/reminders/{cancelled['reminder_id']}", headers=me)
    client.post(f"/me/reminders/{done['reminder_id']}/done", headers=me)
    events_before = client.get(f"/batches/{batch_id}/events", headers=me).get_json()
    for reminder, status in ((cancelled, "cancelled"), (done, "done")):
        for action, body in (("snooze", {"minutes": 30}), ("done", None)):
            answer = client.post(f"/me/reminders/{reminder['reminder_id']}/{action}",
                                 headers=me, json=body)
            assert answer.status_code == 409, (action, status)
            error = answer.get_json()["error"]
            assert error["code"] == "invalid_state" and error["details"]["status"] == status
    assert client.get(f"/batches/{batch_id}/events", headers=me).get_json() == events_before


@pytest.mark.parametrize("action, body", [("snooze", {"minutes": 30}), ("done", None)])
def test_another_users_reminder_is_404_and_untouched(client, me, other, action, body):
    batch_id = new_batch(client, me)
    reminder = confirm(client, me, batch_id, "strain")[0]
    assert_isolated(
        other, lambda who, rid: client.post(f"/me/reminders/{rid}/{action}", headers=who,
                                          json=body),
        lambda: (mine(client, me)[reminder["reminder_id"]],
                 client.get(f"/batches/{batch_id}/events", headers=me).get_json()),
        reminder["reminder_id"])
