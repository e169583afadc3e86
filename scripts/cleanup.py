"""Housekeeping: `make cleanup STAGE=local|dev|prod [CLEANUP_APPLY=1] [DAYS=30]`.

    python scripts/cleanup.py --stage dev                         # dry run: what would change
    python scripts/cleanup.py --stage dev --apply                 # asks, then acts
    python scripts/cleanup.py --stage prod --apply --confirm prod # prod acts only so

Deletes photo objects that no batch references and that are older than 24 hours, and
archives `done` batches started more than --archive-after-days (30) days ago.
kefir/ops/cleanup.py holds the rules.
"""
from kefir.ops.cli import cleanup_command

if __name__ == "__main__":
    cleanup_command(prog_name="scripts/cleanup.py")
