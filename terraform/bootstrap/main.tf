provider "aws" {
  region = "us-east-1"

  default_tags {
    tags = {
      project = "bubblebatch"
      stage   = "shared"
      owner   = var.owner
    }
  }
}

data "aws_caller_identity" "current" {}

module "state" {
  # checkov:skip=CKV_AWS_145: SSE-S3 lets the S3 backend work without key grants; the state holds no secret (the signing key is write-only)
  # checkov:skip=CKV_AWS_18: the account's trail records every object read and write here as S3 data events (modules/security/cloudtrail.tf), which server access logs would only repeat
  source = "../modules/s3_bucket"

  name                       = "kefir-tfstate-${data.aws_caller_identity.current.account_id}"
  versioning                 = true
  noncurrent_expiration_days = 90
}
