"""Read one Terraform type's schema out of a cdktf provider binding.

A cdktf binding is generated from the provider's own schema. Its compiled JS
keeps what the generator knew: each configurable attribute's snake_case name,
whether it is a block, its nesting and element type (the `...ToHclTerraform`
mappers), and computed-only attributes (getters without setters, annotated
`// name - computed: true, ...`). Its .d.ts says which arguments are required
(`readonly x: T` against `readonly x?: T`). What it never knew (optional and
computed at once) comes from pulumi_overlay.py.
"""

import re

PRIMITIVES = {"string": "string", "number": "number", "boolean": "bool"}
GETTERS = {
    "getStringAttribute": "string",
    "getNumberAttribute": "number",
    "getBooleanAttribute": "bool",
    "getListAttribute": ["list", "string"],
    "getNumberListAttribute": ["list", "number"],
    "getStringMapAttribute": ["map", "string"],
    "getNumberMapAttribute": ["map", "number"],
    "getBooleanMapAttribute": ["map", "bool"],
    "interpolationForAttribute": "dynamic",
}

_FUNCTION = re.compile(r"^function (\w+)ToHclTerraform\(struct\) \{\n(.*?)^\}", re.M | re.S)
_CLASS = re.compile(r"^class (\w+) extends ([\w.]+) \{\n(.*?)^\}\nexports\.\1 = \1;", re.M | re.S)
_ENTRY = re.compile(
    r"^\s+(\w+): \{\n\s+value: (.*?),\n\s+isBlock: (true|false),\n"
    r'\s+type: "(\w+)",\n\s+storageClassType: "(\w+)",\n\s+\}',
    re.M | re.S,
)
_FIELD = re.compile(r"this\._(\w+) = new ([\w.]+)\(this, \"(\w+)\"(?:, (true|false))?\)")
_COMPUTED = re.compile(
    r"^\s+// (\w+) - computed: true, optional: false, required: false\n"
    r"\s+get (\w+)\(\) \{\n\s+return (.*?);\n",
    re.M,
)
_COMPUTED_FIELD = re.compile(
    r"^\s+// (\w+) - computed: true, optional: false, required: false\n"
    r"\s+this\._(\w+) = new ([\w.]+)\(this, \"\w+\"(?:, (true|false))?\);",
    re.M,
)
_INTERFACE = re.compile(r"^export interface (\w+)[^{]*\{\n(.*?)^\}", re.M | re.S)
_PROPERTY = re.compile(r"^\s+readonly (\w+)(\??):", re.M)
_RESOURCE_CLASS = re.compile(r'static readonly tfResourceType = "(\w+)";')


class Binding:
    """The parsed JS and .d.ts of one resource or data source of a cdktf binding."""

    def __init__(self, js: str, dts: str):
        # s3BucketLoggingToHclTerraform maps the struct S3BucketLogging.
        self.hcl = {_upper_first(m.group(1)): m.group(2) for m in _FUNCTION.finditer(js)}
        self.classes = {m.group(1): (m.group(2), m.group(3)) for m in _CLASS.finditer(js)}
        self.interfaces = {
            m.group(1): {p.group(1): not p.group(2) for p in _PROPERTY.finditer(m.group(2))}
            for m in _INTERFACE.finditer(dts)
        }

    def schema(self) -> dict:
        """The type's block in `terraform providers schema -json` form."""
        main, body = next(
            (name, body)
            for name, (base, body) in self.classes.items()
            if base
            in ("cdktf.TerraformResource", "cdktf.TerraformDataSource", "cdktf.TerraformProvider")
        )
        synthesize = body[body.index("synthesizeHclAttributes()") :]
        return self._block(synthesize, body, self.interfaces[main + "Config"], "this._")

    def _struct(self, struct: str) -> dict:
        reference = self.classes.get(struct + "OutputReference", ("", ""))[1]
        return self._block(self.hcl[struct], reference, self.interfaces[struct], "struct.")

    def _block(self, mapper: str, getters: str, required: dict, source: str) -> dict:
        fields = {m.group(1): (m.group(2), m.group(4) == "true") for m in _FIELD.finditer(getters)}
        attributes, blocks = {}, {}
        for snake, value, is_block, kind, storage in _ENTRY.findall(mapper):
            camel = re.search(re.escape(source) + r"(\w+)", value).group(1)
            needed = required.get(camel, False)
            if is_block == "true":
                blocks[snake] = self._nested_block(kind, storage, needed, fields.get(camel))
            else:
                attributes[snake] = {
                    "type": self._attribute_type(kind, storage),
                    "required" if needed else "optional": True,
                }
        for snake, camel, expression in _COMPUTED.findall(getters):
            attributes[snake] = {
                "type": self._computed_type(expression, fields, camel),
                "computed": True,
            }
        for snake, _camel, constructor, wraps_set in _COMPUTED_FIELD.findall(getters):
            attributes[snake] = {
                "type": self._computed_object(constructor, wraps_set == "true"),
                "computed": True,
            }
        block: dict = {"attributes": dict(sorted(attributes.items()))}
        if blocks:
            block["block_types"] = dict(sorted(blocks.items()))
        return block

    def _nested_block(self, kind: str, storage: str, needed: bool, field) -> dict:
        struct = re.sub(r"(List|Map)$", "", storage)
        nested = {
            "nesting_mode": {"struct": "single"}.get(kind, kind),
            "block": self._struct(struct),
        }
        single_item = field is not None and field[0].endswith("OutputReference")
        if kind in ("list", "set"):
            if needed:
                nested["min_items"] = 1
            if single_item:
                nested["max_items"] = 1
        return nested

    def _attribute_type(self, kind: str, storage: str):
        if storage == "any":
            return "dynamic"
        if kind == "simple":
            return PRIMITIVES[storage]
        match = re.fullmatch(r"(string|number|boolean)(List|Map)", storage)
        if match:
            return [kind, PRIMITIVES[match.group(1)]]
        struct = re.sub(r"(List|Map)$", "", storage)
        element = _object_type(self._struct(struct))
        return element if kind == "struct" else [kind, element]

    def _computed_type(self, expression: str, fields: dict, camel: str):
        getter = re.search(r"this\.(\w+)\('", expression)
        if getter:
            kind = GETTERS[getter.group(1)]
            if "cdktf.Fn.tolist(" in expression and isinstance(kind, list):
                return ["set", kind[1]]
            return kind
        return self._computed_object(*fields[camel])

    def _computed_object(self, constructor: str, wraps_set: bool):
        struct = re.sub(r"(List|Map|OutputReference)$", "", constructor)
        element = _object_type(self._computed_struct(struct))
        if constructor.endswith("OutputReference"):
            return element
        if constructor.endswith("Map"):
            return ["map", element]
        return ["set" if wraps_set else "list", element]

    def _computed_struct(self, struct: str) -> dict:
        body = self.classes[struct + "OutputReference"][1]
        return self._block("", body, {}, "struct.")


def _object_type(block: dict) -> list:
    """An attribute whose value is an object: cdktf's nested attributes and computed structs."""
    attributes = {name: spec["type"] for name, spec in block["attributes"].items()}
    for name, nested in block.get("block_types", {}).items():
        element = _object_type(nested["block"])
        attributes[name] = (
            element if nested["nesting_mode"] == "single" else [nested["nesting_mode"], element]
        )
    return ["object", attributes]


def _upper_first(name: str) -> str:
    return name[0].upper() + name[1:]


def type_name(dts: str) -> str | None:
    """The Terraform type a binding's .d.ts declares, if it declares one."""
    match = _RESOURCE_CLASS.search(dts)
    return match.group(1) if match else None
