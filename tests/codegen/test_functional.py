"""Tier 2: generate from a spec into a temporary package, import it and use it."""

import asyncio
import importlib
from pathlib import Path
from typing import Any

import pytest
from pydantic import ValidationError

from .helpers import FIXTURES, generate_package


@pytest.fixture(scope="module")
def quotes(tmp_path_factory: pytest.TempPathFactory) -> Any:
    tmp = tmp_path_factory.mktemp("gen")
    generate_package(tmp, FIXTURES / "minimal.yaml", "quotes_api")
    return importlib.import_module("quotes_api.router"), importlib.import_module("quotes_api.models")


def test_round_trip_of_every_message(quotes: Any) -> None:
    router, models = quotes
    frames = [
        {"type": "quotes.watch", "payload": {"symbol": "IBM", "options": {"venue": "Y"}}},
        {"type": "quotes.unwatch", "payload": {"symbol": "IBM"}},
        {"type": "hello"},
    ]
    for frame in frames:
        message = models.client_message_adapter.validate_python(frame)
        assert type(message) is models.MESSAGE_MODELS[frame["type"]]
        again = models.client_message_adapter.validate_json(message.model_dump_json())
        assert again == message
    quote = models.Quote(time=1, bid=1.5, ask=1.75, size=3)
    tick = router.quotes_tick(topic="quotes:IBM:X", epoch="e1", seq=4, payload=quote)
    assert router.encode(tick) == (
        b'{"type":"quotes.tick","topic":"quotes:IBM:X","epoch":"e1","seq":4,'
        b'"payload":{"time":1,"bid":1.5,"ask":1.75,"size":3}}'
    )


def test_defaults_come_from_the_schema(quotes: Any) -> None:
    router, _ = quotes
    message = router.decode_client_frame(b'{"type":"quotes.watch","payload":{"symbol":"IBM"}}')
    assert message.payload.options.venue == "X"
    protocol = importlib.import_module("quotes_api.protocol")
    assert protocol.quotes_topic_of(message.payload) == "quotes:IBM:X"
    assert protocol.HEARTBEAT_INTERVAL == 10.0
    assert protocol.CLOSE_RULES["unknown_type"].reason == "Bad frame"


def test_constraints_are_enforced(quotes: Any) -> None:
    _, models = quotes
    with pytest.raises(ValidationError):
        models.Quote(time=1, bid=1.0, ask=1.0, size=0)  # minimum: 1
    with pytest.raises(ValidationError):
        models.Quote.model_validate({"time": 1, "bid": 1.0, "ask": 1.0, "size": 1, "tags": ["way-too-long"]})
    with pytest.raises(ValidationError):
        models.Quote.model_validate(
            {"time": 1, "bid": 1.0, "ask": 1.0, "size": 1, "extra": 1}
        )  # additionalProperties: false
    with pytest.raises(ValidationError):
        models.WatchRequest.model_validate({"symbol": "ibm"})  # pattern


@pytest.mark.parametrize(
    ("raw", "code"),
    [
        (b"not json", "invalid_json"),
        (b"[1, 2]", "invalid_frame"),
        (b'{"type": "nope"}', "unknown_type"),
        (b'{"type": "welcome"}', "unknown_type"),  # server -> client only
        (b'{"type": "quotes.watch", "payload": {}}', "validation_error"),
    ],
)
def test_decode_classifies_bad_frames(quotes: Any, raw: bytes, code: str) -> None:
    router, _ = quotes
    with pytest.raises(router.FrameError) as caught:
        router.decode_client_frame(raw)
    assert caught.value.code == code


def test_validation_errors_point_into_the_frame(quotes: Any) -> None:
    router, _ = quotes
    with pytest.raises(router.FrameError) as caught:
        router.decode_client_frame(b'{"type": "quotes.watch", "payload": {"symbol": 5}}')
    assert [path for path, _ in caught.value.errors] == ["/payload/symbol"]


