"""The feed's watchers: a symbol runs while any of its topics (any family) is held, leased per
symbol behind a broker, and the cap on symbols is the subscribe path's guard."""

import asyncio
import logging
from typing import Any

import pytest

from app.feed.demo import FAMILIES
from app.feed.watcher import RESERVATION_S, Demand, FeedWatcher, LeasedWatcher, lease_name, running_feed
from app.handlers import StreamHandlers
from app.pubsub.hub import Hub
from app.pubsub.subscriptions import Joined, JoinRequest
from app.transport.connection import ConnState
from generated.models import SubscribeTopics
from tests.server.fakes import Recorder


class FakeFeed:
    families = FAMILIES

    def __init__(self) -> None:
        self.calls: list[tuple[str, ...]] = []
        self.running = asyncio.Event()
        self.cancelled = False

    def start(self, symbol: str) -> None:
        self.calls.append(("start", symbol))

    def stop(self, symbol: str, *, clear: bool = True) -> None:
        self.calls.append(("stop", symbol) if clear else ("stop quietly", symbol))

    async def finish(self, symbol: str) -> None:
        await asyncio.sleep(0)
        self.calls.append(("finish", symbol))

    def held(self, symbol: str, topic: str) -> None:
        self.calls.append(("held", symbol, topic))

    async def run(self) -> None:
        self.running.set()
        try:
            await asyncio.Event().wait()
        finally:
            self.cancelled = True


class FakeLeases:
    """Leases as lease.lua keeps them: a free one is taken, one's own is kept."""

    def __init__(self) -> None:
        self.holders: dict[str, str] = {}
        self.calls: list[tuple[str, list[str]]] = []
        self.log: list[tuple[str, ...]] | None = None  # shared with a feed, to see the order
        self.down = False

    async def lease(self, topics: list[str], owner: str, ttl_ms: int) -> list[bool]:
        if self.down:
            raise ConnectionError("Redis is away")
        self.calls.append(("lease", topics))
        return [self.holders.setdefault(topic, owner) == owner for topic in topics]

    async def release(self, topics: list[str], owner: str) -> None:
        self.calls.append(("release", topics))
        if self.log is not None:
            self.log.append(("release", *topics))
        for topic in topics:
            if self.holders.get(topic) == owner:
                del self.holders[topic]


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


# ---- topics -> symbols ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("topic", "symbol"),
    [
        ("bars:AAPL:5", "AAPL"),
        ("quotes:BRK.B", "BRK.B"),
        ("trades:ES=F", "ES=F"),
        ("orderbook:^GSPC:25", "^GSPC"),
        ("orderbook:AAPL", None),  # a source, not a topic anybody holds
        ("orderbook:AAPL:11", None),  # no such depth
        ("bars:AAPL:2", None),
        ("nope:AAPL", None),
    ],
)
def test_topics_map_to_symbols_by_the_family_table(topic: str, symbol: str | None) -> None:
    assert Demand(FAMILIES, 10).symbol_of(topic) == symbol


def test_topics_of_other_families_are_not_the_feeds() -> None:
    demand = Demand(frozenset({"bars"}), 1)
    assert demand.symbol_of("quotes:AAPL") is None
    assert demand.opened("quotes:AAPL") == (None, False)
    assert demand.refusal("bars:AAPL:1") is None
    demand.opened("bars:AAPL:1")
    assert demand.refusal("quotes:MSFT") is None  # at the cap, yet not a demo topic


def test_one_process_a_symbol_runs_while_any_of_its_topics_is_held() -> None:
    feed = FakeFeed()
    watcher = FeedWatcher(feed, max_symbols=10)
    hub = Hub()
    hub.add_watcher(watcher)
    first, second = Recorder(), Recorder()
    hub.subscribe("bars:AAPL:5", first)
    hub.subscribe("quotes:AAPL", second)
    hub.subscribe("orderbook:AAPL:10", second)
    hub.subscribe("trades:MSFT", second)
    assert feed.calls == [
        ("start", "AAPL"),
        ("held", "AAPL", "bars:AAPL:5"),
        ("held", "AAPL", "quotes:AAPL"),
        ("held", "AAPL", "orderbook:AAPL:10"),
        ("start", "MSFT"),
        ("held", "MSFT", "trades:MSFT"),
    ]
    del feed.calls[:]
    hub.unsubscribe("bars:AAPL:5", first)
    hub.unsubscribe("quotes:AAPL", second)
    assert feed.calls == []  # its book is still held
    hub.remove_all(second)
    assert sorted(feed.calls) == [("stop", "AAPL"), ("stop", "MSFT")]


