"""scripts/apply_stage_settings.py against botocore's Stubber (no network)."""

import boto3
import pytest
from botocore.stub import ANY, Stubber

import apply_stage_settings as stage_settings

API_ID = "abc123"
LOG_GROUP = "arn:aws:logs:us-east-1:123456789012:log-group:/aws/apigateway/kefir-prod-access"
ACL = "arn:aws:wafv2:us-east-1:123456789012:regional/webacl/kefir-prod-api/1"
STAGE_ARN = f"arn:aws:apigateway:us-east-1::/restapis/{API_ID}/stages/prod"
DOMAIN = "api.bubblebatch.com"

PROD = {"access_log_group_arn": LOG_GROUP + ":*", "web_acl_arn": ACL, "api_domain_name": DOMAIN}
DEV = {
    "access_log_group_arn": LOG_GROUP.replace("prod", "dev"),
    "web_acl_arn": "",
    "api_domain_name": "",
}

SETTLED = {
    "methodSettings": {"*/*": {"throttlingRateLimit": 1000.0, "throttlingBurstLimit": 2000}},
    "accessLogSettings": {"destinationArn": LOG_GROUP, "format": stage_settings.ACCESS_LOG_FORMAT},
    "tracingEnabled": True,
}


@pytest.fixture
def clients():
    apigateway = boto3.client(
        "apigateway", region_name="us-east-1", aws_access_key_id="x", aws_secret_access_key="x"
    )
    wafv2 = boto3.client(
        "wafv2", region_name="us-east-1", aws_access_key_id="x", aws_secret_access_key="x"
    )
    with Stubber(apigateway) as api_stub, Stubber(wafv2) as waf_stub:
        yield apigateway, wafv2, api_stub, waf_stub
        api_stub.assert_no_pending_responses()
        waf_stub.assert_no_pending_responses()


def expect_api(api_stub, name="kefir-prod"):
    api_stub.add_response(
        "get_rest_apis",
        {"items": [{"id": "other", "name": "someone-else"}, {"id": API_ID, "name": name}]},
        {},
    )


def expect_verification(api_stub, waf_stub, stage="prod", acl=True, domain=True):
    api_stub.add_response(
        "get_stage", {"stageName": stage, **SETTLED}, {"restApiId": API_ID, "stageName": stage}
    )
    if acl:
        waf_stub.add_response(
            "get_web_acl_for_resource", {"WebACL": web_acl()}, {"ResourceArn": STAGE_ARN}
        )
    if domain:
        api_stub.add_response(
            "get_base_path_mappings",
            {"items": [{"basePath": "(none)", "restApiId": API_ID, "stage": stage}]},
            {"domainName": DOMAIN},
        )


def web_acl():
    return {
        "Name": "kefir-prod-api",
        "Id": "1",
        "ARN": ACL,
        "DefaultAction": {"Allow": {}},
        "VisibilityConfig": {
            "SampledRequestsEnabled": True,
            "CloudWatchMetricsEnabled": True,
            "MetricName": "m",
        },
    }


def test_first_run_applies_everything(clients):
    apigateway, wafv2, api_stub, waf_stub = clients
    expect_api(api_stub)
    api_stub.add_response(
        "get_stage", {"stageName": "prod"}, {"restApiId": API_ID, "stageName": "prod"}
    )
    api_stub.add_response(
        "update_stage", {}, {"restApiId": API_ID, "stageName": "prod", "patchOperations": ANY}
    )
    waf_stub.add_response("get_web_acl_for_resource", {}, {"ResourceArn": STAGE_ARN})
    waf_stub.add_response("associate_web_acl", {}, {"WebACLArn": ACL, "ResourceArn": STAGE_ARN})
    api_stub.add_response("get_base_path_mappings", {"items": []}, {"domainName": DOMAIN})
    api_stub.add_response(
        "create_base_path_mapping", {}, {"domainName": DOMAIN, "restApiId": API_ID, "stage": "prod"}
    )
    expect_verification(api_stub, waf_stub)

    url = stage_settings.apply(apigateway, wafv2, "prod", PROD)

    assert url == f"https://{API_ID}.execute-api.us-east-1.amazonaws.com/prod"


