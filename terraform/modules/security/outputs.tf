output "expo_token_secret_name" {
  description = "Secret holding the Expo access token (KEFIR_EXPO_TOKEN_SECRET); an operator sets its value."
  value       = aws_secretsmanager_secret.expo_token.name
}

output "expo_token_secret_arn" {
  description = "ARN of the Expo access token secret."
  value       = aws_secretsmanager_secret.expo_token.arn
}

output "signing_key_secret_name" {
  description = "Secret holding the cursor signing key (KEFIR_SIGNING_KEY_SECRET)."
  value       = aws_secretsmanager_secret.signing_key.name
}

output "signing_key_secret_arn" {
  description = "ARN of the cursor signing key secret."
  value       = aws_secretsmanager_secret.signing_key.arn
}

output "web_acl_arn" {
  description = "WAF web ACL to associate with the API stage after each deploy; empty when WAF is off."
  value       = one(aws_wafv2_web_acl.this[*].arn)
}

output "trail_name" {
  description = "CloudTrail trail name; empty when this root owns no trail."
  value       = one(aws_cloudtrail.this[*].name)
}
