"""The generated asyncio client against a fake server that misbehaves: unreadable frames are
skipped and reported, an unexpected failure counts as a disconnect, and a subscription whose
subscribe failed is not replayed after a reconnect."""

import asyncio
from collections.abc import Callable

import pytest
from websockets.asyncio.server import ServerConnection

from generated.client import ConnectionState, InvalidFrame, ReplyTimeout, TradingWebSocketsClient
from generated.models import SubscriptionRequest
from tests.clients.fake_server import FakeServer, Frame, answer, dumps, update

pytestmark = pytest.mark.fake_server
TOPIC = "bars:AAPL:1"
REQUEST = SubscriptionRequest(symbol="AAPL")
FAST = {"backoff_base": 0.01, "backoff_cap": 0.05, "reply_timeout": 2.0}


async def until(condition: Callable[[], bool]) -> None:
    async with asyncio.timeout(5):
        while not condition():
            await asyncio.sleep(0.01)


async def test_unreadable_frames_are_reported_and_skipped_and_the_connection_stays() -> None:
    async def script(server: FakeServer, ws: ServerConnection, frame: Frame) -> None:
        reply = answer(frame)
        if reply:
            await ws.send(reply)
        if frame["type"] == "bars.subscribe":
            for bad in ("not json {", "[1, 2]", update(TOPIC, "soon"), update(TOPIC, 1.5)):
                await ws.send(bad)
            await ws.send(dumps({"type": "error", "payload": "not an object"}))
            await ws.send(update(TOPIC, 1))
            await ws.send(update(TOPIC, 2.0, volume=1e6))  # integral floats are JSON Schema integers

    errors: list[InvalidFrame] = []
    states: list[ConnectionState] = []
    async with FakeServer(script) as server, TradingWebSocketsClient(server.url, **FAST) as client:
        client.on_error(errors.append)
        client.on_state_change(lambda old, new: states.append(new))
        async with client.subscribe_bars(REQUEST) as updates:
            bars = [await updates.get(5), await updates.get(5)]
        assert [(bar.time, bar.volume) for bar in bars] == [(1, 10), (2, 1_000_000)]
        await client.ping()
        assert len(errors) == 4 and all(isinstance(e, InvalidFrame) for e in errors)
        assert "not JSON" in str(errors[0]) and "not a JSON object" in str(errors[1])
        assert client.state is ConnectionState.CONNECTED and states == [] and server.connections == 1


async def test_an_unexpected_error_in_the_run_loop_reconnects_and_resubscribes() -> None:
    async def script(server: FakeServer, ws: ServerConnection, frame: Frame) -> None:
        reply = answer(frame)
        if reply:
            await ws.send(reply)
        if frame["type"] == "bars.subscribe":
            await ws.send("not json {" if server.connections == 1 else update(TOPIC, 7))

    def buggy_callback(error: InvalidFrame) -> None:
        raise RuntimeError("a bug in user code")

    states: list[ConnectionState] = []
    async with FakeServer(script) as server, TradingWebSocketsClient(server.url, **FAST) as client:
        client.on_error(buggy_callback)
        client.on_state_change(lambda old, new: states.append(new))
        async with client.subscribe_bars(REQUEST) as updates:
            assert (await updates.get(5)).time == 7  # sent only after the resubscribe
        assert server.connections == 2 and server.sent("bars.subscribe") == 2
        assert ConnectionState.RECONNECTING in states and client.state is ConnectionState.CONNECTED


@pytest.mark.parametrize("failure", ["no reply", "error and close"])
async def test_a_failed_subscribe_is_not_replayed_after_a_reconnect(failure: str) -> None:
    async def script(server: FakeServer, ws: ServerConnection, frame: Frame) -> None:
        if frame["type"] != "bars.subscribe":
            await ws.send(answer(frame) or "")
        elif failure == "error and close":
            await ws.send(dumps({"type": "error", "payload": {"code": "validation_error", "message": "no"}}))
            await ws.close(1003, "Could not validate payload")

    async with FakeServer(script) as server:
        client = TradingWebSocketsClient(server.url, **{**FAST, "reply_timeout": 0.3})
        try:
            await client.connect()
            with pytest.raises((ReplyTimeout, ConnectionError)):
                async with client.subscribe_bars(REQUEST):
                    pytest.fail("a failed subscribe must not enter the block")
            await server.drop()
            await until(lambda: server.connections >= 2 and client.state is ConnectionState.CONNECTED)
            await client.ping()
            assert server.sent("bars.subscribe") == 1
        finally:
            await client.close()
