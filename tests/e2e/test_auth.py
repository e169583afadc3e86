"""Signing in over HTTP against the local server, with the code from the outbox."""
import json

import pytest
import requests

from tests.e2e.test_foundation import assert_error_shape

pytestmark = pytest.mark.e2e


def test_the_whole_local_flow(api, unique):
    email = f"{unique}@example.com"
    started = api.login(email)
    assert started.status_code == 202
    assert set(started.json()) == {"session", "expires_in", "delivery"}
    assert started.json()["delivery"] == "email" and started.json()["expires_in"] == 180

    record = json.loads(api.server.outbox.read_text().splitlines()[-1])
    assert set(record) == {"to", "subject", "text", "code"}
    assert record["to"] == email and record["code"] in record["text"]
    assert len(record["code"]) == 8 and record["code"].isdigit()

    verified = api.verify(email, started.json()["session"], record["code"])
    assert verified.status_code == 200
    tokens = verified.json()
    assert tokens["token_type"] == "Bearer" and tokens["expires_in"] > 0
    assert {"access_token", "id_token", "refresh_token"} <= set(tokens)

    me = requests.get(api.url("/me"), headers={"Authorization": f"Bearer {tokens['access_token']}"})
    assert me.status_code == 200
    assert me.json()["email"] == email
    assert set(me.json()) == {"user_id", "email", "created_at", "timezone", "quiet_hours",
                              "units"}
    assert me.json()["created_at"].endswith("Z")


def test_a_code_works_once(api, unique):
    email = f"{unique}@example.com"
    session = api.login(email).json()["session"]
    code = api.last_code(email)
    assert api.verify(email, session, code).status_code == 200
    assert_error_shape(api.verify(email, session, code), 401, "session_expired")


def test_a_wrong_code_then_the_right_one(api, unique):
    email = f"{unique}@example.com"
    session = api.login(email).json()["session"]
    code = api.last_code(email)
    wrong = "000000" if code != "000000" else "111111"
    assert_error_shape(api.verify(email, session, wrong), 401, "invalid_code")
    assert api.verify(email, session, code).status_code == 200


def test_five_wrong_codes_spend_the_code(api, unique):
    email = f"{unique}@example.com"
    session = api.login(email).json()["session"]
    code = api.last_code(email)
    wrong = "000000" if code != "000000" else "111111"
    for _ in range(5):
        assert_error_shape(api.verify(email, session, wrong), 401, "invalid_code")
    refused = api.verify(email, session, code)
    assert_error_shape(refused, 429, "rate_limited")
    assert int(refused.headers["Retry-After"]) > 0


def test_a_session_answered_for_another_email_is_refused(api, unique):
    session = api.login(f"{unique}@example.com").json()["session"]
    code = api.last_code(f"{unique}@example.com")
    assert_error_shape(api.verify(f"other-{unique}@example.com", session, code),
                       401, "session_expired")


def test_refresh_gives_new_tokens(api, unique):
    user = api.sign_in(f"{unique}@example.com")
    refreshed = requests.post(api.url("/auth/refresh"),
                              json={"refresh_token": user.tokens["refresh_token"]})
    assert refreshed.status_code == 200
    fresh = refreshed.json()
    assert fresh["token_type"] == "Bearer"
    me = requests.get(api.url("/me"), headers={"Authorization": f"Bearer {fresh['access_token']}"})
    assert me.json()["user_id"] == user.user_id


def test_logout_stops_the_refresh_token(api, unique):
    user = api.sign_in(f"{unique}@example.com")
    assert user.http.post(api.url("/auth/logout")).status_code == 204
    refused = requests.post(api.url("/auth/refresh"),
                            json={"refresh_token": user.tokens["refresh_token"]})
    assert_error_shape(refused, 401, "unauthorized")


def test_logout_needs_a_token(api):
    assert_error_shape(requests.post(api.url("/auth/logout")), 401, "unauthorized")


def test_known_and_unknown_emails_get_the_same_answer(api, unique):
    known = f"known-{unique}@example.com"
    api.sign_in(known)
    answers = [api.login(email) for email in (known, f"new-{unique}@example.com")]
    assert [a.status_code for a in answers] == [202, 202]
    bodies = [a.json() for a in answers]
    assert [set(b) for b in bodies] == [{"session", "expires_in", "delivery"}] * 2
    assert [(b["expires_in"], b["delivery"]) for b in bodies] == [(180, "email")] * 2
    assert len(bodies[0]["session"]) == len(bodies[1]["session"])
    assert [a.headers["Content-Type"] for a in answers] == ["application/json"] * 2


def test_an_email_is_one_account_whatever_its_case(api, unique):
    first = api.sign_in(f"{unique}@example.com")
    again = api.sign_in(f"  {unique.upper()}@Example.COM ")
    assert first.user_id == again.user_id


def test_login_validates_the_email(api):
    response = requests.post(api.url("/auth/login"), json={"email": "not-an-email"})
    assert_error_shape(response, 422, "validation_error")
    assert "email" in response.json()["error"]["details"]
