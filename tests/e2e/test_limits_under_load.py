"""The per-account limits of issue 14 over HTTP, against a running local server, with
parallel requests: a burst of device registrations and a burst of reminder confirmations.
Each answer is a 201 or the limit's 409 (after the retries a client makes on a 503, which
the local emulator can answer under parallel load), and the counts hold."""
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta

import pytest
import requests

from kefir.clock import to_iso, utcnow
from tests.helpers import assert_cap_held, retrying

pytestmark = pytest.mark.e2e


def test_a_burst_of_device_registrations_stops_at_ten(api, unique):
    me = api.sign_in(f"{unique}@example.com")

    def register(n):
        return retrying(lambda: requests.post(api.url("/me/devices"), headers=me.headers,
                                              timeout=30, json={
            "push_token": f"ExponentPushToken[burst-{unique}-{n}]", "platform": "ios"}))

    with ThreadPoolExecutor(12) as pool:
        answers = list(pool.map(register, range(24)))
    # A retried registration that had in fact been written answers 200: the same device.
    statuses = sorted(201 if a.status_code == 200 else a.status_code for a in answers)
    assert statuses == [201] * 10 + [409] * 14, [a.text for a in answers if a.status_code >= 500]
    assert all(a.json()["error"]["details"] == {"limit": 10}
               for a in answers if a.status_code == 409)
    listed = me.http.get(api.url("/me/devices?limit=100"), timeout=10).json()
    assert len(listed["items"]) == 10 and listed["next_cursor"] is None


def test_a_burst_of_confirmations_keeps_the_pending_cap(api, unique):
    me = api.sign_in(f"{unique}@example.com")
    batch = me.http.post(api.url("/batches"), json={"name": "Burst", "kind": "water"},
                         timeout=10).json()
    soon = utcnow() + timedelta(hours=2)
    url = api.url(f"/batches/{batch['batch_id']}/reminders/confirm")

    def confirm(n):
        items = [{"kind": "check", "due_at": to_iso(soon + timedelta(minutes=10 * n + m))}
                 for m in range(8)]
        return retrying(lambda: requests.post(url, json={"items": items}, timeout=30, headers={
            **me.headers, "Idempotency-Key": f"burst-{n}"}))

    with ThreadPoolExecutor(6) as pool:
        answers = list(pool.map(confirm, range(6)))
    mine = me.http.get(api.url("/me/reminders?status=pending&limit=100"), timeout=10).json()
    assert_cap_held([a.status_code for a in answers],
                    len([r for r in mine["items"] if r["batch_id"] == batch["batch_id"]]))
