"""The reminder processor's entry points: Zappa's every-minute event, and one plain pass.

zappa_settings.json: `"events": [{"function": "kefir.jobs.reminders.run_scheduled",
"expression": "rate(1 minute)"}]`. The lease (kefir.domain.reminders.LEASE, 5 minutes)
must stay longer than the function's timeout.
"""
from __future__ import annotations

import logging
import threading
from datetime import datetime

from kefir.clock import utcnow
from kefir.services.budget import Budget
from kefir.metrics import put_count
from kefir.services.account_sweep import sweep_deleted_accounts
from kefir.services.archive import build_pending_archives
from kefir.services.delivery import deliver_due
from kefir.services.receipts import check_receipts

log = logging.getLogger(__name__)

_wiring = None
_wiring_lock = threading.Lock()


def run_once(wiring, now: datetime | None = None, budget: Budget | None = None) -> dict:
    """One pass as if the clock read `now`: deliver due reminders, then check receipts,
    then, with what is left of `budget`, sweep deleted accounts and build pending
    archives. Returns the reminders' {"sent", "failed", "skipped"}."""
    now = now or utcnow()
    budget = budget or Budget.for_pass()
    result = deliver_due(wiring.reminders, wiring.devices, wiring.tickets, wiring.push,
                         wiring.deletion_markers, now)
    check_receipts(wiring.tickets, wiring.devices, wiring.push, now)
    if result.failed:
        put_count(wiring.aws.cloudwatch, "RemindersFailed", result.failed, wiring.settings.stage)
    counts = result.as_dict()
    swept = sweep_deleted_accounts(wiring.sweeper, now, budget)
    built = build_pending_archives(wiring.archive_builder, now, budget)
    log.info("reminder pass", extra={"fields": {**counts, "accounts_swept": swept,
                                                "archives_built": built}})
    return counts


def run_scheduled(event, context) -> dict:
    """Zappa's scheduled-event target (every minute)."""
    return run_once(_lambda_wiring(), budget=Budget.for_lambda(context))


def _lambda_wiring():
    # Built on first use and kept while the function stays warm; no work at import time.
    global _wiring
    with _wiring_lock:
        if _wiring is None:
            from kefir.config import load_settings
            from kefir.logs import configure_logging
            from kefir.wiring import Wiring
            settings = load_settings()
            configure_logging(settings.log_level)
            _wiring = Wiring(settings)
        return _wiring
