"""The demo feed (WS_DEMO_FEED): a topic's first subscriber starts it, the last one leaving
stops it, only topics of its family concern it, and its bars go through the same publisher as
real data."""

import asyncio

import httpx

from app.feed.backfill import BACKFILL, backfill
from app.feed.market import Market
from app.feed.watcher import running_feed
from app.main import create_app
from app.pubsub.hub import Hub
from app.settings import Settings
from generated.models import Bar
from tests.live_server import unique_symbol
from tests.server.fakes import Recorder


class FakeFeed:
    family = "bars"

    def __init__(self) -> None:
        self.calls: list[tuple[str, str, str]] = []
        self.running = asyncio.Event()
        self.cancelled = False

    def watch(self, symbol: str, resolution: str) -> None:
        self.calls.append(("watch", symbol, resolution))

    def unwatch(self, symbol: str, resolution: str) -> None:
        self.calls.append(("unwatch", symbol, resolution))

    async def run(self) -> None:
        self.running.set()
        try:
            await asyncio.Event().wait()
        finally:
            self.cancelled = True


async def test_first_subscriber_watches_and_last_one_leaving_unwatches():
    hub, feed = Hub(), FakeFeed()
    first, second = Recorder(), Recorder()
    async with running_feed(hub, feed):
        await asyncio.wait_for(feed.running.wait(), 1)
        hub.subscribe("bars:AAPL:5", first)
        hub.subscribe("bars:AAPL:5", second)
        hub.subscribe("bars:AAPL:5", second)
        hub.subscribe("bars:BRK.B:D", second)
        hub.subscribe("quotes:AAPL", second)  # another family's topic: not the feed's business
        assert feed.calls == [("watch", "AAPL", "5"), ("watch", "BRK.B", "D")]
        hub.unsubscribe("bars:AAPL:5", first)
        assert feed.calls[2:] == []
        hub.remove_all(second)
        assert sorted(feed.calls[2:]) == [("unwatch", "AAPL", "5"), ("unwatch", "BRK.B", "D")]
    assert feed.cancelled  # the feed's task does not outlive the app


async def test_enabled_feed_publishes_through_the_publisher():
    app = create_app(Settings(demo_feed=True, demo_interval=0.02))
    hub, publisher = app.state.hub, app.state.publisher
    published: list[tuple[str, list[Bar]]] = []
    real_publish = publisher.publish

    async def spy(topic: str, bars: list[Bar]) -> object:
        published.append((topic, bars))
        return await real_publish(topic, bars)

    publisher.publish = spy
    recorder = Recorder()
    async with app.router.lifespan_context(app):
        hub.subscribe("bars:AAPL:1", recorder)
        await asyncio.wait_for(recorder.got_one.wait(), 5)
        hub.unsubscribe("bars:AAPL:1", recorder)
    assert published and {topic for topic, _ in published} == {"bars:AAPL:1"}
    assert recorder.messages()[-1]["payload"] == published[-1][1][-1].model_dump()


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
