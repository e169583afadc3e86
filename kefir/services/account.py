"""Deleting one's account (docs/privacy.md says what goes when)."""
from __future__ import annotations

import logging
from datetime import datetime, timedelta

from kefir.clock import to_iso
from kefir.identity.user import User
from kefir.store.accounts import DeletionMarkers

log = logging.getLogger(__name__)

# The sweep starts this long after the deletion: longer than a request can last plus the
# marker's cache, so no request that passed the guard just before is still writing.
SWEEP_GRACE = timedelta(minutes=1)


def delete_account(markers: DeletionMarkers, identity, user: User, now: datetime) -> None:
    """Close the account at once and queue the sweep of everything it owned.

    The marker cuts access: every token of the account is refused, its share links and
    reminders are dead. The Cognito user is deleted right away too, so that signing in
    with the same email makes a new account; if Cognito is unreachable, the sweep deletes
    it on its first pass (until then a sign-in yields tokens of the deleted account, which
    the guard refuses)."""
    markers.mark(user.user_id, user.username, deleted_at=to_iso(now),
                 sweep_after=to_iso(now + SWEEP_GRACE))
    try:
        identity.delete_user(user.username, user.user_id)
    except Exception:  # the account is closed already; the sweep retries
        log.warning("sign-in user not deleted at once; the sweep will", exc_info=True)
