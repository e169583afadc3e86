"""zappa_settings.json is safe, slim, and names what Terraform creates."""

import json
import re

import pytest

from render_zappa_settings import FROM_TERRAFORM, stage_config

from .hcl import (
    ENVS,
    ROOT,
    env,
    env_scope,
    module,
    module_inputs,
    resolve,
    stage_name,
    stage_settings,
)

SETTINGS = json.loads((ROOT / "zappa_settings.json").read_text())
APP_VARIABLES = {
    "KEFIR_STAGE",
    "KEFIR_TABLE",
    "KEFIR_PHOTO_BUCKET",
    "KEFIR_USER_POOL_ID",
    "KEFIR_USER_POOL_CLIENT_ID",
    "KEFIR_SIGNING_KEY_SECRET",
    "KEFIR_EXPO_TOKEN_SECRET",
    "KEFIR_PUBLIC_BASE_URL",
    "KEFIR_CORS_ORIGINS",
    "LOG_LEVEL",
}
SECRET_LOOKING = re.compile(r"AKIA[0-9A-Z]{16}|[A-Za-z0-9+/]{32,}")


@pytest.fixture(params=ENVS)
def stage(request):
    return request.param


@pytest.fixture
def config(stage):
    return stage_config(SETTINGS, stage)


def test_stages():
    assert set(SETTINGS) == set(ENVS)
    assert SETTINGS["prod"]["extends"] == "dev"


def test_safe_defaults(config):
    assert config["debug"] is False
    assert config["log_level"] == "INFO"
    assert config["aws_environment_variables"]["LOG_LEVEL"] == "INFO"


def test_runtime_and_region(config):
    assert config["runtime"] == "python3.11"
    assert config["aws_region"] == "us-east-1"
    assert config["project_name"] == "kefir"
    assert config["app_function"] == "kefir.wsgi.app"
    assert config["xray_tracing"] is True
    assert config["keep_warm"] is True


def test_reminder_processor_every_minute(config):
    (event,) = config["events"]
    assert event["function"] == "kefir.jobs.reminders.run_scheduled"
    assert event["expression"] == "rate(1 minute)"


def test_the_app_answers_cross_origin_preflights_itself(config):
    """With Zappa's `cors` on, API Gateway would answer OPTIONS with a static list of its
    own; off, a preflight reaches the app like any other method (`ANY`), which checks it
    against KEFIR_CORS_ORIGINS."""
    assert "cors" not in config
    assert "KEFIR_CORS_ORIGINS" in config["aws_environment_variables"]


def test_variables_are_real_lambda_variables(config):
    assert "environment_variables" not in config, "environment_variables are baked into the zip"
    assert "remote_env" not in config


def test_prod_repeats_every_variable():
    """extends is a shallow merge: a dict in prod replaces dev's whole dict."""
    dev, prod = (SETTINGS[s]["aws_environment_variables"] for s in ENVS)
    assert set(prod) == set(dev)
    assert prod["KEFIR_STAGE"] == "prod"
    assert SETTINGS["prod"]["tags"].keys() == SETTINGS["dev"]["tags"].keys()


def test_every_app_variable_is_set_once_rendered(config):
    """The committed file plus what render_zappa_settings.py adds is the app's whole contract."""
    committed = set(config["aws_environment_variables"])
    assert committed | set(FROM_TERRAFORM) | {"KEFIR_PUBLIC_BASE_URL"} == APP_VARIABLES
    assert not committed & set(FROM_TERRAFORM)


def test_no_secrets(config):
    text = json.dumps(config)
    assert not SECRET_LOOKING.search(text.replace('"', " ")), "secrets belong in Secrets Manager"
    for key, value in config["aws_environment_variables"].items():
        if key.endswith("_SECRET"):
            assert value.startswith("kefir-"), f"{key} names a secret, it never holds one"


def test_roles_are_terraforms(config, stage):
    assert config["manage_roles"] is False
    role = module("iam")["resource"]["aws_iam_role"]["this"]["name"]
    assert config["role_name"] == stage_name(stage, role, "iam")


def test_names_equal_terraforms(config, stage):
    variables = config["aws_environment_variables"]
    assert variables["KEFIR_STAGE"] == stage == env_scope(stage)["local.stage"]
    table = module("data")["resource"]["aws_dynamodb_table"]["this"]["name"]
    assert variables["KEFIR_TABLE"] == stage_name(stage, table, "data")
    secrets = module("app_secrets")["resource"]["aws_secretsmanager_secret"]
    assert variables["KEFIR_SIGNING_KEY_SECRET"] == stage_name(
        stage, secrets["signing_key"]["name"], "app_secrets"
    )
    assert variables["KEFIR_EXPO_TOKEN_SECRET"] == stage_name(
        stage, secrets["expo_token"]["name"], "app_secrets"
    )
    assert f"{config['project_name']}-{stage}" == module_inputs(stage, "iam")["function_name"]


def test_tags_equal_terraforms(config, stage):
    tags = env(stage)["provider"][0]["aws"]["default_tags"][0]["tags"]
    assert config["tags"] == {key: resolve(value, env_scope(stage)) for key, value in tags.items()}


def test_prod_domain_is_terraforms():
    assert "domain" not in SETTINGS["dev"]
    assert SETTINGS["prod"]["domain"] == f"api.{stage_settings('prod')['domain']['name']}"
    assert "certificate_arn" not in SETTINGS["prod"], (
        "Terraform owns the certificate; never `zappa certify`"
    )


def test_regional_endpoint_matches_the_regional_domain(config):
    assert config["endpoint_configuration"] == ["REGIONAL"]


def test_slim_package(config):
    excluded = set(config["exclude"])
    assert {"troposphere", "pip", "setuptools", "tests", "terraform", ".venv*"} <= excluded
    assert not any("**" in pattern for pattern in config.get("exclude_glob", [])), (
        "x/** crashes Zappa"
    )
    assert "docs" not in excluded, (
        "exclude matches at every depth and botocore imports botocore.docs"
    )
    assert config["use_precompiled_packages"] is False
    assert config["slim_handler"] is False
