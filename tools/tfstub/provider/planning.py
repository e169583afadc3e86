"""What a provider does with a plan and an apply, generically, from the schema alone.

Plan: a computed attribute that the configuration leaves null becomes unknown
when the object is created (or replaced), and keeps its prior value otherwise;
`tags_all` is the provider's default tags merged with `tags`; a change to a
ForceNew argument replaces the object. Apply: every unknown gets a
deterministic fake. Write-only arguments are never planned nor stored.
"""

import hashlib
import json

from .. import overrides
from .cty import UNKNOWN, is_known

ACCOUNT_ID = "123456789012"
REGION = "us-east-1"


def plan(
    tf_type: str,
    block: dict,
    prior,
    proposed,
    default_tags: dict,
    region: str,
    computed_blocks=(),
    config: dict | None = None,
):
    """The planned state, the attribute names that force a replacement, and whether
    the plan used the SDK's legacy leeway (an unknown block).

    *proposed* is Terraform's merge of the configuration (*config*) and the prior
    state: computed attributes the configuration leaves out carry prior values."""
    if proposed is None:
        return None, [], False
    replace = []
    if prior is not None:
        replace = [
            name
            for name in overrides.FORCE_NEW.get(tf_type, [])
            if name in proposed and proposed[name] != prior[name]
        ]
    creating = prior is None or bool(replace)
    if replace:
        # The replacement is a new object: what AWS computed for the old one is gone.
        proposed = {
            name: None if spec.get("computed") and (config or {}).get(name) is None else value
            for name, value in proposed.items()
            for spec in [block["attributes"].get(name, {})]
        }
    # The provider plans `region` from its own configuration, known at plan time.
    defaults = {"region": region, **overrides.DEFAULTS.get(tf_type, {})}
    planned = _plan_block(block, proposed, creating, defaults)
    if "tags_all" in block.get("attributes", {}):
        planned["tags_all"] = _tags_all(default_tags, planned.get("tags"))
    extra = custom_plan(tf_type, planned)
    if extra:
        planned.update(extra)
    # An Optional+Computed block left out of the configuration is unknown until
    # apply; only the SDK's legacy type system lets a provider plan that.
    # Left out later, it keeps the value the provider gave it.
    legacy = False
    for name in computed_blocks:
        if not planned.get(name):
            planned[name] = UNKNOWN if creating else prior.get(name)
            legacy = legacy or bool(planned[name])
    return planned, replace, legacy


def _plan_block(block: dict, proposed: dict, creating: bool, defaults: dict) -> dict:
    planned = dict(proposed)
    for name, spec in block.get("attributes", {}).items():
        if spec.get("write_only"):
            planned[name] = None
        elif spec.get("computed") and planned.get(name) is None:
            if name in defaults:
                planned[name] = defaults[name]
            elif creating:
                planned[name] = UNKNOWN
    for name, nested in block.get("block_types", {}).items():
        value = planned.get(name)
        if value is None or value is UNKNOWN:
            continue
        if nested["nesting_mode"] in ("single", "group"):
            planned[name] = _plan_block(nested["block"], value, creating, {})
        elif nested["nesting_mode"] == "map":
            planned[name] = {
                k: _plan_nested(nested["block"], v, creating) for k, v in value.items()
            }
        else:
            planned[name] = [_plan_nested(nested["block"], item, creating) for item in value]
    return planned


def _plan_nested(block: dict, value, creating: bool):
    return value if value is UNKNOWN else _plan_block(block, value, creating, {})


def _tags_all(default_tags: dict, tags):
    if tags is UNKNOWN or not is_known(default_tags):
        return UNKNOWN
    merged = {**default_tags, **(tags or {})}
    return UNKNOWN if not is_known(merged) else merged


