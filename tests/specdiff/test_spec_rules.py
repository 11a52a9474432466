"""One fixture pair per rule outside payload schemas: messages, replies, operations, channels,
x-topics, x-close-codes, heartbeat and servers. Complete (kind, rule, pointer) sets again."""

import pytest

from tests.specdiff.helpers import (
    CHANNEL,
    MESSAGES,
    Doc,
    Mutation,
    Triple,
    channel,
    findings,
    message,
    triples,
)

UPDATE_REF = {"$ref": f"{MESSAGES}/Update"}


def _remove_pong(doc: Doc) -> None:
    channel(doc)["subscribe"]["message"]["oneOf"].pop(2)
    del doc["components"]["messages"]["Pong"]


def _add_snapshot(doc: Doc) -> None:
    doc["components"]["messages"]["Snapshot"] = {
        "name": "quotes.snapshot",
        "payload": {"type": "object", "properties": {"type": {"const": "quotes.snapshot"}}},
    }
    channel(doc)["subscribe"]["message"]["oneOf"].append({"$ref": f"{MESSAGES}/Snapshot"})


def _pong_sent_by_clients(doc: Doc) -> None:
    channel(doc)["publish"]["message"]["oneOf"].append(channel(doc)["subscribe"]["message"]["oneOf"].pop(2))


def _rename_channel(doc: Doc) -> None:
    doc["channels"] = {"/v2": doc["channels"].pop("/ws")}


def _remove_topic(doc: Doc) -> None:
    del doc["x-topics"]["quotes"]


def _move_lifespan_error_to_new_entry(doc: Doc) -> None:
    doc["x-close-codes"][2]["errors"].remove("lifespan_exceeded")
    doc["x-close-codes"].append({"code": 1008, "reason": "Lifespan over", "errors": ["lifespan_exceeded"]})


def _policy(**keys: object) -> Mutation:
    """Set these policy keys on the quotes topic."""
    return lambda d: d["x-topics"]["quotes"].update(keys)


ALL_DEFAULTS: dict[str, object] = {"delivery": "latest", "first": "none", "history": 0, "access": "public"}

CLOSE_CODE_1009 = {"code": 1009, "name": "MESSAGE_TOO_BIG", "reason": "Message too big", "errors": ["too_big"]}

