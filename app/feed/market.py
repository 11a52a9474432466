"""A synthetic market: the same book and trades for a symbol in every process, at any start time.

Time is cut into slots of `SLOT_MS`. Everything about a slot (the book resting at its start,
whether a taker order arrives, when, on which side, for how many shares) is drawn from a stable
hash of the symbol and the slot index, never from Python's salted `hash()` or a shared random
state. So two workers, or a worker that started watching later, see the identical market: it is
a function of (symbol, time) only.

The price is a geometric Brownian path built by Lévy's midpoint construction: log-price
values at "anchors" every 2**SEGMENT_BITS slots are independent draws around the symbol's base
price, and the value at any slot is reached by bisecting its segment, each midpoint drawn
from the Brownian-bridge law given its two ends. That costs O(SEGMENT_BITS) hashes per slot
and needs no history, yet consecutive slots move by a small random step like a walk.

The book rests around the path: its best bid and ask straddle the path's price at a spread of
one to three ticks (redrawn every `SPREAD_SLOTS`), and behind them sit `LEVELS` levels per side,
each price present or not, with a size, redrawn every `CHURN_SLOTS` slots (each price at its own
phase, so a few levels change at a time). A slot's taker order executes at the touch (a buy at
the best ask, a sell at the best bid) for at most the size resting there: trade prices and sizes
follow the book, and the book just after a trade is the book minus what it took.
"""

import hashlib
import math
import struct
from statistics import NormalDist
from typing import Literal, NamedTuple

from .book import TICKS_PER_UNIT, Book, Level, price_text

SLOT_MS = 100
"""At most one trade per slot; with TRADE_PROBABILITY 0.7 about seven trades a second."""
TRADE_PROBABILITY = 0.7
SKETCH_POINTS = 4
"""Points of the path a sketched bucket reads (see `Market.sketch`)."""
SKETCH_EDGE_TICKS = 1.25
"""How far beyond the path's extremes a bucket's trades reach: buys lift the ask and sells hit
the bid, half a spread away, and over a bucket the extremes meet the wider spreads (measured:
with it, sketched ranges are those of the trades within 10 % at any price)."""
SEGMENT_BITS = 20
"""Anchors every 2**20 slots (about 29 hours)."""
SIGMA_PER_SLOT = 0.001 / math.sqrt(60_000 / SLOT_MS)
"""Log-price volatility of one slot: about 0.1 % per minute, a lively but plausible stock."""
LEVELS = 60
"""Levels per side: enough for the deepest view (50)."""
LEVEL_PRESENCE = 0.8
"""The chance that a price behind the touch has a level: books have gaps."""
CHURN_SLOTS = 30
"""A level's size (and whether it is there) is redrawn every 3 s, each price at its own phase."""
SPREAD_SLOTS = 10
"""The spread is redrawn every second."""
SPREADS = (1, 1, 1, 2, 2, 3)
"""Spreads in ticks, equally likely."""
LEVEL_MEDIAN, LEVEL_SIGMA = 400, 0.8
"""Resting sizes are log-normal: median 400 shares."""
TRADE_MEDIAN, TRADE_SIGMA = math.exp(4.6), 1.1
"""Taker orders are log-normal too: median about 100 shares, a long tail of blocks."""
# With anchors this spread, the path's variance is the same at anchors and midpoints.
_ANCHOR_SIGMA = SIGMA_PER_SLOT * math.sqrt(2**SEGMENT_BITS / 2)
_SEGMENT_SLOTS = 1 << SEGMENT_BITS
_MIN_PRICE, _MAX_PRICE = 10.0, 500.0
_NORMAL = NormalDist()
_BID, _ASK = 0, 1
_LEVEL_CACHE = 8192
"""Level draws a market remembers (it forgets them all past this: they are redrawn alike)."""

Side = Literal["buy", "sell"]


class Trade(NamedTuple):
    """One trade as the spec's `Trade` carries it: `id` (its slot, so ids rise strictly), `time`
    (Unix ms), `price` and `size` as decimal strings, and the taker's `side`."""

    id: int
    time: int
    price: str
    size: str
    side: Side


