"""The Lambda execution role: exactly what the app calls, on its own resources."""

from .hcl import module, module_inputs

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


def test_cognito_calls_on_this_pool():
    assert {a.split(":")[1] for a in statements["UserPool"]["actions"]} == {
        "AdminCreateUser",
        "AdminGetUser",
        "AdminUpdateUserAttributes",
        "AdminUserGlobalSignOut",
        "InitiateAuth",
        "RespondToAuthChallenge",
        "RevokeToken",
        "GetTokensFromRefreshToken",
    }
    assert statements["UserPool"]["resources"] == ["${var.user_pool_arn}"]


def test_secrets_read_only():
    assert statements["Secrets"]["actions"] == ["secretsmanager:GetSecretValue"]
    assert statements["Secrets"]["resources"] == "${var.secret_arns}"
    for stage in ("dev", "prod"):
        arns = module_inputs(stage, "iam")["secret_arns"]
        assert arns == [
            "${module.security.expo_token_secret_arn}",
            "${module.security.signing_key_secret_arn}",
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
    trust = module("iam")["data"]["aws_iam_policy_document"]["assume"]["statement"]
    principals = {i for s in trust for p in s["principals"] for i in p["identifiers"]}
    assert principals == {
        "lambda.amazonaws.com",
        "apigateway.amazonaws.com",
        "events.amazonaws.com",
    }
    scoped = [s for s in trust if "apigateway.amazonaws.com" in s["principals"][0]["identifiers"]]
    assert scoped[0]["condition"][0]["variable"] == "aws:SourceAccount"


def test_role_name():
    assert module("iam")["resource"]["aws_iam_role"]["this"]["name"] == "${var.name}-lambda"
