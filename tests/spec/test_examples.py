"""Every example in asyncapi.yaml is valid, and the generated models agree with the spec's own
JSON Schemas on every mutation of every example: both accept it or both reject it."""

import copy
from collections.abc import Iterator
from typing import Any

import pytest
import yaml
from pydantic import ValidationError

from app.contract import SPEC_PATH, spec_messages
from generated.models import MESSAGE_MODELS

DOC = yaml.safe_load(SPEC_PATH.read_text())
MESSAGES = DOC["components"]["messages"]
EXAMPLES = [
    (f"{key}[{i}]", message["name"], example["payload"])
    for key, message in MESSAGES.items()
    for i, example in enumerate(message.get("examples", []))
]
BAD_SYMBOLS = ["", " AAPL", "AA PL", "AAPL\n", "A\x00B", "A:B", "X" * 33, "ÄPFEL"]
EXTENSIBLE_UNKNOWN_VALUES = {  # each an x-extensible-enum of the spec
    "error": ("unknown value at payload/code",),
    "subscribe.response": ("unknown value at payload/results/1/code",),
    "subscription.reset": ("unknown value at payload/reason",),
}
GOOD_SYMBOLS = ["AAPL", "BRK.B", "BTC-USD", "EURUSD", "ES=F", "^GSPC"]


def direction(name: str) -> str:
    return spec_messages().directions[name]


def spec_accepts(frame: Any, name: str) -> bool:
    return not spec_messages().problems(frame, direction(name))  # type: ignore[arg-type]


def model_accepts(frame: Any) -> bool:
    model = MESSAGE_MODELS.get(frame.get("type")) if isinstance(frame, dict) else None
    if model is None:
        return False
    try:
        model.model_validate(frame)
    except ValidationError:
        return False
    return True


def test_every_message_has_an_example_summary_and_description() -> None:
    for key, message in MESSAGES.items():
        assert message.get("examples"), key
        assert message.get("summary") and message.get("description"), key


@pytest.mark.parametrize(("label", "name", "frame"), EXAMPLES, ids=[e[0] for e in EXAMPLES])
def test_example_is_valid_for_both(label: str, name: str, frame: dict[str, Any]) -> None:
    assert spec_messages().problems(frame, direction(name)) == []  # type: ignore[arg-type]
    assert model_accepts(frame), label


def leaf_paths(value: Any, path: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    if isinstance(value, dict):
        for key, item in value.items():
            yield (*path, key)
            yield from leaf_paths(item, (*path, key))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield (*path, i)
            yield from leaf_paths(item, (*path, i))


def wrong_type(value: Any) -> Any:
    if isinstance(value, bool) or isinstance(value, (int, float)):
        return "12"
    if isinstance(value, str):
        return 12
    if isinstance(value, dict):
        return ["not", "an", "object"]
    return {"not": "a list"}


def mutate(frame: Any, path: tuple[Any, ...], op: str, value: Any = None) -> Any:
    mutated = copy.deepcopy(frame)
    parent = mutated
    for key in path[:-1]:
        parent = parent[key]
    if op == "delete":
        del parent[path[-1]]
    else:
        parent[path[-1]] = value
    return mutated


def mutations(frame: dict[str, Any]) -> Iterator[tuple[str, Any]]:
    for path in leaf_paths(frame):
        parent = frame
        for key in path[:-1]:
            parent = parent[key]
        original = parent[path[-1]]
        where = "/".join(map(str, path))
        if isinstance(parent, dict):
            yield f"delete {where}", mutate(frame, path, "delete")
        # No schema of the spec allows null: an optional field may be left out, not set to null.
        yield f"explicit null at {where}", mutate(frame, path, "set", None)
        yield f"wrong type at {where}", mutate(frame, path, "set", wrong_type(original))
        if isinstance(original, str):
            yield f"unknown value at {where}", mutate(frame, path, "set", "not-a-member")
        if path[-1] == "symbol":
            for bad in BAD_SYMBOLS:
                yield f"symbol {bad!r}", mutate(frame, path, "set", bad)
        if isinstance(original, int) and not isinstance(original, bool):
            yield f"negative {where}", mutate(frame, path, "set", -1)
            # JSON Schema integers include whole floats (1e6, 2.0), never fractional ones.
            yield f"integral float at {where}", mutate(frame, path, "set", float(original))
            yield f"fractional number at {where}", mutate(frame, path, "set", original + 0.5)


@pytest.mark.parametrize(("label", "name", "frame"), EXAMPLES, ids=[e[0] for e in EXAMPLES])
def test_models_and_spec_agree_on_every_mutation(label: str, name: str, frame: dict[str, Any]) -> None:
    rejected = 0
    for what, mutated in mutations(frame):
        by_spec, by_model = spec_accepts(mutated, name), model_accepts(mutated)
        if what in EXTENSIBLE_UNKNOWN_VALUES.get(name, ()):
            # An x-extensible-enum: the server sends only the listed values (the spec checks
            # that), readers must accept new ones (the models do).
            assert (by_spec, by_model) == (False, True), what
            continue
        assert by_spec == by_model, f"{label}: {what}: spec accepts={by_spec}, models accept={by_model}"
        rejected += not by_spec
    assert rejected > 0, f"{label}: no mutation was rejected, so this test checks nothing"


@pytest.mark.parametrize(
    ("what", "payload"),
    [
        ("wrong type", {"symbol": 123}),
        ("missing required field", {"params": {"resolution": "1"}}),
        ("value outside the enum", {"symbol": "AAPL", "params": {"resolution": "2"}}),
        *[(f"bad symbol {s!r}", {"symbol": s}) for s in BAD_SYMBOLS],
    ],
)
def test_the_documented_rejections(what: str, payload: dict[str, Any]) -> None:
    frame = {"type": "bars.subscribe", "payload": payload}
    assert not spec_accepts(frame, "bars.subscribe"), what
    assert not model_accepts(frame), what


@pytest.mark.parametrize("symbol", GOOD_SYMBOLS)
def test_real_tickers_are_admitted(symbol: str) -> None:
    frame = {"type": "bars.subscribe", "payload": {"symbol": symbol}}
    assert spec_accepts(frame, "bars.subscribe") and model_accepts(frame)


def test_every_close_code_says_whether_retrying_helps() -> None:
    """Bad input must not be retried in a loop; time-outs, the lifespan, a slow consumer, rate
    limits, an expired token, a server fault, a full server and a shutdown may be."""
    by_error = {error: entry["retry"] for entry in DOC["x-close-codes"] for error in entry["errors"]}
    assert {error for error, retry in by_error.items() if not retry} == {
        "invalid_json",
        "invalid_frame",
        "unknown_type",
        "validation_error",
        "invalid_utf8",
        "message_too_big",
    }
    assert all(isinstance(entry["retry"], bool) for entry in DOC["x-close-codes"])
