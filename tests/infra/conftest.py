import sys
from pathlib import Path

from .offline_plan import rendered  # noqa: F401  (one session-wide plan of every root)

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "scripts"))


def pytest_configure(config):
    config.addinivalue_line(
        "markers", "package: builds the Lambda zip with zappa (slow; needs requirements.txt)"
    )
