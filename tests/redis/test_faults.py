"""Redis going away: clients stay, /healthz, the publish endpoint and the bar history (kept in
Redis) say so (503), and updates flow again by themselves once Redis is back. Startup without
Redis fails, naming the URL."""

import subprocess
import sys

from redis.asyncio import Redis

from tests.live_server import ROOT, free_port, make_bar, make_bars, unique_symbol
from tests.redis.helpers import broker_state, history, until, updates_until
from tests.redis.producer import ScriptProducer

FAST_RECONNECT = {"WS_BROKER_RECONNECT_MAX": "0.3"}


async def test_redis_killed_and_restarted_mid_stream(private_redis, scaled, ws_connect):
    redis = private_redis()
    a, b = scaled(redis, **FAST_RECONNECT), scaled(redis, **FAST_RECONNECT)
    on_a, on_b = await ws_connect(a), await ws_connect(b)
    symbol = unique_symbol()
    for client in (on_a, on_b):
        await client.subscribe(symbol)
    before, during, after = make_bars(2), make_bars(1, start=1_800_000_000_000), make_bars(3, start=1_900_000_000_000)
    assert (await a.apublish(symbol, before)).status_code == 200
    for client in (on_a, on_b):
        assert await updates_until(client, before[-1]["time"]) == before

    redis.kill()
    await until(lambda: broker_state(a) == broker_state(b) == "down")
    for server in (a, b):
        health = server.health()
        assert health["status"] == "degraded" and health["connections"] == 1
        refused = await server.apublish(symbol, during)
        assert refused.status_code == 503
        assert "broker unavailable" in refused.json()["detail"]
        assert redis.url in refused.json()["detail"]
        unknown = await history(server, symbol)
        assert unknown.status_code == 503 and unknown.headers["retry-after"] == "1"
        assert "broker unavailable" in unknown.json()["detail"] and redis.url in unknown.json()["detail"]
    for client in (on_a, on_b):
        assert await client.until_pong() == []  # still connected, still served

    redis.start()  # same port, empty
    await until(lambda: broker_state(a) == broker_state(b) == "up")
    assert (await b.apublish(symbol, after)).status_code == 200
    for client in (on_a, on_b):
        resets: list[dict[str, object]] = []
        assert await updates_until(client, after[-1]["time"], resets=resets) == after  # and nothing of `during`
        # The new Redis knows nothing of the old stream: every client is told, before its new bars.
        assert [r["reason"] for r in resets] == ["epoch_changed"]
        assert await client.until_pong() == []
    assert (await history(a, symbol)).json() == after  # the restarted Redis kept nothing from before


async def test_subscribing_while_redis_is_down_works_once_it_is_back(private_redis, scaled, ws_connect):
    redis = private_redis()
    server = scaled(redis, **FAST_RECONNECT)
    redis.kill()
    await until(lambda: broker_state(server) == "down")
    client = await ws_connect(server)
    symbol = unique_symbol()
    assert (await client.subscribe(symbol))["payload"]["status"] == "ok"  # no snapshot, no wait
    redis.start()
    await until(lambda: broker_state(server) == "up")
    bar = make_bar(1_700_000_000_000)
    assert (await server.apublish(symbol, [bar])).status_code == 200
    assert await updates_until(client, bar["time"]) == [bar]


async def test_a_batch_cut_off_by_a_stalled_redis_is_published_all_or_none(private_redis, scaled, ws_connect):
    redis = private_redis()
    server = scaled(redis, WS_BROKER_TIMEOUT="0.3")
    client = await ws_connect(server)
    symbol = unique_symbol()
    await client.subscribe(symbol)
    bars = make_bars(5)
    # Redis holds every write for 1 s: the request's transaction outlives the timeout.
    async with Redis.from_url(redis.url) as admin:
        await admin.client_pause(1000, all=False)
    response = await server.apublish(symbol, bars)
    assert response.status_code == 503
    assert "broker unavailable" in response.json()["detail"]
    assert "published all or none" in response.json()["detail"]
    final = make_bar(1_800_000_000_000)
    await until(lambda: broker_state(server) == "up")

    async def published() -> bool:
        return (await server.apublish(symbol, [final])).status_code == 200

    await until(published)
    received = await updates_until(client, final["time"])
    assert received in ([final], [*bars, final])  # never part of the batch


def test_startup_without_redis_fails_naming_the_url():
    url = f"redis://:s3cret@127.0.0.1:{free_port()}/0"
    env = {"WS_BROKER_URL": url, "WS_BROKER_TIMEOUT": "1", "PATH": "/usr/bin:/bin"}
    done = subprocess.run(
        [sys.executable, "-m", "app", "--port", str(free_port())], cwd=ROOT, env=env, capture_output=True, timeout=30
    )
    output = done.stderr.decode() + done.stdout.decode()
    assert done.returncode == 1, output
    assert url.replace("s3cret", "***") in output and "cannot reach the message broker" in output
    assert "s3cret" not in output
    assert "Traceback" not in output


async def test_a_bar_missed_while_reconnecting_is_delivered_once_back(private_redis, scaled, ws_connect):
    redis = private_redis()
    server = scaled(redis, **FAST_RECONNECT)
    client = await ws_connect(server)
    symbol = unique_symbol()
    await client.subscribe(symbol)
    first, missed, live = make_bars(3)
    assert (await server.apublish(symbol, [first])).status_code == 200
    assert await updates_until(client, first["time"]) == [first]

    async with Redis.from_url(redis.url) as admin:
        producer = ScriptProducer(admin)
        await producer.load()
        # Cut the worker's subscriber connection and publish before it can be back.
        async with admin.pipeline(transaction=False) as pipe:
            pipe.client_kill_filter(_type="pubsub")
            await producer.publish(f"bars:{symbol}:1", [missed], pipe=pipe)
            pipe.pubsub_numsub(f"trading-ws:{{bars:{symbol}:1}}")
            assert (await pipe.execute())[2][0][1] == 0  # nobody heard it
        caught_up = await client.recv()  # after reconnecting, from Redis, numbered as published
        assert (caught_up["seq"], caught_up["payload"]) == (2, missed)

        await admin.client_kill_filter(_type="pubsub")  # nothing missed this time: nothing re-sent

    async def published() -> bool:  # refused (503) while the worker is reconnecting
        return (await server.apublish(symbol, [live])).status_code == 200

    await until(published)
    assert [(m["seq"], m["payload"]) for m in await client.until_pong()] == [(3, live)]
