"""Push devices over the in-process app."""

from kefir.domain.devices import device_id_for


def register(client, headers, token, platform="ios", **extra):
    return client.post("/me/devices", headers=headers,
                       json={"push_token": token, "platform": platform, **extra})


def test_register_is_idempotent_per_token(client, me, unique):
    first = register(client, me, f"ExponentPushToken[{unique}]", name="Ana's phone")
    assert first.status_code == 201
    body = first.get_json()
    assert set(body) == {"device_id", "platform", "name", "created_at"}
    assert body["name"] == "Ana's phone" and body["platform"] == "ios"
    again = register(client, me, f"ExpoPushToken[{unique}]")
    assert again.status_code == 200
    assert again.get_json() == body
    listed = client.get("/me/devices", headers=me).get_json()["items"]
    assert listed == [body]


def test_the_token_never_comes_back(client, me, unique):
    register(client, me, f"ExponentPushToken[{unique}]")
    assert unique not in client.get("/me/devices", headers=me).get_data(as_text=True)


def test_a_token_moves_to_the_account_that_registers_it(client, me, other, unique, wiring):
    token = f"ExponentPushToken[{unique}]"
    register(client, me, token)
    moved = register(client, other, token, platform="android")
    assert moved.status_code == 201
    assert client.get("/me/devices", headers=me).get_json()["items"] == []
    assert [d["device_id"] for d in client.get("/me/devices", headers=other).get_json()["items"]] \
        == [device_id_for(token)]


def test_delete_and_cross_user_delete(client, me, other, unique):
    device_id = register(client, me, f"ExponentPushToken[{unique}]").get_json()["device_id"]
    foreign = client.delete(f"/me/devices/{device_id}", headers=other)
    missing = client.delete(f"/me/devices/{'x' * 22}", headers=other)
    assert foreign.status_code == missing.status_code == 404
    assert foreign.get_json() == missing.get_json()
    assert len(client.get("/me/devices", headers=me).get_json()["items"]) == 1
    assert client.delete(f"/me/devices/{device_id}", headers=me).status_code == 204
    assert client.get("/me/devices", headers=me).get_json()["items"] == []
    # The token is free again: registering it later is new.
    assert register(client, other, f"ExponentPushToken[{unique}]").status_code == 201


INVALID = [
    ({"push_token": "abc", "platform": "ios"}, "push_token"),
    ({"push_token": "ExponentPushToken[]", "platform": "ios"}, "push_token"),
    ({"push_token": "ExponentPushToken[a]", "platform": "windows"}, "platform"),
    ({"push_token": "ExponentPushToken[a]", "platform": "ios", "owner": "x"}, "owner"),
]


def test_invalid_registrations_are_422(client, me):
    for body, field in INVALID:
        response = client.post("/me/devices", headers=me, json=body)
        assert response.status_code == 422, body
        assert field in response.get_json()["error"]["details"]


def test_devices_need_a_token(client):
    assert client.get("/me/devices").status_code == 401
