"""The reminder processor on the emulator, pushing through the real SDK to the stand-in."""
import io
import logging
import threading
from collections import Counter
from datetime import timedelta

import pytest

from kefir.clock import to_iso
from kefir.domain.reminders import LEASE, MAX_ATTEMPTS
from kefir.jobs.reminders import run_once
from kefir.local.emulator import LOCAL_EXPO_TOKEN
from kefir.logs import configure_logging
from kefir.store import keys
from tests.integration.processor_fixtures import T0


def test_a_due_reminder_goes_to_every_device_once(bed):
    user_id, tokens = bed.user(devices=2)
    reminder = bed.reminder(user_id, due=T0)
    assert run_once(bed.wiring, T0 - timedelta(seconds=1)) == {"sent": 0, "failed": 0,
                                                              "skipped": 0}
    assert run_once(bed.wiring, T0) == {"sent": 1, "failed": 0, "skipped": 0}
    assert sorted(p["to"] for p in bed.pushes()) == sorted(tokens)
    push = bed.pushes()[0]
    assert push["title"] == "Strain Jar" and push["body"] == "Ready."
    assert push["data"] == {"reminder_id": reminder["reminder_id"],
                            "batch_id": reminder["batch_id"], "kind": "strain",
                            "actions": ["done", "snooze"]}
    assert push["categoryId"] == "reminder"
    state = bed.state(reminder)
    assert state["status"] == "sent" and state["sent_at"] == to_iso(T0)
    assert keys.GSI1PK not in state and keys.GSI1SK not in state
    assert bed.reminders.pending_count(reminder["batch_id"]) == 0
    # Nothing is left to do: a later pass sends nothing again.
    assert run_once(bed.wiring, T0 + timedelta(hours=1))["sent"] == 0
    assert len(bed.pushes()) == 2


