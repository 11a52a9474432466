"""The intermediate model: what the templates lay out. Names, types and defaults are final here."""

import json
import re
from dataclasses import dataclass, field
from typing import Any, Literal

from .naming import camel_name, class_name, ts_check_name, upper_snake_name

JSON_INT = "JsonInt"  # models.py's integer: JSON Schema's, which counts 2.0 and 1e6 as integers
NOT_NULL = "NotNull"  # models.py's marker refusing an explicit null for an optional field
# The error codes the generated router raises for a client frame it cannot accept
# (templates/python/router.py.jinja); build_ir checks that the spec lists each.
FRAME_ERROR_CODES = ("invalid_json", "invalid_frame", "unknown_type", "validation_error")
# Names models.py defines or imports itself; a schema must not take one of them.
MODELS_MODULE_NAMES = frozenset(
    {JSON_INT, NOT_NULL, "Annotated", "Any", "Literal", "Union", "BaseModel", "BeforeValidator", "ConfigDict"}
    | {"Field", "TypeAdapter", "ClientMessage", "ServerMessage"}
)


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
    # A runtime check of the TS client: a combinator of its validate.ts (imported as `v`) or the
    # generated check of a named definition, e.g. `v.arrayOf(checkErrorDetail)`.
    ts_check: str = "v.unknown"


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
    ts_check: str = "v.unknown"  # the value's runtime check: its type's, then its constraints

    @property
    def ts_field_check(self) -> str:
        """The field's entry in its model's object check, e.g. `v.required(checkSymbol)`."""
        return f"v.{'required' if self.required else 'optional'}({self.ts_check})"

    @property
    def py_annotation(self) -> str:
        return f"{self.type.py} | None" if self.py_none_means_absent else self.type.py

    @property
    def py_none_means_absent(self) -> bool:
        """Optional without a default: None is the value when the field is left out."""
        return not self.required and self.py_default is None

    @property
    def py_model_annotation(self) -> str:
        """The annotation inside the model, where an explicit None is refused (NotNull), as JSON
        Schema refuses null for a type that does not allow it."""
        if self.py_none_means_absent:
            return f"Annotated[{self.py_annotation}, {NOT_NULL}]"
        return self.py_annotation

    @property
    def py_declaration(self) -> str:
        """The full class-body line, e.g. `volume: JsonInt = Field(ge=0)`."""
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
            return f"{self.py_name}: {self.py_model_annotation} = Field({', '.join(kwargs)})"
        if default is not None:
            return f"{self.py_name}: {self.py_model_annotation} = {default}"
        return f"{self.py_name}: {self.py_model_annotation}"

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

    macro = "model"  # the TS template macro that lays it out

    @property
    def ts_check_name(self) -> str:
        return ts_check_name(self.name)


@dataclass(frozen=True)
class Alias:
    """A named non-object schema (string with a pattern, enum, array ...)."""

    name: str
    description: str
    type: TypeExpr
    values: tuple[str, ...] = ()  # the members of a string enum
    depends_on: tuple[str, ...] = ()
    ts_check: str = "v.unknown"  # runtime check of the TS client, constraints included

    @property
    def const_name(self) -> str:
        """`ErrorCode` -> `ERROR_CODE`, for its constants."""
        return upper_snake_name(self.name)

    macro = "alias"  # the TS template macro that lays it out

    @property
    def ts_check_name(self) -> str:
        return ts_check_name(self.name)

    @property
    def ts_values_name(self) -> str:
        """The TS constant listing an enum's values, e.g. `ERROR_CODE_VALUES`."""
        return upper_snake_name(self.name) + "_VALUES"


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

    @property
    def ts_args(self) -> tuple[tuple[Field, str], ...]:
        """The envelope fields a TS client method takes, with parameter names; required first."""
        fields = sorted((f for f in self.envelope.fields if f.const is None), key=lambda f: not f.required)
        return tuple((f, camel_name(f.json_name)) for f in fields)

    @property
    def ts_params(self) -> str:
        """The TS client method's parameter list, e.g. `payload: SubscriptionRequest`."""
        return ", ".join(f"{name}{'' if f.required else '?'}: {f.type.ts}" for f, name in self.ts_args)

    @property
    def ts_frame(self) -> str:
        """A TS object literal of the whole frame built from the parameters."""
        consts = [f"{f.ts_name}: {json.dumps(f.const)}" for f in self.envelope.fields if f.const is not None]
        args = []
        for f, name in self.ts_args:
            entry = name if name == f.ts_name else f"{f.ts_name}: {name}"
            args.append(entry if f.required else f"...({name} === undefined ? {{}} : {{ {entry} }})")
        return "{ " + ", ".join(consts + args) + " }"


@dataclass(frozen=True)
class Operation:
    """A client -> server message with the reply it gets, if any."""

    request: Message
    reply: Message | None

    @property
    def ts_result(self) -> str:
        """What the TS client method resolves to: the reply's payload, or nothing."""
        payload = self.reply.payload if self.reply else None
        if payload is None:
            return "void"
        return payload.type.ts if payload.required else f"{payload.type.ts} | undefined"

    @property
    def ts_reply_type(self) -> str:
        return self.reply.envelope.name if self.reply else "undefined"

    @property
    def ts_unwrap(self) -> str:
        """A TS function from the reply to the result."""
        return "(reply) => reply.payload" if self.reply and self.reply.payload else "() => undefined"


