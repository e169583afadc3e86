# What a routine deploy does, on this stage's resources only (docs/decisions/0005).
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

  # What Zappa's deploy, update, schedule and unschedule call on the function
  # (tests/infra/zappa_calls.py lists each call from Zappa 0.63's source). An update
  # deletes the function's reserved concurrency when lambda_concurrency is unset, and
  # deletes published versions past num_retained_versions, one qualifier at a time.
  statement {
    sid = "Function"
    actions = [
      "lambda:GetFunction", "lambda:GetFunctionConfiguration", "lambda:GetPolicy",
      "lambda:ListVersionsByFunction", "lambda:ListFunctionUrlConfigs", "lambda:GetAlias",
      "lambda:CreateFunction", "lambda:UpdateFunctionCode", "lambda:UpdateFunctionConfiguration",
      "lambda:PublishVersion", "lambda:AddPermission", "lambda:RemovePermission",
      "lambda:TagResource", "lambda:DeleteFunctionConcurrency", "lambda:DeleteFunction",
    ]
    resources = [local.function_arn, "${local.function_arn}:*"]
  }

  statement {
    sid       = "PassTheExecutionRole"
    actions   = ["iam:PassRole"]
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
      "cloudformation:DescribeStackResource", "cloudformation:ListStackResources",
    ]
    resources = ["arn:aws:cloudformation:${local.region}:${local.account_id}:stack/${var.function_name}/*"]
  }

  # REST API ids exist only after the first deploy, so this stage's API is told apart
  # by its stage tag: Zappa's stack carries zappa_settings.json's tags, CloudFormation
  # puts them on the API it creates, and API Gateway lets every resource under a REST
  # API (methods, deployments, stages) inherit its tags for access control.
  statement {
    sid       = "ListApis"
    actions   = ["apigateway:GET"]
    resources = [local.rest_apis]
  }

  statement {
    sid       = "CreateThisStagesApi"
    actions   = ["apigateway:POST"]
    resources = [local.rest_apis]

    condition {
      test     = "StringEquals"
      variable = "aws:RequestTag/stage"
      values   = [var.stage]
    }
  }

  statement {
    sid       = "ThisStagesApi"
    actions   = ["apigateway:GET", "apigateway:POST", "apigateway:PUT", "apigateway:PATCH", "apigateway:DELETE"]
    resources = ["${local.rest_apis}/*"]

    condition {
      test     = "StringEquals"
      variable = "aws:ResourceTag/stage"
      values   = [var.stage]
    }
  }

  # Tags may be set only to this stage's, and only on an API that has no stage tag
  # or this one, so no other stage's API can be tagged into reach.
  statement {
    sid       = "TagThisStagesApi"
    actions   = ["apigateway:PUT", "apigateway:DELETE"]
    resources = ["arn:aws:apigateway:${local.region}::/tags/*"]

    condition {
      test     = "StringEqualsIfExists"
      variable = "aws:ResourceTag/stage"
      values   = [var.stage]
    }

    condition {
      test     = "StringEquals"
      variable = "aws:RequestTag/stage"
      values   = [var.stage]
    }
  }

  statement {
    sid = "Schedules"
    actions = [
      "events:PutRule", "events:DeleteRule", "events:PutTargets", "events:RemoveTargets",
      "events:ListTargetsByRule",
    ]
    resources = [local.rules]
  }

  statement {
    sid       = "ScheduleLookups"
    actions   = ["events:ListRuleNamesByTarget"]
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
      resources = [var.web_acl_arn, "${local.rest_apis}/*/stages/${var.stage}"]
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
