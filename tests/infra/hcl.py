"""Terraform files as plain Python data, for tests that read the configuration.

python-hcl2 keeps HCL's quoting ('"x"') and wraps blocks in lists; this module
unwraps both, so a test reads `module["data"]["point_in_time_recovery"]`.
"""

import re
from functools import lru_cache
from pathlib import Path

import pytest

hcl2 = pytest.importorskip(
    "hcl2", reason="python-hcl2 is not installed: pip install -r requirements/infra.in"
)

ROOT = Path(__file__).resolve().parents[2]
TERRAFORM = ROOT / "terraform"
ENVS = ("dev", "prod")
MODULES = sorted(p.name for p in (TERRAFORM / "modules").iterdir() if p.is_dir())


def _clean(value):
    if isinstance(value, dict):
        return {
            _unquote(k): _clean(v)
            for k, v in value.items()
            if k not in ("__is_block__", "__comments__")
        }
    if isinstance(value, list):
        return [_clean(v) for v in value]
    if isinstance(value, str):
        return _unquote(value)
    return value


def _unquote(text: str) -> str:
    if len(text) >= 2 and text[0] == text[-1] == '"':
        return text[1:-1]
    return text


@lru_cache
def load(directory: Path) -> dict:
    """Every top-level block of the .tf files in *directory*, merged by kind and name."""
    merged: dict = {
        "resource": {},
        "data": {},
        "module": {},
        "variable": {},
        "output": {},
        "locals": {},
        "ephemeral": {},
    }
    for path in sorted(directory.glob("*.tf")):
        with path.open() as handle:
            parsed = _clean(hcl2.load(handle))
        for kind, blocks in parsed.items():
            for block in blocks:
                if kind == "locals":
                    merged["locals"].update(block)
                elif kind in ("resource", "data", "ephemeral"):
                    for rtype, named in block.items():
                        for name, body in named.items():
                            merged[kind].setdefault(rtype, {})[name] = body
                elif kind in ("module", "variable", "output"):
                    merged[kind].update(block)
                else:
                    merged.setdefault(kind, []).append(block)
    return merged


def env(stage: str) -> dict:
    return load(TERRAFORM / "envs" / stage)


def module(name: str) -> dict:
    return load(TERRAFORM / "modules" / name)


def resource(mod: str, rtype: str, name: str = "this") -> dict:
    return module(mod)["resource"][rtype][name]


def blocks(body: dict, key: str) -> list[dict]:
    value = body.get(key, [])
    return value if isinstance(value, list) else [value]


REFERENCE = r"\$\{((?:local|var)\.[\w.]+)\}"


def resolve(text: str, scope: dict):
    """Substitute simple ${local.x} / ${var.x.y} references, as Terraform would."""
    whole = re.fullmatch(REFERENCE, text)
    if whole and scope.get(whole.group(1)) is not None:
        value = scope[whole.group(1)]
        return resolve(value, scope) if isinstance(value, str) else value

    def lookup(match: re.Match) -> str:
        value = scope.get(match.group(1))
        if value is None:
            return match.group(0)
        return resolve(str(value), scope)

    return re.sub(REFERENCE, lookup, text)


def env_scope(stage: str) -> dict:
    """local.* and var.* (defaults) of an env root."""
    root = env(stage)
    scope = {f"local.{k}": v for k, v in root["locals"].items()}
    scope.update({f"var.{k}": v.get("default") for k, v in root["variable"].items()})
    return scope


def _flatten(prefix: str, value, scope: dict) -> None:
    scope[prefix] = value
    if isinstance(value, dict):
        for key, item in value.items():
            _flatten(f"{prefix}.{key}", item, scope)


def stage_settings(stage: str) -> dict:
    """The settings object envs/<stage> gives modules/stage, references resolved."""
    root = env_scope(stage)

    def resolved(value):
        if isinstance(value, dict):
            return {k: resolved(v) for k, v in value.items()}
        return resolve(value, root) if isinstance(value, str) else value

    return resolved(env(stage)["module"]["stage"]["settings"])


def stage_scope(stage: str) -> dict:
    """var.* and local.* inside modules/stage, as envs/<stage> calls it."""
    scope = {"var.stage": resolve(env(stage)["module"]["stage"]["stage"], env_scope(stage))}
    _flatten("var.settings", stage_settings(stage), scope)
    for name, value in module("stage")["locals"].items():
        scope[f"local.{name}"] = value
    if scope.get("var.settings.domain"):
        _flatten("local.domain", scope["var.settings.domain"], scope)
    return scope


def module_inputs(stage: str, name: str) -> dict:
    """Arguments modules/stage passes to one of its modules in *stage*, references resolved."""
    scope = stage_scope(stage)
    return {
        k: resolve(v, scope) if isinstance(v, str) else v
        for k, v in module("stage")["module"][name].items()
    }


def stage_name(stage: str, template: str, module_name: str) -> str:
    """A module's name template (e.g. '${var.name}-table') as created in *stage*."""
    inputs = module_inputs(stage, module_name)
    return resolve(template, {f"var.{k}": v for k, v in inputs.items()})
