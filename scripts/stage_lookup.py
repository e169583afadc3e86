"""Read-only look-ups of what Zappa deployed for a stage.

stage_lookup.py STAGE exists   exit 0 if the function kefir-STAGE exists, 1 if not
stage_lookup.py STAGE url      print the stage's execute-api URL, or nothing
"""

import sys

import boto3

REGION = "us-east-1"


def function_name(stage: str) -> str:
    """Zappa names the function (and its REST API) <project_name>-<stage>."""
    return f"kefir-{stage}"


def function_exists(lambda_client, name: str) -> bool:
    try:
        lambda_client.get_function(FunctionName=name)
    except lambda_client.exceptions.ResourceNotFoundException:
        return False
    return True


def find_api_id(apigateway, name: str) -> str | None:
    """Id of the REST API Zappa created under *name*, if any."""
    for page in apigateway.get_paginator("get_rest_apis").paginate():
        for api in page["items"]:
            if api["name"] == name:
                return api["id"]
    return None


def stage_url(api_id: str, stage: str, region: str = REGION) -> str:
    return f"https://{api_id}.execute-api.{region}.amazonaws.com/{stage}"


def main(argv: list[str]) -> int:
    stage, what = argv
    name = function_name(stage)
    if what == "exists":
        return 0 if function_exists(boto3.client("lambda", region_name=REGION), name) else 1
    api_id = find_api_id(boto3.client("apigateway", region_name=REGION), name)
    if api_id:
        print(stage_url(api_id, stage))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
