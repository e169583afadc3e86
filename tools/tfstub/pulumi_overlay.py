"""Which optional arguments are also computed, read from pulumi-aws's Python SDK.

pulumi-aws is generated from the same provider schema. An attribute that is
always present in Pulumi's outputs (`pulumi.Output[str]`, not
`pulumi.Output[Optional[str]]`) is one the provider computes when the
configuration leaves it out: `aws_s3_bucket.bucket`, `tags_all`, `region`.
A plan shows such an attribute as "known after apply", and a `count` fed by it
fails; without this overlay the stand-in would plan null and pass.
"""

import re
import zipfile

# Terraform types whose Pulumi module or name does not follow the type's name.
PULUMI_FILES = {
    "aws_cloudtrail": "pulumi_aws/cloudtrail/trail.py",
}

_RESOURCE_OUTPUT = re.compile(r"\n    def (\w+)\(self\) -> pulumi\.Output\[(.+)\]:\n")
_RESULT_GETTER = re.compile(r"\n    def (\w+)\(self\) -> (.+):\n")


def _normalise(name: str) -> str:
    return name.replace("_", "")


class PulumiAws:
    """The Python sources of one pulumi-aws wheel."""

    def __init__(self, wheel: str):
        self._zip = zipfile.ZipFile(wheel)
        self._files = {n for n in self._zip.namelist() if n.endswith(".py")}

    def always_present(self, tf_type: str, kind: str) -> set[str]:
        """Names Pulumi never outputs as optional for *tf_type* (a resource or data source)."""
        source = self._zip.read(self._file(tf_type, kind)).decode()
        if kind == "resource":
            return {
                name
                for name, hint in _RESOURCE_OUTPUT.findall(source)
                if not hint.startswith("Optional[")
            }
        result = source[source.index("\nclass Get") : source.index("\nclass Awaitable")]
        return {
            name
            for name, hint in _RESULT_GETTER.findall(result)
            if not hint.startswith("Optional[")
        }

    def _file(self, tf_type: str, kind: str) -> str:
        if tf_type in PULUMI_FILES:
            return PULUMI_FILES[tf_type]
        parts = tf_type.split("_")[1:]
        prefix = "get" if kind == "data" else ""
        candidates = [("", parts)] + [("".join(parts[:k]), parts[k:]) for k in range(1, len(parts))]
        for module, rest in candidates:
            wanted = prefix + "".join(rest)
            folder = f"pulumi_aws/{module}/" if module else "pulumi_aws/"
            for name in self._files:
                if name.startswith(folder) and "/" not in name[len(folder) :]:
                    if _normalise(name[len(folder) : -3]) == wanted:
                        return name
        raise LookupError(f"no pulumi-aws module for {tf_type}: add it to PULUMI_FILES")


_ARGS_CLASS = "\nclass {}:\n    def __init__(__self__"
_PARAMETER = re.compile(r"^\s+(\w+): (.+?)(?: = None)?[,)]:?$", re.M)
_PRIMITIVE = {
    "_builtins.str": "string",
    "_builtins.int": "number",
    "_builtins.float": "number",
    "_builtins.bool": "bool",
}


# Pulumi declares WAF statements recursively; the provider allows logical
# statements (and, or, not) three levels deep.
MAX_RECURSION = 2


class PulumiBlocks:
    """Nested blocks read from pulumi-aws's `*Args` input classes.

    cdktf stops at the depth of aws_wafv2_web_acl's statements (it types them
    `any`); Pulumi's generator does not. A block's Terraform name is its Args
    class name less the parent's (WebAclRuleStatement + ByteMatchStatement),
    since Pulumi pluralises list parameters but not class names; a class that
    refers back to an ancestor is named by its parameter, made singular.
    """

    def __init__(self, pulumi: PulumiAws, tf_type: str):
        resource_file = pulumi._file(tf_type, "resource")
        source = pulumi._zip.read(resource_file).decode()
        self._resource = re.search(r"\nclass (\w+)\(pulumi\.CustomResource\)", source).group(1)
        inputs = resource_file.rsplit("/", 1)[0] + "/_inputs.py"
        self._inputs = pulumi._zip.read(inputs).decode()

    def block(self, path: list[str]) -> dict:
        """The schema block at *path* (Terraform block names below the resource)."""
        return self._block(self._resource + "".join(_camel(part) for part in path), ())

    def _block(self, prefix: str, stack: tuple) -> dict:
        start = self._inputs.index(_ARGS_CLASS.format(prefix + "Args"))
        signature = self._inputs[start : self._inputs.index("):\n", start) + 3]
        attributes, blocks = {}, {}
        for name, hint in _PARAMETER.findall(signature):
            optional = "Optional[" in hint
            nested = re.search(r"'(\w+)Args'", hint)
            if nested:
                child = nested.group(1)
                if stack.count(child) >= MAX_RECURSION:
                    continue
                entry = {"nesting_mode": "list", "block": self._block(child, (*stack, prefix))}
                if "Sequence[" not in hint:
                    entry["max_items"] = 1
                if not optional:
                    entry["min_items"] = 1
                own_name = child.startswith(prefix)
                blocks[_snake(child[len(prefix) :]) if own_name else name.removesuffix("s")] = entry
            else:
                attributes[name] = {
                    "type": _hint_type(hint),
                    "optional" if optional else "required": True,
                }
        block: dict = {"attributes": dict(sorted(attributes.items()))}
        if blocks:
            block["block_types"] = dict(sorted(blocks.items()))
        return block


def _hint_type(hint: str):
    for python, cty_type in _PRIMITIVE.items():
        if re.search(rf"Sequence\[pulumi\.Input\[{re.escape(python)}\]\]", hint):
            return ["list", cty_type]
        if re.search(rf"Mapping\[str, pulumi\.Input\[{re.escape(python)}\]\]", hint):
            return ["map", cty_type]
    for python, cty_type in _PRIMITIVE.items():
        if python in hint:
            return cty_type
    return "dynamic"


def _camel(snake: str) -> str:
    return "".join(part.capitalize() for part in snake.split("_"))


def _snake(camel: str) -> str:
    return re.sub(r"(?<!^)(?=[A-Z])", "_", camel).lower()
