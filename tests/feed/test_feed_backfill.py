"""The demo market's history before a symbol started: sketched buckets of the same path, put in
place before each bars topic's first live bar, rationed."""

import itertools
import statistics
import time
from collections.abc import Sequence

import pytest
from pydantic import BaseModel

from app.feed.backfill import BACKFILL, backfill
from app.feed.buckets import bucket_start
from app.feed.demo import BACKFILL_BURST, BACKFILL_GRACE, BACKFILL_RATE, BACKFILL_RESERVE, DemoFeed
from app.feed.market import SLOT_MS, Market
from generated.models import RESOLUTION_VALUES, Bar, Resolution

from .helpers import FakeClock, bar_of_trades, ms, seconds

AT = "2024-04-01T10:17:31"
NOW = ms(AT)


@pytest.mark.parametrize("resolution", RESOLUTION_VALUES)
def test_the_buckets_before_now_oldest_first_each_a_sane_bar(resolution: Resolution) -> None:
    bars = backfill(Market("AAPL"), resolution, NOW)
    assert len(bars) == BACKFILL
    assert bars[-1].time == bucket_start(bucket_start(NOW, resolution) - 1, resolution)  # the last complete one
    for earlier, later in itertools.pairwise(bars):
        assert bucket_start(later.time - 1, resolution) == earlier.time  # consecutive buckets, none skipped
    for bar in bars:
        assert bar.low <= min(bar.open, bar.close) <= max(bar.open, bar.close) <= bar.high
        assert bar.volume > 0


def test_every_process_draws_the_same_history() -> None:
    assert backfill(Market("MSFT"), "D", NOW) == backfill(Market("MSFT"), "D", NOW)
    assert backfill(Market("MSFT"), "D", NOW) != backfill(Market("AAPL"), "D", NOW)


