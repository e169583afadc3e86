variable "name" {
  description = "Name prefix, kefir-<stage>."
  type        = string
}

variable "stage" {
  description = "Stage name (the API Gateway stage and the Stage dimension of the app's metrics)."
  type        = string
}

variable "function_name" {
  description = "Lambda function name; Zappa names the REST API the same."
  type        = string
}

variable "table_name" {
  description = "DynamoDB table whose throttling is watched."
  type        = string
}

variable "kms_key_arn" {
  description = "Customer-managed key for the log groups and the alarm topic."
  type        = string
}

variable "log_retention_days" {
  description = "Retention of the function's and the API's log groups."
  type        = number
  default     = 30
}

variable "alarms_enabled" {
  description = "Create the alarms (prod); the topic exists either way."
  type        = bool
  default     = true
}

variable "alarm_email" {
  description = "Email address subscribed to the alarm topic; empty for none (the subscription must be confirmed from the inbox)."
  type        = string
  default     = ""
}

variable "lambda_errors_per_minute" {
  description = "Alarm when the function reports more errors than this in one minute."
  type        = number
  default     = 10
}

variable "api_5xx_per_minute" {
  description = "Alarm when API Gateway answers more 5xx than this in one minute."
  type        = number
  default     = 5
}

variable "metric_namespace" {
  description = "Namespace of the app's own metrics (RemindersFailed)."
  type        = string
  default     = "BubbleBatch"
}

variable "manage_api_gateway_account" {
  description = "Set the account's API Gateway CloudWatch role (needed for access logging). It is one setting per account and region: leave it true in exactly one root per account."
  type        = bool
  default     = true
}
