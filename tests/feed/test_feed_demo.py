"""DemoFeed.step: watched topics, determinism and cross-resolution consistency over time."""

import random
from datetime import UTC, datetime

import pytest

from app.feed.buckets import bucket_start
from app.feed.demo import MAX_CATCHUP_MS, DemoFeed
from app.feed.market import Market
from generated.models import RESOLUTION_VALUES, Bar, Resolution

from .helpers import FakeClock, aggregate, bar_of_trades, final_bars, ms, seconds

# A Sunday that ends a month: day, week and month all roll over at the next midnight.
T0 = seconds("2024-03-31T23:45:00")
STRETCH = 35 * 60.0


async def _drop(topic: str, bar: Bar) -> None:
    """A publish callback for tests that only call step()."""


def _feed(start: float = T0) -> tuple[DemoFeed, FakeClock]:
    clock = FakeClock(start)
    return DemoFeed(_drop, clock=clock), clock


def _walk(feed: DemoFeed, clock: FakeClock, until: float, seed: int = 0) -> list[tuple[str, Bar]]:
    """Step at irregular instants (0.05 s to 3 s apart) up to `until`; all updates in order."""
    rng = random.Random(seed)
    updates: list[tuple[str, Bar]] = []
    while clock.now < until:
        clock.now = min(until, clock.now + rng.uniform(0.05, 3.0))
        updates += feed.step(clock.now)
    return updates


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
    for resolution in RESOLUTION_VALUES:
        feed.watch("AAPL", resolution)
    finals = final_bars(_walk(feed, clock, T0 + STRETCH))

    assert len(finals["bars:AAPL:1"]) == 35
    # 23:45 to 00:20: how many bars each resolution holds, every one checked.
    expected = {"5": 7, "15": 3, "30": 2, "60": 2, "D": 2}
    for resolution, count in expected.items():
        assert _assert_coarse_bars_aggregate_the_fine_ones(finals, "1", resolution) == count  # type: ignore[arg-type]
    assert _assert_coarse_bars_aggregate_the_fine_ones(finals, "D", "W") == 2
    assert _assert_coarse_bars_aggregate_the_fine_ones(finals, "D", "M") == 2


def test_a_resolution_watched_later_agrees_with_the_bars_seen_since_the_start() -> None:
    feed, clock = _feed()
    feed.watch("AAPL", "1")
    updates = _walk(feed, clock, T0 + 7.5 * 60)
    for resolution in ("5", "15", "60", "D"):
        feed.watch("AAPL", resolution)
    updates += _walk(feed, clock, T0 + STRETCH, seed=1)
    finals = final_bars(updates)

    assert min(finals["bars:AAPL:5"]) == ms("2024-03-31T23:50:00")  # the forming bar, not older ones
    for resolution in ("5", "15", "60", "D"):
        assert _assert_coarse_bars_aggregate_the_fine_ones(finals, "1", resolution) >= 2


def test_bars_are_sane_aligned_and_never_go_back_in_time() -> None:
    feed, clock = _feed()
    for resolution in RESOLUTION_VALUES:
        feed.watch("BTC-USD", resolution)
    updates = _walk(feed, clock, T0 + 20 * 60)
    last_time: dict[str, int] = {}
    for topic, bar in updates:
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


def test_two_feeds_publish_identical_bars() -> None:
    one, one_clock = _feed()
    two, two_clock = _feed()
    for feed in (one, two):
        feed.watch("ES=F", "1")
        feed.watch("ES=F", "5")
    updates = _walk(one, one_clock, T0 + 600)
    assert updates
    assert _walk(two, two_clock, T0 + 600) == updates


def test_a_feed_started_later_shows_the_same_prices() -> None:
    early, early_clock = _feed()
    late, late_clock = _feed(T0 + 90)
    early.watch("AAPL", "1")
    late.watch("AAPL", "1")
    early_bars = final_bars(_walk(early, early_clock, T0 + 300))["bars:AAPL:1"]
    late_bars = final_bars(_walk(late, late_clock, T0 + 300, seed=7))["bars:AAPL:1"]
    minute_both_saw_whole = bucket_start(ms("2024-03-31T23:47:00"), "1")
    assert early_bars[minute_both_saw_whole] == late_bars[minute_both_saw_whole]
    assert early_bars[max(early_bars)] == late_bars[max(late_bars)]  # the forming bar too
    assert late_bars[min(late_bars)].volume < early_bars[min(late_bars)].volume  # it joined mid-minute


