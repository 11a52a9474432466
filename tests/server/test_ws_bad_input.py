"""Bad input closes only the offending connection: the `error` message first, then the close
code and reason of the spec's CLOSE_RULES. A bystander keeps working throughout."""

import json

import httpx
import pytest

from generated.protocol import CLOSE_RULES
from tests.live_server import make_bars, unique_symbol

pytestmark = pytest.mark.bad_input

SUBSCRIBE_WITHOUT_SYMBOL = {"type": "bars.subscribe", "payload": {"params": {}}}

CASES = {
    "not json": ("not json", "invalid_json"),
    "truncated json": ('{"type": "ping"', "invalid_json"),
    "json array": ("[1, 2]", "invalid_frame"),
    "json string": ('"ping"', "invalid_frame"),
    "missing type": ("{}", "unknown_type"),
    "unknown type": ('{"type": "unknown.operation", "payload": {}}', "unknown_type"),
    "server-only bars.update": (
        json.dumps({"type": "bars.update", "topic": "bars:AAPL:1", "payload": make_bars(1)[0]}),
        "unknown_type",
    ),
    "server-only pong": ('{"type": "pong"}', "unknown_type"),
    "missing symbol": (json.dumps(SUBSCRIBE_WITHOUT_SYMBOL), "validation_error"),
    "bad resolution": (
        '{"type": "bars.subscribe", "payload": {"symbol": "AAPL", "params": {"resolution": "2"}}}',
        "validation_error",
    ),
    "symbol with a colon": ('{"type": "bars.unsubscribe", "payload": {"symbol": "A:B"}}', "validation_error"),
    "binary frame": (b'{"type": "ping"}', "invalid_frame"),
}


@pytest.fixture
async def bystander(server, ws_connect):
    """A client on another topic that must notice nothing of the others' trouble."""
    client = await ws_connect(server)
    symbol = unique_symbol()
    await client.subscribe(symbol)
    yield client, symbol
    published = make_bars(2)
    assert (await server.apublish(symbol, published)).status_code == 200
    assert [m["payload"] for m in await client.until_pong()] == published


@pytest.mark.parametrize("frame, code", CASES.values(), ids=CASES.keys())
async def test_bad_frame_sends_error_then_closes_1003(server, ws_connect, bystander, frame, code):
    client = await ws_connect(server)
    await client.subscribe(unique_symbol())
    await client.conn.send(frame)
    close_code, reason, received = await client.closed()
    assert len(received) == 1
    assert received[0]["type"] == "error"
    assert received[0]["payload"]["code"] == code
    assert received[0]["payload"]["retry"] is False  # its own bad frame: reconnecting cannot help
    assert (close_code, reason) == (1003, CLOSE_RULES[code].reason)


async def test_validation_error_names_the_offending_fields(server, ws_connect):
    client = await ws_connect(server)
    await client.send(SUBSCRIBE_WITHOUT_SYMBOL)
    _, reason, received = await client.closed()
    assert reason == "Could not validate payload"
    assert received == [
        {
            "type": "error",
            "payload": {
                "code": "validation_error",
                "message": "Could not validate payload",
                "retry": False,
                "errors": [{"path": "/payload/symbol", "message": "Field required"}],
            },
        }
    ]


async def test_frame_over_the_size_limit_closes_1009(server, ws_connect, bystander):
    client = await ws_connect(server)
    await client.conn.send(json.dumps({"type": "ping", "pad": "x" * 64 * 1024}))
    close_code, reason, received = await client.closed()
    assert [m["payload"]["code"] for m in received] == ["message_too_big"]
    assert (close_code, reason) == (1009, "Message too big")


async def test_text_that_is_not_utf8_sends_error_then_closes_1007(server, ws_connect, bystander):
    client = await ws_connect(server)
    await client.conn.send(b'{"type": "ping", "x": "\xff"}', text=True)
    close_code, reason, received = await client.closed()
    assert [m["payload"]["code"] for m in received] == ["invalid_utf8"]
    assert (close_code, reason) == (1007, CLOSE_RULES["invalid_utf8"].reason)


async def test_frame_just_under_the_size_limit_is_fine(server, ws_connect):
    client = await ws_connect(server)
    frame = json.dumps({"type": "ping", "pad": ""})
    frame = json.dumps({"type": "ping", "pad": "x" * (64 * 1024 - len(frame))})
    assert len(frame.encode()) == 64 * 1024
    await client.conn.send(frame)
    assert await client.recv() == {"type": "pong"}


async def test_size_limit_is_configurable(server_factory, ws_connect):
    small = server_factory(WS_MAX_MESSAGE_BYTES="200")
    client = await ws_connect(small)
    await client.conn.send(json.dumps({"type": "ping", "pad": "x" * 200}))
    close_code, reason, received = await client.closed()
    assert received[0]["payload"] == {
        "code": "message_too_big",
        "message": "A frame may hold at most 200 bytes",
        "retry": False,
    }
    assert (close_code, reason) == (1009, "Message too big")
    metrics = httpx.get(f"{small.base_url}/metrics").text
    assert 'trading_ws_messages_out_total{type="error"} 1.0' in metrics


async def test_bad_input_leaves_no_traceback_in_the_log(server, ws_connect):
    for frame, _ in CASES.values():
        client = await ws_connect(server)
        await client.conn.send(frame)
        await client.closed()
    assert "Traceback" not in server.logs()
