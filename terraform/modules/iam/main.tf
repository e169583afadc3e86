data "aws_caller_identity" "current" {}

data "aws_region" "current" {}

locals {
  account_id   = data.aws_caller_identity.current.account_id
  region       = data.aws_region.current.region
  function_arn = "arn:aws:lambda:${local.region}:${local.account_id}:function:${var.function_name}"
  log_group    = "arn:aws:logs:${local.region}:${local.account_id}:log-group:/aws/lambda/${var.function_name}"
}

# Zappa points API Gateway's integration and its event rules at this same role
# (integration Credentials, rule RoleArn), so those services must assume it too.
# No aws:SourceAccount condition: API Gateway is not documented to send it when it
# assumes an integration's role, and without it every request would be a 500. Only
# principals of this account can pass the role to them (iam:PassRole never crosses
# accounts); docs/decisions/0008.
data "aws_iam_policy_document" "assume" {
  statement {
    actions = ["sts:AssumeRole"]

    principals {
      type        = "Service"
      identifiers = ["lambda.amazonaws.com", "apigateway.amazonaws.com", "events.amazonaws.com"]
    }
  }
}

data "aws_iam_policy_document" "this" {
  statement {
    sid       = "OwnLogs"
    actions   = ["logs:CreateLogStream", "logs:PutLogEvents"]
    resources = ["${local.log_group}:*"]
  }

  statement {
    sid       = "Tracing"
    actions   = ["xray:PutTraceSegments", "xray:PutTelemetryRecords", "xray:GetSamplingRules", "xray:GetSamplingTargets"]
    resources = ["*"]
  }

  statement {
    sid       = "ApiGatewayInvokesThroughThisRole"
    actions   = ["lambda:InvokeFunction"]
    resources = [local.function_arn, "${local.function_arn}:*"]
  }

  statement {
    sid = "Table"
    actions = [
      "dynamodb:GetItem",
      "dynamodb:PutItem",
      "dynamodb:UpdateItem",
      "dynamodb:DeleteItem",
      "dynamodb:Query",
      "dynamodb:BatchWriteItem",
      "dynamodb:BatchGetItem",
      "dynamodb:TransactWriteItems",
      "dynamodb:ConditionCheckItem",
      "dynamodb:DescribeTable",
    ]
    resources = [var.table_arn, "${var.table_arn}/index/*"]
  }

  # Only the prefixes the app writes (kefir/photos.py): photos under users/, big CSV
  # exports under exports/, account archives under archives/. Presigned uploads and
  # downloads act as this role, so the grants cover them too; a streamed archive that
  # fails is aborted; deleting an account or a batch lists and deletes its prefixes.
  statement {
    sid     = "PhotoObjects"
    actions = ["s3:PutObject", "s3:GetObject", "s3:DeleteObject", "s3:AbortMultipartUpload"]
    resources = [
      "${var.photo_bucket_arn}/users/*",
      "${var.photo_bucket_arn}/exports/*",
      "${var.photo_bucket_arn}/archives/*",
    ]
  }

  statement {
    sid       = "PhotoListing"
    actions   = ["s3:ListBucket"]
    resources = [var.photo_bucket_arn]

    condition {
      test     = "StringLike"
      variable = "s3:prefix"
      values   = ["users/*", "exports/*", "archives/*"]
    }
  }

  statement {
    sid = "UserPool"
    actions = [
      "cognito-idp:AdminCreateUser",
      "cognito-idp:AdminDeleteUser",
      "cognito-idp:AdminGetUser",
      "cognito-idp:InitiateAuth",
      "cognito-idp:RespondToAuthChallenge",
      "cognito-idp:RevokeToken",
      "cognito-idp:GlobalSignOut",
    ]
    resources = [var.user_pool_arn]
  }

  statement {
    sid       = "Secrets"
    actions   = ["secretsmanager:GetSecretValue"]
    resources = var.secret_arns
  }

  statement {
    sid       = "KeyThroughItsServices"
    actions   = ["kms:Decrypt", "kms:GenerateDataKey"]
    resources = [var.kms_key_arn]

    condition {
      test     = "StringEquals"
      variable = "kms:ViaService"
      values = [
        "dynamodb.${local.region}.amazonaws.com",
        "s3.${local.region}.amazonaws.com",
        "secretsmanager.${local.region}.amazonaws.com",
      ]
    }
  }

  statement {
    sid       = "OwnMetrics"
    actions   = ["cloudwatch:PutMetricData"]
    resources = ["*"]

    condition {
      test     = "StringEquals"
      variable = "cloudwatch:namespace"
      values   = [var.metric_namespace]
    }
  }
}

resource "aws_iam_role" "this" {
  name               = "${var.name}-lambda"
  description        = "Execution role of the ${var.function_name} function (deployed by Zappa with manage_roles false)"
  assume_role_policy = data.aws_iam_policy_document.assume.json
}

resource "aws_iam_role_policy" "this" {
  name   = "${var.name}-lambda"
  role   = aws_iam_role.this.id
  policy = data.aws_iam_policy_document.this.json
}
