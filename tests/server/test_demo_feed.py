"""The demo feed (WS_DEMO_FEED) in the service: a topic's first subscriber starts its symbol's
market, which publishes every family of the symbol through the same publisher as real data (the
order book through its source); the server's views of the book follow it; the cap on symbols
answers `capacity`. (The feed itself: tests/feed/.)"""

import asyncio
import zlib
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

import httpx
from pydantic import BaseModel

from app.feed.backfill import BACKFILL, backfill
from app.feed.market import Market
from app.main import create_app
from app.settings import Settings
from generated.models import RESOLUTION_VALUES, Bar
from tests.live_server import WsClient, unique_symbol
from tests.server.fakes import Recorder


async def test_enabled_feed_publishes_every_family_through_the_publisher():
    app = create_app(Settings(demo_feed=True, demo_interval=0.02))
    hub, publisher = app.state.hub, app.state.publisher
    published: list[tuple[str, list[BaseModel]]] = []
    real_publish = publisher.publish

    async def spy(topic: str, payloads: Sequence[BaseModel]) -> object:
        published.append((topic, list(payloads)))
        return await real_publish(topic, payloads)

    publisher.publish = spy
    recorder = Recorder()
    async with app.router.lifespan_context(app):
        hub.subscribe("bars:AAPL:1", recorder)
        await asyncio.wait_for(recorder.got_one.wait(), 5)
        for _ in range(100):  # until every family went out once
            if {topic for topic, _ in published} >= {"orderbook:AAPL", "trades:AAPL", "quotes:AAPL"}:
                break
            await asyncio.sleep(0.02)
        hub.unsubscribe("bars:AAPL:1", recorder)
    topics = {topic for topic, _ in published}
    assert {"orderbook:AAPL", "trades:AAPL", "quotes:AAPL", "bars:AAPL:1"} <= topics
    assert topics <= {"orderbook:AAPL", "trades:AAPL", "quotes:AAPL"} | {f"bars:AAPL:{r}" for r in RESOLUTION_VALUES}
    bars = [payload for topic, payloads in published if topic == "bars:AAPL:1" for payload in payloads]
    assert isinstance(bars[-1], Bar)
    assert recorder.messages()[-1]["payload"] == bars[-1].model_dump()  # type: ignore[index]


async def test_disabled_feed_publishes_nothing(server, ws_connect):
    client = await ws_connect(server)
    await client.subscribe(unique_symbol())
    await asyncio.sleep(0.5)
    assert await client.until_pong() == []


async def test_demo_feed_end_to_end(server_factory, ws_connect):
    demo = server_factory(WS_DEMO_FEED="1", WS_DEMO_INTERVAL="0.05")
    client = await ws_connect(demo)
    await client.subscribe("AAPL", "1")
    updates = [await client.recv() for _ in range(3)]
    assert {m["type"] for m in updates} == {"bars.update"}
    assert {m["topic"] for m in updates} == {"bars:AAPL:1"}
    times = [m["payload"]["time"] for m in updates]
    assert times == sorted(times) and all(t % 60_000 == 0 for t in times)
    assert demo.health()["topics"] == 1


async def test_a_fresh_demo_chart_has_its_history_at_once(server_factory, ws_connect):
    demo = server_factory(WS_DEMO_FEED="1", WS_DEMO_INTERVAL="0.05")
    client = await ws_connect(demo)
    await client.subscribe("AAPL", "D")
    latest_sketched = (await client.recv())["payload"]  # the topic's last kept message: yesterday
    live = (await client.recv())["payload"]  # then today's forming bar
    assert live["time"] - latest_sketched["time"] == 86_400_000
    params = {"symbol": "AAPL", "resolution": "D", "limit": BACKFILL + 1}
    bars = httpx.get(f"{demo.base_url}/api/v1/bars/history", params=params).json()
    assert len(bars) == BACKFILL + 1  # a year of sketched days, then today's live bar
    assert bars[-1]["time"] == live["time"]
    assert [bar["time"] for bar in bars] == sorted({bar["time"] for bar in bars})
    assert bars[:-1] == [bar.model_dump() for bar in backfill(Market("AAPL"), "D", live["time"])]


