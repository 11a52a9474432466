"""JSON Schema -> IR definitions (models and aliases). Problems are collected, never raised."""

import json
from typing import Any

from .ir import Alias, Definition, Field, Model, SpecError, TypeExpr
from .loader import pointer, resolve_pointer
from .naming import class_name, is_python_identifier, is_ts_identifier, snake_name, ts_check_name

COMPONENT_PREFIX = "#/components/schemas/"
ANNOTATION_KEYS = {"description", "title", "examples", "default", "format", "readOnly", "writeOnly"}
STRUCTURE_KEYS = {"$ref", "type", "properties", "required", "additionalProperties", "items", "enum", "const"}
# JSON Schema keyword -> pydantic Field keyword
CONSTRAINTS = {
    "pattern": "pattern",
    "minimum": "ge",
    "maximum": "le",
    "exclusiveMinimum": "gt",
    "exclusiveMaximum": "lt",
    "minLength": "min_length",
    "maxLength": "max_length",
    "minItems": "min_length",
    "maxItems": "max_length",
}
SUPPORTED_KEYS = ANNOTATION_KEYS | STRUCTURE_KEYS | set(CONSTRAINTS)
REF_SIBLINGS = {"$ref", "description", "title", "default", "examples"}
SCALARS = {
    "string": TypeExpr("str", "string", "v.string"),
    "integer": TypeExpr("int", "number", "v.integer"),
    "number": TypeExpr("float", "number", "v.number"),
    "boolean": TypeExpr("bool", "boolean", "v.boolean"),
}
PYDANTIC_RESERVED = ("model_", "_")
ANY = TypeExpr("Any", "unknown", "v.unknown")


