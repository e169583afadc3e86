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


def assert_isolated(intruder, call, snapshot, resource_id: str, *,
                    unknown_id: str | None = None) -> None:
    """Assert that another user's resource is unreachable: for `intruder` it answers 404
    exactly like an id that does not exist (same status, body and content type; only a
    request id may differ), and the attempt changes nothing.

    - `intruder`: whatever `call` needs to act as the other user (an e2e `SignedIn`, a
      headers dict for the in-process client, ...).
    - `call(user, resource_id)`: sends the request under test (GET, PATCH, DELETE, POST of
      a sub-resource...) and returns the response (requests' or Flask's).
    - `snapshot()`: the resource and what hangs off it, as its owner sees it.
    - `unknown_id`: an id that exists nowhere; by default a fresh random one.
    """
    unknown_id = unknown_id or secrets.token_urlsafe(16)
    before = snapshot()
    foreign = call(intruder, resource_id)
    missing = call(intruder, unknown_id)
    assert foreign.status_code == 404, f"another user's resource answered {foreign.status_code}"
    assert missing.status_code == 404, f"an unknown id answered {missing.status_code}"
    assert _content_type(foreign) == _content_type(missing)
    assert _without_request_ids(_json(foreign)) == _without_request_ids(_json(missing)), \
        "another user's resource and an unknown id answer differently"
    assert snapshot() == before, "the other user's request changed the resource"


def _json(response):
    return response.get_json() if hasattr(response, "get_json") else response.json()


def _content_type(response) -> str:
    return response.headers.get("Content-Type", "")


def _without_request_ids(value):
    if isinstance(value, dict):
        return {k: _without_request_ids(v) for k, v in value.items() if k != "request_id"}
    if isinstance(value, list):
        return [_without_request_ids(v) for v in value]
    return value
