"""Small waits and reads shared by the scale-out tests; every loop is bounded."""

import asyncio
import time
from collections.abc import Awaitable, Callable
from typing import Any

import httpx

from tests.live_server import RunningServer, WsClient


async def until(check: Callable[[], Awaitable[bool]] | Callable[[], bool], within: float = 10.0) -> None:
    """Poll `check` until it is true, or fail after `within` seconds."""
    deadline = time.monotonic() + within
    while True:
        result = check()
        if isinstance(result, Awaitable):
            result = await result
        if result:
            return
        assert time.monotonic() < deadline, f"not within {within} s: {check}"
        await asyncio.sleep(0.02)


async def updates_until(
    client: WsClient, last_time: int, within: float = 10.0, resets: list[dict[str, Any]] | None = None
) -> list[dict[str, Any]]:
    """The bars a client receives up to and including the one with time `last_time`; a
    `subscription.reset` on the way goes to `resets` (and fails the test without one)."""
    bars: list[dict[str, Any]] = []
    async with asyncio.timeout(within):
        while not bars or bars[-1]["time"] != last_time:
            message = await client.recv(within)
            if message["type"] == "subscription.reset" and resets is not None:
                resets.append(message["payload"])
                continue
            assert message["type"] == "bars.update", message
            bars.append(message["payload"])
    return bars


def broker_state(server: RunningServer) -> str:
    return str(server.health()["broker"]["state"])


def channel(symbol: str, resolution: str = "1") -> bytes:
    return f"trading-ws:{{bars:{symbol}:{resolution}}}".encode()


async def history(
    server: RunningServer, symbol: str, resolution: str = "1", limit: int | None = None
) -> httpx.Response:
    """`GET /api/v1/bars/history` on `server`."""
    params: dict[str, str | int] = {"symbol": symbol, "resolution": resolution}
    if limit is not None:
        params["limit"] = limit
    async with httpx.AsyncClient(base_url=server.base_url, timeout=10) as client:
        return await client.get("/api/v1/bars/history", params=params)


def history_key(symbol: str, resolution: str = "1") -> str:
    """The topic's kept frames in Redis (a sorted set scored by seq)."""
    return f"trading-ws:{{bars:{symbol}:{resolution}}}:log"
