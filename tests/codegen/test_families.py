"""Channel families: the generated table the engine reads, and every declaration `make generate`
refuses at once, with its pointer."""

import importlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from .helpers import FIXTURES, generate_package, minimal_doc, spec_errors

FAMILY = "#/x-topics/quotes"


@pytest.fixture(scope="module")
def families(tmp_path_factory: pytest.TempPathFactory) -> Any:
    generate_package(tmp_path_factory.mktemp("gen"), FIXTURES / "minimal.yaml", "quotes_families_api")
    return importlib.import_module("quotes_families_api.families"), importlib.import_module(
        "quotes_families_api.models"
    )


def test_the_table_says_how_the_family_is_carried(families: Any) -> None:
    table, models = families
    quotes = table.FAMILIES["quotes"]
    assert quotes is table.QUOTES
    assert (quotes.delivery, quotes.key, quotes.first, quotes.history, quotes.access) == (
        "latest",
        ("time",),
        "last",
        5,
        "public",
    )
    assert (quotes.update, quotes.update_model, quotes.payload_model) == (
        "quotes.tick",
        models.TickMessage,
        models.Quote,
    )
    assert (quotes.subscribe, quotes.unsubscribe) == ("quotes.watch", "quotes.unwatch")
    request = models.WatchRequest(symbol="IBM")
    assert quotes.topic_of(request, None) == "quotes:IBM:X" and quotes.label_of(request) == "IBM"
    assert quotes.key_of(models.Quote(time=17, bid=1.0, ask=1.0, size=1)) == 17


@pytest.mark.parametrize(
    "topic, params",
    [
        ("quotes:IBM:X", {"symbol": "IBM", "venue": "X"}),
        ("quotes:IBM:Z", None),  # not a venue
        ("quotes:ibm:X", None),  # the ticker pattern is upper case
        ("quotes:IBM", None),
        ("quotes:IBM:X:Y", None),
        ("bars:IBM:X", None),
    ],
)
def test_topics_are_parsed_with_each_parameter_s_own_type(families: Any, topic: str, params: Any) -> None:
    table, _ = families
    assert table.QUOTES.parse(topic) == params


def test_a_topic_s_family_is_found_by_its_name(families: Any) -> None:
    table, _ = families
    assert table.family_of("quotes:IBM:X") is table.QUOTES
    assert table.family_of("quotes#alice") is table.QUOTES  # parse then refuses it
    assert table.family_of("nope:IBM") is None and table.family_of("") is None


def family(doc: dict[str, Any]) -> dict[str, Any]:
    entry: dict[str, Any] = doc["x-topics"]["quotes"]
    return entry


def tick(doc: dict[str, Any]) -> dict[str, Any]:
    properties: dict[str, Any] = doc["components"]["messages"]["Tick"]["payload"]["properties"]
    return properties


Edit = Callable[[dict[str, Any]], None]
REFUSED: dict[str, tuple[Edit, str, str]] = {
    "unknown delivery": (lambda d: family(d).update(delivery="fast"), f"{FAMILY}/delivery", "one of latest, stream"),
    "unknown first": (lambda d: family(d).update(first="all"), f"{FAMILY}/first", "one of none, last, snapshot"),
    "unknown access": (lambda d: family(d).update(access="secret"), f"{FAMILY}/access", "one of public, private"),
    "negative history": (lambda d: family(d).update(history=-1), f"{FAMILY}/history", "an integer from 0"),
    "key of a stream": (lambda d: family(d).update(delivery="stream"), f"{FAMILY}/key", "only a `latest` family"),
    "key names nothing": (lambda d: family(d).update(key="/payload/when"), f"{FAMILY}/key", "names no required field"),
    "key outside the payload": (lambda d: family(d).update(key="/topic"), f"{FAMILY}/key", "inside the update's"),
    "key not an integer": (lambda d: family(d).update(key="/payload/bid"), f"{FAMILY}/key", "an integer field"),
    "snapshot without first": (
        lambda d: family(d).update(snapshot="welcome"),
        f"{FAMILY}/snapshot",
        "needs `first: snapshot`",
    ),
    "first snapshot without a message": (
        lambda d: family(d).update(first="snapshot"),
        f"{FAMILY}/snapshot",
        "names the server message",
    ),
    "a private family without its user": (
        lambda d: family(d).update(access="private"),
        f"{FAMILY}/template",
        "start with `quotes#`",
    ),
    "the connection's user in a public topic": (
        lambda d: family(d)["parameters"].update(venue="$user"),
        f"{FAMILY}/parameters/venue",
        "only a private",
    ),
    "an update without seq": (
        lambda d: tick(d).pop("seq"),
        "#/components/messages/Tick/payload",
        "exactly the fields type, topic, epoch",
    ),
    "a template of another name": (
        lambda d: family(d).update(template="quote:{symbol}:{venue}"),
        f"{FAMILY}/template",
        "start with `quotes:`",
    ),
    "a reply without status": (
        lambda d: d["components"]["schemas"]["WatchOutcome"]["properties"].pop("status"),
        "#/components/messages/Watch/x-reply",
        "needs the fields status",
    ),
}


@pytest.mark.parametrize("edit, pointer, text", REFUSED.values(), ids=REFUSED.keys())
def test_a_family_the_engine_could_not_carry_is_refused_with_its_pointer(
    tmp_path: Path, edit: Edit, pointer: str, text: str
) -> None:
    doc = minimal_doc()
    edit(doc)
    errors = {e.pointer: e.message for e in spec_errors(tmp_path, doc)}
    assert pointer in errors, errors
    assert text in errors[pointer]


def test_a_family_name_must_be_a_topic_prefix(tmp_path: Path) -> None:
    doc = minimal_doc()
    doc["x-topics"]["Quotes!"] = doc["x-topics"].pop("quotes")
    errors = {e.pointer: e.message for e in spec_errors(tmp_path, doc)}
    assert "a family name is 1-32 of a-z" in errors["#/x-topics/Quotes!"]


def test_a_private_family_takes_its_user_from_the_connection(tmp_path: Path) -> None:
    doc = minimal_doc()
    entry = family(doc)
    entry.update(access="private", template="quotes#{user}", parameters={"user": "$user"})
    generate_package(tmp_path, write(tmp_path, doc), "quotes_private_api")
    table = importlib.import_module("quotes_private_api.families")
    models = importlib.import_module("quotes_private_api.models")
    request = models.WatchRequest(symbol="IBM")
    assert table.QUOTES.topic_of(request, "alice") == "quotes#alice"
    assert table.QUOTES.parse("quotes#auth0|alice:7") == {"user": "auth0|alice:7"}
    with pytest.raises(ValueError):
        table.QUOTES.topic_of(request, None)


def write(tmp_path: Path, doc: dict[str, Any]) -> Path:
    from .helpers import write_spec

    return write_spec(tmp_path, doc)
