"""The generated asyncio client (generated/client.py) against the real server, beside a plain
third-party client (websockets) that publishes nothing and sees the same stream."""

import asyncio
import os
import signal
from pathlib import Path

import pytest

from generated.client import ConnectionState, ReplyTimeout, TradingWebSocketsClient
from generated.models import BarsParams, SubscriptionRequest
from tests.live_server import make_bars, start_server, unique_symbol


def request(symbol: str, resolution: str = "1") -> SubscriptionRequest:
    return SubscriptionRequest(symbol=symbol, params=BarsParams(resolution=resolution))  # type: ignore[arg-type]


async def test_typed_operations_and_per_topic_subscriptions(server, ws_connect) -> None:
    first, second = unique_symbol(), unique_symbol()
    plain = await ws_connect(server)
    await plain.subscribe(first)
    async with TradingWebSocketsClient(server.ws_url) as client:
        await client.ping()
        reply = await client.bars_subscribe(request(second, "5"))
        assert (reply.status, reply.message, reply.topic) == ("ok", f"Subscribed to {second}", f"bars:{second}:5")
        async with client.subscribe_bars(request(first)) as a, client.subscribe_bars(request(second, "5")) as b:
            await server.apublish(first, make_bars(3))
            await server.apublish(second, make_bars(2, start=1_800_000_000_000), resolution="5")
            assert [(await a.get(5)).time for _ in range(3)] == [bar["time"] for bar in make_bars(3)]
            assert [(await b.get(5)).time for _ in range(2)] == [bar["time"] for bar in make_bars(2, 1_800_000_000_000)]
            assert a.reply.message == f"Subscribed to {first}"
        # Leaving the `async with` unsubscribed: nothing more arrives for those topics.
        await server.apublish(first, make_bars(1, start=1_900_000_000_000))
        with pytest.raises(TimeoutError):
            await a.get(0.3)
    # The plain client saw the same updates of `first`, in order.
    seen = [(await plain.recv())["payload"]["time"] for _ in range(4)]
    assert seen == [bar["time"] for bar in make_bars(3)] + [1_900_000_000_000]


async def test_reconnects_and_resubscribes_after_a_server_restart(tmp_path: Path) -> None:
    symbol = unique_symbol()
    running = start_server(tmp_path)
    states: list[ConnectionState] = []
    client = TradingWebSocketsClient(running.ws_url, backoff_base=0.05, backoff_cap=0.2)
    client.on_state_change(lambda old, new: states.append(new))
    try:
        await client.connect()
        async with client.subscribe_bars(request(symbol)) as updates:
            running.stop()
            running = start_server(tmp_path, port=running.port)
            await asyncio.wait_for(_connected_again(client, states), 10)
            await running.apublish(symbol, make_bars(2))
            assert [(await updates.get(5)).time for _ in range(2)] == [bar["time"] for bar in make_bars(2)]
        assert ConnectionState.RECONNECTING in states
    finally:
        await client.close()
        running.stop()


async def _connected_again(client: TradingWebSocketsClient, states: list[ConnectionState]) -> None:
    while ConnectionState.RECONNECTING not in states or client.state is not ConnectionState.CONNECTED:
        await asyncio.sleep(0.05)
    await client.ping()  # the resubscribe replies came before this one


async def test_keepalive_holds_an_idle_connection_past_two_heartbeats(server_factory) -> None:
    running = server_factory(WS_HEARTBEAT_INTERVAL="0.6")
    states: list[ConnectionState] = []
    async with TradingWebSocketsClient(running.ws_url, keepalive_interval=0.2) as client:
        client.on_state_change(lambda old, new: states.append(new))
        await asyncio.sleep(1.5)  # 2.5 heartbeat intervals of silence from user code
        assert client.state is ConnectionState.CONNECTED and states == []
        await client.ping()


async def test_a_reply_that_never_comes_rejects_after_the_timeout(server_factory) -> None:
    running = server_factory()
    async with TradingWebSocketsClient(running.ws_url, reply_timeout=0.5) as client:
        os.kill(running.proc.pid, signal.SIGSTOP)  # the socket stays open; nobody answers
        try:
            with pytest.raises(ReplyTimeout):
                await client.ping()
        finally:
            os.kill(running.proc.pid, signal.SIGCONT)
        client.reply_timeout = 5
        await client.ping()  # and the connection still works afterwards


async def test_invalid_input_is_refused_before_anything_is_sent(server) -> None:
    from pydantic import ValidationError

    with pytest.raises(ValidationError):
        request("AAPL", "7")
    with pytest.raises(ValidationError):
        SubscriptionRequest(symbol="NOT A TICKER")
