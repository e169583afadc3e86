"""The main journey of the mobile app, for locust: sign in with the emailed code (read from
the local server's outbox), start a batch, log events, read it back, get reminder
suggestions, confirm one, list batches and export. Every unexpected status is an error.

`LOAD_OUTBOX` names the server's outbox file; bench/load.py sets it and starts locust.
"""
from __future__ import annotations

import json
import os
import time
import uuid
from pathlib import Path

from locust import HttpUser, between, task

OUTBOX = Path(os.environ.get("LOAD_OUTBOX", ".local/outbox.jsonl"))
EVENTS = ({"type": "temperature", "temperature_c": 22.5}, {"type": "tasted", "rating": 4},
          {"type": "fed"})


class Fermenter(HttpUser):
    wait_time = between(0.2, 1.0)

    def on_start(self):
        email = f"load-{uuid.uuid4().hex[:12]}@example.com"
        session = self._expect("POST", "/auth/login", 202, json={"email": email})["session"]
        tokens = self._expect("POST", "/auth/verify", 200, json={
            "email": email, "session": session, "code": _code_for(email)})
        self.client.headers["Authorization"] = f"Bearer {tokens['access_token']}"
        paths = self._expect("GET", "/openapi.json", 200)["paths"]
        self.can_export = "/export.csv" in paths

    @task
    def journey(self):
        batch = self._expect("POST", "/batches", 201, json={
            "name": "Load jar", "kind": "milk", "grains_g": 20, "liquid_ml": 500})
        base = f"/batches/{batch['batch_id']}"
        for event in EVENTS:
            self._expect("POST", f"{base}/events", 201, json=event,
                         name="/batches/{batch_id}/events")
        self._expect("GET", base, 200, name="/batches/{batch_id}")
        suggestions = self._expect("GET", f"{base}/reminders/suggestions", 200,
                                   name="/batches/{batch_id}/reminders/suggestions")["items"]
        if suggestions:
            self._expect("POST", f"{base}/reminders/confirm", 201,
                         json={"items": [{"suggestion_id": suggestions[0]["suggestion_id"]}]},
                         name="/batches/{batch_id}/reminders/confirm")
        self._expect("GET", "/batches", 200)
        if self.can_export:
            self._expect("GET", "/export.csv", 200, as_json=False)

    def _expect(self, method: str, path: str, status: int, *, as_json: bool = True, **kwargs):
        with self.client.request(method, path, catch_response=True, **kwargs) as response:
            if response.status_code != status:
                response.failure(f"{response.status_code}: {response.text[:200]}")
                return {}
            return response.json() if as_json else response.text


def _code_for(email: str, wait_s: float = 10) -> str:
    """The newest code the outbox holds for this email (written before /auth/login answers)."""
    deadline = time.monotonic() + wait_s
    while time.monotonic() < deadline:
        for line in reversed(OUTBOX.read_text().splitlines()):
            record = json.loads(line)
            if record["to"] == email:
                return record["code"]
        time.sleep(0.1)
    raise RuntimeError(f"no code for {email} in {OUTBOX}")
