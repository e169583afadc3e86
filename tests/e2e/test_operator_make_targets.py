"""`make seed/migrate/cleanup` as an operator types them: a dry run unless their own
variable says to act (the deploy's `APPLY=yes` does not), and prod refuses a wrong
CONFIRM before it connects."""
from __future__ import annotations

import json
import os
import subprocess

import pytest

from kefir.ops.target import connect
from tests.e2e.conftest import ROOT, local_server

pytestmark = pytest.mark.e2e


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """A server of this module's own: these tests seed it, the session's stays unseeded."""
    with local_server(tmp_path_factory.mktemp("operator")) as running:
        yield running


def make(server, *args: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith("KEFIR_")}
    env["KEFIR_EMULATOR_FILE"] = str(server.emulator_file)
    return subprocess.run(["make", "--no-print-directory", *args], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=300, stdin=subprocess.DEVNULL)


def snapshot(server) -> tuple[list[str], list[str]]:
    """Every item of the table and every object key of the bucket, in a stable order."""
    wiring = connect("local", {"KEFIR_EMULATOR_FILE": str(server.emulator_file),
                               "AWS_REGION": "us-east-1"})
    items = [json.dumps(item, sort_keys=True)
             for page in wiring.aws.dynamodb.get_paginator("scan").paginate(
                 TableName=wiring.table.name, ConsistentRead=True)
             for item in page["Items"]]
    objects = [obj["Key"]
               for page in wiring.aws.s3.get_paginator("list_objects_v2").paginate(
                   Bucket=wiring.settings.photo_bucket)
               for obj in page.get("Contents", [])]
    return sorted(items), sorted(objects)


def test_the_seed_dry_run_lists_what_is_missing_and_writes_nothing(server):
    before = snapshot(server)
    dry = make(server, "seed", "STAGE=local")
    assert dry.returncode == 0, dry.stderr
    assert "seed-ana@example.com: would create the user" in dry.stdout
    assert "Dry run: nothing changed. SEED_APPLY=1 (--apply) creates it." in dry.stdout
    assert snapshot(server) == before


def test_dry_runs_change_nothing_even_with_the_deploys_apply(server):
    seeded = make(server, "seed", "STAGE=local", "SEED_APPLY=1")
    assert seeded.returncode == 0, seeded.stdout + seeded.stderr
    assert "created 2 users" in seeded.stdout
    before = snapshot(server)
    # DAYS=1: the cleanup has batches to archive, and must only say so.
    for target in ("seed", "migrate", "cleanup DAYS=1"):
        done = make(server, *target.split(), "STAGE=local", "APPLY=yes")
        assert done.returncode == 0, done.stdout + done.stderr
        assert "Dry run: nothing changed." in done.stdout or \
            "Everything the plan holds is already there." in done.stdout
        assert snapshot(server) == before, f"make {target} STAGE=local changed the stage"
    assert "to archive" in done.stdout


@pytest.mark.parametrize("target, confirm", [("cleanup", "CONFIRM=yes"), ("migrate", None)])
def test_prod_refuses_without_confirm_prod_in_one_sentence(target, confirm):
    args = [f"{target}", "STAGE=prod", f"{target.upper()}_APPLY=1"]
    done = subprocess.run(["make", "--no-print-directory", *args, *filter(None, [confirm])],
                          cwd=ROOT, capture_output=True, text=True, timeout=120,
                          stdin=subprocess.DEVNULL)
    assert done.returncode != 0
    # The command's sentence; make adds its own "*** [target] Error 1" line after it.
    sentence = done.stderr.splitlines()[0]
    assert sentence.startswith(f"Error: {target} acts on prod only with CONFIRM=prod")
    assert sentence.endswith("nothing was changed.")
    assert "Traceback" not in done.stderr


def test_an_unknown_stage_is_one_sentence():
    done = subprocess.run(["make", "--no-print-directory", "cleanup", "STAGE=staging"],
                          cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert done.returncode != 0
    assert done.stderr.splitlines()[0] == \
        "Unknown stage 'staging': make cleanup takes STAGE=local|dev|prod."
