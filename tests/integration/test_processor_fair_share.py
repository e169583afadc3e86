"""Issue 14, finding 4: one account cannot take over a processor pass. Its reminders beyond
a fair share wait for later passes (none lost, none doubled), only its verified devices
are pushed to, and a reminder's delivery record stays as small as the device cap."""
from datetime import timedelta

import pytest

from kefir.aws import AwsClients
from kefir.domain.devices import PENDING, device_id_for
from kefir.jobs.reminders import run_once
from kefir.services.delivery import FAIR_SHARE
from kefir.store import keys
from tests.integration.processor_fixtures import T0, make_bed


@pytest.fixture(scope="module")
def aws(local_settings):
    return AwsClients(local_settings)


@pytest.fixture
def bed(local_settings, aws, tmp_path):
    bed = make_bed(local_settings, aws, tmp_path)
    yield bed
    bed.expo.stop()


def test_an_account_with_many_due_reminders_gets_a_fair_share_of_each_pass(bed):
    heavy, heavy_tokens = bed.user(devices=1, prefix="heavy")
    light, light_tokens = bed.user(devices=1, prefix="light")
    many = [bed.reminder(heavy, due=T0 - timedelta(minutes=5)) for _ in range(2 * FAIR_SHARE + 5)]
    mine = bed.reminder(light, due=T0)

    first = run_once(bed.wiring, T0)
    assert first["sent"] == FAIR_SHARE + 1
    assert bed.state(mine)["status"] == "sent"
    assert run_once(bed.wiring, T0 + timedelta(minutes=1))["sent"] == FAIR_SHARE
    assert run_once(bed.wiring, T0 + timedelta(minutes=2))["sent"] == 5
    assert run_once(bed.wiring, T0 + timedelta(minutes=3))["sent"] == 0
    assert all(bed.state(r)["status"] == "sent" for r in many)
    pushes = [p["data"]["reminder_id"] for p in bed.pushes() if p["to"] in heavy_tokens]
    assert sorted(pushes) == sorted(r["reminder_id"] for r in many)


def test_a_device_waiting_for_its_code_gets_no_reminders(bed):
    user_id, tokens = bed.user(devices=1)
    stranger = "ExponentPushToken[someone-elses-phone]"
    bed.devices.add_pending({"device_id": device_id_for(stranger), "owner": user_id,
                             "push_token": stranger, "platform": "ios", "name": None,
                             "created_at": "2030-01-01T07:00:00Z", "status": PENDING,
                             "code_hash": "x", "tries": 0, "expires_at": 4_000_000_000},
                            seen_seq=bed.devices.snapshot(user_id)[1])
    bed.reminder(user_id, due=T0)
    assert run_once(bed.wiring, T0)["sent"] == 1
    assert [p["to"] for p in bed.pushes()] == tokens


def test_the_delivery_record_keeps_only_devices_the_owner_still_has(bed):
    user_id, tokens = bed.user(devices=2)
    reminder = bed.reminder(user_id, due=T0)
    gone = [f"gone-device-{n:04d}-xxxxxxxxxx" for n in range(300)]
    kept = device_id_for(tokens[0])
    bed.wiring.table.update(keys.reminder_key(user_id, reminder["reminder_id"]),
                            "SET delivered = :d", values={":d": gone + [kept]})
    assert run_once(bed.wiring, T0)["sent"] == 1
    # Only the device that lacked it was pushed to; the record names the two devices.
    assert [p["to"] for p in bed.pushes()] == [tokens[1]]
    assert sorted(bed.state(reminder)["delivered"]) == sorted(device_id_for(t) for t in tokens)
