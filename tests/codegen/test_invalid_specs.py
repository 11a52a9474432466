"""Tier 3: broken specs are rejected with every problem at once, each at its JSON pointer."""

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

import codegen
from codegen.__main__ import main
from codegen.ir import FRAME_ERROR_CODES

from .helpers import minimal_doc, spec_errors, write_spec


def pointers(errors: list) -> list[str]:
    return sorted(e.pointer for e in errors)


def test_unresolved_ref(tmp_path: Path) -> None:
    doc = minimal_doc()
    doc["components"]["messages"]["Tick"]["payload"]["properties"]["payload"] = {"$ref": "#/components/schemas/Nope"}
    errors = spec_errors(tmp_path, doc)
    assert pointers(errors) == ["#/components/messages/Tick/payload/properties/payload/$ref"]
    assert "unresolved $ref '#/components/schemas/Nope'" in errors[0].message


def test_duplicate_message_type(tmp_path: Path) -> None:
    doc = minimal_doc()
    doc["components"]["messages"]["Welcome"]["name"] = "quotes.tick"
    doc["components"]["messages"]["Welcome"]["payload"]["properties"]["type"]["const"] = "quotes.tick"
    errors = {e.pointer: e.message for e in spec_errors(tmp_path, doc)}
    duplicate = errors["#/components/messages/Welcome/name"]
    assert duplicate == "duplicate message type 'quotes.tick' (also at #/components/messages/Tick)"


def test_reply_naming_an_unknown_message(tmp_path: Path) -> None:
    doc = minimal_doc()
    doc["components"]["messages"]["Hello"]["x-reply"] = "goodbye"
    errors = spec_errors(tmp_path, doc)
    assert pointers(errors) == ["#/components/messages/Hello/x-reply"]
    assert "unknown message 'goodbye'" in errors[0].message


def test_every_problem_is_reported_at_once(tmp_path: Path) -> None:
    doc = minimal_doc()
    doc["components"]["messages"]["Hello"]["x-reply"] = "goodbye"
    doc["components"]["schemas"]["Quote"]["properties"]["bid"] = {"type": "number", "oneOf": []}
    doc["x-topics"]["quotes"]["parameters"]["venue"] = "/payload/nowhere"
    doc["x-close-codes"][0]["code"] = 42
    assert pointers(spec_errors(tmp_path, doc)) == [
        "#/components/messages/Hello/x-reply",
        "#/components/schemas/Quote/properties/bid/oneOf",
        "#/x-close-codes/0/code",
        "#/x-topics/quotes/parameters/venue",
    ]


@pytest.mark.parametrize("text", ["description", "summary"])
@pytest.mark.parametrize("value", [None, "", "  \n", 5], ids=["missing", "empty", "blank", "not-a-string"])
def test_message_without_a_summary_or_description(tmp_path: Path, text: str, value: object) -> None:
    """tests/spec asks every message for both; the generator says so at once, at the pointer."""
    doc = minimal_doc()
    hello = doc["components"]["messages"]["Hello"]
    if value is None:
        del hello[text]
    else:
        hello[text] = value
    errors = spec_errors(tmp_path, doc)
    assert pointers(errors) == [f"#/components/messages/Hello/{text}"]
    assert errors[0].message.startswith(f"every message needs a {text}: ")


def test_cli_names_the_message_without_a_description(tmp_path: Path, capsys) -> None:
    doc = minimal_doc()
    del doc["components"]["messages"]["Tick"]["description"]
    assert main(["--spec", str(write_spec(tmp_path, doc)), "--out", str(tmp_path / "out")]) == 2
    err = capsys.readouterr().err
    assert "1 error(s); nothing was written" in err
    assert "#/components/messages/Tick/description: every message needs a description: " in err


@pytest.mark.parametrize(
    ("role", "duty"),
    [("subscribe", "subscribes to"), ("unsubscribe", "unsubscribes from"), ("update", "carries the updates of")],
)
def test_topic_without_a_role_says_it_is_missing(tmp_path: Path, role: str, duty: str) -> None:
    doc = minimal_doc()
    del doc["x-topics"]["quotes"][role]
    errors = spec_errors(tmp_path, doc)
    assert pointers(errors) == [f"#/x-topics/quotes/{role}"]
    assert errors[0].message == f"`{role}` is missing: name the message that {duty} this topic family"