def test_wanted_patch_sets_throttling_logging_and_tracing():
    ops = {op["path"]: op["value"] for op in stage_settings.desired_patch({}, LOG_GROUP)}
    assert ops["/*/*/throttling/rateLimit"] == "1000"
    assert ops["/*/*/throttling/burstLimit"] == "2000"
    assert ops["/accessLogSettings/destinationArn"] == LOG_GROUP
    assert "$context.requestId" in ops["/accessLogSettings/format"]
    assert "Authorization" not in ops["/accessLogSettings/format"]
    assert ops["/tracingEnabled"] == "true"


def test_second_run_changes_nothing(clients):
    apigateway, wafv2, api_stub, waf_stub = clients
    expect_api(api_stub)
    api_stub.add_response(
        "get_stage", {"stageName": "prod", **SETTLED}, {"restApiId": API_ID, "stageName": "prod"}
    )
    waf_stub.add_response(
        "get_web_acl_for_resource", {"WebACL": web_acl()}, {"ResourceArn": STAGE_ARN}
    )
    api_stub.add_response(
        "get_base_path_mappings",
        {"items": [{"basePath": "(none)", "restApiId": API_ID, "stage": "prod"}]},
        {"domainName": DOMAIN},
    )
    expect_verification(api_stub, waf_stub)

    stage_settings.apply(apigateway, wafv2, "prod", PROD)


def test_domain_moves_to_a_recreated_api(clients):
    apigateway, wafv2, api_stub, waf_stub = clients
    expect_api(api_stub)
    api_stub.add_response(
        "get_stage", {"stageName": "prod", **SETTLED}, {"restApiId": API_ID, "stageName": "prod"}
    )
    waf_stub.add_response(
        "get_web_acl_for_resource", {"WebACL": web_acl()}, {"ResourceArn": STAGE_ARN}
    )
    api_stub.add_response(
        "get_base_path_mappings",
        {"items": [{"basePath": "(none)", "restApiId": "old", "stage": "prod"}]},
        {"domainName": DOMAIN},
    )
    api_stub.add_response(
        "update_base_path_mapping",
        {},
        {
            "domainName": DOMAIN,
            "basePath": "(none)",
            "patchOperations": [
                {"op": "replace", "path": "/restapiId", "value": API_ID},
                {"op": "replace", "path": "/stage", "value": "prod"},
            ],
        },
    )
    expect_verification(api_stub, waf_stub)

    stage_settings.apply(apigateway, wafv2, "prod", PROD)


def test_dev_has_no_waf_or_domain(clients):
    apigateway, wafv2, api_stub, waf_stub = clients
    dev_log_group = DEV["access_log_group_arn"]
    expect_api(api_stub, "kefir-dev")
    api_stub.add_response(
        "get_stage", {"stageName": "dev"}, {"restApiId": API_ID, "stageName": "dev"}
    )
    api_stub.add_response(
        "update_stage", {}, {"restApiId": API_ID, "stageName": "dev", "patchOperations": ANY}
    )
    settled = {
        **SETTLED,
        "accessLogSettings": {
            "destinationArn": dev_log_group,
            "format": stage_settings.ACCESS_LOG_FORMAT,
        },
    }
    api_stub.add_response(
        "get_stage", {"stageName": "dev", **settled}, {"restApiId": API_ID, "stageName": "dev"}
    )

    assert stage_settings.apply(apigateway, wafv2, "dev", DEV).endswith("/dev")


def test_verification_failure_is_reported(clients):
    apigateway, wafv2, api_stub, waf_stub = clients
    expect_api(api_stub, "kefir-dev")
    api_stub.add_response(
        "get_stage", {"stageName": "dev"}, {"restApiId": API_ID, "stageName": "dev"}
    )
    api_stub.add_response(
        "update_stage", {}, {"restApiId": API_ID, "stageName": "dev", "patchOperations": ANY}
    )
    api_stub.add_response(
        "get_stage", {"stageName": "dev"}, {"restApiId": API_ID, "stageName": "dev"}
    )

    with pytest.raises(RuntimeError, match="throttling"):
        stage_settings.apply(apigateway, wafv2, "dev", DEV)


def test_undeployed_stage(clients):
    apigateway, wafv2, api_stub, _ = clients
    api_stub.add_response("get_rest_apis", {"items": []}, {})

    with pytest.raises(stage_settings.NotDeployed, match="deploy the stage first"):
        stage_settings.apply(apigateway, wafv2, "dev", DEV)
