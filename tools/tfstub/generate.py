"""Write tools/tfstub/schema.json: the provider schemas of the types terraform/ uses.

    python -m tools.tfstub.generate          # regenerate (make standin-schema)
    python -m tools.tfstub.generate --check  # exit 1 if the committed file is stale

The shape is `terraform providers schema -json`'s, built from the cdktf bindings
of hashicorp/aws and hashicorp/random (cdktf_schema.py), with pulumi-aws's
optional-and-computed attributes (pulumi_overlay.py) and the curated facts of
overrides.py. The wheels come from PyPI once and are kept in the stand-in's
virtualenv.
"""

import argparse
import io
import json
import re
import subprocess
import sys
import tarfile
import zipfile
from pathlib import Path

from . import overrides
from .cdktf_schema import Binding, type_name
from .pulumi_overlay import PulumiAws, PulumiBlocks

ROOT = Path(__file__).resolve().parents[2]
SCHEMA = Path(__file__).with_name("schema.json")
WHEELS = {
    "aws": "cdktf-cdktf-provider-aws==21.22.1",
    "random": "cdktf-cdktf-provider-random==12.0.1",
    "pulumi": "pulumi-aws==7.51.1",
}
_BLOCK_HEADER = re.compile(r'^(resource|data|ephemeral) "(\w+)"', re.M)


def used_types(terraform: Path = ROOT / "terraform") -> dict[str, set[str]]:
    """Every resource, data source and ephemeral type named in terraform/.

    terraform fmt (checked by tests/infra) puts every top-level block header at
    the start of a line, so the headers are all there is to read.
    """
    found: dict[str, set[str]] = {"resource": set(), "data": set(), "ephemeral": set()}
    for path in sorted(terraform.rglob("*.tf")):
        if ".terraform" not in path.parts:
            for kind, name in _BLOCK_HEADER.findall(path.read_text()):
                found[kind].add(name)
    return found


def wheel(requirement: str) -> Path:
    """The wheel for *requirement*, downloaded into the virtualenv the first time."""
    cache = Path(sys.prefix) / "wheels"
    name, version = requirement.split("==")
    pattern = f"{name.replace('-', '_')}-{version}-*.whl"
    hits = sorted(cache.glob(pattern))
    if not hits:
        subprocess.run(
            [
                sys.executable,
                "-m",
                "pip",
                "download",
                "--quiet",
                "--no-deps",
                "--dest",
                str(cache),
                requirement,
            ],
            check=True,
        )
        hits = sorted(cache.glob(pattern))
    return hits[0]


class CdktfPackage:
    """The compiled JS and .d.ts of every type in one cdktf provider wheel."""

    def __init__(self, path: Path):
        with zipfile.ZipFile(path) as wheel_zip:
            tgz = next(n for n in wheel_zip.namelist() if n.endswith(".jsii.tgz"))
            archive = tarfile.open(fileobj=io.BytesIO(wheel_zip.read(tgz)))
        self._sources: dict[str, dict[str, str]] = {}
        for member in archive.getmembers():
            parts = member.name.split("/")
            if len(parts) == 4 and parts[1] == "lib" and parts[3] in ("index.js", "index.d.ts"):
                text = archive.extractfile(member).read().decode()
                self._sources.setdefault(parts[2], {})[parts[3]] = text
        self._by_type = {}
        for folder, files in self._sources.items():
            declared = type_name(files.get("index.d.ts", ""))
            if declared:
                kind = "data" if folder.startswith("data-") else "resource"
                self._by_type[(kind, declared)] = folder
        self.version = re.search(
            r"providerVersion: '([\d.]+)'", self._sources["provider"]["index.js"]
        ).group(1)

    def schema(self, kind: str, tf_type: str) -> dict:
        folder = "provider" if kind == "provider" else self._by_type[(kind, tf_type)]
        files = self._sources[folder]
        return Binding(files["index.js"], files["index.d.ts"]).schema()


def _overlay(block: dict, computed: set[str], tf_type: str) -> None:
    defaults = overrides.DEFAULTS.get(tf_type, {})
    for name, spec in block["attributes"].items():
        if spec.get("optional") and (name in computed or name == "id" or name in defaults):
            spec["computed"] = True
        if name in overrides.SENSITIVE.get(tf_type, []):
            spec["sensitive"] = True
        settable = spec.get("optional") or spec.get("required")
        if settable and name.endswith(overrides.WRITE_ONLY_SUFFIX) and tf_type.startswith("aws_"):
            spec["write_only"] = True


