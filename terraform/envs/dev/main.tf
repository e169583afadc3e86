locals {
  stage = "dev"
}

provider "aws" {
  region = "us-east-1"

  default_tags {
    tags = {
      project = "bubblebatch"
      stage   = local.stage
      owner   = var.owner
    }
  }
}

module "stage" {
  # checkov:skip=CKV_AWS_28: dev data is disposable seed data; point-in-time recovery is a prod setting
  # checkov:skip=CKV_AWS_21: dev photos are disposable seed data; versioning is a prod setting
  source = "../../modules/stage"

  stage = local.stage
  settings = {
    point_in_time_recovery = false
    deletion_protection    = false
    photo_versioning       = false
    force_destroy          = true
    log_retention_days     = 14
    alarms_enabled         = false
    alarm_email            = var.alarm_email
    waf_enabled            = false
    account_baseline       = var.account_baseline
    cors_allowed_origins   = var.cors_allowed_origins
    github_repository      = var.github_repository
  }
}

# Where each piece lived before modules/stage, so an existing state keeps its
# resources instead of destroying and re-creating them.
moved {
  from = module.kms
  to   = module.stage.module.kms
}

moved {
  from = module.data
  to   = module.stage.module.data
}

moved {
  from = module.auth
  to   = module.stage.module.auth
}

moved {
  from = module.security
  to   = module.stage.module.security
}

moved {
  from = module.iam
  to   = module.stage.module.iam
}

moved {
  from = module.monitoring
  to   = module.stage.module.monitoring
}

moved {
  from = module.github_deploy
  to   = module.stage.module.github_deploy
}
