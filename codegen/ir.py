"""The intermediate model: what the templates lay out. Names, types and defaults are final here."""

from dataclasses import dataclass, field
from typing import Any, Literal

from .naming import class_name


@dataclass(frozen=True)
class SpecError:
    """One problem in the spec, located by a JSON pointer into it."""

    pointer: str
    message: str

    def __str__(self) -> str:
        return f"{self.pointer}: {self.message}"


@dataclass(frozen=True)
class TypeExpr:
    """A type as both languages spell it."""

    py: str
    ts: str


@dataclass(frozen=True)
class Field:
    """One property of an object schema."""

    json_name: str
    py_name: str
    ts_name: str
    type: TypeExpr
    required: bool
    description: str
    py_default: str | None = None  # Python source of the default, when there is one
    py_constraints: tuple[str, ...] = ()  # pydantic Field(...) keyword arguments
    const: str | None = None  # the value of a constant (type tag) field

    @property
    def py_annotation(self) -> str:
        if self.required or self.py_default is not None:
            return self.type.py
        return f"{self.type.py} | None"

    @property
    def py_declaration(self) -> str:
        """The full class-body line, e.g. `volume: int = Field(ge=0)`."""
        kwargs = list(self.py_constraints)
        if self.py_name != self.json_name:
            kwargs.append(f"alias={self.json_name!r}")
        default = self.py_default
        if default is None and not self.required:
            default = "None"
        if default is not None and default.startswith("lambda"):
            kwargs.insert(0, f"default_factory={default}")
        elif default is not None and kwargs:
            kwargs.insert(0, f"default={default}")
        if kwargs:
            return f"{self.py_name}: {self.py_annotation} = Field({', '.join(kwargs)})"
        if default is not None:
            return f"{self.py_name}: {self.py_annotation} = {default}"
        return f"{self.py_name}: {self.py_annotation}"

    @property
    def ts_declaration(self) -> str:
        optional = "" if self.required else "?"
        return f"{self.ts_name}{optional}: {self.type.ts};"


@dataclass(frozen=True)
class Model:
    """An object schema: a Pydantic model and a TypeScript interface."""

    name: str
    description: str
    fields: tuple[Field, ...]
    extra: Literal["forbid", "ignore"]
    depends_on: tuple[str, ...]


@dataclass(frozen=True)
class Alias:
    """A named non-object schema (string with a pattern, enum, array ...)."""

    name: str
    description: str
    type: TypeExpr
    values: tuple[str, ...] = ()  # the members of a string enum
    depends_on: tuple[str, ...] = ()


Definition = Model | Alias


@dataclass(frozen=True)
class Message:
    """One message type: its envelope model and where it travels."""

    key: str
    name: str  # the wire `type` tag
    summary: str
    description: str
    direction: Literal["client", "server"]
    envelope: Model
    payload: Field | None  # the envelope's `payload` field, if it has one
    extra_fields: tuple[Field, ...]  # envelope fields besides `type` and `payload`
    reply: str | None
    topic: str | None
    keepalive: bool  # clients send it to stay alive while idle
    examples: tuple[Any, ...]
    py_name: str  # bars_subscribe
    ts_name: str  # barsSubscribe
    const_name: str  # BARS_SUBSCRIBE


@dataclass(frozen=True)
class Operation:
    """A client -> server message with the reply it gets, if any."""

    request: Message
    reply: Message | None


@dataclass(frozen=True)
class TopicParam:
    name: str
    py_access: str  # expression on the request envelope, e.g. `message.payload.symbol`
    ts_access: str  # expression on the raw request envelope, defaults applied
    py_type: str
    ts_type: str


@dataclass(frozen=True)
class Topic:
    """A topic family: how its name is built and which messages open, close and feed it."""

    name: str
    template: str
    params: tuple[TopicParam, ...]
    subscribe: Message
    unsubscribe: Message
    update: Message
    py_format: str  # f-string body, e.g. `bars:{symbol}:{resolution}`
    ts_format: str  # template literal body, e.g. `bars:${symbol}:${resolution}`
    py_name: str
    ts_name: str


@dataclass(frozen=True)
class CloseRule:
    code: int
    name: str
    reason: str
    errors: tuple[str, ...]


@dataclass(frozen=True)
class Api:
    """Everything the templates need, in output order."""

    title: str
    version: str
    source: str  # the spec's file name, named in every header
    spec_sha256: str
    generator_version: str
    path: str
    default_url: str  # the first server's URL joined with the endpoint path
    heartbeat_interval: float
    connection_lifespan: float
    definitions: tuple[Definition, ...]
    messages: tuple[Message, ...]
    operations: tuple[Operation, ...]
    topics: tuple[Topic, ...]
    close_rules: tuple[CloseRule, ...]
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def client_messages(self) -> tuple[Message, ...]:
        return tuple(m for m in self.messages if m.direction == "client")

    @property
    def server_messages(self) -> tuple[Message, ...]:
        return tuple(m for m in self.messages if m.direction == "server")

    @property
    def topic_imports(self) -> tuple[str, ...]:
        """Model and alias names the topic helpers refer to."""
        names = {d.name for d in self.definitions}
        used = {p.py_type for t in self.topics for p in t.params} | {
            t.subscribe.payload.type.py for t in self.topics if t.subscribe.payload
        }
        return tuple(sorted(used & names))

    @property
    def handler_imports(self) -> tuple[str, ...]:
        """Payload types named in the handler interface and the typed senders."""
        names = {d.name for d in self.definitions}
        payloads = {m.payload.type.py for m in self.messages if m.payload}
        extras = {f.type.py for m in self.server_messages for f in m.extra_fields}
        return tuple(sorted((payloads | extras) & names))

    @property
    def models(self) -> tuple[Model, ...]:
        return tuple(d for d in self.definitions if isinstance(d, Model))

    @property
    def keepalive(self) -> Operation | None:
        return next((op for op in self.operations if op.request.keepalive), None)

    @property
    def client_class(self) -> str:
        return class_name(self.title) + "Client"

    def message(self, name: str) -> Message:
        return next(m for m in self.messages if m.name == name)
