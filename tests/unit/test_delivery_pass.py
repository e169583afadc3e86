"""The delivery pass against in-memory fakes: claim, push to every device, record."""
from datetime import datetime, timedelta, timezone

import pytest

from kefir.clock import to_iso
from kefir.domain.devices import PENDING, device_id_for
from kefir.domain.reminders import LEASE, MAX_ATTEMPTS, SENDING, new_reminder_id
from kefir.push import DEVICE_NOT_REGISTERED, MAX_MESSAGES, RATE_EXCEEDED
from kefir.services.delivery import FAIR_SHARE, RECEIPT_DELAY, deliver_due
from tests.fakes import (
    FakeDeletionMarkers,
    FakeDevices,
    FakePush,
    FakeReminders,
    FakeTickets,
)

T0 = datetime(2030, 1, 1, 8, 0, tzinfo=timezone.utc)


class Processor:
    """The fakes a pass runs on, and a way to arrange users and reminders."""

    def __init__(self):
        self.reminders, self.devices = FakeReminders(), FakeDevices()
        self.tickets, self.push = FakeTickets(), FakePush()
        self.markers = FakeDeletionMarkers()

    def user(self, name: str, devices: int = 1) -> list[str]:
        tokens = [f"ExponentPushToken[{name}-{n}]" for n in range(devices)]
        for token in tokens:
            self.devices.register(name, token)
        return tokens

    def reminder(self, owner: str, due: datetime = T0) -> dict:
        reminder = {"reminder_id": new_reminder_id(due), "owner": owner, "batch_id": "b-1",
                    "kind": "strain", "due_at": to_iso(due), "title": "Strain Jar",
                    "body": "Ready.", "status": "pending", "created_at": to_iso(T0)}
        self.reminders.create([reminder], seen_seq=self.reminders.pending_snapshot("b-1")[1])
        return reminder

    def run(self, now: datetime = T0) -> dict:
        result = deliver_due(self.reminders, self.devices, self.tickets, self.push,
                             self.markers, now)
        return result.as_dict()

    def state(self, reminder: dict) -> dict:
        return self.reminders.get(reminder["owner"], reminder["reminder_id"])


@pytest.fixture
def p():
    return Processor()


def test_a_due_reminder_goes_to_every_device_once(p):
    tokens = p.user("ana", devices=2)
    reminder = p.reminder("ana")
    assert p.run(T0 - timedelta(seconds=1)) == {"sent": 0, "failed": 0, "skipped": 0}
    assert p.run(T0) == {"sent": 1, "failed": 0, "skipped": 0}
    assert sorted(m.to for m in p.push.accepted) == tokens
    assert p.push.accepted[0].data == {"reminder_id": reminder["reminder_id"],
                                       "batch_id": "b-1", "kind": "strain",
                                       "actions": ["done", "snooze"]}
    assert {m.category_id for m in p.push.accepted} == {"reminder"}
    state = p.state(reminder)
    assert state["status"] == "sent" and state["sent_at"] == to_iso(T0)
    assert len(state["delivered"]) == 2 and p.reminders.pending_count("b-1") == 0
    assert p.run(T0 + timedelta(hours=1)) == {"sent": 0, "failed": 0, "skipped": 0}
    assert len(p.push.accepted) == 2


def test_each_accepted_message_waits_for_its_receipt(p):
    p.user("ana", devices=2)
    p.reminder("ana")
    p.run()
    assert p.tickets.due(to_iso(T0 + RECEIPT_DELAY - timedelta(seconds=1)), 10) == []
    waiting = p.tickets.due(to_iso(T0 + RECEIPT_DELAY), 10)
    assert {t["ticket_id"] for t in waiting} == {"ticket-1", "ticket-2"}
    assert {t["owner"] for t in waiting} == {"ana"}


def test_messages_go_a_hundred_a_request(p):
    p.user("ana", devices=MAX_MESSAGES + 1)
    p.reminder("ana")
    assert p.run()["sent"] == 1
    assert [len(r) for r in p.push.requests] == [MAX_MESSAGES, 1]


def test_a_claimed_reminder_belongs_to_one_run(p):
    p.user("ana")
    reminder = p.reminder("ana")
    entry, = p.reminders.due(to_iso(T0), 10)
    lease = to_iso(T0 + LEASE)
    assert p.reminders.claim(entry, lease, "run-a")["status"] == SENDING
    assert p.reminders.claim(entry, lease, "run-b") is None
    assert p.reminders.claim(entry, lease, "run-a")["claim_id"] == "run-a"  # its own retry
    assert p.run(T0) == {"sent": 0, "failed": 0, "skipped": 0}  # held: not due again
    assert p.push.requests == []
    assert p.state(reminder)["attempts"] == 1


def test_a_run_that_outlives_its_lease_loses_the_reminder(p):
    p.user("ana")
    reminder = p.reminder("ana")
    entry, = p.reminders.due(to_iso(T0), 10)
    stalled = p.reminders.claim(entry, to_iso(T0 + LEASE), "stalled-run")
    assert p.run(T0 + LEASE) == {"sent": 1, "failed": 0, "skipped": 0}
    assert p.state(reminder)["attempts"] == 2
    assert p.reminders.finish(stalled, "failed", {"failure_reason": "late"}) is False
    assert p.reminders.retry(stalled, to_iso(T0), []) is False
    assert p.state(reminder)["status"] == "sent"