def custom_plan(tf_type: str, planned: dict) -> dict | None:
    """Attributes a resource's own plan logic (CustomizeDiff) fills before apply."""
    if tf_type == "aws_acm_certificate" and planned.get("domain_validation_options") is UNKNOWN:
        alternatives = planned.get("subject_alternative_names")
        names = [planned.get("domain_name")] + (
            [] if alternatives is UNKNOWN else list(alternatives or [])
        )
        if all(isinstance(name, str) for name in names):
            # The provider knows each validation record's domain at plan time,
            # which is what lets for_each iterate over them.
            return {
                "domain_validation_options": [
                    {
                        "domain_name": name,
                        "resource_record_name": UNKNOWN,
                        "resource_record_type": UNKNOWN,
                        "resource_record_value": UNKNOWN,
                    }
                    for name in dict.fromkeys(names)
                ]
            }
    return None


def apply(tf_type: str, planned, kind) -> object:
    """The new state: the planned one with every unknown replaced by a deterministic fake."""
    if planned is None:
        return None
    seed = hashlib.sha256(
        json.dumps([tf_type, _known_part(planned)], sort_keys=True, default=str).encode()
    )
    seed = seed.hexdigest()[:12]
    if tf_type == "aws_sesv2_email_identity" and planned.get("dkim_signing_attributes") is UNKNOWN:
        # Easy DKIM: SES answers three tokens, each published as a CNAME.
        planned = {
            **planned,
            "dkim_signing_attributes": [{"tokens": [f"{seed}{i}" for i in range(3)]}],
        }
    return _fill(planned, kind, tf_type, seed, planned, "")


def _known_part(value):
    if value is UNKNOWN:
        return "?"
    if isinstance(value, dict):
        return {k: _known_part(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_known_part(v) for v in value]
    return value


def _fill(value, kind, tf_type: str, seed: str, parent, name: str):
    if value is UNKNOWN:
        return fake(tf_type, name, kind, seed, parent)
    if value is None or isinstance(kind, str):
        return value
    collection, element = kind
    if collection == "object":
        return {
            key: _fill(value.get(key), sub, tf_type, seed, value, key)
            for key, sub in element.items()
        }
    if collection == "map":
        return {
            key: _fill(item, element, tf_type, seed, value, name) for key, item in value.items()
        }
    return [
        _fill(item, element, tf_type, f"{seed}{index}", value, name)
        for index, item in enumerate(value)
    ]


def fake(tf_type: str, name: str, kind, seed: str, parent: dict):
    """A stand-in for a value only AWS would know: shaped like the real one, stable across runs."""
    if kind == "number":
        return 0
    if kind == "bool":
        return False
    if kind != "string":
        collection, element = kind
        if collection == "object":
            return {key: fake(tf_type, key, sub, seed, {}) for key, sub in element.items()}
        return {} if collection == "map" else []
    label = _label(parent) or f"{tf_type[4:].replace('_', '-')}-{seed}"
    service = tf_type.split("_")[1]
    if name == "arn":
        shape = overrides.ARN_FORMATS.get(
            tf_type, "arn:aws:{service}:{region}:{account}:{kind}/{label}"
        )
        resource = tf_type[4 + len(service) + 1 :] or service
        return shape.format(
            service=service,
            region=REGION,
            account=ACCOUNT_ID,
            kind=resource,
            label=label,
            seed=seed,
        )
    if name == "id":
        return label
    if name.endswith(("_prefix", "policy")):
        # Unset prefixes read back empty, and so do policies no one attached.
        return ""
    if tf_type == "aws_acm_certificate" and name.startswith("resource_record_"):
        return {
            "resource_record_name": f"_{seed}.{parent.get('domain_name')}.",
            "resource_record_type": "CNAME",
            "resource_record_value": f"_{seed}.acm-validations.aws.",
        }[name]
    return f"{name}-{seed}"


def _label(parent: dict) -> str | None:
    for key in ("name", "bucket", "domain_name", "email_identity", "function_name", "role"):
        value = parent.get(key) if isinstance(parent, dict) else None
        if isinstance(value, str):
            return value
    return None
