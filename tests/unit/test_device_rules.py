"""Registering and removing push devices against the in-memory fake."""
from datetime import datetime, timezone

import pytest

from kefir.errors import ConditionFailed, NotFound
from kefir.services.devices import delete_device, list_devices, register_device
from tests.fakes import FakeDevices

NOW = datetime(2030, 1, 1, 8, 0, tzinfo=timezone.utc)
TOKEN = "ExpoPushToken[phone-1]"


def test_registering_twice_is_one_device_and_a_token_moves_between_accounts():
    devices = FakeDevices()
    first, created = register_device(devices, "ana", TOKEN, "ios", None, NOW)
    again, created_again = register_device(devices, "ana", "ExponentPushToken[phone-1]",
                                           "ios", None, NOW)
    assert (created, created_again, again) == (True, False, first)
    moved, _ = register_device(devices, "ben", TOKEN, "android", "Ben's", NOW)
    assert moved["device_id"] == first["device_id"]
    assert list_devices(devices, "ana") == [] and list_devices(devices, "ben") == [moved]


def test_a_token_moves_only_from_the_owner_it_was_read_from():
    devices = FakeDevices()
    device_id = devices.register("ana", TOKEN)
    device = {**devices.get("ana", device_id), "owner": "ben"}
    with pytest.raises(ConditionFailed):
        devices.add(device, previous_owner=None)  # read before ana took it
    assert devices.owner_of(device_id) == "ana"


def test_only_the_owner_removes_a_device():
    devices = FakeDevices()
    device_id = devices.register("ana", TOKEN)
    with pytest.raises(NotFound):
        delete_device(devices, "ben", device_id)
    delete_device(devices, "ana", device_id)
    assert devices.owner_of(device_id) is None and list_devices(devices, "ana") == []
