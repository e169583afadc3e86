"""Fixtures the integration modules share: a second user, a batch made through the API,
adapters without an app, and the reminder processor's test bed."""
from __future__ import annotations

import pytest

from kefir.wiring import Wiring
from tests.helpers import new_batch
from tests.integration.processor_fixtures import make_bed


@pytest.fixture
def other(auth, unique):
    """Request headers of a second user of this test alone."""
    return auth.headers(f"other-{unique}@example.com")


@pytest.fixture
def batch(client, me):
    """A milk kefir jar of `me`, as POST /batches answered it."""
    return new_batch(client, me)


@pytest.fixture(scope="session")
def bare_wiring(local_settings):
    """Adapters on the session's emulator, without building an app (local boot is slow)."""
    return Wiring(local_settings)


@pytest.fixture
def bed(local_settings, bare_wiring, tmp_path):
    """The processor on a table and an Expo stand-in of its own, so counts are exact."""
    bed = make_bed(local_settings, bare_wiring.aws, tmp_path)
    yield bed
    bed.expo.stop()
