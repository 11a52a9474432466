"""Producers outside the service publish straight into Redis (channel and format documented in
asyncapi.yaml): valid frames reach clients byte for byte, anything else is logged and dropped."""

import asyncio

import orjson

from tests.live_server import make_bar, unique_symbol
from tests.redis.helpers import channel, until, updates_until


async def test_frames_published_into_redis_reach_clients_as_they_are(pair, ws_connect, redis_client):
    server = pair[0]
    client = await ws_connect(server)
    symbol = unique_symbol()
    await client.subscribe(symbol)
    bar = make_bar(1_700_000_000_000)
    # Spaced JSON with an extra field: valid by the spec, forwarded without re-serializing.
    payload = orjson.dumps(bar).decode()
    frame = f'{{"type": "bars.update", "topic": "bars:{symbol}:1", "source": "feed-7", "payload": {payload}}}'
    assert await redis_client.publish(channel(symbol), frame) == 1
    assert await asyncio.wait_for(client.conn.recv(), 5) == frame


async def test_invalid_messages_are_logged_and_dropped(pair, ws_connect, redis_client):
    server = pair[0]
    logged = server.logs().count("dropped an invalid message")
    client = await ws_connect(server)
    symbol, other = unique_symbol(), unique_symbol()
    await client.subscribe(symbol)
    bar = make_bar(1_700_000_000_000)

    def update(topic: str, payload: dict[str, object]) -> bytes:
        return orjson.dumps({"type": "bars.update", "topic": topic, "payload": payload})

    garbage = [
        b"not json",
        b"\xff\xfe",
        b"[1, 2]",
        orjson.dumps({"type": "pong"}),
        update(f"bars:{other}:1", bar),  # another topic's frame on this channel
        update(f"bars:{symbol}:1", {**bar, "high": 1.0}),  # high below open
        update(f"bars:{symbol}:1", {**bar, "volume": -1}),
        b'{"type": "bars.update", "topic": "bars:' + symbol.encode() + b':1", "payload": {"time": 1, "open": NaN}}',
        b"x" * 70_000,
    ]
    for message in garbage:
        await redis_client.publish(channel(symbol), message)
    good = make_bar(1_700_000_060_000)
    await redis_client.publish(channel(symbol), update(f"bars:{symbol}:1", good))
    assert await updates_until(client, good["time"]) == [good]
    await until(lambda: server.logs().count("dropped an invalid message") == logged + len(garbage))


async def test_a_last_bar_set_by_a_producer_is_the_snapshot(pair, ws_connect, redis_client):
    symbol = unique_symbol()
    bar = make_bar(1_700_000_000_000)
    frame = orjson.dumps({"type": "bars.update", "topic": f"bars:{symbol}:1", "payload": bar})
    await redis_client.set(f"trading-ws:last:bars:{symbol}:1", frame, ex=60)
    client = await ws_connect(pair[1])
    await client.subscribe(symbol)
    assert await updates_until(client, bar["time"]) == [bar]