def test_opens_and_closes_lie_on_the_live_trades_path() -> None:
    market = Market("AAPL")
    for bar in backfill(market, "5", NOW, count=12):
        assert bar.open == market.price_at(bar.time // SLOT_MS)
        assert bar.close == market.price_at((bar.time + 5 * 60_000) // SLOT_MS - 1)


def test_sketched_ranges_are_like_the_ranges_of_real_trades() -> None:
    """The highs and lows are drawn, not read: over an hour, their spread must be what the
    trades themselves make, give or take."""
    market, start = Market("AAPL"), ms("2024-04-01T09:00:00")
    sketched = backfill(market, "1", start + 3_600_000, count=60)
    traded = [bar_of_trades(market.trades(bar.time, bar.time + 60_000), bar.time) for bar in sketched]
    ratio = statistics.mean(b.high - b.low for b in sketched) / statistics.mean(b.high - b.low for b in traded)
    assert 0.6 < ratio < 1.6, ratio
    volumes = statistics.mean(b.volume for b in sketched) / statistics.mean(b.volume for b in traded)
    assert 0.7 < volumes < 1.4, volumes


class Ticker:
    """A monotonic clock the test moves."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def _feed(archived: list[tuple[str, list[Bar]]], ticker: Ticker | None = None) -> tuple[DemoFeed, FakeClock]:
    clock = FakeClock(seconds(AT))
    feed = DemoFeed(
        _drop, clock=clock, archive=lambda t, b: archived.append((t, b)), monotonic=ticker or time.monotonic
    )
    return feed, clock


def _bars_topics(step: list[tuple[str, list[BaseModel]]]) -> set[str]:
    return {topic for topic, _ in step if topic.startswith("bars:")}


def test_a_held_bars_topic_gets_its_history_at_once_and_only_once() -> None:
    archived: list[tuple[str, list[Bar]]] = []
    feed, _ = _feed(archived)
    feed.start("AAPL")
    assert archived == []  # nothing yet: sketches are drawn for held topics first, or step by step
    feed.held("AAPL", "bars:AAPL:5")  # before the subscribe reply: the page reads the history then
    feed.held("AAPL", "bars:AAPL:5")
    feed.held("AAPL", "quotes:AAPL")
    feed.held("MSFT", "bars:MSFT:5")  # not running: nothing
    assert archived == [("bars:AAPL:5", backfill(Market("AAPL"), "5", NOW))]


def test_every_bars_topic_of_a_symbol_gets_its_history_before_its_first_bar() -> None:
    archived: list[tuple[str, list[Bar]]] = []
    feed, clock = _feed(archived)
    feed.start("AAPL")
    feed.held("AAPL", "bars:AAPL:D")
    live: set[str] = set()
    for _ in range(12):
        clock.now += 0.25
        step = feed.step(clock.now)
        topics = _bars_topics(step)
        assert topics <= {topic for topic, _ in archived}  # never a bar before the history
        live |= topics
    # The held one first, then one a step, in resolution order.
    assert [topic for topic, _ in archived] == [f"bars:AAPL:{r}" for r in ("D", "1", "5", "15", "30", "60", "W", "M")]
    assert live == {f"bars:AAPL:{r}" for r in RESOLUTION_VALUES}
    for topic, bars in archived:
        resolution = topic.rsplit(":", 1)[1]
        assert bars == backfill(Market("AAPL"), resolution, NOW)  # type: ignore[arg-type]


def test_a_topic_that_got_its_history_publishes_its_current_bar_at_once() -> None:
    archived: list[tuple[str, list[Bar]]] = []
    feed, clock = _feed(archived)
    feed.start("AAPL")
    feed.held("AAPL", "bars:AAPL:1")
    clock.now += 30
    first = feed.step(clock.now)  # 30 s of trades; "5" got its history at the step's start
    assert _bars_topics(first) == {"bars:AAPL:1", "bars:AAPL:5"}
    bars = dict(feed.step(clock.now))  # no time passed, no trade: only the forming bar of "15"
    [fifteen] = bars.pop("bars:AAPL:15")
    assert {topic for topic in bars if topic.startswith("bars:")} == set()
    trades = Market("AAPL").trades(NOW, NOW + 30_000)
    assert fifteen == bar_of_trades(trades, bucket_start(NOW, "15"))


def test_a_topic_waiting_too_long_goes_live_without_history() -> None:
    archived: list[tuple[str, list[Bar]]] = []
    ticker = Ticker()
    feed, clock = _feed(archived, ticker)
    for i in range(BACKFILL_BURST):  # a burst of symbols takes every sketch
        feed.start(f"SYM{i}")
        feed.held(f"SYM{i}", f"bars:SYM{i}:1")
    feed.start("AAPL")
    clock.now += 1
    assert _bars_topics(feed.step(clock.now)) >= {"bars:SYM0:1"}
    assert not any(topic.startswith("bars:AAPL") for topic in _bars_topics(feed.step(clock.now)))
    ticker.now += BACKFILL_GRACE
    clock.now += 1
    step = feed.step(clock.now)
    assert {f"bars:AAPL:{r}" for r in RESOLUTION_VALUES} <= _bars_topics(step)
    assert not any(topic.startswith("bars:AAPL") for topic, _ in archived)


def test_background_sketches_leave_the_reserve_to_held_topics() -> None:
    archived: list[tuple[str, list[Bar]]] = []
    ticker = Ticker()
    feed, clock = _feed(archived, ticker)
    for i in range(4):
        feed.start(f"SYM{i}")  # 32 topics waiting, none held
    for _ in range(40):  # 10 s of steps in no time: the ration does not refill
        clock.now += 0.25
        feed.step(clock.now)
    assert len(archived) == BACKFILL_BURST - BACKFILL_RESERVE
    feed.start("AAPL")
    for resolution in RESOLUTION_VALUES:  # a client subscribes to all of them
        feed.held("AAPL", f"bars:AAPL:{resolution}")
    assert len([topic for topic, _ in archived if topic.startswith("bars:AAPL")]) == BACKFILL_RESERVE


def test_a_symbol_started_again_gets_its_history_again() -> None:
    archived: list[tuple[str, list[Bar]]] = []
    feed, _ = _feed(archived)
    feed.start("AAPL")
    feed.held("AAPL", "bars:AAPL:5")
    feed.stop("AAPL")
    feed.start("AAPL")
    feed.held("AAPL", "bars:AAPL:5")  # its bars since are in the history already, the older ones kept
    assert [topic for topic, _ in archived] == ["bars:AAPL:5", "bars:AAPL:5"]


def test_backfills_are_rationed_so_a_client_cannot_buy_the_servers_cpu() -> None:
    archived: list[tuple[str, list[Bar]]] = []
    feed, clock = _feed(archived)
    started, symbols = time.monotonic(), 4 * BACKFILL_BURST
    for i in range(symbols):
        feed.start(f"SYM{i}")
        feed.held(f"SYM{i}", f"bars:SYM{i}:1")
    allowed = BACKFILL_BURST + BACKFILL_RATE * (time.monotonic() - started) + 1
    assert BACKFILL_BURST <= len(archived) <= allowed < symbols
    clock.now += 1
    live = _bars_topics(feed.step(clock.now))
    assert live == {f"bars:SYM{i}:1" for i in range(symbols)}  # every held topic is live all the same


def test_without_an_archive_every_bars_topic_is_live_at_once() -> None:
    clock = FakeClock(seconds(AT))
    feed = DemoFeed(_drop, clock=clock)
    feed.start("AAPL")
    clock.now += 600
    assert _bars_topics(feed.step(clock.now)) == {f"bars:AAPL:{r}" for r in RESOLUTION_VALUES}


async def _drop(topic: str, payloads: Sequence[BaseModel]) -> None:
    pass
