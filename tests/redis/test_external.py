"""Producers outside the service publish straight into Redis (channel and format documented in
asyncapi.yaml): valid frames reach clients byte for byte, anything else is logged and dropped;
the documented history commands put their bars in `GET /api/v1/bars/history` on every server."""

import asyncio

import orjson

from tests.live_server import make_bar, unique_symbol
from tests.redis.helpers import channel, history, history_key, until, updates_until


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


async def test_bars_a_producer_keeps_with_the_documented_commands_are_the_history(pair, redis_client):
    """MULTI, PUBLISH, SET, ZREMRANGEBYSCORE, ZADD, ZREMRANGEBYRANK, EXPIRE, EXEC (asyncapi.yaml)."""
    symbol = unique_symbol()
    topic, key = f"bars:{symbol}:1", history_key(symbol)

    async def produce(bar: dict[str, object]) -> None:
        frame = orjson.dumps({"type": "bars.update", "topic": topic, "payload": bar})
        async with redis_client.pipeline(transaction=True) as pipe:
            pipe.publish(channel(symbol), frame)
            pipe.set(f"trading-ws:last:{topic}", frame, ex=60)
            pipe.zremrangebyscore(key, bar["time"], bar["time"])
            pipe.zadd(key, {frame: bar["time"]})
            pipe.zremrangebyrank(key, 0, -1001)  # WS_HISTORY_SIZE 1000
            pipe.expire(key, 60)
            await pipe.execute()

    first, forming = make_bar(1_700_000_000_000), make_bar(1_700_000_060_000)
    for bar in (first, forming, {**forming, "close": 101.0, "volume": 20}):
        await produce(bar)
    assert (await history(pair[1], symbol)).json() == [first, {**forming, "close": 101.0, "volume": 20}]

    # What a careless producer may leave there is skipped (and logged), never served.
    server = pair[0]
    logged = server.logs().count("invalid history entr")
    later = make_bar(1_700_000_120_000)
    bad_bar = orjson.dumps({"type": "bars.update", "topic": topic, "payload": {**later, "high": 1.0}})
    other_topic = orjson.dumps({"type": "bars.update", "topic": f"bars:{symbol}:5", "payload": later})
    await redis_client.zadd(key, {b"not json": later["time"], bad_bar: later["time"], other_topic: later["time"]})
    assert (await history(server, symbol)).json() == [first, {**forming, "close": 101.0, "volume": 20}]
    await until(lambda: server.logs().count("invalid history entr") == logged + 1)  # one line per request
