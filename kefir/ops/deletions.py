"""Re-applying account deletions after a table restore (docs/privacy.md).

A point-in-time restore brings back accounts deleted after the restore point; their
deletion markers survive in the table being replaced. Copying them into the restored
table, queued for a sweep, refuses those accounts' tokens at once and has the next
processor pass remove what came back.
"""
from __future__ import annotations

from collections.abc import Callable

from kefir.store.accounts import DeletionMarkers


def reapply_deletions(source: DeletionMarkers, target: DeletionMarkers, *, apply: bool,
                      sweep_after: str, echo: Callable[[str], None]) -> int:
    """List (and with `apply`, copy) every marker of `source` into `target`; returns how
    many there are."""
    count = 0
    for marker in source.all():
        count += 1
        echo(f"  {marker['user_id']} deleted at {marker['deleted_at']}")
        if apply:
            target.requeue(marker, sweep_after)
    return count
