"""Cognito rules; checkov has no checks for user pools, so these are ours."""

from .hcl import module, module_inputs, resource, stage_settings

pool = resource("auth", "aws_cognito_user_pool")
client = resource("auth", "aws_cognito_user_pool_client")


def test_email_is_the_username():
    assert pool["username_attributes"] == ["email"]
    assert pool["auto_verified_attributes"] == ["email"]
    assert pool["username_configuration"][0]["case_sensitive"] is False


def test_passwordless_email_code_on_essentials():
    assert pool["user_pool_tier"] == "ESSENTIALS"
    factors = pool["sign_in_policy"][0]["allowed_first_auth_factors"]
    assert "EMAIL_OTP" in factors
    # AWS requires PASSWORD in the list; the client below allows no password flow.
    assert set(factors) == {"PASSWORD", "EMAIL_OTP"}


def test_only_the_app_creates_users():
    assert pool["admin_create_user_config"][0]["allow_admin_create_user_only"] is True


def test_own_code_email_needs_ses_and_optional_mfa():
    assert pool["mfa_configuration"] == '${local.ses_sends ? "OPTIONAL" : "OFF"}'
    email = pool["email_configuration"][0]
    assert email["email_sending_account"] == '${local.ses_sends ? "DEVELOPER" : "COGNITO_DEFAULT"}'
    template = pool["dynamic"][0]["email_mfa_configuration"]
    assert template["for_each"] == "${local.ses_sends ? [1] : []}"
    assert template["content"][0] == {
        "subject": "${var.code_email_subject}",
        "message": "${var.code_email_message}",
    }


def test_code_email_template():
    defaults = module("auth")["variable"]
    assert "{####}" in defaults["code_email_message"]["default"]
    assert "BubbleBatch" in defaults["code_email_subject"]["default"]


def test_no_mfa_factor_can_be_enrolled():
    assert "software_token_mfa_configuration" not in pool
    assert "sms_configuration" not in pool


def test_prod_protects_the_pool():
    assert module_inputs("prod", "auth")["deletion_protection"] is True
    assert pool["deletion_protection"] == '${var.deletion_protection ? "ACTIVE" : "INACTIVE"}'


def test_ses_sends_only_once_the_operator_switches_to_it():
    """Cognito refuses an SES identity that is not verified yet (docs/decisions/0007)."""
    assert module("auth")["locals"]["ses_sends"] == '${var.email_sender == "ses"}'
    sender = module("auth")["variable"]["email_sender"]
    assert sender["default"] == "cognito"
    assert module("stage")["variable"]["settings"]["type"].count(
        'email_sender = optional(string, "cognito")'
    ) == 1
    prod = module_inputs("prod", "auth")
    assert prod["ses_identity_arn"] == "${one(module.mail[*].identity_arn)}"
    assert prod["email_sender"] == '${local.domain == null ? "cognito" : local.domain.email_sender}'
    assert stage_settings("prod")["domain"]["email_sender"] == "cognito", (
        "a fresh account starts on Cognito's sender; the operator switches after verification"
    )
    assert prod["from_email_address"] == (
        '${local.domain == null ? "" : "BubbleBatch <no-reply@bubblebatch.com>"}'
    )


def test_no_account_recovery_by_email():
    """Admin only: email may not recover an account while email carries the sign-in code
    (docs/decisions/0008)."""
    (recovery,) = pool["account_recovery_setting"][0]["recovery_mechanism"]
    assert recovery["name"] == "admin_only"


def test_users_cannot_change_their_email_through_cognito():
    """Issue 14, finding 3: access tokens carry aws.cognito.signin.user.admin."""
    writable = client["write_attributes"]
    assert writable and "email" not in writable, "an empty list means every attribute"
    (settings,) = pool["user_attribute_update_settings"]
    assert settings["attributes_require_verification_before_update"] == ["email"]
    assert "email" in pool["auto_verified_attributes"]


def test_client_flows():
    assert set(client["explicit_auth_flows"]) == {"ALLOW_USER_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"}
    assert client["generate_secret"] is False
    assert client["prevent_user_existence_errors"] == "ENABLED"
    assert client["enable_token_revocation"] is True


def test_client_token_validity():
    assert (
        client["access_token_validity"],
        client["id_token_validity"],
        client["refresh_token_validity"],
    ) == (1, 1, 30)
    assert client["token_validity_units"][0] == {
        "access_token": "hours",
        "id_token": "hours",
        "refresh_token": "days",
    }
    assert client["auth_session_validity"] == "${var.auth_session_validity_minutes}"
    assert 3 <= module("auth")["variable"]["auth_session_validity_minutes"]["default"] <= 15
