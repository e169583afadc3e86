"""Benchmarks: `make bench` runs bench/run.py, which prints a table and writes
bench/results.json (docs/performance.md explains every figure)."""
