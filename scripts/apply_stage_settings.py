"""Apply to the API stage Zappa deployed what Zappa has no setting for, then verify.

Throttling (1000 requests/s), JSON access logs, X-Ray tracing, the WAF web ACL
and the custom domain's base path mapping. Every step compares before it
writes, so running it after each deploy changes nothing that is already right.
"""

import argparse
import json
import sys
from pathlib import Path

import boto3

from stage_lookup import REGION, find_api_id, function_name, stage_url

RATE_LIMIT = 1000.0
BURST_LIMIT = 2000
# The Authorization header and bodies never appear here.
ACCESS_LOG_FORMAT = json.dumps(
    {
        "requestId": "$context.requestId",
        "ip": "$context.identity.sourceIp",
        "time": "$context.requestTimeEpoch",
        "method": "$context.httpMethod",
        "path": "$context.path",
        "status": "$context.status",
        "bytes": "$context.responseLength",
        "latencyMs": "$context.responseLatency",
        "integrationStatus": "$context.integrationStatus",
        "wafStatus": "$context.waf.status",
        "userAgent": "$context.identity.userAgent",
    },
    separators=(",", ":"),
)


class NotDeployed(Exception):
    """The stage's REST API does not exist yet."""


def desired_patch(stage: dict, log_group_arn: str) -> list[dict]:
    """Patch operations that bring *stage* (a GetStage answer) to the wanted settings."""
    ops = []
    method = stage.get("methodSettings", {}).get("*/*", {})
    if method.get("throttlingRateLimit") != RATE_LIMIT:
        ops.append(
            {"op": "replace", "path": "/*/*/throttling/rateLimit", "value": str(int(RATE_LIMIT))}
        )
    if method.get("throttlingBurstLimit") != BURST_LIMIT:
        ops.append(
            {"op": "replace", "path": "/*/*/throttling/burstLimit", "value": str(BURST_LIMIT)}
        )
    access = stage.get("accessLogSettings", {})
    if access.get("destinationArn") != log_group_arn:
        ops.append(
            {"op": "replace", "path": "/accessLogSettings/destinationArn", "value": log_group_arn}
        )
    if access.get("format") != ACCESS_LOG_FORMAT:
        ops.append(
            {"op": "replace", "path": "/accessLogSettings/format", "value": ACCESS_LOG_FORMAT}
        )
    if not stage.get("tracingEnabled"):
        ops.append({"op": "replace", "path": "/tracingEnabled", "value": "true"})
    return ops


def stage_arn(api_id: str, stage: str) -> str:
    return f"arn:aws:apigateway:{REGION}::/restapis/{api_id}/stages/{stage}"


def ensure_web_acl(wafv2, resource_arn: str, web_acl_arn: str) -> None:
    current = wafv2.get_web_acl_for_resource(ResourceArn=resource_arn).get("WebACL") or {}
    if current.get("ARN") != web_acl_arn:
        wafv2.associate_web_acl(WebACLArn=web_acl_arn, ResourceArn=resource_arn)


def root_mapping(apigateway, domain: str) -> dict | None:
    items = apigateway.get_base_path_mappings(domainName=domain).get("items", [])
    return next((item for item in items if item["basePath"] == "(none)"), None)


def ensure_domain_mapping(apigateway, domain: str, api_id: str, stage: str) -> None:
    mapping = root_mapping(apigateway, domain)
    if mapping is None:
        apigateway.create_base_path_mapping(domainName=domain, restApiId=api_id, stage=stage)
    elif (mapping["restApiId"], mapping.get("stage")) != (api_id, stage):
        apigateway.update_base_path_mapping(
            domainName=domain,
            basePath="(none)",
            patchOperations=[
                {"op": "replace", "path": "/restapiId", "value": api_id},
                {"op": "replace", "path": "/stage", "value": stage},
            ],
        )


def problems(apigateway, wafv2, api_id: str, stage: str, outputs: dict) -> list[str]:
    """What still differs from the wanted settings, read back from AWS."""
    found = []
    current = apigateway.get_stage(restApiId=api_id, stageName=stage)
    if desired_patch(current, log_group(outputs)):
        found.append(f"stage {stage}: throttling, access logging or tracing not as wanted")
    if outputs.get("web_acl_arn"):
        acl = (
            wafv2.get_web_acl_for_resource(ResourceArn=stage_arn(api_id, stage)).get("WebACL") or {}
        )
        if acl.get("ARN") != outputs["web_acl_arn"]:
            found.append(f"stage {stage}: WAF web ACL not associated")
    if outputs.get("api_domain_name"):
        mapping = root_mapping(apigateway, outputs["api_domain_name"]) or {}
        if (mapping.get("restApiId"), mapping.get("stage")) != (api_id, stage):
            found.append(f"{outputs['api_domain_name']} is not mapped to stage {stage}")
    return found


def log_group(outputs: dict) -> str:
    """API Gateway wants the log group ARN without the ':*' suffix."""
    arn = outputs["access_log_group_arn"]
    return arn[:-2] if arn.endswith(":*") else arn


def apply(apigateway, wafv2, stage: str, outputs: dict) -> str:
    """Apply and verify; return the stage's execute-api URL."""
    api_id = find_api_id(apigateway, function_name(stage))
    if api_id is None:
        raise NotDeployed(f"No REST API named {function_name(stage)}: deploy the stage first.")
    current = apigateway.get_stage(restApiId=api_id, stageName=stage)
    ops = desired_patch(current, log_group(outputs))
    if ops:
        apigateway.update_stage(restApiId=api_id, stageName=stage, patchOperations=ops)
    if outputs.get("web_acl_arn"):
        ensure_web_acl(wafv2, stage_arn(api_id, stage), outputs["web_acl_arn"])
    if outputs.get("api_domain_name"):
        ensure_domain_mapping(apigateway, outputs["api_domain_name"], api_id, stage)
    remaining = problems(apigateway, wafv2, api_id, stage, outputs)
    if remaining:
        raise RuntimeError("; ".join(remaining))
    return stage_url(api_id, stage)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("stage")
    parser.add_argument(
        "--outputs", type=Path, required=True, help="file written by `terraform output -json`"
    )
    args = parser.parse_args(argv)

    outputs = {name: item["value"] for name, item in json.loads(args.outputs.read_text()).items()}
    try:
        url = apply(
            boto3.client("apigateway", region_name=REGION),
            boto3.client("wafv2", region_name=REGION),
            args.stage,
            outputs,
        )
    except (NotDeployed, RuntimeError) as error:
        print(error, file=sys.stderr)
        return 1
    print(f"Stage settings applied and verified: {url}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
