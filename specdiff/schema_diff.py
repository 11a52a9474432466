"""Compare two versions of one message's frame schema, keyword by keyword, recursively.

Only the change is found here ("values added to an enum"); whether it breaks anything
depends on who reads the message and is looked up in `rules`. Paths in messages are frame
paths (`/payload/symbol`, `*` for array items); pointers are where the keyword is written.
"""

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from specdiff.findings import Collector
from specdiff.loader import Doc, Located, join, locate

LOWER_BOUNDS = ("minimum", "exclusiveMinimum", "minLength", "minItems", "minProperties")
UPPER_BOUNDS = ("maximum", "exclusiveMaximum", "maxLength", "maxItems", "maxProperties")
UNORDERED = ("pattern", "format", "multipleOf", "contentEncoding", "contentMediaType")
MODELLED = {"type", "enum", "const", "properties", "required", "items", "additionalProperties",
            "default", "uniqueItems", *LOWER_BOUNDS, *UPPER_BOUNDS, *UNORDERED}
ANNOTATIONS = {"description", "title", "examples", "example", "$comment", "deprecated",
               "readOnly", "writeOnly", "externalDocs"}
_MISSING = object()


def _show(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, default=str)


def _types(schema: Mapping[str, Any]) -> frozenset[str] | None:
    raw = schema.get("type")
    if raw is None:
        return None
    return frozenset([raw] if isinstance(raw, str) else raw)


def _allowed(schema: Mapping[str, Any]) -> list[Any] | None:
    """The values an enum or const allows; None means any value."""
    if "const" in schema:
        return [schema["const"]]
    enum = schema.get("enum")
    return list(enum) if isinstance(enum, list) else None


def _number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


