"""The demo market's history before a topic is watched: sketched buckets of the same path."""

import itertools
import statistics
import time

import pytest

from app.feed.backfill import BACKFILL, backfill
from app.feed.buckets import bucket_start
from app.feed.demo import BACKFILL_BURST, BACKFILL_RATE, DemoFeed
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


def test_a_topic_watched_for_the_first_time_gets_its_history_archived_once() -> None:
    archived: list[tuple[str, list[Bar]]] = []
    feed = DemoFeed(_drop, clock=FakeClock(seconds(AT)), archive=lambda t, b: archived.append((t, b)))
    feed.watch("AAPL", "5")
    feed.watch("AAPL", "5")
    assert [topic for topic, _ in archived] == ["bars:AAPL:5"]
    assert archived[0][1] == backfill(Market("AAPL"), "5", NOW)
    feed.unwatch("AAPL", "5")
    feed.watch("AAPL", "5")  # watched anew: its bars since are in the history already, the older ones kept
    assert len(archived) == 2


def test_backfills_are_rationed_so_a_client_cannot_buy_the_servers_cpu() -> None:
    archived: list[str] = []
    feed = DemoFeed(_drop, clock=FakeClock(seconds(AT)), archive=lambda t, b: archived.append(t))
    started, watches = time.monotonic(), 4 * BACKFILL_BURST
    for i in range(watches):
        feed.watch(f"SYM{i}", "1")
    allowed = BACKFILL_BURST + BACKFILL_RATE * (time.monotonic() - started) + 1
    assert BACKFILL_BURST <= len(archived) <= allowed < watches
    assert len(feed.topics) == watches  # every topic is live all the same


async def _drop(topic: str, bar: Bar) -> None:
    pass
