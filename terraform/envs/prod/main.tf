locals {
  stage = "prod"
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
  source = "../../modules/stage"

  stage = local.stage
  settings = {
    point_in_time_recovery = true
    deletion_protection    = true
    photo_versioning       = true
    force_destroy          = false
    log_retention_days     = 30
    alarms_enabled         = true
    alarm_email            = var.alarm_email
    waf_enabled            = true
    account_baseline       = var.account_baseline
    cors_allowed_origins   = var.cors_allowed_origins
    github_repository      = var.github_repository

    domain = {
      name         = var.domain
      create_zone  = var.create_zone
      email_sender = var.email_sender
    }
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

moved {
  from = module.dns
  to   = module.stage.module.dns[0]
}

moved {
  from = module.mail
  to   = module.stage.module.mail[0]
}
