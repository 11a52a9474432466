"""Read the spec, hash it, resolve local JSON pointers, and list the channel's messages."""

import hashlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

import yaml


class SpecLoadError(Exception):
    """The file cannot be read as a YAML mapping at all."""


@dataclass(frozen=True)
class Spec:
    """A parsed spec document with its source text's sha256."""

    doc: dict[str, Any]
    sha256: str
    path: Path


def load_spec(path: Path) -> Spec:
    text = path.read_bytes()
    try:
        doc = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise SpecLoadError(f"{path}: not valid YAML: {exc}") from exc
    if not isinstance(doc, dict):
        raise SpecLoadError(f"{path}: the document must be a mapping")
    return Spec(doc=doc, sha256=hashlib.sha256(text).hexdigest(), path=path)


def escape_token(token: str) -> str:
    return token.replace("~", "~0").replace("/", "~1")


def pointer(*tokens: str | int) -> str:
    """Build '#/a/b' from tokens, escaping each as RFC 6901 asks."""
    return "#/" + "/".join(escape_token(str(t)) for t in tokens)


def resolve_pointer(doc: Any, ref: str) -> Any:
    """Return the value a local '#/...' pointer names; KeyError when it names nothing."""
    if not ref.startswith("#/"):
        raise KeyError(ref)
    node = doc
    for raw in ref[2:].split("/"):
        token = raw.replace("~1", "/").replace("~0", "~")
        if isinstance(node, dict) and token in node:
            node = node[token]
        elif isinstance(node, list) and token.isdigit() and int(token) < len(node):
            node = node[int(token)]
        else:
            raise KeyError(ref)
    return node


Problem = Callable[[str, str], None]
OPERATIONS: dict[str, Literal["client", "server"]] = {"publish": "client", "subscribe": "server"}
"""A channel's operations and who sends their messages (AsyncAPI 2: `publish` is what clients send)."""


@dataclass(frozen=True)
class ListedMessage:
    """One entry of a channel operation's message list, as written (usually a `$ref`)."""

    channel: str
    operation: str  # "publish" or "subscribe"
    pointer: str  # where the entry is written, e.g. '#/channels/~1ws/publish/message/oneOf/2'
    entry: Any

    @property
    def direction(self) -> Literal["client", "server"]:
        return OPERATIONS[self.operation]

    @property
    def ref(self) -> str | None:
        ref = self.entry.get("$ref") if isinstance(self.entry, dict) else None
        return ref if isinstance(ref, str) else None


def listed_messages(doc: dict[str, Any], problem: Problem | None = None) -> Iterator[ListedMessage]:
    """Every message entry of every channel's `publish` and `subscribe`, in the spec's order:
    the one reading of the message list that the generator, the breaking-change gate and the
    contract checks share. Entries are neither resolved nor judged (each reader accepts what it
    can); what is not a list of messages at all goes to `problem(pointer, message)`."""
    report = problem or (lambda _pointer, _message: None)
    channels = doc.get("channels")
    for channel, item in channels.items() if isinstance(channels, dict) else ():
        for operation in OPERATIONS:
            op = item.get(operation) if isinstance(item, dict) else None
            op_ptr = pointer("channels", channel, operation)
            if op is None:
                continue
            if not isinstance(op, dict):
                report(op_ptr, f"must be a mapping, got {type(op).__name__}")
                continue
            message = op.get("message", {})
            if not isinstance(message, dict):
                report(op_ptr + "/message", f"must be a mapping, got {type(message).__name__}")
                continue
            if "oneOf" not in message:
                yield ListedMessage(str(channel), operation, op_ptr + "/message", message)
                continue
            entries = message["oneOf"]
            if not isinstance(entries, list):
                report(op_ptr + "/message/oneOf", f"must be a list, got {type(entries).__name__}")
                continue
            for i, entry in enumerate(entries):
                yield ListedMessage(str(channel), operation, f"{op_ptr}/message/oneOf/{i}", entry)
