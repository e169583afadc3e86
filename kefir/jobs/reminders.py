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
from kefir.metrics import put_count
from kefir.services.delivery import deliver_due
from kefir.services.receipts import check_receipts

log = logging.getLogger(__name__)

_wiring = None
_wiring_lock = threading.Lock()


def run_once(wiring, now: datetime | None = None) -> dict:
    """One pass as if the clock read `now`: deliver due reminders, then check receipts.
    Returns {"sent", "failed", "skipped"}."""
    now = now or utcnow()
    result = deliver_due(wiring.reminders, wiring.devices, wiring.tickets, wiring.push, now)
    check_receipts(wiring.tickets, wiring.devices, wiring.push, now)
    if result.failed:
        put_count(wiring.aws.cloudwatch, "RemindersFailed", result.failed, wiring.settings.stage)
    counts = result.as_dict()
    log.info("reminder pass", extra={"fields": counts})
    return counts


def run_scheduled(event, context) -> dict:
    """Zappa's scheduled-event target (every minute)."""
    return run_once(_lambda_wiring())


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
