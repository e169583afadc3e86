"""`make lint`'s Python half runs in `make test` too, so main never lands with lint errors
that the pull-request workflow would then report."""
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_ruff_finds_nothing():
    result = subprocess.run([sys.executable, "-m", "ruff", "check", "kefir", "tests",
                             "migrations", "scripts"], cwd=ROOT, capture_output=True,
                            text=True, timeout=120, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
