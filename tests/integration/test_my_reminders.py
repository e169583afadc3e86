"""Listing and cancelling my reminders over the in-process app."""
import uuid
from datetime import timedelta

import pytest

from kefir.clock import to_iso, utcnow
from kefir.domain.reminders import new_reminder_id
from kefir.store import keys


@pytest.fixture
def people(me, other, client):
    headers = {"ana": me, "ben": other}
    ids = {name: client.get("/me", headers=h).get_json()["user_id"] for name, h in headers.items()}
    return headers, ids


def add_reminders(wiring, owner, dues, status="pending"):
    store = wiring.reminders
    batch_id = uuid.uuid4().hex
    wiring.table.put({**keys.batch_key(batch_id), "owner": owner})
    made = []
    for due in dues:
        reminder = {"reminder_id": new_reminder_id(due), "owner": owner, "batch_id": batch_id,
                    "kind": "check", "due_at": to_iso(due), "title": "Check", "body": "Look.",
                    "status": status, "created_at": to_iso(utcnow())}
        store.create([reminder], seen_seq=store.pending_snapshot(batch_id)[1])
        made.append(reminder)
    return made


def test_my_reminders_come_soonest_first_in_pages(client, wiring, people):
    headers, ids = people
    now = utcnow()
    dues = [now + timedelta(hours=h) for h in (30, 2, 50, 7, 1)]
    add_reminders(wiring, ids["ana"], dues)
    add_reminders(wiring, ids["ben"], [now + timedelta(hours=3)])
    seen, cursor = [], None
    while True:
        url = "/me/reminders?limit=2" + (f"&cursor={cursor}" if cursor else "")
        page = client.get(url, headers=headers["ana"]).get_json()
        seen += page["items"]
        cursor = page["next_cursor"]
        if not cursor:
            break
    assert [r["due_at"] for r in seen] == sorted(to_iso(d) for d in dues)
    assert set(seen[0]) == {"reminder_id", "batch_id", "kind", "due_at", "title", "body",
                            "status", "sent_at", "created_at", "local_due_at", "done_at",
                            "done_by_event_id"}
    assert {r["status"] for r in seen} == {"pending"}


def test_status_filter_and_a_foreign_cursor(client, wiring, people):
    headers, ids = people
    now = utcnow()
    mine = add_reminders(wiring, ids["ana"], [now + timedelta(hours=1), now + timedelta(hours=2)])
    client.delete(f"/me/reminders/{mine[0]['reminder_id']}", headers=headers["ana"])
    cancelled = client.get("/me/reminders?status=cancelled", headers=headers["ana"]).get_json()
    assert [r["reminder_id"] for r in cancelled["items"]] == [mine[0]["reminder_id"]]
    pending = client.get("/me/reminders?status=pending", headers=headers["ana"]).get_json()
    assert [r["reminder_id"] for r in pending["items"]] == [mine[1]["reminder_id"]]
    first = client.get("/me/reminders?limit=1", headers=headers["ana"]).get_json()
    stolen = client.get(f"/me/reminders?limit=1&cursor={first['next_cursor']}",
                        headers=headers["ben"])
    assert stolen.status_code == 400 and stolen.get_json()["error"]["code"] == "invalid_cursor"
    assert client.get("/me/reminders?status=sending", headers=headers["ana"]).status_code == 422


def test_cancel_is_idempotent_and_only_for_pending(client, wiring, people):
    headers, ids = people
    (reminder,) = add_reminders(wiring, ids["ana"], [utcnow() + timedelta(hours=1)])
    url = f"/me/reminders/{reminder['reminder_id']}"
    assert client.delete(url, headers=headers["ana"]).status_code == 204
    assert client.delete(url, headers=headers["ana"]).status_code == 204
    state = wiring.reminders.get(ids["ana"], reminder["reminder_id"])
    assert state["status"] == "cancelled" and keys.GSI1PK not in state
    assert wiring.reminders.pending_count(reminder["batch_id"]) == 0
    (sent,) = add_reminders(wiring, ids["ana"], [utcnow() + timedelta(hours=1)], status="sent")
    wiring.table.update(keys.reminder_key(ids["ana"], sent["reminder_id"]),
                        "REMOVE GSI1PK, GSI1SK")
    answer = client.delete(f"/me/reminders/{sent['reminder_id']}", headers=headers["ana"])
    assert answer.status_code == 409 and answer.get_json()["error"]["code"] == "conflict"


def test_another_users_reminder_is_404_and_untouched(client, wiring, people):
    headers, ids = people
    (reminder,) = add_reminders(wiring, ids["ana"], [utcnow() + timedelta(hours=1)])
    foreign = client.delete(f"/me/reminders/{reminder['reminder_id']}", headers=headers["ben"])
    unknown = client.delete(f"/me/reminders/{new_reminder_id(utcnow())}", headers=headers["ben"])
    assert foreign.status_code == unknown.status_code == 404
    assert foreign.get_json() == unknown.get_json()
    state = wiring.reminders.get(ids["ana"], reminder["reminder_id"])
    assert state["status"] == "pending"