async def _subscribe(client: WsClient, topics: list[str]) -> dict[str, dict[str, Any]]:
    await client.send({"type": "subscribe", "payload": {"req_id": "r", "topics": topics}})
    while (message := await client.recv())["type"] != "subscribe.response":
        pass
    return {result["topic"]: result for result in message["payload"]["results"]}


def _checksum(asks: list[list[str]], bids: list[list[str]]) -> int:
    return zlib.crc32("|".join(f"{p}:{s}" for p, s in (*asks, *bids)).encode())


async def test_demo_quotes_trades_and_book_follow_one_market(server_factory, ws_connect):
    """Needs the server's order book engine (app/pubsub/books.py): the depth's snapshot, then
    updates whose checksums match the book a client keeps from them."""
    demo = server_factory(WS_DEMO_FEED="1", WS_DEMO_INTERVAL="0.05")
    client = await ws_connect(demo)
    symbol = "BRK.B"
    results = await _subscribe(client, [f"quotes:{symbol}", f"trades:{symbol}", f"orderbook:{symbol}:10"])
    assert {r["status"] for r in results.values()} == {"ok"}
    bids: dict[str, str] = {}
    asks: dict[str, str] = {}
    seen: dict[str, int] = {}
    trade_ids: list[int] = []
    async with asyncio.timeout(20):
        while min(seen.get(kind, 0) for kind in ("quotes.update", "trades.update", "orderbook.update")) < 5:
            message = await client.recv()
            kind, payload = message["type"], message["payload"]
            seen[kind] = seen.get(kind, 0) + 1
            if kind == "quotes.update":
                assert Decimal(payload["bid"]) < Decimal(payload["ask"])
            elif kind == "trades.update":
                trade_ids += [trade["id"] for trade in payload["trades"]]
            elif kind in ("orderbook.snapshot", "orderbook.update"):
                if kind == "orderbook.snapshot":
                    bids, asks = {}, {}
                for side, levels in ((bids, payload["bids"]), (asks, payload["asks"])):
                    for price, size in levels:
                        side.pop(price, None) if size == "0" else side.__setitem__(price, size)
                top_bids = sorted(bids.items(), key=lambda level: -Decimal(level[0]))[:10]
                top_asks = sorted(asks.items(), key=lambda level: Decimal(level[0]))[:10]
                bids, asks = dict(top_bids), dict(top_asks)
                assert _checksum([list(a) for a in top_asks], [list(b) for b in top_bids]) == payload["checksum"]
                if kind == "orderbook.update":  # (the snapshot may come before the market's first step)
                    assert len(top_bids) == len(top_asks) == 10
                    assert Decimal(top_bids[0][0]) < Decimal(top_asks[0][0])
    assert seen.get("orderbook.snapshot") == 1
    assert trade_ids == sorted(set(trade_ids))


async def test_the_demo_market_simulates_at_most_its_cap_of_symbols(server_factory, ws_connect):
    demo = server_factory(WS_DEMO_FEED="1", WS_DEMO_INTERVAL="0.05", WS_DEMO_MAX_SYMBOLS="2")
    client, other = await ws_connect(demo), await ws_connect(demo)
    results = await _subscribe(client, ["bars:AAPL:1", "quotes:MSFT", "trades:TSLA", "orderbook:AAPL:10"])
    assert {topic: r["status"] for topic, r in results.items()} == {
        "bars:AAPL:1": "ok",
        "quotes:MSFT": "ok",
        "trades:TSLA": "error",
        "orderbook:AAPL:10": "ok",  # a running symbol's topic: fine
    }
    assert results["trades:TSLA"]["code"] == "capacity"
    assert "at most 2 symbols" in results["trades:TSLA"]["message"]
    await other.send({"type": "bars.subscribe", "payload": {"symbol": "TSLA"}})
    while (reply := await other.recv())["type"] != "bars.subscribe.response":
        pass
    assert reply["payload"]["status"] == "error" and reply["payload"].get("code") == "capacity"
    assert (await _subscribe(other, ["quotes:AAPL"]))["quotes:AAPL"]["status"] == "ok"  # running: fine
    await client.send({"type": "unsubscribe", "payload": {"topics": ["quotes:MSFT"]}})
    assert (await _subscribe(other, ["trades:TSLA"]))["trades:TSLA"]["status"] == "ok"  # MSFT stopped
