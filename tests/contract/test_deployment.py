"""The contract suite against a running deployment: `make contract URL=ws://host:port/api/v1/ws`.

Without URL it runs against a local server with the demo feed. Every frame exchanged here is
checked against asyncapi.yaml by the contract plugin; close codes and reasons come from the
spec's x-close-codes, never from this file. Knobs for a deployment: CONTRACT_SYMBOL (a symbol
that receives updates there, default AAPL), CONTRACT_UPDATE_WITHIN (seconds to wait for one,
default 15), CONTRACT_MAX_BYTES (its WS_MAX_MESSAGE_BYTES, default 65536).
"""

import asyncio
import os
from typing import Any

import orjson
import pytest
from websockets.asyncio.client import ClientConnection, connect
from websockets.exceptions import ConnectionClosed

from generated.protocol import CLOSE_RULES

SYMBOL = os.environ.get("CONTRACT_SYMBOL", "AAPL")
UPDATE_WITHIN = float(os.environ.get("CONTRACT_UPDATE_WITHIN", "15"))
MAX_BYTES = int(os.environ.get("CONTRACT_MAX_BYTES", "65536"))


@pytest.fixture
def url(server_factory) -> str:
    return os.environ.get("CONTRACT_URL") or server_factory(WS_DEMO_FEED="1", WS_DEMO_INTERVAL="0.05").ws_url


async def send(ws: ClientConnection, message: dict[str, Any]) -> None:
    await ws.send(orjson.dumps(message).decode())


async def recv(ws: ClientConnection, within: float = 5.0) -> dict[str, Any]:
    return dict(orjson.loads(await asyncio.wait_for(ws.recv(), within)))


async def until(ws: ClientConnection, kind: str, within: float) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """The first message of type `kind`, and what came before it."""
    before: list[dict[str, Any]] = []
    async with asyncio.timeout(within):
        while (message := await recv(ws, within))["type"] != kind:
            before.append(message)
    return message, before


def bars(kind: str, resolution: str = "1") -> dict[str, Any]:
    return {"type": kind, "payload": {"symbol": SYMBOL, "params": {"resolution": resolution}}}


async def test_subscribe_updates_unsubscribe_ping(url: str) -> None:
    topic = f"bars:{SYMBOL}:1"
    async with connect(url) as ws:
        await send(ws, bars("bars.subscribe"))
        reply, _ = await until(ws, "bars.subscribe.response", 5)
        assert reply["payload"] == {
            "status": "ok",
            "symbol": SYMBOL,
            "message": f"Subscribed to {SYMBOL}",
            "topic": topic,
        }
        update, _ = await until(ws, "bars.update", UPDATE_WITHIN)
        assert update["topic"] == topic
        await send(ws, bars("bars.unsubscribe"))
        reply, _ = await until(ws, "bars.unsubscribe.response", 5)
        assert reply["payload"]["message"] == f"Unsubscribed from {SYMBOL}"
        await asyncio.sleep(0.5)
        await send(ws, {"type": "ping"})
        _, after_unsubscribe = await until(ws, "pong", 5)
        assert after_unsubscribe == []


BAD_INPUT = [
    ("not json", "invalid_json"),
    ("[1, 2, 3]", "invalid_frame"),
    (b"\x00\x01binary", "invalid_frame"),
    ('{"type": "orders.create", "payload": {}}', "unknown_type"),
    ('{"type": "bars.update", "payload": {}}', "unknown_type"),  # server -> client only
    ('{"type": "bars.subscribe", "payload": {"params": {}}}', "validation_error"),
    ('{"type": "bars.subscribe", "payload": {"symbol": "AAPL", "params": {"resolution": "7"}}}', "validation_error"),
]


@pytest.mark.bad_input
@pytest.mark.parametrize(("frame", "code"), BAD_INPUT, ids=[code for _, code in BAD_INPUT])
async def test_bad_input_gets_an_error_then_its_documented_close(url: str, frame: str | bytes, code: str) -> None:
    async with connect(url) as ws, connect(url) as bystander:
        await send(bystander, {"type": "ping"})
        await until(bystander, "pong", 5)
        await ws.send(frame)
        error = await recv(ws)
        assert (error["type"], error["payload"]["code"]) == ("error", code)
        with pytest.raises(ConnectionClosed):
            await recv(ws)
        rule = CLOSE_RULES[code]
        assert (ws.close_code, ws.close_reason) == (rule.code, rule.reason)
        await send(bystander, {"type": "ping"})  # the other client never noticed
        await until(bystander, "pong", 5)


@pytest.mark.bad_input
async def test_a_frame_over_the_limit_closes_with_1009(url: str) -> None:
    async with connect(url, max_size=None) as ws:
        await ws.send('{"type": "ping", "pad": "' + "x" * MAX_BYTES + '"}')
        error = await recv(ws)
        assert error["payload"]["code"] == "message_too_big"
        with pytest.raises(ConnectionClosed):
            await recv(ws)
        rule = CLOSE_RULES["message_too_big"]
        assert (ws.close_code, ws.close_reason) == (rule.code, rule.reason)
