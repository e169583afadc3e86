"""The stand-in's aws_iam_policy_document renders the provider's shapes."""

import json

from tools.tfstub.provider.policy_document import render


def statement(**fields) -> dict:
    block = {
        "sid": None,
        "effect": None,
        "actions": None,
        "not_actions": None,
        "resources": None,
        "not_resources": None,
        "principals": None,
        "not_principals": None,
        "condition": None,
    }
    return {**block, **fields}


def rendered(**config) -> dict:
    return json.loads(render(config)["json"])


def test_one_value_is_a_string_and_several_a_list_in_reverse_order():
    document = rendered(
        statement=[
            statement(actions=["s3:GetObject"], resources=["arn:aws:s3:::a/*", "arn:aws:s3:::b/*"])
        ]
    )
    assert document == {
        "Version": "2012-10-17",
        "Statement": [
            {
                "Effect": "Allow",
                "Action": "s3:GetObject",
                "Resource": ["arn:aws:s3:::b/*", "arn:aws:s3:::a/*"],
            }
        ],
    }


def test_principals_group_by_type_and_conditions_by_test():
    (only,) = rendered(
        statement=[
            statement(
                sid="Trust",
                actions=["sts:AssumeRole"],
                principals=[
                    {"type": "Service", "identifiers": ["lambda.amazonaws.com"]},
                    {"type": "Service", "identifiers": ["events.amazonaws.com"]},
                ],
                condition=[
                    {"test": "StringEquals", "variable": "aws:SourceAccount", "values": ["123"]}
                ],
            )
        ]
    )["Statement"]
    assert only["Sid"] == "Trust"
    assert only["Principal"] == {"Service": ["lambda.amazonaws.com", "events.amazonaws.com"]}
    assert only["Condition"] == {"StringEquals": {"aws:SourceAccount": "123"}}


def test_anyone_is_a_bare_star():
    (only,) = rendered(
        statement=[
            statement(
                effect="Deny",
                actions=["s3:*"],
                principals=[{"type": "*", "identifiers": ["*"]}],
            )
        ]
    )["Statement"]
    assert only["Principal"] == "*"


def test_sources_come_first_and_overrides_replace_by_sid():
    source = json.dumps({"Statement": [{"Sid": "A", "Effect": "Allow", "Action": "a:One"}]})
    override = json.dumps({"Statement": [{"Sid": "B", "Effect": "Deny", "Action": "b:Two"}]})
    document = rendered(
        source_policy_documents=[source],
        override_policy_documents=[override],
        statement=[statement(sid="B", actions=["b:One"]), statement(sid="C", actions=["c:One"])],
    )
    assert [(s["Sid"], s["Effect"]) for s in document["Statement"]] == [
        ("A", "Allow"),
        ("B", "Deny"),
        ("C", "Allow"),
    ]


def test_minified_json_is_the_same_document():
    config = {"statement": [statement(actions=["s3:GetObject"], resources=["*"])]}
    both = render(config)
    assert json.loads(both["minified_json"]) == json.loads(both["json"])
    assert "\n" not in both["minified_json"]
