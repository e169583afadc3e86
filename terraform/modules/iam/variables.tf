variable "name" {
  description = "Name prefix, kefir-<stage>; the role is kefir-<stage>-lambda and the function kefir-<stage>."
  type        = string
}

variable "function_name" {
  description = "Name of the Lambda function Zappa deploys (project_name-stage)."
  type        = string
}

variable "table_arn" {
  description = "ARN of the app's DynamoDB table."
  type        = string
}

variable "photo_bucket_arn" {
  description = "ARN of the photo bucket."
  type        = string
}

variable "user_pool_arn" {
  description = "ARN of the Cognito user pool."
  type        = string
}

variable "secret_arns" {
  description = "Secrets the app reads at run time (Expo access token, cursor signing key)."
  type        = list(string)
}

variable "kms_key_arn" {
  description = "Customer-managed key behind the table, the bucket and the secrets."
  type        = string
}

variable "metric_namespace" {
  description = "The only CloudWatch namespace the app may publish metrics to."
  type        = string
  default     = "BubbleBatch"
}
