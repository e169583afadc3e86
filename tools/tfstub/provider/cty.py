"""Terraform values on the wire: cty types from a JSON schema, and their msgpack form.

A value is plain Python (None, str, int/float, bool, list, dict) or UNKNOWN,
a value Terraform will only know after apply. Objects always carry every
attribute of their type, as Terraform expects.
"""

import json

import msgpack

_UNKNOWN_CODES = (0, 12)  # plain unknown, and unknown with refinements


class _Unknown:
    def __repr__(self) -> str:
        return "UNKNOWN"


UNKNOWN = _Unknown()


def block_type(block: dict):
    """The cty type of a schema block (the JSON form of `providers schema -json`)."""
    attributes = {name: spec["type"] for name, spec in block.get("attributes", {}).items()}
    for name, nested in block.get("block_types", {}).items():
        element = block_type(nested["block"])
        mode = nested["nesting_mode"]
        attributes[name] = element if mode in ("single", "group") else [mode, element]
    return ["object", attributes]


def decode(raw: bytes, kind):
    """A DynamicValue's msgpack bytes as a Python value of *kind*."""
    if not raw:
        return None
    value = msgpack.unpackb(
        raw, raw=False, ext_hook=lambda code, data: UNKNOWN, strict_map_key=False
    )
    return _from_wire(value, kind)


def decode_json(text: bytes, kind):
    """A state stored as JSON (UpgradeResourceState's raw_state) as a Python value of *kind*."""
    return conform(json.loads(text), kind)


def encode(value, kind) -> bytes:
    """*value*, conformed to *kind*, as a DynamicValue's msgpack bytes."""
    return msgpack.packb(_to_wire(conform(value, kind), kind), use_bin_type=True)


def conform(value, kind):
    """*value* shaped exactly as *kind*: objects with every attribute, numbers as numbers."""
    if value is None or value is UNKNOWN:
        return value
    if kind == "number":
        return int(value) if float(value).is_integer() else float(value)
    if kind in ("string", "bool", "dynamic"):
        return value
    collection, element = kind
    if collection == "object":
        return {name: conform(value.get(name), sub) for name, sub in element.items()}
    if collection == "map":
        return {key: conform(item, element) for key, item in value.items()}
    if collection == "tuple":
        return [conform(item, sub) for item, sub in zip(value, element)]
    return [conform(item, element) for item in value]


def _from_wire(value, kind):
    if value is None or value is UNKNOWN:
        return value
    if kind == "dynamic":
        type_json, inner = value
        return _from_wire(inner, json.loads(type_json))
    if kind in ("string", "number", "bool"):
        return value
    collection, element = kind
    if collection == "object":
        return {name: _from_wire(value.get(name), sub) for name, sub in element.items()}
    if collection == "map":
        return {key: _from_wire(item, element) for key, item in value.items()}
    if collection == "tuple":
        return [_from_wire(item, sub) for item, sub in zip(value, element)]
    return [_from_wire(item, element) for item in value]


def _to_wire(value, kind):
    if value is UNKNOWN:
        return msgpack.ExtType(0, b"")
    if value is None:
        return None
    if kind == "dynamic":
        return [json.dumps(infer_type(value)).encode(), _to_wire(value, infer_type(value))]
    if kind in ("string", "number", "bool"):
        return value
    collection, element = kind
    if collection == "object":
        return {name: _to_wire(value[name], sub) for name, sub in element.items()}
    if collection == "map":
        return {key: _to_wire(item, element) for key, item in value.items()}
    if collection == "tuple":
        return [_to_wire(item, sub) for item, sub in zip(value, element)]
    return [_to_wire(item, element) for item in value]


def infer_type(value):
    """The cty type of a known value whose schema type is dynamic."""
    if isinstance(value, bool):
        return "bool"
    if isinstance(value, (int, float)):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, list):
        return ["tuple", [infer_type(item) for item in value]]
    if isinstance(value, dict):
        return ["object", {key: infer_type(item) for key, item in value.items()}]
    return "dynamic"


def is_known(value) -> bool:
    """Whether *value* holds no UNKNOWN anywhere inside it."""
    if value is UNKNOWN:
        return False
    if isinstance(value, dict):
        return all(is_known(item) for item in value.values())
    if isinstance(value, list):
        return all(is_known(item) for item in value)
    return True
