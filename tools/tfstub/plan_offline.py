"""Plan and apply every Terraform root offline, against the stand-in providers.

    python -m tools.tfstub.plan_offline [--terraform DIR] [--keep DIR] [ROOT ...]

In a scratch copy of terraform/ (no lock file, backends made local), each root
(bootstrap, envs/dev, envs/prod by default, side by side) runs `init`,
`validate`, `plan`, `apply` and a second `plan -detailed-exitcode`, which must
find nothing to do. Every failing root is reported.
The providers come from a filesystem mirror holding the stand-in's launchers,
named and versioned as the real ones so the roots' constraints select them.
With --keep, the scratch copy stays, and each root's folder holds plan.json
(the first plan) and state.json (the state after apply), from `terraform show -json`.
"""

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from .provider.protocol import extract_descriptor, terraform_binary
from .provider.schema import ADDRESSES, document

ROOT = Path(__file__).resolve().parents[2]
ROOTS = ("bootstrap", "envs/dev", "envs/prod")
TARGET = "linux_amd64"
BACKEND_OVERRIDE = 'terraform {\n  backend "local" {}\n}\n'


class PlanFailed(Exception):
    """A terraform command failed; the message holds its output."""


def build_mirror(scratch: Path) -> Path:
    """A filesystem mirror whose aws and random providers launch the stand-in."""
    mirror = scratch / "mirror"
    versions = document()["standin"]["versions"]
    for name, address in ADDRESSES.items():
        folder = mirror / address / versions[address] / TARGET
        folder.mkdir(parents=True)
        launcher = folder / f"terraform-provider-{name}_v{versions[address]}"
        launcher.write_text(
            "#!/bin/sh\n"
            f"PYTHONPATH='{ROOT}' exec '{sys.executable}' -m tools.tfstub.provider {name}\n"
        )
        launcher.chmod(0o755)
    return mirror


def write_cli_config(scratch: Path, mirror: Path) -> Path:
    """A CLI config that takes aws and random from the mirror, never from the registry."""
    addresses = json.dumps(sorted(ADDRESSES.values()))
    config = scratch / "terraformrc"
    config.write_text(
        "provider_installation {\n"
        f'  filesystem_mirror {{\n    path    = "{mirror}"\n    include = {addresses}\n  }}\n'
        f"  direct {{\n    exclude = {addresses}\n  }}\n"
        "}\n"
    )
    return config


def copy_terraform(source: Path, scratch: Path) -> Path:
    """terraform/ without lock files or .terraform, each backend replaced by a local one."""
    copy = scratch / "terraform"
    shutil.copytree(
        source,
        copy,
        ignore=shutil.ignore_patterns(".terraform", ".terraform.lock.hcl", "*.tfstate*"),
    )
    for versions in copy.rglob("*.tf"):
        if 'backend "' in versions.read_text():
            (versions.parent / "standin_backend_override.tf").write_text(BACKEND_OVERRIDE)
    return copy


class Runner:
    """terraform commands in one scratch copy, with the stand-in's environment."""

    def __init__(self, scratch: Path, terraform: str):
        self.terraform = terraform
        mirror = build_mirror(scratch)
        descriptor = scratch / "tfplugin6.binpb"
        descriptor.write_bytes(extract_descriptor(Path(terraform).read_bytes()))
        self.env = {
            **os.environ,
            "TF_CLI_CONFIG_FILE": str(write_cli_config(scratch, mirror)),
            "TF_IN_AUTOMATION": "1",
            "TF_INPUT": "0",
            "CHECKPOINT_DISABLE": "1",
            "TFSTUB_DESCRIPTOR": str(descriptor),
            "TFSTUB_CACHE": str(scratch),
        }
        self.env.pop("TF_PLUGIN_CACHE_DIR", None)

    def run(
        self, root: Path, *args: str, allowed: tuple[int, ...] = (0,)
    ) -> subprocess.CompletedProcess:
        command = [self.terraform, f"-chdir={root}", *args]
        result = subprocess.run(command, env=self.env, capture_output=True, text=True)
        if result.returncode not in allowed:
            raise PlanFailed(
                f"`terraform {' '.join(args)}` in {root.name} exited {result.returncode}\n"
                f"{result.stdout}{result.stderr}"
            )
        return result

    def check_root(self, root: Path) -> int:
        """init, validate, plan, apply and an empty second plan; the number of resources applied."""
        self.run(root, "init", "-input=false", "-no-color")
        self.run(root, "validate", "-no-color")
        self.run(root, "plan", "-input=false", "-no-color", "-out=first.tfplan")
        (root / "plan.json").write_text(self.run(root, "show", "-json", "first.tfplan").stdout)
        self.run(root, "apply", "-input=false", "-no-color", "-auto-approve", "first.tfplan")
        second = self.run(
            root, "plan", "-input=false", "-no-color", "-detailed-exitcode", allowed=(0, 2)
        )
        if second.returncode == 2:
            raise PlanFailed(f"the second plan of {root.name} is not empty:\n{second.stdout}")
        state = self.run(root, "show", "-json").stdout
        (root / "state.json").write_text(state)
        return len(managed_resources(json.loads(state)))


def managed_resources(state: dict) -> list[dict]:
    """Every managed resource instance in a `terraform show -json` state, all modules included."""
    found = []
    modules = [state.get("values", {}).get("root_module", {})]
    while modules:
        module = modules.pop()
        found += [r for r in module.get("resources", []) if r["mode"] == "managed"]
        modules += module.get("child_modules", [])
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("roots", nargs="*", default=list(ROOTS))
    parser.add_argument(
        "--terraform", type=Path, default=ROOT / "terraform", help="the configuration to copy"
    )
    parser.add_argument("--keep", type=Path, help="plan in this folder and leave it there")
    args = parser.parse_args(argv)
    scratch = args.keep or Path(tempfile.mkdtemp(prefix="plan-offline-"))
    if args.keep:
        shutil.rmtree(scratch, ignore_errors=True)
        scratch.mkdir(parents=True)
    try:
        runner = Runner(scratch, terraform_binary())
        copy = copy_terraform(args.terraform, scratch)
        return report(runner, copy, args.roots)
    except RuntimeError as failure:
        print(failure, file=sys.stderr)
        return 1
    finally:
        if not args.keep:
            shutil.rmtree(scratch, ignore_errors=True)


def report(runner: Runner, copy: Path, roots: list[str]) -> int:
    """Check the roots side by side (their time goes to starting processes); 1 if any failed."""

    def timed(root: str) -> tuple[int, float]:
        started = time.monotonic()
        return runner.check_root(copy / root), time.monotonic() - started

    with ThreadPoolExecutor(max_workers=len(roots)) as pool:
        checks = {root: pool.submit(timed, root) for root in roots}
    failed = 0
    for root, check in checks.items():
        try:
            count, seconds = check.result()
        except PlanFailed as failure:
            print(failure, file=sys.stderr)
            failed = 1
            continue
        print(f"{root}: {count} resources planned, applied, and a second plan empty", end="")
        print(f" ({seconds:.1f} s)")
    return failed


if __name__ == "__main__":
    sys.exit(main())