def test_dispatch_calls_the_handler_and_wraps_its_reply(quotes: Any) -> None:
    router, models = quotes
    calls: list[tuple[str, Any]] = []

    families = importlib.import_module("quotes_api.families")

    class Handlers(router.Handlers):  # type: ignore[name-defined,misc]
        async def join_topic(self, ctx: Any, family: Any, payload: Any) -> Any:
            calls.append((ctx, f"{family.name} {payload.symbol}"))
            return families.TopicOutcome(family.topic_of(payload, None), "ok", "watching")

        async def leave_topic(self, ctx: Any, family: Any, payload: Any) -> Any:
            calls.append((ctx, "unwatch"))
            return families.TopicOutcome(family.topic_of(payload, None), "error", "not held", "not_held")

        async def hello(self, ctx: Any) -> None:
            calls.append((ctx, "hello"))

    async def run() -> list[Any]:
        handlers = Handlers()
        return [
            await router.dispatch(handlers, "c1", router.decode_client_frame(raw))
            for raw in (
                b'{"type":"quotes.watch","payload":{"symbol":"IBM"}}',
                b'{"type":"quotes.unwatch","payload":{"symbol":"IBM"}}',
                b'{"type":"hello"}',
            )
        ]

    replies = asyncio.run(run())
    assert calls == [("c1", "quotes IBM"), ("c1", "unwatch"), ("c1", "hello")]
    watched = models.WatchOutcome(status="ok", message="watching", topic="quotes:IBM:X", symbol="IBM")
    assert replies[0] == models.WatchedMessage(payload=watched)
    unwatched = models.WatchOutcome(status="error", message="not held", topic="quotes:IBM:X", symbol="IBM")
    unwatched.code = "not_held"
    assert replies[1] == models.UnwatchedMessage(payload=unwatched)
    assert replies[2] == models.WelcomeMessage()
    assert router.ROUTES["hello"].reply == "welcome"


def test_added_message_appears_everywhere(tmp_path: Path) -> None:
    """A new message in the spec needs no generator change: model, route and sender appear."""
    import yaml

    from .helpers import minimal_doc, write_spec

    doc = minimal_doc()
    doc["components"]["messages"]["Bye"] = {
        "name": "bye",
        "summary": "Says goodbye.",
        "description": "Sent by a client before it closes the connection; answered by welcome.",
        "x-reply": "welcome",
        "payload": {"type": "object", "required": ["type"], "properties": {"type": {"type": "string", "const": "bye"}}},
    }
    doc["channels"]["/ws"]["publish"]["message"]["oneOf"].append({"$ref": "#/components/messages/Bye"})
    spec = write_spec(tmp_path, doc)
    assert yaml.safe_load(spec.read_text())["components"]["messages"]["Bye"]["name"] == "bye"
    generate_package(tmp_path, spec, "quotes_bye_api")
    router = importlib.import_module("quotes_bye_api.router")
    assert router.ROUTES["bye"].reply == "welcome"
    assert "bye" in router.Handlers.__abstractmethods__
    assert isinstance(
        router.decode_client_frame(b'{"type":"bye"}'), importlib.import_module("quotes_bye_api.models").ByeMessage
    )


def test_integers_are_json_schema_integers(quotes: Any) -> None:
    """2.0 and 1e6 are integers to JSON Schema (and become ints); 1.5 and true are not."""
    _, models = quotes
    for size in (3.0, 1e6):
        quote = models.Quote.model_validate({"time": 1, "bid": 1.0, "ask": 1.0, "size": size})
        assert quote.size == size and type(quote.size) is int
    assert models.Quote.model_validate_json(b'{"time": 1, "bid": 1, "ask": 1, "size": 2E3}').size == 2000
    for bad in (1.5, True, "3", 0.0, float("inf")):  # 0.0 is whole but below `minimum: 1`
        with pytest.raises(ValidationError):
            models.Quote.model_validate({"time": 1, "bid": 1.0, "ask": 1.0, "size": bad})


def test_an_optional_field_may_be_left_out_but_not_null(quotes: Any) -> None:
    _, models = quotes
    assert models.Quote.model_validate({"time": 1, "bid": 1.0, "ask": 1.0, "size": 1}).tags is None
    with pytest.raises(ValidationError, match="leave the field out"):
        models.Quote.model_validate({"time": 1, "bid": 1.0, "ask": 1.0, "size": 1, "tags": None})
    with pytest.raises(ValidationError):
        models.Quote.model_validate_json(b'{"time": 1, "bid": 1, "ask": 1, "size": 1, "tags": null}')


def test_a_sender_leaves_out_an_optional_field_given_none(tmp_path: Path) -> None:
    """A server message with an optional envelope field of integer type: its typed sender takes
    `int | None` and sends None as "left out", which the model would refuse as a value."""
    from .helpers import minimal_doc, write_spec

    doc = minimal_doc()
    doc["components"]["messages"]["Welcome"]["payload"]["properties"]["since"] = {"type": "integer"}
    generate_package(tmp_path, write_spec(tmp_path, doc), "quotes_since_api")
    router = importlib.import_module("quotes_since_api.router")
    models = importlib.import_module("quotes_since_api.models")
    assert b'"since"' not in router.encode(router.welcome(since=None))
    assert b'"since":7' in router.encode(router.welcome(since=7))
    assert router.JsonInt is models.JsonInt  # the sender's annotation is imported, not a NameError
