"""Fixture pairs for specdiff: the shared base spec and one mutation applied in the test."""

import copy
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from specdiff import Finding, classify

FIXTURES = Path(__file__).parent / "fixtures"
ROOT = Path(__file__).resolve().parents[2]

Doc = dict[str, Any]
Mutation = Callable[[Doc], None]
Triple = tuple[str, str, str]  # (kind, rule, pointer)

SCHEMAS = "#/components/schemas"
MESSAGES = "#/components/messages"
CHANNEL = "#/channels/~1ws"
REQUEST = f"{SCHEMAS}/SubscribeRequest/properties"  # read by the server (client -> server)
QUOTE = f"{SCHEMAS}/Quote/properties"  # read by clients (server -> client)
RESPONSE = f"{SCHEMAS}/SubscribeResponse/properties"  # read by clients


@cache
def _base_text() -> str:
    return (FIXTURES / "base.yaml").read_text()


def base() -> Doc:
    doc: Doc = yaml.safe_load(_base_text())
    return doc


def mutated(*mutations: Mutation) -> Doc:
    doc = base()
    for mutate in mutations:
        mutate(doc)
    return doc


def schema(doc: Doc, name: str) -> dict[str, Any]:
    found: dict[str, Any] = doc["components"]["schemas"][name]
    return found


def props(doc: Doc, name: str) -> dict[str, Any]:
    found: dict[str, Any] = schema(doc, name)["properties"]
    return found


def message(doc: Doc, name: str) -> dict[str, Any]:
    found: dict[str, Any] = doc["components"]["messages"][name]
    return found


def channel(doc: Doc) -> dict[str, Any]:
    found: dict[str, Any] = doc["channels"]["/ws"]
    return found


def findings(new: Mutation | None = None, old: Mutation | None = None) -> list[Finding]:
    """Compare base+old with base+new (either may be None: the plain base)."""
    before = mutated(*([old] if old else []))
    after = mutated(*([new] if new else []))
    return classify(copy.deepcopy(before), after)


def triples(new: Mutation | None = None, old: Mutation | None = None) -> set[Triple]:
    return {(f.kind, f.rule, f.pointer) for f in findings(new, old)}
