"""What the issue asks of the persistent resources, per environment."""

import pytest

from kefir.services.archive import KEEP as ARCHIVE_KEPT

from .hcl import ENVS, TERRAFORM, module, module_inputs, resource, stage_name, stage_settings

DOMAIN_ONLY = {"dns", "mail"}


def test_prod_has_domain_and_mail_dev_does_not():
    assert stage_settings("prod")["domain"]["name"] == "bubblebatch.com"
    assert "domain" not in stage_settings("dev")
    calls = module("stage")["module"]
    for name in DOMAIN_ONLY:
        assert calls[name]["count"] == "${local.domain == null ? 0 : 1}"
    assert module("stage")["locals"]["domain"] == "${var.settings.domain}"


def test_prod_protects_its_data():
    data = module_inputs("prod", "data")
    assert data["point_in_time_recovery"] is True
    assert data["deletion_protection"] is True
    assert data["photo_versioning"] is True
    assert data["force_destroy"] is False
    assert module_inputs("prod", "auth")["deletion_protection"] is True
    assert module_inputs("prod", "security")["force_destroy"] is False


def test_prod_alarms_waf_and_retention():
    monitoring = module_inputs("prod", "monitoring")
    assert monitoring["alarms_enabled"] is True
    assert monitoring["log_retention_days"] == 30
    assert module_inputs("prod", "security")["waf_enabled"] is True


def test_dev_retention_is_two_weeks():
    assert module_inputs("dev", "monitoring")["log_retention_days"] == 14
    assert module_inputs("dev", "security")["log_retention_days"] == 14


def test_table():
    table = resource("data", "aws_dynamodb_table")
    assert table["billing_mode"] == "PAY_PER_REQUEST"
    assert (table["hash_key"], table["range_key"]) == ("PK", "SK")
    assert {(a["name"], a["type"]) for a in table["attribute"]} == {
        ("PK", "S"),
        ("SK", "S"),
        ("GSI1PK", "S"),
        ("GSI1SK", "S"),
    }
    (gsi,) = table["global_secondary_index"]
    assert gsi == {
        "name": "GSI1",
        "hash_key": "GSI1PK",
        "range_key": "GSI1SK",
        "projection_type": "ALL",
    }
    assert table["ttl"] == [{"attribute_name": "expires_at", "enabled": True}]
    assert table["server_side_encryption"][0]["enabled"] is True
    assert table["server_side_encryption"][0]["kms_key_arn"] == "${var.kms_key_arn}"
    assert table["point_in_time_recovery"][0]["enabled"] == "${var.point_in_time_recovery}"
    assert table["deletion_protection_enabled"] == "${var.deletion_protection}"


@pytest.mark.parametrize("stage", ENVS)
def test_names_follow_the_convention(stage):
    data = module("data")
    assert (
        stage_name(stage, data["resource"]["aws_dynamodb_table"]["this"]["name"], "data")
        == f"kefir-{stage}-table"
    )
    assert (
        stage_name(stage, data["module"]["photos"]["name"], "data")
        == f"kefir-{stage}-photos-${{local.account_id}}"
    )
    pool = resource("auth", "aws_cognito_user_pool")["name"]
    client = resource("auth", "aws_cognito_user_pool_client")["name"]
    assert stage_name(stage, pool, "auth") == f"kefir-{stage}-users"
    assert stage_name(stage, client, "auth") == f"kefir-{stage}-app"
    secrets = module("app_secrets")["resource"]["aws_secretsmanager_secret"]
    assert (
        stage_name(stage, secrets["expo_token"]["name"], "app_secrets")
        == f"kefir-{stage}-expo-access-token"
    )
    assert (
        stage_name(stage, secrets["signing_key"]["name"], "app_secrets")
        == f"kefir-{stage}-signing-key"
    )
    assert module_inputs(stage, "iam")["function_name"] == f"kefir-{stage}"
    log_group = module("monitoring")["resource"]["aws_cloudwatch_log_group"]["lambda"]["name"]
    assert stage_name(stage, log_group, "monitoring") == f"/aws/lambda/kefir-{stage}"


