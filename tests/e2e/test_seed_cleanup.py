"""`make seed` then `make cleanup` against a running local server, as an operator runs
them, and running either again changes nothing more."""
import re
from datetime import timedelta

import pytest
from click.testing import CliRunner

from kefir.clock import to_iso, utcnow
from kefir.ops.cli import main
from kefir.ops.seed_plan import PLAN
from kefir.ops.target import connect
from kefir.photos import batch_prefix

pytestmark = pytest.mark.e2e


@pytest.fixture
def run(server):
    env = {"KEFIR_EMULATOR_FILE": str(server.emulator_file), "KEFIR_AWS_ENDPOINT_URL": ""}

    def invoke(*args: str) -> str:
        result = CliRunner().invoke(main, list(args), env=env)
        assert result.exit_code == 0, result.output
        return result.output
    return invoke


def test_seed_then_cleanup_and_both_again(server, api, run):
    first = run("seed", "--stage", "local", "--apply")
    assert "created 2 users, 2 devices, 5 batches, 186 events, 3 reminders, " \
        "1 abandoned uploads" in first
    assert "Morning milk jar: 76 events added, 0 already there" in first
    assert "(everything was already there)" in run("seed", "--stage", "local", "--apply")

    # A seeded user signs in over HTTP and sees weeks of data.
    ana = api.sign_in("seed-ana@example.com")
    batches = ana.http.get(api.url("/batches"), timeout=10).json()["items"]
    by_name = {b["name"]: b for b in batches}
    assert set(by_name) == {"Morning milk jar", "Raspberry ginger water kefir",
                            "Autumn milk batch", "Lemon water kefir"}
    assert by_name["Raspberry ginger water kefir"]["is_public"]
    assert by_name["Raspberry ginger water kefir"]["status"] == "second_ferment"
    assert by_name["Autumn milk batch"]["status"] == "done"
    assert by_name["Morning milk jar"]["cover_photo_url"]
    jar = by_name["Morning milk jar"]["batch_id"]
    events = ana.http.get(api.url(f"/batches/{jar}/events?limit=100"), timeout=10).json()
    assert len(events["items"]) == 76
    assert ana.http.get(api.url("/me/reminders"), timeout=10).json()["items"]
    assert ana.http.get(api.url("/me/devices"), timeout=10).json()["items"]

    photo_events = sum(e.type == "photo" for b in PLAN[0].batches for e in b.events)
    assert len(_objects(server, ana)) == photo_events + 1  # one upload no event records
    dry = run("cleanup", "--stage", "local")
    assert "dry run, nothing will change" in dry
    assert "younger than 24 h" in dry
    assert "Dry run: nothing changed." in dry
    assert re.search(r"batches: \d+ done; [1-9]\d* started more than 30 days ago, to archive",
                     dry), dry
    assert _status(ana, api, "Autumn milk batch") == "done"

    # A day later the abandoned upload is old enough to go; the recorded photos stay.
    later = to_iso(utcnow() + timedelta(hours=25))
    applied = run("cleanup", "--stage", "local", "--apply", "--now", later)
    assert "archived 'Autumn milk batch'" in applied
    assert _status(ana, api, "Autumn milk batch") == "archived"
    recorded = {e["photo_key"] for b in batches for e in ana.http.get(
        api.url(f"/batches/{b['batch_id']}/events?limit=100"), timeout=10).json()["items"]
        if e.get("photo_key")}
    assert len(recorded) == photo_events
    assert set(_objects(server, ana)) == recorded  # the abandoned upload is gone

    again = run("cleanup", "--stage", "local", "--apply", "--now", later)
    assert "0 deleted" in again and "0 started more than 30 days ago, archived" in again
    assert "(everything was already there)" in run("seed", "--stage", "local", "--apply")
    assert _status(ana, api, "Autumn milk batch") == "archived"


def _status(user, api, name):
    items = user.http.get(api.url("/batches"), timeout=10).json()["items"]
    return next(b["status"] for b in items if b["name"] == name)


def _objects(server, user):
    wiring = connect("local", {"KEFIR_EMULATOR_FILE": str(server.emulator_file),
                               "AWS_REGION": "us-east-1"})
    owner_prefix = batch_prefix(user.user_id, "any").split("batches/")[0]
    listing = wiring.aws.s3.list_objects_v2(Bucket=wiring.settings.photo_bucket,
                                            Prefix=owner_prefix)
    return [o["Key"] for o in listing.get("Contents", [])]