def test_topic_role_naming_an_unknown_message(tmp_path: Path) -> None:
    doc = minimal_doc()
    doc["x-topics"]["quotes"]["subscribe"] = "quotes.wtach"
    errors = spec_errors(tmp_path, doc)
    assert pointers(errors) == ["#/x-topics/quotes/subscribe"]
    assert errors[0].message == "names unknown message 'quotes.wtach'"


def test_message_whose_type_tag_disagrees_with_its_name(tmp_path: Path) -> None:
    doc = minimal_doc()
    doc["components"]["messages"]["Hello"]["payload"]["properties"]["type"]["const"] = "hi"
    errors = spec_errors(tmp_path, doc)
    assert pointers(errors) == ["#/components/messages/Hello/payload"]


def test_cli_writes_nothing_for_an_invalid_spec(tmp_path: Path, capsys) -> None:
    doc = minimal_doc()
    doc["components"]["messages"]["Hello"]["x-reply"] = "goodbye"
    out = tmp_path / "out"
    assert main(["--spec", str(write_spec(tmp_path, doc)), "--out", str(out)]) == 2
    assert not out.exists()
    assert "#/components/messages/Hello/x-reply: x-reply names unknown message 'goodbye'" in capsys.readouterr().err


def _set(path: str, value: object) -> Callable[[dict[str, Any]], None]:
    """A mutation that sets the value at a JSON-pointer-like path (`~1` for a `/` in a key)."""

    def mutate(doc: dict[str, Any]) -> None:
        *parents, last = (token.replace("~1", "/") for token in path.split("/"))
        node: Any = doc
        for key in parents:
            node = node[int(key)] if isinstance(node, list) else node[key]
        node[int(last) if isinstance(node, list) else last] = value

    return mutate


def _both(*mutations: Callable[[dict[str, Any]], None]) -> Callable[[dict[str, Any]], None]:
    def mutate(doc: dict[str, Any]) -> None:
        for m in mutations:
            m(doc)

    return mutate


QUOTE = "components/schemas/Quote/properties"
PUBLISH = "channels/~1ws/publish/message/oneOf"
DOCUMENTED = {"summary": "Says goodbye.", "description": "Sent by a client before it closes the connection."}
SIMPLE_FRAME = {"type": "object", "required": ["type"], "properties": {"type": {"type": "string", "const": "bye"}}}


def _add_message(key: str, message: dict[str, Any], referenced: bool = True) -> Callable[[dict[str, Any]], None]:
    def mutate(doc: dict[str, Any]) -> None:
        doc["components"]["messages"][key] = message
        if referenced:
            doc["channels"]["/ws"]["publish"]["message"]["oneOf"].append({"$ref": f"#/components/messages/{key}"})

    return mutate


def _drop_close_error(code: str) -> Callable[[dict[str, Any]], None]:
    def mutate(doc: dict[str, Any]) -> None:
        for entry in doc["x-close-codes"]:
            entry["errors"] = [e for e in entry["errors"] if e != code]

    return mutate


