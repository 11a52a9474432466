"""`x-topics` -> channel families of the IR. Every problem is collected with its JSON pointer.

A family declares its topic template and where each placeholder comes from, its messages, and
how the server carries it (`delivery`, `key`, `first`, `snapshot`, `history`, `access`; the
spec's description says what each means). What the engine relies on is checked here, so a bad
declaration fails `make generate` at once instead of a server at run time.
"""

import re
from typing import Any, Literal, cast

from .ir import JSON_INT, USER, Family, Field, Message, Model, ReplyField, Source, SpecError, TopicParam
from .loader import pointer
from .naming import camel_name, snake_name
from .schemas import SchemaConverter, pointer_join

MESSAGE_PREFIX = "#/components/messages/"
PLACEHOLDER = re.compile(r"\{([A-Za-z_][A-Za-z0-9_]*)\}")
FAMILY_NAME = re.compile(r"[a-z][a-z0-9_]{0,31}")
ROLES = {"subscribe": "subscribes to", "unsubscribe": "unsubscribes from", "update": "carries the updates of"}
CHOICES: dict[str, tuple[str, ...]] = {
    "delivery": ("latest", "stream", "snapshot"),
    "first": ("none", "last", "snapshot"),
    "access": ("public", "private"),
}
UPDATE_ENVELOPE = ("topic", "epoch", "seq")  # besides type and payload, exactly these (app/pubsub/encoding.py)
OUTCOME_FIELDS = {"status": "outcome.status", "message": "outcome.message", "topic": "outcome.topic"}


