"""DemoFeed.step: what a running symbol publishes, in which order, and that it all follows one book:
the book changes rebuild the market's book, quotes are its top, trades its taker orders, and bars
the exact aggregate of the trades, consistently across resolutions, the same in every process."""

import random
from collections import defaultdict
from datetime import UTC, datetime
from itertools import pairwise
from typing import Any

import pytest
from pydantic import BaseModel

from app.feed.buckets import bucket_start
from app.feed.demo import BOOK_BAND, MAX_CATCHUP_MS, MAX_TRADES, DemoFeed, Message
from app.feed.market import Market, Trade
from generated.models import RESOLUTION_VALUES, Bar, BookChanges, Quote, Resolution, Trades

from .helpers import FakeClock, aggregate, bar_of_trades, ms, seconds

# A Sunday that ends a month: day, week and month all roll over at the next midnight.
T0 = seconds("2024-03-31T23:45:00")
STRETCH = 35 * 60.0


async def _drop(topic: str, payloads: Any) -> None:
    """A publish callback for tests that only call step()."""


def _feed(start: float = T0) -> tuple[DemoFeed, FakeClock]:
    clock = FakeClock(start)
    return DemoFeed(_drop, clock=clock), clock


def _walk(feed: DemoFeed, clock: FakeClock, until: float, seed: int = 0, most: float = 3.0) -> list[list[Message]]:
    """Step at irregular instants (0.05 s to `most` s apart) up to `until`: each step's messages."""
    rng = random.Random(seed)
    steps: list[list[Message]] = []
    while clock.now < until:
        clock.now = min(until, clock.now + rng.uniform(0.05, most))
        steps.append(feed.step(clock.now))
    return steps


def _flat(steps: list[list[Message]]) -> list[tuple[str, BaseModel]]:
    return [(topic, payload) for step in steps for topic, payloads in step for payload in payloads]


def _final_bars(steps: list[list[Message]]) -> dict[str, dict[int, Bar]]:
    """topic -> bar time -> the last published state of that bar."""
    finals: dict[str, dict[int, Bar]] = defaultdict(dict)
    for topic, payload in _flat(steps):
        if isinstance(payload, Bar):
            finals[topic][payload.time] = payload
    return finals


def _trades(steps: list[list[Message]], symbol: str = "AAPL") -> list[Trade]:
    return [
        Trade(**trade.model_dump())
        for topic, payload in _flat(steps)
        if topic == f"trades:{symbol}" and isinstance(payload, Trades)
        for trade in payload.trades
    ]


def _of(steps: list[list[Message]], topic: str, kind: type[Any]) -> list[Any]:
    return [payload for t, payload in _flat(steps) if t == topic and isinstance(payload, kind)]


class ServerBook:
    """A book as the server keeps it from the changes: price -> size per side, "0" removes."""

    def __init__(self) -> None:
        self.bids: dict[str, str] = {}
        self.asks: dict[str, str] = {}

    def apply(self, changes: BookChanges) -> None:
        for side, levels in ((self.bids, changes.bids), (self.asks, changes.asks)):
            for price, size in levels:
                if size == "0":
                    side.pop(price, None)
                else:
                    side[price] = size

    def levels(self) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
        def side(levels: dict[str, str], descending: bool) -> list[tuple[int, int]]:
            ticks = [(round(float(price) * 100), int(size)) for price, size in levels.items()]
            return sorted(ticks, reverse=descending)

        return side(self.bids, True), side(self.asks, False)


# ---- bars: the exact aggregate of the trades ------------------------------------------------


def test_every_1_minute_bar_is_exactly_the_aggregate_of_the_minutes_trades() -> None:
    feed, clock = _feed()
    feed.start("AAPL")
    steps = _walk(feed, clock, T0 + 10 * 60)
    trades, ones = _trades(steps), _final_bars(steps)["bars:AAPL:1"]
    assert len(ones) == 10
    by_minute: dict[int, list[Trade]] = defaultdict(list)
    for trade in trades:
        by_minute[bucket_start(trade.time, "1")].append(trade)
    assert set(by_minute) == set(ones)
    for minute, bar in ones.items():
        assert bar == bar_of_trades(by_minute[minute], minute), minute
        # open/high/low/close/volume are the first/max/min/last price and summed size
        prices = [float(t.price) for t in by_minute[minute]]
        assert (bar.open, bar.high, bar.low, bar.close) == (prices[0], max(prices), min(prices), prices[-1])
        assert bar.volume == sum(int(t.size) for t in by_minute[minute])


