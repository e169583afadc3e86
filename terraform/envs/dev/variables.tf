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
  description = "Create the account-wide pieces (CloudTrail, API Gateway's logging role). If dev and prod share an account, set it false here."
  type        = bool
  default     = true
}

variable "cors_allowed_origins" {
  description = "Web origins allowed to upload photos straight to the bucket (Expo's web dev servers)."
  type        = list(string)
  default     = ["http://localhost:8081", "http://localhost:19006"]
}

variable "github_repository" {
  description = "owner/name of the GitHub repository whose deploy workflow may assume this stage's deploy role; empty creates no role."
  type        = string
  default     = ""
}