@dataclass
class SchemaDiff:
    """One message in one direction: `subject` is the message name findings are filed under."""

    old_doc: Doc
    new_doc: Doc
    direction: str
    subject: str
    out: Collector
    _active: set[tuple[str, str]] = field(default_factory=set)

    def compare(self, old: Located, new: Located, path: str = "", may_be_absent: bool = False) -> None:
        """`may_be_absent`: old writers could omit this value, so its default applied."""
        pair = (old.pointer, new.pointer)
        if pair in self._active:  # a recursive schema: this pair is being compared further up
            return
        self._active.add(pair)
        try:
            if self._type(old, new, path):
                return  # a new type makes every other difference below it noise
            self._enum(old, new, path)
            self._constraints(old, new, path)
            if may_be_absent:
                self._default(old, new, path)
            self._properties(old, new, path)
            self._items(old, new, path)
            self._unmodelled(old, new, path)
        finally:
            self._active.discard(pair)

    def _emit(self, rule: str, pointer: str, path: str, text: str) -> None:
        self.out.add(rule, pointer, f"{path or '/'}: {text}", self.direction, self.subject)

    @staticmethod
    def _where(old: Located, new: Located, keyword: str) -> str:
        """The keyword in the working copy, or in the base when it was removed."""
        return new.at(keyword) if new.has(keyword) else old.at(keyword)

    def _type(self, old: Located, new: Located, path: str) -> bool:
        before, after = _types(old.schema), _types(new.schema)
        if before == after:
            return False
        shown = [sorted(t) if t else "any" for t in (before, after)]
        self._emit("type-changed", self._where(old, new, "type"), path,
                   f"type changed from {_show(shown[0])} to {_show(shown[1])}")
        return True

    def _enum(self, old: Located, new: Located, path: str) -> None:
        before, after = _allowed(old.schema), _allowed(new.schema)
        key = "const" if new.has("const") else "enum"
        if before is None and after is not None:
            self._emit("enum-narrowed", new.at(key), path, f"now limited to {_show(after)}")
        elif before is not None and after is None:
            old_key = "const" if old.has("const") else "enum"
            self._emit("enum-widened", old.at(old_key), path, f"enum {_show(before)} removed: any value")
        elif before is not None and after is not None:
            removed = [v for v in before if v not in after]
            added = [v for v in after if v not in before]
            if removed:
                self._emit("enum-narrowed", new.at(key), path, f"values removed: {_show(removed)}")
            if added and old.schema.get("x-extensible-enum") is True and new.schema.get("x-extensible-enum") is True:
                self._emit("extensible-enum-widened", new.at(key), path, f"values added: {_show(added)}")
            elif added:
                self._emit("enum-widened", new.at(key), path, f"values added: {_show(added)}")

    def _constraints(self, old: Located, new: Located, path: str) -> None:
        for keyword in LOWER_BOUNDS:
            self._bound(old, new, path, keyword, higher_is_tighter=True)
        for keyword in UPPER_BOUNDS:
            self._bound(old, new, path, keyword, higher_is_tighter=False)
        for keyword in UNORDERED:
            self._bound(old, new, path, keyword, higher_is_tighter=None)
        self._flag(old, new, path, "uniqueItems", tight=True, default=False)
        self._flag(old, new, path, "additionalProperties", tight=False, default=True)

    def _bound(self, old: Located, new: Located, path: str, keyword: str,
               higher_is_tighter: bool | None) -> None:
        """A constraint added tightens, removed loosens; changed, it tightens or loosens when
        the values can be ordered, else it is a plain change."""
        before, after = old.schema.get(keyword), new.schema.get(keyword)
        if before == after:
            return
        where = self._where(old, new, keyword)
        change = f"{keyword} {_show(before)} -> {_show(after)}"
        if before is None:
            rule = "constraint-tightened"
        elif after is None:
            rule = "constraint-loosened"
        elif higher_is_tighter is None or not (_number(before) and _number(after)):
            rule = "constraint-changed"
        else:
            rule = "constraint-tightened" if (after > before) == higher_is_tighter else "constraint-loosened"
        self._emit(rule, where, path, change)

    def _flag(self, old: Located, new: Located, path: str, keyword: str, tight: bool,
              default: bool) -> None:
        """Boolean keywords where one value is the stricter; a schema value is unmodelled."""
        before, after = old.schema.get(keyword, default), new.schema.get(keyword, default)
        if before == after:
            return
        where = self._where(old, new, keyword)
        change = f"{keyword} {_show(before)} -> {_show(after)}"
        if not (isinstance(before, bool) and isinstance(after, bool)):
            self._emit("schema-unclassified", where, path, f"{change}; review by hand")
        else:
            self._emit("constraint-tightened" if after == tight else "constraint-loosened", where, path, change)

    def _default(self, old: Located, new: Located, path: str) -> None:
        before, after = old.schema.get("default", _MISSING), new.schema.get("default", _MISSING)
        if before != after:
            shown = ["none" if v is _MISSING else _show(v) for v in (before, after)]
            self._emit("default-changed", self._where(old, new, "default"), path,
                       f"default {shown[0]} -> {shown[1]}")

    def _properties(self, old: Located, new: Located, path: str) -> None:
        before, after = _fields(old), _fields(new)
        old_req, new_req = set(old.schema.get("required") or ()), set(new.schema.get("required") or ())
        removed = [f for f in before if f not in after]
        added = [f for f in after if f not in before]
        for name in removed:
            hint = f" (renamed to `{added[0]}`?)" if len(removed) == len(added) == 1 else ""
            self._emit("field-removed", _field_pointer(old, name), f"{path}/{name}", f"field removed{hint}")
        for name in added:
            rule = "field-added-required" if name in new_req else "field-added-optional"
            self._emit(rule, _field_pointer(new, name), f"{path}/{name}", "field added")
        for name in (f for f in before if f in after):
            self._required(name, name in old_req, name in new_req, new, path)
            self.compare(self._child(self.old_doc, old, name), self._child(self.new_doc, new, name),
                         f"{path}/{name}", may_be_absent=name not in old_req)

    def _required(self, name: str, was: bool, now: bool, new: Located, path: str) -> None:
        if was != now:
            rule = "field-made-required" if now else "field-made-optional"
            self._emit(rule, _field_pointer(new, name), f"{path}/{name}", rule.removeprefix("field-").replace("-", " "))

    def _items(self, old: Located, new: Located, path: str) -> None:
        before, after = old.schema.get("items"), new.schema.get("items")
        if isinstance(before, dict) and isinstance(after, dict):
            self.compare(locate(self.old_doc, before, old.at("items")),
                         locate(self.new_doc, after, new.at("items")), f"{path}/*")
        elif before is None and after is not None:
            self._emit("constraint-tightened", new.at("items"), path, "items schema added")
        elif before is not None and after is None:
            self._emit("constraint-loosened", old.at("items"), path, "items schema removed")
        elif before != after:  # tuple-form items: not modelled
            self._emit("schema-unclassified", new.at("items"), path, "items changed; review by hand")

    def _unmodelled(self, old: Located, new: Located, path: str) -> None:
        for keyword in dict.fromkeys([*old.schema, *new.schema]):
            if keyword in MODELLED or keyword in ANNOTATIONS or keyword.startswith("x-"):
                continue
            if old.schema.get(keyword) != new.schema.get(keyword):
                self._emit("schema-unclassified", self._where(old, new, keyword), path,
                           f"{keyword} changed; specdiff cannot classify it, review by hand")

    @staticmethod
    def _child(doc: Doc, parent: Located, name: str) -> Located:
        props = parent.schema.get("properties") or {}
        if name in props:
            return locate(doc, props[name], join(parent.at("properties"), name))
        return Located(schema={}, pointer=parent.at("required"))  # required but undescribed: any value


def _fields(schema: Located) -> list[str]:
    """Field names in document order: described properties, then required-only names."""
    props = list(schema.schema.get("properties") or {})
    return props + [r for r in schema.schema.get("required") or () if r not in props]


def _field_pointer(schema: Located, name: str) -> str:
    if name in (schema.schema.get("properties") or {}):
        return join(schema.at("properties"), name)
    return schema.at("required")
