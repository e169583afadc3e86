"""Run `make plan-offline`'s runner from tests, and read what it rendered.

The runner lives in .venv-standin (see the Makefile); `make test` builds it, and
a test run without it builds it the same way. `rendered` plans and applies every
root once a session and hands the tests each root's state after apply, as
`terraform show -json` prints it: every value resolved, policies as JSON.
"""

import json
import subprocess
from pathlib import Path

import pytest

from .hcl import ROOT

STANDIN_PYTHON = ROOT / ".venv-standin" / "bin" / "python"
ROOTS = {"bootstrap": "bootstrap", "dev": "envs/dev", "prod": "envs/prod"}
STAGES = ("dev", "prod")


def as_list(value) -> list:
    """A policy element that may be one string or several, as a list."""
    return value if isinstance(value, list) else [value]


def standin_python() -> str:
    if not STANDIN_PYTHON.exists():
        build = subprocess.run(
            ["make", ".venv-standin/.installed"], cwd=ROOT, capture_output=True, text=True
        )
        assert build.returncode == 0, f"building .venv-standin failed:\n{build.stderr[-2000:]}"
    return str(STANDIN_PYTHON)


def run_tool(*args: str) -> subprocess.CompletedProcess:
    """python -m tools.tfstub.<args> in the stand-in's virtualenv."""
    return subprocess.run(
        [standin_python(), "-m", *args], cwd=ROOT, capture_output=True, text=True, timeout=1200
    )


def plan_offline(*args: str) -> subprocess.CompletedProcess:
    return run_tool("tools.tfstub.plan_offline", *args)


class Rendered:
    """The runner's report and each root's state after apply."""

    def __init__(self, report: str, scratch: Path):
        self.report = report
        self._scratch = scratch

    def state(self, root: str) -> dict:
        path = self._scratch / "terraform" / ROOTS[root] / "state.json"
        return json.loads(path.read_text())

    def resources(self, root: str, address_part: str = "") -> list[dict]:
        """Managed and data resources of *root* whose address contains *address_part*."""
        found, modules = [], [self.state(root)["values"]["root_module"]]
        while modules:
            module = modules.pop()
            found += [r for r in module.get("resources", []) if address_part in r["address"]]
            modules += module.get("child_modules", [])
        return found

    def one(self, root: str, address: str) -> dict:
        (match,) = [r for r in self.resources(root) if r["address"] == address]
        return match["values"]


@pytest.fixture(scope="session")
def rendered(tmp_path_factory) -> Rendered:
    scratch = tmp_path_factory.mktemp("plan-offline")
    result = plan_offline("--keep", str(scratch))
    assert result.returncode == 0, (
        f"make plan-offline failed:\n{result.stdout}\n{result.stderr[-6000:]}"
    )
    return Rendered(result.stdout, scratch)