def _deepen(block: dict, pulumi: PulumiAws, tf_type: str, path: list[str]) -> None:
    """Replace the `any` attributes cdktf left inside blocks by Pulumi's blocks of that name."""
    for name, nested in block.get("block_types", {}).items():
        inner = nested["block"]
        for attribute in [
            a for a, spec in inner["attributes"].items() if spec["type"] == "dynamic"
        ]:
            inner["attributes"].pop(attribute)
            replacement = {
                "nesting_mode": "list",
                "block": PulumiBlocks(pulumi, tf_type).block([*path, name, attribute]),
            }
            inner.setdefault("block_types", {})[attribute] = {**replacement, "max_items": 1}
            inner["block_types"] = dict(sorted(inner["block_types"].items()))
        _deepen(inner, pulumi, tf_type, [*path, name])


def _provider_block(package: CdktfPackage) -> dict:
    block = package.schema("provider", "")
    for name in overrides.PROVIDER_META_ARGUMENTS:
        block["attributes"].pop(name, None)
    return {"version": 0, "block": block}


def generate() -> dict:
    """The filtered schema document for the types terraform/ uses."""
    types = used_types()
    aws = CdktfPackage(wheel(WHEELS["aws"]))
    random = CdktfPackage(wheel(WHEELS["random"]))
    pulumi = PulumiAws(str(wheel(WHEELS["pulumi"])))
    providers = {
        overrides.AWS: {
            "provider": _provider_block(aws),
            "resource_schemas": {},
            "data_source_schemas": {},
        },
        overrides.RANDOM: {
            "provider": _provider_block(random),
            "resource_schemas": {},
            "data_source_schemas": {},
        },
    }
    computed_blocks: dict[str, list[str]] = {}
    sections = {"resource": "resource_schemas", "data": "data_source_schemas"}
    for kind, section in sections.items():
        for tf_type in sorted(types[kind]):
            package, provider = (
                (aws, overrides.AWS) if tf_type.startswith("aws_") else (random, overrides.RANDOM)
            )
            block = package.schema(kind, tf_type)
            computed = set()
            if package is aws:
                computed = pulumi.always_present(tf_type, kind)
                if kind == "resource":
                    _deepen(block, pulumi, tf_type, [])
                    single = [
                        n
                        for n, b in block.get("block_types", {}).items()
                        if b.get("max_items") == 1
                    ]
                    if set(single) & computed:
                        computed_blocks[tf_type] = sorted(set(single) & computed)
            _overlay(block, computed, tf_type)
            providers[provider][section][tf_type] = {"version": 0, "block": block}
    for tf_type in sorted(types["ephemeral"]):
        block = random.schema("resource", tf_type)
        for name in overrides.EPHEMERAL_FROM_RESOURCE[tf_type]:
            block["attributes"].pop(name)
        _overlay(block, set(), tf_type)
        providers[overrides.RANDOM].setdefault("ephemeral_resource_schemas", {})[tf_type] = {
            "version": 0,
            "block": block,
        }
    return {
        "format_version": "1.0",
        "provider_schemas": providers,
        "standin": {
            "generated_from": sorted(WHEELS.values()),
            # Blocks the provider fills when the configuration leaves them out
            # (Optional and Computed in the SDK): the JSON schema cannot say so.
            "computed_blocks": computed_blocks,
            "versions": {overrides.AWS: aws.version, overrides.RANDOM: random.version},
        },
    }


def render(document: dict) -> str:
    return json.dumps(document, indent=1, sort_keys=True) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--check", action="store_true", help="fail if schema.json differs from a fresh generation"
    )
    args = parser.parse_args(argv)
    fresh = render(generate())
    if args.check:
        if SCHEMA.read_text() != fresh:
            print(
                f"{SCHEMA.relative_to(ROOT)} is stale: run `make standin-schema` and commit it",
                file=sys.stderr,
            )
            return 1
        print(f"{SCHEMA.relative_to(ROOT)} matches the published schemas")
        return 0
    SCHEMA.write_text(fresh)
    print(f"wrote {SCHEMA.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
