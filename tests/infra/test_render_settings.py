"""scripts/render_zappa_settings.py: the settings Zappa deploys with."""

import json

import pytest

import render_zappa_settings as render_module
from render_zappa_settings import Mismatch, render

from .hcl import ENVS, ROOT, env

SETTINGS = json.loads((ROOT / "zappa_settings.json").read_text())


def outputs(stage: str) -> dict:
    """What `terraform output` gives for *stage* in an account 123456789012."""
    account = "123456789012"
    return {
        "stage": stage,
        "region": "us-east-1",
        "table_name": f"kefir-{stage}-table",
        "photo_bucket_name": f"kefir-{stage}-photos-123456789012",
        "zappa_bucket_name": f"kefir-{stage}-zappa-123456789012",
        "user_pool_id": "us-east-1_AbCdEfGhI",
        "user_pool_client_id": "1example23456789",
        "lambda_role_name": f"kefir-{stage}-lambda",
        "lambda_role_arn": f"arn:aws:iam::{account}:role/kefir-{stage}-lambda",
        "signing_key_secret_name": f"kefir-{stage}-signing-key",
        "expo_token_secret_name": f"kefir-{stage}-expo-access-token",
        "access_log_group_arn": (
            f"arn:aws:logs:us-east-1:{account}:log-group:/aws/apigateway/kefir-{stage}-access"
        ),
        "alarm_topic_arn": f"arn:aws:sns:us-east-1:123456789012:kefir-{stage}-alarms",
        "web_acl_arn": ""
        if stage == "dev"
        else "arn:aws:wafv2:us-east-1:123456789012:regional/webacl/kefir-prod-api/1",
        "api_domain_name": "" if stage == "dev" else "api.bubblebatch.com",
    }


@pytest.mark.parametrize("stage", ENVS)
def test_fixture_outputs_are_the_roots_outputs(stage):
    assert set(outputs(stage)) <= set(env(stage)["output"])


def test_dev_gets_terraforms_ids_and_its_api_url():
    url = "https://abc123.execute-api.us-east-1.amazonaws.com/dev"
    config = render(SETTINGS, "dev", outputs("dev"), url)["dev"]
    variables = config["aws_environment_variables"]
    assert variables["KEFIR_PHOTO_BUCKET"] == "kefir-dev-photos-123456789012"
    assert variables["KEFIR_USER_POOL_ID"] == "us-east-1_AbCdEfGhI"
    assert variables["KEFIR_USER_POOL_CLIENT_ID"] == "1example23456789"
    assert variables["KEFIR_PUBLIC_BASE_URL"] == url
    assert config["s3_bucket"] == "kefir-dev-zappa-123456789012"
    assert config.get("touch", True) is True


@pytest.mark.parametrize("stage", ENVS)
def test_zappa_gets_the_role_by_arn(stage):
    """Zappa 0.63 ignores role_name: without role_arn it would pass Lambda no role at all
    (update_lambda_configuration) and look up <function>-ZappaLambdaExecutionRole."""
    config = render(SETTINGS, stage, outputs(stage), "")[stage]
    assert config["role_arn"] == f"arn:aws:iam::123456789012:role/kefir-{stage}-lambda"
    assert config["manage_roles"] is False


def test_first_dev_deploy_does_not_probe_a_url_it_lacks():
    config = render(SETTINGS, "dev", outputs("dev"), "")["dev"]
    assert config["touch"] is False
    assert "KEFIR_PUBLIC_BASE_URL" not in config["aws_environment_variables"]


def test_prod_is_resolved_and_uses_its_domain():
    rendered = render(
        SETTINGS, "prod", outputs("prod"), "https://xyz.execute-api.us-east-1.amazonaws.com/prod"
    )
    assert list(rendered) == ["prod"]
    config = rendered["prod"]
    assert "extends" not in config
    assert config["app_function"] == "kefir.wsgi.app"
    assert config["role_name"] == "kefir-prod-lambda"
    assert (
        config["aws_environment_variables"]["KEFIR_PUBLIC_BASE_URL"]
        == "https://api.bubblebatch.com"
    )
    assert config["aws_environment_variables"]["KEFIR_STAGE"] == "prod"


@pytest.mark.parametrize(
    "key, wrong",
    [
        ("table_name", "kefir-dev-items"),
        ("lambda_role_name", "kefir-dev-role"),
        ("lambda_role_arn", "arn:aws:iam::123456789012:role/kefir-dev-role"),
        ("expo_token_secret_name", "expo"),
        ("api_domain_name", "api.example.com"),
    ],
)
def test_drift_stops_the_deploy(key, wrong):
    drifted = {**outputs("dev"), key: wrong}
    with pytest.raises(Mismatch, match=wrong):
        render(SETTINGS, "dev", drifted, "")


def test_command_line(tmp_path):
    source = tmp_path / "outputs.json"
    source.write_text(
        json.dumps(
            {
                k: {"value": v, "type": "string", "sensitive": False}
                for k, v in outputs("prod").items()
            }
        )
    )
    target = tmp_path / "settings.json"
    assert render_module.main(["prod", "--outputs", str(source), "-o", str(target)]) == 0
    assert json.loads(target.read_text())["prod"]["s3_bucket"] == "kefir-prod-zappa-123456789012"
