"""Registry-style layout, pinned versions, state, tags and formatting."""

import shutil
import subprocess

import pytest

from .hcl import ENVS, MODULES, TERRAFORM, env, load, module

REGISTRY_FILES = {"main.tf", "variables.tf", "outputs.tf", "versions.tf"}
ROOTS = [TERRAFORM / "envs" / stage for stage in ENVS] + [TERRAFORM / "bootstrap"]
# The resource each module exists for carries the registry's conventional name.
PRIMARY = {
    "auth": "aws_cognito_user_pool",
    "data": "aws_dynamodb_table",
    "dns": "aws_api_gateway_domain_name",
    "github_oidc": "aws_iam_role",
    "iam": "aws_iam_role",
    "kms": "aws_kms_key",
    "mail": "aws_sesv2_email_identity",
    "monitoring": "aws_sns_topic",
    "s3_bucket": "aws_s3_bucket",
    "security": "aws_wafv2_web_acl",
}
# Protective settings must stay on unless a root turns them off on purpose.
SAFE_DEFAULTS = {
    ("auth", "deletion_protection"): True,
    ("data", "point_in_time_recovery"): True,
    ("data", "deletion_protection"): True,
    ("data", "photo_versioning"): True,
    ("data", "force_destroy"): False,
    ("s3_bucket", "force_destroy"): False,
    ("monitoring", "alarms_enabled"): True,
    ("security", "waf_enabled"): True,
    ("security", "force_destroy"): False,
}


@pytest.mark.parametrize("directory", [TERRAFORM / "modules" / m for m in MODULES] + ROOTS, ids=str)
def test_registry_files(directory):
    assert REGISTRY_FILES <= {p.name for p in directory.glob("*.tf")}


@pytest.mark.parametrize("directory", [TERRAFORM / "modules" / m for m in MODULES] + ROOTS, ids=str)
def test_every_variable_is_typed_and_described(directory):
    for name, body in load(directory)["variable"].items():
        assert body.get("type"), f"{directory.name}: variable {name} has no type"
        assert len(body.get("description", "")) > 10, (
            f"{directory.name}: variable {name} is not described"
        )


@pytest.mark.parametrize("directory", [TERRAFORM / "modules" / m for m in MODULES] + ROOTS, ids=str)
def test_every_output_is_described(directory):
    for name, body in load(directory)["output"].items():
        assert body.get("description"), f"{directory.name}: output {name} is not described"


def test_protective_defaults():
    for (mod, variable), safe in SAFE_DEFAULTS.items():
        assert module(mod)["variable"][variable]["default"] is safe, f"{mod}.{variable}"


@pytest.mark.parametrize("mod", MODULES)
def test_primary_resource_is_named_this(mod):
    assert "this" in module(mod)["resource"][PRIMARY[mod]]


@pytest.mark.parametrize("stage", ENVS)
def test_root_pins_versions_and_locks_remote_state(stage):
    terraform = env(stage)["terraform"][0]
    assert terraform["required_version"] == "~> 1.11"
    providers = terraform["required_providers"][0]
    assert providers["aws"] == {"source": "hashicorp/aws", "version": "~> 6.0"}
    assert providers["random"]["version"].startswith("~>")
    backend = terraform["backend"][0]["s3"]
    assert backend == {
        "key": f"kefir/{stage}/terraform.tfstate",
        "region": "us-east-1",
        "encrypt": True,
        "use_lockfile": True,
    }


@pytest.mark.parametrize("stage", ENVS)
def test_root_region_and_default_tags(stage):
    root = env(stage)
    assert root["locals"]["stage"] == stage
    assert root["locals"]["name"] == "kefir-${local.stage}"
    provider = root["provider"][0]["aws"]
    assert provider["region"] == "us-east-1"
    tags = provider["default_tags"][0]["tags"]
    assert set(tags) == {"project", "stage", "owner"}
    assert tags["stage"] == "${local.stage}"


@pytest.mark.parametrize("stage", ENVS)
def test_roots_are_thin(stage):
    assert not env(stage)["resource"], "env roots only call modules"


def test_terraform_fmt():
    terraform = shutil.which("terraform")
    if terraform is None:
        pytest.skip("terraform is not installed")
    result = subprocess.run(
        [terraform, "fmt", "-check", "-recursive", "-diff", str(TERRAFORM)],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout
