variable "owner" {
  description = "Team answerable for the state bucket's cost."
  type        = string
  default     = "bubblebatch-ops"
}
