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
  # checkov:skip=CKV_AWS_18: the state bucket is touched only by Terraform runs, which CloudTrail already records
  source = "../modules/s3_bucket"

  name                       = "kefir-tfstate-${data.aws_caller_identity.current.account_id}"
  versioning                 = true
  noncurrent_expiration_days = 90
}