MALFORMED = [
    # Shapes that used to crash the generator with a traceback.
    pytest.param(_set("components/messages/Hello", 5), ["#/components/messages/Hello"], id="message-is-an-int"),
    pytest.param(_set("x-close-codes/0", "GOING_AWAY"), ["#/x-close-codes/0"], id="close-code-is-a-string"),
    pytest.param(
        _set(f"{PUBLISH}/2", "Hello"),
        ["#/channels/~1ws/publish/message/oneOf/2", "#/components/messages/Hello"],  # and Hello is now unused
        id="one-of-item-is-a-string",
    ),
    pytest.param(_set("x-topics/quotes", "quotes:{symbol}"), ["#/x-topics/quotes"], id="topic-is-a-string"),
    pytest.param(_set("info", "Quotes"), ["#/info"], id="info-is-a-string"),
    pytest.param(_set(f"{QUOTE}/size/type", ["integer", "null"]), [f"#/{QUOTE}/size/type"], id="list-of-types"),
    pytest.param(
        _set("components/messages/Hello/x-reply", ["welcome"]),
        ["#/components/messages/Hello/x-reply"],
        id="x-reply-is-a-list",
    ),
    # Accepted before, but the output was broken.
    pytest.param(
        _set(f"{QUOTE}/next", {"$ref": "#/components/schemas/Quote"}),
        [f"#/{QUOTE}/next/$ref"],
        id="schema-refers-to-itself",
    ),
    pytest.param(
        _both(
            _set(
                "components/schemas/Leg",
                {"type": "object", "properties": {"quote": {"$ref": "#/components/schemas/Quote"}}},
            ),
            _set(f"{QUOTE}/legs", {"type": "array", "items": {"$ref": "#/components/schemas/Leg"}}),
        ),
        ["#/components/schemas/Leg/properties/quote/$ref"],
        id="schemas-refer-to-each-other",
    ),
    pytest.param(
        _both(_set(f"{QUOTE}/a b", {"type": "string"}), _set(f"{QUOTE}/a_b", {"type": "string"})),
        [f"#/{QUOTE}/a_b"],
        id="properties-with-one-python-name",
    ),
    pytest.param(
        _add_message(
            "WatchToo",
            {
                "name": "quotes_watch",
                **DOCUMENTED,
                "payload": {**SIMPLE_FRAME, "properties": {"type": {"type": "string", "const": "quotes_watch"}}},
            },
        ),
        ["#/components/messages/WatchToo/name"],
        id="messages-with-one-method-name",
    ),
    pytest.param(_set(f"{QUOTE}/bid/default", "abc"), [f"#/{QUOTE}/bid/default"], id="default-breaks-its-schema"),
    pytest.param(
        _set(
            "components/schemas/WatchRequest/properties/options/properties/venue",
            {"$ref": "#/components/schemas/Venue", "default": "X"},
        ),
        ["#/components/schemas/WatchRequest/properties/options/properties/venue/default"],
        id="default-beside-ref",
    ),
    pytest.param(_set(f"{QUOTE}/size/minimum", "one"), [f"#/{QUOTE}/size/minimum"], id="bound-is-not-a-number"),
    pytest.param(_set(f"{QUOTE}/tags/items/maxLength", -1), [f"#/{QUOTE}/tags/items/maxLength"], id="negative-length"),
    pytest.param(
        _both(
            _set("components/schemas/JsonInt", {"type": "integer"}),
            _set(f"{QUOTE}/n", {"$ref": "#/components/schemas/JsonInt"}),
        ),
        ["#/components/schemas/JsonInt"],
        id="schema-named-like-a-models-helper",
    ),
    # Item 5: a message nobody references would silently be left out.
    pytest.param(
        _add_message("Bye", {"name": "bye", **DOCUMENTED, "payload": SIMPLE_FRAME}, referenced=False),
        ["#/components/messages/Bye"],
        id="unreferenced-message",
    ),
    # Item 6: the error codes the generated router raises must close the connection somehow.
    pytest.param(_drop_close_error("validation_error"), ["#/x-close-codes"], id="router-code-without-close-code"),
    pytest.param(
        _set(
            "components/schemas/ErrorCode",
            {"type": "string", "enum": ["invalid_json", "invalid_frame", "unknown_type"]},
        ),
        ["#/components/schemas/ErrorCode/enum"],
        id="router-code-missing-from-error-codes",
    ),
    pytest.param(
        _set("x-close-codes/0/errors", ["invalid_json"]), ["#/x-close-codes/1/errors"], id="error-code-listed-twice"
    ),
]


@pytest.mark.parametrize(("mutate", "expected"), MALFORMED)
def test_malformed_spec_is_reported_at_its_pointer(
    tmp_path: Path, mutate: Callable[[dict[str, Any]], None], expected: list[str]
) -> None:
    doc = minimal_doc()
    mutate(doc)
    assert pointers(spec_errors(tmp_path, doc)) == sorted(expected)


def test_the_router_raises_only_the_codes_build_ir_checks() -> None:
    template = (Path(codegen.__file__).parent / "templates/python/router.py.jinja").read_text()
    assert set(re.findall(r'FrameError\("(\w+)"', template)) == set(FRAME_ERROR_CODES)
