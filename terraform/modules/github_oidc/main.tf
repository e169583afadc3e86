# A role that GitHub Actions jobs of one repository and one environment assume with their
# OIDC token (no long-lived keys), allowed to do what a routine deploy does and no more:
# upload the package, update the function and its API through Zappa's CloudFormation
# stack, manage its schedule rules, read the stage's Terraform outputs, migrate the table.
data "aws_caller_identity" "current" {}

data "aws_region" "current" {}

locals {
  issuer       = "token.actions.githubusercontent.com"
  provider_arn = var.create_oidc_provider ? aws_iam_openid_connect_provider.github[0].arn : var.oidc_provider_arn
  account_id   = data.aws_caller_identity.current.account_id
  region       = data.aws_region.current.region
  function_arn = "arn:aws:lambda:${local.region}:${local.account_id}:function:${var.function_name}"
}

resource "aws_iam_openid_connect_provider" "github" {
  count = var.create_oidc_provider ? 1 : 0

  url            = "https://${local.issuer}"
  client_id_list = ["sts.amazonaws.com"]
}

data "aws_iam_policy_document" "trust" {
  statement {
    actions = ["sts:AssumeRoleWithWebIdentity"]

    principals {
      type        = "Federated"
      identifiers = [local.provider_arn]
    }

    condition {
      test     = "StringEquals"
      variable = "${local.issuer}:aud"
      values   = ["sts.amazonaws.com"]
    }

    # A job that names an environment gets this subject, whatever its branch; the
    # environment's deployment-branch rule (main only) and reviewers do the rest.
    condition {
      test     = "StringEquals"
      variable = "${local.issuer}:sub"
      values   = ["repo:${var.github_repository}:environment:${var.github_environment}"]
    }
  }
}

resource "aws_iam_role" "this" {
  name                 = "${var.name}-github-deploy"
  description          = "GitHub Actions deploys of ${var.github_repository} to the ${var.github_environment} environment."
  assume_role_policy   = data.aws_iam_policy_document.trust.json
  max_session_duration = var.max_session_seconds
}

