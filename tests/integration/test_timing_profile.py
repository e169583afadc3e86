"""The owner's timing profile: strained batches personalise suggestions, and reading them
costs the same with 2 past batches as with 12."""
from datetime import timedelta

from kefir.clock import to_iso, utcnow


def jar(client, headers, started):
    answer = client.post("/batches", headers=headers, json={
        "name": "Jar", "kind": "milk", "grains_g": 20, "liquid_ml": 500, "temperature_c": 22,
        "started_at": to_iso(started)})
    assert answer.status_code == 201
    return answer.get_json()["batch_id"]


def strained_after(client, headers, hours, days_ago):
    started = utcnow() - timedelta(days=days_ago)
    batch_id = jar(client, headers, started)
    answer = client.post(f"/batches/{batch_id}/events", headers=headers, json={
        "type": "strained", "at": to_iso(started + timedelta(hours=hours))})
    assert answer.status_code == 201


def strain_of(client, headers, batch_id):
    items = client.get(f"/batches/{batch_id}/reminders/suggestions",
                       headers=headers).get_json()["items"]
    return next(s for s in items if s["kind"] == "strain")


def test_strained_batches_speed_up_suggestions_at_a_constant_cost(client, me, wiring,
                                                                  round_trips):
    current = jar(client, me, utcnow() - timedelta(hours=1))
    model = strain_of(client, me, current)
    assert "usually ready" in model["rationale"]

    def measured():
        with round_trips.watching(wiring.aws.dynamodb):
            found = strain_of(client, me, current)
        counts = (dict(round_trips.calls), round_trips.items_read)
        round_trips.reset()
        return found, counts

    for n in range(2):
        strained_after(client, me, hours=12, days_ago=2 + n)
    two, cost_two = measured()
    for n in range(10):
        strained_after(client, me, hours=12, days_ago=4 + n)
    twelve, cost_twelve = measured()
    assert cost_two == cost_twelve
    assert cost_two[0] == {"Query": 1, "GetItem": 2} and cost_two[1] <= 3
    # Batches ready in 12 h pull the ~21 h model earlier, more so with more of them.
    assert twelve["due_at"] < two["due_at"] < model["due_at"]
    assert "your last 10 batches point" in twelve["rationale"]


def test_the_batch_itself_and_other_kinds_do_not_count(client, me):
    water = client.post("/batches", headers=me, json={"name": "W", "kind": "water"}
                        ).get_json()["batch_id"]
    client.post(f"/batches/{water}/events", headers=me, json={"type": "strained"})
    current = jar(client, me, utcnow() - timedelta(hours=1))
    before = strain_of(client, me, current)
    client.post(f"/batches/{current}/events", headers=me, json={
        "type": "strained", "at": to_iso(utcnow() - timedelta(minutes=30))})
    client.post(f"/batches/{current}/events", headers=me, json={"type": "fed"})
    after = strain_of(client, me, current)
    assert "usually ready" in before["rationale"] and "usually ready" in after["rationale"]
