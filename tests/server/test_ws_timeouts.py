"""Heartbeat and lifespan limits with short configured values: an `error` naming the limit,
then 1003 with the spec's reason carrying the configured floats."""

import asyncio
import time

import pytest

HEARTBEAT, LIFESPAN = 0.6, 2.0
REASON = f"Connection timed out. Heartbeat interval {HEARTBEAT}. Max connection lifespan {LIFESPAN}"


@pytest.fixture
def timed_server(server_factory):
    return server_factory(WS_HEARTBEAT_INTERVAL=str(HEARTBEAT), WS_MAX_LIFESPAN=str(int(LIFESPAN)))


async def test_silent_client_is_closed_after_the_heartbeat_interval(timed_server, ws_connect):
    client = await ws_connect(timed_server)
    started = time.monotonic()
    close_code, reason, received = await client.closed()
    elapsed = time.monotonic() - started
    assert [(m["payload"]["code"], m["payload"]["retry"]) for m in received] == [("heartbeat_timeout", True)]
    assert (close_code, reason) == (1003, REASON)  # the same close code as bad input, but worth retrying
    assert HEARTBEAT - 0.1 < elapsed < HEARTBEAT + 0.8


async def test_valid_messages_reset_the_heartbeat_until_the_lifespan_ends(timed_server, ws_connect):
    client = await ws_connect(timed_server)
    started = time.monotonic()
    received = []

    async def keep_alive() -> None:
        while True:
            await client.send({"type": "ping"})
            await asyncio.sleep(HEARTBEAT / 3)

    pinger = asyncio.create_task(keep_alive())
    try:
        close_code, reason, received = await client.closed(within=LIFESPAN + 3)
    finally:
        pinger.cancel()
    elapsed = time.monotonic() - started
    assert elapsed > LIFESPAN - 0.1  # well past several heartbeat intervals
    assert received[-1]["payload"]["code"] == "lifespan_exceeded"
    assert all(m == {"type": "pong"} for m in received[:-1]) and len(received) > 5
    assert (close_code, reason) == (1003, REASON)


async def test_subscribe_counts_as_heartbeat_activity(timed_server, ws_connect):
    client = await ws_connect(timed_server)
    for _ in range(4):  # 4 x 0.3 s = twice the heartbeat interval
        await asyncio.sleep(HEARTBEAT / 2)
        assert (await client.subscribe("AAPL"))["payload"]["status"] == "ok"
    assert await client.until_pong() == []