data "aws_iam_policy_document" "deploy" {
  statement {
    sid       = "Package"
    actions   = ["s3:PutObject", "s3:GetObject", "s3:DeleteObject"]
    resources = ["${var.zappa_bucket_arn}/*"]
  }

  statement {
    sid       = "PackageBucket"
    actions   = ["s3:ListBucket", "s3:GetBucketLocation"]
    resources = [var.zappa_bucket_arn]
  }

  statement {
    sid = "Function"
    actions = [
      "lambda:GetFunction", "lambda:GetFunctionConfiguration", "lambda:GetPolicy",
      "lambda:ListVersionsByFunction", "lambda:ListTags", "lambda:GetAlias",
      "lambda:CreateFunction", "lambda:UpdateFunctionCode", "lambda:UpdateFunctionConfiguration",
      "lambda:PublishVersion", "lambda:CreateAlias", "lambda:UpdateAlias",
      "lambda:AddPermission", "lambda:RemovePermission", "lambda:TagResource",
      "lambda:GetFunctionConcurrency", "lambda:PutFunctionConcurrency",
    ]
    resources = [local.function_arn, "${local.function_arn}:*"]
  }

  statement {
    sid       = "PassTheExecutionRole"
    actions   = ["iam:PassRole", "iam:GetRole"]
    resources = [var.lambda_role_arn]

    condition {
      test     = "StringEqualsIfExists"
      variable = "iam:PassedToService"
      values   = ["lambda.amazonaws.com", "apigateway.amazonaws.com", "events.amazonaws.com"]
    }
  }

  # Zappa builds the API Gateway through a CloudFormation stack named after the function.
  statement {
    sid = "ApiStack"
    actions = [
      "cloudformation:CreateStack", "cloudformation:UpdateStack", "cloudformation:DescribeStacks",
      "cloudformation:DescribeStackResource", "cloudformation:DescribeStackResources",
      "cloudformation:ListStackResources", "cloudformation:DescribeStackEvents",
    ]
    resources = ["arn:aws:cloudformation:${local.region}:${local.account_id}:stack/${var.function_name}/*"]
  }

  # API ids exist only after the first deploy, so REST APIs cannot be named in advance;
  # the account and region bound them, and the stack above is the only writer.
  statement {
    sid     = "Api"
    actions = ["apigateway:GET", "apigateway:POST", "apigateway:PUT", "apigateway:PATCH", "apigateway:DELETE"]
    resources = [
      "arn:aws:apigateway:${local.region}::/restapis",
      "arn:aws:apigateway:${local.region}::/restapis/*",
      "arn:aws:apigateway:${local.region}::/tags/*",
    ]
  }

  # Zappa names its rules after the function (hashing long names), so rules are bounded by
  # the account and region.
  statement {
    sid = "Schedules"
    actions = [
      "events:PutRule", "events:DeleteRule", "events:DescribeRule", "events:PutTargets",
      "events:RemoveTargets", "events:ListTargetsByRule",
    ]
    resources = ["arn:aws:events:${local.region}:${local.account_id}:rule/*"]
  }

  statement {
    sid       = "ScheduleLookups"
    actions   = ["events:ListRules", "events:ListRuleNamesByTarget"]
    resources = ["*"]
  }

  statement {
    sid       = "Migrations"
    actions   = ["dynamodb:DescribeTable", "dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:Scan", "dynamodb:Query"]
    resources = [var.table_arn]
  }

  # The table is encrypted with the stage's key; the grant holds only through DynamoDB.
  dynamic "statement" {
    for_each = var.kms_key_arn == "" ? [] : [1]

    content {
      sid       = "TableKeyThroughDynamoDB"
      actions   = ["kms:Decrypt", "kms:GenerateDataKey"]
      resources = [var.kms_key_arn]

      condition {
        test     = "StringEquals"
        variable = "kms:ViaService"
        values   = ["dynamodb.${local.region}.amazonaws.com"]
      }
    }
  }

  dynamic "statement" {
    for_each = var.state_bucket_name == "" ? [] : [1]

    content {
      sid       = "ReadTerraformOutputs"
      actions   = ["s3:GetObject"]
      resources = ["arn:aws:s3:::${var.state_bucket_name}/${var.state_key}"]
    }
  }

  dynamic "statement" {
    for_each = var.state_bucket_name == "" ? [] : [1]

    content {
      sid       = "ListTerraformState"
      actions   = ["s3:ListBucket"]
      resources = ["arn:aws:s3:::${var.state_bucket_name}"]
    }
  }

  dynamic "statement" {
    for_each = var.web_acl_arn == "" ? [] : [1]

    content {
      sid       = "Firewall"
      actions   = ["wafv2:AssociateWebACL", "wafv2:GetWebACLForResource", "wafv2:GetWebACL", "apigateway:SetWebACL"]
      resources = [var.web_acl_arn, "arn:aws:apigateway:${local.region}::/restapis/*"]
    }
  }

  # scripts/apply_stage_settings.py maps the domain to the stage after each deploy.
  dynamic "statement" {
    for_each = var.api_domain_name == "" ? [] : [1]

    content {
      sid     = "DomainMapping"
      actions = ["apigateway:GET", "apigateway:POST", "apigateway:PATCH"]
      resources = [
        "arn:aws:apigateway:${local.region}::/domainnames/${var.api_domain_name}/basepathmappings",
        "arn:aws:apigateway:${local.region}::/domainnames/${var.api_domain_name}/basepathmappings/*",
      ]
    }
  }
}

resource "aws_iam_role_policy" "deploy" {
  name   = "deploy"
  role   = aws_iam_role.this.id
  policy = data.aws_iam_policy_document.deploy.json
}
