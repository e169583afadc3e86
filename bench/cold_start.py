"""Cold start: a fresh interpreter imports the packaged Lambda handler and answers its
first GET /health, ours against a hello-world Flask app packaged the same way by Zappa
(target ratio <= 1.3). Runs alternate between the two so machine noise hits both alike;
each figure is the median of RUNS. Python writes no bytecode (-B), as on Lambda, whose
package directory is read-only: every cold start compiles what it imports."""
from __future__ import annotations

import statistics
import tempfile
from pathlib import Path

from bench import lambda_runs, zappa_build

RUNS = 7


def run(runs: int = RUNS) -> dict:
    with tempfile.TemporaryDirectory(prefix="kefir-cold-") as scratch:
        ours = lambda_runs.unzip(zappa_build.ours(), Path(scratch) / "ours")
        hello = lambda_runs.unzip(zappa_build.hello_world(), Path(scratch) / "hello")
        ours_s, hello_s = [], []
        for _ in range(runs):
            ours_s.append(lambda_runs.elapsed(lambda_runs.first_request(ours)))
            hello_s.append(lambda_runs.elapsed(lambda_runs.first_request(hello)))
    ours_median, hello_median = statistics.median(ours_s), statistics.median(hello_s)
    return {"ours_s": round(ours_median, 3), "hello_world_s": round(hello_median, 3),
            "ratio": round(ours_median / hello_median, 3), "runs": runs}

