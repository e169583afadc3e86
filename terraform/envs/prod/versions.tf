terraform {
  required_version = "~> 1.11"

  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 6.0"
    }
    random = {
      source  = "hashicorp/random"
      version = "~> 3.7"
    }
  }

  # The bucket, kefir-tfstate-<account id>, comes from terraform/bootstrap and is
  # passed at init (make init-prod) because a backend block cannot read variables.
  backend "s3" {
    key          = "kefir/prod/terraform.tfstate"
    region       = "us-east-1"
    encrypt      = true
    use_lockfile = true
  }
}
