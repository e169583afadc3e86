"""Push devices over the in-process app: registration, proof of possession when a token
changes accounts (issue 14, finding 2), the device cap and the paginated list (finding 4)."""
import json
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta

import pytest

from kefir.clock import utcnow
from kefir.domain.devices import device_id_for
from kefir.services.devices import verify_device
from tests.helpers import assert_isolated, retrying


@pytest.fixture
def users(auth, unique):
    return auth.headers(f"ana-{unique}@example.com"), auth.headers(f"ben-{unique}@example.com")


def register(client, headers, token, platform="ios", **extra):
    return client.post("/me/devices", headers=headers,
                       json={"push_token": token, "platform": platform, **extra})


def listed(client, headers):
    return client.get("/me/devices?limit=100", headers=headers).get_json()["items"]


def pushed_codes(wiring, token):
    outbox = wiring.settings.push_outbox_path
    lines = outbox.read_text().splitlines() if outbox.exists() else []
    return [json.loads(line) for line in lines if json.loads(line)["to"] == token]


def user_id(client, headers):
    return client.get("/me", headers=headers).get_json()["user_id"]


def test_register_is_idempotent_per_token(client, users, unique):
    ana, _ = users
    first = register(client, ana, f"ExponentPushToken[{unique}]", name="Ana's phone")
    assert first.status_code == 201
    body = first.get_json()
    assert set(body) == {"device_id", "platform", "name", "created_at", "status"}
    assert body["name"] == "Ana's phone" and body["platform"] == "ios"
    assert body["status"] == "active"
    again = register(client, ana, f"ExpoPushToken[{unique}]")
    assert again.status_code == 200
    assert again.get_json() == body
    assert listed(client, ana) == [body]


def test_the_token_never_comes_back(client, users, unique):
    ana, _ = users
    register(client, ana, f"ExponentPushToken[{unique}]")
    assert unique not in client.get("/me/devices", headers=ana).get_data(as_text=True)


def test_another_accounts_token_moves_only_with_the_code_pushed_to_it(client, users, unique,
                                                                       wiring):
    ana, ben = users
    token = f"ExponentPushToken[{unique}]"
    register(client, ana, token)
    pending = register(client, ben, token, platform="android")
    assert pending.status_code == 202
    device = pending.get_json()
    assert device["status"] == "pending_verification"
    assert device["device_id"] == device_id_for(token)

    # Until the code is entered nothing moved: Ana's phone still gets Ana's reminders,
    # and Ben's reminders go nowhere near it.
    assert [d["status"] for d in listed(client, ana)] == ["active"]
    assert [d["status"] for d in listed(client, ben)] == ["pending_verification"]
    assert [d["device_id"] for d in wiring.devices.receivers(user_id(client, ana))] == \
        [device["device_id"]]
    assert wiring.devices.receivers(user_id(client, ben)) == []

    push, = pushed_codes(wiring, token)
    assert push["title"] is None and push["body"] is None
    assert set(push["data"]) == {"type", "device_id", "code"}
    assert push["data"]["type"] == "device_verification"
    assert push["data"]["device_id"] == device["device_id"]
    code = push["data"]["code"]
    assert len(code) == 6 and code.isdigit()

    url = f"/me/devices/{device['device_id']}/verify"
    wrong = client.post(url, headers=ben, json={"code": "000000" if code != "000000"
                                                else "111111"})
    assert wrong.status_code == 422 and "code" in wrong.get_json()["error"]["details"]
    verified = client.post(url, headers=ben, json={"code": code})
    assert verified.status_code == 200
    assert verified.get_json()["status"] == "active"
    assert listed(client, ana) == []
    assert [d["status"] for d in listed(client, ben)] == ["active"]
    assert wiring.devices.receivers(user_id(client, ana)) == []
    # Verifying again changes nothing.
    assert client.post(url, headers=ben, json={"code": code}).status_code == 200


def test_five_wrong_codes_spend_the_code_and_registering_again_sends_a_new_one(
        client, users, unique, wiring):
    ana, ben = users
    token = f"ExponentPushToken[{unique}]"
    register(client, ana, token)
    device_id = register(client, ben, token).get_json()["device_id"]
    code = pushed_codes(wiring, token)[-1]["data"]["code"]
    wrong = "000000" if code != "000000" else "111111"
    url = f"/me/devices/{device_id}/verify"
    for _ in range(5):
        assert client.post(url, headers=ben, json={"code": wrong}).status_code == 422
    spent = client.post(url, headers=ben, json={"code": code})
    assert spent.status_code == 429 and spent.get_json()["error"]["code"] == "rate_limited"
    assert [d["status"] for d in listed(client, ana)] == ["active"]

    assert register(client, ben, token).status_code == 202
    fresh = pushed_codes(wiring, token)[-1]["data"]["code"]
    assert client.post(url, headers=ben, json={"code": fresh}).status_code == 200


def test_a_code_lasts_ten_minutes(client, users, unique, wiring):
    ana, ben = users
    token = f"ExponentPushToken[{unique}]"
    register(client, ana, token)
    device_id = register(client, ben, token).get_json()["device_id"]
    code = pushed_codes(wiring, token)[-1]["data"]["code"]
    ben_id = user_id(client, ben)
    from kefir.errors import NotFound
    with pytest.raises(NotFound):
        verify_device(wiring.devices, ben_id, device_id, code,
                      utcnow() + timedelta(minutes=10, seconds=1))
    assert [d["status"] for d in listed(client, ana)] == ["active"]
    assert verify_device(wiring.devices, ben_id, device_id, code,
                         utcnow() + timedelta(minutes=9))["status"] == "active"


