"""Dependencies failing: DynamoDB throttled, S3, Cognito, Secrets Manager, the JWKS and Expo
down. Every endpoint family answers `503 service_unavailable` with `Retry-After` after
botocore's retries, and leaves nothing half-written: what a failed request meant to write
is either wholly there after a retry or not there at all.

Faults are injected at botocore's `before-send` (tests.helpers.Outage), so the client's
own retry policy runs as it would against AWS; its backoff sleeps are skipped.
"""
from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from tests.helpers import Outage, new_batch

THROTTLED = ["ProvisionedThroughputExceededException", "ThrottlingException"]
# kefir.aws asks for standard retries with max_attempts 3, which botocore reads as 3 retries
# after the first try: 4 requests in all.
ATTEMPTS = 4


@pytest.fixture(autouse=True)
def no_backoff(monkeypatch):
    from botocore.retries.standard import ExponentialBackoff
    monkeypatch.setattr(ExponentialBackoff, "delay_amount", lambda self, context: 0)


def assert_unavailable(response):
    assert response.status_code == 503, response.get_data(as_text=True)
    assert response.get_json()["error"]["code"] == "service_unavailable"
    assert int(response.headers["Retry-After"]) >= 1


def events_of(client, me, batch_id):
    return client.get(f"/batches/{batch_id}/events", headers=me).get_json()["items"]


# DynamoDB ---------------------------------------------------------------------------------
@pytest.mark.parametrize("code", THROTTLED)
def test_every_read_retries_then_answers_503(client, wiring, me, batch, code):
    paths = ["/me", "/batches", f"/batches/{batch['batch_id']}",
             f"/batches/{batch['batch_id']}/events",
             f"/batches/{batch['batch_id']}/reminders/suggestions",
             "/me/reminders", "/me/devices"]
    with Outage(wiring.aws.dynamodb, code) as outage:
        for path in paths:
            assert_unavailable(client.get(path, headers=me))
    assert outage.attempts == ATTEMPTS * len(paths)


def test_a_brief_throttle_is_absorbed_by_the_retries(client, wiring, me, batch):
    with Outage(wiring.aws.dynamodb, THROTTLED[0], failures=ATTEMPTS - 1):
        answer = client.get(f"/batches/{batch['batch_id']}", headers=me)
    assert answer.status_code == 200


@pytest.mark.parametrize("code", THROTTLED)
def test_a_failed_event_write_leaves_neither_event_nor_status_change(client, wiring, me,
                                                                    batch, code):
    path = f"/batches/{batch['batch_id']}/events"
    with Outage(wiring.aws.dynamodb, code, operations={"TransactWriteItems"}):
        assert_unavailable(client.post(path, headers=me, json={"type": "bottled"}))
    after = client.get(f"/batches/{batch['batch_id']}", headers=me).get_json()
    assert after["status"] == "fermenting" and after["version"] == batch["version"]
    assert events_of(client, me, batch["batch_id"]) == []


def test_a_cancelled_transaction_for_throttling_is_503_and_writes_nothing(client, wiring, me,
                                                                         batch):
    # DynamoDB reports a throttled transaction as TransactionCanceledException whose
    # reasons say ThrottlingError; it is not retried by botocore, so the table maps it.
    with _cancelled_for_throttling(wiring.aws.dynamodb):
        assert_unavailable(client.post(f"/batches/{batch['batch_id']}/events", headers=me,
                                       json={"type": "fed"}))
    assert events_of(client, me, batch["batch_id"]) == []


def test_failed_creates_and_updates_write_nothing(client, wiring, me, batch):
    before = client.get("/batches", headers=me).get_json()["items"]
    with Outage(wiring.aws.dynamodb, THROTTLED[0], operations={"PutItem", "UpdateItem"}):
        assert_unavailable(client.post("/batches", headers=me,
                                       json={"name": "Never", "kind": "water"}))
        assert_unavailable(client.patch(f"/batches/{batch['batch_id']}", headers=me,
                                        json={"name": "Renamed"}))
    assert client.get("/batches", headers=me).get_json()["items"] == before


def test_a_failed_device_registration_or_reminder_confirmation_writes_nothing(client, wiring,
                                                                             me, batch):
    due = (datetime.now(timezone.utc) + timedelta(hours=3)).isoformat(timespec="seconds")
    with Outage(wiring.aws.dynamodb, THROTTLED[0], operations={"TransactWriteItems"}):
        assert_unavailable(client.post("/me/devices", headers=me, json={
            "push_token": "ExponentPushToken[faults-1]", "platform": "ios"}))
        assert_unavailable(client.post(
            f"/batches/{batch['batch_id']}/reminders/confirm", headers=me,
            json={"items": [{"kind": "strain", "due_at": due}]}))
    assert client.get("/me/devices", headers=me).get_json()["items"] == []
    assert client.get("/me/reminders", headers=me).get_json()["items"] == []


