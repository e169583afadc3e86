locals {
  ses_sends = var.email_sender == "ses"
}

resource "aws_cognito_user_pool" "this" {
  name                = "${var.name}-users"
  user_pool_tier      = "ESSENTIALS"
  deletion_protection = var.deletion_protection ? "ACTIVE" : "INACTIVE"

  username_attributes      = ["email"]
  auto_verified_attributes = ["email"]

  # A changed address stays unconfirmed (and the old one in force) until the user
  # proves the new one with a code, so no one can take over an address by typing it.
  user_attribute_update_settings {
    attributes_require_verification_before_update = ["email"]
  }

  username_configuration {
    case_sensitive = false
  }

  # The app creates every account itself (AdminCreateUser) so that login and
  # sign-up are one call; a public SignUp would bypass its throttles.
  admin_create_user_config {
    allow_admin_create_user_only = true
  }

  # Cognito insists that PASSWORD stays an allowed first factor. No user ever
  # has a usable password: the app creates accounts without one and its client
  # allows no password flow, so EMAIL_OTP is the only way in.
  sign_in_policy {
    allowed_first_auth_factors = ["PASSWORD", "EMAIL_OTP"]
  }

  # There is no password to recover; a lost mailbox is an operator matter.
  account_recovery_setting {
    recovery_mechanism {
      name     = "admin_only"
      priority = 1
    }
  }

  password_policy {
    minimum_length                   = 16
    require_lowercase                = true
    require_uppercase                = true
    require_numbers                  = true
    require_symbols                  = true
    temporary_password_validity_days = 1
  }

  email_configuration {
    email_sending_account = local.ses_sends ? "DEVELOPER" : "COGNITO_DEFAULT"
    source_arn            = local.ses_sends ? var.ses_identity_arn : null
    from_email_address    = local.ses_sends ? var.from_email_address : null
  }

  # AWS applies our own subject and message to the sign-in code only when SES
  # sends it and MFA is not OFF. OPTIONAL prompts nobody: only a user who has
  # enrolled a second factor is challenged, and the app never enrolls one.
  mfa_configuration = local.ses_sends ? "OPTIONAL" : "OFF"

  dynamic "email_mfa_configuration" {
    for_each = local.ses_sends ? [1] : []

    content {
      subject = var.code_email_subject
      message = var.code_email_message
    }
  }
}

resource "aws_cognito_user_pool_client" "this" {
  name         = "${var.name}-app"
  user_pool_id = aws_cognito_user_pool.this.id

  # A mobile app cannot keep a secret.
  generate_secret = false

  explicit_auth_flows = ["ALLOW_USER_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"]

  # Access tokens carry aws.cognito.signin.user.admin, which lets a user update their
  # own attributes straight through Cognito. The email is the account's identity and
  # changes only through the app; Cognito reads an empty list as "every writable
  # attribute", so one harmless attribute is named instead.
  write_attributes = ["locale"]

  prevent_user_existence_errors = "ENABLED"
  enable_token_revocation       = true

  auth_session_validity  = var.auth_session_validity_minutes
  access_token_validity  = 1
  id_token_validity      = 1
  refresh_token_validity = 30

  token_validity_units {
    access_token  = "hours"
    id_token      = "hours"
    refresh_token = "days"
  }
}
