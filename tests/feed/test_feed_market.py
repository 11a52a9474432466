"""Market: the book and its trades are a pure function of (symbol, time), plausible, and a
small-step walk; trades are taker orders at the touch of the book."""

import json
import os
import re
import subprocess
import sys
from decimal import Decimal
from itertools import pairwise
from pathlib import Path

import pytest

from app.feed.book import Book
from app.feed.market import LEVELS, SEGMENT_BITS, SLOT_MS, Market, Trade

from .helpers import ms

T0 = ms("2024-03-31T23:50:00")
REPO = Path(__file__).resolve().parents[2]
DECIMAL = re.compile(r"^(0|[1-9][0-9]{0,17})(\.[0-9]{1,12})?$")  # the spec's Decimal
CENTS = re.compile(r"^[1-9][0-9]*\.[0-9]{2}$")
SHARES = re.compile(r"^[1-9][0-9]*$")
SYMBOLS = ["AAPL", "MSFT", "^GSPC", "BRK.B", "BTC-USD"]


def _books(market: Market, start: int, end: int, every: int = 250) -> list[Book]:
    return [market.book_at(at) for at in range(start, end, every)]


# ---- determinism ----------------------------------------------------------------------------


def test_same_symbol_gives_the_same_trades_and_books_in_every_instance() -> None:
    one, two = Market("AAPL"), Market("AAPL")
    assert one.trades(T0, T0 + 60_000) == two.trades(T0, T0 + 60_000)
    assert _books(one, T0, T0 + 60_000) == _books(two, T0, T0 + 60_000)


def test_different_symbols_trade_differently() -> None:
    apple, msft = Market("AAPL").trades(T0, T0 + 60_000), Market("MSFT").trades(T0, T0 + 60_000)
    assert [t.price for t in apple] != [t.price for t in msft]
    assert [t.time for t in apple] != [t.time for t in msft]


def test_trades_and_books_do_not_depend_on_how_time_is_walked() -> None:
    # A worker that started earlier, or steps differently, sees exactly the same market.
    fresh = Market("BRK.B")
    whole = fresh.trades(T0, T0 + 30_000)
    books = _books(fresh, T0, T0 + 30_000, every=333)
    walker = Market("BRK.B")
    walker.trades(T0 - 3 * 86_400_000, T0 - 3 * 86_400_000 + 10_000)  # another anchor segment
    walker.trades(T0 - 3_600_000, T0 - 3_000_000)  # earlier history, a different bisection path
    walker.book_at(T0 + 3_600_000)  # a book far ahead: other levels drawn and remembered
    pieces: list[Trade] = []
    for start in range(T0, T0 + 30_000, 777):
        pieces += walker.trades(start, min(start + 777, T0 + 30_000))
    assert pieces == whole
    assert [walker.book_at(at) for at in reversed(range(T0, T0 + 30_000, 333))] == books[::-1]


def test_each_trade_falls_in_exactly_one_of_two_adjoining_windows() -> None:
    market = Market("BRK.B")
    whole = market.trades(T0, T0 + 5_000)
    for trade in whole:  # split right at a trade: it belongs to the later window only
        assert market.trades(T0, trade.time) + market.trades(trade.time, T0 + 5_000) == whole
        assert market.trades(trade.time, trade.time + 1) == [trade]


