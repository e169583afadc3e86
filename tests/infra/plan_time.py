"""Which `count` and `for_each` arguments Terraform could not decide at plan time.

`terraform validate` accepts a count that reads a resource attribute; `terraform plan`
then stops with "Invalid count argument" (or "Invalid for_each argument") on a first
apply, when the resource does not exist yet. This walks a root and every module it
calls, at any depth, and follows each value back to where it comes from:

- a resource attribute (or an ephemeral resource's) is known only after apply;
- a data source is read at plan time unless one of its arguments is not, or it waits
  on something through `depends_on` (its own, or its module call's);
- a local, a module output, or a module input is as late as the latest value its
  expression reads;
- root variables, literals, `count.index`, `each.*` and `path.*` are known.

It errs on the side of "after apply": any reference to something late makes the
whole expression late, even inside a branch that would not be taken.

`dynamic` blocks are not checked: Terraform accepts an unknown `for_each` there (the
block itself is then unknown until apply).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from .hcl import load

_NOT_AFTER_A_NAME = r"(?<![\w.])"
VAR = re.compile(_NOT_AFTER_A_NAME + r"var\.(\w+)")
LOCAL = re.compile(_NOT_AFTER_A_NAME + r"local\.(\w+)")
MODULE = re.compile(_NOT_AFTER_A_NAME + r"module\.(\w+)(?:\[[^\]]*\])?(?:\.(\w+))?")
DATA = re.compile(_NOT_AFTER_A_NAME + r"data\.(\w+)\.(\w+)")
EPHEMERAL = re.compile(_NOT_AFTER_A_NAME + r"ephemeral\.(\w+)\.(\w+)")
RESOURCE = re.compile(
    _NOT_AFTER_A_NAME + r"([a-z][a-z0-9]*_\w+)\.([A-Za-z_][\w-]*)(?:\[[^\]]*\])?(?:\.(\w+))?"
)


def strings(value) -> list[str]:
    """Every string inside a parsed HCL value (expressions arrive as '${...}')."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in strings(v)]
    return []


@dataclass
class Finding:
    module_path: str
    block: str
    argument: str
    because: str

    def __str__(self) -> str:
        return (
            f"{self.module_path}: {self.block} has a {self.argument} known only after apply "
            f"({self.because})"
        )


@dataclass
class Instance:
    """One call of a module: its directory and which of its inputs are late."""

    directory: Path
    path: str
    late_inputs: dict[str, str]
    waits: bool = False
    _cache: dict[str, str | None] = field(default_factory=dict)
    _children: dict[str, Instance] = field(default_factory=dict)

    @property
    def config(self) -> dict:
        return load(self.directory)

    def late(self, value, seen: frozenset = frozenset()) -> str | None:
        """Why *value* is known only after apply, or None when plan knows it."""
        for text in strings(value):
            reason = self._late_text(text, seen)
            if reason:
                return reason
        return None

    def _late_text(self, text: str, seen: frozenset) -> str | None:
        config = self.config
        for rtype, name, attribute in RESOURCE.findall(text):
            if name in config["resource"].get(rtype, {}):
                return f"{rtype}.{name}.{attribute or '*'} is a resource attribute"
        for name, attribute in EPHEMERAL.findall(text):
            return f"ephemeral.{name}.{attribute} is opened during apply"
        for name in VAR.findall(text):
            if name in self.late_inputs:
                return f"var.{name} ← {self.late_inputs[name]}"
        for name in LOCAL.findall(text):
            reason = self._memo(f"local.{name}", seen, config["locals"].get(name))
            if reason:
                return f"local.{name} ← {reason}"
        for kind, name in DATA.findall(text):
            reason = self._data(kind, name, seen)
            if reason:
                return f"data.{kind}.{name} ← {reason}"
        for name, output in MODULE.findall(text):
            reason = self._output(name, output, seen)
            if reason:
                return f"module.{name}.{output or '*'} ← {reason}"
        return None

    def _memo(self, key: str, seen: frozenset, expression) -> str | None:
        """late() of *expression*, remembered under *key* for this instance."""
        if key in self._cache:
            return self._cache[key]
        if key in seen:  # a cycle Terraform itself would refuse
            return None
        reason = self.late(expression, seen | {key})
        self._cache[key] = reason
        return reason

    def _data(self, kind: str, name: str, seen: frozenset) -> str | None:
        body = self.config["data"].get(kind, {}).get(name)
        if body is None:
            return None
        if self.waits:
            return "its module call has depends_on, so it is read during apply"
        if body.get("depends_on"):
            return "depends_on makes it wait for apply"
        arguments = {k: v for k, v in body.items() if k not in ("count", "for_each")}
        return self._memo(f"data.{kind}.{name}", seen, arguments)

    def _output(self, name: str, output: str, seen: frozenset) -> str | None:
        child = self.child(name)
        if child is None:
            return None
        outputs = child.config["output"]
        wanted = [output] if output else list(outputs)
        for item in wanted:
            if item in outputs:
                reason = child._memo(f"output.{item}", frozenset(), outputs[item]["value"])
                if reason:
                    return f"{child.path}: output {item} ← {reason}"
        return None

    def child(self, name: str) -> Instance | None:
        """The instance a module block calls, with its inputs' lateness worked out."""
        if name in self._children:
            return self._children[name]
        call = self.config["module"].get(name)
        if call is None or not str(call.get("source", "")).startswith("."):
            return None
        late_inputs = {}
        for argument, value in call.items():
            if argument in ("source", "version", "count", "for_each", "depends_on", "providers"):
                continue
            reason = self.late(value)
            if reason:
                late_inputs[argument] = reason
        child = Instance(
            directory=(self.directory / call["source"]).resolve(),
            path=f"{self.path}.module.{name}",
            late_inputs=late_inputs,
            waits=self.waits or bool(call.get("depends_on")),
        )
        self._children[name] = child
        return child

    def blocks_with_meta_arguments(self):
        config = self.config
        for kind in ("resource", "data"):
            for rtype, named in config[kind].items():
                for name, body in named.items():
                    prefix = "data." if kind == "data" else ""
                    yield f"{prefix}{rtype}.{name}", body
        for name, body in config["module"].items():
            yield f"module.{name}", body


def check(root: Path) -> tuple[list[Finding], set[Path]]:
    """Findings in *root* and every module under it, and the directories walked."""
    findings: list[Finding] = []
    walked: set[Path] = set()
    pending = [Instance(directory=root.resolve(), path=root.name, late_inputs={})]
    while pending:
        instance = pending.pop()
        walked.add(instance.directory)
        for block, body in instance.blocks_with_meta_arguments():
            for argument in ("count", "for_each"):
                if argument in body:
                    reason = instance.late(body[argument])
                    if reason:
                        findings.append(Finding(instance.path, block, argument, reason))
        for name in instance.config["module"]:
            child = instance.child(name)
            if child is not None:
                pending.append(child)
    return findings, walked