class SchemaConverter:
    """Turns schemas into named definitions; inline objects become models named by context."""

    def __init__(self, doc: dict[str, Any], errors: list[SpecError]) -> None:
        self.doc = doc
        self.errors = errors
        self.definitions: dict[str, Definition] = {}
        self._names_by_pointer: dict[str, str] = {}
        self._deps: list[set[str]] = []

    def error(self, ptr: str, message: str) -> None:
        self.errors.append(SpecError(ptr, message))

    # ---- named definitions -------------------------------------------------------------

    def component(self, name: str) -> str:
        """Convert #/components/schemas/<name> once; return its class name."""
        ptr = COMPONENT_PREFIX + name
        if ptr in self._names_by_pointer:
            return self._names_by_pointer[ptr]
        cls = class_name(name)
        self._names_by_pointer[ptr] = cls
        schema = resolve_pointer(self.doc, ptr)
        self.define(cls, schema, ptr)
        return cls

    def define(self, cls: str, schema: Any, ptr: str) -> None:
        """Register a named definition: a model for objects with properties, else an alias."""
        if cls in self.definitions:
            self.error(ptr, f"the name {cls!r} is already used by another schema")
            return
        if not self._check_keys(schema, ptr):
            return
        self._deps.append(set())
        if schema.get("type") == "object" and "properties" in schema:
            definition: Definition = self._model(cls, schema, ptr)
        else:
            definition = self._alias(cls, schema, ptr)
        self.definitions[cls] = definition

    def _model(self, cls: str, schema: dict[str, Any], ptr: str) -> Model:
        required = schema.get("required", [])
        properties = schema["properties"]
        if not isinstance(properties, dict):
            self.error(pointer_join(ptr, "properties"), "properties must be a mapping")
            properties = {}
        for name in required:
            if name not in properties:
                self.error(pointer_join(ptr, "required"), f"required property {name!r} is not defined")
        fields = tuple(
            self._field(cls, name, prop, name in required, pointer_join(ptr, "properties", name))
            for name, prop in properties.items()
        )
        additional = schema.get("additionalProperties", True)
        if not isinstance(additional, bool):
            self.error(pointer_join(ptr, "additionalProperties"), "only true or false is supported")
        deps = self._deps.pop()
        return Model(
            name=cls,
            description=str(schema.get("description", "")).strip(),
            fields=fields,
            extra="ignore" if additional is not False else "forbid",
            depends_on=tuple(sorted(deps - {cls})),
        )

    def _alias(self, cls: str, schema: dict[str, Any], ptr: str) -> Alias:
        base = self.type_of(schema, ptr, cls + "Item")
        constraints = self._constraints(schema)
        py = f"Annotated[{base.py}, Field({', '.join(constraints)})]" if constraints else base.py
        values = tuple(schema["enum"]) if isinstance(schema.get("enum"), list) else ()
        deps = self._deps.pop()
        return Alias(
            name=cls,
            description=str(schema.get("description", "")).strip(),
            type=TypeExpr(py, base.ts),
            values=values,
            depends_on=tuple(sorted(deps - {cls})),
            ts_check=self._ts_check(base, schema),
        )

    def _field(self, owner: str, name: str, schema: Any, required: bool, ptr: str) -> Field:
        if not self._check_keys(schema, ptr):
            return Field(name, snake_name(name), name, ANY, required, "")
        type_ = self.type_of(schema, ptr, owner + class_name(name))
        py_name = name if is_python_identifier(name) and not name.startswith(PYDANTIC_RESERVED) else snake_name(name)
        const = schema.get("const")
        default = repr(const) if isinstance(const, str) else self._default(schema, type_, ptr)
        return Field(
            json_name=name,
            py_name=py_name,
            ts_name=name if is_ts_identifier(name) else json.dumps(name),
            type=type_,
            required=required,
            description=str(schema.get("description", "")).strip(),
            py_default=default,
            py_constraints=tuple(self._constraints(schema)),
            const=const if isinstance(const, str) else None,
            ts_check=self._ts_check(type_, schema),
        )

    # ---- types -------------------------------------------------------------------------

    def type_of(self, schema: Any, ptr: str, hint: str) -> TypeExpr:
        """The type of a schema; inline objects with properties become models named `hint`."""
        if not self._check_keys(schema, ptr):
            return ANY
        if "$ref" in schema:
            return self._ref(schema, ptr)
        if "const" in schema:
            return self._literal([schema["const"]], pointer_join(ptr, "const"))
        if "enum" in schema:
            known = self._literal(schema["enum"], pointer_join(ptr, "enum"))
            if schema.get("x-extensible-enum") is True:
                # Known values today, more tomorrow: readers must accept any string.
                return TypeExpr("str", f"{known.ts} | (string & {{}})", "v.string")
            return known
        kind = schema.get("type")
        if kind in SCALARS:
            return SCALARS[kind]
        if kind == "array":
            items = schema.get("items", {})
            item = self.type_of(items, pointer_join(ptr, "items"), hint)
            constraints = self._constraints(items) if isinstance(items, dict) else []
            item_py = f"Annotated[{item.py}, Field({', '.join(constraints)})]" if constraints else item.py
            item_check = self._ts_check(item, items) if isinstance(items, dict) else item.ts_check
            return TypeExpr(f"list[{item_py}]", f"Array<{item.ts}>", f"v.arrayOf({item_check})")
        if kind == "object" and "properties" in schema:
            self.define(hint, schema, ptr)
            self._depend_on(hint)
            return TypeExpr(hint, hint, ts_check_name(hint))
        if kind == "object":
            return TypeExpr("dict[str, Any]", "Record<string, unknown>", "v.record")
        self.error(ptr, f"unsupported schema type {kind!r}" if kind else "schema has no type")
        return ANY

    def _ref(self, schema: dict[str, Any], ptr: str) -> TypeExpr:
        ref = schema["$ref"]
        ref_ptr = pointer_join(ptr, "$ref")
        extra = set(schema) - REF_SIBLINGS
        if extra:
            self.error(ptr, f"keywords beside $ref are ignored by JSON Schema: {sorted(extra)}")
        if not isinstance(ref, str) or not ref.startswith(COMPONENT_PREFIX):
            self.error(ref_ptr, f"unsupported $ref {ref!r}: only {COMPONENT_PREFIX}<name> is supported")
            return ANY
        try:
            resolve_pointer(self.doc, ref)
        except KeyError:
            self.error(ref_ptr, f"unresolved $ref {ref!r}")
            return ANY
        name = self.component(ref[len(COMPONENT_PREFIX) :])
        self._depend_on(name)
        return TypeExpr(name, name, ts_check_name(name))

    def _depend_on(self, name: str) -> None:
        """Record that the definition being built refers to `name`."""
        if self._deps:
            self._deps[-1].add(name)

    def _literal(self, values: Any, ptr: str) -> TypeExpr:
        if not isinstance(values, list) or not values or not all(isinstance(v, str) for v in values):
            self.error(ptr, "only non-empty lists of strings are supported as enum or const values")
            return ANY
        return TypeExpr(
            "Literal[" + ", ".join(repr(v) for v in values) + "]",
            " | ".join(json.dumps(v) for v in values),
            "v.oneOf([" + ", ".join(json.dumps(v) for v in values) + "])",
        )

    def _default(self, schema: dict[str, Any], type_: TypeExpr, ptr: str) -> str | None:
        if "default" not in schema:
            return None
        value = schema["default"]
        if isinstance(value, dict) and type_.py in self.definitions:
            return f"lambda: {type_.py}.model_validate({value!r})"
        if isinstance(value, (dict, list)):
            return f"lambda: {value!r}"
        if value is None or isinstance(value, (str, int, float, bool)):
            return repr(value)
        self.error(pointer_join(ptr, "default"), f"unsupported default {value!r}")
        return None

    @staticmethod
    def _ts_check(type_: TypeExpr, schema: dict[str, Any]) -> str:
        """The type's TS check, then one check per constraint, named after its JSON Schema keyword."""
        constraints = [f"v.{key}({json.dumps(schema[key])})" for key in CONSTRAINTS if key in schema]
        return f"v.all({', '.join([type_.ts_check, *constraints])})" if constraints else type_.ts_check

    def _constraints(self, schema: dict[str, Any]) -> list[str]:
        return [f"{CONSTRAINTS[key]}={schema[key]!r}" for key in CONSTRAINTS if key in schema]

    def _check_keys(self, schema: Any, ptr: str) -> bool:
        if not isinstance(schema, dict):
            self.error(ptr, "a schema must be a mapping")
            return False
        unknown = sorted(k for k in schema if k not in SUPPORTED_KEYS and not k.startswith("x-"))
        for key in unknown:
            self.error(pointer_join(ptr, key), f"unsupported schema keyword {key!r}")
        return not unknown

    def ordered(self) -> tuple[Definition, ...]:
        """Definitions with every dependency before its dependents (stable otherwise)."""
        done: dict[str, Definition] = {}

        def visit(name: str, trail: tuple[str, ...]) -> None:
            if name in done or name in trail or name not in self.definitions:
                return
            definition = self.definitions[name]
            for dep in definition.depends_on:
                visit(dep, (*trail, name))
            done[name] = definition

        for name in self.definitions:
            visit(name, ())
        return tuple(done.values())


def pointer_join(ptr: str, *tokens: str | int) -> str:
    return ptr + pointer(*tokens)[1:]
