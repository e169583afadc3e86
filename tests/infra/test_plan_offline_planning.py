"""The stand-in's plan and apply rules, on the committed schema, without Terraform."""

import json
from pathlib import Path

from tools.tfstub.provider import cty, planning

SCHEMA = json.loads((Path(planning.__file__).parents[1] / "schema.json").read_text())
AWS = SCHEMA["provider_schemas"]["registry.terraform.io/hashicorp/aws"]["resource_schemas"]
BUCKET = AWS["aws_s3_bucket"]["block"]
BUCKET_TYPE = cty.block_type(BUCKET)
DEFAULT_TAGS = {"project": "bubblebatch", "stage": "dev"}


def config(**values) -> dict:
    return cty.conform(values, BUCKET_TYPE)


def plan(prior, proposed, configured=None):
    planned, replace, _ = planning.plan(
        "aws_s3_bucket", BUCKET, prior, proposed, DEFAULT_TAGS, "us-east-1", config=configured
    )
    return planned, replace


def test_a_new_bucket_knows_what_it_was_given_and_nothing_it_computes():
    planned, replace = plan(None, config(bucket_prefix="photos-", tags={"owner": "ops"}))
    assert replace == []
    assert planned["bucket_prefix"] == "photos-"
    assert planned["bucket"] is cty.UNKNOWN, "optional+computed: only AWS picks the name"
    assert planned["arn"] is cty.UNKNOWN
    assert planned["region"] == "us-east-1"
    assert planned["force_destroy"] is False
    assert planned["tags_all"] == {**DEFAULT_TAGS, "owner": "ops"}


def test_apply_fills_every_unknown_alike_each_time():
    planned, _ = plan(None, config(bucket="kefir-dev-photos"))
    first = planning.apply("aws_s3_bucket", planned, BUCKET_TYPE)
    assert first == planning.apply("aws_s3_bucket", planned, BUCKET_TYPE)
    assert cty.is_known(first)
    assert first["arn"] == "arn:aws:s3:::kefir-dev-photos"
    assert first["id"] == "kefir-dev-photos"


def test_an_unchanged_bucket_plans_its_prior_state():
    planned, _ = plan(None, config(bucket="kefir-dev-photos"))
    applied = planning.apply("aws_s3_bucket", planned, BUCKET_TYPE)
    again, replace = plan(applied, applied)
    assert (again, replace) == (applied, [])


def test_renaming_a_bucket_replaces_it():
    planned, _ = plan(None, config(bucket="kefir-dev-photos"))
    applied = planning.apply("aws_s3_bucket", planned, BUCKET_TYPE)
    configured = config(bucket="kefir-dev-pictures")
    renamed, replace = plan(applied, {**applied, "bucket": "kefir-dev-pictures"}, configured)
    assert replace == ["bucket"]
    assert renamed["bucket"] == "kefir-dev-pictures"
    assert renamed["arn"] is cty.UNKNOWN
    assert renamed["force_destroy"] is False


def test_write_only_arguments_are_never_planned():
    block = AWS["aws_secretsmanager_secret_version"]["block"]
    assert block["attributes"]["secret_string_wo"]["write_only"] is True
    proposed = cty.conform(
        {"secret_id": "arn", "secret_string_wo": "hunter2", "secret_string_wo_version": 1},
        cty.block_type(block),
    )
    planned, _, _ = planning.plan(
        "aws_secretsmanager_secret_version", block, None, proposed, {}, "us-east-1"
    )
    assert planned["secret_string_wo"] is None
    assert planned["secret_string_wo_version"] == 1


def test_values_round_trip_through_msgpack_unknowns_included():
    planned, _ = plan(None, config(bucket_prefix="photos-"))
    assert cty.decode(cty.encode(planned, BUCKET_TYPE), BUCKET_TYPE) == planned
