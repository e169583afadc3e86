data "aws_caller_identity" "current" {}

locals {
  # Bucket names are global: the account id keeps ours from colliding with anyone's.
  account_id = data.aws_caller_identity.current.account_id
}

# The keys and the index must equal kefir/store/schema.py's TABLE_DEFINITION,
# which local mode and the tests create; tests/infra checks that they do.
resource "aws_dynamodb_table" "this" {
  name                        = "${var.name}-table"
  billing_mode                = "PAY_PER_REQUEST"
  hash_key                    = "PK"
  range_key                   = "SK"
  deletion_protection_enabled = var.deletion_protection

  attribute {
    name = "PK"
    type = "S"
  }

  attribute {
    name = "SK"
    type = "S"
  }

  attribute {
    name = "GSI1PK"
    type = "S"
  }

  attribute {
    name = "GSI1SK"
    type = "S"
  }

  global_secondary_index {
    name            = "GSI1"
    hash_key        = "GSI1PK"
    range_key       = "GSI1SK"
    projection_type = "ALL"
  }

  ttl {
    attribute_name = "expires_at"
    enabled        = true
  }

  server_side_encryption {
    enabled     = true
    kms_key_arn = var.kms_key_arn
  }

  point_in_time_recovery {
    enabled = var.point_in_time_recovery
  }
}

data "aws_iam_policy_document" "access_logs" {
  statement {
    sid       = "S3ServerAccessLogDelivery"
    actions   = ["s3:PutObject"]
    resources = ["arn:aws:s3:::${var.name}-access-logs-${local.account_id}/*"]

    principals {
      type        = "Service"
      identifiers = ["logging.s3.amazonaws.com"]
    }

    condition {
      test     = "StringEquals"
      variable = "aws:SourceAccount"
      values   = [local.account_id]
    }
  }
}

module "access_logs" {
  # checkov:skip=CKV_AWS_145: S3 cannot deliver server access logs to an SSE-KMS bucket, so this one uses SSE-S3
  source = "../s3_bucket"

  name            = "${var.name}-access-logs-${local.account_id}"
  versioning      = true
  expiration_days = 90
  policy_json     = data.aws_iam_policy_document.access_logs.json
  force_destroy   = var.force_destroy
}

module "photos" {
  source = "../s3_bucket"

  name              = "${var.name}-photos-${local.account_id}"
  kms_key_arn       = var.kms_key_arn
  versioning        = var.photo_versioning
  expiration_days   = var.photo_expiration_days
  access_logging    = true
  access_log_bucket = module.access_logs.bucket_id
  # Large CSV exports are handed out through 5-minute links; a day is ample for retries.
  # Account archives (POST /me/export) are kept a week, as the API promises.
  prefix_expiration_days = { "exports/" = 1, "archives/" = 7 }
  force_destroy          = var.force_destroy

  cors_rules = length(var.cors_allowed_origins) == 0 ? [] : [{
    allowed_methods = ["GET", "HEAD", "POST"]
    allowed_origins = var.cors_allowed_origins
    expose_headers  = ["ETag"]
  }]
}

module "zappa" {
  # checkov:skip=CKV_AWS_145: it holds code packages and templates, no user data; SSE-S3 spares every deployer and CloudFormation a grant on the data key
  source = "../s3_bucket"

  name              = "${var.name}-zappa-${local.account_id}"
  versioning        = true
  expiration_days   = 30
  access_logging    = true
  access_log_bucket = module.access_logs.bucket_id
  force_destroy     = var.force_destroy
}
