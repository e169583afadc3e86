resource "aws_secretsmanager_secret" "expo_token" {
  # checkov:skip=CKV2_AWS_57: Expo tokens are rotated by hand in Expo's dashboard (docs/deployment.md); Secrets Manager cannot call Expo
  name        = "${var.name}-expo-access-token"
  description = "Expo push access token; an operator sets the value (docs/deployment.md)."
  kms_key_id  = var.kms_key_arn
}

resource "aws_secretsmanager_secret" "signing_key" {
  # checkov:skip=CKV2_AWS_57: rotating the key would invalidate every pagination cursor in flight; it is replaced by hand if exposed
  name        = "${var.name}-signing-key"
  description = "Key that signs pagination cursors."
  kms_key_id  = var.kms_key_arn
}

# Ephemeral and write-only: the key is generated and stored without ever
# entering the Terraform plan or state.
ephemeral "random_password" "signing_key" {
  length  = 64
  special = false
}

resource "aws_secretsmanager_secret_version" "signing_key" {
  secret_id                = aws_secretsmanager_secret.signing_key.id
  secret_string_wo         = ephemeral.random_password.signing_key.result
  secret_string_wo_version = 1
}
