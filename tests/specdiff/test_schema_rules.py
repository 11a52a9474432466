"""One fixture pair per payload-schema rule and direction: base.yaml plus one mutation.

Each case asserts the complete set of (kind, rule, pointer) found, so a rule that stops
firing, fires with the wrong kind, points elsewhere or drags extra findings along fails.
Direction is the point of most cases: `SubscribeRequest` is read by the server (client ->
server), `Quote` and `SubscribeResponse` by clients (server -> client), `Side` and `Symbol`
by both.
"""

from typing import Any

import pytest

from tests.specdiff.helpers import (
    QUOTE,
    REQUEST,
    RESPONSE,
    SCHEMAS,
    Doc,
    Mutation,
    Triple,
    findings,
    message,
    props,
    schema,
    triples,
)


def _rename_note(doc: Doc) -> None:
    fields = props(doc, "SubscribeRequest")
    fields["comment"] = fields.pop("note")


def _add_required(name: str, field: str, spec: dict[str, Any]) -> Mutation:
    def mutate(doc: Doc) -> None:
        props(doc, name)[field] = spec
        schema(doc, name)["required"].append(field)

    return mutate


def _unrequire(name: str, field: str) -> Mutation:
    return lambda doc: schema(doc, name)["required"].remove(field)


CASES = [
    # field-removed: breaking both ways
    pytest.param(lambda d: props(d, "SubscribeRequest").pop("note"),
                 {("breaking", "field-removed", f"{REQUEST}/note")}, id="field-removed/client-sent"),
    pytest.param(lambda d: props(d, "Quote").pop("size"),
                 {("breaking", "field-removed", f"{QUOTE}/size")}, id="field-removed/server-sent"),
    # a rename is a removal (breaking) plus an addition
    pytest.param(_rename_note,
                 {("breaking", "field-removed", f"{REQUEST}/note"),
                  ("additive", "field-added-optional", f"{REQUEST}/comment")}, id="field-renamed"),
    # field-added-optional: additive both ways
    pytest.param(lambda d: props(d, "SubscribeRequest").update(tag={"type": "string"}),
                 {("additive", "field-added-optional", f"{REQUEST}/tag")}, id="field-added-optional/client-sent"),
    pytest.param(lambda d: props(d, "Quote").update(venue={"type": "string"}),
                 {("additive", "field-added-optional", f"{QUOTE}/venue")}, id="field-added-optional/server-sent"),
    # field-added-required: old clients do not send it; old clients ignore it
    pytest.param(_add_required("SubscribeRequest", "account", {"type": "string"}),
                 {("breaking", "field-added-required", f"{REQUEST}/account")},
                 id="field-added-required/client-sent"),
    pytest.param(_add_required("Quote", "venue", {"type": "string"}),
                 {("additive", "field-added-required", f"{QUOTE}/venue")}, id="field-added-required/server-sent"),
    # field-made-required: breaking for what clients send, additive for what they get
    pytest.param(lambda d: schema(d, "SubscribeRequest")["required"].append("depth"),
                 {("breaking", "field-made-required", f"{REQUEST}/depth")}, id="field-made-required/client-sent"),
    pytest.param(lambda d: schema(d, "Quote")["required"].append("size"),
                 {("additive", "field-made-required", f"{QUOTE}/size")}, id="field-made-required/server-sent"),
    # field-made-optional: clients relied on a server field always being there
    pytest.param(_unrequire("SubscribeRequest", "symbol"),
                 {("additive", "field-made-optional", f"{REQUEST}/symbol")}, id="field-made-optional/client-sent"),
    pytest.param(_unrequire("Quote", "price"),
                 {("breaking", "field-made-optional", f"{QUOTE}/price")}, id="field-made-optional/server-sent"),
    # enum-narrowed: breaking both ways; a shared enum is reported once
    pytest.param(lambda d: props(d, "SubscribeRequest")["mode"].update(enum=["snapshot"]),
                 {("breaking", "enum-narrowed", f"{REQUEST}/mode/enum")}, id="enum-narrowed/client-sent"),
    pytest.param(lambda d: props(d, "SubscribeResponse")["status"].update(enum=["ok"]),
                 {("breaking", "enum-narrowed", f"{RESPONSE}/status/enum")}, id="enum-narrowed/server-sent"),
    pytest.param(lambda d: schema(d, "Side").update(enum=["bid"]),
                 {("breaking", "enum-narrowed", f"{SCHEMAS}/Side/enum")}, id="enum-narrowed/shared"),
    pytest.param(lambda d: props(d, "SubscribeRequest")["note"].update(enum=["a", "b"]),
                 {("breaking", "enum-narrowed", f"{REQUEST}/note/enum")}, id="enum-narrowed/enum-added"),
    # enum-widened: the server accepts more (additive); strict clients reject new values (breaking)
    pytest.param(lambda d: props(d, "SubscribeRequest")["mode"]["enum"].append("delta"),
                 {("additive", "enum-widened", f"{REQUEST}/mode/enum")}, id="enum-widened/client-sent"),
    pytest.param(lambda d: props(d, "SubscribeResponse")["status"]["enum"].append("pending"),
                 {("breaking", "enum-widened", f"{RESPONSE}/status/enum")}, id="enum-widened/server-sent"),
    pytest.param(lambda d: schema(d, "Side")["enum"].append("mid"),
                 {("additive", "enum-widened", f"{SCHEMAS}/Side/enum"),
                  ("breaking", "enum-widened", f"{SCHEMAS}/Side/enum")}, id="enum-widened/shared-both-kinds"),
    pytest.param(lambda d: props(d, "SubscribeRequest")["mode"].pop("enum"),
                 {("additive", "enum-widened", f"{REQUEST}/mode/enum")}, id="enum-widened/enum-removed"),
    # type-changed: breaking both ways, and nothing reported below the changed type
    pytest.param(lambda d: props(d, "SubscribeRequest")["depth"].update(type="string"),
                 {("breaking", "type-changed", f"{REQUEST}/depth/type")}, id="type-changed/client-sent"),
    pytest.param(lambda d: props(d, "Quote")["size"].update(type="number"),
                 {("breaking", "type-changed", f"{QUOTE}/size/type")}, id="type-changed/server-sent"),
    pytest.param(lambda d: props(d, "Quote")["levels"]["items"].update(type="string"),
                 {("breaking", "type-changed", f"{QUOTE}/levels/items/type")}, id="type-changed/array-items"),
    # constraint-tightened: breaking for what the server reads, additive for what clients read
    pytest.param(lambda d: props(d, "SubscribeRequest")["depth"].update(maximum=5),
                 {("breaking", "constraint-tightened", f"{REQUEST}/depth/maximum")}, id="maximum-lowered/client-sent"),
    pytest.param(lambda d: props(d, "SubscribeRequest")["depth"].update(minimum=2),
                 {("breaking", "constraint-tightened", f"{REQUEST}/depth/minimum")}, id="minimum-raised/client-sent"),
    pytest.param(lambda d: props(d, "SubscribeRequest")["note"].update(maxLength=100),
                 {("breaking", "constraint-tightened", f"{REQUEST}/note/maxLength")}, id="maxLength-added/client-sent"),
    pytest.param(lambda d: schema(d, "SubscribeRequest").update(additionalProperties=False),
                 {("breaking", "constraint-tightened", f"{SCHEMAS}/SubscribeRequest/additionalProperties")},
                 id="additionalProperties-false/client-sent"),
    pytest.param(lambda d: props(d, "Quote")["levels"].update(maxItems=5),
                 {("additive", "constraint-tightened", f"{QUOTE}/levels/maxItems")}, id="maxItems-lowered/server-sent"),
    pytest.param(lambda d: schema(d, "Symbol").update(maxLength=4),
                 {("breaking", "constraint-tightened", f"{SCHEMAS}/Symbol/maxLength"),
                  ("additive", "constraint-tightened", f"{SCHEMAS}/Symbol/maxLength")},
                 id="maxLength-lowered/shared-both-kinds"),
    # constraint-loosened: additive for what the server reads, breaking for what clients read
    pytest.param(lambda d: props(d, "SubscribeRequest")["depth"].update(maximum=20),
                 {("additive", "constraint-loosened", f"{REQUEST}/depth/maximum")}, id="maximum-raised/client-sent"),
    pytest.param(lambda d: props(d, "SubscribeRequest")["depth"].pop("maximum"),
                 {("additive", "constraint-loosened", f"{REQUEST}/depth/maximum")}, id="maximum-removed/client-sent"),
    pytest.param(lambda d: props(d, "Quote")["levels"].update(maxItems=20),
                 {("breaking", "constraint-loosened", f"{QUOTE}/levels/maxItems")}, id="maxItems-raised/server-sent"),
    pytest.param(lambda d: props(d, "Quote")["price"].pop("minimum"),
                 {("breaking", "constraint-loosened", f"{QUOTE}/price/minimum")}, id="minimum-removed/server-sent"),
    # constraint-changed: a new pattern cannot be ordered against the old one
    pytest.param(lambda d: schema(d, "Symbol").update(pattern="^[A-Z.]{1,8}$"),
                 {("breaking", "constraint-changed", f"{SCHEMAS}/Symbol/pattern")}, id="pattern-changed"),
    # default-changed: old clients omitting the field get a different value
    pytest.param(lambda d: props(d, "SubscribeRequest")["side"].update(default="ask"),
                 {("breaking", "default-changed", f"{REQUEST}/side/default")}, id="default-changed/client-sent"),
    pytest.param(lambda d: props(d, "Quote")["size"].update(default=1),
                 {("other", "default-changed", f"{QUOTE}/size/default")}, id="default-changed/server-sent"),
    pytest.param(lambda d: props(d, "SubscribeRequest")["symbol"].update(default="AAPL"),
                 set(), id="default-added/field-old-clients-always-send"),
    # schema-unclassified: keywords specdiff does not model never pass silently
    pytest.param(lambda d: props(d, "SubscribeRequest")["note"].update(oneOf=[{"minLength": 1}]),
                 {("breaking", "schema-unclassified", f"{REQUEST}/note/oneOf")}, id="schema-unclassified"),
    pytest.param(lambda d: message(d, "Update").update(headers={"type": "object"}),
                 {("breaking", "schema-unclassified", "#/components/messages/Update/headers")},
                 id="schema-unclassified/message-headers"),
    # no change on the wire: documentation, and a renamed component the same schema
    pytest.param(lambda d: props(d, "Quote")["price"].update(description="Last price."),
                 set(), id="description-only"),
]


