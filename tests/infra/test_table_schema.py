"""The table local mode and the tests create is the one Terraform creates."""

import importlib.util

import pytest

from .hcl import resource

table = resource("data", "aws_dynamodb_table")


@pytest.fixture(scope="module")
def schema():
    if importlib.util.find_spec("kefir") is None:
        pytest.skip("the kefir package is not importable here")
    return importlib.import_module("kefir.store.schema")


def key_schema(hash_key: str, range_key: str) -> list[dict]:
    return [
        {"AttributeName": hash_key, "KeyType": "HASH"},
        {"AttributeName": range_key, "KeyType": "RANGE"},
    ]


def test_keys(schema):
    definition = schema.TABLE_DEFINITION
    assert definition["KeySchema"] == key_schema(table["hash_key"], table["range_key"])
    assert {
        (a["AttributeName"], a["AttributeType"]) for a in definition["AttributeDefinitions"]
    } == {(a["name"], a["type"]) for a in table["attribute"]}


def test_index(schema):
    (terraform_index,) = table["global_secondary_index"]
    (index,) = schema.TABLE_DEFINITION["GlobalSecondaryIndexes"]
    assert index["IndexName"] == terraform_index["name"]
    assert index["KeySchema"] == key_schema(
        terraform_index["hash_key"], terraform_index["range_key"]
    )
    assert index["Projection"]["ProjectionType"] == terraform_index["projection_type"]


def test_billing(schema):
    assert schema.TABLE_DEFINITION["BillingMode"] == table["billing_mode"]


def test_ttl_attribute(schema):
    ttl = [
        value
        for name, value in vars(schema).items()
        if "TTL" in name.upper() and isinstance(value, str)
    ]
    if not ttl:
        pytest.skip("kefir.store.schema names no TTL attribute constant")
    assert table["ttl"][0]["attribute_name"] in ttl
