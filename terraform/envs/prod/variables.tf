variable "owner" {
  description = "Team answerable for the stage's cost, tagged on every resource."
  type        = string
  default     = "bubblebatch-ops"
}

variable "alarm_email" {
  description = "Email subscribed to the alarm topic; empty for none."
  type        = string
  default     = ""
}

variable "account_baseline" {
  description = "Create the account-wide pieces (CloudTrail, API Gateway's logging role); keep it true here when dev shares the account."
  type        = bool
  default     = true
}

variable "domain" {
  description = "The product's domain: its zone holds the API record and it sends the sign-in emails."
  type        = string
  default     = "bubblebatch.com"
}

variable "create_zone" {
  description = "Create the hosted zone instead of looking it up (a domain new to this account)."
  type        = bool
  default     = false
}

variable "email_sender" {
  description = "Who sends the sign-in codes: \"cognito\" until SES reports the domain verified, then \"ses\" (docs/deployment.md, first deploy, steps 5 to 7)."
  type        = string
  default     = "cognito"
}

variable "cors_allowed_origins" {
  description = "Web origins allowed to upload photos straight to the bucket."
  type        = list(string)
  default     = ["https://bubblebatch.com", "https://www.bubblebatch.com"]
}

variable "github_repository" {
  description = "owner/name of the GitHub repository whose deploy workflow may assume this stage's deploy role; empty creates no role."
  type        = string
  default     = ""
}
