data "aws_caller_identity" "current" {}

data "aws_region" "current" {}

locals {
  account_id  = data.aws_caller_identity.current.account_id
  trail_name  = "${var.name}-trail"
  trail_arn   = "arn:aws:cloudtrail:${data.aws_region.current.region}:${local.account_id}:trail/${local.trail_name}"
  trail_count = var.cloudtrail_enabled ? 1 : 0
}

data "aws_iam_policy_document" "trail_bucket" {
  statement {
    sid       = "CloudTrailChecksAcl"
    actions   = ["s3:GetBucketAcl"]
    resources = ["arn:aws:s3:::${var.name}-cloudtrail-${local.account_id}"]

    principals {
      type        = "Service"
      identifiers = ["cloudtrail.amazonaws.com"]
    }

    condition {
      test     = "StringEquals"
      variable = "aws:SourceArn"
      values   = [local.trail_arn]
    }
  }

  statement {
    sid       = "CloudTrailWrites"
    actions   = ["s3:PutObject"]
    resources = ["arn:aws:s3:::${var.name}-cloudtrail-${local.account_id}/AWSLogs/${local.account_id}/*"]

    principals {
      type        = "Service"
      identifiers = ["cloudtrail.amazonaws.com"]
    }

    condition {
      test     = "StringEquals"
      variable = "aws:SourceArn"
      values   = [local.trail_arn]
    }
  }
}

module "trail_bucket" {
  source = "../s3_bucket"
  count  = local.trail_count

  name              = "${var.name}-cloudtrail-${local.account_id}"
  kms_key_arn       = var.kms_key_arn
  versioning        = true
  expiration_days   = 365
  access_logging    = true
  access_log_bucket = var.access_log_bucket
  policy_json       = data.aws_iam_policy_document.trail_bucket.json
  force_destroy     = var.force_destroy
}

resource "aws_cloudtrail" "this" {
  # checkov:skip=CKV2_AWS_10: the trail is for audit and forensics from S3; streaming it to CloudWatch Logs doubles ingestion cost
  # checkov:skip=CKV_AWS_252: nobody consumes per-file delivery notifications
  count = local.trail_count

  name                          = local.trail_name
  s3_bucket_name                = module.trail_bucket[0].bucket_id
  kms_key_id                    = var.kms_key_arn
  is_multi_region_trail         = true
  include_global_service_events = true
  enable_log_file_validation    = true

  # Object reads and writes are data events, which a trail records only when asked:
  # every read and write of the Terraform state (terraform/bootstrap's bucket).
  event_selector {
    read_write_type           = "All"
    include_management_events = true

    data_resource {
      type   = "AWS::S3::Object"
      values = ["arn:aws:s3:::kefir-tfstate-${local.account_id}/"]
    }
  }

  depends_on = [module.trail_bucket]
}
