"""Request overhead: GET /batches through the whole app (routing, token verification,
validation, the store, the schema dump) against the bare boto3 Query it makes.

Both run in this process against the same emulator, interleaved so that noise on a shared
machine hits both alike; the ratio of the medians is the figure (target <= 1.3).
"""
from __future__ import annotations

import statistics
import time

from bench.round_trips import Bench

SAMPLES = 300


def run(app, samples: int = SAMPLES) -> dict:
    bench = Bench(app)
    bench.prepare()
    params = _query_params(bench)
    dynamodb = bench.wiring.aws.dynamodb
    through_app, bare = [], []
    for _ in range(samples):
        started = time.perf_counter()
        response = bench.client.get("/batches", headers=bench.headers)
        middle = time.perf_counter()
        dynamodb.query(**params)
        through_app.append(middle - started)
        bare.append(time.perf_counter() - middle)
        assert response.status_code == 200, response.get_data(as_text=True)
    app_s, bare_s = statistics.median(through_app), statistics.median(bare)
    return {"ratio": round(app_s / bare_s, 3), "app_ms": round(app_s * 1000, 3),
            "boto3_ms": round(bare_s * 1000, 3),
            "overhead_ms": round((app_s - bare_s) * 1000, 3), "samples": samples}


def _query_params(bench: Bench) -> dict:
    """The exact arguments GET /batches passes to the client's Query."""
    captured: list[dict] = []

    def capture(params, **_):
        captured.append(dict(params))

    events = bench.wiring.aws.dynamodb.meta.events
    events.register("provide-client-params.dynamodb.Query", capture, unique_id="bench-capture")
    try:
        bench.call("GET", "/batches", expect=200, headers=bench.headers)
    finally:
        events.unregister("provide-client-params.dynamodb.Query", unique_id="bench-capture")
    if len(captured) != 1:
        raise RuntimeError(f"GET /batches made {len(captured)} Queries, expected exactly 1")
    return captured[0]
