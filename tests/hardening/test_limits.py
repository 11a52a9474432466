"""Per-connection and per-server limits: subscriptions, inbound rate, connection count."""

import asyncio

import httpx
import pytest
from pydantic import ValidationError
from websockets.asyncio.client import connect

from app.settings import Settings
from generated.protocol import CLOSE_RULES, TRY_AGAIN_LATER
from tests.live_server import unique_symbol


async def test_a_subscribe_over_the_limit_is_refused_and_the_connection_stays(server_factory, ws_connect) -> None:
    running = server_factory(WS_MAX_SUBSCRIPTIONS="3")
    client = await ws_connect(running)
    for resolution in ("1", "5", "15"):
        assert (await client.subscribe("AAPL", resolution))["payload"]["status"] == "ok"
    refused = (await client.subscribe("AAPL", "30"))["payload"]
    assert refused["status"] == "error" and refused["topic"] == "bars:AAPL:30"
    assert refused["message"] == "Subscription limit reached: at most 3 topics per connection"
    assert (await client.subscribe("AAPL", "5"))["payload"]["status"] == "ok"  # already held: fine
    await client.unsubscribe("AAPL", "1")
    assert (await client.subscribe("AAPL", "30"))["payload"]["status"] == "ok"  # room again
    assert running.health()["topics"] == 3


@pytest.mark.bad_input
async def test_a_client_sending_too_fast_is_closed_and_others_are_not(server_factory, ws_connect) -> None:
    running = server_factory(WS_RATE_LIMIT="10", WS_RATE_BURST="5", WS_MAX_SUBSCRIPTIONS="5")
    calm, flood = await ws_connect(running), await ws_connect(running)
    for _ in range(30):
        await flood.send({"type": "ping"})
    code, reason, received = await flood.closed()
    rule = CLOSE_RULES["rate_limited"]
    assert (code, reason) == (rule.code, "Rate limit exceeded: 10.0 messages per second")
    assert received[-1]["payload"]["code"] == "rate_limited"
    assert [m["type"] for m in received[:-1]] == ["pong"] * 5  # the burst went through
    assert await calm.until_pong() == []
    assert "trading_ws_rate_limited_disconnects_total 1.0" in httpx.get(f"{running.base_url}/metrics").text


async def test_within_the_rate_a_client_is_never_limited(server_factory, ws_connect) -> None:
    running = server_factory(WS_RATE_LIMIT="50", WS_RATE_BURST="5", WS_MAX_SUBSCRIPTIONS="5")
    client = await ws_connect(running)
    for _ in range(20):
        assert await client.until_pong() == []
        await asyncio.sleep(0.03)  # ~33 a second, under 50


async def test_a_reconnecting_client_may_resubscribe_its_every_topic_at_once(server_factory, ws_connect) -> None:
    running = server_factory()  # the defaults: 100 topics, 20 messages a second
    client = await ws_connect(running)
    for i in range(Settings().max_subscriptions):
        await client.send({"type": "bars.subscribe", "payload": {"symbol": f"RESUB{i}"}})
    replies = await client.until_pong()
    assert [m["payload"]["status"] for m in replies] == ["ok"] * Settings().max_subscriptions


def test_a_burst_too_small_for_a_full_resubscribe_is_refused_at_startup() -> None:
    with pytest.raises(ValidationError, match="WS_RATE_BURST \\(50\\) must be at least WS_MAX_SUBSCRIPTIONS \\(100\\)"):
        Settings(rate_burst=50)


async def test_connections_beyond_the_maximum_are_closed_with_1013(server_factory, ws_connect) -> None:
    running = server_factory(WS_MAX_CONNECTIONS="2")
    first, second = await ws_connect(running), await ws_connect(running)
    async with connect(running.ws_url) as third:
        with pytest.raises(Exception):  # noqa: B017 - ConnectionClosed of some kind
            await asyncio.wait_for(third.recv(), 5)
        assert (third.close_code, third.close_reason) == (TRY_AGAIN_LATER.code, TRY_AGAIN_LATER.reason)
    await first.close()
    await asyncio.sleep(0.2)
    fourth = await ws_connect(running)  # a slot is free again
    assert await fourth.until_pong() == [] and await second.until_pong() == []
    symbol = unique_symbol()
    assert (await fourth.subscribe(symbol))["payload"]["status"] == "ok"
