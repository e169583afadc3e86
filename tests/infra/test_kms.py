"""The stage's key: who may use it, and for what (AWS's CloudTrail key-policy guide)."""

from .hcl import module, resource

kms = module("kms")
(trail,) = [d["statement"] for d in kms["data"]["aws_iam_policy_document"]["this"]["dynamic"]]
TRAIL_STATEMENTS = kms["locals"]["trail_statements"]


def test_key_rotates():
    assert resource("kms", "aws_kms_key")["enable_key_rotation"] is True


def test_trail_statements_exist_only_with_a_trail():
    assert trail["for_each"] == '${var.trail_name == "" ? {} : local.trail_statements}'


def test_cloudtrail_may_encrypt_describe_and_use_the_bucket_key():
    actions = {sid: s["actions"] for sid, s in TRAIL_STATEMENTS.items()}
    assert sorted(a for group in actions.values() for a in group) == [
        "kms:Decrypt",  # the trail bucket's S3 Bucket Key
        "kms:DescribeKey",
        "kms:GenerateDataKey*",
    ]
    assert all(len(group) == 1 for group in actions.values()), "one purpose a statement"


def test_only_encryption_is_conditioned_on_cloudtrails_encryption_context():
    """DescribeKey (and Decrypt through the bucket key) carry no such context."""
    context = {s["actions"][0]: s["encryption_context"] for s in TRAIL_STATEMENTS.values()}
    assert context == {
        "kms:GenerateDataKey*": True,
        "kms:DescribeKey": False,
        "kms:Decrypt": False,
    }
    (content,) = trail["content"]
    (conditional,) = [d["condition"] for d in content["dynamic"]]
    assert conditional["for_each"] == (
        "${statement.value.encryption_context ? [local.account_id] : []}"
    )
    assert conditional["content"][0]["variable"] == "kms:EncryptionContext:aws:cloudtrail:arn"


def test_every_trail_statement_is_bound_to_our_trail():
    (content,) = trail["content"]
    assert content["principals"] == [
        {"type": "Service", "identifiers": ["cloudtrail.amazonaws.com"]}
    ]
    assert content["condition"] == [
        {"test": "StringEquals", "variable": "aws:SourceArn", "values": ["${local.trail_arn}"]}
    ]
    assert kms["locals"]["trail_arn"] == (
        "arn:aws:cloudtrail:${local.region}:${local.account_id}:trail/${var.trail_name}"
    )
