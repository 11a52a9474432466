"""The bar history behind Redis: shared by every server, written by the publishing transaction
with the memory ring's rule (the same time replaces, a later one appends, an older one is
ignored, the newest WS_HISTORY_SIZE kept), the demo feed's bars included.

(Redis down: tests/redis/test_faults.py; producers writing straight into Redis: test_external.py.)
"""

from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from app.feed.backfill import backfill
from app.feed.market import Market
from app.main import create_app
from app.settings import Settings
from tests.live_server import RunningServer, WsClient, make_bar, make_bars, start_server, unique_symbol
from tests.redis.helpers import history, history_key, until, updates_until
from tools.redis_server import RedisServer

SMALL = 5  # WS_HISTORY_SIZE of `demo_server`


@pytest.fixture(scope="module")
def demo_server(tmp_path_factory: pytest.TempPathFactory, redis_server: RedisServer) -> Iterator[RunningServer]:
    """One more server on the session's Redis, with a fast demo feed and a small history."""
    env = {
        "WS_BROKER_URL": redis_server.url,
        "WS_DEMO_FEED": "1",
        "WS_DEMO_INTERVAL": "0.05",
        "WS_HISTORY_SIZE": str(SMALL),
    }
    running = start_server(tmp_path_factory.mktemp("demo"), env)
    yield running
    running.stop()
    assert running.spec_violations() == []


def bar(minute: int, close: float = 100.5) -> dict[str, Any]:
    return {**make_bar(1_700_000_040_000 + minute * 60_000), "close": close}


# The sequence of tests/server/test_history.py's first test, as separate requests and a batch.
SEQUENCE = [[bar(0)], [bar(1, close=100.1)], [bar(1, close=100.2), bar(0, close=99.9)], [bar(2)]]
EXPECTED = [bar(0), bar(1, close=100.2), bar(2)]


async def test_bars_published_on_one_server_are_the_history_on_another(pair, redis_client):
    a, b = pair
    symbol = unique_symbol()  # nobody subscribes it anywhere
    for bars in SEQUENCE:
        assert (await a.apublish(symbol, bars)).status_code == 200
    for server in (b, a):
        response = await history(server, symbol)
        assert response.status_code == 200
        assert response.json() == EXPECTED  # oldest first, forming bar replaced, older ignored
    assert [r.json() for r in [await history(b, symbol, limit=2), await history(b, symbol, limit=1)]] == [
        EXPECTED[1:],
        EXPECTED[2:],
    ]
    assert (await history(b, unique_symbol())).json() == []
    assert 86_000 < await redis_client.ttl(history_key(symbol)) <= 86_400  # WS_SNAPSHOT_TTL


async def test_end_pages_back_through_the_history_kept_in_redis(pair):
    a, b = pair
    symbol = unique_symbol()
    bars = [bar(m) for m in range(25)]
    assert (await a.apublish(symbol, bars)).status_code == 200
    pages, end = [], None
    async with httpx.AsyncClient(base_url=b.base_url, timeout=10) as http:
        for _ in range(4):
            params: dict[str, Any] = {"symbol": symbol, "limit": 10, **({"end": end} if end else {})}
            page = (await http.get("/api/v1/bars/history", params=params)).json()
            if not page:
                break
            pages.append(page)
            end = page[0]["time"]
        framed = await http.get(
            "/api/v1/history", params={"topic": f"bars:{symbol}:1", "limit": 2, "end": bars[5]["time"]}
        )
    assert [len(p) for p in pages] == [10, 10, 5]
    assert [bar for page in reversed(pages) for bar in page] == bars
    assert [(m["seq"], m["payload"]) for m in framed.json()["messages"]] == [(4, bars[3]), (5, bars[4])]


async def test_memory_mode_and_redis_agree(pair):
    """The same requests give the same history in one process and behind Redis."""
    symbol = unique_symbol()
    memory = create_app(Settings())
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=memory), base_url="http://memory") as local:
        for bars in [*SEQUENCE, [bar(1, close=100.3)], make_bars(3, start=bar(5)["time"])]:
            body = {"symbol": symbol, "resolution": "5", "bars": bars}
            assert (await local.post("/api/v1/publish", json=body)).status_code == 200
            assert (await pair[0].apublish(symbol, bars, resolution="5")).status_code == 200
        params = {"symbol": symbol, "resolution": "5"}
        in_memory = (await local.get("/api/v1/bars/history", params=params)).json()
    assert len(in_memory) == 6
    assert (await history(pair[1], symbol, "5")).json() == in_memory


async def test_the_history_keeps_the_newest_history_size_bars(demo_server, pair, redis_client):
    symbol = unique_symbol()
    bars = make_bars(SMALL + 4)
    assert (await demo_server.apublish(symbol, bars[:3])).status_code == 200
    assert (await demo_server.apublish(symbol, bars[3:])).status_code == 200
    assert await redis_client.zcard(history_key(symbol)) == SMALL
    assert (await history(pair[0], symbol, limit=1000)).json() == bars[-SMALL:]


async def test_the_demo_feeds_bars_are_the_history_on_every_server(demo_server, pair, ws_connect):
    """The demo feed publishes to its own server's clients only; its bars, and the sketched ones
    from before it started (app/feed/backfill.py), still reach the shared history, so a server
    running no demo of the topic answers with them."""
    client: WsClient = await ws_connect(demo_server)
    symbol = unique_symbol()
    assert (await client.subscribe(symbol))["payload"]["status"] == "ok"
    received = [(await client.recv())["payload"]]  # the demo's first bar, within its first trades
    await client.send({"type": "bars.unsubscribe", "payload": {"symbol": symbol}})
    while (message := await client.recv())["type"] == "bars.update":  # the last ones before the reply
        received.append(message["payload"])
    latest = {bar["time"]: bar for bar in received}  # each bar time in its last state
    live = [latest[time] for time in sorted(latest)][-SMALL:]
    sketched = {bar.time: bar.model_dump() for bar in backfill(Market(symbol), "1", min(latest))}

    async def served() -> bool:
        kept = (await history(pair[1], symbol)).json()
        before = kept[: len(kept) - len(live)]
        return len(kept) == SMALL and kept[len(before) :] == live and all(sketched[b["time"]] == b for b in before)

    await until(served, within=5)


async def test_a_stream_key_overwritten_with_another_type_starts_the_stream_again(pair, ws_connect, redis_client):
    a, b = pair
    client = await ws_connect(b)
    symbol = unique_symbol()
    await client.subscribe(symbol)
    await redis_client.set(history_key(symbol), b"somebody else's", ex=60)
    bars = make_bars(2)
    assert (await a.apublish(symbol, bars)).status_code == 200  # published: no 503
    resets: list[dict[str, object]] = []
    assert await updates_until(client, bars[-1]["time"], resets=resets) == bars
    assert [r["reason"] for r in resets] == ["epoch_changed"]  # its subscriber is told
    assert (await history(b, symbol)).json() == bars
