"""Suggestions and confirming reminders, over the in-process app with real batches."""
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta

from kefir.clock import parse_iso, to_iso, utcnow
from kefir.store import keys
from kefir.store.reminders import ReminderStore
from tests.helpers import assert_cap_held, assert_isolated, new_batch, retrying


def started(client, headers, hours_ago=2, **fields) -> str:
    """The id of a milk jar with known grains, milk and room, started `hours_ago`."""
    fields = {"grains_g": 20, "liquid_ml": 500, "temperature_c": 22,
              "started_at": to_iso(utcnow() - timedelta(hours=hours_ago)), **fields}
    return new_batch(client, headers, **fields)["batch_id"]


def event(client, headers, batch_id, **body):
    answer = client.post(f"/batches/{batch_id}/events", json=body, headers=headers)
    assert answer.status_code == 201, answer.get_json()


def suggestions(client, headers, batch_id):
    answer = client.get(f"/batches/{batch_id}/reminders/suggestions", headers=headers)
    assert answer.status_code == 200, answer.get_json()
    return answer.get_json()["items"]


def by_kind(items):
    return {s["kind"]: s for s in items}


def test_suggestions_refresh_when_a_temperature_reading_arrives(client, me):
    batch_id = started(client, me)
    before = by_kind(suggestions(client, me, batch_id))
    assert set(before) == {"check", "strain"}
    assert set(before["strain"]) == {"suggestion_id", "kind", "due_at", "title", "body",
                                     "rationale", "overdue", "local_due_at", "shifted"}
    assert "22 °C" in before["strain"]["rationale"]
    event(client, me, batch_id, type="temperature", temperature_c=27)
    after = by_kind(suggestions(client, me, batch_id))
    assert after["strain"]["due_at"] < before["strain"]["due_at"]
    assert "27 °C" in after["strain"]["rationale"]


def test_the_users_own_finished_batches_shift_the_estimate(client, me, other):
    for headers in (me, other):
        started(client, headers)
    plain = by_kind(suggestions(client, other, started(client, other)))["strain"]
    for _ in range(3):
        old = started(client, me, hours_ago=60)
        event(client, me, old, type="strained",
              at=to_iso(utcnow() - timedelta(hours=60 - 12)))
        event(client, me, old, type="completed")
    mine = by_kind(suggestions(client, me, started(client, me)))["strain"]
    assert mine["due_at"] < plain["due_at"]
    assert "your last 3 batches" in mine["rationale"]


def test_water_kefir_in_second_ferment_gets_burp_and_refrigerate(client, me):
    batch_id = started(client, me, kind="water", temperature_c=25, grains_g=60,
                         liquid_ml=1000)
    event(client, me, batch_id, type="bottled")
    kinds = [s["kind"] for s in suggestions(client, me, batch_id)]
    assert "refrigerate" in kinds and "burp" in kinds


def test_an_overdue_batch_is_flagged(client, me):
    items = suggestions(client, me, started(client, me, hours_ago=100))
    assert len(items) == 1 and items[0]["overdue"] is True
    assert parse_iso(items[0]["due_at"]) > utcnow()


def test_confirm_suggestions_and_a_custom_reminder(client, me):
    batch_id = started(client, me)
    offered = suggestions(client, me, batch_id)
    due = to_iso(utcnow() + timedelta(days=2))
    answer = client.post(f"/batches/{batch_id}/reminders/confirm", headers=me, json={"items": [
        *({"suggestion_id": s["suggestion_id"]} for s in offered),
        {"kind": "feed", "due_at": due, "title": "Feed the grains"}]})
    assert answer.status_code == 201, answer.get_json()
    made = answer.get_json()["items"]
    assert [(r["kind"], r["due_at"]) for r in made[:-1]] == \
        [(s["kind"], s["due_at"]) for s in offered]
    assert made[-1]["title"] == "Feed the grains" and made[-1]["due_at"] == due
    assert {r["status"] for r in made} == {"pending"} and all(r["sent_at"] is None for r in made)
    listed = client.get("/me/reminders?status=pending", headers=me).get_json()["items"]
    assert [r["reminder_id"] for r in listed] == \
        [r["reminder_id"] for r in sorted(made, key=lambda r: r["due_at"])]


BAD_ITEMS = [
    ({"kind": "check", "due_at": "2020-01-01T00:00:00Z"}, "due_at"),
    ({"kind": "check", "due_at": to_iso(utcnow() + timedelta(days=61))}, "due_at"),
    ({"suggestion_id": "strain-20200101T0000Z"}, "suggestion_id"),
    ({"suggestion_id": "pwn-20991231T0000Z"}, "suggestion_id"),
]
MISSHAPEN = [
    {"suggestion_id": "check-20991231T0000Z", "kind": "check"},
    {"kind": "check"},
    {"due_at": "2099-01-01T00:00:00Z"},
    {"kind": "nap", "due_at": "2099-01-01T00:00:00Z"},
]


