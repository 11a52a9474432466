"""The demo market is one market: over a whole minute of it, the trades a client receives
aggregate exactly to the 1-minute bar it receives (open, high, low, close and volume are the
first, highest, lowest and last price and the summed size of that minute's trades), in one
process and behind Redis on both workers. The market's clock runs 30 times faster here
(tests/market/fast_market.py), so the minute takes two seconds."""

import asyncio
import shutil
import time
from typing import Any

import pytest

from tests.engine.helpers import subscribe
from tests.live_server import start_server, unique_symbol
from tools.redis_server import RedisServer

MINUTE = 60_000
FAST_MARKET = ("-m", "tests.market.fast_market")


async def one_minute(client, symbol: str) -> tuple[list[dict[str, Any]], dict[str, Any]]:
    """The trades of the first whole minute after the subscription, and that minute's bar in
    the last state received."""
    results = await subscribe(client, [f"trades:{symbol}", f"bars:{symbol}:1"])
    assert {r["status"] for r in results.values()} == {"ok"}
    trades: list[dict[str, Any]] = []
    bars: dict[int, dict[str, Any]] = {}
    minute = None
    async with asyncio.timeout(30):
        while minute is None or max(bars, default=0) <= minute:  # until the next minute's bar began
            frame = await client.recv(10)
            if frame["type"] == "trades.update":
                trades += frame["payload"]["trades"]
                if minute is None:  # the first whole minute: the one after the first trade's
                    minute = trades[0]["time"] // MINUTE * MINUTE + MINUTE
            elif frame["type"] == "bars.update":
                bars[frame["payload"]["time"]] = frame["payload"]
    assert minute is not None
    return [t for t in trades if minute <= t["time"] < minute + MINUTE], bars[minute]


@pytest.mark.parametrize("behind_redis", [False, True], ids=["one process", "redis, two workers"])
async def test_a_minute_of_trades_aggregates_exactly_to_its_1_minute_bar(behind_redis, tmp_path, ws_connect):
    env = {"WS_DEMO_FEED": "1", "WS_DEMO_INTERVAL": "0.05", "FAST_MARKET_START": str(time.time())}
    redis = None
    if behind_redis:
        if not shutil.which("redis-server"):
            pytest.skip("redis-server is not installed; `make redis-server` installs it (`make test` does)")
        redis = RedisServer(tmp_path).start()
        env["WS_BROKER_URL"] = redis.url
    servers = [start_server(tmp_path, env, command=FAST_MARKET) for _ in range(2 if behind_redis else 1)]
    try:
        symbol = unique_symbol()
        clients = [await ws_connect(server) for server in servers]
        minutes = await asyncio.gather(*(one_minute(client, symbol) for client in clients))
        assert all(seen == minutes[0] for seen in minutes)  # behind Redis: both workers' clients alike
        for trades, bar in minutes:
            prices = [float(t["price"]) for t in trades]
            assert len(trades) > 50 and [t["id"] for t in trades] == sorted({t["id"] for t in trades})
            assert (bar["open"], bar["high"], bar["low"], bar["close"]) == (
                prices[0],
                max(prices),
                min(prices),
                prices[-1],
            )
            assert bar["volume"] == sum(float(t["size"]) for t in trades)
    finally:
        for server in servers:
            server.stop()
        if redis is not None:
            redis.stop()
    assert [line for server in servers for line in server.spec_violations()] == []
