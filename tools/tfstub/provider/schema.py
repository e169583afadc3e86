"""schema.json, per provider, as Python data and as tfplugin6.Schema messages."""

import json
import os
from functools import lru_cache
from pathlib import Path

from . import cty
from .protocol import message

SCHEMA_FILE = Path(__file__).resolve().parents[1] / "schema.json"
ADDRESSES = {
    "aws": "registry.terraform.io/hashicorp/aws",
    "random": "registry.terraform.io/hashicorp/random",
}
SECTIONS = {
    "resource": "resource_schemas",
    "data": "data_source_schemas",
    "ephemeral": "ephemeral_resource_schemas",
}
NESTING = {"single": 1, "list": 2, "set": 3, "map": 4, "group": 5}


@lru_cache
def document() -> dict:
    return json.loads(SCHEMA_FILE.read_text())


class ProviderSchema:
    """One provider's part of schema.json."""

    def __init__(self, provider: str):
        self.name = provider
        self.address = ADDRESSES[provider]
        self.raw = document()["provider_schemas"][self.address]
        self.version = document()["standin"]["versions"][self.address]

    def types(self, kind: str) -> list[str]:
        return sorted(self.raw.get(SECTIONS[kind], {}))

    def block(self, kind: str, tf_type: str) -> dict:
        return self.raw[SECTIONS[kind]][tf_type]["block"]

    def computed_blocks(self, tf_type: str) -> list[str]:
        return document()["standin"]["computed_blocks"].get(tf_type, [])

    def cty_type(self, kind: str, tf_type: str):
        return cty.block_type(self.block(kind, tf_type))

    def provider_type(self):
        return cty.block_type(self.raw["provider"]["block"])

    def response(self):
        """The GetProviderSchema answer, built once a run: Terraform asks each provider start."""
        cache = os.environ.get("TFSTUB_CACHE")
        cached = Path(cache) / f"{self.name}.schema.binpb" if cache else None
        if cached and cached.exists():
            return message("GetProviderSchema.Response").FromString(cached.read_bytes())
        answer = self._build_response()
        if cached:
            partial = cached.with_suffix(f".{os.getpid()}")
            partial.write_bytes(answer.SerializeToString())
            partial.replace(cached)
        return answer

    def _build_response(self):
        answer = message("GetProviderSchema.Response")()
        answer.provider.CopyFrom(_schema(self.raw["provider"]))
        for kind, field in (
            ("resource", answer.resource_schemas),
            ("data", answer.data_source_schemas),
            ("ephemeral", answer.ephemeral_resource_schemas),
        ):
            for tf_type in self.types(kind):
                field[tf_type].CopyFrom(_schema(self.raw[SECTIONS[kind]][tf_type]))
        answer.server_capabilities.plan_destroy = True
        return answer


def _schema(entry: dict):
    return message("Schema")(version=entry.get("version", 0), block=_block(entry["block"]))


def _block(block: dict):
    converted = message("Schema.Block")()
    for name, spec in block.get("attributes", {}).items():
        converted.attributes.add(
            name=name,
            type=json.dumps(spec["type"]).encode(),
            required=spec.get("required", False),
            optional=spec.get("optional", False),
            computed=spec.get("computed", False),
            sensitive=spec.get("sensitive", False),
            write_only=spec.get("write_only", False),
        )
    for name, nested in block.get("block_types", {}).items():
        converted.block_types.add(
            type_name=name,
            block=_block(nested["block"]),
            nesting=NESTING[nested["nesting_mode"]],
            min_items=nested.get("min_items", 0),
            max_items=nested.get("max_items", 0),
        )
    return converted
