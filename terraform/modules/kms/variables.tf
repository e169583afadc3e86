variable "name" {
  description = "Name prefix, kefir-<stage>; the alias becomes alias/<name>."
  type        = string
}

variable "trail_name" {
  description = "Name of the CloudTrail trail allowed to encrypt its logs with this key; empty when this root owns no trail."
  type        = string
  default     = ""
}

variable "deletion_window_in_days" {
  description = "Waiting period before a scheduled key deletion takes effect."
  type        = number
  default     = 30
}
