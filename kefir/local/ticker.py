"""Local mode's stand-in for Zappa's every-minute event: a daemon thread that runs one
processor pass a minute inside `make run`."""
from __future__ import annotations

import logging
import os
import threading

log = logging.getLogger(__name__)

INTERVAL_S = 60.0


def start_ticker(wiring, interval_s: float = INTERVAL_S) -> threading.Event:
    """Run a pass every `interval_s` seconds until the returned event is set."""
    from kefir.jobs.reminders import run_once

    stop = threading.Event()

    def tick():
        while not stop.wait(interval_s):
            try:
                run_once(wiring)
            except Exception:  # a failed pass must not end the schedule
                log.exception("local reminder pass failed")

    threading.Thread(target=tick, name="reminder-ticker", daemon=True).start()
    return stop


def start_unless_testing(wiring) -> threading.Event | None:
    """The app factory's hook: tests build many apps and start a ticker only by asking.
    Under `flask run --debug` the reloader's watcher process builds the app too but never
    serves it (werkzeug marks the serving child with WERKZEUG_RUN_MAIN); it gets none."""
    if os.environ.get("PYTEST_CURRENT_TEST"):
        return None
    if os.environ.get("FLASK_DEBUG") == "1" and not os.environ.get("WERKZEUG_RUN_MAIN"):
        return None
    return start_ticker(wiring)
