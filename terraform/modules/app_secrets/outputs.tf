output "expo_token_secret_name" {
  description = "Secret holding the Expo access token (KEFIR_EXPO_TOKEN_SECRET); an operator sets its value."
  value       = aws_secretsmanager_secret.expo_token.name
}

output "signing_key_secret_name" {
  description = "Secret holding the cursor signing key (KEFIR_SIGNING_KEY_SECRET)."
  value       = aws_secretsmanager_secret.signing_key.name
}

output "secret_arns" {
  description = "ARNs of the secrets the app reads at run time, for its execution role."
  value       = [aws_secretsmanager_secret.expo_token.arn, aws_secretsmanager_secret.signing_key.arn]
}
