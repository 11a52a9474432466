"""What travels on the wire: the messages each channel operation carries, keyed by name.

A message is identified by its `name` (the frame's `type`), not by its component key, so
renaming a component is no change and renaming the wire type is a removed plus an added
message. Messages only defined under components and used by no operation never reach the
wire and are ignored.
"""

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from codegen.loader import listed_messages
from specdiff.loader import Doc, SpecError, resolve
from specdiff.rules import DIRECTIONS


@dataclass
class Message:
    name: str
    pointer: str  # where the message object is written
    body: Mapping[str, Any]
    uses: dict[str, str] = field(default_factory=dict)  # direction -> pointer of the operation's reference


def operations(doc: Doc) -> Iterator[tuple[str, str, Mapping[str, Any]]]:
    """(channel, "publish"|"subscribe", operation) for every operation of every channel."""
    for channel, item in (doc.get("channels") or {}).items():
        for verb in DIRECTIONS:
            if isinstance(item, dict) and isinstance(item.get(verb), dict):
                yield channel, verb, item[verb]


def messages(doc: Doc) -> dict[str, Message]:
    found: dict[str, Message] = {}
    for listed in listed_messages(doc):
        pointer, node = listed.pointer, listed.entry
        if listed.ref is not None:
            pointer = listed.ref
            node = resolve(doc, pointer)
        if not isinstance(node, dict):
            raise SpecError(f"{pointer}: expected a message object")
        name = str(node.get("name") or node.get("messageId") or pointer)
        message = found.setdefault(name, Message(name, pointer, node))
        message.uses.setdefault(DIRECTIONS[listed.operation], listed.pointer)
    return found