def test_expo_down_backs_off_then_gives_up(p):
    p.user("ana")
    reminder = p.reminder("ana")
    p.push.fail_next(transient=True, times=MAX_ATTEMPTS)
    now = T0
    for attempt in range(1, MAX_ATTEMPTS):
        assert p.run(now) == {"sent": 0, "failed": 0, "skipped": 1}
        state = p.state(reminder)
        assert (state["status"], state["attempts"]) == ("pending", attempt)
        backoff = timedelta(minutes=2 ** (attempt - 1))
        assert p.run(now + backoff - timedelta(seconds=1))["skipped"] == 0  # waits
        now += backoff
    assert p.run(now) == {"sent": 0, "failed": 1, "skipped": 0}
    state = p.state(reminder)
    assert (state["status"], state["failure_reason"]) == ("failed", "expo_unavailable")


def test_a_rejected_request_fails_at_once(p):
    p.user("ana")
    reminder = p.reminder("ana")
    p.push.fail_next(transient=False)
    assert p.run() == {"sent": 0, "failed": 1, "skipped": 0}
    assert p.state(reminder)["failure_reason"] == "expo_rejected"


def test_an_unregistered_device_is_forgotten_and_the_others_still_get_it(p):
    gone, kept = p.user("ana", devices=2)
    p.push.ticket_errors[gone] = DEVICE_NOT_REGISTERED
    reminder = p.reminder("ana")
    assert p.run() == {"sent": 1, "failed": 0, "skipped": 0}
    assert [d["push_token"] for d in p.devices.receivers("ana")] == [kept]
    assert p.state(reminder)["status"] == "sent"


def test_a_reminder_whose_only_device_is_gone_fails(p):
    token, = p.user("ana")
    p.push.ticket_errors[token] = DEVICE_NOT_REGISTERED
    reminder = p.reminder("ana")
    assert p.run() == {"sent": 0, "failed": 1, "skipped": 0}
    assert p.state(reminder)["failure_reason"] == "device_not_registered"
    assert p.devices.receivers("ana") == []


def test_a_retry_only_goes_to_the_devices_that_lack_it(p):
    first, second = p.user("ana", devices=2)
    p.push.ticket_errors[second] = RATE_EXCEEDED
    reminder = p.reminder("ana")
    assert p.run() == {"sent": 0, "failed": 0, "skipped": 1}
    assert p.state(reminder)["delivered"] == [p.devices.receivers("ana")[0]["device_id"]]
    del p.push.ticket_errors[second]
    assert p.run(T0 + timedelta(minutes=1)) == {"sent": 1, "failed": 0, "skipped": 0}
    assert [m.to for m in p.push.accepted] == [first, second]


def test_nobody_to_tell_is_not_an_expo_failure(p):
    reminder = p.reminder("ana")
    assert p.run() == {"sent": 0, "failed": 0, "skipped": 1}
    state = p.state(reminder)
    assert (state["status"], state["failure_reason"]) == ("failed", "no_devices")


def test_a_cancelled_reminder_is_never_claimed(p):
    p.user("ana")
    reminder = p.reminder("ana")
    entry, = p.reminders.due(to_iso(T0), 10)
    p.reminders.cancel(reminder, to_iso(T0 - timedelta(minutes=1)))
    assert p.reminders.claim(entry, to_iso(T0 + LEASE), "late-run") is None
    assert p.run() == {"sent": 0, "failed": 0, "skipped": 0}
    assert p.state(reminder)["status"] == "cancelled"


def test_one_owner_gets_a_fair_share_of_a_pass_and_loses_nothing(p):
    p.user("heavy")
    p.user("light")
    many = [p.reminder("heavy", due=T0 - timedelta(minutes=1)) for _ in range(FAIR_SHARE * 2 + 3)]
    light = p.reminder("light")
    first = p.run(T0)
    assert first["sent"] == FAIR_SHARE + 1 and first["skipped"] == FAIR_SHARE + 3
    assert p.state(light)["status"] == "sent"
    assert p.run(T0 + timedelta(minutes=1))["sent"] == FAIR_SHARE
    assert p.run(T0 + timedelta(minutes=2))["sent"] == 3
    assert all(p.state(r)["status"] == "sent" for r in many)
    assert sorted(m.data["reminder_id"] for m in p.push.accepted if "heavy" in m.to) == \
        sorted(r["reminder_id"] for r in many)


def test_a_device_waiting_for_proof_of_possession_gets_nothing(p):
    tokens = p.user("ana")
    stranger = "ExponentPushToken[bens-phone]"
    p.devices.add_pending({"device_id": device_id_for(stranger), "owner": "ana",
                           "push_token": stranger, "status": PENDING},
                          seen_seq=p.devices.snapshot("ana")[1])
    p.reminder("ana")
    assert p.run(T0)["sent"] == 1
    assert [m.to for m in p.push.accepted] == tokens


def test_the_delivery_record_names_only_devices_the_owner_still_has(p):
    tokens = p.user("ana", devices=2)
    reminder = p.reminder("ana")
    kept = device_id_for(tokens[0])
    p.reminders.items[("ana", reminder["reminder_id"])]["delivered"] = \
        [f"gone-{n}" for n in range(500)] + [kept]
    assert p.run(T0)["sent"] == 1
    assert [m.to for m in p.push.accepted] == [tokens[1]]
    assert sorted(p.state(reminder)["delivered"]) == sorted(device_id_for(t) for t in tokens)


def test_a_deleted_accounts_reminder_is_cancelled_never_pushed(p):
    p.user("gone")
    p.user("stays")
    gone = p.reminder("gone")
    p.reminder("stays")
    p.markers.deleted.add("gone")
    assert p.run() == {"sent": 1, "failed": 0, "skipped": 1}
    assert p.state(gone)["status"] == "cancelled"
    assert p.state(gone)["failure_reason"] == "account_deleted"
    assert [m.to for m in p.push.accepted] == ["ExponentPushToken[stays-0]"]
