"""No client loses its place unknowingly: resuming with `since` in one process and behind Redis
with two workers, what happens past the kept history, Redis flushed under live subscribers, and
clients killed at random while a stream is published."""

import asyncio
import random
from typing import Any

import orjson
import pytest
from redis.asyncio import Redis

from tests.engine.helpers import events, position, publish, subscribe, updates
from tests.live_server import WsClient, unique_symbol


def kill(client: WsClient) -> None:
    """Drop the TCP connection with no close frame, as a crashed client or a lost network does."""
    client.conn.transport.abort()


def two_servers(family_server: Any, redis: Any, behind_redis: bool, **env: str) -> tuple[Any, Any]:
    """Two workers sharing Redis, or one server of one process twice."""
    if behind_redis:
        return family_server(redis, **env), family_server(redis, **env)
    server = family_server(**env)
    return server, server


SETUPS = pytest.mark.parametrize("behind_redis", [False, True], ids=["one process", "redis, two workers"])


@SETUPS
async def test_a_client_killed_then_resuming_gets_exactly_what_it_missed(
    behind_redis, family_server, redis, ws_connect
):
    servers = two_servers(family_server, redis, behind_redis)
    topic = f"events:{unique_symbol()}"
    client = await ws_connect(servers[0])
    assert (await subscribe(client, [topic]))[topic]["seq"] == 0
    await publish(servers[0], topic, events(1, 10))
    seen = await updates(client, 10)
    kill(client)
    await publish(servers[1], topic, events(11, 50))

    back = await ws_connect(servers[1])
    result = (await subscribe(back, [topic], since={topic: position(seen[-1])}))[topic]
    assert (result["status"], result["recovered"], result["recovered_count"], result["seq"]) == ("ok", True, 50, 60)
    missed = await updates(back, 50)
    assert [m["seq"] for m in missed] == list(range(11, 61))
    assert [m["payload"]["n"] for m in missed] == list(range(11, 61))
    await publish(servers[0], topic, events(61, 1))
    assert [m["seq"] for m in await updates(back, 1)] == [61]  # then live, no duplicate, no gap
    assert await back.until_pong() == []


@SETUPS
async def test_past_what_is_kept_a_client_is_told_it_was_not_recovered(behind_redis, family_server, redis, ws_connect):
    servers = two_servers(family_server, redis, behind_redis, WS_HISTORY_SIZE="20")
    topic = f"events:{unique_symbol()}"
    client = await ws_connect(servers[0])
    await subscribe(client, [topic])
    await publish(servers[0], topic, events(1, 5))
    seen = await updates(client, 5)
    kill(client)
    await publish(servers[1], topic, events(6, 50))  # 50 missed, 20 kept

    back = await ws_connect(servers[1])
    result = (await subscribe(back, [topic], since={topic: position(seen[-1])}))[topic]
    assert (result["recovered"], result["seq"], result["epoch"]) == (False, 55, seen[-1]["epoch"])
    assert "recovered_count" not in result
    assert await back.until_pong() == []  # a stream's first message is none: the client refetches history
    unknown_epoch = await ws_connect(servers[0])
    result = (await subscribe(unknown_epoch, [topic], since={topic: {"seq": 55, "epoch": "another"}}))[topic]
    assert result["recovered"] is False


async def test_redis_flushed_under_live_subscribers_tells_every_one_of_them(family_server, redis, ws_connect):
    a, b = family_server(redis), family_server(redis)
    symbol = unique_symbol()
    topics = [f"events:{symbol}", f"ticks:{symbol}"]
    clients = [await ws_connect(server) for server in (a, b, a, b)]
    for client in clients:
        await subscribe(client, topics)
    await publish(a, topics[0], events(1, 3))
    before = [await updates(client, 3) for client in clients]
    async with Redis.from_url(redis.url) as admin:
        await admin.flushall()
    after = await publish(b, topics[0], events(4, 1))
    assert after["seq"] == 1 and after["epoch"] != before[0][-1]["epoch"]
    for client in clients:
        reset, update = await updates(client, 2)
        assert reset == {
            "type": "subscription.reset",
            "payload": {"topic": topics[0], "epoch": after["epoch"], "reason": "epoch_changed"},
        }
        assert (update["epoch"], update["seq"], update["payload"]) == (after["epoch"], 1, {"n": 4})


async def test_clients_killed_at_random_across_two_workers_see_every_event_once(family_server, redis, ws_connect):
    """20 random kills while a stream is published: each client, resuming with `since` on a
    random worker, ends with seq 1..N, no duplicate, no gap."""
    servers = [family_server(redis), family_server(redis)]
    topic = f"events:{unique_symbol()}"
    rng = random.Random(20261204)
    total, batch = 1500, 25
    received: list[list[int]] = [[] for _ in range(5)]
    kills = 0

    async def follow(index: int) -> None:
        nonlocal kills
        since: dict[str, dict[str, Any]] | None = None
        while True:
            client = await ws_connect(rng.choice(servers))
            result = (await subscribe(client, [topic], since=since))[topic]
            assert result["status"] == "ok" and result.get("recovered") is not False, result
            since = since or {topic: position(result)}  # where it starts: the position the reply names
            killing = kills < 20
            try:
                async with asyncio.timeout(rng.uniform(0.02, 0.2) if killing else 30):
                    while not received[index] or received[index][-1] < total:
                        # conn.recv, not client.recv: asyncio.wait_for inside a timeout can swallow
                        # the timeout's cancellation on Python 3.11.
                        frame = orjson.loads(await client.conn.recv())
                        received[index].append(frame["seq"])
                        since = {topic: position(frame)}
                return  # it has them all
            except TimeoutError:
                if not killing:
                    raise
            kills += 1
            kill(client)

    followers = [asyncio.create_task(follow(i)) for i in range(len(received))]
    await asyncio.sleep(0.3)  # everybody subscribed before the first event
    for first in range(1, total + 1, batch):
        await publish(servers[first // batch % 2], topic, events(first, batch))
        await asyncio.sleep(0.05)  # about 3 s of publishing, so the kills land mid-stream
    await asyncio.wait_for(asyncio.gather(*followers), 60)
    assert kills >= 20
    for seqs in received:
        assert seqs == list(range(1, total + 1))
