"""Every AWS call Zappa 0.63.0 can make in `deploy`, `update`, `schedule` and `unschedule`.

Recorded from Zappa's own source (zappa/cli.py and zappa/core.py, which ship in our Lambda
zip) by following ZappaCLI.deploy/update/schedule/unschedule through the Zappa methods
they call. test_package.py derives the list again from the zip's copy and fails when Zappa
gains or loses a call; test_deploy_role.py checks that the CI deploy role
(terraform/modules/github_oidc) grants each call our settings make, on its own stage only.
"""
# ruff: noqa: E501 (the call table below reads best one call a line)

import ast
from pathlib import Path

ZAPPA_VERSION = "0.63.0"
ENTRY_POINTS = ("deploy", "update", "schedule", "unschedule")

# where (cli.<method> or core.<method>), operation (client attribute . boto3 method, or a
# waiter or paginator), IAM action, resource (a key of test_deploy_role.RESOURCES).
TAKEN = """
cli.update                        lambda_client.get_function                  lambda:GetFunction                function
cli.schedule                      lambda_client.get_function                  lambda:GetFunction                function
cli.unschedule                    lambda_client.get_function                  lambda:GetFunction                function
core.get_lambda_function          lambda_client.get_function                  lambda:GetFunction                function
core.get_lambda_function_versions lambda_client.list_versions_by_function     lambda:ListVersionsByFunction     function
core.create_lambda_function       lambda_client.create_function               lambda:CreateFunction             function
core.create_lambda_function       lambda_client.tag_resource                  lambda:TagResource                function
core.update_lambda_function       lambda_client.update_function_code          lambda:UpdateFunctionCode         function
core.update_lambda_function       lambda_client.delete_function_concurrency   lambda:DeleteFunctionConcurrency  function
core.update_lambda_function       lambda_client.list_versions_by_function     lambda:ListVersionsByFunction     function
core.update_lambda_function       lambda_client.delete_function               lambda:DeleteFunction             versions
core.migrate_lambda_alias         lambda_client.get_alias                     lambda:GetAlias                   versions
core.update_lambda_configuration  lambda_client.get_function_configuration    lambda:GetFunctionConfiguration   function
core.update_lambda_configuration  lambda_client.update_function_configuration lambda:UpdateFunctionConfiguration function
core.update_lambda_configuration  lambda_client.tag_resource                  lambda:TagResource                function
core.wait_until_lambda_function_is_updated lambda_client.waiter:function_updated lambda:GetFunctionConfiguration function
core.wait_until_lambda_function_is_active  lambda_client.waiter:function_active  lambda:GetFunctionConfiguration function
core.delete_lambda_function_url   lambda_client.list_function_url_configs     lambda:ListFunctionUrlConfigs     function
core.upload_to_s3                 s3_client.head_bucket                       s3:ListBucket                     zappa_bucket
core.upload_to_s3                 s3_client.upload_file                       s3:PutObject                      zappa_objects
core.remove_from_s3               s3_client.head_bucket                       s3:ListBucket                     zappa_bucket
core.remove_from_s3               s3_client.delete_object                     s3:DeleteObject                   zappa_objects
core.update_stack                 cf_client.describe_stacks                   cloudformation:DescribeStacks     stack
core.update_stack                 cf_client.create_stack                      cloudformation:CreateStack        stack
core.update_stack                 cf_client.update_stack                      cloudformation:UpdateStack        stack
core.update_stack                 cf_client.paginator:list_stack_resources    cloudformation:ListStackResources stack
core.get_api_id                   cf_client.describe_stack_resource           cloudformation:DescribeStackResource stack
core.get_api_id                   apigateway_client.get_rest_apis             apigateway:GET                    api_list
core.add_binary_support           apigateway_client.get_rest_api              apigateway:GET                    api
core.add_binary_support           apigateway_client.update_rest_api           apigateway:PATCH                  api
core.add_api_compression          apigateway_client.update_rest_api           apigateway:PATCH                  api
core.deploy_api_gateway           apigateway_client.create_deployment         apigateway:POST                   api
core.deploy_api_gateway           apigateway_client.update_stage              apigateway:PATCH                  api
core._clear_policy                lambda_client.get_policy                    lambda:GetPolicy                  function
core._clear_policy                lambda_client.remove_permission             lambda:RemovePermission           function
core.get_event_rule_names_for_lambda events_client.list_rule_names_by_target  events:ListRuleNamesByTarget      any
core.delete_rule                  events_client.list_targets_by_rule          events:ListTargetsByRule          rules
core.delete_rule                  events_client.remove_targets                events:RemoveTargets              rules
core.delete_rule                  events_client.delete_rule                   events:DeleteRule                 rules
core.schedule_events              events_client.put_rule                      events:PutRule                    rules
core.schedule_events              events_client.put_targets                   events:PutTargets                 rules
core.create_event_permission      lambda_client.add_permission                lambda:AddPermission              function
"""

