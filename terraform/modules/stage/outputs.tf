output "table_name" {
  description = "KEFIR_TABLE."
  value       = module.data.table_name
}

output "photo_bucket_name" {
  description = "KEFIR_PHOTO_BUCKET."
  value       = module.data.photo_bucket_name
}

output "zappa_bucket_name" {
  description = "Zappa's s3_bucket."
  value       = module.data.zappa_bucket_name
}

output "user_pool_id" {
  description = "KEFIR_USER_POOL_ID."
  value       = module.auth.user_pool_id
}

output "user_pool_client_id" {
  description = "KEFIR_USER_POOL_CLIENT_ID."
  value       = module.auth.user_pool_client_id
}

output "lambda_role_name" {
  description = "Zappa's role_name, checked against zappa_settings.json."
  value       = module.iam.role_name
}

output "lambda_role_arn" {
  description = "Zappa's role_arn (Zappa 0.63 reads no role_name)."
  value       = module.iam.role_arn
}

output "signing_key_secret_name" {
  description = "KEFIR_SIGNING_KEY_SECRET."
  value       = module.app_secrets.signing_key_secret_name
}

output "expo_token_secret_name" {
  description = "KEFIR_EXPO_TOKEN_SECRET."
  value       = module.app_secrets.expo_token_secret_name
}

output "access_log_group_arn" {
  description = "Destination of the API stage's access logs."
  value       = module.monitoring.access_log_group_arn
}

output "alarm_topic_arn" {
  description = "Alarm topic."
  value       = module.monitoring.alarm_topic_arn
}

output "web_acl_arn" {
  description = "WAF web ACL associated with the API stage after each deploy; empty without WAF."
  value       = var.settings.waf_enabled ? module.security.web_acl_arn : ""
}

output "api_domain_name" {
  description = "Custom domain of the API, mapped to the stage after each deploy; empty without a domain (the stage is served from its execute-api URL)."
  value       = local.api_domain_name
}

output "zone_name_servers" {
  description = "Name servers to delegate to at the registrar when the zone was created here; null otherwise."
  value       = one(module.dns[*].zone_name_servers)
}

output "github_deploy_role_arn" {
  description = "Set as the GitHub environment variable AWS_DEPLOY_ROLE_ARN; null without github_repository."
  value       = one(module.github_deploy[*].role_arn)
}
