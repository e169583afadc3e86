"""`make lint`'s Python half runs in `make test` too, so main never lands with lint errors
that the pull-request workflow would then report: ruff, and import-linter's contracts
(.importlinter), which are also shown to fail when a view or the domain imports the store."""
import os
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def test_ruff_finds_nothing():
    result = subprocess.run([sys.executable, "-m", "ruff", "check", "kefir", "tests",
                             "migrations", "scripts"], cwd=ROOT, capture_output=True,
                            text=True, timeout=120, check=False)
    assert result.returncode == 0, result.stdout + result.stderr


def lint_imports(root: Path) -> subprocess.CompletedProcess:
    """lint-imports on the `kefir` package under `root`. Without `site`, the editable
    install's finder (which would always find this worktree's kefir) is not loaded, so the
    package comes from `root`; the tools come from site-packages."""
    path = os.pathsep.join([str(root), sysconfig.get_paths()["purelib"]])
    return subprocess.run(
        [sys.executable, "-S", "-c",
         "import sys; from importlinter.cli import lint_imports_command; "
         "sys.exit(lint_imports_command())", "--no-cache"],
        cwd=root, env={**os.environ, "PYTHONPATH": path}, capture_output=True, text=True,
        timeout=120, check=False)


def test_the_import_contracts_hold():
    result = lint_imports(ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Contracts: 3 kept, 0 broken." in result.stdout


@pytest.mark.parametrize("module, contract", [
    ("api/devices.py", "Views and jobs reach repositories and AWS only through the wiring"),
    ("domain/events.py", "The domain imports nothing of the app"),
    ("services/devices.py", "Layers: entry points"),  # a service reaching up to a view
])
def test_a_planted_violation_breaks_a_contract(tmp_path, module, contract):
    shutil.copytree(ROOT / "kefir", tmp_path / "kefir",
                    ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / ".importlinter", tmp_path)
    assert lint_imports(tmp_path).returncode == 0  # the copy alone is clean
    planted = ("from kefir.api import errors  # noqa\n" if module.startswith("services")
               else "from kefir.store import keys  # noqa\n")
    target = tmp_path / "kefir" / module
    target.write_text(target.read_text() + planted)
    result = lint_imports(tmp_path)
    assert result.returncode != 0
    broken = result.stdout.split("Broken contracts", 1)[-1]
    assert contract in broken.replace("\n", " ")