NO_ALB = "alb_enabled is unset"
NO_FUNCTION_URL = "use_function_url is unset: there is no function URL to change or delete"
NO_VERSION_PUBLISHING = "snap_start and provisioned_concurrency are unset"
NO_ASYNC = "async_source and async_response_table are unset"
NO_SLIM = "slim_handler is false"
NO_CORS = "cors is unset"
BINARY = "binary_support and payload_compression are on (Zappa's defaults)"
NO_API_KEY = "api_key_required is unset"

# Calls our zappa_settings.json (as render_zappa_settings.py completes it) never makes.
NOT_TAKEN = {
    ("core.create_lambda_function", "lambda_client.create_alias"): NO_ALB,
    ("core.create_lambda_function", "lambda_client.put_provisioned_concurrency_config"):
        NO_VERSION_PUBLISHING,
    ("core.create_lambda_function", "lambda_client.put_function_concurrency"):
        "lambda_concurrency is unset",
    ("core.update_lambda_function", "lambda_client.put_function_concurrency"):
        "lambda_concurrency is unset (so Zappa deletes the function's concurrency instead)",
    ("core.migrate_lambda_alias", "lambda_client.create_alias"):
        "update calls it with create_if_missing=False, and no ALB alias exists",
    ("core.migrate_lambda_alias", "lambda_client.update_alias"): NO_ALB,
    ("core.update_lambda_configuration", "lambda_client.publish_version"): NO_VERSION_PUBLISHING,
    ("core.update_lambda_configuration", "lambda_client.put_provisioned_concurrency_config"):
        NO_VERSION_PUBLISHING,
    ("core.update_lambda_configuration", "lambda_client.delete_provisioned_concurrency_config"):
        NO_VERSION_PUBLISHING,
    ("core.wait_until_lambda_function_version_is_active",
     "lambda_client.waiter:published_version_active"): NO_VERSION_PUBLISHING,
    ("core.wait_until_lambda_function_provisioned_concurrency_is_ready",
     "lambda_client.get_provisioned_concurrency_config"): NO_VERSION_PUBLISHING,
    ("core.delete_lambda_function_url", "lambda_client.delete_function_url_config"):
        NO_FUNCTION_URL,
    ("core.delete_function_url_policy", "lambda_client.remove_permission"): NO_FUNCTION_URL,
    ("core.deploy_lambda_function_url", "lambda_client.create_function_url_config"):
        NO_FUNCTION_URL,
    ("core.update_lambda_function_url", "lambda_client.list_function_url_configs"):
        NO_FUNCTION_URL,
    ("core.update_lambda_function_url", "lambda_client.update_function_url_config"):
        NO_FUNCTION_URL,
    ("core.list_function_url_policy", "lambda_client.get_policy"): NO_FUNCTION_URL,
    ("core.update_function_url_policy", "lambda_client.add_permission"): NO_FUNCTION_URL,
    ("core.upload_to_s3", "s3_client.create_bucket"):
        "Terraform creates Zappa's bucket, so head_bucket finds it",
    ("core.upload_to_s3", "s3_client.put_bucket_tagging"): "only after create_bucket",
    ("core.copy_on_s3", "s3_client.head_bucket"): NO_SLIM,
    ("core.copy_on_s3", "s3_client.copy"): NO_SLIM,
    ("core.get_websocket_url", "cf_client.describe_stack_resource"): "no websocket routes",
    ("core.add_binary_support", "apigateway_client.get_resources"): NO_CORS,
    ("core.add_binary_support", "apigateway_client.update_integration"): NO_CORS,
    ("core.remove_binary_support", "apigateway_client.get_rest_api"): BINARY,
    ("core.remove_binary_support", "apigateway_client.update_rest_api"): BINARY,
    ("core.remove_binary_support", "apigateway_client.get_resources"): BINARY,
    ("core.remove_binary_support", "apigateway_client.update_integration"): BINARY,
    ("core.remove_api_compression", "apigateway_client.update_rest_api"): BINARY,
    ("core.create_api_key", "apigateway_client.create_api_key"): NO_API_KEY,
    ("core.add_api_stage_to_api_key", "apigateway_client.update_api_key"): NO_API_KEY,
    ("core.create_event_permission", "sts_client.get_caller_identity"):
        "GetCallerIdentity needs no permission",
    ("core.get_credentials_arn", "iam.Role"):
        "render_zappa_settings.py sets role_arn, so Zappa never looks the role up",
    ("core.update_cognito", "cognito_client.describe_user_pool"): "no cognito trigger setting",
    ("core.update_cognito", "cognito_client.update_user_pool"): "no cognito trigger setting",
    ("core.update_cognito", "sts_client.get_caller_identity"): "no cognito trigger setting",
}

