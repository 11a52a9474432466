"""Market: trades are a pure function of (symbol, time), plausible, and a small-step walk."""

import json
import os
import subprocess
import sys
from itertools import pairwise
from pathlib import Path

from app.feed.market import SEGMENT_BITS, SLOT_MS, Market, Trade

from .helpers import ms

T0 = ms("2024-03-31T23:50:00")
REPO = Path(__file__).resolve().parents[2]


def test_same_symbol_gives_the_same_trades_in_every_instance() -> None:
    assert Market("AAPL").trades(T0, T0 + 60_000) == Market("AAPL").trades(T0, T0 + 60_000)


def test_different_symbols_trade_differently() -> None:
    apple, msft = Market("AAPL").trades(T0, T0 + 60_000), Market("MSFT").trades(T0, T0 + 60_000)
    assert [t.price for t in apple] != [t.price for t in msft]
    assert [t.ts_ms for t in apple] != [t.ts_ms for t in msft]


def test_trades_do_not_depend_on_how_time_is_walked() -> None:
    # A worker that started earlier, or steps differently, sees exactly the same trades.
    whole = Market("BRK.B").trades(T0, T0 + 30_000)
    walker = Market("BRK.B")
    walker.trades(T0 - 3 * 86_400_000, T0 - 3 * 86_400_000 + 10_000)  # another anchor segment
    walker.trades(T0 - 3_600_000, T0 - 3_000_000)  # earlier history, a different bisection path
    pieces: list[Trade] = []
    for start in range(T0, T0 + 30_000, 777):
        pieces += walker.trades(start, min(start + 777, T0 + 30_000))
    assert pieces == whole


def test_each_trade_falls_in_exactly_one_of_two_adjoining_windows() -> None:
    market = Market("BRK.B")
    whole = market.trades(T0, T0 + 5_000)
    for trade in whole:  # split right at a trade: it belongs to the later window only
        assert market.trades(T0, trade.ts_ms) + market.trades(trade.ts_ms, T0 + 5_000) == whole
        assert market.trades(trade.ts_ms, trade.ts_ms + 1) == [trade]


def test_trades_do_not_depend_on_the_python_hash_seed() -> None:
    script = (
        f"import json; from app.feed.market import Market; print(json.dumps(Market('ES=F').trades({T0}, {T0 + 5_000})))"
    )
    runs = [
        subprocess.Popen(
            [sys.executable, "-c", script],
            cwd=REPO,
            env={**os.environ, "PYTHONHASHSEED": seed},
            stdout=subprocess.PIPE,
            text=True,
        )
        for seed in ("1", "2")
    ]
    here = [list(trade) for trade in Market("ES=F").trades(T0, T0 + 5_000)]
    for run in runs:
        out, _ = run.communicate(timeout=30)
        assert json.loads(out) == here


def test_trades_lie_in_the_window_in_time_order() -> None:
    trades = Market("EURUSD").trades(T0 + 33, T0 + 20_033)
    assert trades
    assert all(T0 + 33 <= t.ts_ms < T0 + 20_033 for t in trades)
    assert all(a.ts_ms < b.ts_ms for a, b in pairwise(trades))


def test_prices_are_positive_cents_and_sizes_positive_integers() -> None:
    for trade in Market("^GSPC").trades(T0, T0 + 120_000):
        assert trade.price > 0
        assert round(trade.price, 2) == trade.price
        assert isinstance(trade.size, int)
        assert trade.size >= 1


def test_a_few_trades_per_quarter_second() -> None:
    counts = [len(Market("AAPL").trades(start, start + 250)) for start in range(T0, T0 + 600_000, 250)]
    assert 1.0 <= sum(counts) / len(counts) <= 4.0
    assert max(counts) <= 4  # at most one per 100 ms slot


def test_base_prices_are_plausible_and_spread_out() -> None:
    prices = [Market(f"SYM{i}").base_price for i in range(200)]
    assert all(10 <= price < 500 for price in prices)
    assert min(prices) < 30
    assert max(prices) > 200


def test_the_price_walks_in_small_steps() -> None:
    trades = Market("AAPL").trades(T0, T0 + 3_600_000)
    moves = [abs(b.price / a.price - 1) for a, b in pairwise(trades)]
    assert max(moves) < 0.003
    prices = [t.price for t in trades]
    assert max(prices) / min(prices) > 1.002  # it does move
    assert len(set(prices)) > 30


def test_the_price_stays_near_its_base_over_months() -> None:
    market = Market("AAPL")
    day_slots = 86_400_000 // SLOT_MS
    prices = [market.price_at(T0 // SLOT_MS + day * day_slots + 12_345) for day in range(-60, 60)]
    assert all(0.7 < price / market.base_price < 1.4 for price in prices)
    assert len(set(prices)) > 100  # yet every day is somewhere else


def test_the_walk_is_continuous_across_anchor_segments() -> None:
    market = Market("TSLA")
    boundary = 7 << SEGMENT_BITS  # the first slot of a segment, where the bisection restarts
    before, at = market.price_at(boundary - 1), market.price_at(boundary)
    assert abs(at / before - 1) < 0.003
    assert market.trades((boundary - 50) * SLOT_MS, (boundary + 50) * SLOT_MS)
