"""IAM and wiring rules read from what Terraform rendered, not from the HCL.

Each stage is planned and applied against the stand-in (tests/infra/offline_plan.py).
Its state holds every policy as the JSON AWS would receive, with each module's
outputs resolved to the ARN of the resource they name (fake, but distinct and
shaped as AWS shapes them): a policy wired to the wrong table or secret fails
here, where the HCL reads the same either way.
"""

import json

import pytest

from .offline_plan import rendered  # noqa: F401  (a fixture)

STAGES = ("dev", "prod")
# Services whose actions have no resource-level permissions.
RESOURCELESS = {"Tracing", "OwnMetrics"}
POLICY_ATTRIBUTES = ("policy", "assume_role_policy")


def as_list(value) -> list:
    return value if isinstance(value, list) else [value]


def lambda_policy(rendered, stage: str) -> dict:  # noqa: F811
    (policy,) = rendered.resources(stage, "module.iam.aws_iam_role_policy.this")
    return {s["Sid"]: s for s in json.loads(policy["values"]["policy"])["Statement"]}


def arn_of(rendered, stage: str, address_part: str) -> str:  # noqa: F811
    (resource,) = rendered.resources(stage, address_part)
    return resource["values"]["arn"]


def every_policy(rendered, stage: str):  # noqa: F811
    for resource in rendered.resources(stage):
        for attribute in POLICY_ATTRIBUTES:
            text = resource["values"].get(attribute)
            if text:
                yield resource["address"], json.loads(text)


@pytest.mark.parametrize("stage", STAGES)
def test_every_rendered_policy_is_a_2012_10_17_document(rendered, stage):  # noqa: F811
    policies = dict(every_policy(rendered, stage))
    assert any("module.iam" in address for address in policies), sorted(policies)
    for address, document in policies.items():
        assert document["Version"] == "2012-10-17", address
        assert document["Statement"], address


@pytest.mark.parametrize("stage", STAGES)
def test_no_allow_of_every_action(rendered, stage):  # noqa: F811
    for address, document in every_policy(rendered, stage):
        for statement in document["Statement"]:
            if statement["Effect"] == "Allow":
                assert "*" not in as_list(statement.get("Action", [])), address


@pytest.mark.parametrize("stage", STAGES)
def test_roles_get_no_service_wide_action(rendered, stage):  # noqa: F811
    """A key policy may hand kms:* to the account (IAM decides); a role's policy may not."""
    for policy in rendered.resources(stage):
        if policy["type"] == "aws_iam_role_policy":
            for statement in json.loads(policy["values"]["policy"])["Statement"]:
                actions = as_list(statement.get("Action", []))
                assert not any(a.endswith(":*") for a in actions), policy["address"]


@pytest.mark.parametrize("stage", STAGES)
def test_anyone_is_a_principal_only_to_be_denied(rendered, stage):  # noqa: F811
    for address, document in every_policy(rendered, stage):
        for statement in document["Statement"]:
            if statement.get("Principal") in ("*", {"AWS": "*"}):
                assert statement["Effect"] == "Deny", address


@pytest.mark.parametrize("stage", STAGES)
def test_lambda_role_resources_are_named(rendered, stage):  # noqa: F811
    for sid, statement in lambda_policy(rendered, stage).items():
        resources = as_list(statement["Resource"])
        if sid not in RESOURCELESS:
            assert "*" not in resources, sid
            assert all(r.startswith("arn:aws:") for r in resources), (sid, resources)


@pytest.mark.parametrize("stage", STAGES)
def test_lambda_role_reaches_this_stages_table(rendered, stage):  # noqa: F811
    table = arn_of(rendered, stage, "aws_dynamodb_table.")
    assert f"kefir-{stage}" in table
    assert sorted(as_list(lambda_policy(rendered, stage)["Table"]["Resource"])) == [
        table,
        f"{table}/index/*",
    ]


@pytest.mark.parametrize("stage", STAGES)
def test_lambda_role_reads_exactly_this_stages_secrets(rendered, stage):  # noqa: F811
    secrets = {r["values"]["arn"] for r in rendered.resources(stage, "aws_secretsmanager_secret.")}
    assert len(secrets) == 2
    statement = lambda_policy(rendered, stage)["Secrets"]
    assert set(as_list(statement["Resource"])) == secrets
    assert statement["Action"] == "secretsmanager:GetSecretValue"


@pytest.mark.parametrize("stage", STAGES)
def test_lambda_role_reaches_this_stages_user_pool_and_photos(rendered, stage):  # noqa: F811
    policy = lambda_policy(rendered, stage)
    assert policy["UserPool"]["Resource"] == arn_of(rendered, stage, "aws_cognito_user_pool.")
    photos = rendered.state(stage)["values"]["outputs"]["photo_bucket_name"]["value"]
    assert policy["PhotoObjects"]["Resource"] == f"arn:aws:s3:::{photos}/*"
    assert policy["PhotoListing"]["Resource"] == f"arn:aws:s3:::{photos}"


@pytest.mark.parametrize("stage", STAGES)
def test_lambda_role_uses_this_stages_key(rendered, stage):  # noqa: F811
    key = arn_of(rendered, stage, "module.kms.aws_kms_key.")
    assert lambda_policy(rendered, stage)["KeyThroughItsServices"]["Resource"] == key


@pytest.mark.parametrize("stage", STAGES)
def test_lambda_role_trusts_only_the_calling_services(rendered, stage):  # noqa: F811
    (role,) = rendered.resources(stage, "module.iam.aws_iam_role.this")
    trust = json.loads(role["values"]["assume_role_policy"])["Statement"]
    services = {s for statement in trust for s in as_list(statement["Principal"]["Service"])}
    assert services == {"lambda.amazonaws.com", "apigateway.amazonaws.com", "events.amazonaws.com"}
    assert role["values"]["name"] == f"kefir-{stage}-lambda"


@pytest.mark.parametrize("stage", STAGES)
def test_outputs_name_the_resources_they_describe(rendered, stage):  # noqa: F811
    outputs = {
        name: spec["value"] for name, spec in rendered.state(stage)["values"]["outputs"].items()
    }
    (table,) = rendered.resources(stage, "aws_dynamodb_table.")
    assert outputs["table_name"] == table["values"]["name"]
    buckets = {
        r["values"]["bucket"] for r in rendered.resources(stage) if r["type"] == "aws_s3_bucket"
    }
    assert {outputs["photo_bucket_name"], outputs["zappa_bucket_name"]} <= buckets
    (role,) = rendered.resources(stage, "module.iam.aws_iam_role.this")
    assert outputs["lambda_role_name"] == role["values"]["name"]


def test_every_resource_is_tagged_with_its_stage(rendered):  # noqa: F811
    for stage in STAGES:
        for resource in rendered.resources(stage):
            tags = resource["values"].get("tags_all")
            if resource["mode"] == "managed" and tags is not None:
                assert tags.get("stage") == stage, resource["address"]
                assert {"project", "owner"} <= set(tags), resource["address"]
