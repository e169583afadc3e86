data "aws_caller_identity" "current" {}

data "aws_region" "current" {}

locals {
  account_id = data.aws_caller_identity.current.account_id
  region     = data.aws_region.current.region
  trail_arn  = "arn:aws:cloudtrail:${local.region}:${local.account_id}:trail/${var.trail_name}"

  trail_statements = {
    CloudTrailEncryptsItsLogs  = { actions = ["kms:GenerateDataKey*"], encryption_context = true }
    CloudTrailDescribesTheKey  = { actions = ["kms:DescribeKey"], encryption_context = false }
    CloudTrailUsesTheBucketKey = { actions = ["kms:Decrypt"], encryption_context = false }
  }
}

# One customer-managed key per stage: CloudWatch alarms can only publish to an
# encrypted SNS topic whose key policy admits them, which an AWS-managed key never does.
data "aws_iam_policy_document" "this" {
  # checkov:skip=CKV_AWS_109: in a key policy Resource "*" is this key alone; the account statement is AWS's default key policy
  # checkov:skip=CKV_AWS_111: in a key policy Resource "*" is this key alone; service statements are bound by source conditions
  # checkov:skip=CKV_AWS_356: in a key policy Resource "*" is this key alone
  statement {
    sid       = "AccountAdministersKeyThroughIam"
    actions   = ["kms:*"]
    resources = ["*"]

    principals {
      type        = "AWS"
      identifiers = ["arn:aws:iam::${local.account_id}:root"]
    }
  }

  statement {
    sid       = "CloudWatchLogsEncryptsThisAccountsLogGroups"
    actions   = ["kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:DescribeKey"]
    resources = ["*"]

    principals {
      type        = "Service"
      identifiers = ["logs.${local.region}.amazonaws.com"]
    }

    condition {
      test     = "ArnLike"
      variable = "kms:EncryptionContext:aws:logs:arn"
      values   = ["arn:aws:logs:${local.region}:${local.account_id}:log-group:*"]
    }
  }

  statement {
    sid       = "CloudWatchAlarmsPublishToEncryptedTopic"
    actions   = ["kms:Decrypt", "kms:GenerateDataKey*"]
    resources = ["*"]

    principals {
      type        = "Service"
      identifiers = ["cloudwatch.amazonaws.com"]
    }

    condition {
      test     = "StringEquals"
      variable = "aws:SourceAccount"
      values   = [local.account_id]
    }
  }

  # CloudTrail's statements follow AWS's key-policy guide for trails, each bound to
  # our trail by aws:SourceArn. Only encryption carries CloudTrail's encryption
  # context: a DescribeKey request has none, and under that condition CloudTrail
  # could not read the key. The trail's bucket uses an S3 Bucket Key
  # (modules/s3_bucket), for which the guide asks for kms:Decrypt as well.
  dynamic "statement" {
    for_each = var.trail_name == "" ? {} : local.trail_statements

    content {
      sid       = statement.key
      actions   = statement.value.actions
      resources = ["*"]

      principals {
        type        = "Service"
        identifiers = ["cloudtrail.amazonaws.com"]
      }

      condition {
        test     = "StringEquals"
        variable = "aws:SourceArn"
        values   = [local.trail_arn]
      }

      dynamic "condition" {
        for_each = statement.value.encryption_context ? [local.account_id] : []

        content {
          test     = "StringLike"
          variable = "kms:EncryptionContext:aws:cloudtrail:arn"
          values   = ["arn:aws:cloudtrail:*:${condition.value}:trail/*"]
        }
      }
    }
  }
}

resource "aws_kms_key" "this" {
  description             = "${var.name}: data, secrets, logs and alarm topic"
  enable_key_rotation     = true
  deletion_window_in_days = var.deletion_window_in_days
  policy                  = data.aws_iam_policy_document.this.json
}

resource "aws_kms_alias" "this" {
  name          = "alias/${var.name}"
  target_key_id = aws_kms_key.this.key_id
}