def test_three_concurrent_runs_push_exactly_once_per_device(bed):
    users = [bed.user(devices=2) for _ in range(6)]
    reminders = [bed.reminder(user_id, due=T0) for user_id, _ in users for _ in range(3)]
    barrier = threading.Barrier(3)
    results = []

    def run():
        barrier.wait()
        results.append(run_once(bed.wiring, T0))

    threads = [threading.Thread(target=run) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sum(r["sent"] for r in results) == len(reminders)
    deliveries = Counter((p["to"], p["data"]["reminder_id"]) for p in bed.pushes())
    expected = {(token, r["reminder_id"]) for (user_id, tokens) in users for token in tokens
                for r in reminders if r["owner"] == user_id}
    assert set(deliveries) == expected
    assert set(deliveries.values()) == {1}


def test_a_run_that_dies_after_claiming_is_finished_after_the_lease(bed):
    user_id, tokens = bed.user()
    reminder = bed.reminder(user_id, due=T0)
    entry = bed.reminders.due(to_iso(T0), 10)[0]
    assert bed.reminders.claim(entry, to_iso(T0 + LEASE), "crashed-run")  # ...then dies
    assert run_once(bed.wiring, T0 + LEASE - timedelta(seconds=1))["sent"] == 0
    assert bed.pushes() == []
    assert run_once(bed.wiring, T0 + LEASE) == {"sent": 1, "failed": 0, "skipped": 0}
    assert [p["to"] for p in bed.pushes()] == tokens
    assert bed.state(reminder)["attempts"] == 2


@pytest.mark.parametrize("status", [500, 429, 503])
def test_an_expo_failure_is_retried_later_not_lost(bed, status):
    user_id, tokens = bed.user()
    reminder = bed.reminder(user_id, due=T0)
    bed.expo.fail_next(status)
    assert run_once(bed.wiring, T0) == {"sent": 0, "failed": 0, "skipped": 1}
    state = bed.state(reminder)
    assert state["status"] == "pending" and state["attempts"] == 1
    assert run_once(bed.wiring, T0 + timedelta(seconds=30))["sent"] == 0  # backing off
    assert run_once(bed.wiring, T0 + timedelta(minutes=1))["sent"] == 1
    assert [p["to"] for p in bed.pushes()] == tokens


def test_after_five_failed_attempts_it_is_failed_and_counted(bed):
    user_id, _ = bed.user()
    reminder = bed.reminder(user_id, due=T0)
    bed.expo.fail_next(500, times=MAX_ATTEMPTS)
    now, results = T0, []
    for _ in range(MAX_ATTEMPTS):
        results.append(run_once(bed.wiring, now))
        now += timedelta(hours=1)
    assert results[-1] == {"sent": 0, "failed": 1, "skipped": 0}
    state = bed.state(reminder)
    assert state["status"] == "failed" and state["failure_reason"] == "expo_unavailable"
    assert keys.GSI1PK not in state
    metrics = bed.wiring.aws.cloudwatch.list_metrics(Namespace="BubbleBatch",
                                                     MetricName="RemindersFailed")["Metrics"]
    assert {"Name": "Stage", "Value": "local"} in metrics[0]["Dimensions"]


def test_a_device_not_registered_in_a_ticket_is_removed(bed):
    user_id, tokens = bed.user(devices=1)
    gone_id = bed.add_device(user_id, f"ExponentPushToken[Unregistered-{user_id[:6]}]")
    bed.reminder(user_id, due=T0)
    assert run_once(bed.wiring, T0)["sent"] == 1
    assert bed.devices.get(user_id, gone_id) is None
    assert bed.devices.owner_of(gone_id) is None
    assert [p["to"] for p in bed.pushes()] == tokens


def test_a_device_not_registered_in_a_later_receipt_is_removed(bed):
    user_id, tokens = bed.user(devices=2)
    bed.reminder(user_id, due=T0)
    run_once(bed.wiring, T0)
    tickets = bed.wiring.tickets.due(to_iso(T0 + timedelta(minutes=15)), 10)
    assert len(tickets) == 2
    doomed = tickets[0]
    bed.expo.receipt_error(doomed["ticket_id"], "DeviceNotRegistered")
    run_once(bed.wiring, T0 + timedelta(minutes=14))
    assert bed.devices.get(user_id, doomed["device_id"])  # not checked before 15 minutes
    run_once(bed.wiring, T0 + timedelta(minutes=15))
    assert bed.devices.get(user_id, doomed["device_id"]) is None
    assert len(bed.devices.receivers(user_id)) == 1
    assert bed.wiring.tickets.due(to_iso(T0 + timedelta(days=1)), 10) == []


def test_a_reminder_for_a_user_without_devices_is_failed_quietly(bed):
    user_id, _ = bed.user(devices=0)
    reminder = bed.reminder(user_id, due=T0)
    assert run_once(bed.wiring, T0) == {"sent": 0, "failed": 0, "skipped": 1}
    assert bed.state(reminder)["failure_reason"] == "no_devices"


def test_a_cancelled_reminder_is_not_sent(bed):
    user_id, _ = bed.user()
    reminder = bed.reminder(user_id, due=T0)
    bed.reminders.cancel(reminder, to_iso(T0 - timedelta(minutes=1)))
    assert run_once(bed.wiring, T0)["sent"] == 0
    assert bed.pushes() == []
    assert bed.state(reminder)["status"] == "cancelled"


def test_the_expo_access_token_is_sent_but_never_logged(bed):
    user_id, _ = bed.user()
    bed.reminder(user_id, due=T0)
    stream = io.StringIO()
    capture = logging.StreamHandler(stream)
    configure_logging("DEBUG")  # what LOG_LEVEL=DEBUG does in a deployed function
    logging.getLogger().addHandler(capture)
    try:
        assert run_once(bed.wiring, T0)["sent"] == 1  # the stand-in demands the bearer
    finally:
        logging.getLogger().removeHandler(capture)
        configure_logging("INFO")
    logged = stream.getvalue()
    assert "reminder pass" in logged and "GetSecretValue" not in logged
    assert LOCAL_EXPO_TOKEN not in logged
