"""DELETE /me: access cut at once, then a resumable sweep that leaves nothing behind."""
from __future__ import annotations

import json
from datetime import timedelta

import pytest

from kefir.clock import to_iso, utcnow
from kefir.services.budget import Budget
from kefir.jobs.reminders import run_once
from kefir.photos import new_photo_key
from kefir.services.account import SWEEP_GRACE
from kefir.store.accounts import DeletionMarkers
from kefir.store import keys
from tests.helpers import Outage, every_item


@pytest.fixture(autouse=True)
def no_backoff(monkeypatch):
    from botocore.retries.standard import ExponentialBackoff
    monkeypatch.setattr(ExponentialBackoff, "delay_amount", lambda self, context: 0)


class Account:
    """A signed-in user with a public batch, a photo, events, a device and a due reminder."""

    def __init__(self, client, wiring, auth, email: str, batches: int = 1):
        self.client, self.wiring, self.email = client, wiring, email
        self.headers = auth.headers(email)
        me = client.get("/me", headers=self.headers).get_json()
        self.user_id = me["user_id"]
        self.token = f"ExponentPushToken[gone-{self.user_id[:12]}]"
        device = client.post("/me/devices", headers=self.headers,
                             json={"push_token": self.token, "platform": "ios"})
        assert device.status_code == 201
        self.device_id = device.get_json()["device_id"]
        self.batch_ids, self.photo_keys = [], []
        for n in range(batches):
            self._batch(n)
        self.due = utcnow() + timedelta(minutes=10)
        confirmed = client.post(f"/batches/{self.batch_ids[0]}/reminders/confirm",
                                headers=self.headers, json={"items": [
                                    {"kind": "custom", "due_at": to_iso(self.due),
                                     "title": "Strain it"}]})
        assert confirmed.status_code == 201, confirmed.get_json()

    def _batch(self, n: int) -> None:
        batch = self.client.post("/batches", headers=self.headers, json={
            "name": f"Jar {n}", "kind": "milk", "is_public": True}).get_json()
        batch_id = batch["batch_id"]
        key = new_photo_key(self.user_id, batch_id)
        self.wiring.aws.s3.put_object(Bucket=self.wiring.settings.photo_bucket, Key=key,
                                      Body=b"\xff\xd8 jpeg bytes", ContentType="image/jpeg")
        for event in ({"type": "fed"}, {"type": "photo", "photo_key": key},
                      {"type": "note", "note": "smells right"}):
            answer = self.client.post(f"/batches/{batch_id}/events", headers=self.headers,
                                      json=event)
            assert answer.status_code == 201, answer.get_json()
        self.batch_ids.append(batch_id)
        self.photo_keys.append(key)

    def delete(self):
        return self.client.delete("/me", headers=self.headers)

    def traces(self) -> list[str]:
        """Every item of the table and object of the bucket that mentions this account."""
        needles = [self.user_id, self.email, self.device_id, *self.batch_ids]
        marker = self.wiring.deletion_markers.get(self.user_id)
        found = [f"{item['PK']} {item['SK']}" for item in every_item(self.wiring.table)
                 if item != marker and any(n in json.dumps(item, default=str) for n in needles)]
        bucket = self.wiring.settings.photo_bucket
        for page in self.wiring.aws.s3.get_paginator("list_objects_v2").paginate(Bucket=bucket):
            for obj in page.get("Contents", []):
                if any(obj["Key"].startswith(p) for p in self._prefixes()):
                    found.append(obj["Key"])
        return found

    def _prefixes(self) -> list[str]:
        from kefir.photos import account_prefixes
        return list(account_prefixes(self.user_id))

    def cognito_user_exists(self) -> bool:
        cognito = self.wiring.aws.cognito
        try:
            user = cognito.admin_get_user(UserPoolId=self.wiring.settings.user_pool_id,
                                          Username=self.email)
        except cognito.exceptions.UserNotFoundException:
            return False
        attributes = {a["Name"]: a["Value"] for a in user["UserAttributes"]}
        return attributes.get("sub") == self.user_id


@pytest.fixture
def account(client, wiring, auth, unique):
    return Account(client, wiring, auth, f"leaving-{unique}@example.com")


def sweep_time():
    return utcnow() + SWEEP_GRACE + timedelta(seconds=1)


def test_access_is_cut_at_once(client, account):
    assert account.delete().status_code == 204
    for path in ("/me", "/batches", f"/batches/{account.batch_ids[0]}", "/me/reminders",
                 "/me/devices", "/export.csv"):
        answer = client.get(path, headers=account.headers)
        assert answer.status_code == 401, path
        assert answer.get_json()["error"]["code"] == "unauthorized"
    assert account.delete().status_code == 401
    public = client.get(f"/public/b/{account.batch_ids[0]}",
                        headers={"Accept": "application/json"})
    assert public.status_code == 404
    assert not account.cognito_user_exists()


def test_other_accounts_are_untouched(client, account, auth, unique):
    other = auth.headers(f"staying-{unique}@example.com")
    kept = client.post("/batches", headers=other, json={"name": "Mine", "kind": "water",
                                                        "is_public": True}).get_json()
    account.delete()
    run_once(account.wiring, sweep_time())
    assert client.get(f"/batches/{kept['batch_id']}", headers=other).status_code == 200
    assert client.get(f"/public/b/{kept['batch_id']}",
                      headers={"Accept": "application/json"}).status_code == 200


