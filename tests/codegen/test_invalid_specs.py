"""Tier 3: broken specs are rejected with every problem at once, each at its JSON pointer."""

from pathlib import Path

from codegen.__main__ import main

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