def test_a_failed_cancel_leaves_the_reminder_pending(client, wiring, me, batch):
    due = (datetime.now(timezone.utc) + timedelta(hours=3)).isoformat(timespec="seconds")
    reminder = client.post(f"/batches/{batch['batch_id']}/reminders/confirm", headers=me,
                           json={"items": [{"kind": "strain", "due_at": due}]}
                           ).get_json()["items"][0]
    with Outage(wiring.aws.dynamodb, THROTTLED[0], operations={"TransactWriteItems"}):
        assert_unavailable(client.delete(f"/me/reminders/{reminder['reminder_id']}",
                                         headers=me))
    (after,) = client.get("/me/reminders", headers=me).get_json()["items"]
    assert after["status"] == "pending"


def test_an_interrupted_delete_hides_the_batch_and_a_retry_finishes_it(client, wiring, me,
                                                                       batch):
    batch_id = batch["batch_id"]
    client.post(f"/batches/{batch_id}/events", headers=me, json={"type": "fed"})
    with Outage(wiring.aws.dynamodb, THROTTLED[0], operations={"BatchWriteItem"}):
        assert_unavailable(client.delete(f"/batches/{batch_id}", headers=me))
    assert client.get(f"/batches/{batch_id}", headers=me).status_code == 404
    assert client.delete(f"/batches/{batch_id}", headers=me).status_code == 204
    assert wiring.batches.table.query(
        "PK = :pk", values={":pk": f"BATCH#{batch_id}"}).items == []


def test_login_with_the_table_throttled_is_503(client, wiring, unique):
    with Outage(wiring.aws.dynamodb, THROTTLED[0]):
        assert_unavailable(client.post("/auth/login", json={"email": f"{unique}@example.com"}))


# Idempotency-Key: a retry after a failure does the work exactly once ------------------------
def test_a_retried_keyed_event_after_a_failed_write_is_written_once(client, wiring, me, batch):
    path, key = f"/batches/{batch['batch_id']}/events", {"Idempotency-Key": "faults-retry-1"}
    with Outage(wiring.aws.dynamodb, THROTTLED[0], operations={"TransactWriteItems"}):
        assert_unavailable(client.post(path, headers={**me, **key}, json={"type": "fed"}))
    again = client.post(path, headers={**me, **key}, json={"type": "fed"})
    assert again.status_code == 201
    assert len(events_of(client, me, batch["batch_id"])) == 1


def test_a_keyed_event_whose_answer_could_not_be_recorded_is_still_a_success(
        client, wiring, me, batch):
    # The event is written; only storing the answer for replay fails. Telling the client
    # 503 would make it retry and, once the claim's lease ran out, write a second event.
    path, key = f"/batches/{batch['batch_id']}/events", {"Idempotency-Key": "faults-record-1"}
    with Outage(wiring.aws.dynamodb, THROTTLED[0], operations={"UpdateItem"}):
        first = client.post(path, headers={**me, **key}, json={"type": "fed"})
    assert first.status_code == 201, first.get_data(as_text=True)
    assert len(events_of(client, me, batch["batch_id"])) == 1


# S3 -----------------------------------------------------------------------------------------
def test_a_photo_event_while_storage_is_down_is_503_and_writes_nothing(client, wiring, me,
                                                                       batch):
    batch_id = batch["batch_id"]
    upload = client.post(f"/batches/{batch_id}/photos", headers=me,
                         json={"content_type": "image/jpeg", "size_bytes": 1000}).get_json()
    with Outage(wiring.aws.s3, "SlowDown", status=503):
        assert_unavailable(client.post(f"/batches/{batch_id}/events", headers=me,
                                       json={"type": "photo",
                                             "photo_key": upload["photo_key"]}))
    assert events_of(client, me, batch_id) == []


def test_a_delete_interrupted_by_storage_is_finished_by_a_retry(client, wiring, me, batch):
    with Outage(wiring.aws.s3, "InternalError", status=500) as outage:
        assert_unavailable(client.delete(f"/batches/{batch['batch_id']}", headers=me))
    assert outage.attempts == ATTEMPTS
    assert client.get(f"/batches/{batch['batch_id']}", headers=me).status_code == 404
    assert client.delete(f"/batches/{batch['batch_id']}", headers=me).status_code == 204


def test_an_export_too_big_to_answer_inline_is_503_while_storage_is_down(app, client,
                                                                          wiring, me, batch):
    # The export is uploaded to storage past the inline limit; here, past 1 byte.
    wiring.settings = wiring.settings.with_resources(export_inline_max_bytes=1)
    with Outage(wiring.aws.s3, "SlowDown", status=503):
        assert_unavailable(client.get("/export.csv", headers=me))
    assert client.get("/export.csv", headers=me).status_code == 303


