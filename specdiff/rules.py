"""Every rule specdiff applies, with its kind for each direction a message travels.

Who reads a message decides what breaks. For a client -> server message (the channel's
`publish` operation) the *server* is the reader and deployed clients are the writers: the new
server must still accept everything old clients send, so any change that makes the accepted
set smaller is breaking and one that makes it larger is additive. For a server -> client
message (`subscribe`) deployed *clients* are the readers: everything the new server sends
must still be accepted by old clients, so the rule flips. The decisions below follow from that;
the ones that are a choice rather than a consequence are marked DECISION.

| rule                      | client -> server | server -> client |
|---------------------------|------------------|------------------|
| field-removed             | breaking         | breaking         |
| field-added-optional      | additive         | additive         |
| field-added-required      | breaking         | additive         |
| field-made-required       | breaking         | additive         |
| field-made-optional       | additive         | breaking         |
| enum-narrowed             | breaking         | breaking         |
| enum-widened              | additive         | breaking         |
| extensible-enum-widened   | additive         | additive         |
| constraint-tightened      | breaking         | additive         |
| constraint-loosened       | additive         | breaking         |
| constraint-changed        | breaking         | breaking         |
| type-changed              | breaking         | breaking         |
| default-changed           | breaking         | other            |
| schema-unclassified       | breaking         | breaking         |

- field-removed is breaking both ways: old clients still send the field and the server would
  silently drop (or reject) it; old clients reading a server message rely on it. A renamed
  field is reported as field-removed plus field-added-*, with a rename hint.
- field-added-required / field-made-required on a server message is additive (DECISION):
  the server now always sends something old clients either ignore (generated models use
  `extra="ignore"`) or already handle when present.
- field-made-optional on a server message is breaking: clients relied on it being there.
- enum-narrowed is breaking both ways (DECISION for server messages): old clients send the
  removed value; for server messages the dropped value is behaviour clients were coded
  against, and the generated `Literal` type loses it, breaking client code that names it.
- enum-widened on a server message is breaking (DECISION): clients are strict. The
  generated Python models are `strict=True` with `Literal` enums, so an old client fails to
  validate a frame carrying the new value. A missing enum counts as "any value", so adding
  an enum narrows and removing one widens.
- extensible-enum-widened is additive both ways: an enum marked `x-extensible-enum: true`
  (error codes, say) promises readers more values later, and the generated types accept any
  string for it, so new values break no client.
- constraint-* covers bounds (minimum, maxLength, minItems, ...), pattern, format,
  multipleOf, uniqueItems and `additionalProperties: false`, and `items` appearing or going.
  A raised lower / lowered upper bound, or a new pattern, tightens; a changed pattern or
  format cannot be ordered and is constraint-changed. Loosening a server message's bound is
  breaking for the same strict-client reason as a widened enum (generated models check
  `pattern` and bounds).
- default-changed matters only where old clients may omit the field (it was optional in the
  base): the server would fill in a different value for them. For server messages a default
  is documentation only, hence "other".
- schema-unclassified: a schema keyword specdiff does not model (oneOf, allOf, not, ...)
  changed. It is breaking so that nothing passes the gate unreviewed, which is the gap
  @asyncapi/diff leaves ("unclassified" payload changes).

Rules outside payload schemas have one kind whatever the direction:

- breaking: message-removed, message-direction-changed, reply-changed, reply-removed,
  message-topic-changed, keepalive-removed, operation-removed, channel-removed,
  channel-bindings-changed, topic-removed, topic-template-changed, topic-parameters-changed,
  topic-binding-changed, topic-policy-changed, close-code-removed, close-code-changed,
  close-reason-changed, heartbeat-lowered (clients pinging at the old interval would be timed
  out), server-removed, server-changed (generated clients default to the spec's server URL).
- additive: message-added (the generated client drops frames of unknown types),
  reply-added, keepalive-added, operation-added, channel-added, topic-added,
  close-code-added, heartbeat-raised, server-added.
- other: operation-id-changed (not on the wire, and codegen does not name code after it),
  lifespan-changed (clients must reconnect after the lifespan anyway), topic-history-changed.

A channel family (an `x-topics` entry) also says how the server carries it. A key left out
means its default: `delivery: latest`, no `key`, `first: none`, no `snapshot`, `history: 0`,
`access: public`; so writing out a default is no change, and adding a key with another value
changes it from the default.

- topic-policy-changed is breaking: `delivery` (latest: newer states replace pending older
  ones; stream: every message or a close), `key` (which updates replace one another),
  `first` and `snapshot` (what a new subscriber receives right after the reply) and `access`
  (public, or one private topic per user) are what clients were written against: which
  messages they may miss, what they see first, which topics they may hold.
- topic-history-changed is other (DECISION): how many messages the server keeps per topic
  bounds how far `since` recovery and the history endpoint reach, but a client must already
  handle `recovered: false` (and a short history) whenever the kept messages do not cover
  its gap, so neither a longer nor a shorter history breaks one.

Not compared: info (except the version, see `version`), tags, descriptions, titles,
examples, and message/schema `x-` extensions other than x-reply, x-topic and x-keepalive.
"""

from dataclasses import dataclass
from typing import Literal

Kind = Literal["breaking", "additive", "other"]
KINDS: tuple[Kind, ...] = ("breaking", "additive", "other")

CLIENT_SENT = "client->server"  # published by clients: the server reads it
SERVER_SENT = "server->client"  # subscribed to by clients: clients read it
DIRECTIONS = {"publish": CLIENT_SENT, "subscribe": SERVER_SENT}


@dataclass(frozen=True)
class Rule:
    client_sent: Kind
    server_sent: Kind

    def kind(self, direction: str | None) -> Kind:
        return self.server_sent if direction == SERVER_SENT else self.client_sent


def _same(kind: Kind) -> Rule:
    return Rule(kind, kind)


SCHEMA_RULES: dict[str, Rule] = {
    "field-removed": _same("breaking"),
    "field-added-optional": _same("additive"),
    "field-added-required": Rule("breaking", "additive"),
    "field-made-required": Rule("breaking", "additive"),
    "field-made-optional": Rule("additive", "breaking"),
    "enum-narrowed": _same("breaking"),
    "enum-widened": Rule("additive", "breaking"),
    "extensible-enum-widened": _same("additive"),
    "constraint-tightened": Rule("breaking", "additive"),
    "constraint-loosened": Rule("additive", "breaking"),
    "constraint-changed": _same("breaking"),
    "type-changed": _same("breaking"),
    "default-changed": Rule("breaking", "other"),
    "schema-unclassified": _same("breaking"),
}

_BREAKING = """message-removed message-direction-changed reply-changed reply-removed
    message-topic-changed keepalive-removed operation-removed channel-removed
    channel-bindings-changed topic-removed topic-template-changed topic-parameters-changed
    topic-binding-changed topic-policy-changed close-code-removed close-code-changed
    close-reason-changed heartbeat-lowered server-removed server-changed"""
_ADDITIVE = """message-added reply-added keepalive-added operation-added channel-added
    topic-added close-code-added heartbeat-raised server-added"""
_OTHER = "operation-id-changed lifespan-changed topic-history-changed"

RULES: dict[str, Rule] = {
    **SCHEMA_RULES,
    **{rule: _same("breaking") for rule in _BREAKING.split()},
    **{rule: _same("additive") for rule in _ADDITIVE.split()},
    **{rule: _same("other") for rule in _OTHER.split()},
}
