"""What the published bindings leave out, curated by hand, kept short.

Each entry is a fact of the real providers (their documentation says it), and
each is here because the project's configuration or its plan depends on it.
"""

AWS = "registry.terraform.io/hashicorp/aws"
RANDOM = "registry.terraform.io/hashicorp/random"

# Changing these replaces the resource (ForceNew in the provider): a plan that
# renames a bucket or a table shows a destroy, not an in-place update.
FORCE_NEW = {
    "aws_acm_certificate": ["domain_name", "subject_alternative_names", "validation_method"],
    "aws_api_gateway_domain_name": ["domain_name"],
    "aws_cloudtrail": ["name"],
    "aws_cloudwatch_log_group": ["name", "name_prefix"],
    "aws_cognito_user_pool_client": ["user_pool_id"],
    "aws_dynamodb_table": ["name"],
    "aws_iam_openid_connect_provider": ["url"],
    "aws_iam_role": ["name", "name_prefix"],
    "aws_iam_role_policy": ["name", "role"],
    "aws_iam_role_policy_attachment": ["role", "policy_arn"],
    "aws_kms_alias": ["name", "name_prefix"],
    "aws_route53_zone": ["name"],
    "aws_s3_bucket": ["bucket", "bucket_prefix"],
    "aws_secretsmanager_secret": ["name", "name_prefix"],
    "aws_secretsmanager_secret_version": ["secret_id"],
    "aws_sesv2_email_identity": ["email_identity"],
    "aws_sns_topic": ["name", "name_prefix"],
    "aws_sns_topic_subscription": ["topic_arn", "protocol", "endpoint"],
    "aws_wafv2_web_acl": ["name", "scope"],
}

# Planned values when the configuration leaves the argument out. The provider
# declares them as defaults; the stand-in declares them optional and computed,
# which is how the plugin framework expresses a default.
DEFAULTS = {
    "aws_iam_role": {"force_detach_policies": False, "max_session_duration": 3600, "path": "/"},
    "aws_kms_key": {"enable_key_rotation": False, "is_enabled": True},
    "aws_s3_bucket": {"force_destroy": False},
    "aws_secretsmanager_secret": {"recovery_window_in_days": 30},
    "aws_sns_topic_subscription": {"raw_message_delivery": False},
}

# Attributes the provider marks sensitive: an output that exposes one must say
# `sensitive = true`, and the plan hides the value.
SENSITIVE = {
    "aws_cognito_user_pool_client": ["client_secret"],
    "aws_secretsmanager_secret_version": ["secret_string", "secret_binary", "secret_string_wo"],
    "random_password": ["result", "bcrypt_hash"],
}

# Every AWS argument named *_wo is write-only (Terraform 1.11): never stored in
# plan or state, and the only kind of argument that may take an ephemeral value.
WRITE_ONLY_SUFFIX = "_wo"

# random_password also exists as an ephemeral resource: the resource's
# arguments, with `result` and `bcrypt_hash` computed, and no id or keepers.
EPHEMERAL_FROM_RESOURCE = {"random_password": ["id", "keepers"]}

# cdktf's provider classes carry `alias`, a Terraform meta-argument, as if it
# were a provider argument.
PROVIDER_META_ARGUMENTS = ["alias"]

# The shape of the ARN AWS gives each kind of resource, so that policies built
# from them read as real ones ({label} is the resource's name, or a stable fake).
# Kinds not listed get arn:aws:<service>:<region>:<account>:<type>/<label>.
ARN_FORMATS = {
    "aws_cloudtrail": "arn:aws:cloudtrail:{region}:{account}:trail/{label}",
    "aws_cloudwatch_log_group": "arn:aws:logs:{region}:{account}:log-group:{label}",
    "aws_cognito_user_pool": "arn:aws:cognito-idp:{region}:{account}:userpool/{region}_{seed}",
    "aws_dynamodb_table": "arn:aws:dynamodb:{region}:{account}:table/{label}",
    "aws_iam_openid_connect_provider": "arn:aws:iam::{account}:oidc-provider/{label}",
    "aws_iam_role": "arn:aws:iam::{account}:role/{label}",
    "aws_kms_alias": "arn:aws:kms:{region}:{account}:{label}",
    "aws_kms_key": "arn:aws:kms:{region}:{account}:key/{seed}",
    "aws_s3_bucket": "arn:aws:s3:::{label}",
    "aws_secretsmanager_secret": "arn:aws:secretsmanager:{region}:{account}:secret:{label}-{seed}",
    "aws_sesv2_email_identity": "arn:aws:ses:{region}:{account}:identity/{label}",
    "aws_sns_topic": "arn:aws:sns:{region}:{account}:{label}",
}
