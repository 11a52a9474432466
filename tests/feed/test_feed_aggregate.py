"""Bar building: OHLCV of a bucket's trades, rolling to the next, one stream for every resolution."""

import pytest

from app.feed.aggregate import BarBuilder, SymbolBars
from generated.models import Bar, Trade

from .helpers import aggregate, ms, trade

M0 = ms("2024-06-10T10:00:00")


def test_a_bar_is_the_ohlcv_of_its_trades() -> None:
    bars = BarBuilder("1").fold(
        [trade(M0 + 5, "10.00", 3), trade(M0 + 10, "12.50", 1), trade(M0 + 20, "9.50", 2), trade(M0 + 59_999, "11", 4)]
    )
    assert bars == [Bar(time=M0, open=10.0, high=12.5, low=9.5, close=11.0, volume=10)]


def test_a_batch_crossing_a_boundary_returns_the_closed_bar_then_the_new_one() -> None:
    builder = BarBuilder("1")
    builder.fold([trade(M0 + 1, "10.00", 1)])
    bars = builder.fold([trade(M0 + 50_000, "11.00", 2), trade(M0 + 60_000, "12.00", 5)])
    assert bars == [
        Bar(time=M0, open=10.0, high=11.0, low=10.0, close=11.0, volume=3),
        Bar(time=M0 + 60_000, open=12.0, high=12.0, low=12.0, close=12.0, volume=5),
    ]
    assert builder.current == bars[-1]


def test_a_batch_opening_a_new_bar_does_not_repeat_the_old_one() -> None:
    builder = BarBuilder("1")
    builder.fold([trade(M0 + 1, "10.00", 1)])
    assert builder.fold([trade(M0 + 61_000, "12.00", 5)]) == [
        Bar(time=M0 + 60_000, open=12.0, high=12.0, low=12.0, close=12.0, volume=5)
    ]


def test_no_trades_no_bars() -> None:
    builder = BarBuilder("5")
    assert builder.fold([]) == []
    assert builder.current is None


def test_a_trade_older_than_the_forming_bar_is_a_bug() -> None:
    builder = BarBuilder("1")
    builder.fold([trade(M0 + 60_000, "10.00", 1)])
    with pytest.raises(ValueError, match="older"):
        builder.fold([trade(M0, "10.00", 1)])


def test_every_resolution_folds_the_same_trades() -> None:
    trades = [trade(M0 + i * 17_000, f"{100 + (i % 7) - (i % 3)}.{i % 100:02d}", 1 + i % 5) for i in range(200)]
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
    assert day.volume == sum(int(t.size) for t in trades)
    assert (day.open, day.close) == (float(trades[0].price), float(trades[-1].price))


def test_late_trades_are_dropped_for_every_resolution() -> None:
    bars = SymbolBars()
    bars.fold([trade(M0 + 120_000, "10.00", 1)])
    touched = bars.fold([trade(M0 + 30_000, "99.00", 50), trade(M0 + 121_000, "11.00", 2)])
    assert touched["1"] == [Bar(time=M0 + 120_000, open=10.0, high=11.0, low=10.0, close=11.0, volume=3)]
    assert touched["D"][0].volume == 3
    assert bars.fold([trade(M0, "1.00", 1)]) == {}


def test_symbol_bars_start_empty() -> None:
    bars = SymbolBars()
    assert bars.current("1") is None
    assert bars.fold([]) == {}


def test_the_prices_are_the_trades_decimal_strings_read_as_floats() -> None:
    [bar] = BarBuilder("1").fold([trade(M0, "150.10", 7), trade(M0 + 1, "0.30", 1), trade(M0 + 2, "150.2", 2)])
    assert bar == Bar(time=M0, open=150.1, high=150.2, low=0.3, close=150.2, volume=10)


def test_the_specs_trade_models_fold_like_the_markets_trades() -> None:
    """What subscribers of `trades:*` receive makes the same bars as the feed's own trades."""
    ours = [trade(M0 + i * 7_000, f"{50 + i % 4}.{i * 7 % 100:02d}", 1 + i % 9, id=i) for i in range(40)]
    wire = [Trade(**t._asdict()) for t in ours]
    assert SymbolBars().fold(wire) == SymbolBars().fold(ours)
