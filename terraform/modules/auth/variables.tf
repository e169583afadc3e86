variable "name" {
  description = "Name prefix, kefir-<stage>; gives the pool kefir-<stage>-users and the client kefir-<stage>-app."
  type        = string
}

variable "deletion_protection" {
  description = "Refuse to delete the user pool (prod)."
  type        = bool
  default     = true
}

variable "email_sender" {
  description = "Who sends the sign-in codes: \"cognito\" (Cognito's own sender, its text and daily quota) or \"ses\" (our address and text, through ses_identity_arn once SES has verified it; docs/decisions/0007)."
  type        = string
  default     = "cognito"

  validation {
    condition     = contains(["cognito", "ses"], var.email_sender)
    error_message = "email_sender is \"cognito\" or \"ses\"."
  }
}

variable "ses_identity_arn" {
  description = "SES identity that sends the sign-in codes when email_sender is \"ses\"."
  type        = string
  default     = ""

  validation {
    condition     = var.email_sender != "ses" || var.ses_identity_arn != ""
    error_message = "email_sender \"ses\" needs the verified SES identity's ARN."
  }
}

variable "from_email_address" {
  description = "Sender shown on sign-in emails when SES sends them, e.g. 'BubbleBatch <no-reply@bubblebatch.com>'."
  type        = string
  default     = ""
}

variable "code_email_subject" {
  description = "Subject of the email that carries the sign-in code."
  type        = string
  default     = "Your BubbleBatch sign-in code"
}

variable "code_email_message" {
  description = "Body of the sign-in code email; Cognito replaces {####} with the code."
  type        = string
  default     = "Your BubbleBatch sign-in code is {####}. It is valid for a few minutes; if you did not ask for it, ignore this email."
}

variable "auth_session_validity_minutes" {
  description = "How long the session between /auth/login and /auth/verify stays valid (Cognito allows 3-15)."
  type        = number
  default     = 3
}
