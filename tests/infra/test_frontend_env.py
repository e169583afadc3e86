"""scripts/frontend_env.py writes what the Expo app and the web host read."""

import json

import boto3
from botocore.stub import Stubber

import frontend_env

OUTPUTS = {
    "user_pool_id": "us-east-1_AbCdEfGhI",
    "user_pool_client_id": "1example23456789",
    "region": "us-east-1",
}


def test_files(tmp_path):
    values = frontend_env.frontend_values(OUTPUTS, "https://api.bubblebatch.com")
    frontend_env.write(values, "prod", tmp_path)
    assert (tmp_path / "prod.env").read_text().splitlines() == [
        "EXPO_PUBLIC_API_URL=https://api.bubblebatch.com",
        "EXPO_PUBLIC_USER_POOL_ID=us-east-1_AbCdEfGhI",
        "EXPO_PUBLIC_USER_POOL_CLIENT_ID=1example23456789",
        "EXPO_PUBLIC_REGION=us-east-1",
    ]
    assert (
        json.loads((tmp_path / "prod.json").read_text())["api_url"] == "https://api.bubblebatch.com"
    )


def test_prod_uses_its_domain_without_asking_aws():
    apigateway = boto3.client(
        "apigateway", region_name="us-east-1", aws_access_key_id="x", aws_secret_access_key="x"
    )
    with Stubber(apigateway) as stub:
        url = frontend_env.api_url_for(
            "prod", {**OUTPUTS, "api_domain_name": "api.bubblebatch.com"}, apigateway
        )
        stub.assert_no_pending_responses()
    assert url == "https://api.bubblebatch.com"


def test_dev_uses_its_execute_api_url():
    apigateway = boto3.client(
        "apigateway", region_name="us-east-1", aws_access_key_id="x", aws_secret_access_key="x"
    )
    with Stubber(apigateway) as stub:
        stub.add_response("get_rest_apis", {"items": [{"id": "abc123", "name": "kefir-dev"}]}, {})
        url = frontend_env.api_url_for("dev", {**OUTPUTS, "api_domain_name": ""}, apigateway)
    assert url == "https://abc123.execute-api.us-east-1.amazonaws.com/dev"
