output "role_name" {
  description = "Execution role name (zappa_settings.json role_name)."
  value       = aws_iam_role.this.name
}

output "role_arn" {
  description = "Execution role ARN."
  value       = aws_iam_role.this.arn
}
