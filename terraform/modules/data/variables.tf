variable "name" {
  description = "Name prefix, kefir-<stage>."
  type        = string
}

variable "kms_key_arn" {
  description = "Customer-managed key that encrypts the table and the photo bucket."
  type        = string
}

variable "point_in_time_recovery" {
  description = "Continuous backups of the table, restorable to any second of the last 35 days (prod)."
  type        = bool
  default     = true
}

variable "deletion_protection" {
  description = "Refuse DeleteTable on the table (prod)."
  type        = bool
  default     = true
}

variable "photo_versioning" {
  description = "Version photo objects so that a deletion can be undone (prod)."
  type        = bool
  default     = true
}

variable "photo_expiration_days" {
  description = "Photos (and CSV exports) are deleted this many days after upload."
  type        = number
  default     = 365
}

variable "cors_allowed_origins" {
  description = "Origins allowed to POST photos straight to the bucket with a presigned form (the web host; native apps send no Origin)."
  type        = list(string)
  default     = []
}

variable "force_destroy" {
  description = "Let terraform destroy empty the buckets first; only for throwaway stages."
  type        = bool
  default     = false
}