CASES = [
    # messages, keyed by wire name
    pytest.param(_remove_pong, None, {("breaking", "message-removed", f"{MESSAGES}/Pong")}, id="message-removed"),
    pytest.param(_add_snapshot, None, {("additive", "message-added", f"{MESSAGES}/Snapshot")}, id="message-added"),
    pytest.param(lambda d: message(d, "Pong").update(name="pong.v2"), None,
                 {("breaking", "message-removed", f"{MESSAGES}/Pong"),
                  ("additive", "message-added", f"{MESSAGES}/Pong")}, id="message-wire-type-renamed"),
    pytest.param(_pong_sent_by_clients, None,
                 {("breaking", "message-direction-changed", f"{CHANNEL}/publish/message/oneOf/2")},
                 id="message-direction-changed"),
    # x-reply, x-topic, x-keepalive
    pytest.param(lambda d: message(d, "Subscribe").update({"x-reply": "quotes.ack"}), None,
                 {("breaking", "reply-changed", f"{MESSAGES}/Subscribe/x-reply")}, id="reply-changed"),
    pytest.param(lambda d: message(d, "Subscribe").pop("x-reply"), None,
                 {("breaking", "reply-removed", f"{MESSAGES}/Subscribe/x-reply")}, id="reply-removed"),
    pytest.param(None, lambda d: message(d, "Ping").pop("x-reply"),
                 {("additive", "reply-added", f"{MESSAGES}/Ping/x-reply")}, id="reply-added"),
    pytest.param(lambda d: message(d, "Subscribe").update({"x-topic": "trades"}), None,
                 {("breaking", "message-topic-changed", f"{MESSAGES}/Subscribe/x-topic")}, id="message-topic-changed"),
    pytest.param(lambda d: message(d, "Ping").pop("x-keepalive"), None,
                 {("breaking", "keepalive-removed", f"{MESSAGES}/Ping/x-keepalive")}, id="keepalive-removed"),
    pytest.param(None, lambda d: message(d, "Ping").pop("x-keepalive"),
                 {("additive", "keepalive-added", f"{MESSAGES}/Ping/x-keepalive")}, id="keepalive-added"),
    # operations and channels
    pytest.param(lambda d: channel(d).pop("publish"), None,
                 {("breaking", "operation-removed", f"{CHANNEL}/publish"),
                  ("breaking", "message-removed", f"{MESSAGES}/Subscribe"),
                  ("breaking", "message-removed", f"{MESSAGES}/Ping")}, id="operation-removed"),
    pytest.param(None, lambda d: channel(d).pop("publish"),
                 {("additive", "operation-added", f"{CHANNEL}/publish"),
                  ("additive", "message-added", f"{MESSAGES}/Subscribe"),
                  ("additive", "message-added", f"{MESSAGES}/Ping")}, id="operation-added"),
    pytest.param(lambda d: channel(d)["publish"].update(operationId="receive"), None,
                 {("other", "operation-id-changed", f"{CHANNEL}/publish/operationId")}, id="operation-id-changed"),
    pytest.param(_rename_channel, None,
                 {("breaking", "channel-removed", CHANNEL), ("additive", "channel-added", "#/channels/~1v2")},
                 id="channel-renamed"),
    pytest.param(lambda d: channel(d)["bindings"]["ws"].update(method="POST"), None,
                 {("breaking", "channel-bindings-changed", f"{CHANNEL}/bindings")}, id="channel-bindings-changed"),
    # x-topics
    pytest.param(lambda d: d["x-topics"]["quotes"].update(template="quotes/{symbol}"), None,
                 {("breaking", "topic-template-changed", "#/x-topics/quotes/template")}, id="topic-template-changed"),
    pytest.param(lambda d: d["x-topics"]["quotes"]["parameters"].update(symbol="/payload/sym"), None,
                 {("breaking", "topic-parameters-changed", "#/x-topics/quotes/parameters/symbol")},
                 id="topic-parameter-changed"),
    pytest.param(lambda d: d["x-topics"]["quotes"]["parameters"].update(side="/payload/side"), None,
                 {("breaking", "topic-parameters-changed", "#/x-topics/quotes/parameters/side")},
                 id="topic-parameter-added"),
    pytest.param(lambda d: d["x-topics"]["quotes"].update(update="quotes.tick"), None,
                 {("breaking", "topic-binding-changed", "#/x-topics/quotes/update")}, id="topic-binding-changed"),
    pytest.param(_remove_topic, None, {("breaking", "topic-removed", "#/x-topics/quotes")}, id="topic-removed"),
    pytest.param(None, _remove_topic, {("additive", "topic-added", "#/x-topics/quotes")}, id="topic-added"),
    # x-topics policy: a key left out means its default (latest, no key, none, no snapshot, 0, public)
    pytest.param(_policy(delivery="stream"), None,
                 {("breaking", "topic-policy-changed", "#/x-topics/quotes/delivery")}, id="topic-delivery-changed"),
    pytest.param(_policy(delivery="latest"), None, set(), id="topic-delivery-default-written-out"),
    pytest.param(None, _policy(delivery="stream"),
                 {("breaking", "topic-policy-changed", "#/x-topics/quotes/delivery")}, id="topic-delivery-dropped"),
    pytest.param(_policy(key="/payload/price"), None,
                 {("breaking", "topic-policy-changed", "#/x-topics/quotes/key")}, id="topic-key-added"),
    pytest.param(_policy(key="/payload/size"), _policy(key="/payload/price"),
                 {("breaking", "topic-policy-changed", "#/x-topics/quotes/key")}, id="topic-key-changed"),
    pytest.param(None, _policy(key="/payload/price"),
                 {("breaking", "topic-policy-changed", "#/x-topics/quotes/key")}, id="topic-key-removed"),
    pytest.param(_policy(first="last"), None,
                 {("breaking", "topic-policy-changed", "#/x-topics/quotes/first")}, id="topic-first-changed"),
    pytest.param(_policy(first="none"), None, set(), id="topic-first-default-written-out"),
    pytest.param(_policy(first="snapshot", snapshot="quotes.snapshot"), None,
                 {("breaking", "topic-policy-changed", "#/x-topics/quotes/first"),
                  ("breaking", "topic-policy-changed", "#/x-topics/quotes/snapshot")}, id="topic-snapshot-added"),
    pytest.param(_policy(first="snapshot", snapshot="quotes.book"),
                 _policy(first="snapshot", snapshot="quotes.snapshot"),
                 {("breaking", "topic-policy-changed", "#/x-topics/quotes/snapshot")}, id="topic-snapshot-changed"),
    pytest.param(_policy(access="private"), None,
                 {("breaking", "topic-policy-changed", "#/x-topics/quotes/access")}, id="topic-access-changed"),
    pytest.param(_policy(access="public"), None, set(), id="topic-access-default-written-out"),
    pytest.param(_policy(history=1000), None,
                 {("other", "topic-history-changed", "#/x-topics/quotes/history")}, id="topic-history-added"),
    pytest.param(_policy(history=100), _policy(history=1000),
                 {("other", "topic-history-changed", "#/x-topics/quotes/history")}, id="topic-history-lowered"),
    pytest.param(None, _policy(history=1000),
                 {("other", "topic-history-changed", "#/x-topics/quotes/history")}, id="topic-history-removed"),
    pytest.param(_policy(history=0), None, set(), id="topic-history-default-written-out"),
    pytest.param(_policy(**ALL_DEFAULTS), None, set(), id="topic-every-default-written-out"),
    pytest.param(None, _policy(**ALL_DEFAULTS), set(), id="topic-every-default-left-out"),
    # x-close-codes, one condition per error code
    pytest.param(lambda d: d["x-close-codes"].pop(1), None,
                 {("breaking", "close-code-removed", "#/x-close-codes/1")}, id="close-code-removed"),
    pytest.param(lambda d: d["x-close-codes"][1].update(code=1008), None,
                 {("breaking", "close-code-changed", "#/x-close-codes/1/code")}, id="close-code-changed"),
    pytest.param(lambda d: d["x-close-codes"][2].update(reason="Connection timed out"), None,
                 {("breaking", "close-reason-changed", "#/x-close-codes/2/reason")}, id="close-reason-changed"),
    pytest.param(_move_lifespan_error_to_new_entry, None,
                 {("breaking", "close-code-changed", "#/x-close-codes/3/code"),
                  ("breaking", "close-reason-changed", "#/x-close-codes/3/reason")}, id="close-error-moved"),
    pytest.param(lambda d: d["x-close-codes"].append(CLOSE_CODE_1009), None,
                 {("additive", "close-code-added", "#/x-close-codes/3")}, id="close-code-added"),
    pytest.param(lambda d: d["x-close-codes"][0].update(errors=["shutting_down"]), None,
                 {("additive", "close-code-added", "#/x-close-codes/0")}, id="close-names-its-error"),
    # connection timing
    pytest.param(lambda d: d.update({"x-heartbeat-interval": 10}), None,
                 {("breaking", "heartbeat-lowered", "#/x-heartbeat-interval")}, id="heartbeat-lowered"),
    pytest.param(None, lambda d: d.pop("x-heartbeat-interval"),
                 {("breaking", "heartbeat-lowered", "#/x-heartbeat-interval")}, id="heartbeat-introduced"),
    pytest.param(lambda d: d.update({"x-heartbeat-interval": 60}), None,
                 {("additive", "heartbeat-raised", "#/x-heartbeat-interval")}, id="heartbeat-raised"),
    pytest.param(lambda d: d.update({"x-connection-lifespan": 600}), None,
                 {("other", "lifespan-changed", "#/x-connection-lifespan")}, id="lifespan-changed"),
    # servers: generated clients default to the spec's server URL
    pytest.param(lambda d: d["servers"]["local"].update(url="ws://localhost:9000"), None,
                 {("breaking", "server-changed", "#/servers/local/url")}, id="server-changed"),
    pytest.param(lambda d: d.pop("servers"), None,
                 {("breaking", "server-removed", "#/servers/local")}, id="server-removed"),
    pytest.param(lambda d: d["servers"].update(prod={"url": "wss://example.invalid", "protocol": "wss"}), None,
                 {("additive", "server-added", "#/servers/prod")}, id="server-added"),
]


