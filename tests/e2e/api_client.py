"""Signing users in over HTTP, the way the app does: login, the code from the outbox,
verify. Every e2e test that needs a user (or two, for cross-user checks) uses this."""
from __future__ import annotations

import json
from dataclasses import dataclass

import requests


@dataclass
class SignedIn:
    """A signed-in user: `http` is a requests.Session whose calls carry the access token."""
    email: str
    user_id: str
    tokens: dict
    http: requests.Session

    @property
    def headers(self) -> dict:
        return {"Authorization": f"Bearer {self.tokens['access_token']}"}


class ApiClient:
    def __init__(self, server):
        self.server = server

    def url(self, path: str) -> str:
        return self.server.url(path)

    def login(self, email: str) -> requests.Response:
        return requests.post(self.url("/auth/login"), json={"email": email}, timeout=10)

    def last_code(self, email: str) -> str:
        """The newest code the outbox holds for this email."""
        for line in reversed(self.server.outbox.read_text().splitlines()):
            record = json.loads(line)
            if record["to"] == email.strip().lower():
                return record["code"]
        raise AssertionError(f"no code for {email} in {self.server.outbox}")

    def verify(self, email: str, session: str, code: str) -> requests.Response:
        return requests.post(self.url("/auth/verify"), timeout=10,
                             json={"email": email, "session": session, "code": code})

    def sign_in(self, email: str) -> SignedIn:
        started = self.login(email)
        assert started.status_code == 202, started.text
        answer = self.verify(email, started.json()["session"], self.last_code(email))
        assert answer.status_code == 200, answer.text
        http = requests.Session()
        tokens = answer.json()
        http.headers["Authorization"] = f"Bearer {tokens['access_token']}"
        me = http.get(self.url("/me"), timeout=10)
        assert me.status_code == 200, me.text
        return SignedIn(email=email, user_id=me.json()["user_id"], tokens=tokens, http=http)
