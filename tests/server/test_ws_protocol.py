"""The WebSocket protocol end to end against a real `python -m app` server: the original
document's behaviour plus the spec's additions (topic on updates, ping, snapshot)."""

import asyncio

import pytest

from generated.protocol import bars_topic
from tests.live_server import make_bars, unique_symbol, unsequenced


def reply(kind: str, symbol: str, message: str, topic: str) -> dict[str, object]:
    return {
        "type": kind,
        "payload": {"status": "ok", "symbol": symbol, "message": message, "topic": topic},
    }


def update(topic: str, bar: dict[str, object]) -> dict[str, object]:
    return {"type": "bars.update", "topic": topic, "payload": bar}


async def test_subscribe_and_unsubscribe_replies(server, ws_connect):
    client = await ws_connect(server)
    symbol = unique_symbol()
    topic = f"bars:{symbol}:1"
    assert await client.subscribe(symbol, "1") == reply(
        "bars.subscribe.response", symbol, f"Subscribed to {symbol}", topic
    )
    assert await client.unsubscribe(symbol, "1") == reply(
        "bars.unsubscribe.response", symbol, f"Unsubscribed from {symbol}", topic
    )


async def test_original_document_example_texts(server, ws_connect):
    client = await ws_connect(server)
    assert await client.subscribe("AAPL", "1") == reply(
        "bars.subscribe.response", "AAPL", "Subscribed to AAPL", "bars:AAPL:1"
    )
    assert await client.unsubscribe("AAPL", "1") == reply(
        "bars.unsubscribe.response", "AAPL", "Unsubscribed from AAPL", "bars:AAPL:1"
    )


async def test_default_resolution_is_1(server, ws_connect):
    client = await ws_connect(server)
    symbol = unique_symbol()
    await client.send({"type": "bars.subscribe", "payload": {"symbol": symbol, "params": {}}})
    assert (await client.recv())["payload"]["topic"] == f"bars:{symbol}:1"
    assert (await client.subscribe(symbol))["payload"]["topic"] == f"bars:{symbol}:1"
    published = make_bars(1)
    assert (await server.apublish(symbol, published, resolution="1")).status_code == 200
    assert unsequenced(await client.until_pong()) == [update(f"bars:{symbol}:1", published[0])]


async def test_updates_reach_only_subscribers_of_that_exact_topic(server, ws_connect):
    aapl, msft = unique_symbol(), unique_symbol()
    one_min, daily, other = await ws_connect(server), await ws_connect(server), await ws_connect(server)
    await one_min.subscribe(aapl, "1")
    await daily.subscribe(aapl, "D")
    await other.subscribe(msft, "1")
    published = make_bars(3)
    assert (await server.apublish(aapl, published, resolution="1")).status_code == 200

    assert unsequenced(await one_min.until_pong()) == [update(f"bars:{aapl}:1", bar) for bar in published]
    assert await daily.until_pong() == []
    assert await other.until_pong() == []


async def test_many_symbols_and_resolutions_per_client(server, ws_connect):
    client = await ws_connect(server)
    wanted = [(unique_symbol(), resolution) for resolution in ("1", "5", "D", "W", "M")]
    for symbol, resolution in wanted:
        assert (await client.subscribe(symbol, resolution))["payload"]["topic"] == f"bars:{symbol}:{resolution}"
    published = make_bars(1)
    for symbol, resolution in wanted:
        assert (await server.apublish(symbol, published, resolution=resolution)).status_code == 200
    received = unsequenced(await client.until_pong())
    assert received == [update(bars_topic(symbol, resolution), published[0]) for symbol, resolution in wanted]