def _assert_coarse_bars_aggregate_the_fine_ones(
    finals: dict[str, dict[int, Bar]], fine: Resolution, coarse: Resolution
) -> int:
    fine_bars = finals[f"bars:AAPL:{fine}"]
    coarse_bars = finals[f"bars:AAPL:{coarse}"]
    for time, bar in coarse_bars.items():
        inside = [b for t, b in fine_bars.items() if bucket_start(t, coarse) == time]
        assert bar == aggregate(inside, time), f"{coarse} bar at {time}"
    return len(coarse_bars)


def test_every_coarse_bar_is_the_aggregate_of_its_finer_bars() -> None:
    feed, clock = _feed()
    feed.start("AAPL")
    finals = _final_bars(_walk(feed, clock, T0 + STRETCH))

    assert len(finals["bars:AAPL:1"]) == 35
    # 23:45 to 00:20: how many bars each resolution holds, every one checked.
    expected = {"5": 7, "15": 3, "30": 2, "60": 2, "D": 2}
    for resolution, count in expected.items():
        assert _assert_coarse_bars_aggregate_the_fine_ones(finals, "1", resolution) == count  # type: ignore[arg-type]
    assert _assert_coarse_bars_aggregate_the_fine_ones(finals, "D", "W") == 2
    assert _assert_coarse_bars_aggregate_the_fine_ones(finals, "D", "M") == 2


def test_bars_are_sane_aligned_and_never_go_back_in_time() -> None:
    feed, clock = _feed()
    feed.start("BTC-USD")
    last_time: dict[str, int] = {}
    for topic, bar in _flat(_walk(feed, clock, T0 + 20 * 60)):
        if not isinstance(bar, Bar):
            continue
        resolution = topic.rsplit(":", 1)[1]
        assert bar.time >= last_time.get(topic, 0), topic
        last_time[topic] = bar.time
        assert bar.low <= min(bar.open, bar.close) <= max(bar.open, bar.close) <= bar.high
        assert bar.low > 0
        assert bar.volume > 0
        assert Bar.model_validate_json(bar.model_dump_json()) == bar
        assert bucket_start(bar.time, resolution) == bar.time  # type: ignore[arg-type]
    assert set(last_time) == {f"bars:BTC-USD:{r}" for r in RESOLUTION_VALUES}
    assert datetime.fromtimestamp(last_time["bars:BTC-USD:W"] / 1000, UTC) == datetime(2024, 4, 1, tzinfo=UTC)
    assert datetime.fromtimestamp(last_time["bars:BTC-USD:M"] / 1000, UTC) == datetime(2024, 4, 1, tzinfo=UTC)


# ---- one step's messages --------------------------------------------------------------------


def test_a_step_publishes_book_changes_then_trades_then_the_quote_then_the_bars() -> None:
    feed, clock = _feed()
    feed.start("AAPL")
    steps = _walk(feed, clock, T0 + 120, most=0.5)
    rank = {"orderbook": 0, "trades": 1, "quotes": 2, "bars": 3}
    seen = set()
    for step in steps:
        topics = [topic for topic, _ in step]
        assert len(topics) == len(set(topics))  # one publish per topic and step
        order = [rank[topic.split(":")[0]] for topic in topics]
        assert order == sorted(order), topics
        bars = [topic for topic in topics if topic.startswith("bars:")]
        assert bars == [f"bars:AAPL:{r}" for r in RESOLUTION_VALUES if f"bars:AAPL:{r}" in bars]
        seen.add(tuple(order))
        for topic, payloads in step:
            kind = {"orderbook": BookChanges, "trades": Trades, "quotes": Quote, "bars": Bar}[topic.split(":")[0]]
            assert payloads and all(isinstance(p, kind) for p in payloads)
            if kind is not Bar:
                assert len(payloads) == 1, topic
    assert (0, 1, 2, 3, 3, 3, 3, 3, 3, 3, 3) in seen  # a step with everything


def test_the_published_changes_rebuild_the_markets_book_after_every_step() -> None:
    feed, clock = _feed()
    feed.start("AAPL")
    market, server = Market("AAPL"), ServerBook()
    sizes = []
    for _ in range(400):
        clock.now += random.Random(int(clock.now)).uniform(0.05, 0.6)
        step = feed.step(clock.now)
        for topic, payloads in step:
            if topic == "orderbook:AAPL":
                [changes] = payloads
                assert isinstance(changes, BookChanges)
                server.apply(changes)
                sizes.append(len(changes.bids) + len(changes.asks))
        at = int(clock.now * 1000)
        book = market.book_at(at)
        assert server.levels() == (list(book.bids), list(book.asks))
    assert sizes[0] > 2 * BOOK_BAND  # the first one: the whole book, and room cleared around it
    assert max(sizes[1:]) < 60  # then only what changed


