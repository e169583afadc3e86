output "user_pool_id" {
  description = "User pool id, for KEFIR_USER_POOL_ID and the Expo app."
  value       = aws_cognito_user_pool.this.id
}

output "user_pool_arn" {
  description = "User pool ARN, for the Lambda role's Cognito statement."
  value       = aws_cognito_user_pool.this.arn
}

output "user_pool_client_id" {
  description = "App client id, for KEFIR_USER_POOL_CLIENT_ID and the Expo app."
  value       = aws_cognito_user_pool_client.this.id
}
