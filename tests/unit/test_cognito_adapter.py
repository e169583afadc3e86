"""The production identity adapter against botocore's Stubber, which checks every request
against Cognito's own API model, and each failure Cognito can answer."""
from datetime import datetime, timezone

import boto3
import pytest
from botocore.exceptions import EndpointConnectionError
from botocore.stub import Stubber
from jose import jwt

from kefir.errors import (Forbidden, InvalidCode, RateLimited, ServiceUnavailable,
                          SessionExpired, Unauthorized)
from kefir.identity.cognito import CognitoIdentity

POOL, CLIENT, EMAIL = "us-east-1_Abcdefghi", "a1b2c3d4e5f6g7h8i9j0k1l2m3", "ada@example.com"
SESSION = "S" * 64
RESULT = {"AccessToken": "access", "IdToken": "id", "RefreshToken": "refresh",
          "ExpiresIn": 3600, "TokenType": "Bearer"}

CREATE = {"UserPoolId": POOL, "Username": EMAIL, "MessageAction": "SUPPRESS",
          "UserAttributes": [{"Name": "email", "Value": EMAIL},
                             {"Name": "email_verified", "Value": "true"}]}
START = {"AuthFlow": "USER_AUTH", "ClientId": CLIENT,
         "AuthParameters": {"USERNAME": EMAIL, "PREFERRED_CHALLENGE": "EMAIL_OTP"}}
CHALLENGE = {"ChallengeName": "EMAIL_OTP", "Session": SESSION,
             "ChallengeParameters": {"CODE_DELIVERY_DELIVERY_MEDIUM": "EMAIL",
                                     "CODE_DELIVERY_DESTINATION": "a***@e***"}}
ANSWER = {"ClientId": CLIENT, "ChallengeName": "EMAIL_OTP", "Session": SESSION,
          "ChallengeResponses": {"USERNAME": EMAIL, "EMAIL_OTP_CODE": "123456"}}
REFRESH = {"AuthFlow": "REFRESH_TOKEN_AUTH", "ClientId": CLIENT,
           "AuthParameters": {"REFRESH_TOKEN": "refresh"}}
USER = {"Username": "u-1",
        "UserCreateDate": datetime(2026, 11, 25, 8, 30, tzinfo=timezone.utc),
        "UserStatus": "CONFIRMED",
        "UserAttributes": [{"Name": "email", "Value": EMAIL}, {"Name": "sub", "Value": "u-1"}]}


@pytest.fixture
def cognito():
    client = boto3.client("cognito-idp", region_name="us-east-1")
    with Stubber(client) as stubber:
        yield client, stubber
        stubber.assert_no_pending_responses()


@pytest.fixture
def identity(cognito):
    return CognitoIdentity(cognito[0], user_pool_id=POOL, client_id=CLIENT)


def created(stubber):
    stubber.add_response("admin_create_user", {"User": {"Username": EMAIL}}, CREATE)


def already_there(stubber):
    stubber.add_client_error("admin_create_user", "UsernameExistsException",
                             "An account with the given email already exists.",
                             expected_params=CREATE)


@pytest.mark.parametrize("account", [created, already_there], ids=["new", "known"])
def test_login_creates_if_needed_then_starts_the_email_code(identity, cognito, account):
    # Both branches make the same two calls: the answer and the work do not differ.
    account(cognito[1])
    cognito[1].add_response("initiate_auth", CHALLENGE, START)
    challenge = identity.start_sign_in(EMAIL)
    assert (challenge.session, challenge.expires_in) == (SESSION, 180)


@pytest.mark.parametrize("code", ["UserNotFoundException", "NotAuthorizedException"])
def test_a_vanished_or_disabled_user_gets_the_same_answer(identity, cognito, code):
    already_there(cognito[1])
    cognito[1].add_client_error("initiate_auth", code, "User is disabled.",
                                expected_params=START)
    challenge = identity.start_sign_in(EMAIL)
    assert challenge.expires_in == 180 and len(challenge.session) >= 20


@pytest.mark.parametrize("code", ["TooManyRequestsException", "LimitExceededException",
                                  "InternalErrorException", "CodeDeliveryFailureException"])