# Whole Zappa methods our settings never reach, with every call in them.
NOT_REACHED = {
    "core.create_iam_roles": "manage_roles is false: Terraform owns the execution role",
    "core.create_efs": "efs_config is unset",
    "core.deploy_lambda_alb": NO_ALB,
    "core.create_async_sns_topic": NO_ASYNC,
    "core.remove_async_sns_topic": NO_ASYNC,
    "core.create_async_dynamodb_table": NO_ASYNC,
    "core._set_async_dynamodb_table_ttl": NO_ASYNC,
}

# Permissions the calls need besides their own action.
PASSED_ROLE_TO = {
    # create_function / update_function_configuration name the execution role (role_arn).
    "lambda.amazonaws.com",
    # put_rule passes the same role as the rule's RoleArn.
    "events.amazonaws.com",
    # The stack's API methods invoke the function with that role (integration Credentials).
    "apigateway.amazonaws.com",
}


def taken() -> list[tuple[str, str, str, str]]:
    """(where, operation, action, resource) for every call our settings make."""
    return [tuple(line.split()) for line in TAKEN.strip().splitlines()]


def _methods(path: Path, class_name: str) -> dict[str, ast.FunctionDef]:
    tree = ast.parse(path.read_text())
    (cls,) = [n for n in tree.body if isinstance(n, ast.ClassDef) and n.name == class_name]
    return {f.name: f for f in cls.body if isinstance(f, ast.FunctionDef)}


def _attribute_calls(function: ast.FunctionDef):
    for node in ast.walk(function):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            yield node, node.func.value


def _is_self(node) -> bool:
    return isinstance(node, ast.Name) and node.id == "self"


def _operation(call: ast.Call, client: str) -> str:
    name = call.func.attr
    if name in ("get_waiter", "get_paginator") and call.args:
        return f"{client}.{name[4:]}:{call.args[0].value}"
    return f"{client}.{name}"


def calls_in_source(zappa: Path) -> set[tuple[str, str]]:
    """(where, operation) of every AWS client call reachable from ENTRY_POINTS."""
    cli = _methods(zappa / "cli.py", "ZappaCLI")
    core = _methods(zappa / "core.py", "Zappa")
    found: set[tuple[str, str]] = set()
    core_pending: list[str] = []
    cli_pending, cli_seen = list(ENTRY_POINTS), set()
    while cli_pending:
        name = cli_pending.pop()
        if name in cli_seen or name not in cli:
            continue
        cli_seen.add(name)
        for call, owner in _attribute_calls(cli[name]):
            if _is_self(owner):
                cli_pending.append(call.func.attr)
            elif isinstance(owner, ast.Attribute) and owner.attr == "zappa" and _is_self(owner.value):
                core_pending.append(call.func.attr)
            elif (
                isinstance(owner, ast.Attribute)
                and isinstance(owner.value, ast.Attribute)
                and owner.value.attr == "zappa"
            ):
                found.add((f"cli.{name}", _operation(call, owner.attr)))
    core_seen: set[str] = set()
    while core_pending:
        name = core_pending.pop()
        if name in core_seen or name not in core:
            continue
        core_seen.add(name)
        for call, owner in _attribute_calls(core[name]):
            if _is_self(owner):
                core_pending.append(call.func.attr)
            elif isinstance(owner, ast.Attribute) and _is_self(owner.value):
                if owner.attr.endswith("_client") or owner.attr == "iam":
                    found.add((f"core.{name}", _operation(call, owner.attr)))
    return found


def recorded() -> set[tuple[str, str]]:
    """(where, operation) of every call this file accounts for."""
    return (
        {(where, operation) for where, operation, _, _ in taken()}
        | set(NOT_TAKEN)
        | {(where, "*") for where in NOT_REACHED}
    )
