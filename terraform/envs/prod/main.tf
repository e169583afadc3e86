locals {
  stage = "prod"
  name  = "kefir-${local.stage}"
  # Zappa names the function <project_name>-<stage>.
  function_name = local.name
}

data "aws_caller_identity" "current" {}

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

module "kms" {
  source = "../../modules/kms"

  name       = local.name
  trail_name = var.account_baseline ? "${local.name}-trail" : ""
}

module "data" {
  source = "../../modules/data"

  name                   = local.name
  kms_key_arn            = module.kms.key_arn
  point_in_time_recovery = true
  deletion_protection    = true
  photo_versioning       = true
  cors_allowed_origins   = var.cors_allowed_origins
}

module "dns" {
  source = "../../modules/dns"

  zone_name       = var.domain
  create_zone     = var.create_zone
  api_domain_name = "api.${var.domain}"
}

module "mail" {
  source = "../../modules/mail"

  domain  = var.domain
  zone_id = module.dns.zone_id
}

module "auth" {
  source = "../../modules/auth"

  name                = local.name
  deletion_protection = true
  email_sender        = var.email_sender
  ses_identity_arn    = module.mail.identity_arn
  from_email_address  = "BubbleBatch <no-reply@${var.domain}>"
}

module "security" {
  source = "../../modules/security"

  name               = local.name
  stage              = local.stage
  kms_key_arn        = module.kms.key_arn
  access_log_bucket  = module.data.access_log_bucket_name
  log_retention_days = 30
  cloudtrail_enabled = var.account_baseline
  waf_enabled        = true
}

module "iam" {
  source = "../../modules/iam"

  name             = local.name
  function_name    = local.function_name
  table_arn        = module.data.table_arn
  photo_bucket_arn = module.data.photo_bucket_arn
  user_pool_arn    = module.auth.user_pool_arn
  kms_key_arn      = module.kms.key_arn
  secret_arns      = [module.security.expo_token_secret_arn, module.security.signing_key_secret_arn]
}

module "monitoring" {
  source = "../../modules/monitoring"

  name                       = local.name
  stage                      = local.stage
  function_name              = local.function_name
  table_name                 = module.data.table_name
  kms_key_arn                = module.kms.key_arn
  log_retention_days         = 30
  alarms_enabled             = true
  alarm_email                = var.alarm_email
  manage_api_gateway_account = var.account_baseline
}

# The role GitHub Actions assumes (OIDC) to deploy this stage. It may not apply
# Terraform: infrastructure changes are applied by an operator (make apply-prod).
module "github_deploy" {
  source = "../../modules/github_oidc"
  count  = var.github_repository == "" ? 0 : 1

  name                 = local.name
  stage                = local.stage
  github_repository    = var.github_repository
  github_environment   = local.stage
  create_oidc_provider = var.account_baseline
  oidc_provider_arn    = "arn:aws:iam::${data.aws_caller_identity.current.account_id}:oidc-provider/token.actions.githubusercontent.com"
  function_name        = local.function_name
  lambda_role_arn      = module.iam.role_arn
  zappa_bucket_arn     = module.data.zappa_bucket_arn
  table_arn            = module.data.table_arn
  kms_key_arn          = module.kms.key_arn
  state_bucket_name    = "kefir-tfstate-${data.aws_caller_identity.current.account_id}"
  state_key            = "kefir/prod/terraform.tfstate"
  web_acl_arn          = module.security.web_acl_arn
  api_domain_name      = module.dns.api_domain_name
}
