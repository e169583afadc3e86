"""Fixtures shared by every tier: one embedded emulator per test session, an app on it,
and a counter of DynamoDB round trips."""
from __future__ import annotations

import os
import uuid

import pytest

from bench.counting import RoundTrips
from kefir.config import load_settings

# Never let a test reach a real AWS account, whatever the developer's shell holds.
for _name in ("AWS_PROFILE", "AWS_SESSION_TOKEN", "AWS_SECURITY_TOKEN"):
    os.environ.pop(_name, None)
os.environ.update(AWS_ACCESS_KEY_ID="testing", AWS_SECRET_ACCESS_KEY="testing",
                  AWS_DEFAULT_REGION="us-east-1", AWS_REGION="us-east-1")


@pytest.fixture(scope="session")
def emulator_url() -> str:
    from kefir.local.emulator import start_emulator
    return start_emulator()


@pytest.fixture(scope="session")
def local_settings(emulator_url, tmp_path_factory):
    """Local-mode settings on the session's emulator, resources created once."""
    from kefir.local.resources import boot
    outdir = tmp_path_factory.mktemp("local")
    settings = load_settings({
        "KEFIR_AWS_ENDPOINT_URL": emulator_url,
        "KEFIR_OUTBOX": str(outdir / "outbox.jsonl"),
        "KEFIR_PUSH_OUTBOX": str(outdir / "pushes.jsonl"),
        "AWS_REGION": "us-east-1",
    })
    return boot(settings)


@pytest.fixture
def app(local_settings):
    from kefir import create_app
    app = create_app(local_settings)
    app.config["TESTING"] = True
    return app


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def wiring(app):
    return app.extensions["kefir"]


@pytest.fixture
def unique() -> str:
    """A fresh id, so tests sharing the session's table never see each other's items."""
    return uuid.uuid4().hex


@pytest.fixture
def round_trips():
    return RoundTrips()


@pytest.fixture
def auth(wiring):
    from tests.helpers import Auth
    return Auth(wiring)


@pytest.fixture
def me(auth, unique):
    """Request headers of a user of this test alone."""
    return auth.headers(f"{unique}@example.com")
