output "role_arn" {
  description = "Set this as the GitHub environment variable AWS_DEPLOY_ROLE_ARN."
  value       = aws_iam_role.this.arn
}

output "role_name" {
  description = "Name of the deploy role."
  value       = aws_iam_role.this.name
}

output "oidc_provider_arn" {
  description = "The GitHub OIDC provider the role trusts."
  value       = local.provider_arn
}
