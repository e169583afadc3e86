"""`make bench`: every figure of docs/performance.md, measured in one run, printed as a
table and written to bench/results.json.

    python -m bench.run                       # everything
    python -m bench.run round_trips export    # only these sections

Each figure is a count or a ratio of two measurements taken side by side in this run:
time on a shared 2-core machine is too noisy for absolute targets.
"""
from __future__ import annotations

import importlib
import json
import subprocess
import sys
import tempfile
from pathlib import Path

RESULTS = Path(__file__).resolve().parent / "results.json"

# section -> (module, what the module's run() needs: "app" for a local-mode app, or nothing)
SECTIONS = {
    "round_trips": ("bench.round_trips", "app"),
    "request_overhead": ("bench.overhead", "app"),
    "deletion_check": ("bench.deletion_check", "app"),
    "package": ("bench.package", None),
    "cold_start": ("bench.cold_start", None),
    "processor": ("bench.processor", None),
    "export": ("bench.export_memory", None),
    "suggestions": ("bench.suggestions", "app"),
    "archive": ("bench.archive_memory", None),
}

TARGETS = {
    "request_overhead": 1.3,
    "deletion_check": 1.1,
    "cold_start": 1.3,
    "package": 1.0,
    "processor": 1.1,
    "export": 1.3,
    "suggestions": 1.1,
    "archive": 1.3,
}


def main(argv: list[str]) -> int:
    if argv[:1] == ["--section"]:
        return _run_section(argv[1])
    wanted = argv or list(SECTIONS)
    unknown = [name for name in wanted if name not in SECTIONS]
    if unknown:
        print(f"unknown sections {unknown}; choose from {', '.join(SECTIONS)}")
        return 2
    results = json.loads(RESULTS.read_text()) if argv and RESULTS.exists() else {}
    failed = []
    for name in wanted:
        print(f"==> {name}", flush=True)
        # Each section in a process of its own: one section's threads (an emulator, local
        # mode's reminder ticker) must not run, or allocate, during another's measurement.
        done = subprocess.run([sys.executable, "-m", "bench.run", "--section", name],
                              stdout=subprocess.PIPE, text=True, cwd=RESULTS.parent.parent)
        lines = done.stdout.strip().splitlines()
        if done.returncode == 0 and lines:
            results.update(_section(name, json.loads(lines[-1])))
        else:  # one broken section must not hide the others' figures
            results[name] = {"error": f"the section exited with {done.returncode}; "
                                      "its output is above"}
            failed.append(name)
    RESULTS.write_text(json.dumps(results, indent=2) + "\n")
    print(report(results))
    print(f"\nwrote {RESULTS}")
    if failed:
        print(f"FAILED sections: {', '.join(failed)}")
    return 1 if failed else 0


def _run_section(name: str) -> int:
    """Run one section here and print its figures as the last line of output."""
    module_name, needs = SECTIONS[name]
    module = importlib.import_module(module_name)
    if needs == "app":
        from bench.local import local_app
        figures = module.run(local_app(Path(tempfile.mkdtemp(prefix="kefir-bench-"))))
    else:
        figures = module.run()
    print(json.dumps(figures), flush=True)
    return 0


def _section(name: str, figures: dict) -> dict:
    """round_trips returns several top-level keys (round_trips, items_read, calls,
    targets); every other section is one key."""
    if name == "round_trips":
        return {"round_trips": figures["round_trips"],
                "round_trips_detail": {k: figures[k] for k in ("items_read", "calls", "targets",
                                                                "not_measured")}}
    return {name: figures}


def report(results: dict) -> str:
    lines = []
    if "round_trips" in results and "error" not in results["round_trips"]:
        detail = results["round_trips_detail"]
        lines.append(f"\n{'DynamoDB round trips per request':48} {'target':>6} {'measured':>8} "
                     f"{'items':>6}  calls")
        for op in sorted(results["round_trips"], key=lambda o: (o.split()[1], o.split()[0])):
            target = detail["targets"].get(op)
            measured = results["round_trips"][op]
            flag = "  OVER" if target is not None and measured > target else ""
            calls = ", ".join(f"{k} {v}" for k, v in detail["calls"][op].items()) or "-"
            lines.append(f"{op:48} {'-' if target is None else target:>6} {measured:>8} "
                         f"{detail['items_read'][op]:>6}  {calls}{flag}")
        if detail.get("not_measured"):
            lines.append(f"(scenarios waiting for their endpoint: "
                         f"{', '.join(detail['not_measured'])})")
    lines.append(f"\n{'ratio figures':48} {'target':>6} {'measured':>8}")
    for name, target in TARGETS.items():
        figures = results.get(name)
        if figures is None:
            continue
        if "error" in figures:
            lines.append(f"{name:48} {target:>6} {'ERROR':>8}  {figures['error']}")
            continue
        ratio = figures.get("ratio", figures.get("peak_memory_ratio"))
        if name == "processor":
            ratio = max(figures["ddb_requests_ratio"], figures["items_read_ratio"])
        if name == "suggestions":
            ratio = figures["items_read_ratio"]
        flag = "  OVER" if ratio > target else ""
        extra = ", ".join(f"{k}={v}" for k, v in figures.items() if "ratio" not in k)
        lines.append(f"{name:48} {target:>6} {ratio:>8}  {extra}{flag}")
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