class FamilyBuilder:
    def __init__(self, doc: dict[str, Any], schemas: SchemaConverter, errors: list[SpecError]) -> None:
        self.doc, self.schemas, self.errors = doc, schemas, errors

    def error(self, ptr: str, message: str) -> None:
        self.errors.append(SpecError(ptr, message))

    def families(self, messages: tuple[Message, ...]) -> tuple[Family, ...]:
        by_name = {m.name: m for m in messages}
        raw = self.doc.get("x-topics", {})
        if not isinstance(raw, dict):
            self.error(pointer("x-topics"), f"must be a mapping, got {type(raw).__name__}")
            raw = {}
        found = []
        for name, spec in raw.items():
            ptr = pointer("x-topics", name)
            if not isinstance(spec, dict):
                self.error(ptr, f"a channel family must be a mapping, got {type(spec).__name__}")
            elif not FAMILY_NAME.fullmatch(str(name)):
                self.error(ptr, f"a family name is 1-32 of a-z, 0-9 and _, starting with a letter; got {name!r}")
            elif (family := self._family(str(name), spec, ptr, by_name)) is not None:
                found.append(family)
        for m in messages:
            if m.topic is not None and m.topic not in raw:
                self.error(MESSAGE_PREFIX + m.key + "/x-topic", f"x-topic names unknown topic {m.topic!r}")
        return tuple(found)

    def _family(self, name: str, spec: dict[str, Any], ptr: str, by_name: dict[str, Message]) -> Family | None:
        roles = self._roles(spec, ptr, by_name)
        template = str(spec.get("template", ""))
        access = self._choice(spec, "access", ptr)
        separator = "#" if access == "private" else ":"
        if not template.startswith(name + separator):
            self.error(pointer_join(ptr, "template"), f"a {access} family's topics start with `{name}{separator}`")
        params_spec = spec.get("parameters", {})
        if not isinstance(params_spec, dict):
            self.error(pointer_join(ptr, "parameters"), "must be a mapping")
            params_spec = {}
        placeholders = PLACEHOLDER.findall(template)
        for missing in sorted(set(placeholders) - set(params_spec)):
            self.error(pointer_join(ptr, "template"), f"placeholder {{{missing}}} has no parameter")
        if access == "private" and params_spec.get("user") != USER:
            self.error(pointer_join(ptr, "parameters"), f"a private family's topics end with {{user}}: `user: {USER}`")
        if len(roles) < len(ROLES):
            return None
        self._check_update(roles["update"])
        params = tuple(
            p
            for pname in placeholders
            if pname in params_spec
            and (p := self._param(pname, params_spec[pname], pointer_join(ptr, "parameters", pname), roles, access))
        )
        delivery = self._choice(spec, "delivery", ptr)
        key, key_py = self._key(spec.get("key"), pointer_join(ptr, "key"), roles["update"], delivery)
        first = self._choice(spec, "first", ptr)
        if delivery == "snapshot" and first != "snapshot":
            self.error(pointer_join(ptr, "delivery"), "a `snapshot` delivery replaces what a client missed by "
                       "the family's snapshot: it needs `first: snapshot`")
        return Family(
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
            delivery=cast(Literal["latest", "stream", "snapshot"], delivery),
            key=key,
            key_py=key_py,
            first=cast(Literal["none", "last", "snapshot"], first),
            snapshot=self._snapshot(spec, ptr, first, by_name),
            history=self._history(spec.get("history", 0), pointer_join(ptr, "history")),
            access=cast(Literal["public", "private"], access),
            subscribe_reply=self._reply(roles["subscribe"], by_name),
            unsubscribe_reply=self._reply(roles["unsubscribe"], by_name),
            source=self._source(name, spec.get("source"), pointer_join(ptr, "source"), params),
        )

    def _source(self, name: str, spec: Any, ptr: str, params: tuple[TopicParam, ...]) -> Source | None:
        """Where producers publish a derived family's changes: a topic template with some of the
        family's parameters, and the schema of what they publish there."""
        if spec is None:
            return None
        if not isinstance(spec, dict):
            self.error(ptr, f"must be a mapping with a template and a payload, got {type(spec).__name__}")
            return None
        template = str(spec.get("template", ""))
        if not template.startswith(name + ":"):
            self.error(pointer_join(ptr, "template"), f"a source's topics start with `{name}:`")
        known = {p.name: p for p in params}
        placeholders = PLACEHOLDER.findall(template)
        for unknown in sorted(set(placeholders) - set(known)):
            self.error(pointer_join(ptr, "template"), f"{{{unknown}}} is not a parameter of the family")
        ref = spec.get("payload")
        prefix = "#/components/schemas/"
        if not isinstance(ref, str) or not ref.startswith(prefix):
            self.error(pointer_join(ptr, "payload"), f"the $ref-style pointer {prefix}<name> of what producers publish")
            return None
        try:
            model = self.schemas.component(ref[len(prefix) :])
        except KeyError:
            self.error(pointer_join(ptr, "payload"), f"names nothing: {ref!r}")
            return None
        return Source(template, tuple(known[p] for p in placeholders if p in known), model)

    def _roles(self, spec: dict[str, Any], ptr: str, by_name: dict[str, Message]) -> dict[str, Message]:
        roles: dict[str, Message] = {}
        for role, duty in ROLES.items():
            role_name = spec.get(role)
            message = by_name.get(role_name) if isinstance(role_name, str) else None
            if role_name is None:
                self.error(
                    pointer_join(ptr, role), f"`{role}` is missing: name the message that {duty} this topic family"
                )
            elif message is None:
                self.error(pointer_join(ptr, role), f"names unknown message {role_name!r}")
            else:
                roles[role] = message
        return roles

    def _choice(self, spec: dict[str, Any], key: str, ptr: str) -> str:
        choices = CHOICES[key]
        value = spec.get(key, choices[0])
        if value not in choices:
            self.error(pointer_join(ptr, key), f"one of {', '.join(choices)}; got {value!r}")
            return choices[0]
        return str(value)

    def _history(self, value: Any, ptr: str) -> int:
        if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 1_000_000:
            self.error(ptr, f"how many messages each topic keeps: an integer from 0 to 1,000,000; got {value!r}")
            return 0
        return value

    def _check_update(self, update: Message) -> None:
        """The engine frames updates itself as {type, topic, epoch, seq, payload}."""
        extra = tuple(f.json_name for f in update.extra_fields)
        if sorted(extra) != sorted(UPDATE_ENVELOPE) or update.payload is None:
            self.error(
                MESSAGE_PREFIX + update.key + "/payload",
                f"a family's update frame has exactly the fields type, {', '.join(UPDATE_ENVELOPE)} and payload"
                f" (the server numbers every update); got {', '.join(('type', *extra))}"
                + (", payload" if update.payload else ""),
            )

    def _snapshot(self, spec: dict[str, Any], ptr: str, first: str, by_name: dict[str, Message]) -> Message | None:
        name = spec.get("snapshot")
        if first != "snapshot":
            if name is not None:
                self.error(pointer_join(ptr, "snapshot"), "a snapshot message needs `first: snapshot`")
            return None
        message = by_name.get(name) if isinstance(name, str) else None
        if message is None or message.direction != "server":
            self.error(
                pointer_join(ptr, "snapshot"), f"`first: snapshot` names the server message it sends; got {name!r}"
            )
        return message

    def _key(self, location: Any, ptr: str, update: Message, delivery: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
        """`/payload/time` -> (("time",), ("time",)): JSON and Python paths to an integer field."""
        if location is None:
            return (), ()
        if delivery != "latest":
            self.error(ptr, "only a `latest` family has a state key (a stream keeps every message)")
            return (), ()
        tokens = str(location).strip("/").split("/")
        if update.payload is None or update.payload.type.py == "Any":
            return (), ()  # the payload itself is broken, and reported
        model = self._model_named(update.payload.type.py)
        if tokens[0] != "payload" or len(tokens) < 2 or model is None:
            self.error(ptr, f"a key points inside the update's /payload, got {location!r}")
            return (), ()
        json_path, py_path = [], []
        field: Field | None = None
        for token in tokens[1:]:
            field = next((f for f in model.fields if f.json_name == token), None) if model else None
            if field is None or not field.required:
                self.error(ptr, f"{location!r} names no required field of {update.name!r}")
                return (), ()
            json_path.append(field.json_name)
            py_path.append(field.py_name)
            model = self._model_named(field.type.py)
        if field is None or field.type.py != JSON_INT:
            self.error(ptr, f"{location!r} must name an integer field (keys are compared as numbers)")
            return (), ()
        return tuple(json_path), tuple(py_path)

    def _param(self, name: str, location: Any, ptr: str, roles: dict[str, Message], access: str) -> TopicParam | None:
        if location == USER:
            if access != "private":
                self.error(ptr, f"`{USER}` (the connection's user) fills only a private family's topics")
                return None
            return TopicParam(name, "user", "user", "str", "string", from_user=True)
        param = self._payload_param(name, location, ptr, roles["subscribe"])
        if param is not None and self._payload_param(name, location, ptr, roles["unsubscribe"]) is None:
            return None
        return param

    def _payload_param(self, name: str, location: Any, ptr: str, request: Message) -> TopicParam | None:
        """Follow a pointer like /payload/params/resolution through the request's models."""
        tokens = str(location).strip("/").split("/")
        if tokens[0] != "payload" or len(tokens) < 2:
            self.error(ptr, f"a topic parameter must point inside /payload (or be `{USER}`), got {location!r}")
            return None
        model = self._model_named(request.payload.type.py) if request.payload else None
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
            default = _final_default(field)
            if default is None:
                self.error(ptr, f"{location!r} may be absent and has no default")
                return None
            ts = f"({ts} ?? {default})"
        integer = field.type.py == JSON_INT or self._integer_enum(field.type.py)
        return TopicParam(name, py, ts, field.type.py, field.type.ts, integer=integer)

    def _reply(self, request: Message, by_name: dict[str, Message]) -> tuple[ReplyField, ...]:
        """How the router fills the reply of a family's subscribe or unsubscribe: the service's
        outcome (status, message, topic, code) and the request's own fields (e.g. symbol)."""
        reply = by_name.get(request.reply) if request.reply else None
        ptr = MESSAGE_PREFIX + request.key + "/x-reply"
        model = self._model_named(reply.payload.type.py) if reply and reply.payload else None
        if model is None:
            self.error(ptr, "a family's subscribe and unsubscribe are answered by a reply whose payload is an object")
            return ()
        asked = self._model_named(request.payload.type.py) if request.payload else None
        asked_fields = {f.json_name: f for f in asked.fields} if asked else {}
        fields = []
        for f in model.fields:
            source = OUTCOME_FIELDS.get(f.json_name)
            if f.json_name == "code":
                fields.append(ReplyField(f.py_name, "outcome.code", optional=True))
            elif source is not None:
                fields.append(ReplyField(f.py_name, source, optional=False))
            elif (from_request := asked_fields.get(f.json_name)) is not None:
                fields.append(ReplyField(f.py_name, f"message.payload.{from_request.py_name}", not f.required))
            elif f.required:
                self.error(
                    ptr,
                    f"the reply's required field {f.json_name!r} is neither status, message, topic, code"
                    f" nor a field of {request.name!r}",
                )
        missing = [n for n in OUTCOME_FIELDS if n not in {f.json_name for f in model.fields}]
        if missing:
            self.error(ptr, f"the reply of a family's {request.name!r} needs the fields {', '.join(missing)}")
        return tuple(fields)

    def _integer_enum(self, name: str) -> bool:
        definition = self.schemas.definitions.get(name)
        values = getattr(definition, "values", ())
        return bool(values) and all(isinstance(v, int) for v in values)

    def _model_named(self, name: str) -> Model | None:
        definition = self.schemas.definitions.get(name)
        return definition if isinstance(definition, Model) else None


def _final_default(field: Field) -> str | None:
    if field.py_default is None or field.py_default.startswith("lambda"):
        return None
    return field.py_default.replace("'", '"')