def test_login_when_cognito_is_busy_is_503(identity, cognito, code):
    already_there(cognito[1])
    cognito[1].add_client_error("initiate_auth", code, "busy", expected_params=START)
    with pytest.raises(ServiceUnavailable) as raised:
        identity.start_sign_in(EMAIL)
    assert raised.value.retry_after


def test_creating_the_user_when_cognito_is_busy_is_503(identity, cognito):
    cognito[1].add_client_error("admin_create_user", "TooManyRequestsException", "slow down",
                                expected_params=CREATE)
    with pytest.raises(ServiceUnavailable):
        identity.start_sign_in(EMAIL)


def test_a_client_without_email_otp_is_a_configuration_error(identity, cognito):
    already_there(cognito[1])
    cognito[1].add_response("initiate_auth", {"ChallengeName": "SELECT_CHALLENGE",
                                              "Session": SESSION,
                                              "AvailableChallenges": ["PASSWORD"]}, START)
    with pytest.raises(RuntimeError, match="EMAIL_OTP"):
        identity.start_sign_in(EMAIL)


def test_the_right_code_returns_cognitos_tokens(identity, cognito):
    cognito[1].add_response("respond_to_auth_challenge", {"AuthenticationResult": RESULT},
                            ANSWER)
    tokens = identity.answer(EMAIL, SESSION, "123456")
    assert (tokens.access_token, tokens.id_token, tokens.refresh_token, tokens.expires_in) == \
        ("access", "id", "refresh", 3600)


@pytest.mark.parametrize(("code", "message", "expected"), [
    ("CodeMismatchException", "Invalid code received for user", InvalidCode),
    ("ExpiredCodeException", "Invalid code provided, please request a code again.",
     SessionExpired),
    ("NotAuthorizedException", "Invalid session for the user, session is expired.",
     SessionExpired),
    ("NotAuthorizedException", "Invalid session for the user, session can only be used once.",
     SessionExpired),
    ("UserNotFoundException", "User does not exist.", SessionExpired),
    ("TooManyFailedAttemptsException", "Too many failed attempts.", RateLimited),
    ("TooManyRequestsException", "Rate exceeded", ServiceUnavailable),
    ("LimitExceededException", "Attempt limit exceeded", ServiceUnavailable),
    ("InternalErrorException", "Internal error", ServiceUnavailable),
])
def test_each_failure_of_verify_maps_to_the_contract(identity, cognito, code, message,
                                                     expected):
    cognito[1].add_client_error("respond_to_auth_challenge", code, message,
                                expected_params=ANSWER)
    with pytest.raises(expected) as raised:
        identity.answer(EMAIL, SESSION, "123456")
    if expected in (RateLimited, ServiceUnavailable):
        assert raised.value.retry_after > 0


def test_refresh(identity, cognito):
    result = {k: v for k, v in RESULT.items() if k != "RefreshToken"}
    cognito[1].add_response("initiate_auth", {"AuthenticationResult": result}, REFRESH)
    tokens = identity.refresh("refresh")
    assert tokens.access_token == "access" and tokens.refresh_token is None


@pytest.mark.parametrize(("code", "expected"), [
    ("NotAuthorizedException", Unauthorized), ("UserNotFoundException", Unauthorized),
    ("TooManyRequestsException", ServiceUnavailable),
])
def test_refresh_failures(identity, cognito, code, expected):
    cognito[1].add_client_error("initiate_auth", code, "Refresh Token has been revoked",
                                expected_params=REFRESH)
    with pytest.raises(expected):
        identity.refresh("refresh")


def refreshed_as(stubber, sub):
    access = jwt.encode({"sub": sub, "token_use": "access"}, "k", algorithm="HS256")
    result = {k: v for k, v in RESULT.items() if k != "RefreshToken"}
    stubber.add_response("initiate_auth", {"AuthenticationResult": {
        **result, "AccessToken": access}}, REFRESH)


def test_sign_out_with_a_refresh_token_revokes_that_token(identity, cognito):
    refreshed_as(cognito[1], "u-1")
    cognito[1].add_response("revoke_token", {}, {"Token": "refresh", "ClientId": CLIENT})
    identity.sign_out("u-1", "access", "refresh")


def test_sign_out_refuses_another_users_refresh_token(identity, cognito):
    # RevokeToken would take it: every user's token was issued to the same app client.
    refreshed_as(cognito[1], "u-2")
    with pytest.raises(Forbidden):
        identity.sign_out("u-1", "access", "refresh")


