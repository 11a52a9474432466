"""Validate frames against the JSON Schemas written in asyncapi.yaml itself.

Contract checks (the test suite's plugin, `make contract`, and the server's own
WS_VALIDATE_OUTGOING switch) use this instead of the generated models, which could share a
bug with the server: the spec's own schemas are the promise made to every consumer.
"""

import logging
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any, Literal

import orjson
import yaml
from jsonschema import Draft7Validator, ValidationError, validators
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT7

from codegen.loader import listed_messages, resolve_pointer

SPEC_PATH = Path(__file__).resolve().parent.parent / "asyncapi.yaml"
log = logging.getLogger(__name__)
SPEC_URI = "urn:trading-ws:asyncapi"
Direction = Literal["client", "server"]


def _ecma_pattern(validator: Any, pattern: str, instance: Any, schema: Any) -> Iterator[ValidationError]:
    """JSON Schema patterns are ECMA 262, where `$` is the very end; Python's `$` also matches
    before a final newline, which would let "AAPL\\n" pass as a symbol."""
    if isinstance(instance, str) and not re.search(_ECMA_END.sub(r"\\Z", pattern), instance):
        yield ValidationError(f"{instance!r} does not match {pattern!r}")


_ECMA_END = re.compile(r"(?<!\\)\$$")
SpecValidator = validators.extend(Draft7Validator, {"pattern": _ecma_pattern})  # type: ignore[no-untyped-call]


@dataclass(frozen=True)
class SpecMessages:
    """Every message of one spec document, by wire type and direction."""

    validators: dict[str, Any]
    directions: dict[str, Direction]

    def problems(self, frame: Any, direction: Direction) -> list[str]:
        """Why `frame` is not a valid message sent in `direction`; empty when it is."""
        kind = frame.get("type") if isinstance(frame, dict) else None
        if kind not in self.validators:
            return [f"no message of the spec has type {kind!r}"]
        if self.directions[kind] != direction:
            return [f"{kind!r} is a {self.directions[kind]} -> server message, not sent by the {direction}"]
        return [
            f"{kind}: {'/'.join(map(str, e.absolute_path)) or '(frame)'}: {e.message}"
            for e in self.validators[kind].iter_errors(frame)
        ]


def load_messages(doc: dict[str, Any]) -> SpecMessages:
    registry: Registry = Registry().with_resource(SPEC_URI, Resource.from_contents(doc, default_specification=DRAFT7))
    found: dict[str, Any] = {}
    directions: dict[str, Direction] = {}
    for listed in listed_messages(doc):
        if listed.ref is None:
            continue  # the generator refuses inline messages; there are none to check
        name = resolve_pointer(doc, listed.ref)["name"]
        found[name] = SpecValidator({"$ref": f"{SPEC_URI}{listed.ref}/payload"}, registry=registry)
        directions[name] = listed.direction
    return SpecMessages(found, directions)


@cache
def spec_messages(path: Path = SPEC_PATH) -> SpecMessages:
    return load_messages(yaml.safe_load(path.read_text()))


class OutgoingCheck:
    """WS_VALIDATE_OUTGOING: log every server frame that breaks the spec, naming the rule."""

    def __init__(self, path: Path = SPEC_PATH) -> None:
        self.messages = spec_messages(path)
        self.name = path.name
        self.violations = 0

    def __call__(self, json: bytes) -> None:
        try:
            frame = orjson.loads(json)
        except orjson.JSONDecodeError:
            frame = None
        problems = self.messages.problems(frame, "server")
        if problems:
            self.violations += 1
            text = json[:300].decode(errors="replace")
            for problem in problems:
                log.error("outgoing frame breaks %s: %s; frame: %s", self.name, problem, text)
