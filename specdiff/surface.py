"""What travels on the wire: the messages each channel operation carries, keyed by name.

A message is identified by its `name` (the frame's `type`), not by its component key, so
renaming a component is no change and renaming the wire type is a removed plus an added
message. Messages only defined under components and used by no operation never reach the
wire and are ignored.
"""

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from specdiff.loader import Doc, SpecError, join, resolve
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
    for channel, verb, operation in operations(doc):
        for ref_pointer, node in _operation_messages(operation, join("#/channels", channel, verb)):
            pointer = ref_pointer
            if isinstance(node, dict) and isinstance(node.get("$ref"), str):
                pointer = node["$ref"]
                node = resolve(doc, pointer)
            if not isinstance(node, dict):
                raise SpecError(f"{pointer}: expected a message object")
            name = str(node.get("name") or node.get("messageId") or pointer)
            message = found.setdefault(name, Message(name, pointer, node))
            message.uses.setdefault(DIRECTIONS[verb], ref_pointer)
    return found


def _operation_messages(operation: Mapping[str, Any], pointer: str) -> Iterator[tuple[str, Any]]:
    message = operation.get("message")
    if isinstance(message, dict) and isinstance(message.get("oneOf"), list):
        for index, entry in enumerate(message["oneOf"]):
            yield join(pointer, "message", "oneOf", index), entry
    elif message is not None:
        yield join(pointer, "message"), message