def test_quotes_are_the_top_of_the_book_and_come_when_it_changed() -> None:
    feed, clock = _feed()
    feed.start("MSFT")
    steps = _walk(feed, clock, T0 + 60, most=0.4)
    quotes: list[Quote] = _of(steps, "quotes:MSFT", Quote)
    market = Market("MSFT")
    assert len(quotes) > 20
    for quote in quotes:
        assert tuple(quote.model_dump(exclude={"time"}).values()) == market.book_at(quote.time).top()
    for before, after in pairwise(quotes):
        assert before.model_dump(exclude={"time"}) != after.model_dump(exclude={"time"})
        assert before.time < after.time
    tops = [market.book_at(int(t * 1000)).top() for t in [T0 + i * 0.4 for i in range(150)]]
    assert len(set(tops)) > 1


def test_trades_are_the_markets_in_order_with_rising_ids() -> None:
    feed, clock = _feed()
    feed.start("AAPL")
    steps = _walk(feed, clock, T0 + 90)
    trades = _trades(steps)
    assert trades == Market("AAPL").trades(ms("2024-03-31T23:45:00"), int(clock.now * 1000))
    assert all(a.id < b.id for a, b in pairwise(trades))
    messages = _of(steps, "trades:AAPL", Trades)
    assert sum(1 for step in steps for topic, _ in step if topic == "trades:AAPL") == len(messages)


def test_only_running_symbols_publish_every_family() -> None:
    feed, clock = _feed()
    feed.start("AAPL")
    feed.start("MSFT")
    assert feed.symbols == {"AAPL", "MSFT"}
    topics = {topic for step in _walk(feed, clock, T0 + 30 * 60, most=30) for topic, _ in step}
    bars = {f"bars:{s}:{r}" for s in ("AAPL", "MSFT") for r in RESOLUTION_VALUES}
    assert topics == bars | {f"{f}:{s}" for f in ("orderbook", "trades", "quotes") for s in ("AAPL", "MSFT")}
    feed.stop("MSFT")
    assert feed.symbols == {"AAPL"}
    topics = {topic for step in _walk(feed, clock, T0 + 31 * 60) for topic, _ in step}
    assert {topic.split(":")[1] for topic in topics} == {"AAPL"}


def test_starting_twice_changes_nothing() -> None:
    once, once_clock = _feed()
    twice, twice_clock = _feed()
    once.start("AAPL")
    twice.start("AAPL")
    twice_clock.now += 5
    twice.start("AAPL")
    twice_clock.now = T0
    assert _walk(twice, twice_clock, T0 + 30) == _walk(once, once_clock, T0 + 30)


def test_two_feeds_publish_identical_messages() -> None:
    one, one_clock = _feed()
    two, two_clock = _feed()
    for feed in (one, two):
        feed.start("ES=F")
    steps = _walk(one, one_clock, T0 + 600)
    assert steps
    assert _walk(two, two_clock, T0 + 600) == steps


def test_different_symbols_get_different_markets() -> None:
    feed, clock = _feed()
    feed.start("AAPL")
    feed.start("MSFT")
    finals = _final_bars(_walk(feed, clock, T0 + 180))
    assert finals["bars:AAPL:1"] != finals["bars:MSFT:1"]
    assert len(finals["bars:AAPL:1"]) == len(finals["bars:MSFT:1"]) == 3


def test_a_feed_started_later_shows_the_same_market() -> None:
    early, early_clock = _feed()
    late, late_clock = _feed(T0 + 90)
    early.start("AAPL")
    late.start("AAPL")
    early_steps, late_steps = _walk(early, early_clock, T0 + 300), _walk(late, late_clock, T0 + 300, seed=7)
    early_bars, late_bars = _final_bars(early_steps)["bars:AAPL:1"], _final_bars(late_steps)["bars:AAPL:1"]
    minute_both_saw_whole = bucket_start(ms("2024-03-31T23:47:00"), "1")
    assert early_bars[minute_both_saw_whole] == late_bars[minute_both_saw_whole]
    assert early_bars[max(early_bars)] == late_bars[max(late_bars)]  # the forming bar too
    assert late_bars[min(late_bars)].volume < early_bars[min(late_bars)].volume  # it joined mid-minute
    late_trades = _trades(late_steps)
    assert late_trades == [t for t in _trades(early_steps) if t.time >= late_trades[0].time]


# ---- starting, stopping, taking over --------------------------------------------------------


