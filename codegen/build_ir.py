"""Spec document -> IR. Every problem is collected with its JSON pointer; nothing raises."""

from typing import Any, Literal

from . import VERSION
from .build_families import FamilyBuilder
from .ir import FRAME_ERROR_CODES, Api, CloseRule, Family, Message, Model, Operation, SpecError
from .loader import Spec, listed_messages, pointer, resolve_pointer
from .naming import camel_name, class_name, kebab_name, snake_name, upper_snake_name
from .schemas import SchemaConverter, pointer_join

MESSAGE_PREFIX = "#/components/messages/"
ERROR_CODE_ENUM = "#/components/schemas/ErrorCode/enum"


class IRBuilder:
    def __init__(self, spec: Spec) -> None:
        self.spec = spec
        self.doc = spec.doc
        self.errors: list[SpecError] = []
        self.schemas = SchemaConverter(self.doc, self.errors)

    def error(self, ptr: str, message: str) -> None:
        self.errors.append(SpecError(ptr, message))

    def _mapping(self, value: Any, ptr: str) -> dict[str, Any]:
        """`value` if it is a mapping; else the error is reported and an empty one stands in."""
        if isinstance(value, dict):
            return value
        self.error(ptr, f"must be a mapping, got {type(value).__name__}")
        return {}

    def _list(self, value: Any, ptr: str) -> list[Any]:
        """`value` if it is a list; else the error is reported and an empty one stands in."""
        if isinstance(value, list):
            return value
        self.error(ptr, f"must be a list, got {type(value).__name__}")
        return []

    def build(self) -> Api | None:
        version = str(self.doc.get("asyncapi", ""))
        if not version.startswith("2."):
            self.error(pointer("asyncapi"), f"AsyncAPI 2.x is required, got {version!r}")
        path = self._channel()
        messages = self._messages(path)
        operations = self._operations(messages)
        families = self._families(messages)
        info = self._mapping(self.doc.get("info", {}), pointer("info"))
        close_rules = self._close_rules()
        self._check_frame_error_codes(close_rules)
        api = Api(
            title=str(info.get("title", "")),
            version=str(info.get("version", "")),
            source=self.spec.path.name,
            spec_sha256=self.spec.sha256,
            generator_version=VERSION,
            path=path,
            default_url=self._server_url() + path,
            heartbeat_interval=self._seconds("x-heartbeat-interval"),
            connection_lifespan=self._seconds("x-connection-lifespan"),
            definitions=self.schemas.ordered(),
            messages=messages,
            operations=operations,
            families=families,
            close_rules=close_rules,
            ts_package=self._ts_package(str(info.get("title", ""))),
        )
        return None if self.errors else api

    # ---- channel and messages ----------------------------------------------------------

    def _channel(self) -> str:
        """The one channel's path: the WebSocket endpoint."""
        channels = self.doc.get("channels")
        if not isinstance(channels, dict) or len(channels) != 1:
            self.error(pointer("channels"), "exactly one channel (the WebSocket endpoint path) is supported")
            return "/"
        return str(next(iter(channels)))

    def _messages(self, path: str) -> tuple[Message, ...]:
        messages: list[Message] = []
        first_seen: dict[str, str] = {}
        referenced: set[str] = set()
        for listed in listed_messages(self.doc, self.error):
            if listed.channel != path:
                continue  # more channels are reported by _channel
            if not isinstance(listed.entry, dict):
                self.error(listed.pointer, f"must be a $ref to {MESSAGE_PREFIX}<name>, got {listed.entry!r}")
                continue
            ref = listed.entry.get("$ref", "")
            referenced.add(str(ref))
            message = self._message(ref, listed.pointer + "/$ref", listed.direction)
            if message is None:
                continue
            if message.name in first_seen:
                self.error(
                    MESSAGE_PREFIX + message.key + "/name",
                    f"duplicate message type {message.name!r} (also at {first_seen[message.name]})",
                )
                continue
            first_seen[message.name] = MESSAGE_PREFIX + message.key
            messages.append(message)
        self._check_unreferenced(referenced)
        self._check_clashes([(MESSAGE_PREFIX + m.key + "/name", m.name, m.py_name, m.ts_name) for m in messages])
        self._check_replies(messages)
        return tuple(messages)

    def _check_unreferenced(self, referenced: set[str]) -> None:
        """A message the channel does not list would be left out of everything generated."""
        components = self._mapping(self.doc.get("components", {}), pointer("components"))
        for key in self._mapping(components.get("messages", {}), pointer("components", "messages")):
            ptr = pointer("components", "messages", key)
            if ptr not in referenced:
                self.error(
                    ptr, "not referenced from the channel's publish or subscribe, so nothing is generated for it"
                )

    def _check_clashes(self, named: list[tuple[str, str, str, str]]) -> None:
        """(pointer, name, Python name, TS name) of messages or topics: two names that become one
        in code (`a.b` and `a_b`) would give duplicate methods."""
        first: dict[tuple[int, str], str] = {}
        for ptr, name, *code_names in named:
            clashes = {first.setdefault((i, code), name) for i, code in enumerate(code_names)} - {name}
            for other in sorted(clashes):
                self.error(ptr, f"{name!r} and {other!r} both become {code_names[0]!r} in generated code")

    def _message(self, ref: Any, ref_ptr: str, direction: Literal["client", "server"]) -> Message | None:
        if not isinstance(ref, str) or not ref.startswith(MESSAGE_PREFIX):
            self.error(ref_ptr, f"messages must be $refs to {MESSAGE_PREFIX}<name>, got {ref!r}")
            return None
        try:
            found = resolve_pointer(self.doc, ref)
        except KeyError:
            self.error(ref_ptr, f"unresolved $ref {ref!r}")
            return None
        key = ref[len(MESSAGE_PREFIX) :]
        if not isinstance(found, dict):
            self.error(ref, f"a message must be a mapping, got {type(found).__name__}")
            return None
        spec: dict[str, Any] = found
        name = spec.get("name")
        if not isinstance(name, str) or not name:
            self.error(ref + "/name", "every message needs a name: its wire `type`")
            return None
        # The same rule as tests/spec, reported here at once instead of by a test run later.
        for text, why in (
            ("summary", "one line, which heads its method's docstring and its entry in the API docs"),
            ("description", "what it means and when it is sent, for the API docs"),
        ):
            if not isinstance(spec.get(text), str) or not spec[text].strip():
                self.error(f"{ref}/{text}", f"every message needs a {text}: {why}")
        for ext in ("x-reply", "x-topic"):
            if not isinstance(spec.get(ext, ""), str):
                self.error(f"{ref}/{ext}", f"must be a name (a string), got {spec[ext]!r}")
                return None
        envelope = self._envelope(key, name, spec.get("payload"), ref + "/payload")
        if envelope is None:
            return None
        fields = {f.json_name: f for f in envelope.fields}
        return Message(
            key=key,
            name=name,
            summary=str(spec.get("summary", "")).strip(),
            description=str(spec.get("description", "")).strip(),
            direction=direction,
            envelope=envelope,
            payload=fields.get("payload"),
            extra_fields=tuple(f for n, f in fields.items() if n not in ("type", "payload")),
            reply=spec.get("x-reply"),
            topic=spec.get("x-topic"),
            keepalive=spec.get("x-keepalive") is True,
            examples=tuple(
                e.get("payload") for e in self._list(spec.get("examples", []), ref + "/examples") if isinstance(e, dict)
            ),
            py_name=snake_name(name),
            ts_name=camel_name(name),
            const_name=upper_snake_name(name),
        )

    def _envelope(self, key: str, name: str, schema: Any, ptr: str) -> Model | None:
        """The message payload describes the whole frame; its `type` must be the message name."""
        properties = schema.get("properties") if isinstance(schema, dict) else None
        type_schema = properties.get("type") if isinstance(properties, dict) else None
        if not isinstance(type_schema, dict) or type_schema.get("const") != name:
            self.error(ptr, f"the frame schema needs a property `type` with const {name!r}")
            return None
        cls = class_name(key) + "Message"
        self.schemas.define(cls, schema, ptr)
        envelope = self.schemas.definitions.get(cls)
        return envelope if isinstance(envelope, Model) else None

    def _check_replies(self, messages: list[Message]) -> None:
        by_name = {m.name: m for m in messages}
        for m in messages:
            ptr = MESSAGE_PREFIX + m.key + "/x-reply"
            if m.reply is None:
                continue
            reply = by_name.get(m.reply)
            if reply is None:
                self.error(ptr, f"x-reply names unknown message {m.reply!r}")
            elif m.direction != "client" or reply.direction != "server":
                self.error(ptr, "only client -> server messages have replies, and replies go server -> client")

    def _operations(self, messages: tuple[Message, ...]) -> tuple[Operation, ...]:
        by_name = {m.name: m for m in messages}
        return tuple(
            Operation(request=m, reply=by_name.get(m.reply) if m.reply else None)
            for m in messages
            if m.direction == "client"
        )

    # ---- channel families ------------------------------------------------------------

    def _families(self, messages: tuple[Message, ...]) -> tuple[Family, ...]:
        families = FamilyBuilder(self.doc, self.schemas, self.errors).families(messages)
        self._check_clashes([(pointer("x-topics", f.name), f.name, f.py_name, f.ts_name) for f in families])
        return families

    def _ts_package(self, title: str) -> str:
        """The npm name of the TS client: from the spec's `id` (urn:trading-ws), else its title."""
        ident = str(self.doc.get("id", "")).rsplit(":", 1)[-1]
        return kebab_name(ident or title) + "-client"

    def _server_url(self) -> str:
        servers = self.doc.get("servers")
        first: Any = next(iter(servers.values()), None) if isinstance(servers, dict) else None
        if not isinstance(first, dict) or "url" not in first:
            self.error(pointer("servers"), "a server with a url is required (clients default to it)")
            return ""
        return str(first["url"]).rstrip("/")

    # ---- connection rules --------------------------------------------------------------

    def _seconds(self, key: str) -> float:
        value = self.doc.get(key)
        if isinstance(value, bool) or not isinstance(value, (int, float)) or value <= 0:
            self.error(pointer(key), "a positive number of seconds is required")
            return 0.0
        return float(value)

    def _close_rules(self) -> tuple[CloseRule, ...]:
        rules = []
        closing: dict[str, str] = {}  # error code -> the close code entry that lists it
        for i, entry in enumerate(self._list(self.doc.get("x-close-codes", []), pointer("x-close-codes"))):
            ptr = pointer("x-close-codes", i)
            if not isinstance(entry, dict):
                self.error(ptr, f"a close code must be a mapping, got {type(entry).__name__}")
                continue
            code, name, reason = entry.get("code"), entry.get("name"), entry.get("reason")
            errors, retry = entry.get("errors", []), entry.get("retry")
            if isinstance(code, bool) or not isinstance(code, int) or not 1000 <= code <= 4999:
                self.error(pointer_join(ptr, "code"), f"not a WebSocket close code: {code!r}")
            elif not isinstance(name, str) or not name.isidentifier() or not isinstance(reason, str):
                self.error(ptr, "a close code needs a name (an identifier) and a reason")
            elif not isinstance(errors, list) or not all(isinstance(e, str) for e in errors):
                self.error(pointer_join(ptr, "errors"), "must be a list of error codes (strings)")
            elif not isinstance(retry, bool):
                self.error(pointer_join(ptr, "retry"), "say whether reconnecting can help: `retry: true` or `false`")
            else:
                for error in errors:
                    if closing.setdefault(error, ptr) != ptr:
                        self.error(pointer_join(ptr, "errors"), f"{error!r} is listed at {closing[error]} already")
                rules.append(CloseRule(code, name, reason, tuple(errors), retry))
        return tuple(rules)

    def _check_frame_error_codes(self, rules: tuple[CloseRule, ...]) -> None:
        """The generated router raises these codes for a frame it cannot accept: the spec must
        say how each closes the connection, and list it among its error codes when it has them."""
        closing = {code for rule in rules for code in rule.errors}
        unlisted = [code for code in FRAME_ERROR_CODES if code not in closing]
        if unlisted:
            self.error(
                pointer("x-close-codes"), f"the generated router raises {unlisted}: list each under a close code"
            )
        try:
            enum = resolve_pointer(self.doc, ERROR_CODE_ENUM)
        except KeyError:
            return  # the spec names no error codes beyond x-close-codes
        missing = [code for code in FRAME_ERROR_CODES if isinstance(enum, list) and code not in enum]
        if missing:
            self.error(ERROR_CODE_ENUM, f"the generated router raises {missing}: add them to the enum")


def build_api(spec: Spec) -> tuple[Api | None, list[SpecError]]:
    builder = IRBuilder(spec)
    api = builder.build()
    return api, builder.errors
