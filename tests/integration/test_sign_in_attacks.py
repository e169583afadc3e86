"""Sign-in under attack, through the app and the local identity twin: nobody can lock
another person out, `verify` has its own per-IP limit, codes of 6 to 8 digits are taken,
and logout revokes only the caller's own refresh token."""
import json
import secrets

import pytest


def last_code(settings, email):
    lines = settings.outbox_path.read_text().splitlines()
    return next(json.loads(line)["code"] for line in reversed(lines)
                if json.loads(line)["to"] == email)


def login(client, email):
    answer = client.post("/auth/login", json={"email": email})
    assert answer.status_code == 202
    return answer.get_json()["session"]


def verify(client, email, session, code):
    return client.post("/auth/verify", json={"email": email, "session": session, "code": code})


def ip_client(app):
    # Each test its own address, so the per-IP budgets of the session's table never mix.
    client = app.test_client()
    client.environ_base["REMOTE_ADDR"] = ".".join(
        str(secrets.randbelow(250)) for _ in range(4))
    return client


def sign_in(app, client, email):
    session = login(client, email)
    answer = verify(client, email, session, last_code(app.extensions["kefir"].settings, email))
    assert answer.status_code == 200, answer.get_json()
    return answer.get_json()


def test_made_up_sessions_cannot_lock_the_victim_out(app, unique):
    victim = f"victim-{unique}@example.com"
    attacker, client = ip_client(app), ip_client(app)
    for _ in range(26):
        answer = verify(attacker, victim, secrets.token_urlsafe(48), "12345678")
        assert answer.status_code == 401
        assert answer.get_json()["error"]["code"] == "session_expired"
    assert sign_in(app, client, victim)["access_token"]


def test_a_session_started_for_another_email_costs_the_victim_nothing(app, unique):
    victim, attacker_email = f"victim-{unique}@example.com", f"mallory-{unique}@example.com"
    attacker, client = ip_client(app), ip_client(app)
    session = login(attacker, attacker_email)
    for _ in range(26):
        assert verify(attacker, victim, session, "12345678").status_code in (401, 429)
    assert sign_in(app, client, victim)["access_token"]


def test_verify_has_its_own_per_ip_limit(local_settings, unique):
    from kefir import create_app
    app = create_app(local_settings.with_resources(verify_max_per_ip=3))
    client = ip_client(app)
    for n in range(3):
        assert verify(client, f"{n}-{unique}@example.com", secrets.token_urlsafe(48),
                      "12345678").status_code == 401
    refused = verify(client, f"{unique}@example.com", secrets.token_urlsafe(48), "12345678")
    assert refused.status_code == 429 and refused.get_json()["error"]["code"] == "rate_limited"
    assert int(refused.headers["Retry-After"]) > 0
    # Another address is not held back by this one.
    assert verify(ip_client(app), f"{unique}@example.com", secrets.token_urlsafe(48),
                  "12345678").status_code == 401


def test_the_local_twin_sends_eight_digit_codes(app, unique):
    email = f"{unique}@example.com"
    login(ip_client(app), email)
    code = last_code(app.extensions["kefir"].settings, email)
    assert len(code) == 8 and code.isdigit()


@pytest.mark.parametrize("code", ["123456", "1234567", "12345678"])
def test_codes_of_six_to_eight_digits_are_answered(app, unique, code):
    client = ip_client(app)
    email = f"{unique}@example.com"
    session = login(client, email)
    sent = last_code(app.extensions["kefir"].settings, email)
    answer = verify(client, email, session, code if code != sent else "87654321")
    assert answer.status_code == 401 and answer.get_json()["error"]["code"] == "invalid_code"


@pytest.mark.parametrize("code", ["12345", "123456789", "１２３４５６", "123456\n", "12 3456"])
def test_other_codes_are_not_codes(client, unique, code):
    answer = verify(client, f"{unique}@example.com", secrets.token_urlsafe(48), code)
    assert answer.status_code == 422 and "code" in answer.get_json()["error"]["details"]


def test_logout_with_another_users_refresh_token_revokes_nothing(app, unique):
    client = ip_client(app)
    victim = sign_in(app, client, f"victim-{unique}@example.com")
    mallory = sign_in(app, client, f"mallory-{unique}@example.com")
    refused = client.post("/auth/logout", json={"refresh_token": victim["refresh_token"]},
                          headers={"Authorization": f"Bearer {mallory['access_token']}"})
    assert refused.status_code == 403 and refused.get_json()["error"]["code"] == "forbidden"
    assert client.post("/auth/refresh", json={
        "refresh_token": victim["refresh_token"]}).status_code == 200
    assert client.post("/auth/refresh", json={
        "refresh_token": mallory["refresh_token"]}).status_code == 200


def test_logout_with_ones_own_refresh_token_stops_it(app, unique):
    client = ip_client(app)
    tokens = sign_in(app, client, f"{unique}@example.com")
    bearer = {"Authorization": f"Bearer {tokens['access_token']}"}
    assert client.post("/auth/logout", json={"refresh_token": tokens["refresh_token"]},
                       headers=bearer).status_code == 204
    assert client.post("/auth/refresh", json={
        "refresh_token": tokens["refresh_token"]}).status_code == 401
    # Already signed out: the same call again has nothing left to revoke.
    assert client.post("/auth/logout", json={"refresh_token": tokens["refresh_token"]},
                       headers=bearer).status_code == 204
