output "identity_arn" {
  description = "Verified SES identity for Cognito's email_configuration source_arn."
  value       = aws_sesv2_email_identity.this.arn
}
