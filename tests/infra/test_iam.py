"""The Lambda execution role: exactly what the app calls, on its own resources."""

import re

from .hcl import ROOT, module, module_inputs

statements = {
    s["sid"]: s for s in module("iam")["data"]["aws_iam_policy_document"]["this"]["statement"]
}
# Services whose actions have no resource-level permissions.
RESOURCELESS = {"Tracing", "OwnMetrics"}


def test_no_wildcard_actions():
    for sid, statement in statements.items():
        for action in statement["actions"]:
            assert "*" not in action, f"{sid}: {action}"


def test_resources_are_named():
    for sid, statement in statements.items():
        if sid in RESOURCELESS:
            continue
        assert "*" not in statement["resources"], sid


def test_metrics_only_in_our_namespace():
    (condition,) = statements["OwnMetrics"]["condition"]
    assert condition == {
        "test": "StringEquals",
        "variable": "cloudwatch:namespace",
        "values": ["${var.metric_namespace}"],
    }
    assert statements["OwnMetrics"]["actions"] == ["cloudwatch:PutMetricData"]


def test_table_and_index():
    table = statements["Table"]
    assert set(table["actions"]) == {
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
    assert table["resources"] == ["${var.table_arn}", "${var.table_arn}/index/*"]
    assert not any("Scan" in a for s in statements.values() for a in s["actions"])


def test_photos():
    assert set(statements["PhotoObjects"]["actions"]) == {
        "s3:PutObject",
        "s3:GetObject",
        "s3:DeleteObject",
    }
    assert statements["PhotoObjects"]["resources"] == ["${var.photo_bucket_arn}/*"]
    assert statements["PhotoListing"]["actions"] == ["s3:ListBucket"]
    assert statements["PhotoListing"]["resources"] == ["${var.photo_bucket_arn}"]


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
        for word in re.findall(r"""cognito\.([a-z_]+)\(|_call\(\s*["']([a-z_]+)["']""",
                               path.read_text()):
            word = "".join(word)
            if word in operations:
                called.add(operations[word])
    return called


def test_cognito_grants_are_what_the_app_calls():
    """Nothing the app never calls (issue 12, finding 6); every Admin* call it makes is
    granted, so a new one (account deletion's AdminDeleteUser) fails here until granted."""
    granted = {a.split(":")[1] for a in statements["UserPool"]["actions"]}
    assert granted == cognito_calls_of_the_app()
    assert {"AdminUpdateUserAttributes", "AdminUserGlobalSignOut"}.isdisjoint(granted)
    assert statements["UserPool"]["resources"] == ["${var.user_pool_arn}"]


def test_secrets_read_only():
    assert statements["Secrets"]["actions"] == ["secretsmanager:GetSecretValue"]
    assert statements["Secrets"]["resources"] == "${var.secret_arns}"
    for stage in ("dev", "prod"):
        arns = module_inputs(stage, "iam")["secret_arns"]
        assert arns == "${module.app_secrets.secret_arns}"
    assert module("app_secrets")["output"]["secret_arns"]["value"] == [
        "${aws_secretsmanager_secret.expo_token.arn}",
        "${aws_secretsmanager_secret.signing_key.arn}",
    ]


def test_key_only_through_its_services():
    key = statements["KeyThroughItsServices"]
    assert set(key["actions"]) == {"kms:Decrypt", "kms:GenerateDataKey"}
    assert key["condition"][0]["variable"] == "kms:ViaService"


def test_own_logs_only():
    assert statements["OwnLogs"]["resources"] == ["${local.log_group}:*"]
    assert "logs:CreateLogGroup" not in statements["OwnLogs"]["actions"], (
        "Terraform owns the log group and its retention"
    )


def test_trust():
    """API Gateway is not documented to send aws:SourceAccount when it assumes an
    integration's role; a condition on it could fail every request (decisions/0008)."""
    (trust,) = module("iam")["data"]["aws_iam_policy_document"]["assume"]["statement"]
    (principals,) = trust["principals"]
    assert set(principals["identifiers"]) == {
        "lambda.amazonaws.com",
        "apigateway.amazonaws.com",
        "events.amazonaws.com",
    }
    assert "condition" not in trust


def test_role_name():
    assert module("iam")["resource"]["aws_iam_role"]["this"]["name"] == "${var.name}-lambda"