@pytest.mark.parametrize(("new", "old", "expected"), CASES)
def test_rule(new: Mutation | None, old: Mutation | None, expected: set[Triple]) -> None:
    assert triples(new, old) == expected


def test_close_reason_change_names_every_error_code_of_the_entry() -> None:
    (changed,) = findings(lambda d: d["x-close-codes"][2].update(reason="Bye"))
    assert changed.message == "error `heartbeat_timeout`, error `lifespan_exceeded`: close reason 'Timed out' -> 'Bye'"


def test_topic_policy_change_names_the_key_and_both_values() -> None:
    found = findings(_policy(delivery="stream", key="/payload/price", history=50))
    assert sorted(f.message for f in found) == [
        "quotes: delivery 'latest' -> 'stream'",
        "quotes: history 0 -> 50",
        "quotes: key absent -> '/payload/price'",
    ]


def test_removed_close_entry_does_not_shift_the_others() -> None:
    """Entries are matched by error code, not index: removing entry 0 changes nothing else."""
    assert triples(lambda d: d["x-close-codes"].pop(0)) == {("breaking", "close-code-removed", "#/x-close-codes/0")}


def test_message_in_a_second_channel_is_one_message() -> None:
    """Messages are keyed by wire name: a second route for `quotes.update` in the same
    direction adds a channel, not a message, and moves nothing."""

    def second_channel(doc: Doc) -> None:
        doc["channels"]["/ws2"] = {"subscribe": {"message": {"oneOf": [dict(UPDATE_REF)]}}}

    assert triples(second_channel) == {("additive", "channel-added", "#/channels/~1ws2")}
