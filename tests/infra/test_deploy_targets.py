"""Deploy targets stop at once, touching nothing, without credentials or consent."""

import os
import shutil
import subprocess
import time

import pytest

from .hcl import ROOT

TARGETS = [
    "plan-dev",
    "plan-prod",
    "apply-dev",
    "apply-prod",
    "deploy-dev",
    "deploy-prod",
    "frontend-env",
]
NO_CREDENTIALS = ("No usable AWS credentials", "Deploying needs the AWS CLI")


@pytest.fixture
def sandbox(tmp_path):
    """A PATH whose terraform and zappa only record that they were called."""
    if shutil.which("make") is None:
        pytest.skip("make is not installed")
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    calls = tmp_path / "calls"
    for tool in ("terraform", "zappa"):
        fake = bin_dir / tool
        fake.write_text(f'#!/bin/sh\necho "{tool} $*" >> {calls}\n')
        fake.chmod(0o755)
    environment = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("AWS_", "MAKE", "MFLAGS"))
    }
    environment.update(
        PATH=f"{bin_dir}:{environment['PATH']}",
        HOME=str(tmp_path),
        AWS_CONFIG_FILE=str(tmp_path / "no-config"),
        AWS_SHARED_CREDENTIALS_FILE=str(tmp_path / "no-credentials"),
        # Without this, botocore would ask the EC2 metadata service for credentials.
        AWS_EC2_METADATA_DISABLED="true",
    )
    return bin_dir, calls, environment


def make(target, environment, **kwargs):
    return subprocess.run(
        ["make", "--no-print-directory", "-f", "make/deploy.mk", target],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
        timeout=120,
        **kwargs,
    )


@pytest.mark.parametrize("target", TARGETS)
def test_refuses_without_credentials(sandbox, target):
    _, calls, environment = sandbox
    started = time.monotonic()
    result = make(target, environment)
    assert result.returncode != 0
    assert any(sentence in result.stderr for sentence in NO_CREDENTIALS), result.stderr
    assert len(result.stderr.strip().splitlines()) <= 2, result.stderr
    assert not calls.exists(), calls.read_text()
    assert time.monotonic() - started < 60


def test_prod_needs_explicit_confirmation(sandbox):
    bin_dir, calls, environment = sandbox
    fake_aws = bin_dir / "aws"
    fake_aws.write_text("#!/bin/sh\necho 123456789012\n")
    fake_aws.chmod(0o755)
    result = make("deploy-prod", environment)
    assert result.returncode != 0
    assert "Production deploy not confirmed; nothing was changed." in result.stdout
    assert not calls.exists(), calls.read_text()
