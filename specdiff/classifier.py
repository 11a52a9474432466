"""Classify every change between two spec documents; the rules and their reasons are in
`specdiff.rules`.

Messages are matched by name and compared in each direction they travel in both versions,
so one shared schema can be additive for a client -> server message and breaking for a
server -> client one at the same time.
"""

from collections.abc import Mapping
from typing import Any

from specdiff import sections
from specdiff.findings import Collector, Finding
from specdiff.loader import Doc, Located, join, locate
from specdiff.rules import KINDS
from specdiff.schema_diff import SchemaDiff
from specdiff.surface import Message, messages

# Message keys that are neither documentation nor handled below: any change is unclassified.
_MESSAGE_WIRE_KEYS = ("headers", "correlationId", "contentType", "schemaFormat", "bindings", "traits")


def classify(old: Doc, new: Doc) -> list[Finding]:
    """All findings, breaking first, each group in document order."""
    out = Collector()
    sections.compare_servers(old, new, out)
    sections.compare_channels(old, new, out)
    _compare_messages(old, new, out)
    sections.compare_topics(old, new, out)
    sections.compare_close_codes(old, new, out)
    sections.compare_connection(old, new, out)
    found = out.findings()
    return sorted(found, key=lambda f: KINDS.index(f.kind))


def _compare_messages(old: Doc, new: Doc, out: Collector) -> None:
    before, after = messages(old), messages(new)
    for name, message in before.items():
        if name not in after:
            out.add("message-removed", message.pointer, f"{_directions(message)} message removed", subject=name)
    for name, message in after.items():
        if name not in before:
            out.add("message-added", message.pointer, f"{_directions(message)} message added", subject=name)
        else:
            _compare_message(old, new, before[name], message, out)


def _directions(message: Message) -> str:
    return " and ".join(message.uses)


def _compare_message(old_doc: Doc, new_doc: Doc, old: Message, new: Message, out: Collector) -> None:
    if set(old.uses) != set(new.uses):
        # Conservative: even gaining a direction is reported, as the set of readers changed.
        where = next((p for d, p in new.uses.items() if d not in old.uses), next(iter(new.uses.values())))
        out.add("message-direction-changed", where,
                f"was {_directions(old)}, now {_directions(new)}", subject=new.name)
    _compare_extensions(old, new, out)
    for direction in (d for d in old.uses if d in new.uses):
        diff = SchemaDiff(old_doc, new_doc, direction, new.name, out)
        diff.compare(_payload(old_doc, old), _payload(new_doc, new))


def _payload(doc: Doc, message: Message) -> Located:
    pointer = join(message.pointer, "payload")
    return locate(doc, message.body.get("payload") or {}, pointer)


def _compare_extensions(old: Message, new: Message, out: Collector) -> None:
    def where(key: str) -> str:
        return join(new.pointer if key in new.body else old.pointer, key)

    reply_old, reply_new = old.body.get("x-reply"), new.body.get("x-reply")
    if reply_old != reply_new:
        rule = "reply-added" if reply_old is None else "reply-removed" if reply_new is None else "reply-changed"
        out.add(rule, where("x-reply"), f"x-reply {_text(reply_old)} -> {_text(reply_new)}", subject=new.name)
    if old.body.get("x-topic") != new.body.get("x-topic"):
        out.add("message-topic-changed", where("x-topic"),
                f"x-topic {_text(old.body.get('x-topic'))} -> {_text(new.body.get('x-topic'))}", subject=new.name)
    alive_old, alive_new = old.body.get("x-keepalive") is True, new.body.get("x-keepalive") is True
    if alive_old != alive_new:
        out.add("keepalive-added" if alive_new else "keepalive-removed", where("x-keepalive"),
                f"x-keepalive {alive_old} -> {alive_new}", subject=new.name)
    _compare_wire_keys(old, new, out)


def _compare_wire_keys(old: Message, new: Message, out: Collector) -> None:
    for key in _MESSAGE_WIRE_KEYS:
        if old.body.get(key) != new.body.get(key):
            pointer = join(new.pointer if key in new.body else old.pointer, key)
            out.add("schema-unclassified", pointer, f"message {key} changed; review by hand", subject=new.name)


def _text(value: Any) -> str:
    return "none" if value is None else f"`{value}`" if not isinstance(value, Mapping) else str(dict(value))
