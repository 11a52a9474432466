"""Fuzzed input against a real server while a well-behaved client stays subscribed.

The oracle is the spec itself: a frame that is a valid client message (parsed the way the
server parses JSON, checked with asyncapi.yaml's schemas) gets its reply and the connection
stays open; anything else gets an `error` message and the close the spec's x-close-codes give
its error code (text that is not UTF-8 included: `invalid_utf8`, 1007). Afterwards
the server has logged no unhandled exception and the subscribed client missed nothing.
"""

import contextlib
import json
import threading
from dataclasses import dataclass
from typing import Any

import orjson
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from websockets.exceptions import ConnectionClosed
from websockets.sync.client import ClientConnection, connect

from app.contract import spec_messages
from generated.models import RESOLUTION_VALUES
from generated.protocol import CLIENT_TYPES, CLOSE_RULES, SERVER_TYPES
from tests.live_server import RunningServer, make_bar, unique_symbol


@dataclass(frozen=True)
class Frame:
    data: str | bytes
    as_text: bool = True  # bytes sent in a text frame: not UTF-8 on purpose


tickers = st.from_regex(r"[A-Za-z0-9.=^/_-]{1,32}", fullmatch=True)
resolutions = st.sampled_from(RESOLUTION_VALUES)
json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False, allow_infinity=False) | st.text(),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4),
    max_leaves=12,
)
valid_messages = st.one_of(
    st.just({"type": "ping"}),
    st.builds(
        lambda kind, symbol, resolution: {
            "type": kind,
            "payload": {"symbol": symbol, "params": {"resolution": resolution}},
        },
        st.sampled_from(["bars.subscribe", "bars.unsubscribe"]),
        tickers,
        resolutions,
    ),
)
envelopes_with_wrong_payloads = st.builds(
    lambda kind, payload: {"type": kind, "payload": payload},
    st.sampled_from(sorted(CLIENT_TYPES | SERVER_TYPES)) | st.text(max_size=12),
    json_values,
)
edge_numbers = st.sampled_from(["1e999", "-1e999", "123456789012345678901234567890", "NaN", "Infinity", "-0", "1e-400"])
text_frames = st.one_of(
    valid_messages.map(json.dumps),
    envelopes_with_wrong_payloads.map(json.dumps),
    json_values.map(json.dumps),
    valid_messages.map(json.dumps).flatmap(lambda s: st.integers(0, max(len(s) - 1, 0)).map(lambda i: s[:i])),
    st.integers(1, 3000).map(lambda depth: "[" * depth + "]" * depth),
    st.integers(1, 3000).map(lambda depth: '{"type":"ping","x":' + "[" * depth + "]" * depth + "}"),
    edge_numbers.map(lambda n: '{"type":"ping","n":' + n + "}"),
    st.builds(lambda s: json.dumps({"type": "bars.subscribe", "payload": {"symbol": s}}), st.text(max_size=40)),
    st.text(max_size=200),
)
frames = st.one_of(
    text_frames.map(Frame),
    st.binary(max_size=200).map(lambda b: Frame(b, as_text=False)),
    st.sampled_from([b"\xff\xfe", b'{"type":"ping","x":"\xed\xa0\x80"}', b"\xc3"]).map(Frame),
)


def spec_valid(data: str | bytes) -> bool:
    """What the server should accept: orjson's JSON (the server's parser) that the spec admits."""
    if isinstance(data, bytes):
        return False
    try:
        frame = orjson.loads(data)
    except orjson.JSONDecodeError:
        return False
    return isinstance(frame, dict) and not spec_messages().problems(frame, "client")


def exchange(url: str, frame: Frame) -> tuple[list[dict[str, Any]], int | None, str | None]:
    """Send one frame on a fresh connection; what came back before a close (or a pong barrier)."""
    received: list[dict[str, Any]] = []
    with connect(url, open_timeout=5, max_size=None) as ws:
        ws.send(frame.data, text=frame.as_text)
        with contextlib.suppress(ConnectionClosed):  # the server may have closed already
            ws.send('{"type":"ping"}')  # a barrier: its pong comes after the frame's reply
        try:
            while True:
                message = json.loads(ws.recv(timeout=5))
                if message == {"type": "pong"}:
                    return received, None, None
                received.append(message)
        except ConnectionClosed:
            return received, ws.close_code, ws.close_reason


class Subscriber(threading.Thread):
    """A well-behaved client holding one topic for the whole run."""

    def __init__(self, url: str, symbol: str) -> None:
        super().__init__(daemon=True)
        self.ws: ClientConnection = contextlib.ExitStack().enter_context(connect(url, open_timeout=5))
        self.ws.send(json.dumps({"type": "bars.subscribe", "payload": {"symbol": symbol}}))
        assert json.loads(self.ws.recv(timeout=5))["payload"]["status"] == "ok"
        self.times: list[int] = []

    def run(self) -> None:
        try:
            for raw in self.ws:
                self.times.append(json.loads(raw)["payload"]["time"])
        except ConnectionClosed:
            pass


@pytest.fixture(scope="module")
def fuzz_server(tmp_path_factory: pytest.TempPathFactory) -> Any:
    from tests.live_server import start_server

    running = start_server(tmp_path_factory.mktemp("fuzz"), {"WS_HEARTBEAT_INTERVAL": "600"})
    yield running
    running.stop()


@pytest.mark.bad_input
def test_fuzzed_frames_get_their_documented_answer_and_hurt_nobody(fuzz_server: RunningServer) -> None:
    symbol = unique_symbol()
    subscriber = Subscriber(fuzz_server.ws_url, symbol)
    subscriber.start()
    published: list[int] = []

    @settings(max_examples=2000, deadline=None, suppress_health_check=list(HealthCheck), database=None)
    @given(frame=frames)
    def check(frame: Frame) -> None:
        received, code, reason = exchange(fuzz_server.ws_url, frame)
        if code is None:
            assert spec_valid(frame.data), f"accepted a frame the spec rejects: {frame!r}"
            assert all(m["type"] != "error" for m in received)
        else:
            assert received, f"closed {code} {reason!r} without an error message: {frame!r}"
            error = received[-1]
            assert error["type"] == "error", (frame, received)
            rule = CLOSE_RULES[error["payload"]["code"]]
            assert (code, reason) == (rule.code, rule.reason), (frame, error)
            assert not spec_valid(frame.data), f"rejected a valid frame: {frame!r} -> {error}"
        if len(published) < 60 and hash(repr(frame)) % 20 == 0:
            bar = make_bar(1_700_000_000_000 + len(published) * 60_000)
            assert fuzz_server.publish(symbol, [bar]).status_code == 200
            published.append(bar["time"])

    check()
    final = make_bar(1_700_000_000_000 + len(published) * 60_000)
    fuzz_server.publish(symbol, [final])
    published.append(final["time"])
    subscriber.join(timeout=0.5)
    deadline_reached = not _wait_for(lambda: len(subscriber.times) >= len(published), 10)
    subscriber.ws.close()
    assert not deadline_reached and subscriber.times == published  # nothing missed, nothing extra
    logs = fuzz_server.logs()
    assert "Traceback" not in logs and "Exception in ASGI" not in logs, logs[-3000:]


def _wait_for(condition: Any, within: float) -> bool:
    import time

    deadline = time.monotonic() + within
    while not condition():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.05)
    return True