# ---- the cap --------------------------------------------------------------------------------


def test_the_cap_refuses_one_more_symbol_and_lets_running_ones_and_other_families_through() -> None:
    demand = Demand(FAMILIES, 3, Clock())
    for symbol in ("A", "B", "C"):
        assert demand.refusal(f"bars:{symbol}:1") is None
        demand.opened(f"bars:{symbol}:1")
    refused = demand.refusal("quotes:D")
    assert refused is not None and "at most 3 symbols" in refused and "D" in refused
    for topic in ("orderbook:D:10", "trades:D", "bars:D:5"):
        assert demand.refusal(topic) is not None
    for topic in ("quotes:A", "orderbook:B:50", "bars:C:M", "trades:C"):  # running symbols: fine
        assert demand.refusal(topic) is None
    assert demand.refusal("not a topic") is None  # the subscribe path answers invalid_topic itself
    demand.closed("bars:B:1")
    assert demand.refusal("quotes:D") is None


def test_symbols_let_through_count_until_they_are_held_or_their_reservation_lapses() -> None:
    """One request naming many new symbols: each is checked before any is joined."""
    clock = Clock()
    demand = Demand(FAMILIES, 2, clock)
    assert demand.refusal("bars:A:1") is None
    assert demand.refusal("quotes:A") is None  # the same symbol again
    assert demand.refusal("bars:B:1") is None
    assert demand.refusal("bars:C:1") is not None  # A and B are on their way
    demand.opened("bars:A:1")
    assert demand.refusal("bars:C:1") is not None
    clock.now += RESERVATION_S + 0.1  # B never came (its join failed)
    assert demand.refusal("bars:C:1") is None


def test_the_watchers_are_the_guard() -> None:
    for watcher in (FeedWatcher(FakeFeed(), 1), LeasedWatcher(FakeFeed(), FakeLeases(), 1)):
        watcher.topic_opened("bars:AAPL:1")
        assert watcher.refusal("bars:AAPL:5") is None
        assert watcher.refusal("orderbook:MSFT:10") is not None


class _Topics:
    """The join path, minus streams: subscribing is holding."""

    def __init__(self, hub: Hub) -> None:
        self.hub = hub

    async def join(self, ctx: Any, requests: list[JoinRequest]) -> list[Joined]:
        for request in requests:
            self.hub.subscribe(request.topic, ctx)
        return [Joined(None, None) for _ in requests]

    def position(self, topic: str) -> None:
        return None


class _Connection:
    user = None
    state = ConnState.OPEN
    log = logging.getLogger("test")

    def send(self, frame: Any) -> None:
        pass

    def send_after_reply(self, frames: Any) -> None:
        pass


async def test_the_subscribe_path_answers_capacity_beyond_the_cap() -> None:
    hub, feed = Hub(), FakeFeed()
    watcher = FeedWatcher(feed, max_symbols=2)
    hub.add_watcher(watcher)
    handlers = StreamHandlers(hub, _Topics(hub), max_subscriptions=100)  # type: ignore[arg-type]
    handlers.add_guard(watcher)
    request = SubscribeTopics(topics=["bars:A:1", "quotes:B", "trades:C", "quotes:A", "orderbook:D:10"])
    reply = await handlers.subscribe(_Connection(), request)  # type: ignore[arg-type]
    outcome = {r.topic: (r.status, r.code) for r in reply.results}
    assert outcome == {
        "bars:A:1": ("ok", None),
        "quotes:B": ("ok", None),
        "trades:C": ("error", "capacity"),
        "quotes:A": ("ok", None),
        "orderbook:D:10": ("error", "capacity"),
    }
    [refused, *_] = [r for r in reply.results if r.code == "capacity"]
    assert refused.message is not None and "at most 2 symbols" in refused.message
    assert [call for call in feed.calls if call[0] == "start"] == [("start", "A"), ("start", "B")]


# ---- behind a broker: leased per symbol -----------------------------------------------------


async def _settle(watcher: LeasedWatcher) -> None:
    await watcher._renew()