def test_the_public_view_and_the_export_answer_503_with_the_table_throttled(client, wiring,
                                                                            me, batch):
    client.patch(f"/batches/{batch['batch_id']}", headers=me, json={"is_public": True})
    with Outage(wiring.aws.dynamodb, THROTTLED[0]):
        assert_unavailable(client.get(f"/public/b/{batch['batch_id']}",
                                      headers={"Accept": "application/json"}))
        assert_unavailable(client.get("/export.csv", headers=me))


# Cognito, Secrets Manager, the JWKS --------------------------------------------------------
@pytest.mark.parametrize("code,status", [("TooManyRequestsException", 400),
                                         ("InternalErrorException", 500)])
def test_sign_in_calls_answer_503_while_cognito_is_busy(client, wiring, auth, unique, code,
                                                         status):
    email = f"{unique}@example.com"
    tokens = auth.tokens(email)
    headers = {"Authorization": f"Bearer {tokens['AccessToken']}"}
    with Outage(wiring.aws.cognito, code, status=status):
        assert_unavailable(client.post("/auth/login", json={"email": email}))
        assert_unavailable(client.post("/auth/refresh",
                                       json={"refresh_token": tokens["RefreshToken"]}))
        assert_unavailable(client.post("/auth/logout", headers=headers))
        assert_unavailable(client.get("/me", headers=headers))


def test_an_unreadable_secret_is_503_and_is_read_again_later(client, wiring, me):
    with Outage(wiring.aws.secrets, "ThrottlingException"):
        assert_unavailable(client.get("/batches", headers=me))
    assert client.get("/batches", headers=me).status_code == 200


def test_unreachable_signing_keys_are_503(local_settings, auth, unique):
    from kefir import create_app
    app = create_app(local_settings.with_resources(jwks_path="http://127.0.0.1:9/jwks.json"))
    me = auth.headers(f"{unique}@example.com")
    assert_unavailable(app.test_client().get("/me", headers=me))


def _cancelled_for_throttling(dynamodb):
    class Cancelled(Outage):
        def _answer(self, request, event_name, **kwargs):
            if not event_name.endswith("TransactWriteItems"):
                return None
            from botocore.awsrequest import AWSResponse

            from tests.helpers import _Raw
            body = ('{"__type": "TransactionCanceledException", "message": "throttled", '
                    '"CancellationReasons": [{"Code": "ThrottlingError"}, {"Code": "None"}]}')
            return AWSResponse(request.url, 400, {"x-amzn-ErrorType":
                                                  "TransactionCanceledException"},
                               _Raw(body.encode()))
    return Cancelled(dynamodb, "TransactionCanceledException")


# Expo and the processor: a reminder is never lost -------------------------------------------
@pytest.fixture
def private(app, bed):
    """The app on a table and an Expo stand-in of its own (the user pool stays the
    session's), so a processor pass only sees this test's reminders."""
    app.extensions["kefir"] = bed.wiring
    return app, bed


def _due_reminder(client, me) -> tuple[dict, datetime]:
    batch = new_batch(client, me)
    assert client.post("/me/devices", headers=me, json={
        "push_token": "ExponentPushToken[faults-phone]", "platform": "ios"}).status_code == 201
    due = datetime.now(timezone.utc).replace(microsecond=0) + timedelta(hours=1)
    reminder = client.post(f"/batches/{batch['batch_id']}/reminders/confirm", headers=me,
                           json={"items": [{"kind": "strain", "due_at": due.isoformat()}]}
                           ).get_json()["items"][0]
    return reminder, due


def _run(client, at: datetime):
    return client.post("/_local/reminders/run", json={"now": at.isoformat()})


def _status(client, me) -> str:
    (reminder,) = client.get("/me/reminders", headers=me).get_json()["items"]
    return reminder["status"]


def test_expo_down_leaves_the_reminder_pending_and_a_later_run_sends_it_once(private, me):
    app, bed = private
    client = app.test_client()
    reminder, due = _due_reminder(client, me)
    bed.expo.fail_next(503)
    assert _run(client, due + timedelta(minutes=1)).status_code == 200
    assert _status(client, me) == "pending" and bed.pushes() == []
    assert _run(client, due + timedelta(minutes=30)).get_json()["sent"] == 1
    assert _status(client, me) == "sent"
    assert [p["data"]["reminder_id"] for p in bed.pushes()] == [reminder["reminder_id"]]


def test_a_run_with_the_table_throttled_is_503_and_loses_nothing(private, me):
    app, bed = private
    client = app.test_client()
    reminder, due = _due_reminder(client, me)
    with Outage(app.extensions["kefir"].aws.dynamodb, THROTTLED[0]):
        assert_unavailable(_run(client, due + timedelta(minutes=1)))
    assert _status(client, me) == "pending" and bed.pushes() == []
    assert _run(client, due + timedelta(minutes=2)).get_json()["sent"] == 1
    assert [p["data"]["reminder_id"] for p in bed.pushes()] == [reminder["reminder_id"]]