USER = "$user"  # a topic parameter filled with the connection's authenticated user (private families)


@dataclass(frozen=True)
class TopicParam:
    name: str
    py_access: str  # expression on the request payload (`payload.symbol`), or `user`
    ts_access: str  # expression on the raw request envelope, defaults applied
    py_type: str
    ts_type: str
    from_user: bool = False  # `$user`: the connection's user, not a field of the request
    integer: bool = False  # an integer parameter: its text in a topic is read as a number

    @property
    def py_check(self) -> str:
        """The Python type a topic's value for this parameter is validated with."""
        return "str" if self.from_user else self.py_type


@dataclass(frozen=True)
class ReplyField:
    """One field of a family's subscribe or unsubscribe reply, and the expression that fills it
    in the generated router (`outcome.status`, `message.payload.symbol`, ...)."""

    py_name: str
    source: str
    optional: bool  # set only when the source is not None


@dataclass(frozen=True)
class Source:
    """Where producers publish a derived family's changes (`x-topics.<family>.source`)."""

    template: str
    params: tuple[TopicParam, ...]
    payload: str  # the model of what is published there

    @property
    def topic_regex(self) -> str:
        return topic_regex(self.template)


def topic_regex(template: str) -> str:
    """A topic template as a regular expression with a named group per parameter.

    A parameter holds no separator (`:` `#`), whitespace, quote or backslash, except the last
    one at the very end, which may hold separators (a user id); each value is then checked
    with its parameter's own type."""
    parts = re.split(r"\{([A-Za-z_][A-Za-z0-9_]*)\}", template)
    regex = ""
    for i, part in enumerate(parts):
        if i % 2 == 0:
            regex += re.escape(part)
        else:
            last = i == len(parts) - 2 and parts[-1] == ""
            regex += f"(?P<{part}>" + (r'[^\s"\\]+' if last else r'[^:#\s"\\]+') + ")"
    return regex


@dataclass(frozen=True)
class Family:
    """A channel family (`x-topics`): how its topics are named, which messages open, close and
    feed them, and how the server carries them."""

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
    delivery: Literal["latest", "stream", "snapshot"] = "latest"
    key: tuple[str, ...] = ()  # JSON names from the update's payload to its integer state key
    key_py: tuple[str, ...] = ()  # the same path as Python attribute names
    first: Literal["none", "last", "snapshot"] = "none"
    snapshot: Message | None = None
    history: int = 0
    access: Literal["public", "private"] = "public"
    subscribe_reply: tuple[ReplyField, ...] = ()
    unsubscribe_reply: tuple[ReplyField, ...] = ()
    source: Source | None = None

    @property
    def const_name(self) -> str:
        """`bars` -> `BARS`: the family's entry in the generated table."""
        return upper_snake_name(self.name)

    @property
    def topic_regex(self) -> str:
        return topic_regex(self.template)

    @property
    def py_topic_fstring(self) -> str:
        """The template as an f-string body over the request `payload` and `user`."""
        access = {p.name: p.py_access for p in self.params}
        return re.sub(r"\{([A-Za-z_][A-Za-z0-9_]*)\}", lambda m: "{" + access[m.group(1)] + "}", self.template)

    @property
    def label(self) -> str:
        """What a reply's message names ("Subscribed to AAPL"): the first parameter that comes
        from the request, else the family's name."""
        first = next((p for p in self.params if not p.from_user), None)
        return f"str({first.py_access})" if first else repr(self.name)

    @property
    def ts_subscribe_name(self) -> str:
        """The TS client's subscription method, e.g. `subscribeBars`."""
        return "subscribe" + class_name(self.name)

    @property
    def ts_message_type(self) -> str:
        """What a topic method's listener is handed whole: the update frame (or the snapshot)."""
        return self.update.envelope.name + (f" | {self.snapshot.envelope.name}" if self.snapshot else "")

    @property
    def ts_topic_type(self) -> str:
        """The TS type of the update's `topic` envelope field (build_ir checks it exists)."""
        return next(f.type.ts for f in self.update.extra_fields if f.json_name == "topic")


