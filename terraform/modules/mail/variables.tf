variable "domain" {
  description = "Domain that sign-in emails are sent from."
  type        = string
  default     = "bubblebatch.com"
}

variable "zone_id" {
  description = "Hosted zone of the domain, for the DKIM records."
  type        = string
}