@pytest.mark.parametrize(("mutation", "expected"), CASES)
def test_rule(mutation: Mutation, expected: set[Triple]) -> None:
    assert triples(mutation) == expected


def test_base_compared_with_itself_has_no_findings() -> None:
    assert findings() == []


def test_renamed_component_is_no_change() -> None:
    def rename(doc: Doc) -> None:
        schemas = doc["components"]["schemas"]
        schemas["QuoteV2"] = schemas.pop("Quote")
        message(doc, "Update")["payload"]["properties"]["payload"]["$ref"] = f"{SCHEMAS}/QuoteV2"

    assert findings(rename) == []


def test_rename_is_named_in_the_message() -> None:
    (removed,) = [f for f in findings(_rename_note) if f.rule == "field-removed"]
    assert removed.message == "quotes.subscribe: /payload/note: field removed (renamed to `comment`?)"


def test_shared_schema_change_names_every_message_it_reaches() -> None:
    (changed,) = findings(lambda d: schema(d, "Symbol").update(pattern="^[a-z]+$"))
    assert changed.message.startswith("quotes.subscribe, quotes.subscribe.response: /payload/symbol: pattern")


def test_default_beside_a_ref_points_at_the_sibling_not_the_target() -> None:
    """`side: {$ref: Side, default: bid}`: the default is written at the property, not in Side."""
    (changed,) = findings(lambda d: props(d, "SubscribeRequest")["side"].update(default="ask"))
    assert changed.pointer == f"{REQUEST}/side/default"
    assert changed.message == 'quotes.subscribe: /payload/side: default "bid" -> "ask"'


