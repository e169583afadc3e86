"""What the benchmarks run against: a local-mode app on an emulator of its own (so its
table holds only what the bench writes), and a caller that signs in the way the mobile app
does, through /auth/login, the outbox and /auth/verify, in process."""
from __future__ import annotations

import json
import threading
import uuid
from pathlib import Path

from flask import Flask

from bench.counting import RoundTrips


def local_app(workdir: Path, **environ: str) -> Flask:
    """A fresh local-mode app with its own emulator; `environ` adds KEFIR_* settings."""
    from kefir import create_app
    from kefir.config import load_settings
    from kefir.local.emulator import start_emulator

    workdir.mkdir(parents=True, exist_ok=True)
    settings = load_settings({
        "KEFIR_OUTBOX": str(workdir / "outbox.jsonl"),
        "KEFIR_PUSH_OUTBOX": str(workdir / "pushes.jsonl"),
        # One bench signs many users in from one address in seconds.
        "KEFIR_LOGIN_MAX_PER_IP": "1000000", "KEFIR_VERIFY_MAX_PER_IP": "1000000",
        "KEFIR_LOGIN_MAX_PER_EMAIL": "1000",
        "AWS_REGION": "us-east-1", "LOG_LEVEL": "WARNING",
        "KEFIR_AWS_ENDPOINT_URL": start_emulator(), **environ})
    return create_app(settings)


class Caller:
    """In-process requests to one app; `measure` counts the DynamoDB round trips and
    items read of exactly one request (on this thread only)."""

    def __init__(self, app: Flask):
        self.app = app
        self.client = app.test_client()
        self.wiring = app.extensions["kefir"]
        self.counter = RoundTrips(thread=threading.get_ident())

    def sign_in(self, email: str | None = None) -> dict:
        """Sign a user in through the outbox; returns the /auth/verify answer."""
        email = email or f"bench-{uuid.uuid4().hex[:12]}@example.com"
        started = self.call("POST", "/auth/login", expect=202, json={"email": email})
        answer = self.call("POST", "/auth/verify", expect=200, json={
            "email": email, "session": started["session"], "code": self.last_code(email)})
        return answer

    def last_code(self, email: str) -> str:
        outbox = Path(self.wiring.settings.outbox_path)
        for line in reversed(outbox.read_text().splitlines()):
            record = json.loads(line)
            if record["to"] == email:
                return record["code"]
        raise AssertionError(f"no code for {email} in {outbox}")

    def last_push(self, token: str) -> dict:
        """The newest push the local Expo stand-in recorded for a token."""
        outbox = Path(self.wiring.settings.push_outbox_path)
        return next(json.loads(line) for line in reversed(outbox.read_text().splitlines())
                    if json.loads(line)["to"] == token)

    def call(self, method: str, path: str, *, expect: int, **kwargs):
        """One request, not counted; its JSON answer (or the response if not JSON)."""
        response = self.client.open(path, method=method, **kwargs)
        _check(response, method, path, expect)
        return response.get_json(silent=True) if response.is_json else response

    def measure(self, method: str, path: str, *, expect: int, **kwargs) -> RoundTrips:
        """One request with its DynamoDB calls counted; the counter is returned."""
        self.counter.reset()
        with self.counter.watching(self.wiring.aws.dynamodb):
            response = self.client.open(path, method=method, **kwargs)
            response.get_data()  # a streamed body reads the table while it is sent
        _check(response, method, path, expect)
        return self.counter


def bearer(tokens: dict) -> dict:
    return {"Authorization": f"Bearer {tokens['access_token']}"}


def _check(response, method: str, path: str, expect: int) -> None:
    if response.status_code != expect:
        raise AssertionError(f"{method} {path} answered {response.status_code}, expected "
                             f"{expect}: {response.get_data(as_text=True)[:500]}")