def test_bucket_hardening():
    bucket = module("s3_bucket")["resource"]
    block = bucket["aws_s3_bucket_public_access_block"]["this"]
    for setting in (
        "block_public_acls",
        "block_public_policy",
        "ignore_public_acls",
        "restrict_public_buckets",
    ):
        assert block[setting] is True
    assert (
        bucket["aws_s3_bucket_ownership_controls"]["this"]["rule"][0]["object_ownership"]
        == "BucketOwnerEnforced"
    )
    sse = bucket["aws_s3_bucket_server_side_encryption_configuration"]["this"]["rule"][0]
    assert (
        sse["apply_server_side_encryption_by_default"][0]["sse_algorithm"]
        == '${local.sse_kms ? "aws:kms" : "AES256"}'
    )
    (tls,) = module("s3_bucket")["data"]["aws_iam_policy_document"]["this"]["statement"]
    assert tls["effect"] == "Deny"
    assert tls["condition"][0] == {
        "test": "Bool",
        "variable": "aws:SecureTransport",
        "values": ["false"],
    }


def test_bucket_lifecycle():
    (rule,) = resource("s3_bucket", "aws_s3_bucket_lifecycle_configuration")["rule"]
    assert rule["status"] == "Enabled"
    assert "abort_incomplete_multipart_upload" in rule
    assert "noncurrent_version_expiration" in rule
    assert "expiration" in rule["dynamic"][0]
    lifecycle = resource("s3_bucket", "aws_s3_bucket_lifecycle_configuration")
    (prefix_rule,) = [d["rule"] for d in lifecycle["dynamic"]]
    assert prefix_rule["for_each"] == "${var.prefix_expiration_days}"


def test_photo_bucket():
    photos = module("data")["module"]["photos"]
    assert photos["kms_key_arn"] == "${var.kms_key_arn}"
    assert photos["versioning"] == "${var.photo_versioning}"
    assert photos["expiration_days"] == "${var.photo_expiration_days}"
    assert module("data")["variable"]["photo_expiration_days"]["default"] == 365
    assert photos["prefix_expiration_days"] == {"exports/": 1, "archives/": ARCHIVE_KEPT.days}
    assert "POST" in photos["cors_rules"]
    assert photos["access_log_bucket"] == "${module.access_logs.bucket_id}"


def test_log_groups_and_encrypted_topic():
    groups = module("monitoring")["resource"]["aws_cloudwatch_log_group"]
    for group in groups.values():
        assert group["retention_in_days"] == "${var.log_retention_days}"
        assert group["kms_key_id"] == "${var.kms_key_arn}"
    assert resource("monitoring", "aws_sns_topic")["kms_master_key_id"] == "${var.kms_key_arn}"
    subscription = module("monitoring")["resource"]["aws_sns_topic_subscription"]["email"]
    assert subscription["count"] == '${var.alarm_email == "" ? 0 : 1}'


def test_alarms():
    monitoring = module("monitoring")
    alarms = monitoring["resource"]["aws_cloudwatch_metric_alarm"]
    assert set(alarms) == {"single_metric", "dynamodb_throttles"}
    single = monitoring["locals"]["single_metric_alarms"]
    assert set(single) == {"lambda-errors", "api-5xx", "reminders-failed"}
    errors = single["lambda-errors"]
    assert (errors["namespace"], errors["metric_name"], errors["period"]) == (
        "AWS/Lambda",
        "Errors",
        60,
    )
    assert errors["threshold"] == "${var.lambda_errors_per_minute}"
    assert monitoring["variable"]["lambda_errors_per_minute"]["default"] == 10
    assert (single["api-5xx"]["namespace"], single["api-5xx"]["metric_name"]) == (
        "AWS/ApiGateway",
        "5XXError",
    )
    watched = str(alarms["dynamodb_throttles"]["dynamic"])
    assert all(part in watched for part in ("ReadThrottleEvents", "WriteThrottleEvents", "GSI1"))
    failed = single["reminders-failed"]
    assert (failed["namespace"], failed["metric_name"]) == (
        "${var.metric_namespace}",
        "RemindersFailed",
    )
    assert failed["dimensions"] == {"Stage": "${var.stage}"}
    assert monitoring["variable"]["metric_namespace"]["default"] == "BubbleBatch"
    assert alarms["single_metric"]["for_each"] == (
        "${var.alarms_enabled ? local.single_metric_alarms : {}}"
    )
    assert alarms["dynamodb_throttles"]["count"] == "${local.alarm_count}"
    for alarm in alarms.values():
        assert alarm["alarm_actions"] == "${local.actions}"


