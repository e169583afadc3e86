"""Registering, verifying and removing push devices against the in-memory fakes: a token
moves between accounts only on proof of possession, and an account holds at most ten."""
from datetime import datetime, timedelta, timezone

import pytest

from kefir.domain.devices import MAX_DEVICES, PENDING
from kefir.errors import ConditionFailed, LimitReached, NotFound, RateLimited, ValidationFailed
from kefir.services.devices import (
    CREATED,
    EXISTING,
    delete_device,
    register_device,
    verify_device,
)
from tests.fakes import FakeDevices, FakePush

NOW = datetime(2030, 1, 1, 8, 0, tzinfo=timezone.utc)
TOKEN = "ExpoPushToken[phone-1]"


class NoLimit:
    def hit(self, limit, subject):
        pass


@pytest.fixture
def world():
    return FakeDevices(), FakePush()


def register(world, user, token=TOKEN, now=NOW):
    devices, push = world
    return register_device(devices, push, NoLimit(), user, token, "ios", None, now)


def code_sent(world) -> str:
    return world[1].accepted[-1].data["code"]


def test_registering_twice_is_one_device(world):
    first, outcome = register(world, "ana")
    again, outcome_again = register(world, "ana", "ExponentPushToken[phone-1]")
    assert (outcome, outcome_again, again) == (CREATED, EXISTING, first)


def test_another_accounts_token_waits_for_the_code_pushed_to_it(world):
    devices, push = world
    device_id = register(world, "ana")[0]["device_id"]
    pending, outcome = register(world, "ben")
    assert outcome == PENDING and pending["status"] == "pending_verification"
    message, = push.accepted
    assert message.title is None and message.body is None
    assert message.data == {"type": "device_verification", "device_id": device_id,
                            "code": message.data["code"]}
    assert devices.owner_of(device_id) == "ana"
    assert devices.receivers("ben") == [] and len(devices.receivers("ana")) == 1

    with pytest.raises(ValidationFailed):
        verify_device(devices, "ben", device_id, "000000" if code_sent(world) != "000000"
                      else "111111", NOW)
    assert verify_device(devices, "ben", device_id, code_sent(world), NOW)["status"] == "active"
    assert devices.owner_of(device_id) == "ben" and devices.receivers("ana") == []


def test_five_answers_per_code(world):
    devices, _ = world
    device_id = register(world, "ana")[0]["device_id"]
    register(world, "ben")
    wrong = "000000" if code_sent(world) != "000000" else "111111"
    for _ in range(5):
        with pytest.raises(ValidationFailed):
            verify_device(devices, "ben", device_id, wrong, NOW)
    with pytest.raises(RateLimited):
        verify_device(devices, "ben", device_id, code_sent(world), NOW)
    assert devices.owner_of(device_id) == "ana"


def test_a_code_expires_after_ten_minutes(world):
    devices, _ = world
    device_id = register(world, "ana")[0]["device_id"]
    register(world, "ben")
    with pytest.raises(NotFound):
        verify_device(devices, "ben", device_id, code_sent(world),
                      NOW + timedelta(minutes=10))
    assert devices.owner_of(device_id) == "ana"


def test_the_token_moves_only_from_the_owner_it_was_read_from(world):
    devices, _ = world
    device_id = register(world, "ana")[0]["device_id"]
    pending = {**register(world, "ben")[0], "owner": "ben"}
    with pytest.raises(ConditionFailed):
        devices.activate(pending, previous_owner=None, now=0)  # read before ana took it
    assert devices.owner_of(device_id) == "ana"


def test_at_most_ten_devices_pending_ones_included(world):
    register(world, "ben", "ExpoPushToken[bens]")
    register(world, "ana", "ExpoPushToken[bens]")
    for n in range(MAX_DEVICES - 1):
        assert register(world, "ana", f"ExpoPushToken[ana-{n}]")[1] == CREATED
    with pytest.raises(LimitReached) as refused:
        register(world, "ana", "ExpoPushToken[one-more]")
    assert refused.value.details == {"limit": MAX_DEVICES}
    assert register(world, "ana", "ExpoPushToken[ana-0]")[1] == EXISTING


def test_only_the_owner_removes_a_device(world):
    devices, _ = world
    device_id = register(world, "ana")[0]["device_id"]
    with pytest.raises(NotFound):
        delete_device(devices, "ben", device_id)
    delete_device(devices, "ana", device_id)
    assert devices.owner_of(device_id) is None and devices.receivers("ana") == []
