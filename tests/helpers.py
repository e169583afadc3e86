"""Test helpers shared by the tiers."""
from __future__ import annotations

import json
import secrets
import time
from collections.abc import Iterator

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


def new_batch(client, headers: dict, **fields) -> dict:
    """A batch created through the API (a milk jar named Jar unless told otherwise)."""
    answer = client.post("/batches", json={"name": "Jar", "kind": "milk", **fields},
                         headers=headers)
    assert answer.status_code == 201, answer.get_data(as_text=True)
    return answer.get_json()


def whoami_client(app):
    """A test client of `app` with one protected route, GET /_whoami, answering the
    caller's user id."""
    from flask import Blueprint, jsonify

    from kefir.api.operation import operation

    bp = Blueprint("whoami", __name__)

    @bp.get("/_whoami")
    @operation("Who am I", tag="test", responses={200: None})
    def whoami(user):
        return jsonify(user_id=user.user_id)

    app.register_blueprint(bp)
    return app.test_client()


class Clock:
    """A clock a test moves by hand: call it for the time in epoch seconds."""

    def __init__(self, now: float):
        self.now = now

    def __call__(self) -> float:
        return self.now


def every_item(table) -> Iterator[dict]:
    """Every live item of a table, by Scan, a page at a time (tests only)."""
    start_key = None
    while True:
        page = table.scan(start_key=start_key)
        yield from page.items
        if page.last_key is None:
            return
        start_key = page.last_key


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


class Outage:
    """Make an AWS client's requests fail as the service would, at the HTTP layer.

    The answer is injected at botocore's `before-send` event, after the request is built
    and signed and before it would go on the wire, so botocore's own retry policy (standard
    mode, 3 attempts) runs exactly as against the real service; `attempts` counts what
    was sent. `operations` limits the outage to some calls (`{"TransactWriteItems"}`);
    `failures` limits it to the first n requests (a brief blip).
    """

    def __init__(self, client, code: str, *, status: int = 400, operations=None,
                 failures: int | None = None):
        self._client = client
        self._code, self._status = code, status
        self._operations = set(operations) if operations else None
        self._left = failures
        self.attempts = 0
        self._service = client.meta.service_model.service_id.hyphenize()
        self._protocol = client.meta.service_model.protocol

    def __enter__(self):
        self._client.meta.events.register(f"before-send.{self._service}", self._answer,
                                          unique_id=f"outage-{id(self)}")
        return self

    def __exit__(self, *exc):
        self._client.meta.events.unregister(f"before-send.{self._service}",
                                            unique_id=f"outage-{id(self)}")

    def _answer(self, request, event_name: str, **_):
        operation = event_name.rsplit(".", 1)[-1]
        if self._operations is not None and operation not in self._operations:
            return None
        if self._left is not None:
            if self._left <= 0:
                return None
            self._left -= 1
        self.attempts += 1
        from botocore.awsrequest import AWSResponse
        if self._protocol in ("rest-xml", "query", "ec2"):
            body = (f"<Error><Code>{self._code}</Code><Message>injected</Message></Error>"
                    if request.method != "HEAD" else "")
            headers = {"Content-Type": "application/xml"}
        else:
            body = json.dumps({"__type": self._code, "message": "injected"})
            headers = {"Content-Type": "application/x-amz-json-1.0",
                       "x-amzn-ErrorType": self._code}
        return AWSResponse(request.url, self._status, headers, _Raw(body.encode()))


class _Raw:
    def __init__(self, body: bytes):
        self._body = body

    def stream(self, **_):
        yield self._body


def retrying(send, attempts: int = 5):
    """Send a request again after a 503, as the contract tells clients to (with the same
    Idempotency-Key, so a write that did happen is answered, not repeated). The local
    emulator can answer 503 under parallel load, which tests of limits must not mistake
    for the limit; the limit is judged on the answers that follow."""
    for _ in range(attempts - 1):
        answer = send()
        if answer.status_code != 503:
            return answer
        time.sleep(0.2)
    return send()


def assert_cap_held(statuses: list[int], pending: int, size: int = 8) -> None:
    """Parallel confirmations of `size` reminders each kept a batch's cap of 20: each was
    written whole or refused with the cap's 409, and the batch holds at most 20. (Two of
    five fit. A confirmation the emulator wrote but answered 503 for is refused on its
    retry, so its reminders count without a 201: what must hold is the cap, and that
    nothing is half-written.)"""
    assert set(statuses) <= {201, 409}, statuses
    assert pending <= 20 and pending % size == 0, pending
    assert pending >= size * statuses.count(201) and 409 in statuses