def test_secrets():
    secrets = module("app_secrets")["resource"]["aws_secretsmanager_secret"]
    assert all(s["kms_key_id"] == "${var.kms_key_arn}" for s in secrets.values())
    assert "aws_secretsmanager_secret" not in module("security")["resource"], (
        "the app's secrets live in modules/app_secrets"
    )
    versions = module("app_secrets")["resource"]["aws_secretsmanager_secret_version"]
    assert set(versions) == {"signing_key"}, (
        "the Expo token's value is set by an operator, never by Terraform"
    )
    key = versions["signing_key"]
    assert "secret_string" not in key, "the signing key must stay out of the state"
    assert key["secret_string_wo"] == "${ephemeral.random_password.signing_key.result}"
    generator = module("app_secrets")["ephemeral"]["random_password"]["signing_key"]
    assert generator["length"] == 64


def test_cloudtrail():
    trail = resource("security", "aws_cloudtrail")
    assert trail["is_multi_region_trail"] is True
    assert trail["enable_log_file_validation"] is True
    assert trail["kms_key_id"] == "${var.kms_key_arn}"


def test_waf():
    acl = resource("security", "aws_wafv2_web_acl")
    assert acl["scope"] == "REGIONAL"
    rules = {rule["name"]: rule for rule in acl["rule"]}
    managed = rules["aws-common"]["statement"][0]["managed_rule_group_statement"][0]
    assert (managed["vendor_name"], managed["name"]) == ("AWS", "AWSManagedRulesCommonRuleSet")
    rate = rules["auth-rate-limit"]["statement"][0]["rate_based_statement"][0]
    assert rate["aggregate_key_type"] == "IP"
    match = rate["scope_down_statement"][0]["or_statement"][0]["dynamic"][0]["statement"]
    assert match["for_each"] == ["/auth/", "/${var.stage}/auth/"]
    assert "block" in rules["auth-rate-limit"]["action"][0]
    logging = resource("security", "aws_wafv2_web_acl_logging_configuration")
    assert logging["redacted_fields"][0]["single_header"][0]["name"] == "authorization"


def test_domain_certificate_and_record():
    certificate = resource("dns", "aws_acm_certificate")
    assert certificate["validation_method"] == "DNS"
    domain = resource("dns", "aws_api_gateway_domain_name")
    assert domain["security_policy"] == "TLS_1_2"
    assert domain["endpoint_configuration"][0]["types"] == ["REGIONAL"]
    assert (
        domain["regional_certificate_arn"]
        == "${aws_acm_certificate_validation.this.certificate_arn}"
    )
    record = module("dns")["resource"]["aws_route53_record"]["api"]
    assert record["alias"][0]["name"] == "${aws_api_gateway_domain_name.this.regional_domain_name}"
    assert module("stage")["locals"]["api_domain_name"] == (
        '${local.domain == null ? "" : "api.${local.domain.name}"}'
    )
    assert module("stage")["module"]["dns"]["api_domain_name"] == "${local.api_domain_name}"


def test_the_api_record_is_ipv4_only():
    """The regional endpoint is not dual-stack: an AAAA alias would lead nowhere."""
    record = module("dns")["resource"]["aws_route53_record"]["api"]
    assert record["type"] == "A"
    assert "for_each" not in record
    assert "ip_address_type" not in str(resource("dns", "aws_api_gateway_domain_name"))


def test_the_trail_records_reads_and_writes_of_the_state():
    """What the bootstrap root's CKV_AWS_18 skip relies on."""
    (selector,) = resource("security", "aws_cloudtrail")["event_selector"]
    assert selector["read_write_type"] == "All"
    assert selector["include_management_events"] is True
    (data,) = selector["data_resource"]
    assert data == {
        "type": "AWS::S3::Object",
        "values": ["arn:aws:s3:::kefir-tfstate-${local.account_id}/"],
    }
    bootstrap = (TERRAFORM / "bootstrap" / "main.tf").read_text()
    assert "kefir-tfstate-${data.aws_caller_identity.current.account_id}" in bootstrap
    skip = next(line for line in bootstrap.splitlines() if "CKV_AWS_18" in line)
    assert "data events" in skip

