"""Data sources and ephemeral resources: the answers the configuration depends on.

aws_caller_identity, aws_region and aws_partition answer as a real account in
us-east-1 would; aws_iam_policy_document renders its JSON; any other data
source fills its computed attributes with deterministic fakes. An ephemeral
random_password is a deterministic string of the asked length.
"""

import hashlib

from . import policy_document
from .cty import is_known
from .planning import ACCOUNT_ID, fake

PARTITION = {
    "partition": "aws",
    "dns_suffix": "amazonaws.com",
    "reverse_dns_prefix": "com.amazonaws",
    "id": "aws",
}


def known_answers(tf_type: str, config: dict, region: str) -> dict:
    """Computed attributes of the data sources whose values the configuration reads."""
    if tf_type == "aws_caller_identity":
        return {
            "account_id": ACCOUNT_ID,
            "arn": f"arn:aws:iam::{ACCOUNT_ID}:user/standin",
            "user_id": "AIDASTANDIN000000000",
            "id": ACCOUNT_ID,
        }
    if tf_type == "aws_region":
        chosen = config.get("region") or config.get("name") or region
        return {
            "name": chosen,
            "region": chosen,
            "id": chosen,
            "endpoint": f"ec2.{chosen}.amazonaws.com",
            "description": chosen,
        }
    if tf_type == "aws_partition":
        return PARTITION
    if tf_type == "aws_iam_policy_document":
        return {**policy_document.render(config), "id": _digest(config)}
    return {}


def read_data_source(tf_type: str, block: dict, config: dict, region: str) -> dict:
    """The data source's state: the configuration, with every computed attribute filled."""
    state = dict(config)
    answers = known_answers(tf_type, config, region)
    seed = _digest(config)
    for name, spec in block.get("attributes", {}).items():
        if spec.get("computed") and state.get(name) is None:
            if name in answers:
                state[name] = answers[name]
            elif name == "region":
                state[name] = region
            else:
                state[name] = fake(tf_type, name, spec["type"], seed, config)
    return state


def open_ephemeral(tf_type: str, config: dict) -> dict:
    """An ephemeral resource's result: for random_password, a password of the configured length."""
    if tf_type != "random_password":
        raise ValueError(f"the stand-in has no behaviour for ephemeral {tf_type}")
    length = int(config["length"])
    stream = hashlib.sha256(repr(sorted(config.items())).encode()).hexdigest()
    while len(stream) < length:
        stream += hashlib.sha256(stream.encode()).hexdigest()
    result = stream[:length]
    return {**config, "result": result, "bcrypt_hash": "$2a$10$" + stream[: 53 - 7]}


def _digest(value) -> str:
    return hashlib.sha256(repr(value).encode()).hexdigest()[:12] if is_known(value) else "unknown"
