"""Registry-style layout, pinned versions, state, tags and formatting."""

import shutil
import subprocess

import pytest

from .hcl import ENVS, MODULES, TERRAFORM, env, load, module

REGISTRY_FILES = {"main.tf", "variables.tf", "outputs.tf", "versions.tf"}
ROOTS = [TERRAFORM / "envs" / stage for stage in ENVS] + [TERRAFORM / "bootstrap"]
# The resource each module exists for carries the registry's conventional name
# (modules/stage only calls modules; app_secrets holds two secrets, named for what they are).
PRIMARY = {
    "app_secrets": None,
    "stage": None,
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


@pytest.mark.parametrize("mod", [m for m in MODULES if PRIMARY[m]])
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
    assert root["locals"] == {"stage": stage}
    assert module("stage")["locals"]["name"] == "kefir-${var.stage}"
    provider = root["provider"][0]["aws"]
    assert provider["region"] == "us-east-1"
    tags = provider["default_tags"][0]["tags"]
    assert set(tags) == {"project", "stage", "owner"}
    assert tags["stage"] == "${local.stage}"


@pytest.mark.parametrize("stage", ENVS)
def test_roots_are_thin(stage):
    """A root: the provider, the backend, its values for modules/stage, its outputs."""
    root = env(stage)
    assert not root["resource"] and not root["data"], "env roots only call modules/stage"
    assert list(root["module"]) == ["stage"]
    call = root["module"]["stage"]
    assert call["source"] == "../../modules/stage"
    assert set(call) - {"source"} == {"stage", "settings"}
    for name, body in root["output"].items():
        assert body["value"] in (f"${{module.stage.{name}}}", "${local.stage}", "us-east-1"), name


def test_the_stages_differ_only_in_their_settings():
    settings = {stage: env(stage)["module"]["stage"]["settings"] for stage in ENVS}
    assert set(settings["prod"]) - set(settings["dev"]) == {"domain"}
    assert set(env("dev")["output"]) == set(env("prod")["output"])
    typed = module("stage")["variable"]["settings"]["type"]
    for setting in settings["prod"]:
        assert setting in typed, f"settings.{setting} is not in the stage module's type"


def bare(address: str) -> str:
    return address.removeprefix("${").removesuffix("}")


@pytest.mark.parametrize("stage", ENVS)
def test_an_existing_state_keeps_its_resources(stage):
    """Each module the roots called before modules/stage has a moved block into it."""
    before = {"kms", "data", "auth", "security", "iam", "monitoring", "github_deploy"}
    if stage == "prod":
        before |= {"dns", "mail"}
    moves = {bare(m["from"]): bare(m["to"]) for m in env(stage).get("moved", [])}
    for name in before:
        target = moves.get(f"module.{name}", "")
        assert target.startswith(f"module.stage.module.{name}"), name
    secrets = {bare(m["from"]): bare(m["to"]) for m in module("stage").get("moved", [])}
    for address in (
        "aws_secretsmanager_secret.expo_token",
        "aws_secretsmanager_secret.signing_key",
        "aws_secretsmanager_secret_version.signing_key",
    ):
        assert secrets[f"module.security.{address}"] == f"module.app_secrets.{address}"


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