def _side_in_all_of(doc: Doc) -> None:
    """`side: {allOf: [{$ref: Side}], default: bid}`: draft-07's way to give a $ref a default."""
    side = props(doc, "SubscribeRequest")["side"]
    props(doc, "SubscribeRequest")["side"] = {"allOf": [{"$ref": side["$ref"]}], "default": side["default"]}


def test_a_ref_wrapped_in_a_one_schema_all_of_is_the_same_schema() -> None:
    assert triples(_side_in_all_of) == set()


def test_a_default_beside_all_of_points_at_the_sibling_not_the_target() -> None:
    def changed(doc: Doc) -> None:
        _side_in_all_of(doc)
        props(doc, "SubscribeRequest")["side"]["default"] = "ask"

    (found,) = findings(changed, old=_side_in_all_of)
    assert (found.rule, found.pointer) == ("default-changed", f"{REQUEST}/side/default")


def test_an_all_of_of_several_schemas_is_not_taken_for_its_first() -> None:
    def two(doc: Doc) -> None:
        props(doc, "SubscribeRequest")["side"] = {"allOf": [{"$ref": f"{SCHEMAS}/Side"}, {"minLength": 1}]}

    assert {kind for kind, _, _ in triples(two)} == {"breaking"}  # not taken for Side itself


def _extensible_status(doc: Doc) -> None:
    props(doc, "SubscribeResponse")["status"]["x-extensible-enum"] = True


def test_widening_an_extensible_enum_is_additive_even_for_what_clients_read() -> None:
    def widened(doc: Doc) -> None:
        _extensible_status(doc)
        props(doc, "SubscribeResponse")["status"]["enum"].append("partial")

    assert triples(widened, old=_extensible_status) == {
        ("additive", "extensible-enum-widened", f"{RESPONSE}/status/enum")
    }


def test_an_enum_must_have_been_extensible_before_it_was_widened() -> None:
    def widened(doc: Doc) -> None:
        _extensible_status(doc)
        props(doc, "SubscribeResponse")["status"]["enum"].append("partial")

    assert ("breaking", "enum-widened", f"{RESPONSE}/status/enum") in triples(widened)