class Sketch(NamedTuple):
    """A bucket's OHLCV drawn from the path without its trades (see `Market.sketch`)."""

    open: float
    high: float
    low: float
    close: float
    volume: int


class _Span(NamedTuple):
    """Slots [lo, hi) of a segment with the path's values at both ends."""

    lo: int
    hi: int
    value_lo: float
    value_hi: float


class Market:
    """The deterministic book and trades of one symbol."""

    def __init__(self, symbol: str) -> None:
        self.symbol = symbol
        # Length-prefixed so that no (symbol, suffix) pair hashes like another one.
        encoded = symbol.encode()
        self._seed = hashlib.blake2b(struct.pack(">I", len(encoded)) + encoded, digest_size=24)
        self._segment = -1
        self._path: list[_Span] = []
        # Log-uniform in [10, 500): as many $10-50 symbols as $100-500 ones.
        base, phase, _ = self._uniforms(b"p", 0, 0)
        self.base_price = _MIN_PRICE * math.pow(_MAX_PRICE / _MIN_PRICE, base)
        # Each price's churn phase: an odd multiplier spreads neighbouring prices over the cycle.
        self._phase_step = 2 * int(phase * CHURN_SLOTS) + 1
        self._touch_of: tuple[int, tuple[int, int]] = (-1, (0, 0))
        self._levels: dict[tuple[int, int], tuple[int, bool, int]] = {}

    # ---- trades ---------------------------------------------------------------------------

    def trades(self, start_ms: int, end_ms: int) -> list[Trade]:
        """Every trade with `start_ms <= time < end_ms`, oldest first.

        Half-open windows let a caller walk time in steps of any size and see each trade once.
        """
        found: list[Trade] = []
        for slot in range(start_ms // SLOT_MS, -(-end_ms // SLOT_MS)):
            trade = self.trade_in(slot)
            if trade is not None and start_ms <= trade.time < end_ms:
                found.append(trade)
        return found

    def trade_in(self, slot: int) -> Trade | None:
        """The trade of one slot, if a taker order arrives in it: at the touch of the book resting
        at the slot's start, for at most the size resting there."""
        happens, when, size = self._uniforms(b"t", slot, 0)
        if happens >= TRADE_PROBABILITY:
            return None
        buy = happens < TRADE_PROBABILITY / 2  # given a trade, happens / 0.7 is uniform again
        bid, ask = self._touch(slot)
        price = ask if buy else bid
        resting = self._level(_ASK if buy else _BID, price, slot)[1]
        filled = min(_trade_size(size), resting)
        time = slot * SLOT_MS + int(when * SLOT_MS)
        return Trade(slot, time, price_text(price), str(filled), "buy" if buy else "sell")

    # ---- the book -------------------------------------------------------------------------

    def book_at(self, ms: int) -> Book:
        """The book at the instant `ms`: the slot's resting book, minus what the slot's trade
        took if it happened before `ms` (as `trades` counts: a trade at `ms` has not yet)."""
        slot = ms // SLOT_MS
        book = self.resting(slot)
        trade = self.trade_in(slot)
        if trade is None or trade.time >= ms:
            return book
        if trade.side == "buy":
            return Book(book.bids, _take(book.asks, int(trade.size)))
        return Book(_take(book.bids, int(trade.size)), book.asks)

    def resting(self, slot: int) -> Book:
        """The book at the start of `slot`, before its trade: the touch around the path, then
        the next present prices of each side, `LEVELS` per side."""
        bid, ask = self._touch(slot)
        return Book(self._side(_BID, bid, -1, slot), self._side(_ASK, ask, 1, slot))

    def _side(self, side: int, touch: int, step: int, slot: int) -> tuple[Level, ...]:
        """The touch (always there), then the next LEVELS - 1 present prices away from it."""
        levels: list[Level] = []
        cache, phase_step, offset = self._levels, self._phase_step, slot + side * (CHURN_SLOTS // 2)
        price = touch
        # 4 x LEVELS candidates: with LEVEL_PRESENCE 0.8 fewer than LEVELS present never happens.
        for _ in range(4 * LEVELS):
            if len(levels) == LEVELS or price <= 0:
                break
            # (The body of `_level`, inlined: this loop is most of the feed's CPU.)
            window = (offset + price * phase_step) // CHURN_SLOTS
            drawn = cache.get((side, price))
            if drawn is None or drawn[0] != window:
                drawn = self._draw(side, price, window)
            if drawn[1] or price == touch:
                levels.append((price, drawn[2]))
            price += step
        return tuple(levels)

    def _touch(self, slot: int) -> tuple[int, int]:
        """Best bid and ask in ticks at `slot`: `spread` ticks apart, straddling the path."""
        if self._touch_of[0] == slot:
            return self._touch_of[1]
        mid = self.base_price * math.exp(self._log_offset(slot)) * TICKS_PER_UNIT
        spread = SPREADS[int(self._uniforms(b"s", slot // SPREAD_SLOTS, 0)[0] * len(SPREADS))]
        bid = max(1, math.floor(mid + (1 - spread) / 2))
        self._touch_of = (slot, (bid, bid + spread))
        return bid, bid + spread

    def _level(self, side: int, price: int, slot: int) -> tuple[bool, int]:
        """Whether `price` has a level on `side` at `slot`, and its size (drawn either way): both
        redrawn every CHURN_SLOTS, each price at its own phase."""
        window = (slot + side * (CHURN_SLOTS // 2) + price * self._phase_step) // CHURN_SLOTS
        drawn = self._levels.get((side, price))
        if drawn is None or drawn[0] != window:
            drawn = self._draw(side, price, window)
        return drawn[1], drawn[2]

    def _draw(self, side: int, price: int, window: int) -> tuple[int, bool, int]:
        if len(self._levels) >= _LEVEL_CACHE:
            self._levels.clear()
        there, size, _ = self._uniforms(b"LB"[side : side + 1], price, window)
        shares = max(1, round(LEVEL_MEDIAN * math.exp(LEVEL_SIGMA * _NORMAL.inv_cdf(size))))
        drawn = self._levels[(side, price)] = (window, there < LEVEL_PRESENCE, shares)
        return drawn

    # ---- history -------------------------------------------------------------------------

    def sketch(self, start_ms: int, end_ms: int) -> Sketch:
        """The bucket [start_ms, end_ms) of the same path, for history from before the feed
        started: a day holds ~600,000 trades, too many to replay. Open and close are the path
        at the bucket's ends and high and low are each drawn, like the volume, from a pure
        function of (symbol, time): the extremes of the Brownian bridge between SKETCH_POINTS
        points of the path, from their exact law, widened by `SKETCH_EDGE_TICKS` since trades
        happen at the touch, beyond the path. So any process draws the same bars."""
        first, last = start_ms // SLOT_MS, -(-end_ms // SLOT_MS) - 1
        slots = sorted({first + (last - first) * i // (SKETCH_POINTS - 1) for i in range(SKETCH_POINTS)})
        values = [self._log_offset(slot) for slot in slots]
        high, low = max(values), min(values)
        for lo, hi, a, b in zip(slots, slots[1:], values, values[1:], strict=False):
            # The maximum M of a bridge from a to b over n slots: P(M > m) = exp(-2 (m-a)(m-b) / (σ² n)).
            up, down, _ = self._uniforms(b"x", lo, hi)
            reach = 2 * SIGMA_PER_SLOT**2 * (hi - lo)
            high = max(high, (a + b + math.sqrt((a - b) ** 2 - reach * math.log(up))) / 2)
            low = min(low, (a + b - math.sqrt((a - b) ** 2 - reach * math.log(down))) / 2)
        trades = (last - first + 1) * TRADE_PROBABILITY
        typical = _MEAN_FILL
        noise = math.exp(0.3 * self._normal(b"v", first, last))
        edge = SKETCH_EDGE_TICKS / TICKS_PER_UNIT
        return Sketch(
            round(self.base_price * math.exp(values[0]), 2),
            round(self.base_price * math.exp(high) + edge, 2),
            round(self.base_price * math.exp(low) - edge, 2),
            round(self.base_price * math.exp(values[-1]), 2),
            max(1, round(trades * typical * noise)),
        )

    # ---- the path -------------------------------------------------------------------------

    def price_at(self, slot: int) -> float:
        """The price of the path at a slot, rounded to a cent like a quoted price."""
        return round(self.base_price * math.exp(self._log_offset(slot)), 2)

    def _log_offset(self, slot: int) -> float:
        """The path's log-price offset from the base price at `slot` (Lévy bisection)."""
        segment, target = divmod(slot, _SEGMENT_SLOTS)
        path = self._descent_in(segment)
        # Climb to the deepest known span holding the target (the root always does), so
        # consecutive slots reuse all but a couple of midpoints.
        while not path[-1].lo <= target < path[-1].hi:
            path.pop()
        lo, hi, value_lo, value_hi = path[-1]
        while target != lo:
            mid = (lo + hi) // 2
            # A Brownian bridge over n slots has variance n/4 at its midpoint.
            spread = SIGMA_PER_SLOT * math.sqrt(hi - lo) / 2
            value_mid = (value_lo + value_hi) / 2 + spread * self._normal(b"m", segment, mid)
            if target < mid:
                hi, value_hi = mid, value_mid
            else:
                lo, value_lo = mid, value_mid
            path.append(_Span(lo, hi, value_lo, value_hi))
        return value_lo

    def _descent_in(self, segment: int) -> list[_Span]:
        """The spans of the last bisection, restarted at the root for a new segment."""
        if self._segment != segment:
            self._segment = segment
            self._path = [_Span(0, _SEGMENT_SLOTS, self._anchor(segment), self._anchor(segment + 1))]
        return self._path

    def _anchor(self, segment: int) -> float:
        return _ANCHOR_SIGMA * self._normal(b"a", segment, 0)

    def _normal(self, tag: bytes, a: int, b: int) -> float:
        return _NORMAL.inv_cdf(self._uniforms(tag, a, b)[0])

    def _uniforms(self, tag: bytes, a: int, b: int) -> tuple[float, float, float]:
        """Three uniforms in (0, 1), a pure function of (symbol, tag, a, b)."""
        hasher = self._seed.copy()
        hasher.update(tag + struct.pack(">qq", a, b))
        digest = hasher.digest()
        return _unit(digest[0:8]), _unit(digest[8:16]), _unit(digest[16:24])


def _unit(chunk: bytes) -> float:
    """53 random bits -> a float strictly inside (0, 1), so inv_cdf never sees 0 or 1."""
    return ((int.from_bytes(chunk, "big") >> 11) + 0.5) / 2**53


def _trade_size(uniform: float) -> int:
    """A taker order's shares: median about 100, a long tail of block trades."""
    return max(1, round(TRADE_MEDIAN * math.exp(TRADE_SIGMA * _NORMAL.inv_cdf(uniform))))


def _take(levels: tuple[Level, ...], shares: int) -> tuple[Level, ...]:
    """A side after a trade took `shares` of its best level (the level goes when emptied)."""
    (price, size), rest = levels[0], levels[1:]
    return rest if shares >= size else ((price, size - shares), *rest)


def _mean_fill(points: int = 400) -> float:
    """The mean size of a trade: a log-normal order capped by the log-normal size resting at the
    touch. E[min(X, y)] has a closed form; it is averaged over quantiles of the resting size."""
    mu, sigma = math.log(TRADE_MEDIAN), TRADE_SIGMA
    total = 0.0
    for i in range(points):
        y = LEVEL_MEDIAN * math.exp(LEVEL_SIGMA * _NORMAL.inv_cdf((i + 0.5) / points))
        below = math.exp(mu + sigma**2 / 2) * _NORMAL.cdf((math.log(y) - mu - sigma**2) / sigma)
        total += below + y * (1 - _NORMAL.cdf((math.log(y) - mu) / sigma))
    return total / points


_MEAN_FILL = _mean_fill()
