"""How the processor is started: the local endpoint, the operator command, the ticker."""
import json
import time
from datetime import timedelta

import pytest

from kefir import create_app
from kefir.clock import utcnow
from kefir.config import Settings
from kefir.local.ticker import start_ticker
from tests.integration.processor_fixtures import T0


@pytest.fixture
def bed_app(bed):
    app = create_app(bed.wiring.settings)
    app.config["TESTING"] = True
    return app


def test_local_run_endpoint_runs_a_pass_as_of_now(bed, bed_app):
    user_id, tokens = bed.user()
    bed.reminder(user_id, due=T0)
    client = bed_app.test_client()
    assert client.post("/_local/reminders/run").get_json() == {"sent": 0, "failed": 0,
                                                               "skipped": 0}
    answer = client.post("/_local/reminders/run", json={"now": "2030-01-01T09:00:00+01:00"})
    assert answer.status_code == 200
    assert answer.get_json() == {"sent": 1, "failed": 0, "skipped": 0}
    assert [p["to"] for p in bed.pushes()] == tokens


@pytest.mark.parametrize("body", [{"now": "yesterday"}, {"now": "2030-01-01T09:00:00"},
                                  {"later": True}])
def test_local_run_endpoint_validates_its_body(client, body):
    answer = client.post("/_local/reminders/run", json=body)
    assert answer.status_code == 422


def test_outside_local_mode_every_local_path_is_404():
    settings = Settings(stage="dev", region="us-east-1", table_name="-", photo_bucket="-",
                        user_pool_id="-", user_pool_client_id="-", signing_key_secret="-",
                        expo_token_secret="-", public_base_url="https://example.invalid")
    client = create_app(settings).test_client()
    for path in ("/_local/reminders/run", "/_local/anything"):
        answer = client.post(path, json={})
        assert answer.status_code == 404
        assert answer.get_json()["error"]["code"] == "not_found"


def test_operator_command_runs_a_pass(bed, bed_app, emulator_url):
    user_id, _ = bed.user()
    bed.reminder(user_id, due=T0)
    env = {"KEFIR_AWS_ENDPOINT_URL": emulator_url, "KEFIR_TABLE": bed.wiring.settings.table_name,
           "KEFIR_EXPO_PUSH_URL": bed.expo.url}
    args = ["reminders", "run", "--stage", "local", "--now", "2030-01-01T08:00:00Z"]
    result = bed_app.test_cli_runner().invoke(args=args, env=env)
    assert result.exit_code == 0, result.output
    assert json.loads(result.output) == {"sent": 1, "failed": 0, "skipped": 0}
    assert len(bed.pushes()) == 1
    bad = bed_app.test_cli_runner().invoke(args=[*args[:-1], "soon"], env=env)
    assert bad.exit_code == 2 and "--now" in bad.output


def test_the_local_ticker_sends_what_is_due_by_the_clock(bed):
    user_id, tokens = bed.user()
    bed.reminder(user_id, due=utcnow() - timedelta(minutes=1))
    stop = start_ticker(bed.wiring, interval_s=0.05)
    try:
        deadline = time.monotonic() + 10
        while not bed.pushes() and time.monotonic() < deadline:
            time.sleep(0.05)
    finally:
        stop.set()
    assert [p["to"] for p in bed.pushes()] == tokens
