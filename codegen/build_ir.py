"""Spec document -> IR. Every problem is collected with its JSON pointer; nothing raises."""

import re
from typing import Any, Literal

from . import VERSION
from .ir import Api, CloseRule, Field, Message, Model, Operation, SpecError, Topic, TopicParam
from .loader import Spec, pointer, resolve_pointer
from .naming import camel_name, class_name, kebab_name, snake_name, upper_snake_name
from .schemas import SchemaConverter, pointer_join

MESSAGE_PREFIX = "#/components/messages/"
DIRECTIONS: dict[str, Literal["client", "server"]] = {"publish": "client", "subscribe": "server"}
PLACEHOLDER = re.compile(r"\{([A-Za-z_][A-Za-z0-9_]*)\}")


class IRBuilder:
    def __init__(self, spec: Spec) -> None:
        self.spec = spec
        self.doc = spec.doc
        self.errors: list[SpecError] = []
        self.schemas = SchemaConverter(self.doc, self.errors)

    def error(self, ptr: str, message: str) -> None:
        self.errors.append(SpecError(ptr, message))

    def build(self) -> Api | None:
        version = str(self.doc.get("asyncapi", ""))
        if not version.startswith("2."):
            self.error(pointer("asyncapi"), f"AsyncAPI 2.x is required, got {version!r}")
        path, channel = self._channel()
        messages = self._messages(channel, path)
        operations = self._operations(messages)
        topics = self._topics(messages)
        info = self.doc.get("info", {})
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
            topics=topics,
            close_rules=self._close_rules(),
            ts_package=self._ts_package(str(info.get("title", ""))),
        )
        return None if self.errors else api

    # ---- channel and messages ----------------------------------------------------------

    def _channel(self) -> tuple[str, dict[str, Any]]:
        channels = self.doc.get("channels")
        if not isinstance(channels, dict) or len(channels) != 1:
            self.error(pointer("channels"), "exactly one channel (the WebSocket endpoint path) is supported")
            return "/", {}
        path, channel = next(iter(channels.items()))
        return str(path), channel if isinstance(channel, dict) else {}

    def _messages(self, channel: dict[str, Any], path: str) -> tuple[Message, ...]:
        messages: list[Message] = []
        first_seen: dict[str, str] = {}
        for operation, direction in DIRECTIONS.items():
            op_ptr = pointer("channels", path, operation)
            for ref_ptr, ref in self._message_refs(channel.get(operation), op_ptr):
                message = self._message(ref, ref_ptr, direction)
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
        self._check_replies(messages)
        return tuple(messages)

    def _message_refs(self, operation: Any, op_ptr: str) -> list[tuple[str, str]]:
        if operation is None:
            return []
        message = operation.get("message", {}) if isinstance(operation, dict) else {}
        if "oneOf" in message:
            items = message["oneOf"]
            base = pointer_join(op_ptr, "message", "oneOf")
            return [(pointer_join(base, i, "$ref"), item.get("$ref", "")) for i, item in enumerate(items)]
        return [(pointer_join(op_ptr, "message", "$ref"), message.get("$ref", ""))]

    def _message(self, ref: str, ref_ptr: str, direction: Literal["client", "server"]) -> Message | None:
        if not ref.startswith(MESSAGE_PREFIX):
            self.error(ref_ptr, f"messages must be $refs to {MESSAGE_PREFIX}<name>, got {ref!r}")
            return None
        try:
            spec = resolve_pointer(self.doc, ref)
        except KeyError:
            self.error(ref_ptr, f"unresolved $ref {ref!r}")
            return None
        key = ref[len(MESSAGE_PREFIX) :]
        name = spec.get("name")
        if not isinstance(name, str) or not name:
            self.error(ref + "/name", "every message needs a name: its wire `type`")
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
            examples=tuple(e.get("payload") for e in spec.get("examples", []) if isinstance(e, dict)),
            py_name=snake_name(name),
            ts_name=camel_name(name),
            const_name=upper_snake_name(name),
        )

    def _envelope(self, key: str, name: str, schema: Any, ptr: str) -> Model | None:
        """The message payload describes the whole frame; its `type` must be the message name."""
        type_schema = schema.get("properties", {}).get("type") if isinstance(schema, dict) else None
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

    # ---- topics ------------------------------------------------------------------------

    def _topics(self, messages: tuple[Message, ...]) -> tuple[Topic, ...]:
        by_name = {m.name: m for m in messages}
        raw = self.doc.get("x-topics", {})
        topics = [self._topic(name, spec, pointer("x-topics", name), by_name) for name, spec in raw.items()]
        for m in messages:
            if m.topic is not None and m.topic not in raw:
                self.error(MESSAGE_PREFIX + m.key + "/x-topic", f"x-topic names unknown topic {m.topic!r}")
        return tuple(t for t in topics if t is not None)

    def _topic(self, name: str, spec: Any, ptr: str, by_name: dict[str, Message]) -> Topic | None:
        roles: dict[str, Message] = {}
        for role in ("subscribe", "unsubscribe", "update"):
            message = by_name.get(spec.get(role, ""))
            if message is None:
                self.error(pointer_join(ptr, role), f"names unknown message {spec.get(role)!r}")
            else:
                roles[role] = message
        template = str(spec.get("template", ""))
        params_spec = spec.get("parameters", {})
        placeholders = PLACEHOLDER.findall(template)
        for missing in sorted(set(placeholders) - set(params_spec)):
            self.error(pointer_join(ptr, "template"), f"placeholder {{{missing}}} has no parameter")
        if len(roles) < 3:
            return None
        if "topic" not in {f.json_name for f in roles["update"].extra_fields}:
            self.error(MESSAGE_PREFIX + roles["update"].key + "/payload", "a topic update needs a `topic` field")
        params = tuple(
            p
            for p in (
                self._topic_param(pname, params_spec[pname], pointer_join(ptr, "parameters", pname), roles["subscribe"])
                for pname in placeholders
                if pname in params_spec
            )
            if p is not None
        )
        return Topic(
            name=name,
            template=template,
            params=params,
            subscribe=roles["subscribe"],
            unsubscribe=roles["unsubscribe"],
            update=roles["update"],
            py_format=template,
            ts_format=PLACEHOLDER.sub(r"${\1}", template),
            py_name=snake_name(name),
            ts_name=camel_name(name),
        )

    def _topic_param(self, name: str, location: Any, ptr: str, request: Message) -> TopicParam | None:
        """Follow a pointer like /payload/params/resolution through the request's models."""
        tokens = str(location).strip("/").split("/")
        if tokens[0] != "payload" or len(tokens) < 2:
            self.error(ptr, f"a topic parameter must point inside /payload, got {location!r}")
            return None
        model = self._payload_model(request)
        py, ts = "payload", "payload"
        optional_seen = False
        field: Field | None = None
        for token in tokens[1:]:
            field = next((f for f in model.fields if f.json_name == token), None) if model else None
            if field is None:
                self.error(ptr, f"{location!r} names no field of {request.name!r}")
                return None
            if not field.required and field.py_default is None:
                self.error(ptr, f"{location!r} crosses optional field {token!r} that has no default")
                return None
            py += f".{field.py_name}"
            ts += ("?." if optional_seen else ".") + field.ts_name
            optional_seen = optional_seen or not field.required
            model = self._model_named(field.type.py)
        assert field is not None
        if optional_seen:
            default = self._final_default(field)
            if default is None:
                self.error(ptr, f"{location!r} may be absent and has no default")
                return None
            ts = f"({ts} ?? {default})"
        return TopicParam(name, py, ts, field.type.py, field.type.ts)

    def _payload_model(self, request: Message) -> Model | None:
        return self._model_named(request.payload.type.py) if request.payload else None

    def _model_named(self, name: str) -> Model | None:
        definition = self.schemas.definitions.get(name)
        return definition if isinstance(definition, Model) else None

    @staticmethod
    def _final_default(field: Field) -> str | None:
        if field.py_default is None or field.py_default.startswith("lambda"):
            return None
        return field.py_default.replace("'", '"')

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
        if not isinstance(value, (int, float)) or value <= 0:
            self.error(pointer(key), "a positive number of seconds is required")
            return 0.0
        return float(value)

    def _close_rules(self) -> tuple[CloseRule, ...]:
        rules = []
        for i, raw in enumerate(self.doc.get("x-close-codes", [])):
            ptr = pointer("x-close-codes", i)
            code, name, reason = raw.get("code"), raw.get("name"), raw.get("reason")
            errors = raw.get("errors", [])
            if not isinstance(code, int) or not 1000 <= code <= 4999:
                self.error(pointer_join(ptr, "code"), f"not a WebSocket close code: {code!r}")
            elif not isinstance(name, str) or not isinstance(reason, str) or not isinstance(errors, list):
                self.error(ptr, "a close code needs a name, a reason and a list of error codes")
            else:
                rules.append(CloseRule(code, name, reason, tuple(errors)))
        return tuple(rules)


def build_api(spec: Spec) -> tuple[Api | None, list[SpecError]]:
    builder = IRBuilder(spec)
    api = builder.build()
    return api, builder.errors
