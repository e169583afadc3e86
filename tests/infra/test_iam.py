"""The Lambda execution role: exactly what the app calls, on its own resources.

Read from each stage's rendered state (tests/infra/offline_plan.py): the policy
JSON AWS receives, every module output resolved, so a statement wired to another
stage's or another kind of resource fails here.
"""

import json
import re

import pytest

from kefir.metrics import NAMESPACE

from .hcl import ROOT
from .offline_plan import STAGES, as_list

# Services whose actions have no resource-level permissions.
RESOURCELESS = {"Tracing", "OwnMetrics"}


@pytest.fixture(params=STAGES)
def stage(request) -> str:
    return request.param


@pytest.fixture
def statements(rendered, stage) -> dict:
    """The role's inline policy, statement by Sid, with Action and Resource as lists."""
    (policy,) = rendered.resources(stage, "module.iam.aws_iam_role_policy.this")
    found = {}
    for statement in json.loads(policy["values"]["policy"])["Statement"]:
        found[statement["Sid"]] = {
            **statement,
            "Action": as_list(statement["Action"]),
            "Resource": as_list(statement["Resource"]),
        }
    return found


def arn_of(rendered, stage: str, address_part: str) -> str:
    (resource,) = rendered.resources(stage, address_part)
    return resource["values"]["arn"]


def test_no_wildcard_actions(statements):
    for sid, statement in statements.items():
        for action in statement["Action"]:
            assert "*" not in action, f"{sid}: {action}"


def test_resources_are_named(statements):
    for sid, statement in statements.items():
        if sid not in RESOURCELESS:
            assert "*" not in statement["Resource"], sid
            assert all(r.startswith("arn:aws:") for r in statement["Resource"]), sid


def test_metrics_only_in_the_apps_namespace(statements):
    metrics = statements["OwnMetrics"]
    assert metrics["Condition"] == {"StringEquals": {"cloudwatch:namespace": NAMESPACE}}
    assert metrics["Action"] == ["cloudwatch:PutMetricData"]


def test_table_and_index_of_this_stage(statements, rendered, stage):
    table = statements["Table"]
    assert set(table["Action"]) == {
        f"dynamodb:{a}"
        for a in (
            "GetItem",
            "PutItem",
            "UpdateItem",
            "DeleteItem",
            "Query",
            "BatchWriteItem",
            "BatchGetItem",
            "TransactWriteItems",
            "ConditionCheckItem",
            "DescribeTable",
        )
    }
    arn = arn_of(rendered, stage, "aws_dynamodb_table.")
    assert f"kefir-{stage}" in arn
    assert sorted(table["Resource"]) == [arn, f"{arn}/index/*"]
    assert not any("Scan" in a for s in statements.values() for a in s["Action"])


def test_photos_of_this_stage_only_under_the_prefixes_the_app_writes(statements, rendered,
                                                                     stage):
    from kefir.photos import account_prefixes

    photos = rendered.state(stage)["values"]["outputs"]["photo_bucket_name"]["value"]
    assert set(statements["PhotoObjects"]["Action"]) == {
        "s3:PutObject",
        "s3:GetObject",
        "s3:DeleteObject",
        "s3:AbortMultipartUpload",
    }
    prefixes = sorted(f"{p.split('/')[0]}/*" for p in account_prefixes("someone"))
    assert sorted(statements["PhotoObjects"]["Resource"]) == \
        sorted(f"arn:aws:s3:::{photos}/{prefix}" for prefix in prefixes)
    assert statements["PhotoListing"]["Action"] == ["s3:ListBucket"]
    assert statements["PhotoListing"]["Resource"] == [f"arn:aws:s3:::{photos}"]
    listing = statements["PhotoListing"]["Condition"]["StringLike"]["s3:prefix"]
    assert sorted(listing) == prefixes


def cognito_calls_of_the_app() -> set[str]:
    """Cognito operations the deployed app calls, as IAM action names. Local mode's
    emulator, its stand-in identity and the operator commands never run as this role."""
    import boto3
    from botocore import xform_name

    model = boto3.client("cognito-idp", region_name="us-east-1")._service_model
    operations = {xform_name(name): name for name in model.operation_names}
    skipped = (ROOT / "kefir" / "local", ROOT / "kefir" / "ops", ROOT / "kefir/identity/local.py")
    called = set()
    for path in (ROOT / "kefir").rglob("*.py"):
        if any(path == s or s in path.parents for s in skipped):
            continue
        # A client method (cognito.x(...)) or an operation named to a wrapper (_call("x")).
        for word in re.findall(
            r"""cognito\.([a-z_]+)\(|_call\(\s*["']([a-z_]+)["']""", path.read_text()
        ):
            word = "".join(word)
            if word in operations:
                called.add(operations[word])
    return called


def test_cognito_grants_are_what_the_app_calls(statements, rendered, stage):
    """Nothing the app never calls (issue 12, finding 6); every Admin* call it makes is
    granted, so a new one (account deletion's AdminDeleteUser) fails here until granted."""
    granted = {a.split(":")[1] for a in statements["UserPool"]["Action"]}
    assert granted == cognito_calls_of_the_app()
    assert {"AdminUpdateUserAttributes", "AdminUserGlobalSignOut"}.isdisjoint(granted)
    assert statements["UserPool"]["Resource"] == [arn_of(rendered, stage, "aws_cognito_user_pool.")]


def test_secrets_read_only_and_exactly_this_stages(statements, rendered, stage):
    secrets = {r["values"]["arn"] for r in rendered.resources(stage, "aws_secretsmanager_secret.")}
    assert len(secrets) == 2
    assert statements["Secrets"]["Action"] == ["secretsmanager:GetSecretValue"]
    assert set(statements["Secrets"]["Resource"]) == secrets


def test_key_only_through_its_services(statements, rendered, stage):
    key = statements["KeyThroughItsServices"]
    assert set(key["Action"]) == {"kms:Decrypt", "kms:GenerateDataKey"}
    assert key["Resource"] == [arn_of(rendered, stage, "module.kms.aws_kms_key.")]
    assert list(key["Condition"]["StringEquals"]) == ["kms:ViaService"]


def test_own_logs_only(statements, rendered, stage):
    groups = {
        r["values"]["name"]: r["values"]["arn"]
        for r in rendered.resources(stage)
        if r["type"] == "aws_cloudwatch_log_group"
    }
    assert statements["OwnLogs"]["Resource"] == [f"{groups[f'/aws/lambda/kefir-{stage}']}:*"]
    assert "logs:CreateLogGroup" not in statements["OwnLogs"]["Action"], (
        "Terraform owns the log group and its retention"
    )


def test_trust(rendered, stage):
    """API Gateway is not documented to send aws:SourceAccount when it assumes an
    integration's role; a condition on it could fail every request (decisions/0008)."""
    (role,) = rendered.resources(stage, "module.iam.aws_iam_role.this")
    (trust,) = json.loads(role["values"]["assume_role_policy"])["Statement"]
    assert set(as_list(trust["Principal"]["Service"])) == {
        "lambda.amazonaws.com",
        "apigateway.amazonaws.com",
        "events.amazonaws.com",
    }
    assert "Condition" not in trust
    assert role["values"]["name"] == f"kefir-{stage}-lambda"
