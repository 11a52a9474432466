"""Churn: 10,000 connect -> subscribe -> disconnect cycles leave nothing behind.

Measured after a warm-up (Python keeps freed memory in its pools, so the first cycles grow
the process once): no connection, topic or task left over, and resident memory within a
small bound of where it was.
"""

import asyncio

import httpx
from prometheus_client.parser import text_string_to_metric_families
from websockets.asyncio.client import connect

from tests.live_server import RunningServer

WARM_UP, CYCLES, AT_ONCE = 1_000, 10_000, 100
RSS_GROWTH_BOUND = 8 * 1024 * 1024  # bytes, for 10,000 cycles: under 1 KiB a cycle


def gauges(running: RunningServer) -> dict[str, float]:
    text = httpx.get(f"{running.base_url}/metrics").text
    wanted = {"trading_ws_connections", "trading_ws_asyncio_tasks", "process_resident_memory_bytes"}
    return {
        sample.name: sample.value
        for family in text_string_to_metric_families(text)
        for sample in family.samples
        if sample.name in wanted
    }


async def cycles(running: RunningServer, count: int) -> None:
    async def one(i: int) -> None:
        async with connect(running.ws_url, open_timeout=10) as ws:
            await ws.send(f'{{"type":"bars.subscribe","payload":{{"symbol":"CHURN{i % 500}"}}}}')
            await ws.recv()

    for start in range(0, count, AT_ONCE):
        await asyncio.gather(*(one(i) for i in range(start, min(start + AT_ONCE, count))))


async def settled(running: RunningServer) -> dict[str, float]:
    for _ in range(50):  # the server finishes its closing handshakes
        values = gauges(running)
        if values["trading_ws_connections"] == 0 and running.health()["topics"] == 0:
            return values
        await asyncio.sleep(0.1)
    return gauges(running)


async def test_ten_thousand_cycles_leave_no_growth(server_factory) -> None:
    running = server_factory()
    await cycles(running, WARM_UP)
    before = await settled(running)
    await cycles(running, CYCLES)
    after = await settled(running)
    assert after["trading_ws_connections"] == 0 and running.health()["topics"] == 0
    assert after["trading_ws_asyncio_tasks"] <= before["trading_ws_asyncio_tasks"]
    growth = after["process_resident_memory_bytes"] - before["process_resident_memory_bytes"]
    print(f"churn: RSS grew {growth / 1024:.0f} KiB over {CYCLES} cycles; tasks {before} -> {after}")
    assert growth < RSS_GROWTH_BOUND, f"RSS grew {growth / 1024:.0f} KiB over {CYCLES} cycles"
