terraform {
  required_version = "~> 1.11"

  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 6.0"
    }
  }

  # Local state on purpose: this root creates the bucket every other root keeps
  # its state in. Its state file holds no secret and is easy to re-import.
}
