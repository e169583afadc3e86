"""What the token guard's deletion check adds to a request (GET /batches, whole app).

Tokens are verified locally, so every authenticated request asks whether the account was
deleted. The marker is read with one consistent GetItem and remembered for
MARKER_CACHE_S seconds per user on a warm instance. Three variants of the same app run
interleaved: no check at all, the check as deployed (cache warm: the usual request), and
the check with no cache (what one request in every few seconds per user pays). Figures:
round trips of each, and the ratio of the medians (cached / none, target <= 1.1).
"""
from __future__ import annotations

import statistics
import time

from bench.round_trips import Bench
from kefir.store.accounts import MARKER_CACHE_S, DeletionMarkers

SAMPLES = 200


class _NoCheck:
    def is_deleted(self, user_id: str) -> bool:
        return False


def run(app, samples: int = SAMPLES) -> dict:
    bench = Bench(app)
    bench.prepare()
    table = bench.wiring.table
    variants = {"none": _NoCheck(), "cached": DeletionMarkers(table),
                "uncached": DeletionMarkers(table, cache_s=0)}
    round_trips, times = {}, {name: [] for name in variants}
    for name, markers in variants.items():
        bench.wiring.deletion_markers = markers
        bench.get("/batches")  # a warm instance has seen this user already
        round_trips[name] = bench.get("/batches").total
    for _ in range(samples):
        for name, markers in variants.items():
            bench.wiring.deletion_markers = markers
            started = time.perf_counter()
            response = bench.client.get("/batches", headers=bench.headers)
            times[name].append(time.perf_counter() - started)
            assert response.status_code == 200, response.get_data(as_text=True)
    median = {name: statistics.median(values) for name, values in times.items()}
    return {
        "ratio": round(median["cached"] / median["none"], 3),
        "round_trips": round_trips,
        "added_ms_cached": round((median["cached"] - median["none"]) * 1000, 3),
        "added_ms_uncached": round((median["uncached"] - median["none"]) * 1000, 3),
        "cache_s": MARKER_CACHE_S, "samples": samples,
    }