def test_codes_pushed_to_one_token_are_limited(client, users, unique):
    ana, ben = users
    token = f"ExponentPushToken[{unique}]"
    register(client, ana, token)
    answers = [register(client, ben, token).status_code for _ in range(6)]
    assert answers == [202] * 5 + [429]


def test_verifying_another_users_device_is_not_found(client, users, unique, auth):
    ana, ben = users
    token = f"ExponentPushToken[{unique}]"
    register(client, ana, token)
    device_id = register(client, ben, token).get_json()["device_id"]
    intruder = auth.headers(f"eve-{unique}@example.com")
    assert_isolated(
        intruder,
        lambda who, some_id: client.post(f"/me/devices/{some_id}/verify", headers=who,
                                         json={"code": "123456"}),
        lambda: listed(client, ben), device_id)


def test_at_most_ten_devices_pending_ones_included(client, users, unique):
    ana, ben = users
    held = f"ExponentPushToken[held-{unique}]"
    register(client, ben, held)
    assert register(client, ana, held).status_code == 202
    answers = [register(client, ana, f"ExponentPushToken[{unique}-{n}]").status_code
               for n in range(10)]
    assert answers == [201] * 9 + [409]
    refused = register(client, ana, f"ExponentPushToken[{unique}-x]").get_json()["error"]
    assert refused["code"] == "limit_reached" and refused["details"] == {"limit": 10}
    # Registering a device the account already has is not a new one.
    assert register(client, ana, f"ExponentPushToken[{unique}-0]").status_code == 200
    client.delete(f"/me/devices/{device_id_for(f'ExponentPushToken[{unique}-0]')}", headers=ana)
    assert register(client, ana, f"ExponentPushToken[{unique}-x]").status_code == 201


def test_the_device_cap_holds_under_parallel_registrations(app, users, unique, wiring):
    ana, _ = users

    def one(n):
        # A retried registration that had in fact been written answers 200: one device.
        return retrying(lambda: register(app.test_client(), ana,
                                         f"ExponentPushToken[{unique}-{n}]")).status_code

    with ThreadPoolExecutor(8) as pool:
        answers = list(pool.map(one, range(16)))
    assert sorted(201 if a == 200 else a for a in answers) == [201] * 10 + [409] * 6
    devices, _ = wiring.devices.snapshot(user_id(app.test_client(), ana))
    assert len(devices) == 10


def test_the_list_is_paginated_with_signed_cursors(client, users, unique):
    ana, ben = users
    for n in range(7):
        register(client, ana, f"ExponentPushToken[{unique}-{n}]")
    seen, cursor = [], None
    while True:
        page = client.get("/me/devices?limit=3" + (f"&cursor={cursor}" if cursor else ""),
                          headers=ana).get_json()
        assert len(page["items"]) <= 3
        seen += [d["device_id"] for d in page["items"]]
        cursor = page["next_cursor"]
        if cursor is None:
            break
        foreign = client.get(f"/me/devices?limit=3&cursor={cursor}", headers=ben)
        assert foreign.status_code == 400
        assert foreign.get_json()["error"]["code"] == "invalid_cursor"
    assert sorted(seen) == sorted(device_id_for(f"ExponentPushToken[{unique}-{n}]")
                                  for n in range(7))


def test_delete_and_cross_user_delete(client, users, unique):
    ana, ben = users
    device_id = register(client, ana, f"ExponentPushToken[{unique}]").get_json()["device_id"]
    foreign = client.delete(f"/me/devices/{device_id}", headers=ben)
    missing = client.delete(f"/me/devices/{'x' * 22}", headers=ben)
    assert foreign.status_code == missing.status_code == 404
    assert foreign.get_json() == missing.get_json()
    assert len(listed(client, ana)) == 1
    assert client.delete(f"/me/devices/{device_id}", headers=ana).status_code == 204
    assert listed(client, ana) == []
    # The token is free again: registering it later is new, and needs no code.
    assert register(client, ben, f"ExponentPushToken[{unique}]").status_code == 201


def test_deleting_a_pending_device_leaves_the_token_with_its_owner(client, users, unique):
    ana, ben = users
    token = f"ExponentPushToken[{unique}]"
    register(client, ana, token)
    device_id = register(client, ben, token).get_json()["device_id"]
    assert client.delete(f"/me/devices/{device_id}", headers=ben).status_code == 204
    assert listed(client, ben) == []
    assert [d["status"] for d in listed(client, ana)] == ["active"]


INVALID = [
    ({"push_token": "abc", "platform": "ios"}, "push_token"),
    ({"push_token": "ExponentPushToken[]", "platform": "ios"}, "push_token"),
    ({"push_token": "ExponentPushToken[a]", "platform": "windows"}, "platform"),
    ({"push_token": "ExponentPushToken[a]", "platform": "ios", "owner": "x"}, "owner"),
]


def test_invalid_registrations_are_422(client, users):
    for body, field in INVALID:
        response = client.post("/me/devices", headers=users[0], json=body)
        assert response.status_code == 422, body
        assert field in response.get_json()["error"]["details"]


def test_devices_need_a_token(client):
    assert client.get("/me/devices").status_code == 401
