"""Fill a stage with realistic test data: `make seed STAGE=local|dev [SEED_APPLY=1]`
(never prod).

    python scripts/seed_dev.py --stage local            # dry run: what is missing
    python scripts/seed_dev.py --stage local --apply    # create it (a running `make run`)
    python scripts/seed_dev.py --stage dev --apply      # asks first (--confirm dev answers)

Test users (seed-ana@example.com, seed-ben@example.com: sign in with those emails, the
local code is in .local/outbox.jsonl), milk and water batches with weeks of events and
photos, confirmed reminders, devices and one public batch. Safe to run again: it only
adds what is missing. The plan is kefir/ops/seed_plan.py.
"""
from kefir.ops.cli import seed_command

if __name__ == "__main__":
    seed_command(prog_name="scripts/seed_dev.py")