def test_the_market_does_not_depend_on_the_python_hash_seed() -> None:
    script = (
        "import json; from app.feed.market import Market; m = Market('ES=F'); "
        f"print(json.dumps([m.trades({T0}, {T0 + 5_000}), m.book_at({T0 + 5_000})]))"
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
    market = Market("ES=F")
    here = json.loads(json.dumps([market.trades(T0, T0 + 5_000), market.book_at(T0 + 5_000)]))
    for run in runs:
        out, _ = run.communicate(timeout=30)
        assert json.loads(out) == here


# ---- the book -------------------------------------------------------------------------------


@pytest.mark.parametrize("symbol", SYMBOLS)
def test_the_book_is_sorted_uncrossed_and_deep_enough_for_every_view(symbol: str) -> None:
    for book in _books(Market(symbol), T0, T0 + 120_000, every=97):
        bids, asks = [price for price, _ in book.bids], [price for price, _ in book.asks]
        assert bids == sorted(bids, reverse=True) and len(set(bids)) == len(bids)
        assert asks == sorted(asks) and len(set(asks)) == len(asks)
        assert bids[0] < asks[0]  # best bid below best ask
        assert len(bids) >= 50 and len(asks) >= 50  # depth 50 is always full
        assert len(bids) <= LEVELS and len(asks) <= LEVELS
        assert all(isinstance(size, int) and size >= 1 for _, size in (*book.bids, *book.asks))


@pytest.mark.parametrize("symbol", SYMBOLS)
def test_the_top_is_decimal_strings_at_the_tick_and_lot(symbol: str) -> None:
    for book in _books(Market(symbol), T0, T0 + 60_000, every=1_000):
        top = book.top()
        assert all(DECIMAL.match(text) for text in top)
        assert CENTS.match(top.bid) and CENTS.match(top.ask)
        assert SHARES.match(top.bid_size) and SHARES.match(top.ask_size)
        assert Decimal(top.bid) * 100 == book.bids[0][0] and Decimal(top.ask) * 100 == book.asks[0][0]
        assert (int(top.bid_size), int(top.ask_size)) == (book.bids[0][1], book.asks[0][1])


def test_the_resting_book_straddles_the_path_one_to_three_ticks_wide() -> None:
    """(After a trade that emptied the best level the spread is wider, until the next slot.)"""
    market = Market("AAPL")
    spreads = set()
    for slot in range(T0 // SLOT_MS, T0 // SLOT_MS + 600, 7):
        book = market.resting(slot)
        spreads.add(book.asks[0][0] - book.bids[0][0])
        mid = market.price_at(slot) * 100  # the path, rounded to a cent
        assert book.bids[0][0] - 1e-6 <= mid <= book.asks[0][0] + 1e-6
    assert spreads == {1, 2, 3}


def test_levels_churn_a_few_at_a_time() -> None:
    """Most of the book stays from one step to the next; some levels change, every step."""
    market = Market("TSLA")
    changes = []
    for before, after in pairwise(_books(market, T0, T0 + 60_000)):
        levels_before, levels_after = set(before.bids + before.asks), set(after.bids + after.asks)
        changes.append(len(levels_before ^ levels_after))
    assert 0 < sum(changes) / len(changes) < 0.25 * 2 * LEVELS


def test_a_trade_takes_its_size_from_the_book() -> None:
    """The book just after a trade is the book just before it minus what the trade took."""
    market = Market("AAPL")
    trades = [t for t in market.trades(T0, T0 + 60_000) if (t.time + 1) % SLOT_MS]  # "after" in its slot
    assert len(trades) > 300
    emptied = 0
    for trade in trades:
        before, after = market.book_at(trade.time), market.book_at(trade.time + 1)
        hit, untouched = ("asks", "bids") if trade.side == "buy" else ("bids", "asks")
        assert getattr(after, untouched) == getattr(before, untouched)
        (price, size), rest = getattr(before, hit)[0], getattr(before, hit)[1:]
        left = size - int(trade.size)
        assert getattr(after, hit) == (((price, left), *rest) if left else rest)
        emptied += not left
    assert emptied  # some orders take the whole best level: the touch moves


# ---- trades ---------------------------------------------------------------------------------


@pytest.mark.parametrize("symbol", SYMBOLS)
def test_every_trade_is_at_the_touch_for_at_most_the_size_resting_there(symbol: str) -> None:
    market = Market(symbol)
    trades = market.trades(T0, T0 + 120_000)
    assert {t.side for t in trades} == {"buy", "sell"}
    for trade in trades:
        book = market.book_at(trade.time)  # the instant of the trade: just before it
        price, size = book.asks[0] if trade.side == "buy" else book.bids[0]
        assert Decimal(trade.price) * 100 == price
        assert 1 <= int(trade.size) <= size


def test_trade_ids_rise_strictly_and_times_are_ms_in_the_window() -> None:
    trades = Market("EURUSD").trades(T0 + 33, T0 + 20_033)
    assert trades
    assert all(T0 + 33 <= t.time < T0 + 20_033 for t in trades)
    assert all(a.id < b.id and a.time < b.time for a, b in pairwise(trades))
    assert all(t.id == t.time // SLOT_MS for t in trades)  # the slot: ids rise across calls too


def test_trades_are_spec_trades() -> None:
    from generated.models import Trade as TradeModel

    for trade in Market("^GSPC").trades(T0, T0 + 120_000):
        assert TradeModel(**trade._asdict()).model_dump() == trade._asdict()
        assert CENTS.match(trade.price) and SHARES.match(trade.size)


def test_a_few_trades_per_quarter_second() -> None:
    counts = [len(Market("AAPL").trades(start, start + 250)) for start in range(T0, T0 + 600_000, 250)]
    assert 1.0 <= sum(counts) / len(counts) <= 4.0
    assert max(counts) <= 3  # at most one per 100 ms slot


def test_buys_and_sells_are_about_even_and_sizes_have_a_tail() -> None:
    trades = Market("AAPL").trades(T0, T0 + 600_000)
    buys = sum(t.side == "buy" for t in trades)
    assert 0.45 < buys / len(trades) < 0.55
    sizes = sorted(int(t.size) for t in trades)
    assert 60 < sizes[len(sizes) // 2] < 160  # the median order, about 100 shares
    assert sizes[-1] > 1_000


# ---- the path -------------------------------------------------------------------------------


def test_base_prices_are_plausible_and_spread_out() -> None:
    prices = [Market(f"SYM{i}").base_price for i in range(200)]
    assert all(10 <= price < 500 for price in prices)
    assert min(prices) < 30
    assert max(prices) > 200


def test_the_price_walks_in_small_steps() -> None:
    trades = Market("TSLA").trades(T0, T0 + 3_600_000)
    prices = [float(t.price) for t in trades]
    moves = [abs(b / a - 1) for a, b in pairwise(prices)]
    assert max(moves) < 0.003
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
    assert market.resting(boundary).bids[0][0] - market.resting(boundary - 1).bids[0][0] in range(-3, 4)
