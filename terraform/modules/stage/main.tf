# Everything one stage (dev or prod) needs, from one typed settings object. The roots
# in envs/ hold only the provider, the backend, their values and outputs.
locals {
  name = "kefir-${var.stage}"
  # Zappa names the function <project_name>-<stage>.
  function_name = local.name
  domain        = var.settings.domain
  # Built from the settings, not read back from modules/dns, so it is known at plan time.
  api_domain_name = local.domain == null ? "" : "api.${local.domain.name}"
}

data "aws_caller_identity" "current" {}

module "kms" {
  source = "../kms"

  name       = local.name
  trail_name = var.settings.account_baseline ? "${local.name}-trail" : ""
}

module "data" {
  source = "../data"

  name                   = local.name
  kms_key_arn            = module.kms.key_arn
  point_in_time_recovery = var.settings.point_in_time_recovery
  deletion_protection    = var.settings.deletion_protection
  photo_versioning       = var.settings.photo_versioning
  cors_allowed_origins   = var.settings.cors_allowed_origins
  force_destroy          = var.settings.force_destroy
}

# The API's domain and the sign-in email's domain, for a stage that has one.
module "dns" {
  source = "../dns"
  count  = local.domain == null ? 0 : 1

  zone_name       = local.domain.name
  create_zone     = local.domain.create_zone
  api_domain_name = local.api_domain_name
}

module "mail" {
  source = "../mail"
  count  = local.domain == null ? 0 : 1

  domain  = local.domain.name
  zone_id = module.dns[0].zone_id
}

module "auth" {
  source = "../auth"

  name                = local.name
  deletion_protection = var.settings.deletion_protection
  email_sender        = local.domain == null ? "cognito" : local.domain.email_sender
  ses_identity_arn    = one(module.mail[*].identity_arn)
  from_email_address  = local.domain == null ? "" : "BubbleBatch <no-reply@${local.domain.name}>"
}

module "app_secrets" {
  source = "../app_secrets"

  name        = local.name
  kms_key_arn = module.kms.key_arn
}

module "security" {
  source = "../security"

  name               = local.name
  stage              = var.stage
  kms_key_arn        = module.kms.key_arn
  access_log_bucket  = module.data.access_log_bucket_name
  log_retention_days = var.settings.log_retention_days
  cloudtrail_enabled = var.settings.account_baseline
  waf_enabled        = var.settings.waf_enabled
  force_destroy      = var.settings.force_destroy
}

module "iam" {
  source = "../iam"

  name             = local.name
  function_name    = local.function_name
  table_arn        = module.data.table_arn
  photo_bucket_arn = module.data.photo_bucket_arn
  user_pool_arn    = module.auth.user_pool_arn
  kms_key_arn      = module.kms.key_arn
  secret_arns      = module.app_secrets.secret_arns
}

module "monitoring" {
  source = "../monitoring"

  name                       = local.name
  stage                      = var.stage
  function_name              = local.function_name
  table_name                 = module.data.table_name
  kms_key_arn                = module.kms.key_arn
  log_retention_days         = var.settings.log_retention_days
  alarms_enabled             = var.settings.alarms_enabled
  alarm_email                = var.settings.alarm_email
  manage_api_gateway_account = var.settings.account_baseline
}

# The role GitHub Actions assumes (OIDC) to deploy this stage. It may not apply
# Terraform: infrastructure changes are applied by an operator (make apply-<stage>).
module "github_deploy" {
  source = "../github_oidc"
  count  = var.settings.github_repository == "" ? 0 : 1

  name                 = local.name
  stage                = var.stage
  github_repository    = var.settings.github_repository
  github_environment   = var.stage
  create_oidc_provider = var.settings.account_baseline
  oidc_provider_arn    = "arn:aws:iam::${data.aws_caller_identity.current.account_id}:oidc-provider/token.actions.githubusercontent.com"
  function_name        = local.function_name
  lambda_role_arn      = module.iam.role_arn
  zappa_bucket_arn     = module.data.zappa_bucket_arn
  table_arn            = module.data.table_arn
  kms_key_arn          = module.kms.key_arn
  state_bucket_name    = "kefir-tfstate-${data.aws_caller_identity.current.account_id}"
  state_key            = "kefir/${var.stage}/terraform.tfstate"
  web_acl_arn          = var.settings.waf_enabled ? module.security.web_acl_arn : ""
  api_domain_name      = local.api_domain_name
}

# The secrets lived in modules/security (now the WAF and the trail) before
# modules/app_secrets; these keep an existing state's secrets where they are.
moved {
  from = module.security.aws_secretsmanager_secret.expo_token
  to   = module.app_secrets.aws_secretsmanager_secret.expo_token
}

moved {
  from = module.security.aws_secretsmanager_secret.signing_key
  to   = module.app_secrets.aws_secretsmanager_secret.signing_key
}

moved {
  from = module.security.aws_secretsmanager_secret_version.signing_key
  to   = module.app_secrets.aws_secretsmanager_secret_version.signing_key
}