def test_a_refresh_token_that_no_longer_works_is_already_signed_out(identity, cognito):
    cognito[1].add_client_error("initiate_auth", "NotAuthorizedException",
                                "Refresh Token has been revoked", expected_params=REFRESH)
    identity.sign_out("u-1", "access", "refresh")


def test_sign_out_without_one_signs_out_everywhere(identity, cognito):
    cognito[1].add_response("global_sign_out", {}, {"AccessToken": "access"})
    identity.sign_out("u-1", "access")


@pytest.mark.parametrize(("operation", "code", "expected"), [
    ("revoke_token", "UnauthorizedException", Unauthorized),
    ("revoke_token", "UnsupportedTokenTypeException", Unauthorized),
    ("revoke_token", "TooManyRequestsException", ServiceUnavailable),
    ("global_sign_out", "NotAuthorizedException", Unauthorized),
])
def test_sign_out_failures(identity, cognito, operation, code, expected):
    if operation == "revoke_token":
        refreshed_as(cognito[1], "u-1")
    cognito[1].add_client_error(operation, code, "no")
    with pytest.raises(expected):
        identity.sign_out("u-1", "access", "refresh" if operation == "revoke_token" else None)


def test_an_eight_digit_code_goes_to_cognito_as_typed(identity, cognito):
    cognito[1].add_response("respond_to_auth_challenge", {"AuthenticationResult": RESULT}, {
        **ANSWER, "ChallengeResponses": {"USERNAME": EMAIL, "EMAIL_OTP_CODE": "12345678"}})
    assert identity.answer(EMAIL, SESSION, "12345678").access_token == "access"


def test_an_unexpected_answer_stays_unexpected(identity, cognito):
    cognito[1].add_client_error("respond_to_auth_challenge", "ResourceNotFoundException",
                                "User pool client does not exist.", expected_params=ANSWER)
    with pytest.raises(Exception) as raised:
        identity.answer(EMAIL, SESSION, "123456")
    assert type(raised.value).__name__ == "ResourceNotFoundException"


def test_the_email_of_a_user(identity, cognito):
    cognito[1].add_response("admin_get_user", USER, {"UserPoolId": POOL, "Username": "u-1"})
    email, created = identity.email_of("u-1")
    assert email == EMAIL and created.year == 2026


def test_cognito_unreachable_is_503(identity, cognito):
    def unreachable(**_):
        raise EndpointConnectionError(endpoint_url="https://cognito-idp.us-east-1.amazonaws.com")
    cognito[0].meta.events.register_first("before-call.cognito-idp.InitiateAuth", unreachable)
    with pytest.raises(ServiceUnavailable):
        identity.refresh("refresh")


# Deleting the user of a deleted account ---------------------------------------------------
GET_USER = {"UserPoolId": POOL, "Username": "u-1"}


def test_delete_user_deletes_the_user_while_it_is_still_that_account(identity, cognito):
    client, stubber = cognito
    stubber.add_response("admin_get_user", USER, GET_USER)
    stubber.add_response("admin_delete_user", {}, GET_USER)
    identity.delete_user("u-1", "u-1")


def test_delete_user_leaves_a_newer_account_with_the_same_name_alone(identity, cognito):
    client, stubber = cognito
    newer = {**USER, "UserAttributes": [{"Name": "sub", "Value": "someone-new"}]}
    stubber.add_response("admin_get_user", newer, GET_USER)
    identity.delete_user("u-1", "u-1")  # no AdminDeleteUser expected


@pytest.mark.parametrize("operation", ["admin_get_user", "admin_delete_user"])
def test_delete_user_is_done_when_the_user_is_gone(identity, cognito, operation):
    client, stubber = cognito
    if operation == "admin_delete_user":
        stubber.add_response("admin_get_user", USER, GET_USER)
    stubber.add_client_error(operation, "UserNotFoundException")
    identity.delete_user("u-1", "u-1")


def test_delete_user_with_cognito_throttled_is_unavailable(identity, cognito):
    client, stubber = cognito
    stubber.add_client_error("admin_get_user", "TooManyRequestsException")
    with pytest.raises(ServiceUnavailable):
        identity.delete_user("u-1", "u-1")
