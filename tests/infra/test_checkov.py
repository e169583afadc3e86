"""checkov over every Terraform root: no failure, and every skip explains itself."""

import json
import os
import re
import subprocess
from pathlib import Path

import pytest

from .hcl import ROOT, TERRAFORM

ROOTS = ["envs/dev", "envs/prod", "bootstrap"]
SKIP = re.compile(r"checkov:skip=([A-Z0-9_]+)(.*)")


@pytest.fixture(scope="session")
def checkov() -> str:
    """checkov from .venv-checkov (see make/deploy.mk), built on first use."""
    if os.environ.get("CHECKOV"):
        return os.environ["CHECKOV"]
    binary = ROOT / ".venv-checkov" / "bin" / "checkov"
    if not binary.exists():
        build = subprocess.run(
            ["make", "-f", "make/deploy.mk", ".venv-checkov/bin/checkov"],
            cwd=ROOT,
            capture_output=True,
            text=True,
        )
        if build.returncode != 0:
            reason = build.stderr.strip()[-300:]
            pytest.skip(f"checkov is not installed and `make infra-tools` failed: {reason}")
    return str(binary)


@pytest.mark.parametrize("root", ROOTS)
def test_no_failed_checks(checkov, root):
    result = subprocess.run(
        [
            checkov,
            "--directory",
            str(TERRAFORM / root),
            "--framework",
            "terraform",
            "--skip-download",
            "--download-external-modules",
            "false",
            "--output",
            "json",
            "--compact",
            "--quiet",
        ],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=600,
    )
    assert result.stdout, result.stderr
    reports = json.loads(result.stdout)
    reports = reports if isinstance(reports, list) else [reports]
    failed = [
        f"{check['check_id']} {check['resource']} ({check['file_path']})"
        for report in reports
        for check in report.get("results", {}).get("failed_checks", [])
    ]
    assert not failed, "\n".join(failed)
    assert result.returncode == 0, result.stderr[-2000:]


def test_every_skip_gives_a_reason():
    skips = 0
    for path in TERRAFORM.rglob("*.tf"):
        if ".terraform" in path.parts:
            continue
        for line in path.read_text().splitlines():
            match = SKIP.search(line)
            if match:
                skips += 1
                reason = match.group(2).lstrip(":").strip()
                assert len(reason) > 25, (
                    f"{Path(path).relative_to(ROOT)}: {match.group(1)} needs a reason"
                )
    assert skips, "no skips found: the pattern is wrong"
