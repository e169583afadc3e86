output "stage" {
  description = "Stage name."
  value       = local.stage
}

output "region" {
  description = "AWS region of the stage."
  value       = "us-east-1"
}

output "table_name" {
  description = "KEFIR_TABLE."
  value       = module.stage.table_name
}

output "photo_bucket_name" {
  description = "KEFIR_PHOTO_BUCKET."
  value       = module.stage.photo_bucket_name
}

output "zappa_bucket_name" {
  description = "Zappa's s3_bucket."
  value       = module.stage.zappa_bucket_name
}

output "user_pool_id" {
  description = "KEFIR_USER_POOL_ID."
  value       = module.stage.user_pool_id
}

output "user_pool_client_id" {
  description = "KEFIR_USER_POOL_CLIENT_ID."
  value       = module.stage.user_pool_client_id
}

output "lambda_role_name" {
  description = "Zappa's role_name, checked against zappa_settings.json."
  value       = module.stage.lambda_role_name
}

output "lambda_role_arn" {
  description = "Zappa's role_arn (Zappa 0.63 reads no role_name)."
  value       = module.stage.lambda_role_arn
}

output "signing_key_secret_name" {
  description = "KEFIR_SIGNING_KEY_SECRET."
  value       = module.stage.signing_key_secret_name
}

output "expo_token_secret_name" {
  description = "KEFIR_EXPO_TOKEN_SECRET."
  value       = module.stage.expo_token_secret_name
}

output "access_log_group_arn" {
  description = "Destination of the API stage's access logs."
  value       = module.stage.access_log_group_arn
}

output "alarm_topic_arn" {
  description = "Alarm topic."
  value       = module.stage.alarm_topic_arn
}

output "web_acl_arn" {
  description = "WAF web ACL associated with the API stage after each deploy; empty without WAF."
  value       = module.stage.web_acl_arn
}

output "api_domain_name" {
  description = "Custom domain of the API, mapped to the stage after each deploy; empty without a domain (the stage is served from its execute-api URL)."
  value       = module.stage.api_domain_name
}

output "zone_name_servers" {
  description = "Name servers to delegate to at the registrar when the zone was created here; null otherwise."
  value       = module.stage.zone_name_servers
}

output "github_deploy_role_arn" {
  description = "Set as the GitHub environment variable AWS_DEPLOY_ROLE_ARN; null without github_repository."
  value       = module.stage.github_deploy_role_arn
}
