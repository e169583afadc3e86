variable "name" {
  description = "Name prefix, kefir-<stage>; the role is kefir-<stage>-github-deploy."
  type        = string
}

variable "github_repository" {
  description = "The repository whose workflows may assume the role, as owner/name."
  type        = string

  validation {
    condition     = can(regex("^[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+$", var.github_repository))
    error_message = "github_repository must be owner/name."
  }
}

variable "github_environment" {
  description = "The GitHub environment (dev or prod) whose jobs may assume the role; its protection rules (reviewers, branches) gate every session."
  type        = string
}

variable "github_branch" {
  description = "The only branch whose jobs may assume the role; the repository's OIDC subject template must include the ref (docs/deployment.md)."
  type        = string
  default     = "main"
}

variable "stage" {
  description = "The stage this role deploys (dev or prod): its API, stage, schedules and firewall association, and no other stage's."
  type        = string
}

variable "create_oidc_provider" {
  description = "Create the account's GitHub OIDC provider. It is one per account: false where another root already created it."
  type        = bool
  default     = true
}

variable "oidc_provider_arn" {
  description = "ARN of an existing GitHub OIDC provider, when create_oidc_provider is false."
  type        = string
  default     = ""
}

variable "function_name" {
  description = "The Lambda function Zappa deploys (kefir-<stage>); also its CloudFormation stack's name."
  type        = string
}

variable "lambda_role_arn" {
  description = "ARN of the function's execution role, which the deploy passes to Lambda."
  type        = string
}

variable "zappa_bucket_arn" {
  description = "ARN of the bucket Zappa uploads packages to."
  type        = string
}

variable "table_arn" {
  description = "ARN of the stage's table, for data migrations run by the deploy."
  type        = string
}

variable "kms_key_arn" {
  description = "The stage's KMS key, which encrypts the table: migrations read and write through DynamoDB only. Empty for none."
  type        = string
  default     = ""
}

variable "state_bucket_name" {
  description = "Terraform state bucket (kefir-tfstate-<account>), read for `terraform output`; empty for none."
  type        = string
  default     = ""
}

variable "state_key" {
  description = "Key of this stage's state in the state bucket."
  type        = string
  default     = ""
}

variable "web_acl_arn" {
  description = "WAF web ACL the deploy associates with the API stage; empty for none."
  type        = string
  default     = ""
}

variable "api_domain_name" {
  description = "Custom domain whose base path mapping the deploy points at the stage; empty for none."
  type        = string
  default     = ""
}

variable "max_session_seconds" {
  description = "Longest session a deploy job gets."
  type        = number
  default     = 3600
}