def test_a_due_reminder_of_a_deleted_account_is_never_pushed(client, wiring, account):
    account.delete()
    run_once(wiring, account.due + timedelta(seconds=1))
    outbox = wiring.settings.push_outbox_path
    pushed = outbox.read_text() if outbox.exists() else ""
    assert account.token not in pushed


def test_signing_in_again_starts_a_new_empty_account(client, wiring, account):
    account.delete()
    challenge = wiring.auth.login(account.email, "203.0.113.9")
    code = [json.loads(line) for line in wiring.settings.outbox_path.read_text().splitlines()
            if account.email in line][-1]["code"]
    tokens = wiring.auth.verify(account.email, challenge.session, code, "203.0.113.9")
    headers = {"Authorization": f"Bearer {tokens.access_token}"}
    me = client.get("/me", headers=headers).get_json()
    assert me["user_id"] != account.user_id and me["email"] == account.email
    assert client.get("/batches", headers=headers).get_json()["items"] == []
    assert client.get("/me/devices", headers=headers).get_json()["items"] == []
    # The sweep of the old account leaves the new one, and its sign-in, alone.
    run_once(wiring, sweep_time())
    assert client.get("/me", headers=headers).status_code == 200
    new_profile = keys.profile_key(me["user_id"])
    assert account.traces() == [f"{new_profile['PK']} {new_profile['SK']}"]  # its email


def test_the_sweep_removes_every_item_and_object(account):
    assert account.traces()
    account.delete()
    run_once(account.wiring, utcnow())  # before the grace period: nothing swept yet
    assert account.traces()
    run_once(account.wiring, sweep_time())
    assert account.traces() == []
    marker = account.wiring.deletion_markers.get(account.user_id)
    assert marker["swept_at"] and "username" not in marker and "GSI1PK" not in marker


class Killed(BaseException):
    """The function dying mid-step (a timeout or a crash), not an error it could catch."""


def test_a_sweep_killed_part_way_is_finished_by_a_later_pass(client, wiring, auth, unique):
    account = Account(client, wiring, auth, f"killed-{unique}@example.com", batches=3)
    account.delete()
    writes = {"left": 3}

    def die_after_some_writes(event_name, **_):
        if writes["left"] == 0:
            raise Killed()
        writes["left"] -= 1

    dynamodb = wiring.aws.dynamodb
    dynamodb.meta.events.register("before-send.dynamodb.BatchWriteItem", die_after_some_writes,
                                  unique_id="kill-sweep")
    try:
        with pytest.raises(Killed):
            run_once(wiring, sweep_time())
    finally:
        dynamodb.meta.events.unregister("before-send.dynamodb.BatchWriteItem",
                                        unique_id="kill-sweep")
    half_gone = account.traces()
    assert half_gone, "the sweep was killed before it removed anything"
    assert client.get(f"/batches/{account.batch_ids[0]}", headers=account.headers
                      ).status_code == 401
    # The dead pass's claim holds the sweep until its lease ends; then a pass finishes it.
    run_once(wiring, sweep_time())
    assert account.traces() == half_gone
    run_once(wiring, sweep_time() + timedelta(minutes=5))
    assert account.traces() == []


def test_a_throttled_sweep_stops_and_resumes_where_it_stopped(client, wiring, auth, unique):
    account = Account(client, wiring, auth, f"throttled-{unique}@example.com", batches=2)
    account.delete()
    with Outage(wiring.aws.s3, "SlowDown", status=503, operations={"DeleteObjects"}):
        run_once(wiring, sweep_time())
    marker = wiring.deletion_markers.get(account.user_id)
    assert marker["stage"] == "files" and "swept_at" not in marker
    assert set(account.traces()) == set(account.photo_keys)
    run_once(wiring, sweep_time() + timedelta(minutes=5))
    assert account.traces() == []


def test_a_pass_out_of_budget_leaves_the_rest_for_the_next(client, wiring, auth, unique):
    account = Account(client, wiring, auth, f"budget-{unique}@example.com", batches=3)
    account.delete()
    ticks = iter(range(1000))
    run_once(wiring, sweep_time(), Budget(2, clock=lambda: next(ticks)))
    marker = wiring.deletion_markers.get(account.user_id)
    assert "swept_at" not in marker and account.traces()
    run_once(wiring, sweep_time() + timedelta(minutes=1))  # the next pass, a minute later
    assert account.traces() == []


def test_the_marker_is_read_once_per_user_every_few_seconds(wiring, unique, round_trips):
    now = [1000.0]
    markers = DeletionMarkers(wiring.table, cache_s=5, clock=lambda: now[0])
    elsewhere = DeletionMarkers(wiring.table)  # another warm instance
    with round_trips.watching(wiring.aws.dynamodb):
        assert not markers.is_deleted(unique)
        elsewhere.mark(unique, "x@example.com", deleted_at="2026-11-30T00:00:00Z",
                       sweep_after="2026-11-30T00:01:00Z")
        now[0] += 4.9
        assert not markers.is_deleted(unique)  # still trusting its cache
        now[0] += 0.2
        assert markers.is_deleted(unique)
        now[0] += 3600
        assert markers.is_deleted(unique)  # a deletion, once seen, needs no more reads
    assert round_trips.calls == {"GetItem": 2, "PutItem": 1}
    assert elsewhere.is_deleted(unique)  # the instance that deleted knows at once
