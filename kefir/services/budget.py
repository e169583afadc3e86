"""How long a scheduled pass may still work: the jobs after the reminders stop between two
bounded steps once too little is left, so the pass ends well before the function's
timeout and the rest waits for the next pass."""
from __future__ import annotations

import time
from collections.abc import Callable

# Lambda's timeout for the function (zappa_settings.json `timeout_seconds`).
FUNCTION_TIMEOUT_S = 30.0
# Kept free at the end of every pass: a step started just before the deadline must still
# finish (one step is a page of deletes, or a Cognito call with its retries).
MARGIN_S = 8.0


class Budget:
    def __init__(self, seconds: float, clock: Callable[[], float] = time.monotonic):
        self._clock = clock
        self._deadline = clock() + seconds

    @classmethod
    def for_lambda(cls, context) -> Budget:
        """What is left of this invocation, less the margin."""
        return cls(context.get_remaining_time_in_millis() / 1000 - MARGIN_S)

    @classmethod
    def for_pass(cls) -> Budget:
        """A pass outside Lambda (local mode, tests) gets what a fresh invocation would."""
        return cls(FUNCTION_TIMEOUT_S - MARGIN_S)

    def exhausted(self) -> bool:
        return self._clock() >= self._deadline
