"""`make load`: the main journey (bench/locustfile.py) against a local server of its own,
on loopback only, with bounded users and time; reports throughput, percentiles and errors
and fails on any error.

    python -m bench.load                  # 20 users for 45 s
    python -m bench.load --users 2 --seconds 5
"""
from __future__ import annotations

import argparse
import csv
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent

# Every user signs in from 127.0.0.1, so the per-IP login throttle is raised for this
# server (the per-email one never binds: each user has its own address).
THROTTLES = {"KEFIR_LOGIN_MAX_PER_IP": "1000000", "KEFIR_VERIFY_MAX_PER_IP": "1000000",
             "KEFIR_LOGIN_MAX_PER_EMAIL": "100"}


def run_locust(base_url: str, outbox: Path, workdir: Path, *, users: int, seconds: int) -> dict:
    """Run locust headless against `base_url` and summarise its aggregated statistics."""
    prefix = workdir / "locust"
    done = subprocess.run(
        [sys.executable, "-m", "locust", "-f", str(HERE / "locustfile.py"), "--headless",
         "--host", base_url, "--users", str(users), "--spawn-rate", str(users),
         "--run-time", f"{seconds}s", "--stop-timeout", "10", "--csv", str(prefix),
         "--only-summary", "--loglevel", "WARNING"],
        env={**os.environ, "LOAD_OUTBOX": str(outbox)}, capture_output=True, text=True,
        timeout=seconds + 120)
    rows = _csv(workdir / "locust_stats.csv")
    total = next(r for r in rows if r["Name"] == "Aggregated")
    summary = {
        "users": users, "seconds": seconds,
        "requests": int(total["Request Count"]), "errors": int(total["Failure Count"]),
        "requests_per_s": round(float(total["Requests/s"]), 1),
        "p50_ms": _number(total["50%"]), "p95_ms": _number(total["95%"]),
        "p99_ms": _number(total["99%"]), "max_ms": _number(total["Max Response Time"]),
        "by_request": {f"{r['Type']} {r['Name']}": {"requests": int(r["Request Count"]),
                                                    "errors": int(r["Failure Count"]),
                                                    "p95_ms": _number(r["95%"])}
                       for r in rows if r["Name"] != "Aggregated"},
    }
    failures = workdir / "locust_failures.csv"
    summary["failures"] = _csv(failures)[:10] if failures.exists() else []
    if done.returncode not in (0, 1):  # locust exits 1 when a request failed
        raise RuntimeError(f"locust failed:\n{done.stdout[-2000:]}{done.stderr[-2000:]}")
    return summary


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=20)
    parser.add_argument("--seconds", type=int, default=45)
    args = parser.parse_args(argv)
    sys.path.insert(0, str(HERE.parent))
    from tests.e2e.conftest import local_server  # the same server the e2e tests start

    with tempfile.TemporaryDirectory(prefix="kefir-load-") as scratch:
        workdir = Path(scratch)
        with local_server(workdir, **THROTTLES) as server:
            summary = run_locust(server.base_url, server.outbox, workdir,
                                 users=args.users, seconds=args.seconds)
    print(json.dumps({k: v for k, v in summary.items() if k != "by_request"}, indent=2))
    for name, figures in sorted(summary["by_request"].items()):
        print(f"  {name:55} {figures['requests']:6} req  {figures['errors']:4} err  "
              f"p95 {figures['p95_ms']} ms")
    results = HERE / "results.json"
    merged = json.loads(results.read_text()) if results.exists() else {}
    merged["load"] = summary
    results.write_text(json.dumps(merged, indent=2) + "\n")
    return 1 if summary["errors"] else 0


def _csv(path: Path) -> list[dict]:
    with path.open(newline="") as rows:
        return list(csv.DictReader(rows))


def _number(text: str):
    return None if text in ("", "N/A") else round(float(text))


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
