"""Read the spec, hash it, and resolve local JSON pointers."""

import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

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
