variable "name" {
  description = "Globally unique bucket name."
  type        = string
}

variable "versioning" {
  description = "Keep every version of every object (prod), so a deleted or overwritten object can be restored."
  type        = bool
  default     = false
}

variable "kms_key_arn" {
  description = "Customer-managed KMS key for SSE-KMS; empty means SSE-S3 (required for buckets that receive S3 server access logs)."
  type        = string
  default     = ""
}

variable "expiration_days" {
  description = "Delete current objects this many days after creation; 0 keeps them."
  type        = number
  default     = 0
}

variable "prefix_expiration_days" {
  description = "Shorter lives for objects under a key prefix, as {prefix = days}."
  type        = map(number)
  default     = {}
}

variable "noncurrent_expiration_days" {
  description = "Delete noncurrent object versions this many days after they stop being current."
  type        = number
  default     = 30
}

variable "abort_incomplete_upload_days" {
  description = "Abort multipart uploads left incomplete for this many days."
  type        = number
  default     = 1
}

variable "cors_rules" {
  description = "CORS rules for browser or app uploads; empty means no CORS configuration."
  type = list(object({
    allowed_methods = list(string)
    allowed_origins = list(string)
    allowed_headers = optional(list(string), [])
    expose_headers  = optional(list(string), [])
    max_age_seconds = optional(number, 3000)
  }))
  default = []
}

variable "access_logging" {
  description = "Send this bucket's server access logs to access_log_bucket; false only for the log bucket itself."
  type        = bool
  default     = false
}

variable "access_log_bucket" {
  description = "Bucket that receives this bucket's server access logs when access_logging is true."
  type        = string
  default     = ""

  validation {
    condition     = !var.access_logging || var.access_log_bucket != ""
    error_message = "access_logging needs the name of the bucket that receives the logs."
  }
}

variable "policy_json" {
  description = "Extra bucket policy statements (a policy document) merged with the TLS-only statement."
  type        = string
  default     = ""
}

variable "force_destroy" {
  description = "Allow terraform destroy to delete a non-empty bucket; false protects data."
  type        = bool
  default     = false
}
