"""Push receipts: Expo reports a message's fate some minutes after it accepted it."""
from __future__ import annotations

import logging
from datetime import datetime

from kefir.clock import to_iso
from kefir.push import DEVICE_NOT_REGISTERED, MAX_RECEIPT_IDS, PushFailed
from kefir.services.delivery import RECEIPT_DELAY

log = logging.getLogger(__name__)


def check_receipts(tickets, devices, push, now: datetime) -> int:
    """Check the tickets whose time has come (up to 1000, one Expo request), drop devices
    Expo calls DeviceNotRegistered, and forget resolved tickets. Returns devices removed.
    Tickets Expo has no receipt for yet are looked at again later."""
    due = tickets.due(to_iso(now), MAX_RECEIPT_IDS)
    if not due:
        return 0
    try:
        answers = push.receipts([t["ticket_id"] for t in due])
    except PushFailed as error:
        log.warning("receipt check failed", extra={"fields": {"error": str(error)}})
        return 0
    resolved = [t for t in due if t["ticket_id"] in answers]
    gone = {(t["owner"], t["device_id"]) for t in resolved
            if answers[t["ticket_id"]] == DEVICE_NOT_REGISTERED}
    for owner, device_id in gone:
        devices.remove(owner, device_id)
    if resolved:
        tickets.remove(resolved)
    waiting = [t for t in due if t["ticket_id"] not in answers]
    if waiting:
        tickets.requeue(waiting, to_iso(now + RECEIPT_DELAY))
    return len(gone)
