"""Bar building: OHLCV of a bucket, rolling to the next, one stream for every resolution."""

import pytest

from app.feed.aggregate import BarBuilder, SymbolBars
from app.feed.market import Trade
from generated.models import Bar

from .helpers import aggregate, ms

M0 = ms("2024-06-10T10:00:00")


def test_a_bar_is_the_ohlcv_of_its_trades() -> None:
    bars = BarBuilder("1").fold(
        [Trade(M0 + 5, 10.0, 3), Trade(M0 + 10, 12.5, 1), Trade(M0 + 20, 9.5, 2), Trade(M0 + 59_999, 11.0, 4)]
    )
    assert bars == [Bar(time=M0, open=10.0, high=12.5, low=9.5, close=11.0, volume=10)]


def test_a_batch_crossing_a_boundary_returns_the_closed_bar_then_the_new_one() -> None:
    builder = BarBuilder("1")
    builder.fold([Trade(M0 + 1, 10.0, 1)])
    bars = builder.fold([Trade(M0 + 50_000, 11.0, 2), Trade(M0 + 60_000, 12.0, 5)])
    assert bars == [
        Bar(time=M0, open=10.0, high=11.0, low=10.0, close=11.0, volume=3),
        Bar(time=M0 + 60_000, open=12.0, high=12.0, low=12.0, close=12.0, volume=5),
    ]
    assert builder.current == bars[-1]


def test_a_batch_opening_a_new_bar_does_not_repeat_the_old_one() -> None:
    builder = BarBuilder("1")
    builder.fold([Trade(M0 + 1, 10.0, 1)])
    assert builder.fold([Trade(M0 + 61_000, 12.0, 5)]) == [
        Bar(time=M0 + 60_000, open=12.0, high=12.0, low=12.0, close=12.0, volume=5)
    ]


def test_no_trades_no_bars() -> None:
    builder = BarBuilder("5")
    assert builder.fold([]) == []
    assert builder.current is None


def test_a_trade_older_than_the_forming_bar_is_a_bug() -> None:
    builder = BarBuilder("1")
    builder.fold([Trade(M0 + 60_000, 10.0, 1)])
    with pytest.raises(ValueError, match="older"):
        builder.fold([Trade(M0, 10.0, 1)])


def test_every_resolution_folds_the_same_trades() -> None:
    trades = [Trade(M0 + i * 17_000, 100.0 + (i % 7) - (i % 3), 1 + i % 5) for i in range(200)]
    bars = SymbolBars()
    touched = bars.fold(trades[:90])
    touched_later = bars.fold(trades[90:])
    # The last state of each bar wins, as for a subscriber.
    ones = {bar.time: bar for bar in touched["1"] + touched_later["1"]}
    fives = {bar.time: bar for bar in touched["5"] + touched_later["5"]}
    assert len(fives) > 5
    for five in fives.values():
        inside = [bar for time, bar in ones.items() if five.time <= time < five.time + 300_000]
        assert five == aggregate(inside, five.time)
    day = bars.current("D")
    assert day is not None
    assert day.volume == sum(t.size for t in trades)
    assert (day.open, day.close) == (trades[0].price, trades[-1].price)


def test_late_trades_are_dropped_for_every_resolution() -> None:
    bars = SymbolBars()
    bars.fold([Trade(M0 + 120_000, 10.0, 1)])
    touched = bars.fold([Trade(M0 + 30_000, 99.0, 50), Trade(M0 + 121_000, 11.0, 2)])
    assert touched["1"] == [Bar(time=M0 + 120_000, open=10.0, high=11.0, low=10.0, close=11.0, volume=3)]
    assert touched["D"][0].volume == 3
    assert bars.fold([Trade(M0, 1.0, 1)]) == {}


def test_symbol_bars_start_empty() -> None:
    bars = SymbolBars()
    assert bars.current("1") is None
    assert bars.fold([]) == {}
