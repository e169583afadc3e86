variable "name" {
  description = "Name prefix, kefir-<stage>."
  type        = string
}

variable "kms_key_arn" {
  description = "Customer-managed key for the trail and the WAF logs."
  type        = string
}

variable "access_log_bucket" {
  description = "Bucket that receives the trail bucket's server access logs."
  type        = string
}

variable "log_retention_days" {
  description = "Retention of the WAF log group."
  type        = number
  default     = 30
}

variable "cloudtrail_enabled" {
  description = "Create the multi-region trail. One trail per account is enough: leave it true in exactly one root per account."
  type        = bool
  default     = true
}

variable "waf_enabled" {
  description = "Create the WAF web ACL for the API stage (prod)."
  type        = bool
  default     = true
}

variable "auth_requests_per_5_minutes" {
  description = "Requests to /auth/* one client IP may make in 5 minutes before WAF answers 429; looser than the app's own per-IP limit, so it only stops floods."
  type        = number
  default     = 300
}

variable "force_destroy" {
  description = "Let terraform destroy empty the trail bucket first; only for throwaway stages."
  type        = bool
  default     = false
}

variable "stage" {
  description = "Stage name, the path prefix of the execute-api URL."
  type        = string
}
