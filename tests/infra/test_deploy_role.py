"""The CI deploy role (modules/github_oidc): every call a deploy makes, on its own stage only.

Zappa's calls come from tests/infra/zappa_calls.py, which test_package.py checks against
the source of the Zappa that ships in our zip.
"""

import json
from pathlib import Path

import pytest

from .hcl import ENVS, ROOT, module, module_inputs
from .zappa_calls import PASSED_ROLE_TO, ZAPPA_VERSION, taken

oidc = module("github_oidc")
documents = oidc["data"]["aws_iam_policy_document"]
STATEMENTS = {s["sid"]: s for s in documents["deploy"]["statement"]}
DYNAMIC = {
    d["statement"]["content"][0]["sid"]: d["statement"]["content"][0]
    for d in documents["deploy"].get("dynamic", [])
}
FUNCTION = ["${local.function_arn}", "${local.function_arn}:*"]
# What each recorded call acts on, as the policy names it.
RESOURCES = {
    "function": "${local.function_arn}",
    "versions": "${local.function_arn}:*",
    "zappa_bucket": "${var.zappa_bucket_arn}",
    "zappa_objects": "${var.zappa_bucket_arn}/*",
    "stack": (
        "arn:aws:cloudformation:${local.region}:${local.account_id}:stack/${var.function_name}/*"
    ),
    "api_list": "${local.rest_apis}",
    "api": "${local.rest_apis}/*",
    "rules": "${local.rules}",
    "any": "*",
}


def granting(action: str, resource: str) -> list[str]:
    return [
        sid
        for sid, s in {**STATEMENTS, **DYNAMIC}.items()
        if action in s["actions"] and resource in s["resources"]
    ]


@pytest.mark.parametrize("call", taken(), ids=lambda c: f"{c[0]}:{c[1]}")
def test_the_role_grants_every_call_zappa_makes(call):
    where, operation, action, resource = call
    assert granting(action, RESOURCES[resource]), (
        f"{where} calls {operation}: the deploy role must grant {action} on {resource}"
    )


def test_update_may_drop_reserved_concurrency_and_prune_versions():
    """Issue 12, finding 2: on the function and its versions, not beyond."""
    function = STATEMENTS["Function"]
    assert {"lambda:DeleteFunctionConcurrency", "lambda:DeleteFunction"} <= set(
        function["actions"]
    )
    assert function["resources"] == FUNCTION
    assert granting("lambda:DeleteFunction", "*") == []


def test_lambda_grants_are_what_zappa_calls():
    """No action on the function beyond Zappa's calls; PublishVersion because update and
    create publish a version (Publish=True) with the new code."""
    needed = {action for _, _, action, _ in taken() if action.startswith("lambda:")}
    assert set(STATEMENTS["Function"]["actions"]) == needed | {"lambda:PublishVersion"}


def test_the_role_is_passed_only_to_the_services_zappa_hands_it_to():
    passing = STATEMENTS["PassTheExecutionRole"]
    assert passing["actions"] == ["iam:PassRole"]
    assert passing["resources"] == ["${var.lambda_role_arn}"]
    (condition,) = passing["condition"]
    assert condition["variable"] == "iam:PassedToService"
    assert set(condition["values"]) == PASSED_ROLE_TO


def test_zappas_template_is_read_from_its_bucket():
    """CloudFormation reads the template Zappa uploads, with the caller's credentials."""
    assert granting("s3:GetObject", "${var.zappa_bucket_arn}/*")


def test_the_recorded_calls_are_for_the_zappa_we_package():
    assert f"zappa=={ZAPPA_VERSION}" in (ROOT / "scripts" / "package.sh").read_text()


def test_api_of_its_own_stage_only():
    """Another stage's REST API, stage, methods and deployments are out of reach."""
    api = STATEMENTS["ThisStagesApi"]
    assert api["resources"] == ["${local.rest_apis}/*"]
    assert api["condition"] == [
        {"test": "StringEquals", "variable": "aws:ResourceTag/stage", "values": ["${var.stage}"]}
    ]
    create = STATEMENTS["CreateThisStagesApi"]
    assert create["actions"] == ["apigateway:POST"]
    assert create["condition"][0]["variable"] == "aws:RequestTag/stage"
    assert STATEMENTS["ListApis"]["actions"] == ["apigateway:GET"]
    unconditioned = [
        sid
        for sid, s in {**STATEMENTS, **DYNAMIC}.items()
        if any(a.startswith("apigateway:") and a != "apigateway:GET" for a in s["actions"])
        and not s.get("condition")
        and not all(
            "domainnames" in r or r.endswith("/stages/${var.stage}")
            for r in s["resources"]
            if "apigateway" in r
        )
    ]
    assert unconditioned == [], "an API write without the stage condition"


def test_tags_cannot_pull_another_stages_api_into_reach():
    conditions = {c["variable"]: c for c in STATEMENTS["TagThisStagesApi"]["condition"]}
    assert conditions["aws:RequestTag/stage"]["values"] == ["${var.stage}"]
    assert conditions["aws:ResourceTag/stage"]["test"] == "StringEqualsIfExists"


@pytest.mark.parametrize("stage", ENVS)
def test_zappa_tags_the_stack_with_the_stage_the_role_expects(stage):
    settings = json.loads((ROOT / "zappa_settings.json").read_text())
    assert settings[stage]["tags"]["stage"] == stage
    assert module_inputs(stage, "github_deploy")["stage"] == stage


def test_schedules_of_its_own_function_only():
    assert STATEMENTS["Schedules"]["resources"] == ["${local.rules}"]
    assert oidc["locals"]["rules"].endswith(":rule/${var.function_name}-*")
    lookups = STATEMENTS["ScheduleLookups"]
    assert lookups["actions"] == ["events:ListRuleNamesByTarget"], "read-only, by target"


def test_firewall_association_of_its_own_stage_only():
    firewall = DYNAMIC["Firewall"]
    assert firewall["resources"] == [
        "${var.web_acl_arn}",
        "${local.rest_apis}/*/stages/${var.stage}",
    ]


def test_only_the_deploy_branch_of_the_stages_environment_may_assume_it():
    (trust,) = documents["trust"]["statement"]
    subject = next(c for c in trust["condition"] if c["variable"].endswith(":sub"))
    assert subject["test"] == "StringEquals"
    assert subject["values"] == [
        "repo:${var.github_repository}:environment:${var.github_environment}"
        ":ref:refs/heads/${var.github_branch}"
    ]
    assert oidc["variable"]["github_branch"]["default"] == "main"
    deployment = Path(ROOT / "docs" / "deployment.md").read_text()
    assert "include_claim_keys" in deployment, "the subject template is an operator step"
