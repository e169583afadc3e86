"""Rules over every rendered policy and output, read from what Terraform rendered.

Each stage is planned and applied against the stand-in (tests/infra/offline_plan.py).
Its state holds every policy as the JSON AWS would receive, with each module's
outputs resolved to the ARN of the resource they name (fake, but distinct and
shaped as AWS shapes them). The Lambda role's own rules are in test_iam.py.
"""

import json

import pytest

from .offline_plan import STAGES, as_list

POLICY_ATTRIBUTES = ("policy", "assume_role_policy")


def every_policy(rendered, stage: str):
    for resource in rendered.resources(stage):
        for attribute in POLICY_ATTRIBUTES:
            text = resource["values"].get(attribute)
            if text:
                yield resource["address"], json.loads(text)


@pytest.mark.parametrize("stage", STAGES)
def test_every_rendered_policy_is_a_2012_10_17_document(rendered, stage):
    policies = dict(every_policy(rendered, stage))
    assert any("module.iam" in address for address in policies), sorted(policies)
    for address, document in policies.items():
        assert document["Version"] == "2012-10-17", address
        assert document["Statement"], address


@pytest.mark.parametrize("stage", STAGES)
def test_no_allow_of_every_action(rendered, stage):
    for address, document in every_policy(rendered, stage):
        for statement in document["Statement"]:
            if statement["Effect"] == "Allow":
                assert "*" not in as_list(statement.get("Action", [])), address


@pytest.mark.parametrize("stage", STAGES)
def test_roles_get_no_service_wide_action(rendered, stage):
    """A key policy may hand kms:* to the account (IAM decides); a role's policy may not."""
    for policy in rendered.resources(stage):
        if policy["type"] == "aws_iam_role_policy":
            for statement in json.loads(policy["values"]["policy"])["Statement"]:
                actions = as_list(statement.get("Action", []))
                assert not any(a.endswith(":*") for a in actions), policy["address"]


@pytest.mark.parametrize("stage", STAGES)
def test_anyone_is_a_principal_only_to_be_denied(rendered, stage):
    for address, document in every_policy(rendered, stage):
        for statement in document["Statement"]:
            if statement.get("Principal") in ("*", {"AWS": "*"}):
                assert statement["Effect"] == "Deny", address


@pytest.mark.parametrize("stage", STAGES)
def test_outputs_name_the_resources_they_describe(rendered, stage):
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


def test_every_resource_is_tagged_with_its_stage(rendered):
    for stage in STAGES:
        for resource in rendered.resources(stage):
            tags = resource["values"].get("tags_all")
            if resource["mode"] == "managed" and tags is not None:
                assert tags.get("stage") == stage, resource["address"]
                assert {"project", "owner"} <= set(tags), resource["address"]
