output "lambda_log_group_name" {
  description = "The function's log group."
  value       = aws_cloudwatch_log_group.lambda.name
}

output "access_log_group_arn" {
  description = "Log group for API Gateway access logs (applied to the stage after each deploy)."
  value       = aws_cloudwatch_log_group.access.arn
}

output "alarm_topic_arn" {
  description = "SNS topic that receives every alarm."
  value       = aws_sns_topic.this.arn
}