async def test_a_stopped_symbol_removes_its_book_and_restarts_fresh() -> None:
    published: list[tuple[str, list[BaseModel]]] = []

    async def publish(topic: str, payloads: Any) -> None:
        published.append((topic, list(payloads)))

    clock = FakeClock(T0)
    feed = DemoFeed(publish, clock=clock)
    feed.start("AAPL")
    server = ServerBook()
    for step in _walk(feed, clock, T0 + 120):
        for topic, payloads in step:
            if topic == "orderbook:AAPL":
                server.apply(payloads[0])  # type: ignore[arg-type]
    assert server.bids and server.asks
    feed.stop("AAPL")
    assert feed.symbols == frozenset()
    assert feed.step(T0 + 150) == []
    await feed.flush()  # what run() does before its next step: publish the removals
    [(topic, [clear])] = published
    assert topic == "orderbook:AAPL" and isinstance(clear, BookChanges)
    server.apply(clear)
    assert server.bids == server.asks == {}
    assert {size for _, size in clear.bids + clear.asks} == {"0"}

    rewatch = T0 + 200  # 23:48:20, mid-minute
    clock.now = rewatch
    feed.start("AAPL")
    step = feed.step(rewatch + 30)
    trades = Market("AAPL").trades(ms("2024-03-31T23:48:20"), ms("2024-03-31T23:48:50"))
    assert trades
    # Nothing from before the stop: the minute holds only trades since the restart.
    assert dict(step)["bars:AAPL:1"] == [bar_of_trades(trades, ms("2024-03-31T23:48:00"))]


async def test_stopping_without_clearing_publishes_nothing() -> None:
    """Another worker took the symbol over: its book is that worker's to publish."""
    published: list[str] = []

    async def publish(topic: str, payloads: Any) -> None:
        published.append(topic)

    clock = FakeClock(T0)
    feed = DemoFeed(publish, clock=clock)
    feed.start("AAPL")
    _walk(feed, clock, T0 + 10)
    feed.stop("AAPL", clear=False)
    await feed.flush()
    assert published == []


def test_a_takeover_replaces_the_book_another_worker_left() -> None:
    """A worker that dies leaves its last book behind; the next one's first message makes the
    server's book the market's, whatever of it the dead one had published."""
    for lapse in (0.1, 3.0, 60.0):
        dead, dead_clock = _feed()
        dead.start("TSLA")
        server = ServerBook()
        for topic, payload in _flat(_walk(dead, dead_clock, T0 + 20)):
            if topic == "orderbook:TSLA":
                server.apply(payload)  # type: ignore[arg-type]
        heir, heir_clock = _feed(T0 + 20 + lapse)
        heir.start("TSLA")
        [first, *_] = [p for t, p in _flat([heir.step(heir_clock.now + 0.25)]) if t == "orderbook:TSLA"]
        server.apply(first)  # type: ignore[arg-type]
        book = Market("TSLA").book_at(int((heir_clock.now + 0.25) * 1000))
        assert server.levels() == (list(book.bids), list(book.asks)), lapse


def test_stopping_what_is_not_running_is_harmless() -> None:
    feed, _ = _feed()
    feed.stop("AAPL")
    feed.start("AAPL")
    feed.stop("MSFT")
    assert feed.symbols == {"AAPL"}


def test_step_defaults_to_the_clock() -> None:
    feed, clock = _feed()
    twin, _ = _feed()
    feed.start("AAPL")
    twin.start("AAPL")
    clock.now = T0 + 5
    assert feed.step() == twin.step(T0 + 5) != []


def test_a_clock_that_goes_back_does_not_take_the_market_back() -> None:
    feed, _ = _feed()
    feed.start("AAPL")
    feed.step(T0 + 10)
    assert feed.step(T0 + 5) == []  # nothing happened: the market stays at T0 + 10
    assert feed.step(T0 + 10) == []


def test_a_long_stall_replays_only_the_last_minutes_in_bounded_messages() -> None:
    feed, _ = _feed()
    feed.start("AAPL")
    end = ms("2024-04-01T00:45:00")
    step = dict(feed.step(end / 1000))
    replayed = Market("AAPL").trades(end - MAX_CATCHUP_MS, end)
    [hour] = step["bars:AAPL:60"]
    assert isinstance(hour, Bar)
    assert hour.time == ms("2024-04-01T00:00:00")
    assert hour == bar_of_trades(replayed, hour.time)
    messages = step["trades:AAPL"]
    assert len(messages) > 1 and all(isinstance(m, Trades) and len(m.trades) <= MAX_TRADES for m in messages)
    assert [Trade(**t.model_dump()) for m in messages for t in m.trades] == replayed  # type: ignore[attr-defined]


@pytest.mark.parametrize("symbol", ["AAPL", "BRK.B", "^GSPC", "ES=F"])
def test_every_payload_is_valid_for_its_schema(symbol: str) -> None:
    feed, clock = _feed()
    feed.start(symbol)
    for _topic, payload in _flat(_walk(feed, clock, T0 + 30)):
        assert type(payload).model_validate_json(payload.model_dump_json()) == payload