async def test_duplicate_subscribe_replies_ok_and_never_doubles_updates(server, ws_connect):
    client = await ws_connect(server)
    symbol = unique_symbol()
    first, second = await client.subscribe(symbol), await client.subscribe(symbol)
    assert first == second == reply("bars.subscribe.response", symbol, f"Subscribed to {symbol}", f"bars:{symbol}:1")
    published = make_bars(2)
    await server.apublish(symbol, published)
    assert unsequenced(await client.until_pong()) == [update(f"bars:{symbol}:1", bar) for bar in published]
    # One unsubscribe undoes it completely.
    await client.unsubscribe(symbol)
    await server.apublish(symbol, make_bars(1, start=2_000_000_000_000))
    assert await client.until_pong() == []


async def test_unsubscribe_from_a_topic_not_held_replies_ok(server, ws_connect):
    client = await ws_connect(server)
    symbol = unique_symbol()
    assert await client.unsubscribe(symbol, "W") == reply(
        "bars.unsubscribe.response", symbol, f"Unsubscribed from {symbol}", f"bars:{symbol}:W"
    )
    assert await client.until_pong() == []  # and the connection is fine


async def test_unsubscribe_stops_updates(server, ws_connect):
    client = await ws_connect(server)
    symbol = unique_symbol()
    await client.subscribe(symbol, "5")
    await client.unsubscribe(symbol, "5")
    await server.apublish(symbol, make_bars(2), resolution="5")
    assert await client.until_pong() == []


async def test_snapshot_of_latest_bar_follows_the_subscribe_reply(server, ws_connect):
    symbol = unique_symbol()
    published = make_bars(3)
    assert (await server.apublish(symbol, published, resolution="15")).status_code == 200  # nobody listens yet
    client = await ws_connect(server)
    await client.send({"type": "bars.subscribe", "payload": {"symbol": symbol, "params": {"resolution": "15"}}})
    assert (await client.recv())["type"] == "bars.subscribe.response"
    assert unsequenced(await client.recv()) == update(f"bars:{symbol}:15", published[-1])
    # Only once: a duplicate subscribe changes nothing, so no second snapshot.
    await client.subscribe(symbol, "15")
    assert await client.until_pong() == []


async def test_no_snapshot_for_a_topic_never_published(server, ws_connect):
    client = await ws_connect(server)
    await client.subscribe(unique_symbol())
    assert await client.until_pong() == []


async def test_ping_pong(server, ws_connect):
    client = await ws_connect(server)
    for _ in range(3):
        await client.send({"type": "ping"})
        assert await client.recv() == {"type": "pong"}


async def test_every_update_names_its_topic_and_bars_arrive_in_order(server, ws_connect):
    client = await ws_connect(server)
    symbol = unique_symbol()
    await client.subscribe(symbol, "60")
    published = make_bars(20)
    for chunk in (published[:7], published[7:]):
        assert (await server.apublish(symbol, chunk, resolution="60")).json() == {"published": len(chunk)}
    received = await client.until_pong()
    assert [m["topic"] for m in received] == [f"bars:{symbol}:60"] * 20
    assert [m["payload"] for m in received] == published


async def test_subscriptions_are_cleared_on_disconnect(server_factory, ws_connect):
    private = server_factory()
    clients = [await ws_connect(private) for _ in range(3)]
    for client in clients:
        for resolution in ("1", "D"):
            await client.subscribe("AAPL", resolution)
        await client.subscribe(unique_symbol())
    memory = {"url": "memory://", "state": "up"}
    assert private.health() == {"status": "ok", "connections": 3, "topics": 5, "broker": memory}
    await clients[0].close()
    await wait_for_health(private, connections=2, topics=4)
    for client in clients[1:]:
        await client.close()
    await wait_for_health(private, connections=0, topics=0)


async def wait_for_health(target, within: float = 5.0, **expected: int) -> None:
    deadline = asyncio.get_running_loop().time() + within
    while True:
        health = await asyncio.to_thread(target.health)
        if all(health[key] == value for key, value in expected.items()):
            return
        if asyncio.get_running_loop().time() > deadline:
            pytest.fail(f"health stayed {health}, expected {expected}")
        await asyncio.sleep(0.05)
