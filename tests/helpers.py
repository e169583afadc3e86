"""Test helpers shared by the tiers."""
from __future__ import annotations

import secrets

from kefir.wiring import Wiring


class Auth:
    """Signs test users in on the emulator's user pool and hands back request headers.

    It uses the emulator's admin password flow directly: the same tokens the local identity
    adapter obtains, verified by the same code as in production.
    """

    def __init__(self, wiring: Wiring):
        self._wiring = wiring
        self._tokens: dict[str, dict] = {}

    def tokens(self, email: str) -> dict:
        if email not in self._tokens:
            cognito = self._wiring.aws.cognito
            pool = self._wiring.settings.user_pool_id
            password = "Aa1!" + secrets.token_urlsafe(16)
            try:
                cognito.admin_create_user(
                    UserPoolId=pool, Username=email, MessageAction="SUPPRESS",
                    UserAttributes=[{"Name": "email", "Value": email},
                                    {"Name": "email_verified", "Value": "true"}])
            except cognito.exceptions.UsernameExistsException:
                pass
            cognito.admin_set_user_password(UserPoolId=pool, Username=email,
                                            Password=password, Permanent=True)
            result = cognito.admin_initiate_auth(
                UserPoolId=pool, ClientId=self._wiring.settings.user_pool_client_id,
                AuthFlow="ADMIN_USER_PASSWORD_AUTH",
                AuthParameters={"USERNAME": email, "PASSWORD": password})
            self._tokens[email] = result["AuthenticationResult"]
        return self._tokens[email]

    def headers(self, email: str) -> dict:
        return {"Authorization": f"Bearer {self.tokens(email)['AccessToken']}"}
