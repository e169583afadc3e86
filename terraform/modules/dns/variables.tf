variable "zone_name" {
  description = "Public hosted zone that holds the API's record."
  type        = string
  default     = "bubblebatch.com"
}

variable "create_zone" {
  description = "Create the hosted zone (a new domain; delegate its name servers at the registrar) instead of looking up an existing one."
  type        = bool
  default     = false
}

variable "api_domain_name" {
  description = "Custom domain of the API."
  type        = string
  default     = "api.bubblebatch.com"
}
