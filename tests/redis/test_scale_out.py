"""Several servers (or workers) behind one Redis: every subscriber gets every update of its
topic exactly once and in one order, whichever server it is on and wherever it was published;
a worker holds a Redis channel only while its own clients hold the topic."""

import asyncio
import itertools

from tests.live_server import make_bar, make_bars, unique_symbol
from tests.redis.helpers import channel, until, updates_until


async def test_publish_on_one_server_reaches_both_in_order_exactly_once(pair, ws_connect):
    a, b = pair
    on_a, on_b = await ws_connect(a), await ws_connect(b)
    symbol = unique_symbol()
    for client in (on_a, on_b):
        assert (await client.subscribe(symbol))["payload"]["status"] == "ok"
    bars = make_bars(12)
    for start, end in itertools.pairwise([0, 1, 5, 6, 12]):  # batches of 1, 4, 1 and 6 bars
        response = await a.apublish(symbol, bars[start:end])
        assert (response.status_code, response.json()) == (200, {"published": end - start})
    for client in (on_a, on_b):
        assert await updates_until(client, bars[-1]["time"]) == bars
        assert await client.until_pong() == []  # nothing more, no echo, no duplicate


async def test_concurrent_publishers_on_both_servers_give_every_client_one_order(pair, ws_connect):
    a, b = pair
    clients = [await ws_connect(server) for server in (a, b, a, b)]
    symbol = unique_symbol()
    for client in clients:
        await client.subscribe(symbol)
    bars = make_bars(40)
    posts = [(a, b)[i % 2].apublish(symbol, bars[i : i + 2]) for i in range(0, 40, 2)]
    assert {response.status_code for response in await asyncio.gather(*posts)} == {200}
    final = make_bar(bars[-1]["time"] + 60_000)
    assert (await b.apublish(symbol, [final])).status_code == 200
    received = [await updates_until(client, final["time"]) for client in clients]
    assert all(seen == received[0] for seen in received)  # one order everywhere
    order = received[0][:-1]
    assert sorted(order, key=lambda bar: bar["time"]) == bars  # each bar exactly once
    for i in range(0, 40, 2):  # a request's bars stay together and in order
        assert order.index(bars[i]) + 1 == order.index(bars[i + 1])


async def test_the_last_local_subscriber_leaving_releases_the_channel(pair, ws_connect, redis_client):
    server = pair[0]
    first, second = await ws_connect(server), await ws_connect(server)
    symbol = unique_symbol()

    async def subscribed() -> bool:
        return channel(symbol) in await redis_client.pubsub_channels(b"trading-ws:*")

    await first.subscribe(symbol)
    assert await subscribed()  # confirmed by Redis before the reply
    await second.subscribe(symbol)
    await first.unsubscribe(symbol)
    await asyncio.sleep(0.1)
    assert await subscribed()  # `second` still holds it
    await second.unsubscribe(symbol)
    await until(lambda: _not(subscribed()))

    await first.subscribe(symbol)  # and a disconnect releases it too
    assert await subscribed()
    await first.close()
    await until(lambda: _not(subscribed()))
    assert (await redis_client.pubsub_numsub(channel(symbol))) == [(channel(symbol), 0)]


async def _not(check) -> bool:
    return not await check


async def test_concurrent_subscribes_and_leaves_keep_one_channel_per_server(pair, ws_connect, redis_client):
    server = pair[0]
    clients = [await ws_connect(server) for _ in range(12)]
    symbol = unique_symbol()
    await asyncio.gather(*(client.subscribe(symbol) for client in clients))  # all first at once
    assert await redis_client.pubsub_numsub(channel(symbol)) == [(channel(symbol), 1)]

    # Half leave while the other half re-subscribe (no-ops) and new ones join: the channel stays.
    newcomers = [await ws_connect(server) for _ in range(4)]
    await asyncio.gather(
        *(client.unsubscribe(symbol) for client in clients[:6]),
        *(client.subscribe(symbol) for client in clients[9:]),
        *(client.subscribe(symbol) for client in newcomers),
        *(client.close() for client in clients[6:9]),
    )
    holders = clients[9:] + newcomers
    bar = make_bar(1_700_000_000_000)
    assert (await server.apublish(symbol, [bar])).status_code == 200
    for client in holders:
        assert await updates_until(client, bar["time"]) == [bar]
    for client in clients[:6]:
        assert await client.until_pong() == []
    assert await redis_client.pubsub_numsub(channel(symbol)) == [(channel(symbol), 1)]

    await asyncio.gather(*(client.unsubscribe(symbol) for client in holders))
    await until(lambda: _numsub_is(redis_client, symbol, 0))


async def _numsub_is(redis_client, symbol: str, count: int) -> bool:
    return await redis_client.pubsub_numsub(channel(symbol)) == [(channel(symbol), count)]


async def test_workers_of_one_server_share_every_update(scaled, ws_connect, redis_client):
    server = scaled(args=["--workers", "2"])
    await until(lambda: server.logs().count("Application startup complete.") == 2)  # both accept now
    symbol = unique_symbol()
    clients = []
    for _ in range(40):  # until both workers hold the topic (the kernel spreads connections)
        client = await ws_connect(server)
        await client.subscribe(symbol)
        clients.append(client)
        if await _numsub_is(redis_client, symbol, 2):
            break
        await asyncio.sleep(0.02)
    assert await _numsub_is(redis_client, symbol, 2), "every connection landed on one worker"
    bars = make_bars(5)
    assert (await server.apublish(symbol, bars)).status_code == 200
    for client in clients:
        assert await updates_until(client, bars[-1]["time"]) == bars
    assert "publishing reaches only" not in server.logs()


async def test_one_worker_runs_the_demo_market_of_a_topic_and_every_client_gets_the_same_bars(
    scaled, ws_connect, redis_client
):
    """The demo market of a topic runs in the worker that holds its lease in Redis and publishes
    through Redis like any producer: clients on every worker get the same bars, numbered once."""
    a, b = (scaled(WS_DEMO_FEED="1", WS_DEMO_INTERVAL="0.05") for _ in range(2))
    symbol = unique_symbol()
    clients = [await ws_connect(server) for server in (a, b)]
    for client in clients:
        await client.subscribe(symbol)
    streams = [[await client.recv() for _ in range(6)] for client in clients]
    last = min(stream[-1]["seq"] for stream in streams)
    on_a, on_b = ({m["seq"]: m for m in stream if m["seq"] <= last} for stream in streams)
    common = sorted(set(on_a) & set(on_b))
    assert len(common) >= 3 and all(on_a[seq] == on_b[seq] for seq in common)  # the very same frames
    leases = [key async for key in redis_client.scan_iter(match=f"trading-ws:{{demo:{symbol}}}:lease")]
    assert len(leases) == 1 and (await redis_client.get(leases[0])) is not None
