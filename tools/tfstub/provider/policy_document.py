"""aws_iam_policy_document, rendered as the AWS provider renders it.

The IAM rules in tests/infra read these documents out of the plan, so the
shapes matter: a one-element set becomes a string, a longer one a list in
reverse lexical order (the provider sorts that way), principals group by type,
and statements from source_policy_documents come first, replaced by a
configured statement with the same Sid; override_policy_documents replace by Sid
or append last.
"""

import json

STATEMENT_KEYS = (
    "Sid",
    "Effect",
    "Action",
    "NotAction",
    "Resource",
    "NotResource",
    "Principal",
    "NotPrincipal",
    "Condition",
)


def render(config: dict) -> dict:
    """The data source's computed attributes: json and minified_json."""
    statements = [_statement(s) for s in config.get("statement") or []]
    for source in config.get("source_policy_documents") or []:
        statements = _merge(_statements_of(source), statements)
    for override in config.get("override_policy_documents") or []:
        statements = _merge(statements, _statements_of(override))
    document = {"Version": config.get("version") or "2012-10-17"}
    if config.get("policy_id"):
        document["Id"] = config["policy_id"]
    document["Statement"] = statements
    return {
        "json": json.dumps(document, indent=2),
        "minified_json": json.dumps(document, separators=(",", ":")),
    }


def _statements_of(text: str) -> list:
    statements = json.loads(text).get("Statement", [])
    return statements if isinstance(statements, list) else [statements]


def _merge(base: list, replacing: list) -> list:
    """*base* with each statement of *replacing* in place of the one with its Sid, or appended."""
    merged = list(base)
    for statement in replacing:
        sid = statement.get("Sid")
        position = next((i for i, s in enumerate(merged) if sid and s.get("Sid") == sid), None)
        if position is None:
            merged.append(statement)
        else:
            merged[position] = statement
    return merged


def _strings(values) -> str | list:
    ordered = sorted(set(values), reverse=True)
    return ordered[0] if len(ordered) == 1 else ordered


def _principals(blocks) -> dict | str:
    grouped: dict[str, list] = {}
    for block in blocks:
        grouped.setdefault(block["type"], []).extend(block["identifiers"])
    if list(grouped) == ["*"] and grouped["*"] == ["*"]:
        return "*"
    return {kind: _strings(identifiers) for kind, identifiers in grouped.items()}


def _statement(block: dict) -> dict:
    rendered = {"Sid": block.get("sid") or None, "Effect": block.get("effect") or "Allow"}
    for key, name in (
        ("Action", "actions"),
        ("NotAction", "not_actions"),
        ("Resource", "resources"),
        ("NotResource", "not_resources"),
    ):
        if block.get(name):
            rendered[key] = _strings(block[name])
    for key, name in (("Principal", "principals"), ("NotPrincipal", "not_principals")):
        if block.get(name):
            rendered[key] = _principals(block[name])
    if block.get("condition"):
        conditions: dict = {}
        for condition in block["condition"]:
            conditions.setdefault(condition["test"], {})[condition["variable"]] = _strings(
                condition["values"]
            )
        rendered["Condition"] = conditions
    return {key: rendered[key] for key in STATEMENT_KEYS if rendered.get(key) is not None}
