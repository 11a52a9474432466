"""The first message of a bars topic across servers: the newest kept bar in Redis, with a bounded
lifetime, sent right after the subscribe reply on any server, and joined to the live stream with
nothing missed or repeated."""

import asyncio
import random

from tests.live_server import make_bar, make_bars, unique_symbol
from tests.redis.helpers import updates_until
from tests.redis.producer import ScriptProducer, names


async def test_a_bar_published_on_one_server_is_the_snapshot_on_another(pair, ws_connect, redis_client):
    a, b = pair
    symbol = unique_symbol()
    bars = make_bars(3)
    assert (await a.apublish(symbol, bars)).status_code == 200  # nobody subscribed anywhere
    for key in names(f"bars:{symbol}:1")[:2]:
        assert 86_000 < await redis_client.ttl(key) <= 86_400  # WS_SNAPSHOT_TTL

    client = await ws_connect(b)
    reply = await client.subscribe(symbol)
    assert reply["type"] == "bars.subscribe.response"
    assert await updates_until(client, bars[-1]["time"]) == [bars[-1]]  # the snapshot, right after the reply
    live = make_bar(bars[-1]["time"] + 60_000)
    assert (await a.apublish(symbol, [live])).status_code == 200
    assert await updates_until(client, live["time"]) == [live]

    second = await ws_connect(b)  # b now holds the topic: its own last frame is the snapshot
    await second.subscribe(symbol)
    assert await updates_until(second, live["time"]) == [live]
    assert await second.until_pong() == []


async def test_no_snapshot_for_a_topic_never_published(pair, ws_connect):
    client = await ws_connect(pair[0])
    await client.subscribe(unique_symbol())
    assert await client.until_pong() == []


async def test_joining_mid_stream_misses_and_repeats_nothing(pair, ws_connect, redis_client):
    """Each joiner is the first of its topic on its server, so its first bar comes from Redis while
    bars stream in as fast as a producer can publish: the window where, without the merge by
    `seq` of what Redis said and what arrived live, a joiner would get a bar twice or miss one."""
    a, b = pair
    symbols = [unique_symbol() for _ in range(20)]
    bars = make_bars(600)
    joined = []

    producer = ScriptProducer(redis_client)
    await producer.load()

    async def produce() -> None:  # an external producer, as documented in asyncapi.yaml
        for bar in bars:
            async with redis_client.pipeline(transaction=False) as pipe:
                for symbol in symbols:
                    await producer.publish(f"bars:{symbol}:1", [bar], pipe=pipe)
                await pipe.execute()

    async def join_now_and_then() -> None:
        rng = random.Random(7)
        for i, symbol in enumerate(symbols):
            await asyncio.sleep(rng.uniform(0.0, 0.02))
            client = await ws_connect((a, b)[i % 2])
            assert (await client.subscribe(symbol))["type"] == "bars.subscribe.response"
            joined.append(client)

    await asyncio.gather(produce(), join_now_and_then())
    for client in joined:
        received = await updates_until(client, bars[-1]["time"], within=20)
        times = [bar["time"] for bar in received]
        # From its first bar on, every bar once and in order: consecutive minutes, no gap, no repeat.
        assert times == list(range(times[0], bars[-1]["time"] + 1, 60_000)), times[:5]
        assert await client.until_pong() == []
