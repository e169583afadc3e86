"""After a restore, `reapply-deletions` copies the deletion markers of the replaced table
into the restored one, queued for the sweep; a dry run changes nothing."""
from __future__ import annotations

import uuid

from click.testing import CliRunner

from kefir.clock import to_iso, utcnow
from kefir.ops.cli import main
from kefir.store.schema import create_table
from kefir.wiring import Repositories


def markers_of(aws, table_name: str):
    return Repositories.on(aws.dynamodb, table_name).deletion_markers


def test_markers_of_the_old_table_are_queued_again_in_the_restored_one(wiring, emulator_url,
                                                                       tmp_path):
    aws = wiring.aws
    old, restored = (f"kefir-test-{uuid.uuid4().hex[:12]}" for _ in range(2))
    create_table(aws.dynamodb, old)
    create_table(aws.dynamodb, restored)
    deleted = [uuid.uuid4().hex for _ in range(3)]
    for user_id in deleted:
        markers_of(aws, old).mark(user_id, "someone@example.com",
                                         deleted_at=to_iso(utcnow()),
                                         sweep_after="2026-01-01T00:00:00Z")
    markers_of(aws, old).finish(deleted[0], swept_at=to_iso(utcnow()))
    (tmp_path / "emulator.url").write_text(emulator_url)
    env = {"KEFIR_EMULATOR_FILE": str(tmp_path / "emulator.url"), "AWS_REGION": "us-east-1"}

    def invoke(*extra: str) -> str:
        result = CliRunner().invoke(main, ["reapply-deletions", "--stage", "local",
                                           "--from-table", old, "--to-table", restored, *extra],
                                    env=env)
        assert result.exit_code == 0, result.output
        return result.output

    assert "3 deleted accounts to re-apply" in invoke()
    target = markers_of(aws, restored)
    assert not any(target.is_deleted(user_id) for user_id in deleted)
    assert "3 deleted accounts queued for a sweep" in invoke("--apply")
    fresh = markers_of(aws, restored)
    assert all(fresh.is_deleted(user_id) for user_id in deleted)
    queued = {entry["user_id"] for entry in fresh.due(to_iso(utcnow()), 10)}
    assert queued == set(deleted)
