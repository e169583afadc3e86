"""Cognito's failures as the HTTP contract answers them: the production adapter on a
Stubber, behind the real app."""
import secrets

import boto3
import pytest
from botocore.stub import Stubber
from jose import jwt

from kefir.identity.cognito import CognitoIdentity
from kefir.store.profiles import Profiles

EMAIL = "ada@example.com"


@pytest.fixture(scope="module")
def app(local_settings):
    # One app for the module (building one re-runs local mode's boot); each test swaps in
    # its own stubbed adapter below.
    from kefir import create_app
    return create_app(local_settings)


@pytest.fixture
def wiring(app):
    return app.extensions["kefir"]


@pytest.fixture
def stubbed(app, wiring):
    cognito = boto3.client("cognito-idp", region_name="us-east-1")
    wiring.identity = CognitoIdentity(cognito, user_pool_id=wiring.settings.user_pool_id,
                                      client_id=wiring.settings.user_pool_client_id)
    wiring.__dict__.pop("auth", None)  # rebuilt on the stubbed adapter
    with Stubber(cognito) as stubber:
        yield app.test_client(), stubber


def verify(client, code="123456"):
    # A session of its own each time: every answer spends its session's five tries.
    return client.post("/auth/verify", json={"email": EMAIL, "session": secrets.token_urlsafe(48),
                                             "code": code})


@pytest.mark.parametrize(("cognito_code", "status", "code"), [
    ("CodeMismatchException", 401, "invalid_code"),
    ("ExpiredCodeException", 401, "session_expired"),
    ("NotAuthorizedException", 401, "session_expired"),
    ("TooManyFailedAttemptsException", 429, "rate_limited"),
    ("TooManyRequestsException", 503, "service_unavailable"),
    ("LimitExceededException", 503, "service_unavailable"),
    ("ResourceNotFoundException", 500, "internal_error"),
])
def test_verify_failures(stubbed, cognito_code, status, code):
    client, stubber = stubbed
    stubber.add_client_error("respond_to_auth_challenge", cognito_code, "no")
    response = verify(client)
    assert response.status_code == status
    assert response.get_json()["error"]["code"] == code
    assert ("Retry-After" in response.headers) == (status in (429, 503))
    assert "no" not in response.get_json()["error"]["message"].split()


@pytest.mark.parametrize("code", ["123456", "1234567", "12345678"])
def test_verify_success_writes_the_profile(stubbed, wiring, unique, code):
    client, stubber = stubbed
    access = jwt.encode({"sub": unique, "token_use": "access"}, "k", algorithm="HS256")
    stubber.add_response("respond_to_auth_challenge", {"AuthenticationResult": {
        "AccessToken": access, "IdToken": "id", "RefreshToken": "r", "ExpiresIn": 3600}})
    response = verify(client, code)
    assert response.status_code == 200
    assert response.get_json()["refresh_token"] == "r"
    assert Profiles(wiring.table).get(unique)["email"] == EMAIL


def test_login_when_cognito_throttles_is_503(stubbed, unique):
    client, stubber = stubbed
    stubber.add_client_error("admin_create_user", "UsernameExistsException", "exists")
    stubber.add_client_error("initiate_auth", "TooManyRequestsException", "Rate exceeded")
    response = client.post("/auth/login", json={"email": f"{unique}@example.com"})
    assert response.status_code == 503
    assert response.get_json()["error"]["code"] == "service_unavailable"
    assert int(response.headers["Retry-After"]) > 0


def test_a_revoked_refresh_token_is_401(stubbed):
    client, stubber = stubbed
    stubber.add_client_error("initiate_auth", "NotAuthorizedException",
                             "Refresh Token has been revoked")
    response = client.post("/auth/refresh", json={"refresh_token": "r"})
    assert response.status_code == 401
    assert response.get_json()["error"]["code"] == "unauthorized"