def test_confirm_refuses_bad_items_and_writes_nothing(client, me):
    batch_id = started(client, me)
    url = f"/batches/{batch_id}/reminders/confirm"
    good = {"kind": "check", "due_at": to_iso(utcnow() + timedelta(hours=3))}
    for item, field in BAD_ITEMS:
        answer = client.post(url, headers=me, json={"items": [good, item]})
        assert answer.status_code == 422, item
        assert field in answer.get_json()["error"]["details"]["items"]["1"]
    for item in MISSHAPEN:
        assert client.post(url, headers=me, json={"items": [item]}).status_code == 422, item
    assert client.post(url, headers=me, json={"items": []}).status_code == 422
    assert client.get("/me/reminders", headers=me).get_json()["items"] == []


def test_at_most_20_pending_reminders_per_batch(client, me, wiring):
    batch_id = started(client, me)
    soon = utcnow() + timedelta(hours=1)
    items = [{"kind": "check", "due_at": to_iso(soon + timedelta(minutes=n))} for n in range(20)]
    url = f"/batches/{batch_id}/reminders/confirm"
    made = client.post(url, headers=me, json={"items": items}).get_json()["items"]
    assert len(made) == 20
    over = client.post(url, headers=me, json={"items": items[:1]})
    assert over.status_code == 409
    assert over.get_json()["error"]["code"] == "limit_reached"
    assert over.get_json()["error"]["details"] == {"limit": 20}
    client.delete(f"/me/reminders/{made[0]['reminder_id']}", headers=me)
    assert client.post(url, headers=me, json={"items": items[:1]}).status_code == 201


def test_confirm_honours_idempotency_key(client, me):
    batch_id = started(client, me)
    body = {"items": [{"kind": "check", "due_at": to_iso(utcnow() + timedelta(hours=3))}]}
    headers = {**me, "Idempotency-Key": "confirm-once"}
    url = f"/batches/{batch_id}/reminders/confirm"
    first = client.post(url, headers=headers, json=body)
    again = client.post(url, headers=headers, json=body)
    assert first.status_code == again.status_code == 201
    assert again.get_json() == first.get_json()
    assert again.headers["Idempotent-Replayed"] == "true"
    assert len(client.get("/me/reminders", headers=me).get_json()["items"]) == 1


def test_another_users_batch_is_404_for_suggestions_and_confirm(client, me, other):
    batch_id = started(client, me)
    due = to_iso(utcnow() + timedelta(hours=3))

    def snapshot():
        return (client.get("/me/reminders", headers=me).get_json(),
                suggestions(client, me, batch_id))

    assert_isolated(other, lambda who, bid: client.get(
        f"/batches/{bid}/reminders/suggestions", headers=who), snapshot, batch_id)
    assert_isolated(other, lambda who, bid: client.post(
        f"/batches/{bid}/reminders/confirm", headers=who,
        json={"items": [{"kind": "check", "due_at": due}]}), snapshot, batch_id)
    assert client.get("/me/reminders", headers=other).get_json()["items"] == []


def test_deleting_the_batch_takes_its_pending_reminders(client, me, wiring):
    batch_id = started(client, me)
    due = to_iso(utcnow() + timedelta(hours=3))
    client.post(f"/batches/{batch_id}/reminders/confirm", headers=me,
                json={"items": [{"kind": "check", "due_at": due}]})
    assert client.delete(f"/batches/{batch_id}", headers=me).status_code == 204
    assert client.get("/me/reminders", headers=me).get_json()["items"] == []
    assert wiring.table.query("PK = :pk", values={":pk": keys.batch_pk(batch_id)},
                              consistent=True).items == []


def test_the_pending_cap_holds_under_parallel_confirms(app, me, wiring):
    # Issue 14, finding 5: five parallel confirms of eight reminders each left 40 pending
    # when the cap was a read and then a write.
    batch_id = new_batch(app.test_client(), me)["batch_id"]
    soon = utcnow() + timedelta(hours=1)
    url = f"/batches/{batch_id}/reminders/confirm"

    def confirm(n):
        items = [{"kind": "check", "due_at": to_iso(soon + timedelta(minutes=10 * n + m))}
                 for m in range(8)]
        return retrying(lambda: app.test_client().post(
            url, json={"items": items}, headers={**me, "Idempotency-Key": f"burst-{n}"}))

    with ThreadPoolExecutor(5) as pool:
        answers = list(pool.map(confirm, range(5)))
    assert_cap_held([a.status_code for a in answers],
                    ReminderStore(wiring.table).pending_count(batch_id))
    listed = app.test_client().get("/me/reminders?limit=100", headers=me).get_json()["items"]
    assert len([r for r in listed if r["batch_id"] == batch_id]) == \
        ReminderStore(wiring.table).pending_count(batch_id)