def test_different_symbols_get_different_markets() -> None:
    feed, clock = _feed()
    feed.watch("AAPL", "1")
    feed.watch("MSFT", "1")
    finals = final_bars(_walk(feed, clock, T0 + 180))
    assert finals["bars:AAPL:1"] != finals["bars:MSFT:1"]
    assert len(finals["bars:AAPL:1"]) == len(finals["bars:MSFT:1"]) == 3


def test_only_watched_topics_publish() -> None:
    feed, clock = _feed()
    feed.watch("AAPL", "1")
    feed.watch("AAPL", "W")
    feed.watch("MSFT", "D")
    assert feed.topics == {"bars:AAPL:1", "bars:AAPL:W", "bars:MSFT:D"}
    topics = {topic for topic, _ in _walk(feed, clock, T0 + 30)}
    assert topics == {"bars:AAPL:1", "bars:AAPL:W", "bars:MSFT:D"}

    feed.unwatch("AAPL", "W")
    assert feed.topics == {"bars:AAPL:1", "bars:MSFT:D"}
    assert {topic for topic, _ in _walk(feed, clock, T0 + 60)} == {"bars:AAPL:1", "bars:MSFT:D"}


def test_watching_twice_changes_nothing() -> None:
    once, once_clock = _feed()
    twice, twice_clock = _feed()
    once.watch("AAPL", "1")
    twice.watch("AAPL", "1")
    twice.watch("AAPL", "1")
    assert _walk(twice, twice_clock, T0 + 30) == _walk(once, once_clock, T0 + 30)


def test_a_newly_watched_topic_gets_its_current_bar_on_the_next_step() -> None:
    feed, _ = _feed()
    feed.watch("AAPL", "1")
    ones = final_bars(feed.step(T0 + 40))["bars:AAPL:1"]
    feed.watch("AAPL", "5")
    # No time passed, so no trades: the update is the current bar, built since the start.
    assert feed.step(T0 + 40) == [("bars:AAPL:5", aggregate(ones.values(), ms("2024-03-31T23:45:00")))]
    assert feed.step(T0 + 40) == []


def test_a_symbol_unwatched_everywhere_is_dropped_and_restarts_fresh() -> None:
    feed, clock = _feed()
    feed.watch("AAPL", "1")
    _walk(feed, clock, T0 + 120)
    feed.unwatch("AAPL", "1")
    assert feed.topics == frozenset()
    assert feed.step(T0 + 150) == []

    rewatch = T0 + 200  # 23:48:20, mid-minute
    clock.now = rewatch
    feed.watch("AAPL", "1")
    updates = feed.step(rewatch + 30)
    trades = Market("AAPL").trades(ms("2024-03-31T23:48:20"), ms("2024-03-31T23:48:50"))
    assert trades
    # Nothing from before the drop: the minute holds only trades since the re-watch.
    assert updates == [("bars:AAPL:1", bar_of_trades(trades, ms("2024-03-31T23:48:00")))]


def test_unwatching_what_is_not_watched_is_harmless() -> None:
    feed, _ = _feed()
    feed.unwatch("AAPL", "1")
    feed.watch("AAPL", "1")
    feed.unwatch("AAPL", "5")
    assert feed.topics == {"bars:AAPL:1"}


@pytest.mark.parametrize("resolution", ["2", "d", "", "1D"])
def test_unknown_resolutions_are_refused(resolution: str) -> None:
    feed, _ = _feed()
    with pytest.raises(ValueError, match="unknown resolution"):
        feed.watch("AAPL", resolution)
    with pytest.raises(ValueError, match="unknown resolution"):
        feed.unwatch("AAPL", resolution)
    assert feed.topics == frozenset()


def test_step_defaults_to_the_clock() -> None:
    feed, clock = _feed()
    twin, _ = _feed()
    feed.watch("AAPL", "1")
    twin.watch("AAPL", "1")
    clock.now = T0 + 5
    assert feed.step() == twin.step(T0 + 5) != []


def test_a_long_stall_replays_only_the_last_minutes() -> None:
    feed, _ = _feed()
    feed.watch("AAPL", "60")
    end = ms("2024-04-01T00:45:00")
    [(_, hour)] = feed.step(end / 1000)
    replayed = Market("AAPL").trades(end - MAX_CATCHUP_MS, end)
    assert hour.time == ms("2024-04-01T00:00:00")
    assert hour == bar_of_trades(replayed, hour.time)
