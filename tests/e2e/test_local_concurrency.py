"""Local mode under a parallel burst (issue 14, finding 7): every request answers, and
every write lands exactly once. Before the emulator serialised DynamoDB, moto's
transactions raced reads of missing keys: 500s, and writes that answered an error but
had happened."""
from __future__ import annotations

from collections import Counter
from concurrent.futures import ThreadPoolExecutor

USERS = 20
DEVICES_PER_USER = 5   # each registered twice at once: 200 registrations
EVENTS_PER_USER = 10   # 200 event writes, interleaved with the registrations
THREADS = 32


def test_a_parallel_burst_loses_and_doubles_nothing(api, unique):
    users = [api.sign_in(f"burst-{unique}-{n}@example.com") for n in range(USERS)]
    batches = {}
    for user in users:
        created = user.http.post(api.url("/batches"), timeout=10, json={
            "name": "burst", "kind": "milk", "grains_g": 15, "liquid_ml": 500})
        assert created.status_code == 201, created.text
        batches[user.email] = created.json()["batch_id"]

    def register(user, n):
        return user.http.post(api.url("/me/devices"), timeout=60, json={
            "push_token": f"ExponentPushToken[burst-{unique}-{user.user_id[:8]}-{n}]",
            "platform": "android"})

    def add_event(user, n):
        return user.http.post(api.url(f"/batches/{batches[user.email]}/events"), timeout=60,
                              json={"type": "note", "note": f"event {n}"})

    calls = [(register, user, n) for user in users for n in range(DEVICES_PER_USER)] * 2
    calls += [(add_event, user, n) for user in users for n in range(EVENTS_PER_USER)]
    calls.sort(key=lambda call: hash((call[1].email, call[2], call[0].__name__)))
    with ThreadPoolExecutor(THREADS) as pool:
        answers = list(pool.map(lambda call: call[0](call[1], call[2]), calls))

    statuses = Counter(answer.status_code for answer in answers)
    assert set(statuses) <= {200, 201}, {a.request.url: a.text for a in answers
                                         if a.status_code not in (200, 201)}
    for user in users:
        devices = user.http.get(api.url("/me/devices"), timeout=10).json()["items"]
        assert len(devices) == DEVICES_PER_USER, user.email
        events = user.http.get(api.url(f"/batches/{batches[user.email]}/events"),
                               params={"limit": 50}, timeout=10).json()["items"]
        notes = sorted(event["note"] for event in events)
        assert notes == sorted(f"event {n}" for n in range(EVENTS_PER_USER)), user.email
