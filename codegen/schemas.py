"""JSON Schema -> IR definitions (models and aliases). Problems are collected, never raised."""

import json
import math
import re
from typing import Any

from .defaults import DefaultChecker
from .ir import JSON_INT, MODELS_MODULE_NAMES, Alias, Definition, Field, Model, SpecError, TypeExpr
from .loader import pointer, resolve_pointer
from .naming import class_name, is_python_identifier, is_ts_identifier, snake_name, ts_check_name

COMPONENT_PREFIX = "#/components/schemas/"
ANNOTATION_KEYS = {"description", "title", "examples", "default", "format", "readOnly", "writeOnly"}
STRUCTURE_KEYS = {"$ref", "allOf", "type", "properties", "required", "additionalProperties", "items", "enum", "const"}
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
REF_SIBLINGS = {"$ref", "description", "title", "examples"}
BOUNDS = ("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum")
LENGTHS = ("minLength", "maxLength", "minItems", "maxItems")
SCALARS = {
    "string": TypeExpr("str", "string", "v.string"),
    "integer": TypeExpr(JSON_INT, "number", "v.integer"),
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
        self._building: list[str] = []  # definitions being converted, outermost first
        self._defaults = DefaultChecker(doc)

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
        if cls in MODELS_MODULE_NAMES:
            self.error(ptr, f"the name {cls!r} is taken by the generated models module; rename the schema")
            return
        if not self._check_keys(schema, ptr):
            return
        self._deps.append(set())
        self._building.append(cls)
        if schema.get("type") == "object" and "properties" in schema:
            definition: Definition = self._model(cls, schema, ptr)
        else:
            definition = self._alias(cls, schema, ptr)
        self._building.pop()
        self.definitions[cls] = definition

    def _model(self, cls: str, schema: dict[str, Any], ptr: str) -> Model:
        required = schema.get("required", [])
        properties = schema["properties"]
        if not isinstance(properties, dict):
            self.error(pointer_join(ptr, "properties"), "properties must be a mapping")
            properties = {}
        if not isinstance(required, list) or not all(isinstance(name, str) for name in required):
            self.error(pointer_join(ptr, "required"), "required must be a list of property names")
            required = []
        for name in required:
            if name not in properties:
                self.error(pointer_join(ptr, "required"), f"required property {name!r} is not defined")
        fields = tuple(
            self._field(cls, name, prop, name in required, pointer_join(ptr, "properties", name))
            for name, prop in properties.items()
        )
        self._check_field_names(fields, ptr)
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

    def _check_field_names(self, fields: tuple[Field, ...], ptr: str) -> None:
        """Two properties that become one Python name (`a b`, `a_b`) would be one field."""
        first: dict[str, str] = {}
        for f in fields:
            other = first.setdefault(f.py_name, f.json_name)
            if other != f.json_name:
                self.error(
                    pointer_join(ptr, "properties", f.json_name),
                    f"properties {other!r} and {f.json_name!r} both become the Python field {f.py_name!r}",
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
        kind = schema.get("type")
        if kind is not None and not isinstance(kind, str):
            self.error(pointer_join(ptr, "type"), f"only one type per schema is supported (no null), got {kind!r}")
            return ANY
        if "$ref" in schema:
            return self._ref(schema, ptr)
        if "allOf" in schema:
            return self._all_of(schema, ptr, hint)
        if "const" in schema:
            return self._literal([schema["const"]], pointer_join(ptr, "const"))
        if "enum" in schema:
            known = self._literal(schema["enum"], pointer_join(ptr, "enum"))
            if schema.get("x-extensible-enum") is True:
                # Known values today, more tomorrow: readers must accept any string.
                return TypeExpr("str", f"{known.ts} | (string & {{}})", "v.string")
            return known
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
        if kind == "object" and isinstance(schema.get("additionalProperties"), dict):
            values = schema["additionalProperties"]
            value = self.type_of(values, pointer_join(ptr, "additionalProperties"), hint + "Value")
            return TypeExpr(f"dict[str, {value.py}]", f"Record<string, {value.ts}>", f"v.recordOf({value.ts_check})")
        if kind == "object":
            return TypeExpr("dict[str, Any]", "Record<string, unknown>", "v.record")
        self.error(ptr, f"unsupported schema type {kind!r}" if kind else "schema has no type")
        return ANY

    def _ref(self, schema: dict[str, Any], ptr: str) -> TypeExpr:
        ref = schema["$ref"]
        ref_ptr = pointer_join(ptr, "$ref")
        if "default" in schema:
            self.error(
                pointer_join(ptr, "default"),
                "draft-07 ignores a default beside $ref (other tools would not apply it); "
                "write `allOf: [{$ref: ...}]` with the default beside allOf",
            )
        extra = set(schema) - REF_SIBLINGS - {"default"}
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
        if name in self._building:
            cycle = " -> ".join([*self._building[self._building.index(name) :], name])
            self.error(ref_ptr, f"recursive schemas are not supported ({cycle})")
            return ANY
        self._depend_on(name)
        return TypeExpr(name, name, ts_check_name(name))

    def _all_of(self, schema: dict[str, Any], ptr: str, hint: str) -> TypeExpr:
        """`allOf: [S]` is S; it is how draft-07 lets a $ref carry a default or a description."""
        items = schema["allOf"]
        beside = sorted(k for k in schema if k not in ANNOTATION_KEYS and k != "allOf" and not k.startswith("x-"))
        if not isinstance(items, list) or len(items) != 1 or beside:
            self.error(
                pointer_join(ptr, "allOf"),
                "only allOf with one schema, and annotations such as default beside it, is supported",
            )
            return ANY
        return self.type_of(items[0], pointer_join(ptr, "allOf", 0), hint)

    def _depend_on(self, name: str) -> None:
        """Record that the definition being built refers to `name`."""
        if self._deps:
            self._deps[-1].add(name)

    def _literal(self, values: Any, ptr: str) -> TypeExpr:
        def scalar(v: Any) -> bool:
            return isinstance(v, str) or (isinstance(v, int) and not isinstance(v, bool))

        if not isinstance(values, list) or not values or not all(scalar(v) for v in values):
            self.error(ptr, "only non-empty lists of strings or integers are supported as enum or const values")
            return ANY
        if len({type(v) for v in values}) > 1:
            self.error(ptr, "an enum's values are all strings or all integers")
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
        problem = self._defaults.problem(value, ptr)
        if problem is not None:
            self.error(pointer_join(ptr, "default"), f"the default breaks its own schema: {problem}")
            return None
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
        return not unknown and self._check_constraints(schema, ptr)

    def _check_constraints(self, schema: dict[str, Any], ptr: str) -> bool:
        """Constraint values the generated code can use: numbers, counts, a regular expression."""
        bad = [k for k in BOUNDS if k in schema and not _is_number(schema[k])]
        bad += [k for k in LENGTHS if k in schema and not _is_count(schema[k])]
        if "pattern" in schema and not _is_regex(schema["pattern"]):
            bad.append("pattern")
        for key in bad:
            self.error(pointer_join(ptr, key), f"not a valid {key}: {schema[key]!r}")
        return not bad

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


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)


def _is_count(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value >= 0


def _is_regex(value: Any) -> bool:
    if not isinstance(value, str):
        return False
    try:
        re.compile(value)
    except re.error:
        return False
    return True


def pointer_join(ptr: str, *tokens: str | int) -> str:
    return ptr + pointer(*tokens)[1:]
