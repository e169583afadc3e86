variable "stage" {
  description = "Stage name, dev or prod: every name is kefir-<stage>-<thing>."
  type        = string

  validation {
    condition     = contains(["dev", "prod"], var.stage)
    error_message = "stage is dev or prod."
  }
}

variable "settings" {
  description = "Everything in which one stage differs from another; see docs/deployment.md."
  type = object({
    # Data: continuous backups of the table, refusal to delete the table and the user
    # pool, kept versions of photos, and whether terraform destroy may empty buckets.
    point_in_time_recovery = bool
    deletion_protection    = bool
    photo_versioning       = bool
    force_destroy          = bool
    # Operations: retention of the function's, the API's and WAF's logs, the alarms
    # and who receives them, and the WAF web ACL on the API stage.
    log_retention_days = number
    alarms_enabled     = bool
    alarm_email        = optional(string, "")
    waf_enabled        = bool
    # The account-wide pieces (CloudTrail, API Gateway's logging role, GitHub's OIDC
    # provider): true in exactly one stage per account.
    account_baseline = bool
    # Web origins allowed to upload photos straight to the bucket.
    cors_allowed_origins = list(string)
    # The stage's own domain: the API at api.<name> and the sign-in email from it.
    # email_sender stays "cognito" until SES has verified the domain (docs/decisions/0007).
    domain = optional(object({
      name         = string
      create_zone  = optional(bool, false)
      email_sender = optional(string, "cognito")
    }))
    # owner/name of the repository whose deploy workflow may assume the deploy role.
    github_repository = optional(string, "")
  })
}