@dataclass(frozen=True)
class CloseRule:
    code: int
    name: str
    reason: str
    errors: tuple[str, ...]
    retry: bool = True  # whether reconnecting can help after this close


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
    families: tuple[Family, ...]
    close_rules: tuple[CloseRule, ...]
    extra: dict[str, Any] = field(default_factory=dict)
    ts_package: str = "client"  # the npm package name of the TS client

    @property
    def enums(self) -> tuple[Alias, ...]:
        return tuple(d for d in self.definitions if isinstance(d, Alias) and d.values)

    @property
    def client_definitions(self) -> tuple[Definition, ...]:
        """The definitions client -> server frames use (the TS client checks them), in order."""
        by_name = {d.name: d for d in self.definitions}
        needed: set[str] = set()
        todo = [m.envelope.name for m in self.client_messages]
        while todo:
            name = todo.pop()
            if name in by_name and name not in needed:
                needed.add(name)
                todo.extend(by_name[name].depends_on)
        return tuple(d for d in self.definitions if d.name in needed)

    @property
    def server_routes(self) -> tuple[tuple[str, str], ...]:
        """Each server message type with how the TS client routes it: reply, update or event."""
        replies = {op.reply.name for op in self.operations if op.reply}
        updates = {t.update.name for t in self.families} | {t.snapshot.name for t in self.families if t.snapshot}
        return tuple(
            (m.name, "reply" if m.name in replies else "update" if m.name in updates else "event")
            for m in self.server_messages
        )

    @property
    def ts_client_imports(self) -> tuple[str, ...]:
        """Definitions the TS client class names in its signatures."""
        types = [t for op in self.operations for t in (op.request.ts_params, op.ts_reply_type, op.ts_result)]
        for topic in self.public_families:
            update = topic.update
            types += [update.envelope.name, update.payload.type.ts if update.payload else "", topic.ts_topic_type]
            types += [topic.snapshot.envelope.name] if topic.snapshot else []
        return self._ts_names(types)

    @property
    def ts_protocol_imports(self) -> tuple[str, ...]:
        """Definitions the TS topic helpers name."""
        types = [p.ts_type for t in self.public_families for p in t.params]
        return self._ts_names(
            types + [t.subscribe.payload.type.ts for t in self.public_families if t.subscribe.payload]
        )

    def _ts_names(self, types: list[str]) -> tuple[str, ...]:
        """The definition names that occur in TS type strings (string literals aside)."""
        names = {d.name for d in self.definitions}
        words = {w for t in types for w in re.findall(r"[A-Za-z_$][\w$]*", re.sub(r'"(?:[^"\\]|\\.)*"', "", t))}
        return tuple(sorted(words & names))

    def family_route(self, op: Operation) -> tuple[Family, Literal["subscribe", "unsubscribe"]] | None:
        """The family whose own subscribe or unsubscribe message `op` is, and which of the two."""
        for family in self.families:
            if op.request is family.subscribe:
                return family, "subscribe"
            if op.request is family.unsubscribe:
                return family, "unsubscribe"
        return None

    @property
    def public_families(self) -> tuple[Family, ...]:
        """Families whose topics a client names itself (a private topic is the connection's user's)."""
        return tuple(f for f in self.families if f.access == "public")

    @property
    def ts_families_imports(self) -> tuple[str, ...]:
        """Definitions the TS family table names (the subscribe payloads of public families)."""
        return self._ts_names([f.subscribe.payload.type.ts for f in self.public_families if f.subscribe.payload])

    @property
    def handler_operations(self) -> tuple[Operation, ...]:
        """Operations with a handler method of their own: all but the families' (un)subscribes,
        which the router sends to the generic `join_topic` / `leave_topic`."""
        return tuple(op for op in self.operations if self.family_route(op) is None)

    @property
    def families_imports(self) -> tuple[str, ...]:
        """Model and alias names the family table refers to."""
        used = [p.py_check for f in self.families for p in f.params]
        for family in self.families:
            used += [family.update.envelope.name, family.update.payload.type.py if family.update.payload else ""]
            used += [family.source.payload] if family.source else []
            used += [family.snapshot.envelope.name] if family.snapshot else []
            used += [family.subscribe.payload.type.py if family.subscribe.payload else ""]
        return self._py_names(used)

    def operation_of(self, message_name: str) -> Operation:
        return next(op for op in self.operations if op.request.name == message_name)

    @property
    def ts_keepalive_frame(self) -> str:
        """The TS literal of the frame a TS client sends to stay alive, or `null`."""
        op = self.keepalive
        return op.request.ts_frame if op and not op.request.ts_args else "null"

    @property
    def client_messages(self) -> tuple[Message, ...]:
        return tuple(m for m in self.messages if m.direction == "client")

    @property
    def server_messages(self) -> tuple[Message, ...]:
        return tuple(m for m in self.messages if m.direction == "server")

    @property
    def topic_imports(self) -> tuple[str, ...]:
        """Model and alias names the topic helpers refer to."""
        used = [p.py_type for t in self.public_families for p in t.params]
        return self._py_names(used + [t.subscribe.payload.type.py for t in self.public_families if t.subscribe.payload])

    @property
    def handler_imports(self) -> tuple[str, ...]:
        """Payload types named in the handler interface and the typed senders."""
        payloads = [m.payload.type.py for m in self.messages if m.payload]
        extras = [f.type.py for m in self.server_messages for f in m.extra_fields]
        return self._py_names(payloads + extras)

    def _py_names(self, types: list[str]) -> tuple[str, ...]:
        """The names from models.py that occur in Python type strings (string literals aside)."""
        names = {d.name for d in self.definitions} | {JSON_INT}
        unquoted = (re.sub(r"'(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\"", "", t) for t in types)
        return tuple(sorted({w for t in unquoted for w in re.findall(r"[A-Za-z_]\w*", t)} & names))

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
