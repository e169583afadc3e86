"""The production identity adapter: Cognito's passwordless email code.

Choice-based sign-in (`USER_AUTH`) with `EMAIL_OTP` as the first factor; Cognito emails the
code. The app client has no secret (a public mobile client), so no SECRET_HASH.
"""
from __future__ import annotations

import secrets
from datetime import datetime

from botocore.exceptions import BotoCoreError, ClientError

from kefir.errors import Forbidden, ServiceUnavailable, Unauthorized
from kefir.identity.provider import CODE_TTL_S, Challenge, Tokens, error_code, translate
from kefir.identity.tokens import unverified_claims


class CognitoIdentity:
    def __init__(self, cognito, *, user_pool_id: str, client_id: str):
        self._cognito = cognito
        self._pool_id = user_pool_id
        self._client_id = client_id

    def start_sign_in(self, email: str) -> Challenge:
        """Create the user if the email is new, then have a code emailed.

        Known and unknown emails take the same two calls, so neither the answer nor its
        timing tells them apart."""
        self._ensure_user(email)
        try:
            result = self._call("initiate_auth", "login", AuthFlow="USER_AUTH",
                                ClientId=self._client_id,
                                AuthParameters={"USERNAME": email,
                                                "PREFERRED_CHALLENGE": "EMAIL_OTP"})
        except _NoSuchUser:
            return _decoy_challenge()
        if result.get("ChallengeName") != "EMAIL_OTP" or not result.get("Session"):
            raise RuntimeError(f"Cognito answered USER_AUTH with {result.get('ChallengeName')!r};"
                               " the app client must allow USER_AUTH with EMAIL_OTP")
        return Challenge(session=result["Session"], expires_in=CODE_TTL_S)

    def answer(self, email: str, session: str, code: str) -> Tokens:
        """Answer the EMAIL_OTP challenge; Cognito's tokens, or InvalidCode/SessionExpired."""
        result = self._call("respond_to_auth_challenge", "verify", ClientId=self._client_id,
                            ChallengeName="EMAIL_OTP", Session=session,
                            ChallengeResponses={"USERNAME": email, "EMAIL_OTP_CODE": code})
        return Tokens.from_cognito(result["AuthenticationResult"])

    def refresh(self, refresh_token: str) -> Tokens:
        """New access and id tokens from a refresh token (and a new refresh token when the
        app client rotates them)."""
        result = self._call("initiate_auth", "refresh", AuthFlow="REFRESH_TOKEN_AUTH",
                            ClientId=self._client_id,
                            AuthParameters={"REFRESH_TOKEN": refresh_token})
        return Tokens.from_cognito(result["AuthenticationResult"])

    def sign_out(self, user_id: str, access_token: str, refresh_token: str | None = None) -> None:
        """Revoke one refresh token of the caller's (this device), or with none given every
        refresh token of the user (GlobalSignOut). Forbidden if the token is someone else's;
        a token that no longer works is already signed out."""
        if not refresh_token:
            self._call("global_sign_out", "sign_out", AccessToken=access_token)
            return
        if not self._still_works_for(user_id, refresh_token):
            return
        self._revoke(access_token, refresh_token)

    def _still_works_for(self, user_id: str, refresh_token: str) -> bool:
        """RevokeToken only checks that the token was issued to our app client, and every
        user shares that client; so learn whose it is by using it once (no rotation is
        configured, so this leaves the token as it was)."""
        try:
            tokens = self.refresh(refresh_token)
        except Unauthorized:
            return False
        if unverified_claims(tokens.access_token).get("sub") != user_id:
            raise Forbidden("This refresh token belongs to another user; nothing was revoked.")
        return True

    def _revoke(self, access_token: str, refresh_token: str) -> None:
        self._call("revoke_token", "sign_out", Token=refresh_token, ClientId=self._client_id)

    def email_of(self, username: str) -> tuple[str, datetime]:
        """(email, creation time) of a user, from the pool."""
        user = self._call("admin_get_user", "profile", UserPoolId=self._pool_id,
                          Username=username)
        attributes = {a["Name"]: a["Value"] for a in user.get("UserAttributes", [])}
        return attributes.get("email", ""), user["UserCreateDate"]

    def delete_user(self, username: str, user_id: str) -> None:
        """Delete the pool's user `username` while it is still the account `user_id`: once
        the user is gone, a sign-in with the same email creates a new user (a new `sub`),
        and that newer account is left alone. Done already is done."""
        try:
            user = self._cognito.admin_get_user(UserPoolId=self._pool_id, Username=username)
            attributes = {a["Name"]: a["Value"] for a in user.get("UserAttributes", [])}
            if attributes.get("sub") == user_id:
                self._cognito.admin_delete_user(UserPoolId=self._pool_id, Username=username)
        except ClientError as error:
            if error_code(error) != "UserNotFoundException":
                raise translate(error, "delete_user") from error
        except BotoCoreError as error:
            raise ServiceUnavailable(retry_after=5) from error

    def _ensure_user(self, email: str) -> None:
        try:
            self._cognito.admin_create_user(
                UserPoolId=self._pool_id, Username=email, MessageAction="SUPPRESS",
                UserAttributes=[{"Name": "email", "Value": email},
                                {"Name": "email_verified", "Value": "true"}])
        except ClientError as error:
            if error_code(error) != "UsernameExistsException":
                raise translate(error, "login") from error
        except BotoCoreError as error:
            raise ServiceUnavailable(retry_after=5) from error

    def _call(self, operation: str, step: str, **kwargs) -> dict:
        try:
            return getattr(self._cognito, operation)(**kwargs)
        except ClientError as error:
            if step == "login" and error_code(error) in ("UserNotFoundException",
                                                          "NotAuthorizedException"):
                raise _NoSuchUser() from error
            raise translate(error, step) from error
        except BotoCoreError as error:
            raise ServiceUnavailable(retry_after=5) from error


class _NoSuchUser(Exception):
    """The user vanished or is disabled between creation and sign-in."""


def _decoy_challenge() -> Challenge:
    # Same answer as for anyone else; no code is ever sent, so verify will say
    # session_expired. Cognito's own "prevent user existence errors" works the same way.
    return Challenge(session=secrets.token_urlsafe(600), expires_in=CODE_TTL_S)