async def test_behind_a_broker_a_symbol_runs_where_its_lease_is() -> None:
    feed, leases = FakeFeed(), FakeLeases()
    watcher = LeasedWatcher(feed, leases, max_symbols=10)
    watcher.topic_opened("bars:AAPL:1")
    watcher.topic_opened("quotes:AAPL")
    watcher.topic_opened("trades:MSFT")
    assert feed.calls == []  # not before the lease
    await _settle(watcher)
    assert leases.calls == [("lease", [lease_name("AAPL"), lease_name("MSFT")])]
    assert lease_name("AAPL") == "demo:AAPL"
    assert feed.calls == [
        ("start", "AAPL"),
        ("held", "AAPL", "bars:AAPL:1"),
        ("held", "AAPL", "quotes:AAPL"),
        ("start", "MSFT"),
        ("held", "MSFT", "trades:MSFT"),
    ]
    del feed.calls[:]
    watcher.topic_opened("orderbook:AAPL:25")  # running here: at once
    assert feed.calls == [("held", "AAPL", "orderbook:AAPL:25")]


async def test_a_symbol_leased_by_another_worker_does_not_run_here() -> None:
    feed, leases = FakeFeed(), FakeLeases()
    leases.holders[lease_name("AAPL")] = "another worker"
    watcher = LeasedWatcher(feed, leases, max_symbols=10)
    watcher.topic_opened("bars:AAPL:1")
    await _settle(watcher)
    assert feed.calls == []
    del leases.holders[lease_name("AAPL")]  # its holder died: the lease lapsed
    await _settle(watcher)
    assert feed.calls == [("start", "AAPL"), ("held", "AAPL", "bars:AAPL:1")]


async def test_a_symbol_nobody_holds_here_any_more_removes_its_book_then_gives_back_its_lease() -> None:
    feed, leases = FakeFeed(), FakeLeases()
    leases.log = feed.calls
    watcher = LeasedWatcher(feed, leases, max_symbols=10)
    watcher.topic_opened("bars:AAPL:1")
    watcher.topic_opened("orderbook:AAPL:10")
    await _settle(watcher)
    watcher.topic_closed("bars:AAPL:1")
    await _settle(watcher)
    assert ("finish", "AAPL") not in feed.calls  # its book is still held
    watcher.topic_closed("orderbook:AAPL:10")
    await _settle(watcher)
    assert feed.calls[-2:] == [("finish", "AAPL"), ("release", lease_name("AAPL"))]
    assert lease_name("AAPL") not in leases.holders


async def test_a_lost_lease_stops_the_symbol_quietly() -> None:
    """Another worker publishes its book now: this one must not remove it."""
    feed, leases = FakeFeed(), FakeLeases()
    watcher = LeasedWatcher(feed, leases, max_symbols=10)
    watcher.topic_opened("bars:AAPL:1")
    await _settle(watcher)
    leases.holders[lease_name("AAPL")] = "another worker"  # ours lapsed, and was taken
    await _settle(watcher)
    assert feed.calls[-1] == ("stop quietly", "AAPL")


async def test_with_redis_down_every_symbol_stops_quietly() -> None:
    feed, leases = FakeFeed(), FakeLeases()
    watcher = LeasedWatcher(feed, leases, max_symbols=10)
    watcher.topic_opened("bars:AAPL:1")
    watcher.topic_opened("bars:MSFT:1")
    task = asyncio.create_task(watcher.run())
    await asyncio.sleep(0.05)
    assert ("start", "MSFT") in feed.calls
    leases.down = True
    watcher.topic_opened("quotes:TSLA")  # wakes it up
    await asyncio.sleep(0.05)
    task.cancel()
    await asyncio.gather(task, return_exceptions=True)
    assert sorted(c for c in feed.calls if c[0].startswith("stop")) == [
        ("stop quietly", "AAPL"),
        ("stop quietly", "MSFT"),
    ]


# ---- the app's lifetime ---------------------------------------------------------------------


async def test_running_feed_runs_the_feed_and_yields_the_guard() -> None:
    hub, feed = Hub(), FakeFeed()
    async with running_feed(hub, feed, max_symbols=1) as guard:
        await asyncio.wait_for(feed.running.wait(), 1)
        hub.subscribe("bars:AAPL:5", Recorder())
        assert feed.calls[0] == ("start", "AAPL")
        assert guard.refusal("quotes:MSFT") is not None
    assert feed.cancelled  # the feed's task does not outlive the app


async def test_running_feed_behind_a_broker_leases() -> None:
    hub, feed, leases = Hub(), FakeFeed(), FakeLeases()
    async with running_feed(hub, feed, leases, max_symbols=5) as guard:
        assert isinstance(guard, LeasedWatcher)
        hub.subscribe("trades:AAPL", Recorder())
        for _ in range(50):
            await asyncio.sleep(0.01)
            if ("start", "AAPL") in feed.calls:
                break
        assert ("start", "AAPL") in feed.calls
    assert feed.cancelled
